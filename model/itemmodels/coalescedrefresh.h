#pragma once

#include <QDate>
#include <QObject>
#include <QTimer>
#include <functional>

namespace campdesk {

class Clock;
class EventBus;
class RefreshGate;

// Runs a read-model view's refresh once per burst of EventBus events (at most every intervalMs, however steady
// the stream), and when the day it shows is over: past midnight "today" moves without any event.
class CoalescedRefresh final : public QObject
{
    Q_OBJECT
public:
    // shownDay: the day the view last showed; bus may be null (the day check still runs).
    CoalescedRefresh(EventBus* bus, const Clock& clock, int intervalMs, std::function<QDate()> shownDay,
                     std::function<void()> refresh, QObject* parent = nullptr);

    // A refresh is running now: an event already waiting need not cause another.
    void cancelPending() { m_coalesce.stop(); }
    // Holds the refreshes back while the view is hidden (the day check included).
    RefreshGate* gate() const { return m_gate; }

private:
    QTimer m_coalesce;
    QTimer m_newDay;
    RefreshGate* m_gate = nullptr;
};

} // namespace campdesk
