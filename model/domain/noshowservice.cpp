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
    Q_UNUSED(s)
    // A refund goes back across the booking's payments, newest first, as a cancel's does.
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
    };
    Result<Plan> plan = m_db.read([&](SqlSession& s) -> Result<Plan> {
        const std::optional<Reservation> r = loadReservation(s, reservationId);
        if (!r || !r->isReal())
            return notFound();
        const NoShowRules rules = NoShowSettings::load(s);
        if (Status ok = check(s, *r, rules); !ok.ok())
            return ok.error();
        return Plan { *r, rules.refundFor(r->amount) };
    });
    if (!plan.ok())
        return plan.error();
    const Reservation& r = plan->reservation;
    if (plan->refund <= 0)
        return transition(actor, reservationId, 0);
    // Claimed first, as a cancel does (all the booking's payments in one transaction, newest first): no check-in
    // and no second refund while the money goes back. Then one refund per payment, and the no-show once all are made.
    const QString kind = BookingService::noShowKind();
    Result<QList<RefundPart>> parts = m_bookings.claimRefundParts(reservationId, plan->refund, kind, r.version,
                                                                  r.amount, [](const Reservation& now) -> Status {
                                                                      if (now.status != ReservationStatus::Confirmed)
                                                                          return wrongStatus(now);
                                                                      return {};
                                                                  });
    if (!parts.ok())
        return parts.error();
    return m_bookings.refundAcross(actor, r, parts.value(), kind, QStringLiteral("no_show"),
                                   finisher(actor, reservationId));
}

BookingService::RefundFinish NoShowService::finisher(const Actor& actor, qint64 reservationId)
{
    return [this, actor, reservationId](Transaction& tx) -> Result<Reservation> {
        return mark(tx, actor, reservationId,
                    BookingService::recordedRefund(tx, reservationId, BookingService::noShowKind()), true);
    };
}

Result<Reservation> NoShowService::transition(const Actor& actor, qint64 reservationId, qint64 refund)
{
    return m_db.write(
        [&](Transaction& tx) -> Result<Reservation> { return mark(tx, actor, reservationId, refund, false); });
}

Result<Reservation> NoShowService::mark(Transaction& tx, const Actor& actor, qint64 reservationId, qint64 refund,
                                        bool refunded)
{
    Result<Reservation> result = [&]() -> Result<Reservation> {
        lockReservation(tx, reservationId); // as check-in and cancel lock it
        std::optional<Reservation> r = loadReservation(tx, reservationId);
        if (!r || !r->isReal())
            return notFound();
        if (r->status != ReservationStatus::Confirmed)
            return wrongStatus(*r);
        // Without a refund of its own, a cancel's claim on the payment wins: the booking is being cancelled.
        if (!refunded && refundClaimed(tx, reservationId))
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
        // A refund's payments were recorded part by part (BookingService::recordRefundPart) before this.
        DailyDelta stats;
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
    }();
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
