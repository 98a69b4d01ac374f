#include "domain/campsiteservice.h"

#include "core/validation.h"
#include "domain/campgroundsettings.h"
#include "domain/guestdetails.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

namespace campdesk {

namespace {

const QString selectColumns = QStringLiteral("SELECT ") + Campsite::columns() + QStringLiteral(" FROM campsites");

// The form a campsite is stored in: trimmed text, upper-case code, clean amenity list.
Campsite normalized(Campsite c)
{
    c.code = c.code.trimmed().toUpper();
    c.name = c.name.trimmed();
    c.description = c.description.trimmed();
    c.zone = c.zone.trimmed();
    QStringList amenities;
    for (const QString& amenity : c.amenities) {
        const QString item = amenity.trimmed();
        if (!item.isEmpty() && !amenities.contains(item))
            amenities.append(item);
    }
    c.amenities = amenities;
    return c;
}

QVariantList bindValues(const Campsite& c)
{
    return { c.code,
             c.name,
             campsiteKindKey(c.kind),
             c.description,
             c.zone,
             c.maxGuests,
             c.nightlyPrice,
             c.weekendPrice > 0 ? QVariant(c.weekendPrice) : QVariant(),
             c.amenities.join(QLatin1Char(',')),
             campsiteStatusKey(c.status),
             c.maxEquipmentLengthDm > 0 ? QVariant(c.maxEquipmentLengthDm) : QVariant() };
}

QJsonObject describe(const Campsite& c)
{
    return { { QStringLiteral("code"), c.code },
             { QStringLiteral("name"), c.name },
             { QStringLiteral("kind"), campsiteKindKey(c.kind) },
             { QStringLiteral("status"), campsiteStatusKey(c.status) },
             { QStringLiteral("nightlyPrice"), c.nightlyPrice },
             { QStringLiteral("weekendPrice"), c.weekendPrice },
             { QStringLiteral("maxGuests"), c.maxGuests } };
}

// Keeps the campsite's row of the read model (campsite_status) in step with its description.
void syncStatusRow(Transaction& tx, const Campsite& c)
{
    tx.exec(QStringLiteral("INSERT INTO campsite_status (campsite_id, code, name, kind, zone, site_status, as_of, "
                           "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                           "ON CONFLICT (campsite_id) DO UPDATE SET code = excluded.code, name = excluded.name, "
                           "kind = excluded.kind, zone = excluded.zone, site_status = excluded.site_status, "
                           "updated_at = excluded.updated_at"),
            { c.id, c.code, c.name, campsiteKindKey(c.kind), c.zone, campsiteStatusKey(c.status),
              sqlDate(tx.database().clock().today()), tx.nowMs() });
}

Error notFound()
{
    return Error(ErrorCode::NotFound, CampsiteService::tr("This campsite no longer exists."));
}

// The campground's ceiling on prices (a setting), checked in the saving transaction.
Status checkCeiling(SqlSession& session, const Campsite& c)
{
    const qint64 ceiling = CampgroundSettings::load(session).maxNightlyPrice;
    if (c.nightlyPrice > ceiling)
        return invalidInput(
            CampsiteService::tr("At most %1 won per night (Settings).").arg(QLocale().toString(ceiling)),
            QStringLiteral("nightlyPrice"));
    if (c.weekendPrice > ceiling)
        return invalidInput(
            CampsiteService::tr("At most %1 won per night (Settings).").arg(QLocale().toString(ceiling)),
            QStringLiteral("weekendPrice"));
    return {};
}

} // namespace

CampsiteService::CampsiteService(Database& db)
    : m_db(db)
{
}

Status CampsiteService::validate(const Campsite& raw)
{
    const Campsite c = normalized(raw);
    static const QRegularExpression codePattern(QStringLiteral("^[A-Z0-9][A-Z0-9-]{0,15}$"));
    if (c.code.isEmpty())
        return invalidInput(CampsiteService::tr("Code is required."), QStringLiteral("code"));
    if (!codePattern.match(c.code).hasMatch()) {
        return invalidInput(CampsiteService::tr("Code can have up to 16 letters A–Z, digits and dashes, e.g. A-07."),
                            QStringLiteral("code"));
    }
    if (Status s = checkText(c.name, CampsiteService::tr("Name"), QStringLiteral("name"), 1, 60); !s.ok())
        return s;
    if (Status s = checkText(c.zone, CampsiteService::tr("Zone"), QStringLiteral("zone"), 0, 40); !s.ok())
        return s;
    if (Status s
        = checkText(c.description, CampsiteService::tr("Description"), QStringLiteral("description"), 0, 2000, true);
        !s.ok())
        return s;
    if (c.maxGuests < 1 || c.maxGuests > 50)
        return invalidInput(CampsiteService::tr("Maximum guests must be between 1 and 50."),
                            QStringLiteral("maxGuests"));
    if (Status s
        = checkMoney(c.nightlyPrice, CampsiteService::tr("Nightly price"), QStringLiteral("nightlyPrice"), true);
        !s.ok())
        return s;
    if (Status s
        = checkMoney(c.weekendPrice, CampsiteService::tr("Weekend price"), QStringLiteral("weekendPrice"), false);
        !s.ok())
        return s;
    if (c.maxEquipmentLengthDm != 0
        && (c.maxEquipmentLengthDm < GuestDetails::minLengthDm || c.maxEquipmentLengthDm > GuestDetails::maxLengthDm))
        return invalidInput(CampsiteService::tr("The longest RV or caravan must be between %1 and %2, or no limit.")
                                .arg(GuestDetails::lengthText(GuestDetails::minLengthDm),
                                     GuestDetails::lengthText(GuestDetails::maxLengthDm)),
                            QStringLiteral("maxEquipmentLength"));
    if (c.amenities.size() > 20)
        return invalidInput(CampsiteService::tr("A campsite can list at most 20 amenities."),
                            QStringLiteral("amenities"));
    for (const QString& amenity : c.amenities) {
        if (Status s = checkText(amenity, CampsiteService::tr("Amenity"), QStringLiteral("amenities"), 1, 30); !s.ok())
            return s;
        if (amenity.contains(QLatin1Char(',')))
            return invalidInput(CampsiteService::tr("An amenity cannot contain a comma."), QStringLiteral("amenities"));
    }
    return {};
}

Result<Campsite> CampsiteService::registerCampsite(const Actor& actor, const Campsite& draft)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::System }); !allowed.ok())
        return allowed.error();
    if (Status valid = validate(draft); !valid.ok())
        return valid.error();
    Campsite c = normalized(draft);
    if (c.status == CampsiteStatus::Retired)
        return invalidInput(CampsiteService::tr("A new campsite cannot start retired."), QStringLiteral("status"));

    return m_db.write([&](Transaction& tx) -> Result<Campsite> {
        if (Status s = checkCeiling(tx, c); !s.ok())
            return s.error();
        if (tx.scalar(QStringLiteral("SELECT count(*) FROM campsites WHERE code = ?"), { c.code }).toInt() > 0)
            return Error(ErrorCode::Conflict,
                         CampsiteService::tr("A campsite with the code %1 already exists.").arg(c.code),
                         QStringLiteral("code"));
        QVariantList binds = bindValues(c);
        binds << tx.nowMs() << tx.nowMs();
        c.id = tx.insert(
            QStringLiteral("INSERT INTO campsites (code, name, kind, description, zone, max_guests, "
                           "nightly_price, weekend_price, amenities, status, max_equipment_length_dm, version, "
                           "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                           "CAST(? AS INTEGER), 1, ?, ?) RETURNING id"),
            binds);
        c.version = 1;
        syncStatusRow(tx, c);
        tx.recordEvent(EventType::CampsiteRegistered, QStringLiteral("campsite"), c.id, describe(c));
        tx.audit(actor, QStringLiteral("campsite.register"), c.code, c.name);
        return c;
    });
}

Result<Campsite> CampsiteService::modify(const Actor& actor, const Campsite& changed)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::System }); !allowed.ok())
        return allowed.error();
    if (Status valid = validate(changed); !valid.ok())
        return valid.error();
    Campsite c = normalized(changed);

    return m_db.write([&](Transaction& tx) -> Result<Campsite> {
        if (Status s = checkCeiling(tx, c); !s.ok())
            return s.error();
        SqlRows current = tx.exec(selectColumns + QStringLiteral(" WHERE id = ?"), { c.id });
        if (!current.next())
            return notFound();
        const Campsite before = Campsite::fromRow(current);
        current.finish();
        if (before.version != c.version) {
            return Error(
                ErrorCode::Conflict,
                CampsiteService::tr("Someone else changed campsite %1 meanwhile. Reload it and make your change again.")
                    .arg(before.code));
        }
        if (c.code != before.code
            && tx.scalar(QStringLiteral("SELECT count(*) FROM campsites WHERE code = ? AND id <> ?"), { c.code, c.id })
                    .toInt()
                > 0) {
            return Error(ErrorCode::Conflict,
                         CampsiteService::tr("A campsite with the code %1 already exists.").arg(c.code),
                         QStringLiteral("code"));
        }
        QVariantList binds = bindValues(c);
        binds << tx.nowMs() << c.id << c.version;
        SqlRows update
            = tx.exec(QStringLiteral("UPDATE campsites SET code = ?, name = ?, kind = ?, description = ?, "
                                     "zone = ?, max_guests = ?, nightly_price = ?, weekend_price = ?, "
                                     "amenities = ?, status = ?, max_equipment_length_dm = CAST(? AS INTEGER), "
                                     "version = version + 1, updated_at = ? "
                                     "WHERE id = ? AND version = ?"),
                      binds);
        if (update.numRowsAffected() != 1)
            return Error(ErrorCode::Conflict,
                         CampsiteService::tr("Someone else changed this campsite meanwhile. Reload it."));
        c.version += 1;
        syncStatusRow(tx, c);
        QJsonObject payload = describe(c);
        payload.insert(QStringLiteral("previousStatus"), campsiteStatusKey(before.status));
        tx.recordEvent(EventType::CampsiteModified, QStringLiteral("campsite"), c.id, payload);
        tx.audit(actor, QStringLiteral("campsite.modify"), c.code, c.name);
        return c;
    });
}

Result<CampsiteService::Removal> CampsiteService::remove(const Actor& actor, qint64 campsiteId)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::System }); !allowed.ok())
        return allowed.error();

    return m_db.write([&](Transaction& tx) -> Result<Removal> {
        SqlRows current = tx.exec(selectColumns + QStringLiteral(" WHERE id = ?"), { campsiteId });
        if (!current.next())
            return notFound();
        Campsite c = Campsite::fromRow(current);
        current.finish();
        const bool hasHistory
            = tx.scalar(QStringLiteral("SELECT count(*) FROM reservations WHERE campsite_id = ?"), { campsiteId })
                    .toInt()
                > 0
            || tx.scalar(QStringLiteral("SELECT count(*) FROM reviews WHERE campsite_id = ?"), { campsiteId }).toInt()
                > 0;
        Removal removal = Removal::Deleted;
        if (hasHistory) {
            const qint64 upcoming
                = tx.scalar(QStringLiteral("SELECT count(*) FROM reservations WHERE campsite_id = ? AND status IN "
                                           "('held', 'confirmed', 'checked_in') AND check_out > ?"),
                            { campsiteId, sqlDate(tx.database().clock().today()) })
                      .toLongLong();
            if (upcoming > 0) {
                return Error(
                    ErrorCode::Conflict,
                    CampsiteService::tr("Campsite %1 still has %n upcoming reservation(s). Cancel or move them first.",
                                        nullptr, int(upcoming))
                        .arg(c.code));
            }
            if (c.status == CampsiteStatus::Retired)
                return Error(ErrorCode::Conflict, CampsiteService::tr("Campsite %1 is already retired.").arg(c.code));
            tx.exec(QStringLiteral("UPDATE campsites SET status = 'retired', version = version + 1, updated_at = ? "
                                   "WHERE id = ?"),
                    { tx.nowMs(), campsiteId });
            c.status = CampsiteStatus::Retired;
            c.version += 1;
            syncStatusRow(tx, c);
            removal = Removal::Retired;
        } else {
            tx.exec(QStringLiteral("DELETE FROM campsite_status WHERE campsite_id = ?"), { campsiteId });
            tx.exec(QStringLiteral("DELETE FROM campsites WHERE id = ?"), { campsiteId });
        }
        QJsonObject payload = describe(c);
        payload.insert(QStringLiteral("retired"), removal == Removal::Retired);
        tx.recordEvent(EventType::CampsiteDeleted, QStringLiteral("campsite"), campsiteId, payload);
        tx.audit(actor,
                 removal == Removal::Retired ? QStringLiteral("campsite.retire") : QStringLiteral("campsite.delete"),
                 c.code, c.name);
        return removal;
    });
}

Result<QList<Reservation>> CampsiteService::upcomingReservations(qint64 campsiteId) const
{
    return m_db.read([&](SqlSession& s) -> Result<QList<Reservation>> {
        // The same bookings remove() counts.
        SqlRows q = s.exec(QStringLiteral("SELECT ") + Reservation::columns() + Reservation::tables()
                               + QStringLiteral(" WHERE r.campsite_id = ? AND r.status IN ('held', 'confirmed', "
                                                "'checked_in') AND r.check_out > ? ORDER BY r.check_in, r.id"),
                           { campsiteId, sqlDate(m_db.clock().today()) });
        QList<Reservation> out;
        while (q.next())
            out.append(Reservation::fromRow(q));
        return out;
    });
}

qint64 CampsiteService::maxNightlyPrice() const
{
    Result<CampgroundInfo> info = CampgroundSettings(m_db).get();
    return info.ok() ? info->maxNightlyPrice : CampgroundInfo::defaultMaxNightlyPrice;
}

Result<QList<Campsite>> CampsiteService::list(bool includeRetired) const
{
    return m_db.read([&](SqlSession& s) -> Result<QList<Campsite>> {
        SqlRows q = s.exec(selectColumns
                           + (includeRetired ? QString() : QStringLiteral(" WHERE status IN ('active', 'maintenance')"))
                           + QStringLiteral(" ORDER BY code"));
        QList<Campsite> all;
        while (q.next())
            all.append(Campsite::fromRow(q));
        return all;
    });
}

Result<Campsite> CampsiteService::get(qint64 campsiteId) const
{
    return m_db.read([&](SqlSession& s) -> Result<Campsite> {
        SqlRows q = s.exec(selectColumns + QStringLiteral(" WHERE id = ?"), { campsiteId });
        if (!q.next())
            return notFound();
        return Campsite::fromRow(q);
    });
}

Result<Campsite> CampsiteService::findByCode(const QString& code) const
{
    return m_db.read([&](SqlSession& s) -> Result<Campsite> {
        SqlRows q = s.exec(selectColumns + QStringLiteral(" WHERE code = ?"), { code.trimmed().toUpper() });
        if (!q.next())
            return notFound();
        return Campsite::fromRow(q);
    });
}

} // namespace campdesk
