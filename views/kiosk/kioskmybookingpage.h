#pragma once

#include "domain/reservation.h"
#include "kioskpage.h"

class QLineEdit;
class QStackedWidget;
class QTextEdit;

namespace campdesk {

class KioskSpinner;

// One booking as the customer who owns it may see it at the kiosk, with what they may do with it now.
struct KioskBookingDetails
{
    Reservation reservation;
    bool cancellable = false;
    qint64 refund = 0; // what cancelling now gives back
    int refundPercent = 0;
    qint64 pointsShortfall = 0; // points the booking earned and the customer spent since: off the refund
    bool canReview = false; // from the check-in day on, once per stay
    bool reviewed = false;
    qint64 mileageBalance = -1; // -1: not shown (a booking code and a phone do not prove the phone is yours)
    // A waitlist offer's held booking (issue 20): its site, dates and price, paid with "Pay now" by the hold's end.
    bool offer = false;
};

// "My booking": find by booking code and phone, see it, cancel it (refund shown first), review the stay,
// see the points balance.
class KioskMyBookingPage final : public KioskPage
{
    Q_OBJECT
public:
    explicit KioskMyBookingPage(LanguageManager& language, QWidget* parent = nullptr);

    void showDetails(const KioskBookingDetails& details);
    void setFindError(const QString& message);
    void setDetailsMessage(const QString& message);
    void setBusy(bool busy);
    const KioskBookingDetails& details() const { return m_details; }
    void clear() override;

signals:
    void back();
    void findRequested(const QString& code, const QString& phone);
    void cancelConfirmed(const QString& code, const QString& phone);
    void reviewSubmitted(const QString& code, const QString& phone, int rating, const QString& text);
    void payOfferRequested();

protected:
    void retranslate() override;

private:
    void setRating(int rating);
    void updateDetails();

    KioskBookingDetails m_details;
    QString m_phone; // as typed, kept only while the booking is shown
    int m_rating = 0;
    bool m_confirmingCancel = false;
    bool m_busy = false;
    QStackedWidget* m_stack;
    // find
    QWidget* m_findView;
    QLabel* m_codeLabel;
    QLineEdit* m_code;
    QLabel* m_phoneLabel;
    QLineEdit* m_phoneField;
    QLabel* m_findError;
    QPushButton* m_find;
    // details
    QWidget* m_detailsView;
    QLabel* m_summary;
    QLabel* m_mileage;
    QLabel* m_message;
    QLabel* m_cancelQuestion;
    QPushButton* m_cancel;
    QPushButton* m_cancelYes;
    QPushButton* m_cancelNo;
    QWidget* m_reviewBox;
    QLabel* m_reviewLabel;
    QList<QPushButton*> m_stars;
    QTextEdit* m_reviewText;
    QPushButton* m_submitReview;
    QPushButton* m_payOffer;
    QPushButton* m_back;
    KioskSpinner* m_busySpinner;
    QLabel* m_busyLabel;
};

} // namespace campdesk
