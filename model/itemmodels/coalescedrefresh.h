#pragma once

#include <QDate>
#include <QObject>
#include <QTimer>
#include <functional>

namespace campdesk {

class Clock;
class EventBus;

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

private:
    QTimer m_coalesce;
    QTimer m_newDay;
};

} // namespace campdesk
