#pragma once

#include "domain/bookingflow.h"
#include "domain/campsite.h"
#include "domain/serviceflow.h"

#include <QDate>
#include <QObject>
#include <functional>

namespace campdesk {

class ReadModel;

// What the kiosk offers for the chosen dates: a free site, its price for the whole stay and its rating.
struct KioskSiteOffer
{
    Campsite site;
    qint64 total = 0; // won, all nights (with the party's extra persons and vehicles once they are known)
    QList<StayLine> lines; // what the total is made of, from the last quote
    int reviewCount = 0;
    double rating = 0; // average stars, 0 without reviews
};

// Why a payment did not end in a booking, and what the pay screen says about it.
struct KioskPaymentProblem
{
    enum class Kind {
        Pending, // the card company did not answer in time: "we are confirming your payment", no retry
        Busy, // payments are busy (breaker open): the fallback message, retry later
        Declined, // the card was declined: try another card
        Failed, // anything else: nothing to retry here
    };
    Kind kind = Kind::Failed;
    QString title;
    QString message;
    bool canRetry = false;
    int retryAfterSeconds = 0;
    Reservation reservation; // the held booking when Pending (its code goes to the front desk)
};

// One walk-in customer's booking at the kiosk, without widgets: the search (dates and party size), the chosen site,
// the guest's details, the payment and refunds (both off the GUI thread), and which screen an outcome leads to.
// The kiosk window shows screens and forwards to this; model tests drive it directly on both databases.
class KioskSession final : public QObject
{
    Q_OBJECT
public:
    // readModel (ratings on the offers) may be null.
    KioskSession(BookingService& bookings, PaymentGateway& gateway, ReadModel* readModel, QObject* parent = nullptr);
    ~KioskSession() override;

    const BookingRequest& request() const { return m_request; }
    const KioskSiteOffer& offer() const { return m_offer; }
    // Sends a text message to a phone (the kiosk's SMS channel); called on a worker thread, may block.
    using CodeSender = std::function<Status(const QString& phone, const QString& text)>;

    // A payment, a refund, a one-time code, a look-up or a review is waiting for its answer: nothing may be wiped
    // until it arrives.
    bool isBusy() const
    {
        return m_booking.isRunning() || m_refund.isRunning() || m_code.isRunning() || m_lookup.isRunning()
            || m_offerPayment.isRunning();
    }
    // Without a sender, points are used at the front desk only: the kiosk never shows or spends a balance.
    void setCodeSender(CodeSender sender) { m_codeSender = std::move(sender); }
    bool canVerifyPhone() const { return bool(m_codeSender); }
    // The guest's phone was proven with a one-time code during this session.
    bool phoneVerified() const;
    BookingFlow* bookingFlow() { return &m_booking; }
    ServiceFlow* refundFlow() { return &m_refund; }

    // Free sites for the stay, priced, in one read: sitesFound() or sitesProblem() / unavailable().
    void search(const QDate& checkIn, const QDate& checkOut, int guests, const QString& notice = QString());
    void chooseSite(const KioskSiteOffer& offer);
    // The guest's details: amountsReady() with the price (never the balance), or guestProblem() / unavailable().
    void enterGuest(const Customer& customer, int children = 0, int vehicles = 0);
    // The kiosk extras chosen (issue 19 item 3): the stay is quoted again with them; the offer's total and lines
    // follow. An error (sold out, no longer offered) leaves the choice as it was.
    Result<Quote> chooseExtras(const QList<ExtraChoice>& extras);
    // Sends a one-time code to the guest's phone, off the GUI thread: codeSent() or codeProblem() / unavailable().
    bool requestCode();
    // Checks the code, off the GUI thread: pointsUnlocked() with the balance, or codeProblem() / unavailable().
    bool verifyCode(const QString& code);
    // Books and pays using `points` (none unless the phone was proven): paying() now, then booked(), sitesFound() with
    // a notice (site taken meanwhile), paymentProblem() or unavailable(). False when a payment is already running.
    bool pay(qint64 points);
    // Pays again (the same points, or the same waitlist offer) after a problem the customer may retry.
    bool retryPayment() { return m_offerHeld.id > 0 ? payOffer() : pay(m_request.pointsToRedeem); }
    // Cancels the customer's own booking with its refund, off the GUI thread: cancelled() or cancelProblem() /
    // unavailable(). False when a payment or refund is already running.
    bool cancelBooking(const QString& code, const QString& phone);
    // Looks a booking up by code and phone, off the GUI thread (the look-up throttle is read and a miss written on
    // the worker): bookingFound(), offerFound() for a waitlist offer's held booking (issue 20), lookupProblem() with
    // the one answer for any miss or the wait (or why an offer can no longer be paid), or unavailable().
    // False when something is already running.
    bool findBooking(const QString& code, const QString& phone);
    // Pays the waitlist offer offerFound() showed, by its code and phone, off the GUI thread: paying() now, then
    // booked(), paymentProblem() or unavailable(). False when nothing was found or something is running.
    bool payOffer();
    const Reservation& heldOffer() const { return m_offerHeld; }
    // Files the review of a stay, off the GUI thread: reviewSent() with the booking as it is now, reviewProblem() or
    // unavailable(). False when something is already running.
    bool submitReview(const QString& code, const QString& phone, int rating, const QString& text);
    // Forgets everything the customer entered (the idle wipe). Does nothing while isBusy(): returns false.
    bool reset();

    // The database (not the payment service) is out of reach.
    static bool isUnavailable(const Error& error);

signals:
    void sitesFound(const QList<campdesk::KioskSiteOffer>& offers, const QDate& checkIn, const QDate& checkOut,
                    int guests, const QString& notice);
    void sitesProblem(const QString& message);
    void amountsReady(qint64 total);
    void codeSent();
    void codeProblem(const QString& message);
    void pointsUnlocked(qint64 balance);
    void guestProblem(const QString& message);
    void paying(qint64 payable);
    void booked(const campdesk::Reservation& reservation, qint64 pointsEarned);
    void paymentProblem(const campdesk::KioskPaymentProblem& problem);
    void refunding();
    void cancelled(const campdesk::Reservation& reservation);
    void cancelProblem(const QString& message);
    void unavailable(const campdesk::Error& error);
    void bookingFound(const campdesk::Reservation& reservation);
    void offerFound(const campdesk::Reservation& held);
    void lookupProblem(const QString& message);
    void reviewSent(const campdesk::Reservation& reservation);
    void reviewProblem(const QString& message);

private:
    void bookingFinished(const BookingOutcome& outcome);
    void refundFinished(const ServiceOutcome& outcome);
    void codeFinished(const ServiceOutcome& outcome);
    void lookupFinished(const ServiceOutcome& outcome);
    void offerPaymentFinished(const ServiceOutcome& outcome);
    KioskPaymentProblem problemFor(const BookingOutcome& outcome) const;

    BookingService& m_bookings;
    PaymentGateway& m_gateway;
    ReadModel* m_readModel;
    BookingFlow m_booking;
    ServiceFlow m_refund;
    ServiceFlow m_code; // one-time codes: the database write and the text message, on a worker
    ServiceFlow m_lookup; // the booking look-up and the review: throttle and review writes on a worker
    ServiceFlow m_offerPayment; // a waitlist offer's payment: the whole pay step on a worker
    bool m_reviewing = false; // what m_lookup is doing: a review (true) or a look-up (false)
    QString m_lookupPhone; // as typed for the running look-up
    Reservation m_offerHeld; // the waitlist offer found, until paid or the session is wiped
    QString m_offerPhone;
    CodeSender m_codeSender;
    bool m_checkingCode = false; // what m_code is doing: checking (true) or sending (false)
    QString m_verifiedPhone; // normalized; empty until a code was right
    BookingRequest m_request;
    KioskSiteOffer m_offer;
    bool m_heldThisAttempt = false;
};

} // namespace campdesk

Q_DECLARE_METATYPE(campdesk::KioskSiteOffer)
Q_DECLARE_METATYPE(campdesk::KioskPaymentProblem)
