#include "db/transaction.h"

#include "db/database.h"

#include <QJsonDocument>
#include <algorithm>

namespace campdesk {

qint64 Transaction::recordEvent(EventType type, const QString& aggregate, qint64 aggregateId,
                                const QJsonObject& payload)
{
    return recordEvents({ { type, aggregate, aggregateId, payload } }).front();
}

std::vector<qint64> Transaction::recordEvents(const std::vector<EventDraft>& drafts)
{
    if (drafts.empty())
        return {};
    const QDateTime now = m_db.clock().nowUtc();
    QString sql = QStringLiteral("INSERT INTO domain_events (type, aggregate, aggregate_id, payload, origin, "
                                 "occurred_at) VALUES ");
    QVariantList values;
    for (size_t i = 0; i < drafts.size(); ++i) {
        const EventDraft& draft = drafts[i];
        sql += i == 0 ? QStringLiteral("(?, ?, ?, ?, ?, ?)") : QStringLiteral(", (?, ?, ?, ?, ?, ?)");
        values << eventTypeName(draft.type) << draft.aggregate << draft.aggregateId
               << QString::fromUtf8(QJsonDocument(draft.payload).toJson(QJsonDocument::Compact)) << m_db.terminal()
               << now.toMSecsSinceEpoch();
    }
    sql += QStringLiteral(" RETURNING id");
    if (m_events.empty() && driver() == SqlDriver::Postgres) {
        // The transaction's first events also queue one wake-up of the other terminals' event feeds, in the same
        // round trip. PostgreSQL delivers it only when this transaction commits; the feeds then read every new
        // event by id, so one wake-up per transaction is enough.
        sql = QStringLiteral("WITH e AS (") + sql
            + QStringLiteral("), wake AS (SELECT pg_notify('campdesk_events', CAST(max(id) AS TEXT)) FROM e) "
                             "SELECT e.id FROM e CROSS JOIN wake");
    }
    // The ids come from the table's sequence in the order of the rows above; RETURNING gives them in any order.
    std::vector<qint64> ids;
    SqlRows inserted = exec(sql, values);
    while (inserted.next())
        ids.push_back(inserted.value(0).toLongLong());
    inserted.finish();
    if (ids.size() != drafts.size())
        throw DbError(DbError::Kind::Other,
                      QStringLiteral("INSERT of %1 events returned %2 ids").arg(drafts.size()).arg(ids.size()),
                      QString());
    std::sort(ids.begin(), ids.end());
    for (size_t i = 0; i < drafts.size(); ++i) {
        DomainEvent event;
        event.id = ids[i];
        event.type = drafts[i].type;
        event.aggregate = drafts[i].aggregate;
        event.aggregateId = drafts[i].aggregateId;
        event.payload = drafts[i].payload;
        event.origin = m_db.terminal();
        event.occurredAt = now;
        m_events.push_back(event);
    }
    return ids;
}

void Transaction::audit(const Actor& actor, const QString& action, const QString& target, const QString& details)
{
    exec(QStringLiteral("INSERT INTO audit_log (at, user_id, actor, role, action, target, details, terminal) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
         { nowMs(), actor.userId == 0 ? QVariant() : QVariant(actor.userId), actor.name, roleName(actor.role), action,
           target, details, m_db.terminal() });
}

} // namespace campdesk
