#include "domain/notificationservice.h"

#include "domain/statustext.h"

#include <QHash>

namespace campdesk {

namespace {

const QString selectColumns = QStringLiteral(
    "SELECT n.id, n.event_id, e.type, n.reservation_id, r.code, n.channel, n.recipient, n.language, n.subject, "
    "n.body, n.status, n.attempts, n.next_attempt_at, n.last_error, n.provider_response, n.created_at, n.sent_at "
    "FROM notifications n JOIN domain_events e ON e.id = n.event_id "
    "LEFT JOIN reservations r ON r.id = n.reservation_id ");

NotificationRecord fromRow(const QSqlQuery& q)
{
    NotificationRecord n;
    n.id = q.value(0).toLongLong();
    n.eventId = q.value(1).toLongLong();
    n.event = q.value(2).toString();
    n.reservationId = q.value(3).toLongLong();
    n.reservationCode = q.value(4).toString();
    n.channel = q.value(5).toString();
    n.recipient = q.value(6).toString();
    n.language = q.value(7).toString();
    n.subject = q.value(8).toString();
    n.body = q.value(9).toString();
    n.status = q.value(10).toString();
    n.attempts = q.value(11).toInt();
    n.nextAttemptAt = q.value(12).toLongLong();
    n.lastError = q.value(13).toString();
    n.providerResponse = q.value(14).toString();
    n.createdAt = q.value(15).toLongLong();
    n.sentAt = q.value(16).toLongLong();
    return n;
}

} // namespace

NotificationService::NotificationService(Database& db)
    : m_db(db)
{
}

Result<QList<NotificationRecord>> NotificationService::list(const QString& status, int limit)
{
    return m_db.read([&](SqlSession& s) -> Result<QList<NotificationRecord>> {
        SqlRows q = status.isEmpty()
            ? s.exec(selectColumns + QStringLiteral("ORDER BY n.id DESC LIMIT ?"), { limit })
            : s.exec(selectColumns + QStringLiteral("WHERE n.status = ? ORDER BY n.id DESC LIMIT ?"),
                     { status, limit });
        QList<NotificationRecord> rows;
        while (q.next())
            rows.append(fromRow(q));
        return rows;
    });
}

Result<NotificationRecord> NotificationService::get(qint64 id)
{
    return m_db.read([&](SqlSession& s) -> Result<NotificationRecord> {
        SqlRows q = s.exec(selectColumns + QStringLiteral("WHERE n.id = ?"), { id });
        if (!q.next())
            return Error { ErrorCode::NotFound, tr("This notification does not exist.") };
        return fromRow(q);
    });
}

Result<QHash<QString, qint64>> NotificationService::countByStatus()
{
    return m_db.read([&](SqlSession& s) -> Result<QHash<QString, qint64>> {
        QHash<QString, qint64> counts { { QStringLiteral("pending"), 0 },
                                        { QStringLiteral("sent"), 0 },
                                        { QStringLiteral("dead"), 0 } };
        SqlRows q = s.exec(QStringLiteral("SELECT status, count(*) FROM notifications GROUP BY status"));
        while (q.next())
            counts[q.value(0).toString()] = q.value(1).toLongLong();
        return counts;
    });
}

Status NotificationService::retry(const Actor& actor, qint64 id)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk }); !allowed.ok())
        return allowed;
    return m_db.write([&](Transaction& tx) -> Status {
        SqlRows q = tx.exec(
            QStringLiteral("SELECT status, channel, recipient, last_error FROM notifications WHERE id = ?"), { id });
        if (!q.next())
            return Error { ErrorCode::NotFound, tr("This notification does not exist.") };
        if (q.value(0).toString() != QLatin1String("dead"))
            return invalidInput(tr("Only a notification that could not be sent can be sent again."));
        const QString target
            = QStringLiteral("notification %1 (%2 to %3)").arg(id).arg(q.value(1).toString(), q.value(2).toString());
        tx.exec(QStringLiteral("UPDATE notifications SET status = 'pending', attempts = 0, next_attempt_at = ?, "
                               "lease_owner = NULL, lease_until = NULL WHERE id = ? AND status = 'dead'"),
                { tx.nowMs(), id });
        tx.audit(actor, QStringLiteral("notification.retry"), target,
                 StatusText::code(QStringLiteral("notification.last_error"), { q.value(3).toString() }));
        return {};
    });
}

} // namespace campdesk
