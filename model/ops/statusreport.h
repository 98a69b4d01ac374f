#pragma once

#include "core/actor.h"
#include "ops/healthcheck.h"

namespace campdesk {

// What the status page shows: the health check plus the database's size, the newest event and the log's last
// lines. Collected on a connection of its own, so the page can gather it off the GUI thread.
struct StatusReport
{
    HealthReport health;
    qint64 databaseBytes = -1; // SQLite file (+ its WAL) or pg_database_size; -1 when unknown
    QString lastEventType;
    QDateTime lastEventAt; // UTC; invalid when there is no event yet
    QString lastEventOrigin;
    QStringList logLines;

    // The terminals seen recently, from the health check: name, kind, version, host, lastSeen (ms).
    QJsonArray recentTerminals() const;

    static StatusReport collect(Database& db, const HealthCheck::Options& options, int logLines = 100);
    // Opens its own connection to spec (no migration) and collects; usable from any thread.
    static StatusReport collect(const QString& spec, const HealthCheck::Options& options, int logLines = 100);

    // A manager's answer to a payment that needs attention, on a connection of its own to spec (any thread):
    // PaymentAttention::retryNow and PaymentAttention::resolve (a note is required).
    static Status retryAttention(const QString& spec, const HealthCheck::Options& options, const Actor& actor,
                                 qint64 paymentId);
    static Status resolveAttention(const QString& spec, const HealthCheck::Options& options, const Actor& actor,
                                   qint64 paymentId, const QString& note);
};

} // namespace campdesk
