#include "notificationworker.h"

#include <QLoggingCategory>
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
    if (m_dispatcher)
        m_dispatcher->requestStop();
}

void NotificationWorker::start()
{
    // Database is thread-bound: this connection is opened, used and closed on the worker thread only.
    Result<std::unique_ptr<Database>> opened = Database::open(m_config.spec, m_config.database);
    if (!opened.ok()) {
        qCWarning(lcDispatcher) << "notification worker cannot open the database:" << opened.error().message;
        emit started(false, opened.error().message);
        return;
    }
    m_db = std::move(opened).value();
    m_dispatcher = std::make_unique<NotificationDispatcher>(*m_db, m_config.dispatch);
    if (m_config.channels) {
        for (auto& channel : m_config.channels())
            m_dispatcher->addChannel(std::move(channel));
    }
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &NotificationWorker::drain);
    m_ready = true;
    emit started(true, QString());
    drain();
}

void NotificationWorker::wake()
{
    if (m_dispatcher)
        drain();
}

void NotificationWorker::drain()
{
    if (!m_dispatcher)
        return;
    Result<int> claimed = m_dispatcher->dispatchDue();
    if (!claimed.ok())
        qCWarning(lcDispatcher) << "dispatching failed:" << claimed.error().message;
    else if (claimed.value() > 0)
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
    m_dispatcher.reset(); // channels (and their QNetworkAccessManager) die on this thread
    m_db.reset();
    moveToThread(m_home);
}

} // namespace campdesk
