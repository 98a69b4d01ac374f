#include "payment/paymentreconciler.h"

#include "core/logging.h"
#include "db/database.h"
#include "domain/bookingservice.h"

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
        SqlRows held
            = s.exec(QStringLiteral(
                         "SELECT r.id, p.id, r.order_id, r.code, r.amount, p.failure_reason FROM reservations r "
                         "JOIN payments p ON p.reservation_id = r.id WHERE r.status = 'held' AND p.status = 'pending' "
                         "AND p.provider = ? AND p.created_at <= ? ORDER BY p.id"),
                     { m_gateway.provider(), s.nowMs() - m_config.minimumAgeMs });
        while (held.next()) {
            Candidate c = candidate(held, true);
            c.alreadyAlerted = held.value(5).toString().startsWith(alertMarker());
            list.append(c);
        }
        held.finish();

        // Confirmed bookings, a batch per run in turn, to find payments cancelled at the provider.
        SqlRows paid = s.exec(
            QStringLiteral("SELECT r.id, p.id, r.order_id, r.code, r.amount FROM reservations r JOIN payments p ON "
                           "p.reservation_id = r.id WHERE r.status = 'confirmed' AND p.status = 'approved' AND "
                           "p.provider = ? AND p.amount > 0 AND p.id > ? ORDER BY p.id LIMIT ?"),
            { m_gateway.provider(), m_sweepAfterPaymentId, std::max(1, m_config.sweepBatch) });
        int swept = 0;
        while (paid.next()) {
            const Candidate c = candidate(paid, false);
            list.append(c);
            m_sweepAfterPaymentId = c.paymentId;
            ++swept;
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
    for (const Candidate& c : candidates)
        outcomes.append(gateway.lookup(c.orderId));
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
    m_watcher.setFuture(QtConcurrent::run([gateway, work] { return lookUp(*gateway, work); }));
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
        if (c.held) {
            settleHeld(c, outcome, report);
            continue;
        }
        if (outcome.status == PaymentOutcome::Status::Cancelled) {
            // Cancelled on the provider's side: the booking is cancelled the same way as from the desk.
            Result<Reservation> cancelled = m_booking.cancelByPayment(
                m_actor, c.orderId, QStringLiteral("payment cancelled at the payment service"), true);
            if (!cancelled.ok() && cancelled.error().code == ErrorCode::AlreadyDone)
                continue; // another terminal cancelled it first
            if (cancelled.ok()) {
                ++report.cancelled;
                qCInfo(lcPayment).noquote()
                    << "reconciler: booking" << c.code << "cancelled: its payment was cancelled at the provider";
            } else {
                ++report.unresolved;
                qCWarning(lcPayment).noquote()
                    << "reconciler: could not cancel booking" << c.code << ":" << cancelled.error().message;
            }
        } else if (outcome.status == PaymentOutcome::Status::NotFound) {
            qCWarning(lcPayment).noquote()
                << "reconciler: the provider does not know the paid order" << c.orderId << "of booking" << c.code;
        }
    }
    if (report.confirmed || report.released || report.cancelled || report.mismatched) {
        qCInfo(lcPayment).noquote() << "reconciler:" << report.confirmed << "confirmed," << report.released
                                    << "released," << report.cancelled << "cancelled," << report.mismatched
                                    << "amount mismatches," << report.unresolved << "still unknown";
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

void PaymentReconciler::alertMismatch(const Candidate& c, const PaymentOutcome& outcome)
{
    qCWarning(lcPayment).noquote() << "reconciler: order" << c.orderId << "of booking" << c.code << "was approved for"
                                   << outcome.amount << "won but the booking is for" << c.amount
                                   << "won: left held for the manager";
    const QString note = alertMarker()
        + QStringLiteral(": the payment service approved %1 won, the booking is %2 won")
              .arg(outcome.amount)
              .arg(c.amount);
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
        return {};
    });
    if (!written.ok())
        qCWarning(lcPayment).noquote() << "reconciler: could not record the alert:" << written.error().message;
}

} // namespace campdesk
