#include "notify/notificationworker.h"

#include <QLoggingCategory>
#include <QMutexLocker>
#include <QThread>
#include <QTimer>

Q_DECLARE_LOGGING_CATEGORY(lcDispatcher)

namespace campdesk {

NotificationWorker::NotificationWorker(Config config)
    : m_config(std::move(config))
    , m_home(QThread::currentThread())
{
    m_config.database.migrate = false; // the terminal's main connection already did
}

NotificationWorker::~NotificationWorker() = default;

void NotificationWorker::requestStop()
{
    QMutexLocker locker(&m_lock);
    m_stopping = true;
    if (m_dispatcher)
        m_dispatcher->requestStop();
}

bool NotificationWorker::open()
{
    // Database is thread-bound: this connection is opened, used and closed on the worker thread only.
    Result<std::unique_ptr<Database>> opened = Database::open(m_config.spec, m_config.database);
    if (!opened.ok()) {
        qCWarning(lcDispatcher) << "notification worker cannot open the database:" << opened.error().message;
        m_lastError = opened.error().message;
        return false;
    }
    auto dispatcher = std::make_unique<NotificationDispatcher>(*opened.value(), m_config.dispatch);
    if (m_config.channels) {
        for (auto& channel : m_config.channels())
            dispatcher->addChannel(std::move(channel));
    }
    QMutexLocker locker(&m_lock);
    m_db = std::move(opened).value();
    m_dispatcher = std::move(dispatcher);
    if (m_stopping)
        m_dispatcher->requestStop();
    return true;
}

void NotificationWorker::close()
{
    QMutexLocker locker(&m_lock);
    m_dispatcher.reset(); // channels (and their QNetworkAccessManager) die on this thread
    m_db.reset();
}

void NotificationWorker::start()
{
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &NotificationWorker::drain);
    if (!open()) {
        emit started(false, m_lastError);
        m_timer->start(m_config.pollMs); // the database may come back
        return;
    }
    m_ready = true;
    emit started(true, QString());
    drain();
}

void NotificationWorker::wake()
{
    if (m_timer)
        drain();
}

void NotificationWorker::drain()
{
    if (!m_dispatcher && !open()) {
        m_timer->start(m_config.pollMs);
        return;
    }
    m_ready = true;
    Result<int> claimed = m_dispatcher->dispatchDue();
    if (!claimed.ok()) {
        // A broken connection (server restarted, backend terminated) stays broken: open a fresh one soon.
        qCWarning(lcDispatcher) << "dispatching failed, reconnecting:" << claimed.error().message;
        close();
        m_timer->start(std::min(1000, m_config.pollMs));
        return;
    }
    if (claimed.value() > 0)
        emit drained(claimed.value());

    // Sleep until the next retry is due, but look again at least every pollMs (other terminals queue too).
    qint64 wait = m_config.pollMs;
    Result<std::optional<qint64>> next = m_dispatcher->nextDueAt();
    if (next.ok() && next.value())
        wait = std::clamp<qint64>(*next.value() - m_db->clock().nowMs(), 50, m_config.pollMs);
    m_timer->start(int(wait));
}

void NotificationWorker::stop()
{
    if (m_timer)
        m_timer->stop();
    m_ready = false;
    close();
    moveToThread(m_home);
}

} // namespace campdesk
