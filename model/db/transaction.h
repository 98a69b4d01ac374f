#pragma once

#include "core/actor.h"
#include "core/domainevent.h"
#include "db/sqlsession.h"

#include <QJsonObject>
#include <functional>
#include <vector>

namespace campdesk {

// A write transaction. Events and audit rows are written inside it; signals are queued until it commits.
class Transaction : public SqlSession
{
public:
    // Writes a domain_events row now and publishes it on the EventBus after commit. Returns the event id.
    qint64 recordEvent(EventType type, const QString& aggregate, qint64 aggregateId,
                       const QJsonObject& payload = QJsonObject());
    struct EventDraft
    {
        EventType type;
        QString aggregate;
        qint64 aggregateId = 0;
        QJsonObject payload;
    };
    // Several events in one statement (one round trip on PostgreSQL), in this order; their ids, in the same order.
    std::vector<qint64> recordEvents(const std::vector<EventDraft>& drafts);
    void audit(const Actor& actor, const QString& action, const QString& target, const QString& details = QString());
    void afterCommit(std::function<void()> callback) { m_afterCommit.push_back(std::move(callback)); }
    const std::vector<DomainEvent>& events() const { return m_events; }

private:
    explicit Transaction(Database& db)
        : SqlSession(db)
    {
    }
    std::vector<DomainEvent> m_events;
    std::vector<std::function<void()>> m_afterCommit;
    friend class Database;
};

} // namespace campdesk
