#include "domain/balanceservice.h"

#include "core/logging.h"
#include "domain/mileageservice.h"
#include "domain/paymentattention.h"
#include "domain/paymentrecord.h"
#include "domain/readmodel.h"
#include "domain/reservationchange.h"
#include "domain/rulesettings.h"

#include <QLocale>
#include <QLoggingCategory>

namespace campdesk {

namespace {

// A pending balance payment younger than this may still be on its way to the gateway from another terminal: it is
// left alone. An older one was left by an attempt that got no answer, and is looked up before anything else.
constexpr qint64 staleAfterMs = 2 * 60 * 1000;

std::optional<Reservation> loadReservation(SqlSession& s, qint64 id)
{
    SqlRows q = s.exec(QStringLiteral("SELECT ") + Reservation::columns() + Reservation::tables()
                           + QStringLiteral(" WHERE r.id = ?"),
                       { id });
    if (!q.next())
        return std::nullopt;
    return Reservation::fromRow(q);
}

// The statuses in which a booking may still owe its balance: booked, on site (let in without it by a manager), or
// gone (checked out owing it).
bool owesBalance(ReservationStatus status)
{
    return status == ReservationStatus::Confirmed || status == ReservationStatus::CheckedIn
        || status == ReservationStatus::CheckedOut;
}

QString won(qint64 amount)
{
    return QLocale().toString(amount);
}

} // namespace

BalanceService::BalanceService(BookingService& booking)
    : m_booking(booking)
{
}

Status BalanceService::applyDeposit(SqlSession& s, const Actor* actor, const BookingRequest& request, Quote& q)
{
    q.deposit = q.payable;
    q.balanceDue = 0;
    if (!request.deposit)
        return {};
    const QString field = QStringLiteral("deposit");
    if (actor && actor->role == Role::Kiosk)
        return invalidInput(tr("The kiosk takes the full amount; a deposit is for desk and phone bookings."), field);
    const DepositRule rule = DepositSettings::load(s);
    if (rule.mode == DepositRule::Mode::Off)
        return invalidInput(tr("Deposits are turned off in Settings: take the full amount."), field);
    if (q.payable <= 0)
        return invalidInput(tr("There is nothing to pay, so there is no deposit."), field);
    const qint64 deposit = rule.depositFor(q.payable);
    if (deposit > q.payable) {
        return invalidInput(tr("The deposit (%1 won) is more than the amount to pay (%2 won): take the full amount.")
                                .arg(won(deposit), won(q.payable)),
                            field);
    }
    q.deposit = deposit;
    q.balanceDue = q.payable - deposit;
    return {};
}

void BalanceService::recordBalanceDue(Transaction& tx, qint64 reservationId, qint64 balanceDue)
{
    if (balanceDue > 0)
        tx.exec(QStringLiteral("UPDATE reservations SET balance_due = ? WHERE id = ?"), { balanceDue, reservationId });
}

Status BalanceService::recordBalancePayment(Transaction& tx, const Actor& actor, Reservation& r, qint64 paymentId,
                                            const QString& providerTxId)
{
    const qint64 now = tx.nowMs();
    const qint64 balance = r.balanceDue;
    // The guards: only the pending payment for exactly this balance is approved, and only an unchanged balance
    // becomes paid. Of two terminals, one does it.
    SqlRows paid = tx.exec(QStringLiteral("UPDATE payments SET status = 'approved', provider_tx_id = ?, "
                                          "approved_at = ?, updated_at = ? WHERE id = ? AND reservation_id = ? "
                                          "AND status = 'pending' AND amount = ? RETURNING order_id, provider, "
                                          "method"),
                           { providerTxId, now, now, paymentId, r.id, balance });
    if (!paid.next())
        return Error(ErrorCode::AlreadyDone,
                     tr("The balance payment of booking %1 is no longer waiting for its result.").arg(r.code));
    const QString orderId = paid.value(0).toString();
    const QString provider = paid.value(1).toString();
    const QString method = paid.value(2).toString();
    paid.finish();
    SqlRows settled = tx.exec(QStringLiteral("UPDATE reservations SET amount = amount + ?, balance_due = 0, "
                                             "updated_at = ? WHERE id = ? AND balance_due = ? RETURNING id"),
                              { balance, now, r.id, balance });
    if (!settled.next())
        return Error(ErrorCode::AlreadyDone, tr("The balance of booking %1 is already paid.").arg(r.code));
    settled.finish();
    // Points on what is paid now; the deposit's were earned at booking. The ledger's CHECK has no reason of
    // its own for this, so it is an 'adjust' row keyed by the booking (unique: earned once).
    DailyDelta stats;
    stats.revenue = balance;
    const qint64 earned = RuleSettings::pointsForBooking(tx, RuleSettings::load(tx), r.id, balance);
    if (earned > 0)
        MileageService::record(tx, r.customerId, earned, QStringLiteral("adjust"),
                               QStringLiteral("balance-%1").arg(r.id), QStringLiteral("balance %1").arg(r.code), now,
                               stats);
    ReadModel::addDaily(tx, now, stats);
    tx.recordEvent(EventType::PaymentApproved, QStringLiteral("payment"), paymentId,
                   { { QStringLiteral("reservationId"), r.id },
                     { QStringLiteral("orderId"), orderId },
                     { QStringLiteral("provider"), provider },
                     { QStringLiteral("method"), method },
                     { QStringLiteral("amount"), balance },
                     { QStringLiteral("balance"), true } });
    tx.recordEvent(EventType::BalancePaid, QStringLiteral("reservation"), r.id,
                   { { QStringLiteral("code"), r.code },
                     { QStringLiteral("paymentId"), paymentId },
                     { QStringLiteral("orderId"), orderId },
                     { QStringLiteral("method"), method },
                     { QStringLiteral("amount"), balance },
                     { QStringLiteral("points"), earned } });
    if (earned > 0)
        tx.recordEvent(EventType::MileageSaved, QStringLiteral("customer"), r.customerId,
                       { { QStringLiteral("reservationId"), r.id },
                         { QStringLiteral("points"), earned },
                         { QStringLiteral("balance"), MileageService::balance(tx, r.customerId) } });
    tx.audit(actor, QStringLiteral("reservation.balance_paid"), r.code,
             QStringLiteral("%1 %2").arg(method).arg(balance));
    r.amount += balance;
    r.balanceDue = 0;
    return {};
}

Status BalanceService::settleAtCheckIn(Transaction& tx, const Actor& actor, Reservation& r,
                                       const CheckInOptions& options)
{
    if (r.balanceDue <= 0) {
        if (options.balancePaymentId > 0) // taken meanwhile another way: this payment must go back
            return Error(ErrorCode::AlreadyDone, tr("The balance of booking %1 is already paid.").arg(r.code));
        return {};
    }
    if (options.balancePaymentId > 0)
        return recordBalancePayment(tx, actor, r, options.balancePaymentId, options.providerTxId);
    if (!options.balanceOverrideReason.trimmed().isEmpty()) {
        if (actor.role != Role::Manager)
            return Error(ErrorCode::Forbidden, tr("Only a manager can check a guest in with the balance unpaid."));
        tx.audit(actor, QStringLiteral("reservation.check_in_balance_unpaid"), r.code,
                 QStringLiteral("%1 unpaid: %2").arg(r.balanceDue).arg(options.balanceOverrideReason.trimmed()));
        return {};
    }
    return invalidInput(tr("Booking %1 has a balance of %2 won due. Take it before checking the guest in (a manager "
                           "may check in without it, giving a reason).")
                            .arg(r.code, won(r.balanceDue)),
                        QStringLiteral("balance"));
}

Result<BalanceService::Started> BalanceService::begin(const Actor& actor, qint64 reservationId,
                                                      const PaymentGateway& gateway, const QString& method,
                                                      bool checkIn)
{
    return m_booking.database().write([&](Transaction& tx) -> Result<Started> {
        lockReservation(tx, reservationId);
        const std::optional<Reservation> r = loadReservation(tx, reservationId);
        if (!r || !r->isReal())
            return Error(ErrorCode::NotFound, tr("This booking could not be found."));
        Started started;
        if (checkIn) {
            if (r->status == ReservationStatus::CheckedIn)
                return Error(ErrorCode::AlreadyDone, tr("Booking %1 is already checked in.").arg(r->code));
            if (r->status != ReservationStatus::Confirmed)
                return invalidInput(tr("Only a paid booking can be checked in (booking %1 is %2).")
                                        .arg(r->code, reservationStatusName(r->status)));
            // The check-in's own date checks, before any money is taken for a check-in that would be refused.
            const QDate today = tx.database().clock().today();
            if (today < r->checkIn || today >= r->checkOut)
                return invalidInput(tr("Booking %1 cannot be checked in today.").arg(r->code));
            if (r->balanceDue <= 0)
                return started;
        } else {
            if (!owesBalance(r->status))
                return invalidInput(
                    tr("Booking %1 is %2: it has no balance to take.").arg(r->code, reservationStatusName(r->status)));
            if (r->balanceDue <= 0)
                return Error(ErrorCode::AlreadyDone, tr("The balance of booking %1 is already paid.").arg(r->code));
        }
        if (tx.scalar(QStringLiteral("SELECT count(*) FROM payments WHERE reservation_id = ? AND status = 'approved' "
                                     "AND refund_requested IS NOT NULL"),
                      { reservationId })
                .toLongLong()
            > 0)
            return Error(ErrorCode::AlreadyDone,
                         tr("Booking %1 is already being cancelled: its refund is in progress.").arg(r->code));
        SqlRows pending = tx.exec(QStringLiteral("SELECT id, order_id, provider, amount, created_at FROM payments "
                                                 "WHERE reservation_id = ? AND status = 'pending' ORDER BY id"),
                                  { reservationId });
        if (pending.next()) {
            if (tx.nowMs() - pending.value(4).toLongLong() < staleAfterMs)
                return Error(ErrorCode::AlreadyDone,
                             tr("The balance of booking %1 is already being taken on another terminal.").arg(r->code));
            started.stale = true;
            started.paymentId = pending.value(0).toLongLong();
            started.request.orderId = pending.value(1).toString();
            started.provider = pending.value(2).toString();
            started.request.amount = pending.value(3).toLongLong();
            return started;
        }
        pending.finish();
        const qint64 attempt
            = tx.scalar(QStringLiteral("SELECT count(*) FROM payments WHERE reservation_id = ?"), { reservationId })
                  .toLongLong();
        started.request.orderId = r->orderId + QStringLiteral("-bal") + QString::number(attempt);
        started.request.amount = r->balanceDue;
        started.request.orderName = tr("Balance of booking %1").arg(r->code);
        started.request.customerName = r->customerName;
        started.request.method = method;
        started.provider = gateway.provider();
        SqlRows inserted = tx.exec(
            QStringLiteral("INSERT INTO payments (reservation_id, order_id, provider, method, amount, status, "
                           "created_at, updated_at, taken_by) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?) RETURNING id"),
            { reservationId, started.request.orderId, started.provider, method, r->balanceDue, tx.nowMs(), tx.nowMs(),
              PaymentRecord::staffOf(actor) });
        if (!inserted.next())
            return Error(ErrorCode::Database, tr("The balance payment could not be recorded."));
        started.paymentId = inserted.value(0).toLongLong();
        return started;
    });
}

Result<Reservation> BalanceService::payAndCheckIn(const Actor& actor, qint64 reservationId, PaymentGateway& gateway,
                                                  const QString& method)
{
    return take(actor, reservationId, gateway, method, true);
}

Result<Reservation> BalanceService::payBalance(const Actor& actor, qint64 reservationId, PaymentGateway& gateway,
                                               const QString& method)
{
    return take(actor, reservationId, gateway, method, false);
}

Result<Reservation> BalanceService::take(const Actor& actor, qint64 reservationId, PaymentGateway& gateway,
                                         const QString& method, bool checkIn)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::System }); !allowed.ok())
        return allowed.error();
    if (method.trimmed().isEmpty())
        return invalidInput(tr("Choose how the balance is paid."), QStringLiteral("method"));
    Result<Started> started = begin(actor, reservationId, gateway, method, checkIn);
    if (!started.ok())
        return started.error();
    if (started->paymentId == 0)
        return m_booking.checkIn(actor, reservationId);
    if (started->stale) {
        // An earlier attempt got no answer: ask the provider what became of it before charging anything again.
        PaymentGateway* provider
            = started->provider == gateway.provider() ? &gateway : m_booking.gateway(started->provider);
        if (!provider)
            return Error(ErrorCode::PaymentPending,
                         tr("An earlier balance payment through %1 is still unanswered; it cannot be checked from "
                            "this terminal.")
                             .arg(started->provider));
        const PaymentOutcome found = provider->lookup(started->request.orderId);
        using S = PaymentOutcome::Status;
        if (found.status == S::Approved)
            return finish(actor, reservationId, *provider, started.value(), found, checkIn);
        if (found.status == S::NotFound || found.status == S::Declined || found.status == S::Cancelled) {
            markFailed(started->paymentId, QStringLiteral("not found at the provider"));
            return take(actor, reservationId, gateway, method, checkIn);
        }
        return Error(ErrorCode::PaymentPending,
                     tr("An earlier balance payment is still unanswered by the payment service. Please try again "
                        "shortly."));
    }
    return finish(actor, reservationId, gateway, started.value(), gateway.confirm(started->request), checkIn);
}

Result<Reservation> BalanceService::recordPaid(const Actor& actor, qint64 reservationId, qint64 paymentId,
                                               const QString& providerTxId)
{
    return m_booking.database().write([&](Transaction& tx) -> Result<Reservation> {
        lockReservation(tx, reservationId);
        std::optional<Reservation> r = loadReservation(tx, reservationId);
        if (!r || !r->isReal())
            return Error(ErrorCode::NotFound, tr("This booking could not be found."));
        // Cancelled or marked a no-show while the card was read: it no longer owes anything, the money goes back.
        if (!owesBalance(r->status))
            return Error(
                ErrorCode::AlreadyDone,
                tr("Booking %1 is %2: it no longer owes a balance.").arg(r->code, reservationStatusName(r->status)));
        if (r->balanceDue <= 0)
            return Error(ErrorCode::AlreadyDone, tr("The balance of booking %1 is already paid.").arg(r->code));
        if (Status done = recordBalancePayment(tx, actor, *r, paymentId, providerTxId); !done.ok())
            return done.error();
        return *r;
    });
}

Result<Reservation> BalanceService::finish(const Actor& actor, qint64 reservationId, PaymentGateway& gateway,
                                           const Started& started, const PaymentOutcome& outcome, bool checkIn)
{
    using S = PaymentOutcome::Status;
    const PaymentRequest& request = started.request;
    switch (outcome.status) {
    case S::Approved: {
        Result<Reservation> in = outcome.amount != request.amount
            ? Result<Reservation>(Error(ErrorCode::Payment, tr("The amount paid does not match the balance.")))
            : checkIn
            ? m_booking.checkIn(actor, reservationId, CheckInOptions { started.paymentId, outcome.providerTxId, {} })
            : recordPaid(actor, reservationId, started.paymentId, outcome.providerTxId);
        if (in.ok()) {
            qCInfo(lcBooking).noquote() << "booking" << in->code << "balance paid," << request.amount << "won,"
                                        << (checkIn ? "checked in by" : "taken by") << actor.name;
            return in;
        }
        if (in.error().code == ErrorCode::AlreadyDone
            && paymentStatus(started.paymentId) == QLatin1String("approved")) {
            // The reconciler recorded this very payment meanwhile (an answer that came late): the balance is paid,
            // nothing goes back; the guest is checked in as any booking paid in full.
            return checkIn ? m_booking.checkIn(actor, reservationId) : m_booking.get(reservationId);
        }
        // Paid, but the check-in cannot be saved: the money goes back (compensation), as after a failed confirm.
        const bool undone
            = giveBack(actor, reservationId, started.paymentId, gateway, request.orderId, outcome, in.error().message);
        return Error(in.error().code == ErrorCode::AlreadyDone ? ErrorCode::AlreadyDone : ErrorCode::Payment,
                     in.error().message + QLatin1Char(' ')
                         + (undone ? tr("The balance payment was given back.")
                                   : tr("The balance payment could not be given back automatically; it "
                                        "is listed under payments that need attention.")));
    }
    case S::Unknown:
        if (!checkIn)
            return Error(ErrorCode::PaymentPending,
                         tr("The payment service did not answer, so it is not known whether the balance was taken. "
                            "The payment is kept as pending and looked up with the payment service automatically; if "
                            "it went through, it is recorded as paid. Do not take it again: look at the booking again "
                            "in a few minutes."));
        return Error(ErrorCode::PaymentPending,
                     tr("The payment service did not answer, so it is not known whether the balance was taken. The "
                        "payment is kept as pending and looked up with the payment service automatically; if it went "
                        "through, it is recorded as paid. Do not take it again: try the check-in in a few minutes."));
    case S::Unavailable:
        markFailed(started.paymentId, QStringLiteral("payment unavailable"));
        return Error(ErrorCode::PaymentsBusy,
                     outcome.message.isEmpty() ? tr("Payments are busy right now. Take the balance in cash or try "
                                                    "again shortly.")
                                               : outcome.message);
    case S::Declined:
    case S::Failed:
    case S::NotFound:
    case S::Cancelled:
        break;
    }
    const QString why = outcome.message.isEmpty() ? tr("The payment did not go through.") : outcome.message;
    markFailed(started.paymentId, QStringLiteral("payment failed: ") + why);
    return Error(ErrorCode::Payment,
                 why + QLatin1Char(' ')
                     + (checkIn ? tr("The balance is still due; the guest is not checked in.")
                                : tr("The balance is still due.")));
}

QString BalanceService::paymentStatus(qint64 paymentId) const
{
    Result<QString> status = m_booking.database().read([&](SqlSession& s) -> Result<QString> {
        return s.scalar(QStringLiteral("SELECT status FROM payments WHERE id = ?"), { paymentId }).toString();
    });
    return status.ok() ? status.value() : QString();
}

bool BalanceService::giveBack(const Actor& actor, qint64 reservationId, qint64 paymentId, PaymentGateway& gateway,
                              const QString& orderId, const PaymentOutcome& outcome, const QString& reason)
{
    PaymentCancelRequest refund { orderId, outcome.providerTxId, outcome.amount, reason };
    const PaymentOutcome undone = gateway.cancel(refund);
    (void)m_booking.database().write([&](Transaction& tx) -> Status {
        const qint64 now = tx.nowMs();
        if (!undone.approved()) {
            PaymentAttention::flag(tx, actor, paymentId, AttentionReason::PaidWithoutBooking, reason, outcome.amount);
            return {};
        }
        // Given back by whoever took it (refunded_by: the desk's own money, for the cash-up).
        SqlRows q = tx.exec(QStringLiteral("UPDATE payments SET status = 'cancelled', provider_tx_id = ?, "
                                           "approved_at = ?, cancelled_at = ?, amount = ?, refund_amount = ?, "
                                           "refunded_by = taken_by, failure_reason = ?, updated_at = ? WHERE id = ? "
                                           "AND status = 'pending' RETURNING id"),
                            { outcome.providerTxId, now, now, outcome.amount, outcome.amount, reason, now, paymentId });
        if (q.next()) {
            q.finish();
            // Given back by the reconciler (settlePending): credited to it rather than to the desk.
            if (!PaymentRecord::systemOf(actor).isNull())
                PaymentRecord::creditRefund(tx, actor, paymentId);
            DailyDelta stats;
            stats.revenue = outcome.amount;
            stats.refunds = outcome.amount;
            ReadModel::addDaily(tx, now, stats);
            tx.recordEvent(EventType::PaymentCancelled, QStringLiteral("payment"), paymentId,
                           { { QStringLiteral("reservationId"), reservationId },
                             { QStringLiteral("refund"), outcome.amount },
                             { QStringLiteral("reason"), QStringLiteral("compensation") } });
        }
        return {};
    });
    return undone.approved();
}

Result<BalanceService::Settlement> BalanceService::settlePending(const Actor& actor, qint64 paymentId,
                                                                 PaymentGateway& gateway, const PaymentOutcome& outcome)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::System }); !allowed.ok())
        return allowed.error();
    using S = PaymentOutcome::Status;
    switch (outcome.status) {
    case S::Approved:
        break;
    case S::NotFound:
    case S::Declined:
    case S::Cancelled:
    case S::Failed:
        // Never taken: the balance stays due, to be taken at check-in.
        if (paymentStatus(paymentId) != QLatin1String("pending"))
            return Error(ErrorCode::AlreadyDone, tr("This balance payment is already settled."));
        markFailed(paymentId, QStringLiteral("not taken at the provider (reconciler)"));
        return paymentStatus(paymentId) == QLatin1String("failed") ? Settlement::Failed : Settlement::Unresolved;
    case S::Unavailable:
    case S::Unknown:
        return Settlement::Unresolved;
    }

    // Approved: the money was taken. If the booking still owes exactly that balance it is recorded as paid (the
    // guest is not checked in: that is the desk's, and its check-in then finds nothing owed); otherwise it goes back.
    qint64 reservationId = 0;
    QString orderId;
    Result<Settlement> recorded = m_booking.database().write([&](Transaction& tx) -> Result<Settlement> {
        reservationId
            = tx.scalar(QStringLiteral("SELECT reservation_id FROM payments WHERE id = ?"), { paymentId }).toLongLong();
        if (reservationId == 0)
            return Error(ErrorCode::NotFound, tr("This balance payment could not be found."));
        // The booking locked first, then the payment read again: a second reconciler waits here and then finds it
        // settled, instead of reading it pending, finding the balance paid and giving the money back.
        lockReservation(tx, reservationId);
        SqlRows p
            = tx.exec(QStringLiteral("SELECT order_id, status, amount FROM payments WHERE id = ?"), { paymentId });
        if (!p.next())
            return Error(ErrorCode::NotFound, tr("This balance payment could not be found."));
        orderId = p.value(0).toString();
        const bool pending = p.value(1).toString() == QLatin1String("pending");
        const qint64 amount = p.value(2).toLongLong();
        p.finish();
        if (!pending)
            return Error(ErrorCode::AlreadyDone, tr("This balance payment is already settled."));
        if (outcome.amount != amount)
            return Settlement::Mismatch;
        std::optional<Reservation> r = loadReservation(tx, reservationId);
        if (!r)
            return Error(ErrorCode::NotFound, tr("This booking could not be found."));
        // A dearer change's charge left unanswered is never owed: its change was not made (the booking is as it
        // was), so the money goes back.
        const bool owes
            = owesBalance(r->status) && r->balanceDue == amount && !ReservationChangeService::isChangeCharge(orderId);
        if (!owes)
            return Settlement::Refunded; // decided here, given back below, outside the transaction
        if (Status done = recordBalancePayment(tx, actor, *r, paymentId, outcome.providerTxId); !done.ok())
            return done.error();
        return Settlement::Paid;
    });
    if (!recorded.ok() || recorded.value() != Settlement::Refunded)
        return recorded;
    const bool undone = giveBack(actor, reservationId, paymentId, gateway, orderId, outcome,
                                 QStringLiteral("the booking no longer owes this balance"));
    return undone ? Settlement::Refunded : Settlement::Unresolved;
}

void BalanceService::markFailed(qint64 paymentId, const QString& reason)
{
    Status recorded = m_booking.database().write([&](Transaction& tx) -> Status {
        SqlRows q = tx.exec(QStringLiteral("UPDATE payments SET status = 'failed', failure_reason = ?, updated_at = ? "
                                           "WHERE id = ? AND status = 'pending' RETURNING reservation_id, order_id"),
                            { reason, tx.nowMs(), paymentId });
        if (q.next())
            tx.recordEvent(EventType::PaymentFailed, QStringLiteral("payment"), paymentId,
                           { { QStringLiteral("reservationId"), q.value(0).toLongLong() },
                             { QStringLiteral("orderId"), q.value(1).toString() },
                             { QStringLiteral("reason"), reason } });
        return {};
    });
    if (!recorded.ok())
        qCWarning(lcBooking) << "could not record the failed balance payment" << paymentId << recorded.error().message;
}

Result<Reservation> BalanceService::checkInWithoutBalance(const Actor& actor, qint64 reservationId,
                                                          const QString& reason)
{
    if (Status allowed = requireRole(actor, { Role::Manager }); !allowed.ok())
        return allowed.error();
    if (reason.trimmed().isEmpty())
        return invalidInput(tr("Give a reason for checking in with the balance unpaid."), QStringLiteral("reason"));
    return m_booking.checkIn(actor, reservationId, CheckInOptions { 0, {}, reason.trimmed() });
}

} // namespace campdesk
