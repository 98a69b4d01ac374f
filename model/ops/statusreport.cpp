#include "ops/statusreport.h"

#include "core/logging.h"
#include "domain/paymentattention.h"

#include <QFileInfo>
#include <QJsonArray>

namespace campdesk {

QJsonArray StatusReport::recentTerminals() const
{
    const HealthItem* terminals = health.item(QStringLiteral("terminals"));
    return terminals ? terminals->details.value(QStringLiteral("recent")).toArray() : QJsonArray();
}

StatusReport StatusReport::collect(Database& db, const HealthCheck::Options& options, int logLines)
{
    StatusReport report;
    report.health = HealthCheck::run(db, options);
    report.logLines = Logging::recentLines(logLines);
    if (db.driver() == SqlDriver::Sqlite) {
        const QFileInfo file(db.spec());
        report.databaseBytes = file.size() + QFileInfo(db.spec() + QStringLiteral("-wal")).size();
    }
    struct LastEvent
    {
        qint64 bytes = -1;
        QString type;
        QString origin;
        QVariant at;
    };
    Result<LastEvent> last = db.read([](SqlSession& s) -> Result<LastEvent> {
        LastEvent event;
        if (s.driver() == SqlDriver::Postgres)
            event.bytes = s.scalar(QStringLiteral("SELECT pg_database_size(current_database())")).toLongLong();
        SqlRows query
            = s.exec(QStringLiteral("SELECT type, origin, occurred_at FROM domain_events ORDER BY id DESC LIMIT 1"));
        if (query.next()) {
            event.type = query.value(0).toString();
            event.origin = query.value(1).toString();
            event.at = query.value(2);
        }
        return event;
    });
    if (last.ok()) {
        if (last.value().bytes >= 0)
            report.databaseBytes = last.value().bytes;
        report.lastEventType = last.value().type;
        report.lastEventOrigin = last.value().origin;
        if (!last.value().at.isNull())
            report.lastEventAt = QDateTime::fromMSecsSinceEpoch(last.value().at.toLongLong(), Qt::UTC);
    }
    return report;
}

StatusReport StatusReport::collect(const QString& spec, const HealthCheck::Options& options, int logLines)
{
    Result<std::unique_ptr<Database>> db = HealthCheck::openForCheck(spec, options);
    if (!db.ok()) {
        StatusReport report;
        report.health = HealthCheck::run(spec, options); // says why, in the usual words
        report.logLines = Logging::recentLines(logLines);
        return report;
    }
    return collect(*db.value(), options, logLines);
}

Status StatusReport::retryAttention(const QString& spec, const HealthCheck::Options& options, const Actor& actor,
                                    qint64 paymentId)
{
    Result<std::unique_ptr<Database>> db = HealthCheck::openForCheck(spec, options);
    if (!db.ok())
        return db.error();
    return PaymentAttention::retryNow(*db.value(), actor, paymentId);
}

Status StatusReport::resolveAttention(const QString& spec, const HealthCheck::Options& options, const Actor& actor,
                                      qint64 paymentId, const QString& note)
{
    Result<std::unique_ptr<Database>> db = HealthCheck::openForCheck(spec, options);
    if (!db.ok())
        return db.error();
    return PaymentAttention::resolve(*db.value(), actor, paymentId, note);
}

} // namespace campdesk
