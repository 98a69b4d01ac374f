#include "domain/noshowservice.h"

#include "core/logging.h"
#include "domain/mileageservice.h"
#include "domain/notificationqueue.h"
#include "domain/paymentrecord.h"
#include "domain/readmodel.h"
#include "domain/reservationchange.h"
#include "domain/statustext.h"

#include <QJsonObject>
#include <QLocale>
#include <QLoggingCategory>

namespace campdesk {

namespace {

const QString selectReservation = QStringLiteral("SELECT ") + Reservation::columns() + Reservation::tables();

std::optional<Reservation> loadReservation(SqlSession& s, qint64 id)
{
    SqlRows q = s.exec(selectReservation + QStringLiteral(" WHERE r.id = ?"), { id });
    if (!q.next())
        return std::nullopt;
    return Reservation::fromRow(q);
}

std::optional<PaymentRecord> approvedPayment(SqlSession& s, qint64 reservationId)
{
    SqlRows q = s.exec(QStringLiteral("SELECT ") + PaymentRecord::columns()
                           + QStringLiteral(" FROM payments p WHERE reservation_id = ? AND status = 'approved' "
                                            "ORDER BY p.id DESC"),
                       { reservationId });
    if (!q.next())
        return std::nullopt;
    return PaymentRecord::fromRow(q);
}

Error notFound()
{
    return Error(ErrorCode::NotFound, NoShowService::tr("This booking could not be found."));
}

// Why booking r cannot become a no-show, by its status (AlreadyDone when it already is one).
Error wrongStatus(const Reservation& r)
{
    if (r.status == ReservationStatus::NoShow)
        return Error(ErrorCode::AlreadyDone,
                     NoShowService::tr("Booking %1 is already marked as a no-show.").arg(r.code));
    if (r.status == ReservationStatus::CheckedIn || r.status == ReservationStatus::CheckedOut)
        return invalidInput(
            NoShowService::tr("The guest of booking %1 has checked in: it is not a no-show.").arg(r.code));
    return invalidInput(NoShowService::tr("Only a paid booking can be marked as a no-show (booking %1 is %2).")
                            .arg(r.code, reservationStatusName(r.status)));
}

bool refundClaimed(SqlSession& s, qint64 reservationId)
{
    return s.scalar(QStringLiteral("SELECT count(*) FROM payments WHERE reservation_id = ? AND status = 'approved' "
                                   "AND refund_requested IS NOT NULL"),
                    { reservationId })
               .toLongLong()
        > 0;
}

} // namespace

NoShowService::NoShowService(BookingService& bookings)
    : m_bookings(bookings)
    , m_db(bookings.database())
{
}

Status NoShowService::check(SqlSession& s, const Reservation& r, const NoShowRules& rules) const
{
    if (r.status != ReservationStatus::Confirmed)
        return wrongStatus(r);
    // A refund of a booking made dearer by a change charged as a second card payment would have to go back across
    // both payments, which is not built yet (docs/decisions.md); without a refund it is marked as any other.
    if (rules.refundFor(r.amount) > 0 && ReservationChangeService::chargedByChanges(s, r.id) > 0)
        return invalidInput(tr("Booking %1 was paid in two card payments (the booking and a change that made it "
                               "dearer), so it cannot be refunded as a no-show here yet. Ask a manager.")
                                .arg(r.code));
    const QDateTime now = m_db.clock().nowUtc().toLocalTime();
    const QDateTime cutoff = rules.cutoffFor(r.checkIn);
    if (now < cutoff) {
        return invalidInput(tr("Booking %1 can be marked as a no-show from %2.")
                                .arg(r.code, QLocale().toString(cutoff, QLocale::ShortFormat)));
    }
    return {};
}

Result<qint64> NoShowService::refundIfMarked(const Actor& actor, qint64 reservationId) const
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::System }); !allowed.ok())
        return allowed.error();
    return m_db.read([&](SqlSession& s) -> Result<qint64> {
        const std::optional<Reservation> r = loadReservation(s, reservationId);
        if (!r || !r->isReal())
            return notFound();
        const NoShowRules rules = NoShowSettings::load(s);
        if (Status ok = check(s, *r, rules); !ok.ok())
            return ok.error();
        return rules.refundFor(r->amount);
    });
}

Result<Reservation> NoShowService::markNoShow(const Actor& actor, qint64 reservationId)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::System }); !allowed.ok())
        return allowed.error();
    struct Plan
    {
        Reservation reservation;
        qint64 refund = 0;
        std::optional<PaymentRecord> payment;
    };
    Result<Plan> plan = m_db.read([&](SqlSession& s) -> Result<Plan> {
        const std::optional<Reservation> r = loadReservation(s, reservationId);
        if (!r || !r->isReal())
            return notFound();
        const NoShowRules rules = NoShowSettings::load(s);
        if (Status ok = check(s, *r, rules); !ok.ok())
            return ok.error();
        return Plan { *r, rules.refundFor(r->amount), approvedPayment(s, reservationId) };
    });
    if (!plan.ok())
        return plan.error();
    const Reservation& r = plan->reservation;
    qint64 paymentId = 0;
    if (plan->refund > 0) {
        if (!plan->payment)
            return Error(ErrorCode::Conflict, tr("Booking %1 has no approved payment to refund.").arg(r.code));
        PaymentGateway* provider = m_bookings.gateway(plan->payment->provider);
        if (!provider) {
            return Error(ErrorCode::Unavailable,
                         tr("This booking was paid through %1, which this terminal cannot refund.")
                             .arg(plan->payment->provider));
        }
        // Claimed first, as a cancel does: no check-in and no second refund while the money goes back.
        if (Status claimed = claimRefund(reservationId, plan->payment->id, plan->refund); !claimed.ok())
            return claimed.error();
        PaymentCancelRequest refund { plan->payment->orderId, plan->payment->providerTxId, plan->refund,
                                      QStringLiteral("no_show") };
        const PaymentOutcome outcome = provider->cancel(refund);
        if (!outcome.approved()) {
            using S = PaymentOutcome::Status;
            if (outcome.status != S::Declined && outcome.status != S::Unavailable && outcome.status != S::NotFound)
                return Error(ErrorCode::PaymentPending,
                             tr("The refund's result is not known. Booking %1 stays as it is while it is checked "
                                "with the payment service.")
                                 .arg(r.code));
            // Nothing was refunded: the claim goes.
            (void)m_db.write([&](Transaction& tx) -> Status {
                tx.exec(QStringLiteral("UPDATE payments SET refund_requested = NULL, updated_at = ? WHERE id = ? "
                                       "AND status = 'approved' AND refund_requested = ?"),
                        { tx.nowMs(), plan->payment->id, plan->refund });
                return {};
            });
            return Error(outcome.status == S::Unavailable ? ErrorCode::PaymentsBusy : ErrorCode::Payment,
                         tr("The refund did not go through (%1). The booking is unchanged; please try again.")
                             .arg(outcome.message.isEmpty() ? outcome.providerCode : outcome.message));
        }
        paymentId = plan->payment->id;
    }
    return transition(actor, reservationId, plan->refund, paymentId);
}

Status NoShowService::claimRefund(qint64 reservationId, qint64 paymentId, qint64 refund)
{
    return m_db.write([&](Transaction& tx) -> Status {
        lockReservation(tx, reservationId); // as check-in and cancel lock it
        const std::optional<Reservation> r = loadReservation(tx, reservationId);
        if (!r)
            return notFound();
        if (r->status != ReservationStatus::Confirmed)
            return wrongStatus(*r);
        SqlRows claimed
            = tx.exec(QStringLiteral("UPDATE payments SET refund_requested = ?, updated_at = ? WHERE id = ? "
                                     "AND status = 'approved' AND refund_requested IS NULL RETURNING id"),
                      { refund, tx.nowMs(), paymentId });
        if (!claimed.next())
            return Error(
                ErrorCode::AlreadyDone,
                tr("Booking %1 is already being changed on another terminal: its refund is in progress.").arg(r->code));
        return {};
    });
}

Result<Reservation> NoShowService::transition(const Actor& actor, qint64 reservationId, qint64 refund, qint64 paymentId)
{
    Result<Reservation> result = m_db.write([&](Transaction& tx) -> Result<Reservation> {
        lockReservation(tx, reservationId); // as check-in and cancel lock it
        std::optional<Reservation> r = loadReservation(tx, reservationId);
        if (!r || !r->isReal())
            return notFound();
        if (r->status != ReservationStatus::Confirmed)
            return wrongStatus(*r);
        // Without a refund of its own, a cancel's claim on the payment wins: the booking is being cancelled.
        if (refund == 0 && refundClaimed(tx, reservationId))
            return Error(ErrorCode::AlreadyDone,
                         tr("Booking %1 is already being cancelled: its refund is in progress.").arg(r->code));
        const QDate today = tx.database().clock().today();
        const qint64 now = tx.nowMs();
        // The guard: only a confirmed stay that began before today. Of a no-show and a check-in (or two sweeps) of
        // the same booking at once, one moves it; the other finds it moved.
        SqlRows moved = tx.exec(
            QStringLiteral("UPDATE reservations SET status = 'no_show', refund_amount = ?, cancel_reason = 'no_show', "
                           "cancelled_at = ?, updated_at = ?, version = version + 1 WHERE id = ? "
                           "AND status = 'confirmed' AND check_in < ? RETURNING id"),
            { refund, now, now, reservationId, sqlDate(today) });
        if (!moved.next()) {
            moved.finish();
            r = loadReservation(tx, reservationId);
            if (r && r->status != ReservationStatus::Confirmed)
                return wrongStatus(*r);
            return Error(ErrorCode::AlreadyDone,
                         tr("Booking %1 was changed on another terminal; please look at it again.")
                             .arg(r ? r->code : QString()));
        }
        moved.finish();
        // The nights from today on are free again; the first night stays the guest's (it was paid for and held).
        const QDate booked = r->checkOut;
        const QDate end = std::max(today, r->checkIn.addDays(1));
        qint64 freed = 0;
        if (end < booked) {
            freed = tx.scalar(QStringLiteral("SELECT count(*) FROM reservation_nights WHERE reservation_id = ? "
                                             "AND night >= ?"),
                              { reservationId, sqlDate(end) })
                        .toLongLong();
            tx.exec(QStringLiteral("DELETE FROM reservation_nights WHERE reservation_id = ? AND night >= ?"),
                    { reservationId, sqlDate(end) });
            tx.exec(QStringLiteral("UPDATE reservations SET check_out = ? WHERE id = ?"),
                    { sqlDate(end), reservationId });
            DailyDelta sold; // the nights sold the day it was booked are the nights it now holds
            sold.bookedNights = -freed;
            ReadModel::addDaily(tx, r->confirmedAt, sold);
        }
        DailyDelta stats;
        if (refund > 0) {
            tx.exec(QStringLiteral("UPDATE payments SET status = 'cancelled', refund_amount = ?, cancelled_at = ?, "
                                   "refunded_by = ?, updated_at = ? WHERE id = ? AND status = 'approved'"),
                    { refund, now, PaymentRecord::staffOf(actor), now, paymentId });
            tx.recordEvent(EventType::PaymentCancelled, QStringLiteral("payment"), paymentId,
                           { { QStringLiteral("reservationId"), reservationId },
                             { QStringLiteral("orderId"), r->orderId },
                             { QStringLiteral("refund"), refund } });
            stats.refunds = refund;
        }
        // The points it earned come back off, at most the balance; the points it used are not returned (the
        // night was held for the guest). Written whenever some were earned, even as 0, like a cancel's row.
        MileageService::lockBalance(tx, r->customerId);
        const QString source = QString::number(reservationId);
        const qint64 earned = MileageService::entryDelta(tx, QStringLiteral("payment"), source);
        qint64 takenBack = 0;
        if (earned > 0) {
            takenBack = std::min(earned, std::max<qint64>(0, MileageService::balance(tx, r->customerId)));
            MileageService::record(tx, r->customerId, -takenBack, QStringLiteral("cancel"), source,
                                   QStringLiteral("no-show"));
        }
        r = loadReservation(tx, reservationId);
        QJsonObject payload { { QStringLiteral("code"), r->code },
                              { QStringLiteral("campsiteId"), r->campsiteId },
                              { QStringLiteral("checkIn"), sqlDate(r->checkIn) },
                              { QStringLiteral("checkOut"), sqlDate(r->checkOut) },
                              { QStringLiteral("bookedCheckOut"), sqlDate(booked) },
                              { QStringLiteral("nightsFreed"), freed },
                              { QStringLiteral("amount"), r->amount },
                              { QStringLiteral("refund"), refund },
                              { QStringLiteral("pointsTakenBack"), takenBack } };
        const qint64 event
            = tx.recordEvent(EventType::ReservationNoShow, QStringLiteral("reservation"), reservationId, payload);
        if (earned > 0) {
            tx.recordEvent(EventType::MileageDeducted, QStringLiteral("customer"), r->customerId,
                           { { QStringLiteral("reservationId"), reservationId },
                             { QStringLiteral("points"), takenBack },
                             { QStringLiteral("balance"), MileageService::balance(tx, r->customerId) } });
        }
        NotificationQueue::enqueueForReservation(tx, event, EventType::ReservationNoShow, reservationId);
        if (!stats.isZero())
            ReadModel::addDaily(tx, now, stats);
        ReadModel::refreshCampsite(tx, r->campsiteId);
        // Stored as a code, shown in the reader's language (StatusText).
        tx.audit(
            actor, QStringLiteral("reservation.no_show"), r->code,
            StatusText::code(QStringLiteral("no_show.summary"), { refund, freed, sqlDate(end), takenBack, earned }));
        return *r;
    });
    if (result.ok())
        qCInfo(lcBooking).noquote() << "booking" << result->code << "marked no-show by" << actor.name;
    return result;
}

Result<int> NoShowService::sweep(const Actor& actor)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::System }); !allowed.ok())
        return allowed.error();
    const QDateTime now = m_db.clock().nowUtc().toLocalTime();
    Result<QList<qint64>> due = m_db.read([&](SqlSession& s) -> Result<QList<qint64>> {
        const NoShowRules rules = NoShowSettings::load(s);
        if (!rules.autoSweep)
            return QList<qint64>();
        // Due: the day after check-in has reached the cutoff.
        const QDate lastCheckIn = now.time() >= rules.cutoff ? now.date().addDays(-1) : now.date().addDays(-2);
        SqlRows q = s.exec(QStringLiteral("SELECT id FROM reservations WHERE status = 'confirmed' AND check_in <= ? "
                                          "ORDER BY check_in, id LIMIT 200"),
                           { sqlDate(lastCheckIn) });
        QList<qint64> ids;
        while (q.next())
            ids.append(q.value(0).toLongLong());
        return ids;
    });
    if (!due.ok())
        return due.error();
    int marked = 0;
    for (qint64 id : due.value()) {
        Result<Reservation> r = markNoShow(actor, id);
        if (r.ok())
            ++marked;
        else if (r.error().code != ErrorCode::AlreadyDone && r.error().code != ErrorCode::Invalid)
            qCWarning(lcBooking).noquote() << "no-show sweep: reservation" << id << r.error().message;
    }
    return marked;
}

} // namespace campdesk
