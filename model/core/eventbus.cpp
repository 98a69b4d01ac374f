#include "core/eventbus.h"

namespace campdesk {

EventBus::EventBus(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<campdesk::DomainEvent>();
}

void EventBus::publish(const DomainEvent& event)
{
    switch (event.type) {
    case EventType::CampsiteRegistered:
        emit campsiteRegistered(event);
        break;
    case EventType::CampsiteModified:
        emit campsiteModified(event);
        break;
    case EventType::CampsiteDeleted:
        emit campsiteDeleted(event);
        break;
    case EventType::ReservationConfirmed:
        emit reservationConfirmed(event);
        break;
    case EventType::ReservationCancelled:
        emit reservationCancelled(event);
        break;
    case EventType::PaymentApproved:
        emit paymentApproved(event);
        break;
    case EventType::PaymentCancelled:
        emit paymentCancelled(event);
        break;
    case EventType::MileageSaved:
        emit mileageSaved(event);
        break;
    case EventType::MileageDeducted:
        emit mileageDeducted(event);
        break;
    case EventType::ReviewRegistered:
        emit reviewRegistered(event);
        break;
    case EventType::ReviewDeleted:
        emit reviewDeleted(event);
        break;
    case EventType::ConfirmMsgSent:
        emit confirmMsgSent(event);
        break;
    case EventType::CancelMsgSent:
        emit cancelMsgSent(event);
        break;
    case EventType::ReservationHeld:
        emit reservationHeld(event);
        break;
    case EventType::HoldReleased:
        emit holdReleased(event);
        break;
    case EventType::ReservationCheckedIn:
        emit reservationCheckedIn(event);
        break;
    case EventType::ReservationCheckedOut:
        emit reservationCheckedOut(event);
        break;
    case EventType::ReservationModified:
        emit reservationModified(event);
        break;
    case EventType::PaymentFailed:
        emit paymentFailed(event);
        break;
    case EventType::ReviewHidden:
        emit reviewHidden(event);
        break;
    case EventType::MileageAdjusted:
        emit mileageAdjusted(event);
        break;
    case EventType::CustomerRegistered:
        emit customerRegistered(event);
        break;
    case EventType::CustomerModified:
        emit customerModified(event);
        break;
    case EventType::UserCreated:
        emit userCreated(event);
        break;
    case EventType::UserModified:
        emit userModified(event);
        break;
    case EventType::SettingsChanged:
        emit settingsChanged(event);
        break;
    case EventType::CircuitBreakerStateChanged:
        emit circuitBreakerStateChanged(event);
        break;
    case EventType::ReservationDetailsChanged:
        emit reservationDetailsChanged(event);
        break;
    case EventType::ReservationNoShow: // screens listen to published()
    case EventType::SiteBlockAdded:
    case EventType::SiteBlockRemoved:
    case EventType::ReservationCheckInUndone:
    case EventType::ReservationCheckOutUndone:
    case EventType::BalancePaid:
        break;
    }
    emit published(event);
}

} // namespace campdesk
