#include "core/domainevent.h"

#include <QMetaEnum>

namespace campdesk {

namespace {
struct Name
{
    EventType type;
    const char* name;
};

constexpr Name names[] = {
    { EventType::CampsiteRegistered, "CampsiteRegistered" },
    { EventType::CampsiteModified, "CampsiteModified" },
    { EventType::CampsiteDeleted, "CampsiteDeleted" },
    { EventType::ReservationConfirmed, "ReservationConfirmed" },
    { EventType::ReservationCancelled, "ReservationCancelled" },
    { EventType::PaymentApproved, "PaymentApproved" },
    { EventType::PaymentCancelled, "PaymentCancelled" },
    { EventType::MileageSaved, "MileageSaved" },
    { EventType::MileageDeducted, "MileageDeducted" },
    { EventType::ReviewRegistered, "ReviewRegistered" },
    { EventType::ReviewDeleted, "ReviewDeleted" },
    { EventType::ConfirmMsgSent, "ConfirmMsgSent" },
    { EventType::CancelMsgSent, "CancelMsgSent" },
    { EventType::ReservationHeld, "ReservationHeld" },
    { EventType::HoldReleased, "HoldReleased" },
    { EventType::ReservationCheckedIn, "ReservationCheckedIn" },
    { EventType::ReservationCheckedOut, "ReservationCheckedOut" },
    { EventType::ReservationModified, "ReservationModified" },
    { EventType::PaymentFailed, "PaymentFailed" },
    { EventType::ReviewHidden, "ReviewHidden" },
    { EventType::MileageAdjusted, "MileageAdjusted" },
    { EventType::CustomerRegistered, "CustomerRegistered" },
    { EventType::CustomerModified, "CustomerModified" },
    { EventType::UserCreated, "UserCreated" },
    { EventType::UserModified, "UserModified" },
    { EventType::SettingsChanged, "SettingsChanged" },
    { EventType::CircuitBreakerStateChanged, "CircuitBreakerStateChanged" },
    { EventType::ReservationNoShow, "ReservationNoShow" },
    { EventType::SiteBlockAdded, "SiteBlockAdded" },
    { EventType::SiteBlockRemoved, "SiteBlockRemoved" },
    { EventType::ReservationCheckInUndone, "ReservationCheckInUndone" },
    { EventType::ReservationCheckOutUndone, "ReservationCheckOutUndone" },
    { EventType::ReservationDetailsChanged, "ReservationDetailsChanged" },
    { EventType::BalancePaid, "BalancePaid" },
};
} // namespace

QString eventTypeName(EventType type)
{
    for (const Name& n : names) {
        if (n.type == type)
            return QString::fromLatin1(n.name);
    }
    return QString();
}

std::optional<EventType> eventTypeFromName(const QString& name)
{
    for (const Name& n : names) {
        if (name == QLatin1String(n.name))
            return n.type;
    }
    return std::nullopt;
}

QList<EventType> allEventTypes()
{
    QList<EventType> types;
    for (const Name& n : names)
        types.append(n.type);
    return types;
}

} // namespace campdesk
