#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <optional>

namespace campdesk {

// Every status change in the system. The first thirteen are the original design's event names.
enum class EventType {
    CampsiteRegistered,
    CampsiteModified,
    CampsiteDeleted,
    ReservationConfirmed,
    ReservationCancelled,
    PaymentApproved,
    PaymentCancelled,
    MileageSaved,
    MileageDeducted,
    ReviewRegistered,
    ReviewDeleted,
    ConfirmMsgSent,
    CancelMsgSent,
    // Campdesk's own additions.
    ReservationHeld,
    HoldReleased, // declined, abandoned or expired hold: its nights are free again
    ReservationCheckedIn,
    ReservationCheckedOut,
    ReservationModified, // moved, dates or party changed (issue 18)
    PaymentFailed,
    ReviewHidden,
    MileageAdjusted,
    CustomerRegistered,
    CustomerModified,
    UserCreated,
    UserModified,
    SettingsChanged,
    CircuitBreakerStateChanged,
    ReservationNoShow, // nobody came: marked by staff or the sweep after the cutoff
    SiteBlockAdded, // a site closed for a date range
    SiteBlockRemoved,
    ReservationCheckInUndone, // the desk took back today's check-in (checked_in -> confirmed)
    ReservationCheckOutUndone, // ... or today's check-out (checked_out -> checked_in)
    ReservationDetailsChanged, // guest name, plates, equipment or staff notes
    BalancePaid, // the balance of a deposit booking, taken at check-in
};

QString eventTypeName(EventType type); // "ReservationConfirmed": stored in domain_events.type
std::optional<EventType> eventTypeFromName(const QString& name);
QList<EventType> allEventTypes();

// One row of domain_events: the event log and the outbox.
struct DomainEvent
{
    qint64 id = 0;
    EventType type = EventType::SettingsChanged;
    QString aggregate; // "campsite", "reservation", "payment", "customer", "review", "user", ...
    qint64 aggregateId = 0;
    QJsonObject payload;
    QString origin; // the terminal that wrote it
    QDateTime occurredAt; // UTC
};

} // namespace campdesk

Q_DECLARE_METATYPE(campdesk::DomainEvent)
