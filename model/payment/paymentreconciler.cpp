#include "payment/paymentreconciler.h"

#include "core/backgroundpool.h"
#include "core/logging.h"
#include "db/database.h"
#include "domain/balanceservice.h"
#include "domain/bookingservice.h"
#include "domain/noshowservice.h"
#include "domain/paymentattention.h"
#include "domain/paymentrecord.h"
#include "domain/readmodel.h"
#include "domain/reservationchange.h"
#include "domain/statustext.h"

#include <QJsonObject>
#include <QtConcurrent/QtConcurrentRun>

namespace campdesk {

PaymentReconciler::PaymentReconciler(Database& db, BookingService& booking, PaymentGateway& gateway, QObject* parent)
    : PaymentReconciler(db, booking, gateway, Config(), parent)
{
}

PaymentReconciler::PaymentReconciler(Database& db, BookingService& booking, PaymentGateway& gateway, Config config,
                                     QObject* parent)
    : QObject(parent)
    , m_db(db)
    , m_booking(booking)
    , m_gateway(gateway)
    , m_config(config)
{
    m_timer.setInterval(std::max(1000, m_config.intervalMs));
    connect(&m_timer, &QTimer::timeout, this, &PaymentReconciler::runInBackground);
    connect(&m_watcher, &QFutureWatcher<QList<PaymentOutcome>>::finished, this, &PaymentReconciler::applyBackground);
}

PaymentReconciler::~PaymentReconciler()
{
    // The worker holds references to the gateway; let it finish (each lookup has its own timeout).
    m_watcher.waitForFinished();
}

void PaymentReconciler::start()
{
    m_timer.start();
    QTimer::singleShot(0, this, &PaymentReconciler::runInBackground);
}

void PaymentReconciler::stop()
{
    m_timer.stop();
}

Result<QList<PaymentReconciler::Candidate>> PaymentReconciler::candidates()
{
    return m_db.read([&](SqlSession& s) -> Result<QList<Candidate>> {
        QList<Candidate> list;
        auto candidate = [](const QSqlQuery& row, bool held) {
            Candidate c;
            c.reservationId = row.value(0).toLongLong();
            c.paymentId = row.value(1).toLongLong();
            c.orderId = row.value(2).toString();
            c.code = row.value(3).toString();
            c.amount = row.value(4).toLongLong();
            c.held = held;
            return c;
        };
        SqlRows held = s.exec(
            QStringLiteral("SELECT r.id, p.id, r.order_id, r.code, r.amount, p.failure_reason, p.attention FROM "
                           "reservations r JOIN payments p ON p.reservation_id = r.id WHERE r.status = 'held' AND "
                           "p.status = 'pending' AND p.provider = ? AND p.created_at <= ? AND (p.attention_next_at IS "
                           "NULL OR p.attention_next_at <= ?) ORDER BY p.id"),
            { m_gateway.provider(), s.nowMs() - m_config.minimumAgeMs, s.nowMs() });
        while (held.next()) {
            Candidate c = candidate(held, true);
            const std::optional<AttentionReason> reason = attentionReasonFromKey(held.value(6).toString());
            c.retried = reason && attentionIsRetried(*reason);
            c.alreadyAlerted
                = reason == AttentionReason::AmountMismatch || held.value(5).toString().startsWith(alertMarker());
            list.append(c);
        }
        held.finish();

        // Balance payments (BalanceService: their own order id, on a booking that is no longer held) left pending by a
        // desk that got no answer. Flagged ones are a person's (an amount mismatch).
        SqlRows balances
            = s.exec(QStringLiteral(
                         "SELECT r.id, p.id, p.order_id, r.code, p.amount FROM payments p JOIN reservations r ON "
                         "r.id = p.reservation_id WHERE p.status = 'pending' AND p.provider = ? AND p.created_at <= ? "
                         "AND p.order_id <> r.order_id AND r.status <> 'held' AND p.attention IS NULL ORDER BY p.id"),
                     { m_gateway.provider(), s.nowMs() - m_config.minimumAgeMs });
        while (balances.next()) {
            Candidate c = candidate(balances, false);
            c.balance = true;
            list.append(c);
        }
        balances.finish();

        // Money the provider holds that is owed back (payments needing attention), when their pause is over.
        for (const PaymentAttentionRow& row : PaymentAttention::list(s, true, m_gateway.provider())) {
            if (row.reason != AttentionReason::MismatchNotCancelled && row.reason != AttentionReason::RefundFailed)
                continue;
            Candidate c;
            c.reservationId = row.reservationId;
            c.paymentId = row.paymentId;
            c.orderId = row.orderId;
            c.code = row.reservationCode;
            c.amount = row.owed;
            c.providerTxId = row.providerTxId;
            c.owed = true;
            if (row.reason == AttentionReason::RefundFailed) {
                // A part of a cancel's or no-show's refund, refused after another part was given back.
                const QVariant kind = s.scalar(QStringLiteral("SELECT refund_kind FROM payments WHERE id = ? AND "
                                                              "status = 'approved' AND refund_kind IN ('cancel', "
                                                              "'no_show')"),
                                               { row.paymentId });
                if (!kind.isNull())
                    c.partKind = kind.toString();
            }
            c.changeRefund = row.reason == AttentionReason::RefundFailed && c.partKind.isEmpty()
                && ReservationChangeService::isChangeRefundClaim(s, row.paymentId);
            if (c.changeRefund)
                c.refundKey = ReservationChangeService::changeRefundKey(s, row.paymentId, row.orderId);
            list.append(c);
        }

        // Confirmed bookings, a batch per run in turn, to find payments cancelled at the provider, and stays whose
        // change or early departure claimed a refund (checked in or out; an early departure's on any of the stay's
        // payments, each looked up by its own order) that got no answer. A refund claimed younger than the minimum
        // age may still be on its way: left to the cancel or change that claimed it. Flagged payments are retried
        // as owed (above), not looked up here. Only the booking's own payment (its order id): a second payment (a
        // dearer change's charge, a balance) is another order, and comparing the booking's order with it would take
        // the booking's partial refunds for a refund of that payment.
        SqlRows paid = s.exec(
            QStringLiteral(
                "SELECT r.id, p.id, p.order_id, r.code, r.amount, p.refund_requested, p.amount, "
                "(SELECT COALESCE(sum(x.refund_amount), 0) FROM payments x WHERE x.refund_of = p.id) "
                "FROM reservations r JOIN payments p ON p.reservation_id = r.id WHERE p.status = 'approved' AND "
                "((r.status = 'confirmed' AND p.order_id = r.order_id) OR (r.status IN ('checked_in', "
                "'checked_out') AND p.refund_requested IS NOT NULL)) AND p.provider = ? AND p.amount > 0 "
                "AND p.id > ? AND (p.refund_requested IS NULL OR p.refund_kind IS NULL OR p.refund_kind = "
                "'change') AND "
                "(p.refund_requested IS NULL OR (p.updated_at <= ? AND p.attention IS NULL)) "
                "ORDER BY p.id LIMIT ?"),
            { m_gateway.provider(), m_sweepAfterPaymentId, s.nowMs() - m_config.minimumAgeMs,
              std::max(1, m_config.sweepBatch) });
        int swept = 0;
        QList<Candidate> claims;
        while (paid.next()) {
            Candidate c = candidate(paid, false);
            if (!paid.value(5).isNull())
                c.claimedRefund = paid.value(5).toLongLong();
            c.paymentAmount = paid.value(6).toLongLong();
            c.partialRefunds = paid.value(7).toLongLong();
            list.append(c);
            m_sweepAfterPaymentId = c.paymentId;
            ++swept;
        }
        paid.finish();
        // The parts of a cancel's or no-show's refund whose answer was lost (or that were never asked: the desk
        // stopped at an unanswered part), all the parts of a booking together, once none was claimed or asked
        // within the minimum age. Flagged parts are retried as owed (above).
        const QString open = QStringLiteral("p.status = 'approved' AND p.refund_kind IN ('cancel', 'no_show') AND "
                                            "p.refund_requested IS NOT NULL AND p.attention IS NULL");
        QString openOf = open;
        openOf.replace(QStringLiteral("p."), QStringLiteral("q."));
        SqlRows parts = s.exec(
            QStringLiteral("SELECT r.id, p.id, p.order_id, r.code, r.amount, p.refund_requested, p.amount, (SELECT "
                           "COALESCE(sum(x.refund_amount), 0) FROM payments x WHERE x.refund_of = p.id), "
                           "p.refund_kind, p.provider FROM reservations r JOIN payments p ON p.reservation_id = r.id "
                           "WHERE r.status = 'confirmed' AND %1 AND r.id IN (SELECT q.reservation_id FROM payments q "
                           "WHERE %2 AND q.provider = ?) AND NOT EXISTS (SELECT 1 FROM payments q WHERE "
                           "q.reservation_id = r.id AND %2 AND q.updated_at > ?) ORDER BY r.id, p.id DESC")
                .arg(open, openOf),
            { m_gateway.provider(), s.nowMs() - m_config.minimumAgeMs });
        while (parts.next()) {
            Candidate c = candidate(parts, false);
            c.claimedRefund = parts.value(5).toLongLong();
            c.paymentAmount = parts.value(6).toLongLong();
            c.partialRefunds = parts.value(7).toLongLong();
            c.partKind = parts.value(8).toString();
            c.foreign = parts.value(9).toString() != m_gateway.provider();
            list.append(c);
        }
        parts.finish();
        for (Candidate& c : list) {
            if (c.claimedRefund >= 0 && !c.owed && !c.held && !c.balance && c.partKind.isEmpty()) {
                c.changeClaim = ReservationChangeService::isChangeRefundClaim(s, c.paymentId);
                if (c.changeClaim)
                    c.refundKey = ReservationChangeService::changeRefundKey(s, c.paymentId, c.orderId);
            }
        }
        if (swept < m_config.sweepBatch)
            m_sweepAfterPaymentId = 0; // the end was reached: start from the beginning next time
        return list;
    });
}

QList<PaymentOutcome> PaymentReconciler::lookUp(PaymentGateway& gateway, const QList<Candidate>& candidates)
{
    QList<PaymentOutcome> outcomes;
    outcomes.reserve(candidates.size());
    for (const Candidate& c : candidates) {
        if (c.owed) {
            PaymentCancelRequest refund;
            refund.orderId = c.orderId;
            refund.providerTxId = c.providerTxId;
            refund.cancelAmount = c.amount;
            refund.reason = QStringLiteral("refund owed (retry)");
            refund.idempotencyKey = c.refundKey; // a change's partial refund: the key its first try had
            outcomes.append(gateway.cancel(refund));
        } else if (c.foreign) {
            PaymentOutcome unknown;
            unknown.status = PaymentOutcome::Status::Unknown; // not this provider's to tell
            outcomes.append(unknown);
        } else {
            outcomes.append(gateway.lookup(c.orderId));
        }
    }
    return outcomes;
}

Result<PaymentReconciler::Report> PaymentReconciler::reconcileNow()
{
    Result<QList<Candidate>> found = candidates();
    if (!found.ok())
        return found.error();
    return apply(found.value(), lookUp(m_gateway, found.value()));
}

void PaymentReconciler::runInBackground()
{
    if (m_watcher.isRunning())
        return;
    Result<QList<Candidate>> found = candidates();
    if (!found.ok()) {
        qCWarning(lcPayment).noquote() << "reconciler: cannot read pending payments:" << found.error().message;
        emit failed(found.error().message);
        return;
    }
    if (found.value().isEmpty()) {
        emit finished(Report());
        return;
    }
    m_inFlight = found.value();
    PaymentGateway* gateway = &m_gateway;
    const QList<Candidate> work = m_inFlight;
    m_watcher.setFuture(QtConcurrent::run(backgroundPool(), [gateway, work] { return lookUp(*gateway, work); }));
}

void PaymentReconciler::applyBackground()
{
    const Report report = apply(m_inFlight, m_watcher.result());
    m_inFlight.clear();
    emit finished(report);
}

PaymentReconciler::Report PaymentReconciler::apply(const QList<Candidate>& candidates,
                                                   const QList<PaymentOutcome>& outcomes)
{
    Report report;
    for (int i = 0; i < candidates.size() && i < outcomes.size(); ++i) {
        const Candidate& c = candidates.at(i);
        const PaymentOutcome& outcome = outcomes.at(i);
        if (c.owed) {
            settleOwed(c, outcome, report);
            continue;
        }
        if (c.balance) {
            settleBalance(c, outcome, report);
            continue;
        }
        if (!c.partKind.isEmpty()) {
            // The parts of one booking come together (ordered by booking): decided at its first.
            if (i > 0 && candidates.at(i - 1).reservationId == c.reservationId
                && !candidates.at(i - 1).partKind.isEmpty() && !candidates.at(i - 1).owed)
                continue;
            QList<Candidate> group;
            QList<PaymentOutcome> answers;
            for (int j = i; j < candidates.size() && j < outcomes.size(); ++j) {
                const Candidate& other = candidates.at(j);
                if (other.reservationId != c.reservationId || other.partKind.isEmpty() || other.owed)
                    break;
                group.append(other);
                answers.append(outcomes.at(j));
            }
            settleParts(group, answers, report);
            continue;
        }
        if (c.held) {
            settleHeld(c, outcome, report);
            const Result<Reservation> now = c.retried ? m_booking.get(c.reservationId) : Result<Reservation>(Error());
            if (now.ok() && now->status == ReservationStatus::Held) {
                // Still paid without its booking: the next try after a longer pause.
                ++report.retryFailed;
                (void)m_db.write([&](Transaction& tx) -> Status {
                    (void)PaymentAttention::retryLater(tx, c.paymentId,
                                                       StatusText::code(QStringLiteral("payment.still_unsettled")));
                    return {};
                });
            }
            continue;
        }
        const bool cancelClaimed = c.claimedRefund >= 0 && !c.changeClaim; // a cancel's refund, answer lost
        if (outcome.status == PaymentOutcome::Status::Cancelled && outcome.refunded >= 0
            && (outcome.refunded < c.paymentAmount || outcome.refunded <= c.partialRefunds
                || (c.changeClaim && outcome.refunded - c.partialRefunds == c.claimedRefund))
            && !cancelClaimed) {
            // Partly refunded (PARTIAL_CANCELED), or all of it by exactly the claim of a change or an early departure
            // (a stay's newest payment given back whole), and no cancel asked it: not a cancelled booking. A change's
            // refund whose answer was lost is recorded; refunds already recorded are nothing new (even all of this
            // payment, given back by changes while a dearer change's second payment keeps the booking paid); any other
            // is a person's.
            settlePartial(c, outcome, report);
        } else if (outcome.status == PaymentOutcome::Status::Cancelled) {
            // Cancelled on the provider's side (or a refund of ours whose answer never got recorded): the booking is
            // cancelled the same way as from the desk, with the refund the provider reports (less the partial
            // refunds of changes already recorded as their own rows).
            const qint64 refunded
                = outcome.refunded >= 0 ? std::max<qint64>(0, outcome.refunded - c.partialRefunds) : -1;
            Result<Reservation> cancelled = m_booking.cancelByPayment(
                m_actor, c.orderId, QStringLiteral("payment cancelled at the payment service"), true, refunded);
            if (!cancelled.ok() && cancelled.error().code == ErrorCode::AlreadyDone)
                continue; // another terminal cancelled it first
            if (cancelled.ok()) {
                compareRefund(c, outcome, report);
                ++report.cancelled;
                qCInfo(lcPayment).noquote()
                    << "reconciler: booking" << c.code << "cancelled: its payment was cancelled at the provider";
            } else {
                ++report.unresolved;
                qCWarning(lcPayment).noquote()
                    << "reconciler: could not cancel booking" << c.code << ":" << cancelled.error().message;
            }
        } else if (outcome.status == PaymentOutcome::Status::Approved && c.claimedRefund >= 0 && c.changeClaim) {
            oweChangeRefund(c, report); // the change stands; its refund was never made: asked again
        } else if (outcome.status == PaymentOutcome::Status::Approved && c.claimedRefund >= 0) {
            releaseStaleClaim(c, report);
        } else if (outcome.status == PaymentOutcome::Status::NotFound) {
            qCWarning(lcPayment).noquote()
                << "reconciler: the provider does not know the paid order" << c.orderId << "of booking" << c.code;
        }
    }
    clearSettledFlags();
    if (report.confirmed || report.released || report.cancelled || report.mismatched || report.refunded
        || report.changeRefunds || report.retryFailed || report.needAttention || report.balancesPaid
        || report.balancesFailed) {
        qCInfo(lcPayment).noquote() << "reconciler:" << report.confirmed << "confirmed," << report.released
                                    << "released," << report.cancelled << "cancelled," << report.mismatched
                                    << "amount mismatches," << report.balancesPaid << "balances paid,"
                                    << report.balancesFailed << "balance payments failed," << report.unresolved
                                    << "still unknown";
    }
    return report;
}

void PaymentReconciler::settleHeld(const Candidate& c, const PaymentOutcome& outcome, Report& report)
{
    using S = PaymentOutcome::Status;
    switch (outcome.status) {
    case S::Approved: {
        if (outcome.amount != c.amount) {
            // Neither confirm (the amounts disagree) nor refund on our own: a person must look at it.
            if (!c.alreadyAlerted)
                alertMismatch(c, outcome);
            ++report.mismatched;
            return;
        }
        Result<Reservation> confirmed = m_booking.finishPayment(m_actor, c.reservationId, m_gateway, outcome);
        if (confirmed.ok()) {
            ++report.confirmed;
            return;
        }
        if (confirmed.error().code == ErrorCode::AlreadyDone)
            return; // another terminal settled it first
        // The booking could not be saved: finishPayment refunded the payment and released the hold when it could.
        qCWarning(lcPayment).noquote() << "reconciler: booking" << c.code
                                       << "was paid but not confirmed:" << confirmed.error().message;
        Result<Reservation> now = m_booking.get(c.reservationId);
        if (now.ok() && now->status != ReservationStatus::Held)
            ++report.released;
        else
            ++report.unresolved;
        return;
    }
    case S::NotFound: {
        // Never paid (unknown to the provider, aborted or expired): the hold ends, nothing was charged.
        // finishPayment answers a release with the payment's failure (ErrorCode::Payment) for the customer.
        Result<Reservation> released = m_booking.finishPayment(m_actor, c.reservationId, m_gateway, outcome);
        if (released.ok() || released.error().code == ErrorCode::Payment) {
            ++report.released;
        } else {
            ++report.unresolved;
            qCWarning(lcPayment).noquote()
                << "reconciler: could not release booking" << c.code << ":" << released.error().message;
        }
        return;
    }
    case S::Cancelled: {
        Result<Reservation> released = m_booking.cancelByPayment(
            m_actor, c.orderId, QStringLiteral("payment cancelled at the payment service"), true);
        if (released.ok())
            ++report.released;
        else
            ++report.unresolved;
        return;
    }
    case S::Declined:
    case S::Unavailable:
    case S::Unknown:
    case S::Failed:
        break;
    }
    ++report.unresolved;
}

void PaymentReconciler::settleBalance(const Candidate& c, const PaymentOutcome& outcome, Report& report)
{
    using Settlement = BalanceService::Settlement;
    Result<Settlement> settled = BalanceService(m_booking).settlePending(m_actor, c.paymentId, m_gateway, outcome);
    if (!settled.ok()) {
        if (settled.error().code != ErrorCode::AlreadyDone) { // AlreadyDone: another terminal settled it first
            ++report.unresolved;
            qCWarning(lcPayment).noquote() << "reconciler: could not settle the balance payment" << c.orderId
                                           << "of booking" << c.code << ":" << settled.error().message;
        }
        return;
    }
    switch (settled.value()) {
    case Settlement::Paid:
        ++report.balancesPaid;
        qCInfo(lcPayment).noquote() << "reconciler: the balance of booking" << c.code << "was paid (" << c.orderId
                                    << ")";
        return;
    case Settlement::Failed:
        ++report.balancesFailed;
        return;
    case Settlement::Refunded:
        ++report.refunded;
        return;
    case Settlement::Mismatch:
        alertMismatch(c, outcome);
        ++report.mismatched;
        return;
    case Settlement::Unresolved:
        ++report.unresolved;
        return;
    }
}

void PaymentReconciler::alertMismatch(const Candidate& c, const PaymentOutcome& outcome)
{
    qCWarning(lcPayment).noquote() << "reconciler: order" << c.orderId << "of booking" << c.code << "was approved for"
                                   << outcome.amount << "won but the booking is for" << c.amount
                                   << "won: left held for the manager";
    // Flagged as AmountMismatch below, which is how the next round knows it alerted (alertMarker(): older rows).
    const QString note = StatusText::code(QStringLiteral("payment.amount_mismatch"), { outcome.amount, c.amount });
    Status written = m_db.write([&](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("UPDATE payments SET failure_reason = ?, updated_at = ? WHERE id = ? AND "
                               "status = 'pending'"),
                { note, tx.nowMs(), c.paymentId });
        tx.recordEvent(EventType::PaymentFailed, QStringLiteral("payment"), c.paymentId,
                       { { QStringLiteral("reservationId"), c.reservationId },
                         { QStringLiteral("orderId"), c.orderId },
                         { QStringLiteral("reason"), QStringLiteral("amount_mismatch") },
                         { QStringLiteral("alert"), true },
                         { QStringLiteral("expected"), c.amount },
                         { QStringLiteral("reported"), outcome.amount },
                         { QStringLiteral("providerTxId"), outcome.providerTxId } });
        tx.audit(m_actor, QStringLiteral("payment.amount_mismatch"), c.code, note);
        PaymentAttention::flag(tx, m_actor, c.paymentId, AttentionReason::AmountMismatch, note);
        return {};
    });
    if (!written.ok())
        qCWarning(lcPayment).noquote() << "reconciler: could not record the alert:" << written.error().message;
}

void PaymentReconciler::settleOwed(const Candidate& c, const PaymentOutcome& outcome, Report& report)
{
    Status written = m_db.write([&](Transaction& tx) -> Status {
        if (!outcome.approved()) {
            if (PaymentAttention::retryLater(tx, c.paymentId,
                                             outcome.message.isEmpty() ? outcome.providerCode : outcome.message))
                ++report.retryFailed;
            return {};
        }
        if (!c.partKind.isEmpty()) {
            // A part of a cancel's or no-show's refund, given back now: recorded (the flag goes with it), and the
            // booking cancelled (or marked a no-show) when it was the last part.
            if (!BookingService::recordRefundPart(tx, m_actor, c.paymentId, c.partKind, c.amount))
                return {};
            ++report.refunded;
            Result<std::optional<Reservation>> finished = BookingService::finishWhenRefunded(
                tx, m_actor, c.reservationId, c.partKind, partsFinish(c.partKind, c.reservationId, c.orderId));
            if (!finished.ok())
                return finished.error();
            if (finished->has_value())
                ++report.cancelled;
            return {};
        }
        if (c.changeRefund) {
            // A change's partial refund: its own row; the payment and the booking stand (the claim is the guard).
            if (ReservationChangeService::recordProviderRefund(tx, m_actor, c.paymentId, c.amount, outcome.providerTxId)
                    .ok())
                ++report.refunded;
            return {};
        }
        // The guard: settled meanwhile (another terminal's reconciler, or a manager) records nothing more.
        if (!PaymentAttention::clear(tx, m_actor, c.paymentId,
                                     StatusText::code(QStringLiteral("attention.refunded_on_retry"), { c.amount })))
            return {};
        const qint64 now = tx.nowMs();
        // The row keeps what the provider took and gave back, so the day's totals add up.
        tx.exec(QStringLiteral("UPDATE payments SET status = 'cancelled', refund_amount = ?, cancelled_at = ?, "
                               "updated_at = ? WHERE id = ?"),
                { c.amount, now, now, c.paymentId });
        PaymentRecord::creditRefund(tx, m_actor, c.paymentId); // the reconciler gave it back, not the desk
        DailyDelta stats; // what was taken is in the day it was taken (see BookingService::finishPayment)
        stats.refunds = c.amount;
        ReadModel::addDaily(tx, now, stats);
        tx.recordEvent(EventType::PaymentCancelled, QStringLiteral("payment"), c.paymentId,
                       { { QStringLiteral("reservationId"), c.reservationId },
                         { QStringLiteral("orderId"), c.orderId },
                         { QStringLiteral("refund"), c.amount },
                         { QStringLiteral("reason"), QStringLiteral("owed refund retried") } });
        ++report.refunded;
        return {};
    });
    if (!written.ok())
        qCWarning(lcPayment).noquote() << "reconciler: could not record the retry of" << c.orderId << ":"
                                       << written.error().message;
}

void PaymentReconciler::compareRefund(const Candidate& c, const PaymentOutcome& outcome, Report& report)
{
    Status written = m_db.write([&](Transaction& tx) -> Status {
        SqlRows row = tx.exec(QStringLiteral("SELECT refund_requested, refund_amount FROM payments WHERE id = ?"),
                              { c.paymentId });
        if (!row.next() || row.value(0).isNull())
            return {}; // nothing was asked from here: cancelled at the provider, recorded as it did it
        const qint64 asked = row.value(0).toLongLong();
        const qint64 recorded = row.value(1).toLongLong();
        row.finish();
        if (asked == recorded)
            return {};
        PaymentAttention::flag(tx, m_actor, c.paymentId, AttentionReason::RefundDiffers,
                               StatusText::code(QStringLiteral("payment.refund_differs"), { asked, recorded }));
        ++report.needAttention;
        return {};
    });
    if (!written.ok())
        qCWarning(lcPayment).noquote() << "reconciler: could not compare the refund of" << c.orderId << ":"
                                       << written.error().message;
    Q_UNUSED(outcome);
}

void PaymentReconciler::releaseStaleClaim(const Candidate& c, Report& report)
{
    // A cancel claimed the refund and never finished (stopped, or no answer), and the provider still holds all of
    // the payment: nothing was refunded, so the booking is usable again (check-in, or another cancel).
    Status written = m_db.write([&](Transaction& tx) -> Status {
        SqlRows released = tx.exec(
            QStringLiteral("UPDATE payments SET refund_requested = NULL, updated_at = ? WHERE id = ? AND status = "
                           "'approved' AND refund_requested = ? AND updated_at <= ? RETURNING id"),
            { tx.nowMs(), c.paymentId, c.claimedRefund, tx.nowMs() - m_config.minimumAgeMs });
        if (!released.next())
            return {}; // finished or released meanwhile
        released.finish();
        tx.audit(m_actor, QStringLiteral("payment.refund_claim_released"), c.orderId,
                 StatusText::code(QStringLiteral("payment.claim_released"), { c.claimedRefund }));
        ++report.claimsReleased;
        return {};
    });
    if (!written.ok())
        qCWarning(lcPayment).noquote() << "reconciler: could not release the refund claim of" << c.orderId << ":"
                                       << written.error().message;
}

void PaymentReconciler::settlePartial(const Candidate& c, const PaymentOutcome& outcome, Report& report)
{
    const qint64 fresh = outcome.refunded - c.partialRefunds; // given back at the provider, not recorded here
    if (fresh <= 0) {
        if (c.claimedRefund >= 0 && c.changeClaim)
            oweChangeRefund(c, report); // nothing more was given back: the change's refund was never made
        return;
    }
    Status written = m_db.write([&](Transaction& tx) -> Status {
        if (c.changeClaim && fresh == c.claimedRefund) {
            // The change's refund, made at the provider while its answer was lost: recorded now.
            if (ReservationChangeService::recordProviderRefund(tx, m_actor, c.paymentId, fresh, outcome.providerTxId)
                    .ok())
                ++report.changeRefunds;
            return {};
        }
        // Given back at the provider's side, or another amount than the change asked: a person looks at it.
        const bool flagged
            = !tx.scalar(QStringLiteral("SELECT attention FROM payments WHERE id = ?"), { c.paymentId }).isNull();
        if (!flagged) {
            PaymentAttention::flag(tx, m_actor, c.paymentId, AttentionReason::RefundDiffers,
                                   StatusText::code(QStringLiteral("payment.refund_differs"),
                                                    { std::max<qint64>(0, c.claimedRefund), fresh }));
            ++report.needAttention;
        }
        return {};
    });
    if (!written.ok())
        qCWarning(lcPayment).noquote() << "reconciler: could not record the partial refund of" << c.orderId << ":"
                                       << written.error().message;
}

void PaymentReconciler::oweChangeRefund(const Candidate& c, Report& report)
{
    Status written = m_db.write([&](Transaction& tx) -> Status {
        // Guarded by the claim read: recorded or flagged meanwhile, nothing more.
        SqlRows still = tx.exec(QStringLiteral("SELECT id FROM payments WHERE id = ? AND status = 'approved' AND "
                                               "refund_requested = ? AND attention IS NULL"),
                                { c.paymentId, c.claimedRefund });
        if (!still.next())
            return {};
        still.finish();
        PaymentAttention::flag(tx, m_actor, c.paymentId, AttentionReason::RefundFailed,
                               StatusText::code(QStringLiteral("change.refund_failed"), { c.claimedRefund, c.code }),
                               c.claimedRefund);
        ++report.needAttention;
        return {};
    });
    if (!written.ok())
        qCWarning(lcPayment).noquote() << "reconciler: could not flag the refund of" << c.orderId << ":"
                                       << written.error().message;
}

BookingService::RefundFinish PaymentReconciler::partsFinish(const QString& kind, qint64 reservationId,
                                                            const QString& orderId)
{
    if (kind == BookingService::noShowKind())
        return NoShowService(m_booking).finisher(m_actor, reservationId);
    return [this, reservationId, orderId](Transaction& tx) {
        return m_booking.finishCancel(tx, m_actor, reservationId,
                                      QStringLiteral("refund finished with the payment service"),
                                      StatusText::code(QStringLiteral("cancel.by_payment"), { orderId, true }));
    };
}

void PaymentReconciler::settleParts(const QList<Candidate>& parts, const QList<PaymentOutcome>& outcomes,
                                    Report& report)
{
    using S = PaymentOutcome::Status;
    if (parts.isEmpty())
        return;
    const Candidate& first = parts.first();
    const QString kind = first.partKind;
    struct Given
    {
        Candidate part;
        qint64 refunded = 0;
        QString txId;
    };
    QList<Given> given; // found given back at the provider
    QList<Candidate> kept; // found still held by the provider: never given back
    bool undecided = false;
    for (int i = 0; i < parts.size(); ++i) {
        const Candidate& c = parts.at(i);
        const PaymentOutcome& o = outcomes.at(i);
        // A part that keeps its money (share 0) of a refund across several payments was never sent: it is recorded
        // with the rest.
        if (c.claimedRefund == 0 && parts.size() > 1)
            continue;
        if (o.status == S::Cancelled) {
            const qint64 back = o.refunded >= 0 ? o.refunded : c.paymentAmount;
            given.append({ c, std::max<qint64>(0, back - c.partialRefunds), o.providerTxId });
        } else if (o.status == S::Approved) {
            kept.append(c);
        } else {
            undecided = true;
        }
    }
    Status written = m_db.write([&](Transaction& tx) -> Status {
        // Some part already given back (recorded, or flagged as owed after it): the rest must go back too.
        bool progressed = !given.isEmpty()
            || tx.scalar(QStringLiteral("SELECT count(*) FROM payments WHERE reservation_id = ? AND refund_kind = ? "
                                        "AND ((status = 'cancelled' AND refund_of IS NULL AND refund_amount > 0) OR "
                                        "(status = 'approved' AND attention IS NOT NULL))"),
                         { first.reservationId, kind })
                    .toLongLong()
                > 0;
        if (!progressed) {
            if (undecided || kept.isEmpty()) {
                ++report.unresolved;
                return {};
            }
            // Nothing of it was given back anywhere: every claim goes and the booking is usable again (check-in, or
            // another cancel), as with a one-payment cancel whose answer was lost.
            SqlRows all = tx.exec(QStringLiteral("SELECT id, order_id, refund_requested FROM payments WHERE "
                                                 "reservation_id = ? AND status = 'approved' AND refund_kind = ? AND "
                                                 "refund_requested IS NOT NULL AND updated_at <= ?"),
                                  { first.reservationId, kind, tx.nowMs() - m_config.minimumAgeMs });
            QList<std::tuple<qint64, QString, qint64>> claims;
            while (all.next())
                claims.append({ all.value(0).toLongLong(), all.value(1).toString(), all.value(2).toLongLong() });
            all.finish();
            for (const auto& [id, orderId, asked] : claims) {
                SqlRows released = tx.exec(
                    QStringLiteral("UPDATE payments SET refund_requested = NULL, refund_kind = NULL, updated_at = ? "
                                   "WHERE id = ? AND status = 'approved' AND refund_requested = ? RETURNING id"),
                    { tx.nowMs(), id, asked });
                if (!released.next())
                    continue;
                released.finish();
                tx.audit(m_actor, QStringLiteral("payment.refund_claim_released"), orderId,
                         StatusText::code(QStringLiteral("payment.claim_released"), { asked }));
                ++report.claimsReleased;
            }
            return {};
        }
        for (const Given& g : given) {
            if (!BookingService::recordRefundPart(tx, m_actor, g.part.paymentId, kind, g.refunded))
                continue; // recorded meanwhile
            if (g.refunded != g.part.claimedRefund) {
                PaymentAttention::flag(
                    tx, m_actor, g.part.paymentId, AttentionReason::RefundDiffers,
                    StatusText::code(QStringLiteral("payment.refund_differs"), { g.part.claimedRefund, g.refunded }));
                ++report.needAttention;
            }
        }
        for (const Candidate& c : kept) {
            // Still held by the provider while another part went back: owed, asked again with a growing pause.
            SqlRows still = tx.exec(QStringLiteral("SELECT id FROM payments WHERE id = ? AND status = 'approved' AND "
                                                   "refund_requested = ? AND attention IS NULL"),
                                    { c.paymentId, c.claimedRefund });
            if (!still.next())
                continue;
            still.finish();
            PaymentAttention::flag(tx, m_actor, c.paymentId, AttentionReason::RefundFailed,
                                   StatusText::code(QStringLiteral("cancel.part_failed"), { c.claimedRefund, c.code }),
                                   c.claimedRefund);
            ++report.needAttention;
        }
        Result<std::optional<Reservation>> finished = BookingService::finishWhenRefunded(
            tx, m_actor, first.reservationId, kind, partsFinish(kind, first.reservationId, first.orderId));
        if (!finished.ok())
            return finished.error();
        if (finished->has_value()) {
            ++report.cancelled;
            qCInfo(lcPayment).noquote() << "reconciler: booking" << first.code << "finished its" << kind
                                        << "refund across its payments";
        } else if (undecided) {
            ++report.unresolved;
        }
        return {};
    });
    if (!written.ok()) {
        ++report.unresolved;
        qCWarning(lcPayment).noquote() << "reconciler: could not settle the refund of booking" << first.code << ":"
                                       << written.error().message;
    }
}

void PaymentReconciler::clearSettledFlags()
{
    // A payment flagged "paid without booking" that is no longer pending was settled (confirmed or cancelled).
    Status written = m_db.write([&](Transaction& tx) -> Status {
        SqlRows q
            = tx.exec(QStringLiteral("SELECT id, status FROM payments WHERE attention = ? AND status <> 'pending'"),
                      { attentionReasonKey(AttentionReason::PaidWithoutBooking) });
        QList<QPair<qint64, QString>> settled;
        while (q.next())
            settled.append({ q.value(0).toLongLong(), q.value(1).toString() });
        q.finish();
        for (const auto& [id, status] : settled)
            PaymentAttention::clear(tx, m_actor, id, StatusText::code(QStringLiteral("attention.settled"), { status }));
        return {};
    });
    if (!written.ok())
        qCWarning(lcPayment).noquote() << "reconciler: could not clear settled flags:" << written.error().message;
}

} // namespace campdesk
