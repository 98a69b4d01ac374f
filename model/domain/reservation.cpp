#include "domain/reservation.h"

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
    }
    return QString();
}

} // namespace campdesk
