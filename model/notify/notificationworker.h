#pragma once

#include "db/database.h"
#include "notify/notificationdispatcher.h"

#include <QMutex>
#include <QObject>
#include <atomic>
#include <functional>
#include <memory>
#include <vector>

class QTimer;

namespace campdesk {

// The NotificationDispatcher's home on its own thread: opens its own Database connection there, builds the
// channels there, and drains the outbox when woken and on a timer. Created by NotificationThread.
class NotificationWorker final : public QObject
{
    Q_OBJECT
public:
    using ChannelFactory = std::function<std::vector<std::unique_ptr<NotificationChannel>>()>;

    struct Config
    {
        QString spec; // what Database::open() takes
        Database::Options database; // terminal name, bus for ConfirmMsgSent/CancelMsgSent, clock
        NotificationDispatcher::Options dispatch;
        ChannelFactory channels; // called on the worker thread
        int pollMs = 15000; // look again at least this often
    };

    explicit NotificationWorker(Config config);
    ~NotificationWorker() override;

    // Thread-safe: true once start() has opened the connection and built the channels.
    bool isReady() const { return m_ready; }
    // Thread-safe: makes the current batch stop after the message being sent.
    void requestStop();

public slots:
    void start(); // on the worker thread
    void wake(); // new notifications were queued (connected to the EventBus)
    void stop(); // on the worker thread: closes the connection, hands the object back to its creator's thread

signals:
    void started(bool ok, const QString& error);
    void drained(int claimed); // after each wake-up that claimed something

private:
    bool open();
    void close();
    void drain();

    Config m_config;
    QThread* m_home = nullptr;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<NotificationDispatcher> m_dispatcher;
    QTimer* m_timer = nullptr;
    std::atomic<bool> m_ready { false };
    QMutex m_lock; // guards m_dispatcher against requestStop() from another thread
    bool m_stopping = false;
    QString m_lastError;
};

} // namespace campdesk
