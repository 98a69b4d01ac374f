#pragma once

#include "domain/bookingservice.h"
#include "domain/depositsettings.h"

#include <QCoreApplication>

namespace campdesk {

// Deposits and the balance due at check-in (issue 19 item 4). A desk booking may pay the deposit rule's amount
// through the usual hold -> pay -> confirm path; `reservations.amount` is then the deposit and `balance_due` the
// rest, which the desk takes when the guest arrives, in the check-in's own guarded transaction. The static hooks run
// inside BookingService's transactions.
class BalanceService
{
    Q_DECLARE_TR_FUNCTIONS(BalanceService)

public:
    explicit BalanceService(BookingService& booking);

    // Takes the balance through `gateway` (desk cash or card machine, or the card gateway; blocks) and checks the guest
    // in. The payment row is written pending first, so a second terminal taking the same balance is told it is being
    // taken (AlreadyDone); after the gateway's approval one transaction approves it, records the money and checks in.
    // A booking without a balance is simply checked in.
    Result<Reservation> payAndCheckIn(const Actor& actor, qint64 reservationId, PaymentGateway& gateway,
                                      const QString& method);
    // Takes the balance of a booking that still owes it without checking anyone in: before arrival, a guest let in
    // without it (checkInWithoutBalance), or at or after check-out. The same pending-row and guarded-update path as
    // payAndCheckIn, so of two terminals taking it at once one does (the other gets AlreadyDone). A booking that owes
    // nothing is AlreadyDone.
    Result<Reservation> payBalance(const Actor& actor, qint64 reservationId, PaymentGateway& gateway,
                                   const QString& method);
    // What settlePending() did with a balance payment left pending.
    enum class Settlement {
        Paid, // approved at the provider: the balance is recorded as paid (the guest is not checked in by it)
        Failed, // never taken: the payment failed, the balance stays due
        Refunded, // approved, but the booking no longer owes it (cancelled, changed): given back
        Mismatch, // approved for another amount: left for a person (the caller flags it)
        Unresolved, // the provider could not tell yet, or the money could not be given back (flagged)
    };
    // The payment reconciler's way to resolve a balance payment that got no answer (a crash, a timeout), as it does a
    // booking's: by what the provider says of its order id. Guarded like the check-in (the pending row is approved
    // once), so two reconcilers, or a reconciler and a late desk, settle it once (the other gets AlreadyDone).
    Result<Settlement> settlePending(const Actor& actor, qint64 paymentId, PaymentGateway& gateway,
                                     const PaymentOutcome& outcome);
    // A manager lets the guest in with the balance still owed, giving a reason (audited).
    Result<Reservation> checkInWithoutBalance(const Actor& actor, qint64 reservationId, const QString& reason);

    // quote() and hold(): with request.deposit, fills q.deposit and q.balanceDue by the rule. `actor` is null for a
    // quote. Invalid for the kiosk, with the rule off, with nothing to pay, or a fixed deposit above the amount.
    static Status applyDeposit(SqlSession& s, const Actor* actor, const BookingRequest& request, Quote& q);
    static void recordBalanceDue(Transaction& tx, qint64 reservationId, qint64 balanceDue);
    // moveStay(), before a check-in, with the reservation locked: settles `r`'s balance by `options` or refuses.
    static Status settleAtCheckIn(Transaction& tx, const Actor& actor, Reservation& r, const CheckInOptions& options);
    // Approves the pending balance payment `paymentId` (guarded: pending, for exactly r's balance), moves the balance
    // into the amount, earns its points and records the day's revenue and the events. AlreadyDone if settled meanwhile.
    static Status recordBalancePayment(Transaction& tx, const Actor& actor, Reservation& r, qint64 paymentId,
                                       const QString& providerTxId);

    // Fails a pending payment (never taken). Also a dearer change's charge (ReservationChangeService).
    void markFailed(qint64 paymentId, const QString& reason);
    // Cancels an approved, still pending payment at the provider and records it (compensation), or flags it when that
    // fails. Returns whether the money went back. Also a dearer change's charge that could not be used.
    bool giveBack(const Actor& actor, qint64 reservationId, qint64 paymentId, PaymentGateway& gateway,
                  const QString& orderId, const PaymentOutcome& outcome, const QString& reason);

private:
    struct Started
    {
        PaymentRequest request;
        qint64 paymentId = 0;
        QString provider;
        bool stale = false; // a pending balance payment left by an earlier attempt: looked up, not charged again
    };
    // checkIn: the balance is taken by the check-in (payAndCheckIn); else on its own (payBalance).
    Result<Reservation> take(const Actor& actor, qint64 reservationId, PaymentGateway& gateway, const QString& method,
                             bool checkIn);
    Result<Started> begin(const Actor& actor, qint64 reservationId, const PaymentGateway& gateway,
                          const QString& method, bool checkIn);
    Result<Reservation> finish(const Actor& actor, qint64 reservationId, PaymentGateway& gateway,
                               const Started& started, const PaymentOutcome& outcome, bool checkIn);
    // payBalance's own transaction once the gateway approved: the reservation locked and the payment recorded.
    Result<Reservation> recordPaid(const Actor& actor, qint64 reservationId, qint64 paymentId,
                                   const QString& providerTxId);
    QString paymentStatus(qint64 paymentId) const;

    BookingService& m_booking;
};

} // namespace campdesk
