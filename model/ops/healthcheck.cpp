#include "ops/healthcheck.h"

#include "core/logging.h"
#include "domain/paymentattention.h"
#include "payment/breakereventrecorder.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

namespace campdesk {

namespace {

HealthItem makeItem(const QString& name, HealthItem::Level level, const QString& message)
{
    HealthItem item;
    item.name = name;
    item.level = level;
    item.message = message;
    return item;
}

HealthItem skippedItem(const QString& name, const QString& message)
{
    HealthItem item = makeItem(name, HealthItem::Level::Ok, message);
    item.skipped = true;
    return item;
}

QString formatAge(qint64 ms)
{
    // Plain ints for the %n forms (lupdate does not read casts inside translate()).
    const int seconds = static_cast<int>(std::min<qint64>(std::max<qint64>(0, ms / 1000), 1000000000));
    const int minutes = seconds / 60;
    const int hours = seconds / 3600;
    if (seconds < 120)
        return QCoreApplication::translate("campdesk::HealthCheck", "%n s", nullptr, seconds);
    if (seconds < 2 * 3600)
        return QCoreApplication::translate("campdesk::HealthCheck", "%n min", nullptr, minutes);
    return QCoreApplication::translate("campdesk::HealthCheck", "%n h", nullptr, hours);
}

qint64 nowMs(Database& db, const HealthCheck::Options& options)
{
    return options.clock ? options.clock->nowMs() : db.clock().nowMs();
}

} // namespace

HealthItem::Level HealthReport::overall() const
{
    HealthItem::Level worst = HealthItem::Level::Ok;
    for (const HealthItem& item : items)
        worst = std::max(worst, item.level);
    return worst;
}

const HealthItem* HealthReport::item(const QString& name) const
{
    for (const HealthItem& item : items) {
        if (item.name == name)
            return &item;
    }
    return nullptr;
}

QString HealthReport::levelName(HealthItem::Level level)
{
    switch (level) {
    case HealthItem::Level::Ok:
        return QStringLiteral("ok");
    case HealthItem::Level::Degraded:
        return QStringLiteral("degraded");
    case HealthItem::Level::Down:
        return QStringLiteral("down");
    }
    return QString();
}

QJsonObject HealthReport::toJson() const
{
    QJsonArray checks;
    for (const HealthItem& item : items) {
        QJsonObject object { { QStringLiteral("name"), item.name },
                             { QStringLiteral("status"),
                               item.skipped ? QStringLiteral("skipped") : levelName(item.level) },
                             { QStringLiteral("message"), item.message } };
        if (!item.details.isEmpty())
            object.insert(QStringLiteral("details"), item.details);
        checks.append(object);
    }
    return QJsonObject { { QStringLiteral("status"), levelName(overall()) },
                         { QStringLiteral("exitCode"), exitCode() },
                         { QStringLiteral("checkedAt"), checkedAt.toString(Qt::ISODateWithMs) },
                         { QStringLiteral("checks"), checks } };
}

QString HealthReport::toText() const
{
    QString text;
    for (const HealthItem& item : items) {
        const QString status = item.skipped ? QStringLiteral("skip") : levelName(item.level);
        text += QStringLiteral("%1 %2 %3\n").arg(status.toUpper(), -9).arg(item.name, -11).arg(item.message);
    }
    text += QCoreApplication::translate("campdesk::HealthCheck", "Overall: %1 (exit code %2)")
                .arg(levelName(overall()).toUpper())
                .arg(exitCode())
        + QLatin1Char('\n');
    return text;
}

Result<std::unique_ptr<Database>> HealthCheck::openForCheck(const QString& spec, const Options& options)
{
    const QString trimmed = spec.trimmed();
    const bool postgres
        = trimmed.startsWith(QLatin1String("postgresql://")) || trimmed.startsWith(QLatin1String("postgres://"));
    if (!postgres && !trimmed.isEmpty()) {
        // A check must never create the database it is asked about.
        const QString path = trimmed.startsWith(QLatin1String("sqlite:")) ? trimmed.mid(7) : trimmed;
        if (!QFileInfo(path).isFile()) {
            return Error {
                ErrorCode::NotFound,
                QCoreApplication::translate("campdesk::HealthCheck", "The database file %1 does not exist.").arg(path)
            };
        }
    }
    Database::Options dbOptions;
    dbOptions.migrate = false;
    dbOptions.terminal = QStringLiteral("check");
    dbOptions.maxAttempts = 2;
    dbOptions.allowPlainConnections = options.allowPlainConnections;
    if (options.clock)
        dbOptions.clock = options.clock;
    return Database::open(trimmed, dbOptions);
}

HealthReport HealthCheck::run(const QString& spec, const Options& options)
{
    Result<std::unique_ptr<Database>> opened = openForCheck(spec, options);
    if (!opened.ok()) {
        HealthReport report;
        report.checkedAt = options.clock ? options.clock->nowUtc() : QDateTime::currentDateTimeUtc();
        report.items << makeItem(QStringLiteral("database"), HealthItem::Level::Down, opened.error().message);
        report.items << checkGateway(options);
        return report;
    }
    return run(*opened.value(), options);
}

HealthReport HealthCheck::run(Database& db, const Options& options)
{
    HealthReport report;
    report.checkedAt = options.clock ? options.clock->nowUtc() : db.clock().nowUtc();
    Result<qint64> ping
        = db.read([](SqlSession& s) -> Result<qint64> { return s.scalar(QStringLiteral("SELECT 1")).toLongLong(); });
    if (!ping.ok()) {
        report.items << makeItem(QStringLiteral("database"), HealthItem::Level::Down, ping.error().message);
        report.items << checkGateway(options);
        return report;
    }
    HealthItem database = makeItem(QStringLiteral("database"), HealthItem::Level::Ok, db.describe());
    database.details.insert(QStringLiteral("driver"),
                            db.driver() == SqlDriver::Sqlite ? QStringLiteral("sqlite") : QStringLiteral("postgresql"));
    report.items << database;
    HealthItem schema = checkSchema(db);
    report.items << schema;
    if (schema.level == HealthItem::Level::Down) {
        report.items << checkGateway(options);
        return report;
    }
    report.items << checkInvariants(db, options);
    report.items << checkGateway(options);
    report.items << checkBreaker(db);
    report.items << checkOutbox(db, options);
    report.items << checkPayments(db);
    report.items << checkTerminals(db, options);
    return report;
}

HealthItem HealthCheck::checkSchema(Database& db)
{
    Result<int> version = db.schemaVersion();
    if (!version.ok())
        return makeItem(QStringLiteral("schema"), HealthItem::Level::Down, version.error().message);
    const int latest = Database::latestSchemaVersion();
    HealthItem item;
    if (version.value() == latest) {
        item = makeItem(
            QStringLiteral("schema"), HealthItem::Level::Ok,
            QCoreApplication::translate("campdesk::HealthCheck", "Schema version %1 is current.").arg(latest));
    } else if (version.value() == 0) {
        item = makeItem(
            QStringLiteral("schema"), HealthItem::Level::Down,
            QCoreApplication::translate("campdesk::HealthCheck", "This is not a Campdesk database (no schema)."));
    } else if (version.value() < latest) {
        item = makeItem(
            QStringLiteral("schema"), HealthItem::Level::Degraded,
            QCoreApplication::translate("campdesk::HealthCheck",
                                        "Schema version %1 is older than %2: start Campdesk once to upgrade it.")
                .arg(version.value())
                .arg(latest));
    } else {
        item = makeItem(QStringLiteral("schema"), HealthItem::Level::Down,
                        QCoreApplication::translate(
                            "campdesk::HealthCheck",
                            "Schema version %1 is newer than this program knows (%2): install the newer Campdesk.")
                            .arg(version.value())
                            .arg(latest));
    }
    item.details = QJsonObject { { QStringLiteral("version"), version.value() }, { QStringLiteral("latest"), latest } };
    return item;
}

HealthItem HealthCheck::checkInvariants(Database& db, const Options& options)
{
    if (!options.invariants)
        return skippedItem(
            QStringLiteral("invariants"),
            QCoreApplication::translate(
                "campdesk::HealthCheck",
                "Checked by campdesk --check (it reads every booking, too much to repeat every 30 seconds)."));
    Result<QStringList> violations = options.invariants(db);
    if (!violations.ok())
        return makeItem(QStringLiteral("invariants"), HealthItem::Level::Degraded, violations.error().message);
    if (violations.value().isEmpty())
        return makeItem(QStringLiteral("invariants"), HealthItem::Level::Ok,
                        QCoreApplication::translate("campdesk::HealthCheck", "Every booking invariant holds."));
    HealthItem item
        = makeItem(QStringLiteral("invariants"), HealthItem::Level::Degraded,
                   QCoreApplication::translate("campdesk::HealthCheck", "%n booking invariant violation(s): %1",
                                               nullptr, violations.value().size())
                       .arg(violations.value().first()));
    item.details.insert(QStringLiteral("violations"), QJsonArray::fromStringList(violations.value()));
    return item;
}

HealthItem HealthCheck::checkGateway(const Options& options)
{
    const QString name = QStringLiteral("gateway");
    if (options.gatewayUrl.trimmed().isEmpty())
        return skippedItem(name,
                           QCoreApplication::translate("campdesk::HealthCheck", "No payment gateway is configured."));
    const QUrl url(options.gatewayUrl.trimmed());
    if (!url.isValid() || url.host().isEmpty())
        return makeItem(name, HealthItem::Level::Degraded,
                        QCoreApplication::translate("campdesk::HealthCheck", "The gateway address %1 is not valid.")
                            .arg(options.gatewayUrl));

    // Any HTTP answer, even an error status, means the gateway is up and reachable; only silence is not.
    QNetworkAccessManager network;
    QNetworkRequest request(url);
    request.setTransferTimeout(options.gatewayTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QEventLoop loop;
    QElapsedTimer elapsed;
    elapsed.start();
    QNetworkReply* reply = network.head(request);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(options.gatewayTimeoutMs + 500, &loop, &QEventLoop::quit); // guards a hung DNS lookup
    if (!reply->isFinished())
        loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const bool answered = reply->isFinished() && status > 0;
    const QString error = reply->isFinished() ? reply->errorString()
                                              : QCoreApplication::translate("campdesk::HealthCheck", "no answer");
    reply->abort();
    reply->deleteLater();
    const QString where = url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery).toString();
    HealthItem item = answered
        ? makeItem(name, HealthItem::Level::Ok,
                   QCoreApplication::translate("campdesk::HealthCheck", "%1 answered in %2 ms.")
                       .arg(where)
                       .arg(elapsed.elapsed()))
        : makeItem(name, HealthItem::Level::Degraded,
                   QCoreApplication::translate("campdesk::HealthCheck",
                                               "%1 is not reachable: %2. Card payments at the kiosk will fail.")
                       .arg(where, error));
    item.details = QJsonObject { { QStringLiteral("url"), where },
                                 { QStringLiteral("httpStatus"), status },
                                 { QStringLiteral("ms"), elapsed.elapsed() } };
    return item;
}

HealthItem HealthCheck::checkBreaker(Database& db)
{
    // The breaker records each change of state as a CircuitBreakerStateChanged event; the newest one is the state.
    Result<QJsonObject> last = db.read([](SqlSession& s) -> Result<QJsonObject> {
        // By the aggregate's index: by type alone it read backwards through every event (0.6 s at six million).
        SqlRows query
            = s.exec(QStringLiteral("SELECT payload, occurred_at FROM domain_events WHERE aggregate = ? "
                                    "AND aggregate_id = 0 AND type = ? ORDER BY id DESC LIMIT 1"),
                     { BreakerEventRecorder::aggregate(), eventTypeName(EventType::CircuitBreakerStateChanged) });
        if (!query.next())
            return QJsonObject();
        QJsonObject payload = QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object();
        payload.insert(QStringLiteral("since"), query.value(1).toLongLong());
        return payload;
    });
    const QString name = QStringLiteral("breaker");
    if (!last.ok())
        return makeItem(name, HealthItem::Level::Degraded, last.error().message);
    if (last.value().isEmpty())
        return makeItem(
            name, HealthItem::Level::Ok,
            QCoreApplication::translate("campdesk::HealthCheck", "The payment circuit breaker has never opened."));
    const QString state = last.value().value(QStringLiteral("state")).toString(QStringLiteral("closed"));
    const QString since
        = QDateTime::fromMSecsSinceEpoch(last.value().value(QStringLiteral("since")).toInteger(), Qt::UTC)
              .toString(Qt::ISODate);
    HealthItem item = state == QLatin1String("closed")
        ? makeItem(
            name, HealthItem::Level::Ok,
            QCoreApplication::translate("campdesk::HealthCheck", "The payment circuit breaker is closed (since %1).")
                .arg(since))
        : makeItem(name, HealthItem::Level::Degraded,
                   QCoreApplication::translate("campdesk::HealthCheck",
                                               "The payment circuit breaker is %1 since %2: payments are paused.")
                       .arg(state, since));
    item.details = last.value();
    item.details.insert(QStringLiteral("state"), state);
    return item;
}

HealthItem HealthCheck::checkOutbox(Database& db, const Options& options)
{
    struct Outbox
    {
        qint64 pending = 0;
        qint64 dead = 0;
        QVariant oldest;
    };
    Result<Outbox> outbox = db.read([](SqlSession& s) -> Result<Outbox> {
        Outbox o;
        SqlRows query
            = s.exec(QStringLiteral("SELECT count(*), MIN(created_at) FROM notifications WHERE status = 'pending'"));
        if (query.next()) {
            o.pending = query.value(0).toLongLong();
            o.oldest = query.value(1);
        }
        o.dead = s.scalar(QStringLiteral("SELECT count(*) FROM notifications WHERE status = 'dead'")).toLongLong();
        return o;
    });
    const QString name = QStringLiteral("outbox");
    if (!outbox.ok())
        return makeItem(name, HealthItem::Level::Degraded, outbox.error().message);
    const Outbox& o = outbox.value();
    const qint64 age = o.oldest.isNull() ? 0 : nowMs(db, options) - o.oldest.toLongLong();
    const int pending = static_cast<int>(o.pending);
    const int dead = static_cast<int>(o.dead);
    HealthItem item;
    if (o.pending == 0) {
        item = makeItem(name, HealthItem::Level::Ok,
                        QCoreApplication::translate("campdesk::HealthCheck", "No notification is waiting."));
    } else {
        const bool late = o.pending > options.outboxBacklogDegraded || age > options.outboxAgeDegradedMs;
        item = makeItem(name, late ? HealthItem::Level::Degraded : HealthItem::Level::Ok,
                        QCoreApplication::translate("campdesk::HealthCheck",
                                                    "%n notification(s) waiting, the oldest for %1.", nullptr, pending)
                            .arg(formatAge(age)));
    }
    if (o.dead > 0)
        item.message += QLatin1Char(' ')
            + QCoreApplication::translate("campdesk::HealthCheck", "%n could not be sent and wait for a manager.",
                                          nullptr, dead);
    item.details = QJsonObject { { QStringLiteral("pending"), o.pending },
                                 { QStringLiteral("dead"), o.dead },
                                 { QStringLiteral("oldestAgeMs"), age } };
    return item;
}

HealthItem HealthCheck::checkTerminals(Database& db, const Options& options)
{
    const qint64 since = nowMs(db, options) - options.terminalRecentMs;
    Result<QJsonArray> seen = db.read([&](SqlSession& s) -> Result<QJsonArray> {
        QJsonArray terminals;
        SqlRows query = s.exec(QStringLiteral("SELECT name, kind, version, host, last_seen FROM terminals "
                                              "WHERE last_seen >= ? ORDER BY name"),
                               { since });
        while (query.next()) {
            terminals.append(QJsonObject { { QStringLiteral("name"), query.value(0).toString() },
                                           { QStringLiteral("kind"), query.value(1).toString() },
                                           { QStringLiteral("version"), query.value(2).toString() },
                                           { QStringLiteral("host"), query.value(3).toString() },
                                           { QStringLiteral("lastSeen"), query.value(4).toLongLong() } });
        }
        return terminals;
    });
    const QString name = QStringLiteral("terminals");
    if (!seen.ok())
        return makeItem(name, HealthItem::Level::Degraded, seen.error().message);
    QStringList names;
    for (const QJsonValue& terminal : seen.value())
        names << terminal.toObject().value(QStringLiteral("name")).toString();
    const int count = static_cast<int>(names.size());
    HealthItem item = makeItem(
        name, HealthItem::Level::Ok,
        names.isEmpty()
            ? QCoreApplication::translate("campdesk::HealthCheck", "No terminal was seen in the last %1.")
                  .arg(formatAge(options.terminalRecentMs))
            : QCoreApplication::translate("campdesk::HealthCheck", "%n terminal(s) seen recently: %1", nullptr, count)
                  .arg(names.join(QStringLiteral(", "))));
    item.details.insert(QStringLiteral("recent"), seen.value());
    return item;
}

HealthItem HealthCheck::checkPayments(Database& db)
{
    Result<QList<PaymentAttentionRow>> rows
        = db.read([](SqlSession& s) -> Result<QList<PaymentAttentionRow>> { return PaymentAttention::list(s); });
    if (!rows.ok())
        return makeItem(QStringLiteral("payments"), HealthItem::Level::Degraded, rows.error().message);
    if (rows.value().isEmpty())
        return makeItem(QStringLiteral("payments"), HealthItem::Level::Ok,
                        QCoreApplication::translate("campdesk::HealthCheck", "No payment needs attention."));
    const PaymentAttentionRow& first = rows.value().first();
    HealthItem item = makeItem(QStringLiteral("payments"), HealthItem::Level::Degraded,
                               QCoreApplication::translate("campdesk::HealthCheck",
                                                           "%n payment(s) need attention; the oldest: %1 (%2)", nullptr,
                                                           int(rows.value().size()))
                                   .arg(first.reservationCode.isEmpty() ? first.orderId : first.reservationCode,
                                        attentionReasonName(first.reason)));
    QJsonArray list;
    for (const PaymentAttentionRow& row : rows.value()) {
        list.append(QJsonObject { { QStringLiteral("paymentId"), row.paymentId },
                                  { QStringLiteral("orderId"), row.orderId },
                                  { QStringLiteral("reservation"), row.reservationCode },
                                  { QStringLiteral("reason"), attentionReasonKey(row.reason) },
                                  { QStringLiteral("detail"), row.detail },
                                  { QStringLiteral("owed"), row.owed },
                                  { QStringLiteral("since"), row.since },
                                  { QStringLiteral("attempts"), row.attempts },
                                  { QStringLiteral("nextAttemptAt"), row.nextAttemptAt } });
    }
    item.details.insert(QStringLiteral("attention"), list);
    return item;
}

} // namespace campdesk
