#include "db/transaction.h"

#include "db/database.h"

#include <QJsonDocument>

namespace campdesk {

qint64 Transaction::recordEvent(EventType type, const QString& aggregate, qint64 aggregateId,
                                const QJsonObject& payload)
{
    DomainEvent event;
    event.type = type;
    event.aggregate = aggregate;
    event.aggregateId = aggregateId;
    event.payload = payload;
    event.origin = m_db.terminal();
    event.occurredAt = m_db.clock().nowUtc();
    QString sql = QStringLiteral("INSERT INTO domain_events (type, aggregate, aggregate_id, payload, origin, "
                                 "occurred_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
    if (m_events.empty() && driver() == SqlDriver::Postgres) {
        // The transaction's first event also queues the wake-up of the other terminals' event feeds, in the same
        // round trip. PostgreSQL delivers it only when this transaction commits; the feeds then read every new
        // event by id, so one wake-up per transaction is enough.
        sql = QStringLiteral("WITH e AS (") + sql
            + QStringLiteral(") SELECT id, pg_notify('campdesk_events', CAST(id AS TEXT)) FROM e");
    }
    event.id = insert(sql,
                      { eventTypeName(type), aggregate, aggregateId,
                        QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)), event.origin,
                        event.occurredAt.toMSecsSinceEpoch() });
    m_events.push_back(event);
    return event.id;
}

void Transaction::audit(const Actor& actor, const QString& action, const QString& target, const QString& details)
{
    exec(QStringLiteral("INSERT INTO audit_log (at, user_id, actor, role, action, target, details, terminal) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
         { nowMs(), actor.userId == 0 ? QVariant() : QVariant(actor.userId), actor.name, roleName(actor.role), action,
           target, details, m_db.terminal() });
}

} // namespace campdesk
