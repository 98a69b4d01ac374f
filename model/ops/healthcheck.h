#pragma once

#include "db/database.h"

#include <QJsonObject>
#include <QList>
#include <functional>

namespace campdesk {

// One line of a health report: what was checked, how it stands, and details for JSON and the status page.
struct HealthItem
{
    enum class Level { Ok, Degraded, Down };
    QString name; // "database", "schema", "invariants", "gateway", "breaker", "outbox", "payments", "terminals"
    Level level = Level::Ok;
    QString message; // translated, one line
    bool skipped = false; // not checked (not configured, or not built in yet)
    QJsonObject details;
};

// The result of `campdesk --check`: the worst item decides the exit code (0 healthy, 1 degraded, 2 down).
struct HealthReport
{
    QList<HealthItem> items;
    QDateTime checkedAt;

    HealthItem::Level overall() const;
    int exitCode() const { return static_cast<int>(overall()); }
    const HealthItem* item(const QString& name) const;
    QJsonObject toJson() const;
    QString toText() const; // readable, one line per item
    static QString levelName(HealthItem::Level level); // "ok", "degraded", "down"
};

// The readiness/liveness probe of the desktop: database reachable, schema current, booking invariants, payment
// gateway reachable and breaker state, outbox backlog, terminals seen recently. Used by --check and the status page.
class HealthCheck
{
public:
    struct Options
    {
        QString gatewayUrl; // empty: no gateway configured, not checked
        bool allowPlainConnections = false; // the terminal's security/allowPlainConnections
        int gatewayTimeoutMs = 3000;
        int outboxBacklogDegraded = 200; // pending notifications
        qint64 outboxAgeDegradedMs = 30 * 60 * 1000; // oldest pending notification
        qint64 terminalRecentMs = 5 * 60 * 1000; // "seen recently": three missed heartbeats and more
        const Clock* clock = nullptr; // defaults to the database's clock
        // The booking engine's invariants; returns the violations found (empty = fine). Unset (the status page):
        // reported as skipped; campdesk --check sets it.
        std::function<Result<QStringList>(Database&)> invariants;
    };

    // Opens spec for checking: no migration, and a missing SQLite file is an error instead of a new database.
    static Result<std::unique_ptr<Database>> openForCheck(const QString& spec, const Options& options);
    // Opens spec without migrating or creating anything, then checks it.
    static HealthReport run(const QString& spec, const Options& options);
    // Checks an open database.
    static HealthReport run(Database& db, const Options& options);

    // The pieces, each usable alone (the status page refreshes some of them more often).
    static HealthItem checkSchema(Database& db);
    static HealthItem checkInvariants(Database& db, const Options& options);
    static HealthItem checkGateway(const Options& options);
    static HealthItem checkBreaker(Database& db);
    static HealthItem checkOutbox(Database& db, const Options& options);
    // Payments that need attention (money the provider holds or gave back that the books do not match): degraded.
    static HealthItem checkPayments(Database& db);
    static HealthItem checkTerminals(Database& db, const Options& options);
};

} // namespace campdesk
