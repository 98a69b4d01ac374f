#include "notify/notificationthread.h"

#include "core/eventbus.h"

namespace campdesk {

NotificationThread::NotificationThread(NotificationWorker::Config config, EventBus* bus)
    : m_worker(std::make_unique<NotificationWorker>(std::move(config)))
{
    m_thread.setObjectName(QStringLiteral("campdesk-notifications"));
    m_worker->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::started, m_worker.get(), &NotificationWorker::start);
    if (bus) {
        // Queued: the bus lives on this thread, the worker on its own.
        QObject::connect(bus, &EventBus::reservationConfirmed, m_worker.get(), &NotificationWorker::wake);
        QObject::connect(bus, &EventBus::reservationCancelled, m_worker.get(), &NotificationWorker::wake);
    }
    m_thread.start();
}

NotificationThread::~NotificationThread()
{
    stop();
}

void NotificationThread::wake()
{
    QMetaObject::invokeMethod(m_worker.get(), &NotificationWorker::wake, Qt::QueuedConnection);
}

void NotificationThread::stop()
{
    if (!m_thread.isRunning())
        return;
    m_worker->requestStop();
    QMetaObject::invokeMethod(m_worker.get(), &NotificationWorker::stop, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

} // namespace campdesk
