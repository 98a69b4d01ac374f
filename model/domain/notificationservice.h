#pragma once

#include "core/actor.h"
#include "db/database.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>

namespace campdesk {

// One row of the outbox, for the Notifications page.
struct NotificationRecord
{
    qint64 id = 0;
    qint64 eventId = 0;
    QString event; // "ReservationConfirmed", ...
    qint64 reservationId = 0;
    QString reservationCode;
    QString channel; // "email", "webhook"
    QString recipient;
    QString language;
    QString subject;
    QString body;
    QString status; // "pending", "sent", "dead"
    int attempts = 0;
    qint64 nextAttemptAt = 0;
    QString lastError;
    QString providerResponse;
    qint64 createdAt = 0;
    qint64 sentAt = 0; // 0 while not sent
};

// The outbox as staff see it: listing notifications and sending a dead one again.
class NotificationService
{
    Q_DECLARE_TR_FUNCTIONS(NotificationService)
public:
    explicit NotificationService(Database& db);

    // Newest first; status empty = all. limit caps the rows returned.
    Result<QList<NotificationRecord>> list(const QString& status = QString(), int limit = 500);
    Result<NotificationRecord> get(qint64 id);
    // How many are pending, sent and dead (for the status page and campdesk --check).
    Result<QHash<QString, qint64>> countByStatus();
    // Manager or front desk: puts a dead notification back in the queue for a fresh set of attempts.
    Status retry(const Actor& actor, qint64 id);

private:
    Database& m_db;
};

} // namespace campdesk
