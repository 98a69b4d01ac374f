#include "ops/waitlistofferer.h"

#include "core/eventbus.h"
#include "core/logging.h"

namespace campdesk {

WaitlistOfferer::WaitlistOfferer(WaitlistService& waitlist, EventBus* bus, QObject* parent)
    : WaitlistOfferer(waitlist, bus, Options(), parent)
{
}

WaitlistOfferer::WaitlistOfferer(WaitlistService& waitlist, EventBus* bus, Options options, QObject* parent)
    : QObject(parent)
    , m_waitlist(waitlist)
    , m_options(options)
{
    m_timer.setInterval(m_options.sweepIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &WaitlistOfferer::sweep);
    m_soon.setSingleShot(true);
    m_soon.setInterval(m_options.reactDelayMs);
    connect(&m_soon, &QTimer::timeout, this, &WaitlistOfferer::sweep);
    if (bus) {
        connect(bus, &EventBus::published, this, [this](const DomainEvent& event) {
            if (m_timer.isActive() && freesNights(event) && !m_soon.isActive())
                m_soon.start();
        });
    }
}

bool WaitlistOfferer::freesNights(const DomainEvent& event)
{
    switch (event.type) {
    case EventType::ReservationCancelled:
    case EventType::HoldReleased:
    case EventType::ReservationNoShow:
    case EventType::SiteBlockRemoved:
    case EventType::CampsiteModified: // e.g. back from maintenance, or takes more guests
        return true;
    case EventType::ReservationCheckedOut: // an early departure frees the nights after today
        return event.payload.value(QStringLiteral("nightsFreed")).toInt() > 0;
    default:
        return false;
    }
}

void WaitlistOfferer::start()
{
    m_timer.start();
    sweep();
}

void WaitlistOfferer::stop()
{
    m_timer.stop();
    m_soon.stop();
}

void WaitlistOfferer::sweep()
{
    Result<int> offers = m_waitlist.sweep();
    if (!offers.ok()) {
        qCWarning(lcBooking) << "the waitlist sweep failed:" << offers.error().message;
        return;
    }
    if (offers.value() > 0) {
        qCInfo(lcBooking) << "offered" << offers.value() << "waitlist entr(ies)";
        emit offered(offers.value());
    }
}

} // namespace campdesk
