#include "domain/waitlistentry.h"

#include "db/sqldates.h"
#include "db/sqlrows.h"

#include <QCoreApplication>

namespace campdesk {

QString waitlistStatusKey(WaitlistStatus status)
{
    switch (status) {
    case WaitlistStatus::Waiting:
        return QStringLiteral("waiting");
    case WaitlistStatus::Offered:
        return QStringLiteral("offered");
    case WaitlistStatus::Booked:
        return QStringLiteral("booked");
    case WaitlistStatus::Expired:
        return QStringLiteral("expired");
    case WaitlistStatus::Removed:
        return QStringLiteral("removed");
    }
    return QStringLiteral("waiting");
}

std::optional<WaitlistStatus> waitlistStatusFromKey(const QString& key)
{
    for (WaitlistStatus s : { WaitlistStatus::Waiting, WaitlistStatus::Offered, WaitlistStatus::Booked,
                              WaitlistStatus::Expired, WaitlistStatus::Removed }) {
        if (waitlistStatusKey(s) == key)
            return s;
    }
    return std::nullopt;
}

QString waitlistStatusName(WaitlistStatus status)
{
    switch (status) {
    case WaitlistStatus::Waiting:
        return QCoreApplication::translate("WaitlistEntry", "Waiting");
    case WaitlistStatus::Offered:
        return QCoreApplication::translate("WaitlistEntry", "Offered");
    case WaitlistStatus::Booked:
        return QCoreApplication::translate("WaitlistEntry", "Booked");
    case WaitlistStatus::Expired:
        return QCoreApplication::translate("WaitlistEntry", "Expired");
    case WaitlistStatus::Removed:
        return QCoreApplication::translate("WaitlistEntry", "Removed");
    }
    return QString();
}

QString WaitlistEntry::columns()
{
    return QStringLiteral("w.id, w.name, w.phone, w.email, w.language, w.check_in, w.check_out, w.guests, "
                          "w.site_kind, w.channel, w.status, w.position, w.reservation_id, w.offer_expires_at, "
                          "w.created_at, r.code AS reservation_code, s.code AS campsite_code");
}

QString WaitlistEntry::tables()
{
    return QStringLiteral(" FROM waitlist_entries w LEFT JOIN reservations r ON r.id = w.reservation_id "
                          "LEFT JOIN campsites s ON s.id = r.campsite_id");
}

WaitlistEntry WaitlistEntry::fromRow(const SqlRows& row)
{
    WaitlistEntry e;
    e.id = row.value(QStringLiteral("id")).toLongLong();
    e.name = row.value(QStringLiteral("name")).toString();
    e.phone = row.value(QStringLiteral("phone")).toString();
    e.email = row.value(QStringLiteral("email")).toString();
    e.language = row.value(QStringLiteral("language")).toString() == QLatin1String("en") ? QStringLiteral("en")
                                                                                         : QStringLiteral("ko");
    e.checkIn = dateFromSql(row.value(QStringLiteral("check_in")));
    e.checkOut = dateFromSql(row.value(QStringLiteral("check_out")));
    e.guests = row.value(QStringLiteral("guests")).toInt();
    const QString kind = row.value(QStringLiteral("site_kind")).toString();
    if (!kind.isEmpty())
        e.kind = campsiteKindFromKey(kind).value_or(CampsiteKind::Tent);
    e.channel = row.value(QStringLiteral("channel")).toString();
    // A status this version does not know reads as removed: never offered.
    e.status = waitlistStatusFromKey(row.value(QStringLiteral("status")).toString()).value_or(WaitlistStatus::Removed);
    e.position = row.value(QStringLiteral("position")).toLongLong();
    e.reservationId = row.value(QStringLiteral("reservation_id")).toLongLong();
    e.offerExpiresAt = row.value(QStringLiteral("offer_expires_at")).toLongLong();
    e.createdAt = row.value(QStringLiteral("created_at")).toLongLong();
    e.reservationCode = row.value(QStringLiteral("reservation_code")).toString();
    e.campsiteCode = row.value(QStringLiteral("campsite_code")).toString();
    return e;
}

} // namespace campdesk
