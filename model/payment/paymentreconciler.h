#pragma once

#include "core/actor.h"
#include "core/result.h"
#include "domain/bookingservice.h"
#include "domain/paymentgateway.h"

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QTimer>

namespace campdesk {

class Database;

// Settles what the booking flow could not: asks the payment provider, by order id, about held reservations whose
// payment result never came back (approved -> confirm; never paid or cancelled there -> release the hold; another
// amount -> leave it and alert the manager), and about confirmed bookings, to find payments cancelled on the
// provider's side (-> cancel the booking), and about balance payments taken at check-in that got no answer
// (approved -> the balance is paid; never taken -> failed, the balance still due). Runs at start and on a timer;
// lookups run off the database's thread.
class PaymentReconciler final : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        int intervalMs = 60000;
        // A pending payment younger than this may still be waiting for its answer in the booking flow.
        qint64 minimumAgeMs = 60000;
        // Confirmed bookings checked for a cancellation at the provider per run, in turn.
        int sweepBatch = 20;
    };

    struct Report
    {
        int confirmed = 0; // held, found approved: now confirmed
        int released = 0; // held, found never paid or cancelled: hold released
        int cancelled = 0; // confirmed, found cancelled at the provider: booking cancelled
        int mismatched = 0; // approved for another amount: left as it is, manager alerted
        int unresolved = 0; // the provider could not tell (yet): asked again next time
        int refunded = 0; // owed money of a payment needing attention given back on a retry
        int changeRefunds = 0; // a change's partial refund whose answer was lost, found made and recorded
        int retryFailed = 0; // a retry of a payment needing attention failed again: tried later, with a longer pause
        int needAttention = 0; // newly flagged (e.g. the provider refunded another amount than asked)
        int claimsReleased = 0; // a cancel's refund claim left behind, the payment found not refunded: released
        int balancesPaid = 0; // a balance payment left pending, found approved: the balance recorded as paid
        int balancesFailed = 0; // a balance payment left pending, never taken: failed, the balance still due
    };

    // Reconciles payments made through `gateway` (by its provider()); booking and db must outlive this object,
    // which lives on the database's thread. The gateway must allow a call from a second thread while the booking
    // flow uses it (HttpPaymentGateway and BreakerGateway do).
    PaymentReconciler(Database& db, BookingService& booking, PaymentGateway& gateway, QObject* parent = nullptr);
    PaymentReconciler(Database& db, BookingService& booking, PaymentGateway& gateway, Config config,
                      QObject* parent = nullptr);
    ~PaymentReconciler() override;

    // Runs once soon and then every intervalMs, the lookups on a worker thread; finished() after each run.
    void start();
    void stop();
    bool isRunning() const { return m_watcher.isRunning(); }
    // One run on the calling thread, blocking while the provider answers: for tests and the command line.
    Result<Report> reconcileNow();

    static QString alertMarker() { return QStringLiteral("amount mismatch"); }

signals:
    void finished(const campdesk::PaymentReconciler::Report& report);
    void failed(const QString& message);

private:
    struct Candidate
    {
        qint64 reservationId = 0;
        qint64 paymentId = 0;
        QString orderId;
        QString code;
        qint64 amount = 0;
        bool held = false; // held with a pending payment; otherwise confirmed with an approved payment
        bool alreadyAlerted = false;
        bool owed = false; // a payment needing attention with money to give back: refund `amount` (a retry)
        QString providerTxId;
        bool retried = false; // held and flagged as paid without booking: retried with backoff
        qint64 claimedRefund = -1; // confirmed: the refund a cancel claimed and did not finish (refund_requested)
        bool balance = false; // a balance payment left pending (BalanceService): settled by BalanceService
        // Confirmed or checked in, with an approved payment: what the payment took, the partial refunds recorded
        // against it (a cheaper change, see ReservationChangeService), and whether its claim is a change's refund.
        qint64 paymentAmount = 0;
        qint64 partialRefunds = 0;
        bool changeClaim = false;
        // owed: the refund owed is a change's partial refund (the booking stands), asked with this key.
        bool changeRefund = false;
        QString refundKey;
        // One part of a cancel's or a no-show's refund across the booking's payments (refund_kind): claimed and not
        // answered (looked up with the other parts of its booking), or, owed, refused after another part was given
        // back (asked again).
        QString partKind;
        bool foreign = false; // a part through another provider: not looked up by this reconciler
    };

    void runInBackground();
    void applyBackground();
    Result<QList<Candidate>> candidates();
    static QList<PaymentOutcome> lookUp(PaymentGateway& gateway, const QList<Candidate>& candidates);
    Report apply(const QList<Candidate>& candidates, const QList<PaymentOutcome>& outcomes);
    void settleHeld(const Candidate& candidate, const PaymentOutcome& outcome, Report& report);
    void alertMismatch(const Candidate& candidate, const PaymentOutcome& outcome);
    void settleBalance(const Candidate& candidate, const PaymentOutcome& outcome, Report& report);
    void settleOwed(const Candidate& candidate, const PaymentOutcome& outcome, Report& report);
    void compareRefund(const Candidate& candidate, const PaymentOutcome& outcome, Report& report);
    void releaseStaleClaim(const Candidate& candidate, Report& report);
    void settlePartial(const Candidate& candidate, const PaymentOutcome& outcome, Report& report);
    void oweChangeRefund(const Candidate& candidate, Report& report);
    // The claimed parts of one booking's refund, with their lookups: decided together (decisions.md).
    void settleParts(const QList<Candidate>& parts, const QList<PaymentOutcome>& outcomes, Report& report);
    BookingService::RefundFinish partsFinish(const QString& kind, qint64 reservationId, const QString& orderId);
    void clearSettledFlags();

    Database& m_db;
    BookingService& m_booking;
    PaymentGateway& m_gateway;
    const Config m_config;
    const Actor m_actor = Actor::system(QStringLiteral("payment reconciler"));
    QTimer m_timer;
    QFutureWatcher<QList<PaymentOutcome>> m_watcher;
    QList<Candidate> m_inFlight;
    qint64 m_sweepAfterPaymentId = 0; // where the next sweep of confirmed bookings starts
};

} // namespace campdesk

Q_DECLARE_METATYPE(campdesk::PaymentReconciler::Report)
