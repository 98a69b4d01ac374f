#include "domain/reservation.h"

#include "db/sqldates.h"
#include "db/sqlrows.h"
#include "db/transaction.h"

#include <QCoreApplication>

namespace campdesk {

namespace {
struct Key
{
    ReservationStatus status;
    const char* key;
};
constexpr Key keys[] = {
    { ReservationStatus::Held, "held" },
    { ReservationStatus::Confirmed, "confirmed" },
    { ReservationStatus::CheckedIn, "checked_in" },
    { ReservationStatus::CheckedOut, "checked_out" },
    { ReservationStatus::Cancelled, "cancelled" },
    { ReservationStatus::Expired, "expired" },
    { ReservationStatus::NoShow, "no_show" },
};
} // namespace

QString reservationStatusKey(ReservationStatus status)
{
    for (const Key& k : keys) {
        if (k.status == status)
            return QString::fromLatin1(k.key);
    }
    return QString();
}

std::optional<ReservationStatus> reservationStatusFromKey(const QString& key)
{
    for (const Key& k : keys) {
        if (key == QLatin1String(k.key))
            return k.status;
    }
    return std::nullopt;
}

QString reservationStatusName(ReservationStatus status)
{
    switch (status) {
    case ReservationStatus::Held:
        return QCoreApplication::translate("campdesk::Reservation", "Held (awaiting payment)");
    case ReservationStatus::Confirmed:
        return QCoreApplication::translate("campdesk::Reservation", "Paid");
    case ReservationStatus::CheckedIn:
        return QCoreApplication::translate("campdesk::Reservation", "Checked in");
    case ReservationStatus::CheckedOut:
        return QCoreApplication::translate("campdesk::Reservation", "Checked out");
    case ReservationStatus::Cancelled:
        return QCoreApplication::translate("campdesk::Reservation", "Cancelled");
    case ReservationStatus::Expired:
        return QCoreApplication::translate("campdesk::Reservation", "Not completed");
    case ReservationStatus::NoShow:
        return QCoreApplication::translate("campdesk::Reservation", "No-show");
    }
    return QString();
}

QString Reservation::columns()
{
    // Joined tables share column names (code, name): those of the campsite and the customer get their own.
    return QStringLiteral(
        "r.id, r.code, r.campsite_id, s.code AS campsite_code, s.name AS campsite_name, r.customer_id, "
        "c.name AS customer_name, c.phone AS customer_phone, r.check_in, r.check_out, r.guests, r.status, r.amount, "
        "r.points_used, r.channel, r.order_id, r.hold_expires_at, r.refund_amount, r.cancel_reason, r.version, "
        "r.created_at, r.confirmed_at, r.cancelled_at, r.guest_name, r.balance_due");
}

QString Reservation::tables()
{
    return QStringLiteral(
        " FROM reservations r JOIN campsites s ON s.id = r.campsite_id JOIN customers c ON c.id = r.customer_id");
}

Reservation Reservation::fromRow(const SqlRows& row)
{
    Reservation r;
    r.id = row.value(QStringLiteral("id")).toLongLong();
    r.code = row.value(QStringLiteral("code")).toString();
    r.campsiteId = row.value(QStringLiteral("campsite_id")).toLongLong();
    r.campsiteCode = row.value(QStringLiteral("campsite_code")).toString();
    r.campsiteName = row.value(QStringLiteral("campsite_name")).toString();
    r.customerId = row.value(QStringLiteral("customer_id")).toLongLong();
    r.customerName = row.value(QStringLiteral("customer_name")).toString();
    r.guestName = row.value(QStringLiteral("guest_name")).toString();
    r.customerPhone = row.value(QStringLiteral("customer_phone")).toString();
    r.checkIn = dateFromSql(row.value(QStringLiteral("check_in")));
    r.checkOut = dateFromSql(row.value(QStringLiteral("check_out")));
    r.guests = row.value(QStringLiteral("guests")).toInt();
    // Unknown: not real (see the header).
    r.status
        = reservationStatusFromKey(row.value(QStringLiteral("status")).toString()).value_or(ReservationStatus::Expired);
    r.amount = row.value(QStringLiteral("amount")).toLongLong();
    r.pointsUsed = row.value(QStringLiteral("points_used")).toLongLong();
    r.balanceDue = row.value(QStringLiteral("balance_due")).toLongLong();
    r.channel = row.value(QStringLiteral("channel")).toString();
    r.orderId = row.value(QStringLiteral("order_id")).toString();
    r.holdExpiresAt = row.value(QStringLiteral("hold_expires_at")).toLongLong();
    r.refundAmount = row.value(QStringLiteral("refund_amount")).toLongLong();
    r.cancelReason = row.value(QStringLiteral("cancel_reason")).toString();
    r.version = row.value(QStringLiteral("version")).toInt();
    r.createdAt = row.value(QStringLiteral("created_at")).toLongLong();
    r.confirmedAt = row.value(QStringLiteral("confirmed_at")).toLongLong();
    r.cancelledAt = row.value(QStringLiteral("cancelled_at")).toLongLong();
    return r;
}

void lockReservation(Transaction& tx, qint64 reservationId)
{
    if (tx.driver() == SqlDriver::Postgres)
        tx.exec(QStringLiteral("SELECT id FROM reservations WHERE id = ? FOR UPDATE"), { reservationId });
}

} // namespace campdesk
