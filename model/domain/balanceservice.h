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
    // A manager lets the guest in with the balance still owed, giving a reason (audited).
    Result<Reservation> checkInWithoutBalance(const Actor& actor, qint64 reservationId, const QString& reason);

    // quote() and hold(): with request.deposit, fills q.deposit and q.balanceDue by the rule. `actor` is null for a
    // quote. Invalid for the kiosk, with the rule off, with nothing to pay, or a fixed deposit above the amount.
    static Status applyDeposit(SqlSession& s, const Actor* actor, const BookingRequest& request, Quote& q);
    static void recordBalanceDue(Transaction& tx, qint64 reservationId, qint64 balanceDue);
    // moveStay(), before a check-in, with the reservation locked: settles `r`'s balance by `options` or refuses.
    static Status settleAtCheckIn(Transaction& tx, const Actor& actor, Reservation& r, const CheckInOptions& options);

private:
    struct Started
    {
        PaymentRequest request;
        qint64 paymentId = 0;
        QString provider;
        bool stale = false; // a pending balance payment left by an earlier attempt: looked up, not charged again
    };
    Result<Started> begin(const Actor& actor, qint64 reservationId, const PaymentGateway& gateway,
                          const QString& method);
    Result<Reservation> finish(const Actor& actor, qint64 reservationId, PaymentGateway& gateway,
                               const Started& started, const PaymentOutcome& outcome);
    void markFailed(qint64 paymentId, const QString& reason);

    BookingService& m_booking;
};

} // namespace campdesk
