#pragma once

#include "core/domainevent.h"

#include <QObject>

namespace campdesk {

// The in-process event bus: one typed signal per event. Services publish only after their transaction
// committed; the event feed publishes events that other terminals wrote, so every window reacts the same
// way wherever the change was made.
class EventBus final : public QObject
{
    Q_OBJECT
public:
    explicit EventBus(QObject* parent = nullptr);

    void publish(const campdesk::DomainEvent& event);

signals:
    void published(const campdesk::DomainEvent& event); // every event, after its typed signal

    void campsiteRegistered(const campdesk::DomainEvent& event);
    void campsiteModified(const campdesk::DomainEvent& event);
    void campsiteDeleted(const campdesk::DomainEvent& event);
    void reservationConfirmed(const campdesk::DomainEvent& event);
    void reservationCancelled(const campdesk::DomainEvent& event);
    void paymentApproved(const campdesk::DomainEvent& event);
    void paymentCancelled(const campdesk::DomainEvent& event);
    void mileageSaved(const campdesk::DomainEvent& event);
    void mileageDeducted(const campdesk::DomainEvent& event);
    void reviewRegistered(const campdesk::DomainEvent& event);
    void reviewDeleted(const campdesk::DomainEvent& event);
    void confirmMsgSent(const campdesk::DomainEvent& event);
    void cancelMsgSent(const campdesk::DomainEvent& event);
    void reservationHeld(const campdesk::DomainEvent& event);
    void holdReleased(const campdesk::DomainEvent& event);
    void reservationCheckedIn(const campdesk::DomainEvent& event);
    void reservationCheckedOut(const campdesk::DomainEvent& event);
    void reservationModified(const campdesk::DomainEvent& event);
    void paymentFailed(const campdesk::DomainEvent& event);
    void reviewHidden(const campdesk::DomainEvent& event);
    void mileageAdjusted(const campdesk::DomainEvent& event);
    void customerRegistered(const campdesk::DomainEvent& event);
    void customerModified(const campdesk::DomainEvent& event);
    void userCreated(const campdesk::DomainEvent& event);
    void userModified(const campdesk::DomainEvent& event);
    void settingsChanged(const campdesk::DomainEvent& event);
    void circuitBreakerStateChanged(const campdesk::DomainEvent& event);
    void reservationDetailsChanged(const campdesk::DomainEvent& event);

    // Not a domain event: the read model was brought up to a new day (ReadModelRefresher), so views built on it
    // should read it again.
    void readModelRefreshed();
};

} // namespace campdesk
