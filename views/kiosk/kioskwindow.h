#pragma once

#include "domain/kiosksession.h"
#include "kioskservices.h"
#include "kiosksitecard.h"

#include <QTimer>
#include <QWidget>
#include <memory>

class QLabel;
class QStackedWidget;

namespace campdesk {

class InactivityFilter;
class KioskConfirmPage;
class KioskDatesPage;
class KioskFieldGuard;
class KioskGuestPage;
class KioskIdleOverlay;
class KioskLockdown;
class KioskExtrasPage;
class KioskMileagePage;
class KioskMyBookingPage;
class KioskPage;
class KioskPayPage;
class KioskPinPad;
class KioskSitesPage;
class KioskWaitlistPage;
class KioskUnavailablePage;
class KioskKeyboard;
class KioskWelcomePage;

// The walk-in kiosk: full screen, frameless, on top, and locked down (closing and the usual escape keys do
// nothing; only the hidden gesture plus the manager's PIN leaves). It walks a customer through booking and
// paying, finding, cancelling and reviewing their own booking, in Korean or English, and wipes everything
// a customer typed when they walk away.
class KioskWindow final : public QWidget
{
    Q_OBJECT
public:
    KioskWindow(const KioskServices& services, const KioskOptions& options, QWidget* parent = nullptr);
    ~KioskWindow() override;

    // Frameless, on top, full screen, with the key filter and the idle timer on.
    void enterKioskMode();
    // The kiosk's style sheet (kiosk.qss).
    static QString styleSheet();
    // Back to the welcome screen in the default language with everything the customer entered forgotten.
    void resetSession();
    // The database could not be reached: say so, and keep trying by ourselves.
    void showUnavailable();

    QStackedWidget* pages() const { return m_pages; }
    KioskPage* currentPage() const;
    InactivityFilter* inactivity() const { return m_inactivity; }
    KioskLockdown* lockdown() const { return m_lockdown; }
    KioskIdleOverlay* idleOverlay() const { return m_idleOverlay; }
    KioskPinPad* pinPad() const { return m_pinPad; }
    KioskSession* session() const { return m_session.get(); }
    BookingFlow* flow() const { return m_session->bookingFlow(); }
    // The last receipt file written (for tests and the log).
    QString lastReceiptPath() const { return m_lastReceiptPath; }

signals:
    // The manager's PIN was accepted; the window closes after this.
    void exitRequested();

protected:
    void closeEvent(QCloseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void showPage(QWidget* page);
    void showSites(const QList<KioskSiteOffer>& offers, const QDate& checkIn, const QDate& checkOut, int guests,
                   const QString& notice);
    void showReceipt(const Reservation& reservation, qint64 pointsEarned);
    // Adds the customer on the waitlist page to the waitlist for the dates and party they searched.
    void joinWaitlist();
    void showPaymentProblem(const KioskPaymentProblem& problem);
    void saveReceipt();
    // Deletes every receipt file this kiosk wrote: a reset leaves none behind.
    void removeReceipts();
    void findBooking(const QString& code, const QString& phone);
    void showBooking(const Reservation& reservation, const QString& phone, const QString& message = QString());
    void showCancelled(const Reservation& reservation);
    void submitReview(const QString& code, const QString& phone, int rating, const QString& text);
    void checkPin(const QString& pin);
    void becameIdle();
    void retryDatabase();
    // True (and the unavailable screen shown) when an error means the database is out of reach.
    bool handledAsUnavailable(const Error& error);

    KioskServices m_services;
    KioskOptions m_options;
    std::unique_ptr<KioskSession> m_session;
    QString m_cancelPhone; // the phone the booking being cancelled was found with
    QString m_lookupPhone; // the phone of the running look-up or review
    bool m_exitAllowed = false;
    QString m_lastReceiptPath;
    QStringList m_receiptFiles;

    QWidget* m_banner;
    QLabel* m_bannerText;
    QLabel* m_simulatedBadge;
    QWidget* m_body; // the banner and the pages, placed by hand: the keyboard slides it up
    QStackedWidget* m_pages;
    KioskWelcomePage* m_welcome;
    KioskDatesPage* m_dates;
    KioskSitesPage* m_sites;
    KioskWaitlistPage* m_waitlist;
    QDate m_sitesCheckIn; // what the sites page was showing, for the waitlist
    QDate m_sitesCheckOut;
    int m_sitesGuests = 0;
    KioskGuestPage* m_guest;
    KioskExtrasPage* m_extras;
    KioskMileagePage* m_mileage;
    KioskPayPage* m_pay;
    KioskConfirmPage* m_confirm;
    KioskMyBookingPage* m_myBooking;
    KioskUnavailablePage* m_unavailable;
    KioskKeyboard* m_keyboard = nullptr;
    KioskIdleOverlay* m_idleOverlay;
    KioskPinPad* m_pinPad;
    InactivityFilter* m_inactivity;
    KioskLockdown* m_lockdown;
    KioskFieldGuard* m_fieldGuard;
    QTimer m_retryTimer;
    int m_retryLeft = 0;
};

} // namespace campdesk
