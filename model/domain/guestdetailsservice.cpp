#include "domain/guestdetailsservice.h"

#include "db/database.h"

#include <QJsonArray>
#include <QLocale>

namespace campdesk {

namespace {

Status fitsSite(const GuestDetails& d, const QVariant& siteMaxDm)
{
    if (d.equipmentLengthDm > 0 && !siteMaxDm.isNull() && d.equipmentLengthDm > siteMaxDm.toInt()) {
        return invalidInput(GuestDetailsService::tr("This site takes equipment up to %1.")
                                .arg(GuestDetails::lengthText(siteMaxDm.toInt())),
                            QStringLiteral("equipmentLength"));
    }
    return {};
}

} // namespace

GuestDetailsService::GuestDetailsService(Database& db)
    : m_db(db)
{
}

Result<GuestDetails> GuestDetailsService::get(const Actor& actor, qint64 reservationId) const
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::System }); !allowed.ok())
        return allowed.error();
    return m_db.read([&](SqlSession& s) -> Result<GuestDetails> {
        SqlRows q = s.exec(QStringLiteral("SELECT guest_name, plates, equipment, equipment_length_dm, staff_notes "
                                          "FROM reservations WHERE id = ?"),
                           { reservationId });
        if (!q.next())
            return Error(ErrorCode::NotFound, tr("This booking no longer exists."));
        GuestDetails d;
        d.guestName = q.value(0).toString();
        d.plates = q.value(1).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        d.equipment = q.value(2).toString();
        d.equipmentLengthDm = q.value(3).toInt();
        d.notes = q.value(4).toString();
        return d;
    });
}

Result<GuestDetails> GuestDetailsService::set(const Actor& actor, qint64 reservationId, const GuestDetails& details)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::Kiosk, Role::System });
        !allowed.ok())
        return allowed.error();
    const bool kiosk = actor.role == Role::Kiosk;
    if (kiosk && !details.notes.trimmed().isEmpty())
        return Error(ErrorCode::Forbidden, tr("Only staff may write notes on a booking."), QStringLiteral("notes"));
    // Checked again: a caller may have built the details by hand.
    Result<GuestDetails> checked = GuestDetails::fromInput(details.guestName, details.plates, details.equipment,
                                                           details.equipmentLengthDm, details.notes);
    if (!checked.ok())
        return checked.error();
    const GuestDetails d = checked.value();

    return m_db.write([&](Transaction& tx) -> Result<GuestDetails> {
        SqlRows q = tx.exec(QStringLiteral("SELECT r.code, r.status, r.channel, r.hold_expires_at, "
                                           "s.max_equipment_length_dm FROM reservations r "
                                           "JOIN campsites s ON s.id = r.campsite_id WHERE r.id = ?"),
                            { reservationId });
        if (!q.next())
            return Error(ErrorCode::NotFound, tr("This booking no longer exists."));
        const QString code = q.value(0).toString();
        const QString status = q.value(1).toString();
        const QString channel = q.value(2).toString();
        const qint64 holdExpiresAt = q.value(3).toLongLong();
        const QVariant siteMax = q.value(4);
        q.finish();
        if (kiosk
            && (status != QLatin1String("held") || channel != QLatin1String("kiosk") || holdExpiresAt <= tx.nowMs()))
            return Error(ErrorCode::Forbidden, tr("Guest details can be given at the kiosk only while booking."));
        if (status == QLatin1String("expired"))
            return Error(ErrorCode::AlreadyDone, tr("This booking attempt has expired."));
        if (Status fits = fitsSite(d, siteMax); !fits.ok())
            return fits.error();
        const QVariant length = d.equipmentLengthDm > 0 ? QVariant(d.equipmentLengthDm) : QVariant();
        const QString plates = d.plates.join(QLatin1Char(' '));
        const qint64 now = tx.nowMs();
        if (kiosk) {
            tx.exec(QStringLiteral("UPDATE reservations SET guest_name = ?, plates = ?, equipment = ?, "
                                   "equipment_length_dm = CAST(? AS INTEGER), updated_at = ? WHERE id = ?"),
                    { d.guestName, plates, d.equipment, length, now, reservationId });
        } else {
            tx.exec(QStringLiteral("UPDATE reservations SET guest_name = ?, plates = ?, equipment = ?, "
                                   "equipment_length_dm = CAST(? AS INTEGER), staff_notes = ?, updated_at = ? "
                                   "WHERE id = ?"),
                    { d.guestName, plates, d.equipment, length, d.notes, now, reservationId });
        }
        // The plates as rows for the search: replaced whole, they are few.
        tx.exec(QStringLiteral("DELETE FROM reservation_plates WHERE reservation_id = ?"), { reservationId });
        for (const QString& plate : d.plates) {
            tx.exec(
                QStringLiteral("INSERT INTO reservation_plates (reservation_id, plate, plate_tail) VALUES (?, ?, ?)"),
                { reservationId, plate, plate.right(4) });
        }
        // No plate or note in the event: it travels to other terminals and into logs.
        tx.recordEvent(EventType::ReservationDetailsChanged, QStringLiteral("reservation"), reservationId,
                       { { QStringLiteral("code"), code },
                         { QStringLiteral("vehicles"), int(d.plates.size()) },
                         { QStringLiteral("equipment"), d.equipment } });
        tx.audit(actor, QStringLiteral("reservation.details"), code);
        GuestDetails saved = d;
        if (kiosk) // the stored notes were left alone; the kiosk does not see them
            saved.notes.clear();
        return saved;
    });
}

Status GuestDetailsService::check(qint64 campsiteId, const GuestDetails& details) const
{
    Result<GuestDetails> checked = GuestDetails::fromInput(details.guestName, details.plates, details.equipment,
                                                           details.equipmentLengthDm, details.notes);
    if (!checked.ok())
        return checked.error();
    return m_db.read([&](SqlSession& s) -> Status {
        SqlRows q
            = s.exec(QStringLiteral("SELECT max_equipment_length_dm FROM campsites WHERE id = ?"), { campsiteId });
        if (!q.next())
            return {}; // the booking itself says that the site is gone
        return fitsSite(checked.value(), q.value(0));
    });
}

} // namespace campdesk
