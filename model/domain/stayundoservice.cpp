#include "domain/stayundoservice.h"

#include "core/domainevent.h"
#include "db/dberror.h"
#include "db/sqldates.h"
#include "domain/readmodel.h"
#include "domain/statustext.h"

#include <QJsonDocument>
#include <QJsonObject>

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

struct LastChange
{
    QString type;
    qint64 at = 0;
    QJsonObject payload;
};

// The booking's last event: what the desk may undo.
std::optional<LastChange> lastChange(SqlSession& s, qint64 reservationId)
{
    SqlRows q = s.exec(QStringLiteral("SELECT type, occurred_at, payload FROM domain_events WHERE aggregate = "
                                      "'reservation' AND aggregate_id = ? ORDER BY id DESC LIMIT 1"),
                       { reservationId });
    if (!q.next())
        return std::nullopt;
    return LastChange { q.value(0).toString(), q.value(1).toLongLong(),
                        QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object() };
}

} // namespace

StayUndoService::StayUndoService(Database& db)
    : m_db(db)
{
}

Result<bool> StayUndoService::canUndo(qint64 reservationId) const
{
    return m_db.read([&](SqlSession& s) -> Result<bool> {
        const std::optional<LastChange> last = lastChange(s, reservationId);
        if (!last || ReadModel::dayOf(last->at) != m_db.clock().today())
            return false;
        return last->type == eventTypeName(EventType::ReservationCheckedIn)
            || (last->type == eventTypeName(EventType::ReservationCheckedOut)
                && !last->payload.value(QStringLiteral("moneyMoved")).toBool());
    });
}

Result<Reservation> StayUndoService::undoCheckIn(const Actor& actor, qint64 reservationId)
{
    return undo(actor, reservationId, ReservationStatus::CheckedIn);
}

Result<Reservation> StayUndoService::undoCheckOut(const Actor& actor, qint64 reservationId)
{
    return undo(actor, reservationId, ReservationStatus::CheckedOut);
}

Result<Reservation> StayUndoService::undo(const Actor& actor, qint64 reservationId, ReservationStatus from)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk }); !allowed.ok())
        return allowed.error();
    const bool checkIn = from == ReservationStatus::CheckedIn;
    const ReservationStatus to = checkIn ? ReservationStatus::Confirmed : ReservationStatus::CheckedIn;
    return m_db.write([&](Transaction& tx) -> Result<Reservation> {
        lockReservation(tx, reservationId); // as check-in and cancel lock it
        std::optional<Reservation> r = loadReservation(tx, reservationId);
        if (!r || !r->isReal())
            return Error(ErrorCode::NotFound, tr("This booking could not be found."));
        if (r->status != from) {
            return Error(ErrorCode::AlreadyDone,
                         checkIn ? tr("Booking %1 is not checked in (it is %2): there is no check-in to undo.")
                                       .arg(r->code, reservationStatusName(r->status))
                                 : tr("Booking %1 is not checked out (it is %2): there is no check-out to undo.")
                                       .arg(r->code, reservationStatusName(r->status)));
        }
        const std::optional<LastChange> last = lastChange(tx, reservationId);
        const EventType expected = checkIn ? EventType::ReservationCheckedIn : EventType::ReservationCheckedOut;
        if (!last || last->type != eventTypeName(expected)) {
            return invalidInput(checkIn ? tr("Booking %1 has changed since its check-in; the check-in cannot be "
                                             "undone.")
                                              .arg(r->code)
                                        : tr("Booking %1 has changed since its check-out; the check-out cannot be "
                                             "undone.")
                                              .arg(r->code));
        }
        const QDate today = tx.database().clock().today();
        if (ReadModel::dayOf(last->at) != today) {
            return invalidInput(checkIn ? tr("A check-in can only be undone on the day it was made.")
                                        : tr("A check-out can only be undone on the day it was made."));
        }
        if (!checkIn
            && tx.scalar(QStringLiteral("SELECT count(*) FROM reviews WHERE reservation_id = ?"), { reservationId })
                    .toLongLong()
                > 0)
            return invalidInput(tr("The guest of booking %1 has written a review since checking out; the check-out "
                                   "cannot be undone.")
                                    .arg(r->code));
        // An early departure that gave money back (or took the freed nights off a balance due): the money is gone or
        // settled, so the nights cannot simply come back; change the booking instead.
        if (!checkIn && last->payload.value(QStringLiteral("moneyMoved")).toBool())
            return invalidInput(tr("The check-out of booking %1 gave back money for the unused nights; it cannot be "
                                   "undone. Make a new booking for the guest instead.")
                                    .arg(r->code));
        // The guard: the status and the version read above; another terminal's change in between wins.
        const qint64 now = tx.nowMs();
        SqlRows moved
            = tx.exec(QStringLiteral("UPDATE reservations SET status = ?, checked_out_on = NULL, updated_at = ?, "
                                     "version = version + 1 WHERE id = ? AND status = ? AND version = ? RETURNING id"),
                      { reservationStatusKey(to), now, reservationId, reservationStatusKey(from), r->version });
        if (!moved.next())
            return Error(ErrorCode::AlreadyDone,
                         tr("Booking %1 was changed on another terminal; please look at it again.").arg(r->code));
        moved.finish();
        // An early departure freed the nights after today: they come back only while still free.
        const qint64 freed = last->payload.value(QStringLiteral("nightsFreed")).toInteger();
        const QDate booked = dateFromSql(last->payload.value(QStringLiteral("bookedCheckOut")).toString());
        QString details;
        if (!checkIn && freed > 0 && booked.isValid() && booked > r->checkOut) {
            SqlRows taken = tx.exec(QStringLiteral("SELECT DISTINCT o.code FROM reservation_nights n LEFT JOIN "
                                                   "reservations o ON o.id = n.reservation_id WHERE n.campsite_id = ? "
                                                   "AND n.night >= ? AND n.night < ? ORDER BY o.code"),
                                    { r->campsiteId, sqlDate(r->checkOut), sqlDate(booked) });
            QStringList others;
            while (taken.next())
                others << (taken.value(0).isNull() ? tr("a site block") : taken.value(0).toString());
            taken.finish();
            const Error clash(ErrorCode::SiteTaken,
                              tr("The nights freed at check-out are no longer free (%1); the check-out of booking %2 "
                                 "cannot be undone.")
                                  .arg(others.join(QStringLiteral(", ")), r->code));
            if (!others.isEmpty())
                return clash;
            try {
                QString sql = QStringLiteral("INSERT INTO reservation_nights (campsite_id, night, reservation_id) "
                                             "VALUES (?, ?, ?)");
                QVariantList values { r->campsiteId, sqlDate(r->checkOut), reservationId };
                for (QDate night = r->checkOut.addDays(1); night < booked; night = night.addDays(1)) {
                    sql += QStringLiteral(", (?, ?, ?)");
                    values << r->campsiteId << sqlDate(night) << reservationId;
                }
                tx.exec(sql, values);
            } catch (const DbError& error) {
                if (error.kind() != DbError::Kind::Unique)
                    throw;
                return clash; // taken by another terminal after the look above (PostgreSQL)
            }
            tx.exec(QStringLiteral("UPDATE reservations SET check_out = ? WHERE id = ?"),
                    { sqlDate(booked), reservationId });
            DailyDelta sold; // the nights its booking day sold are again the nights it holds
            sold.bookedNights = freed;
            ReadModel::addDaily(tx, r->confirmedAt, sold);
            details = StatusText::code(QStringLiteral("undo.nights_restored"),
                                       { freed, sqlDate(r->checkOut), sqlDate(booked) });
        }
        r = loadReservation(tx, reservationId);
        tx.recordEvent(checkIn ? EventType::ReservationCheckInUndone : EventType::ReservationCheckOutUndone,
                       QStringLiteral("reservation"), reservationId,
                       { { QStringLiteral("code"), r->code },
                         { QStringLiteral("campsiteId"), r->campsiteId },
                         { QStringLiteral("checkOut"), sqlDate(r->checkOut) },
                         { QStringLiteral("nightsRestored"), checkIn ? 0 : freed } });
        ReadModel::refreshCampsite(tx, r->campsiteId);
        tx.audit(actor,
                 checkIn ? QStringLiteral("reservation.undo_check_in") : QStringLiteral("reservation.undo_check_out"),
                 r->code, details);
        return *r;
    });
}

} // namespace campdesk
