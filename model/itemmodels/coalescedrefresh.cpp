#include "itemmodels/coalescedrefresh.h"

#include "core/clock.h"
#include "core/eventbus.h"
#include "itemmodels/refreshgate.h"

namespace campdesk {

CoalescedRefresh::CoalescedRefresh(EventBus* bus, const Clock& clock, int intervalMs, std::function<QDate()> shownDay,
                                   std::function<void()> refresh, QObject* parent)
    : QObject(parent)
{
    m_gate = new RefreshGate(refresh, this);
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(intervalMs);
    connect(&m_coalesce, &QTimer::timeout, this, [this, refresh] {
        if (m_gate->admit())
            refresh();
    });
    m_newDay.setInterval(60 * 1000);
    connect(&m_newDay, &QTimer::timeout, this, [this, &clock, shownDay, refresh] {
        if (clock.today() != shownDay() && m_gate->admit())
            refresh();
    });
    m_newDay.start();
    if (bus) {
        // Start, don't restart: a steady stream of events still refreshes every intervalMs.
        connect(bus, &EventBus::published, this, [this] {
            if (!m_coalesce.isActive())
                m_coalesce.start();
        });
        connect(bus, &EventBus::readModelRefreshed, this, [this] {
            if (!m_coalesce.isActive())
                m_coalesce.start();
        });
    }
}

} // namespace campdesk
