#pragma once

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
};

} // namespace campdesk
