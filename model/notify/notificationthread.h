#pragma once

#include "notify/notificationworker.h"

#include <QThread>

namespace campdesk {

class EventBus;

// Owns the notification thread: starts a NotificationWorker on it, wakes it when a reservation is confirmed
// or cancelled (on this terminal or, through the EventFeed, on another), and stops it cleanly.
class NotificationThread final
{
public:
    explicit NotificationThread(NotificationWorker::Config config, EventBus* bus = nullptr);
    ~NotificationThread();
    NotificationThread(const NotificationThread&) = delete;
    NotificationThread& operator=(const NotificationThread&) = delete;

    NotificationWorker* worker() const { return m_worker.get(); }
    void wake();
    void stop();

private:
    QThread m_thread;
    std::unique_ptr<NotificationWorker> m_worker;
};

} // namespace campdesk
