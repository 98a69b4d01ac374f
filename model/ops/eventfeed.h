#pragma once

#include "db/database.h"

#include <QObject>
#include <map>
#include <memory>

class QTimer;

namespace campdesk {

// Tails domain_events on its own connection and re-publishes on this terminal's EventBus the events that OTHER
// terminals wrote (this terminal's own were already published by Database::write). On PostgreSQL a
// LISTEN/NOTIFY wake-up plus a catch-up poll; on SQLite a cheap poll of PRAGMA data_version. Starts at the
// newest event: no replay of history. Lives on the thread of the Database it was given.
class EventFeed final : public QObject
{
    Q_OBJECT
public:
    // db: this terminal's connection (its terminal name and bus are used; the feed opens its own connection).
    explicit EventFeed(Database& db, QObject* parent = nullptr);
    ~EventFeed() override;

    Status start();
    void stop();
    bool isListening() const; // PostgreSQL: subscribed to campdesk_events right now
    qint64 lastEventId() const { return m_lastId; }
    void setPollInterval(int ms);

public slots:
    void poll(); // catch up now

signals:
    void caughtUp(int published); // after a poll that published something

private:
    Status reconnect();
    void subscribe();
    void onNotification(const QString& name);

    Database& m_main;
    std::unique_ptr<Database> m_db;
    QTimer* m_timer = nullptr;
    qint64 m_lastId = 0;
    qint64 m_dataVersion = -1;
    // PostgreSQL hands out ids before commit, so a smaller id can become visible after a larger one: ids skipped
    // over are looked for again for a while (id -> when first missed).
    std::map<qint64, qint64> m_gaps;
    bool m_polling = false;
};

} // namespace campdesk
