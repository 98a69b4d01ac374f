#include "notify/notificationdispatcher.h"

#include <QLoggingCategory>
#include <QStringList>

Q_LOGGING_CATEGORY(lcDispatcher, "campdesk.notify.dispatcher")

namespace campdesk {

struct NotificationDispatcher::Claimed
{
    OutgoingMessage message;
    QString channel;
    qint64 reservationId = 0;
    int attempts = 0; // including this one
};

NotificationDispatcher::NotificationDispatcher(Database& db, Options options)
    : m_db(db)
    , m_options(std::move(options))
{
    if (m_options.owner.isEmpty())
        m_options.owner = db.terminal();
}

NotificationDispatcher::NotificationDispatcher(Database& db)
    : NotificationDispatcher(db, Options())
{
}

NotificationDispatcher::~NotificationDispatcher() = default;

void NotificationDispatcher::addChannel(std::unique_ptr<NotificationChannel> channel)
{
    const QString name = channel->name();
    m_channels[name] = std::move(channel);
}

qint64 NotificationDispatcher::backoffMs(int attempts) const
{
    qint64 wait = m_options.backoffBaseMs;
    for (int i = 1; i < attempts && wait < m_options.backoffMaxMs; ++i)
        wait *= 2;
    return std::min(wait, m_options.backoffMaxMs);
}

QString NotificationDispatcher::channelList() const
{
    // Channel names are our own identifiers ("email", "webhook"), never user input.
    QStringList quoted;
    for (const auto& entry : m_channels)
        quoted << QLatin1Char('\'') + entry.first + QLatin1Char('\'');
    return quoted.join(QLatin1Char(','));
}

Result<int> NotificationDispatcher::dispatchBatch()
{
    if (m_channels.empty() || m_stop)
        return 0;
    Result<std::vector<Claimed>> claimed = m_db.write([&](Transaction& tx) -> Result<std::vector<Claimed>> {
        const qint64 now = tx.nowMs();
        // PostgreSQL: rows another terminal is claiming right now are skipped, not waited for. SQLite: the
        // whole transaction holds the write lock (BEGIN IMMEDIATE), so two claims never overlap.
        const QString lock
            = tx.driver() == SqlDriver::Postgres ? QStringLiteral(" FOR UPDATE OF n SKIP LOCKED") : QString();
        SqlRows q = tx.exec(
            QStringLiteral("SELECT n.id, n.channel, n.recipient, n.language, n.subject, n.body, n.attempts, "
                           "n.reservation_id, e.type FROM notifications n JOIN domain_events e ON e.id = n.event_id "
                           "WHERE n.status = 'pending' AND n.next_attempt_at <= ? "
                           "AND (n.lease_until IS NULL OR n.lease_until <= ?) AND n.channel IN (%1) "
                           "ORDER BY n.next_attempt_at, n.id LIMIT ?")
                    .arg(channelList())
                + lock,
            { now, now, m_options.batchSize });
        std::vector<Claimed> rows;
        while (q.next()) {
            Claimed c;
            c.message.notificationId = q.value(0).toLongLong();
            c.channel = q.value(1).toString();
            c.message.recipient = q.value(2).toString();
            c.message.language = q.value(3).toString();
            c.message.subject = q.value(4).toString();
            c.message.body = q.value(5).toString();
            c.attempts = q.value(6).toInt() + 1;
            c.reservationId = q.value(7).toLongLong();
            c.message.event = q.value(8).toString();
            rows.push_back(std::move(c));
        }
        // Counting the attempt at claim time: a message that crashes its sender still runs out of attempts.
        for (const Claimed& c : rows) {
            tx.exec(QStringLiteral("UPDATE notifications SET lease_owner = ?, lease_until = ?, attempts = ? "
                                   "WHERE id = ?"),
                    { m_options.owner, now + m_options.leaseMs, c.attempts, c.message.notificationId });
        }
        return rows;
    });
    if (!claimed.ok())
        return claimed.error();

    const std::vector<Claimed>& batch = claimed.value();
    for (size_t i = 0; i < batch.size(); ++i) {
        const Claimed& c = batch[i];
        if (m_stop) {
            // Give the rest back at once instead of leaving them to wait for the lease to run out.
            for (size_t j = i; j < batch.size(); ++j) {
                const Claimed& rest = batch[j];
                Status released = m_db.write([&](Transaction& tx) -> Status {
                    tx.exec(QStringLiteral("UPDATE notifications SET lease_owner = NULL, lease_until = NULL, "
                                           "attempts = ? WHERE id = ? AND status = 'pending' AND lease_owner = ?"),
                            { rest.attempts - 1, rest.message.notificationId, m_options.owner });
                    return {};
                });
                if (!released.ok())
                    qCWarning(lcDispatcher) << "could not release notification" << rest.message.notificationId;
            }
            break;
        }
        const DeliveryOutcome outcome = m_channels.at(c.channel)->send(c.message);
        if (Status status = finish(c, outcome); !status.ok()) {
            // It was sent (or not) but we could not record it: the lease runs out and it is sent again, with
            // the same idempotency key. Better a repeat than a lost message.
            qCWarning(lcDispatcher) << "could not record the result of notification" << c.message.notificationId
                                    << status.error().message;
        }
    }
    return int(batch.size());
}

Status NotificationDispatcher::finish(const Claimed& c, const DeliveryOutcome& outcome)
{
    return m_db.write([&](Transaction& tx) -> Status {
        const qint64 now = tx.nowMs();
        const qint64 id = c.message.notificationId;
        if (outcome.delivered) {
            SqlRows q = tx.exec(QStringLiteral("UPDATE notifications SET status = 'sent', provider_response = ?, "
                                               "sent_at = ?, last_error = NULL, lease_owner = NULL, "
                                               "lease_until = NULL WHERE id = ? AND status = 'pending'"),
                                { outcome.response, now, id });
            // Only the terminal that moved it from pending to sent records the event: once per notification.
            if (q.numRowsAffected() == 1) {
                const bool cancel = c.message.event == eventTypeName(EventType::ReservationCancelled);
                tx.recordEvent(cancel ? EventType::CancelMsgSent : EventType::ConfirmMsgSent,
                               QStringLiteral("reservation"), c.reservationId,
                               QJsonObject { { QStringLiteral("notificationId"), id },
                                             { QStringLiteral("channel"), c.channel },
                                             { QStringLiteral("recipient"), c.message.recipient } });
            }
            return {};
        }
        if (outcome.permanent || c.attempts >= m_options.maxAttempts) {
            tx.exec(QStringLiteral("UPDATE notifications SET status = 'dead', last_error = ?, lease_owner = NULL, "
                                   "lease_until = NULL WHERE id = ? AND status = 'pending'"),
                    { outcome.response, id });
            qCWarning(lcDispatcher) << "notification" << id << "is dead after" << c.attempts << "attempts";
            return {};
        }
        tx.exec(QStringLiteral("UPDATE notifications SET next_attempt_at = ?, last_error = ?, lease_owner = NULL, "
                               "lease_until = NULL WHERE id = ? AND status = 'pending'"),
                { now + backoffMs(c.attempts), outcome.response, id });
        return {};
    });
}

Result<int> NotificationDispatcher::dispatchDue()
{
    int total = 0;
    for (;;) {
        Result<int> claimed = dispatchBatch();
        if (!claimed.ok())
            return claimed.error();
        if (claimed.value() == 0)
            return total;
        total += claimed.value();
    }
}

Result<std::optional<qint64>> NotificationDispatcher::nextDueAt()
{
    if (m_channels.empty())
        return std::optional<qint64>();
    return m_db.read([&](SqlSession& s) -> Result<std::optional<qint64>> {
        // A leased row comes back when its lease runs out (a dispatcher that died mid-batch).
        const QVariant next
            = s.scalar(QStringLiteral("SELECT MIN(CASE WHEN lease_until IS NOT NULL AND lease_until > next_attempt_at "
                                      "THEN lease_until ELSE next_attempt_at END) FROM notifications "
                                      "WHERE status = 'pending' AND channel IN (%1)")
                           .arg(channelList()));
        if (next.isNull())
            return std::optional<qint64>();
        return std::optional<qint64>(next.toLongLong());
    });
}

} // namespace campdesk
