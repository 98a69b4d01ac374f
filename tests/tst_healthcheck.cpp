// campdesk --check: each check on both databases, the exit codes, the gateway over real loopback HTTP, and the
// command itself run as a process.
#include "builtprograms.h"
#include "ops/healthcheck.h"
#include "ops/terminalheartbeat.h"
#include "payment/breakereventrecorder.h"
#include "sampledata.h"
#include "testdatabase.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTcpServer>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

class TestHealthCheck : public QObject
{
    Q_OBJECT
private slots:
    void freshDatabaseIsHealthy();
    void missingOrUnreachableDatabaseIsDown();
    void newerSchemaIsDown();
    void outboxBacklogAndAgeDegrade();
    void invariantViolationsDegrade();
    void breakerStateComesFromItsEvents();
    void terminalsSeenRecently();
    void gatewayReachableOrNot();
    void commandPrintsJsonAndExitCode();
};

namespace {

void addPendingNotification(Transaction& tx, qint64 createdAt, const QString& status = QStringLiteral("pending"))
{
    const qint64 eventId = tx.recordEvent(EventType::ReservationConfirmed, QStringLiteral("reservation"), 1);
    tx.exec(
        QStringLiteral("INSERT INTO notifications (event_id, channel, recipient, language, subject, body, status, "
                       "next_attempt_at, created_at) VALUES (?, 'email', 'a@example.com', 'ko', 's', 'b', ?, ?, ?)"),
        { eventId, status, createdAt, createdAt });
}

} // namespace

void TestHealthCheck::freshDatabaseIsHealthy()
{
    TestDatabase t;
    QVERIFY(t.ok());
    const HealthReport report = HealthCheck::run(t.spec(), HealthCheck::Options());
    QVERIFY2(report.overall() == HealthItem::Level::Ok, qPrintable(report.toText()));
    QCOMPARE(report.exitCode(), 0);
    for (const char* name :
         { "database", "schema", "invariants", "gateway", "breaker", "outbox", "payments", "terminals" })
        QVERIFY2(report.item(QLatin1String(name)), name);
    QVERIFY(report.item(QStringLiteral("invariants"))->skipped);
    QVERIFY(report.item(QStringLiteral("gateway"))->skipped);
    QCOMPARE(report.item(QStringLiteral("schema"))->details.value(QStringLiteral("version")).toInt(),
             Database::latestSchemaVersion());
    const QJsonObject json = report.toJson();
    QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QCOMPARE(json.value(QStringLiteral("checks")).toArray().size(), 8);
    QVERIFY(report.toText().contains(QLatin1String("Overall: OK")));
    // The check wrote nothing.
    QCOMPARE(t.count(QStringLiteral("domain_events")), 0);
    QCOMPARE(t.count(QStringLiteral("terminals")), 0);
}

void TestHealthCheck::missingOrUnreachableDatabaseIsDown()
{
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("nothing-here.db"));
    HealthReport report = HealthCheck::run(missing, HealthCheck::Options());
    QCOMPARE(report.exitCode(), 2);
    QVERIFY(report.item(QStringLiteral("database"))->message.contains(QLatin1String("does not exist")));
    QVERIFY2(!QFile::exists(missing), "the check must not create the database");

    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    report = HealthCheck::run(QStringLiteral("postgresql://postgres@127.0.0.1:%1/campdesk").arg(port),
                              HealthCheck::Options());
    QCOMPARE(report.exitCode(), 2);
    QCOMPARE(report.item(QStringLiteral("database"))->level, HealthItem::Level::Down);
}

void TestHealthCheck::newerSchemaIsDown()
{
    TestDatabase t;
    QVERIFY(t.ok());
    CAMPDESK_VERIFY_OK(markSchemaFromTheFuture(t.db()));
    const HealthReport byOpen = HealthCheck::run(t.spec(), HealthCheck::Options());
    QCOMPARE(byOpen.exitCode(), 2);
    QVERIFY2(byOpen.toText().contains(QLatin1String("newer")), qPrintable(byOpen.toText()));
    const HealthItem schema = HealthCheck::checkSchema(t.db());
    QCOMPARE(schema.level, HealthItem::Level::Down);
}

void TestHealthCheck::outboxBacklogAndAgeDegrade()
{
    ManualClock clock(QDateTime(QDate(2026, 7, 1), QTime(12, 0), Qt::UTC));
    Database::Options dbOptions;
    dbOptions.clock = &clock;
    TestDatabase t(dbOptions);
    QVERIFY(t.ok());
    HealthCheck::Options options;
    options.clock = &clock;
    options.outboxBacklogDegraded = 3;
    options.outboxAgeDegradedMs = 10 * 60 * 1000;

    CAMPDESK_VERIFY_OK(t->write([&](Transaction& tx) -> Status {
        addPendingNotification(tx, clock.nowMs() - 60 * 1000);
        addPendingNotification(tx, clock.nowMs() - 1000, QStringLiteral("sent"));
        addPendingNotification(tx, clock.nowMs() - 1000, QStringLiteral("dead"));
        return {};
    }));
    HealthItem outbox = HealthCheck::checkOutbox(t.db(), options);
    QCOMPARE(outbox.level, HealthItem::Level::Ok);
    QCOMPARE(outbox.details.value(QStringLiteral("pending")).toInteger(), 1);
    QCOMPARE(outbox.details.value(QStringLiteral("dead")).toInteger(), 1);
    QCOMPARE(outbox.details.value(QStringLiteral("oldestAgeMs")).toInteger(), 60 * 1000);

    // Old enough: degraded.
    clock.advanceSecs(15 * 60);
    outbox = HealthCheck::checkOutbox(t.db(), options);
    QCOMPARE(outbox.level, HealthItem::Level::Degraded);
    QVERIFY2(outbox.message.contains(QLatin1String("16 min")), qPrintable(outbox.message));

    // Too many, even if fresh.
    options.outboxAgeDegradedMs = 24 * 3600 * 1000LL;
    CAMPDESK_VERIFY_OK(t->write([&](Transaction& tx) -> Status {
        for (int i = 0; i < 3; ++i)
            addPendingNotification(tx, clock.nowMs());
        return {};
    }));
    outbox = HealthCheck::checkOutbox(t.db(), options);
    QCOMPARE(outbox.details.value(QStringLiteral("pending")).toInteger(), 4);
    QCOMPARE(outbox.level, HealthItem::Level::Degraded);
    QCOMPARE(HealthCheck::run(t.db(), options).exitCode(), 1);
}

void TestHealthCheck::invariantViolationsDegrade()
{
    TestDatabase t;
    QVERIFY(t.ok());
    HealthCheck::Options options;
    options.invariants = [](Database&) -> Result<QStringList> { return QStringList(); };
    HealthItem item = HealthCheck::checkInvariants(t.db(), options);
    QCOMPARE(item.level, HealthItem::Level::Ok);
    QVERIFY(!item.skipped);
    options.invariants = [](Database&) -> Result<QStringList> {
        return QStringList { QStringLiteral("night 2027-01-01 of A-01 booked twice") };
    };
    const HealthReport report = HealthCheck::run(t.db(), options);
    QCOMPARE(report.exitCode(), 1);
    QVERIFY(report.item(QStringLiteral("invariants"))->message.contains(QLatin1String("booked twice")));
    QCOMPARE(report.item(QStringLiteral("invariants"))->details.value(QStringLiteral("violations")).toArray().size(),
             1);
}

void TestHealthCheck::breakerStateComesFromItsEvents()
{
    TestDatabase t;
    QVERIFY(t.ok());
    QCOMPARE(HealthCheck::checkBreaker(t.db()).level, HealthItem::Level::Ok);
    auto record = [&](const QString& state) {
        return t->write([&](Transaction& tx) -> Status {
            tx.recordEvent(EventType::CircuitBreakerStateChanged, BreakerEventRecorder::aggregate(), 0,
                           { { QStringLiteral("state"), state } });
            return {};
        });
    };
    CAMPDESK_VERIFY_OK(record(QStringLiteral("open")));
    HealthItem breaker = HealthCheck::checkBreaker(t.db());
    QCOMPARE(breaker.level, HealthItem::Level::Degraded);
    QCOMPARE(breaker.details.value(QStringLiteral("state")).toString(), QStringLiteral("open"));
    CAMPDESK_VERIFY_OK(record(QStringLiteral("closed")));
    QCOMPARE(HealthCheck::checkBreaker(t.db()).level, HealthItem::Level::Ok);
}

void TestHealthCheck::terminalsSeenRecently()
{
    ManualClock clock(QDateTime(QDate(2026, 7, 1), QTime(12, 0), Qt::UTC));
    Database::Options dbOptions;
    dbOptions.clock = &clock;
    TestDatabase t(dbOptions);
    QVERIFY(t.ok());
    TerminalHeartbeat old(t.db(), QStringLiteral("kiosk-gate"), QStringLiteral("kiosk"));
    CAMPDESK_VERIFY_OK(old.beat());
    clock.advanceSecs(600);
    TerminalHeartbeat desk(t.db(), QStringLiteral("front-desk"), QStringLiteral("admin"));
    CAMPDESK_VERIFY_OK(desk.beat());
    CAMPDESK_VERIFY_OK(desk.beat()); // an upsert: still one row
    QCOMPARE(t.count(QStringLiteral("terminals")), 2);
    QCOMPARE(t.count(QStringLiteral("terminals"),
                     QStringLiteral("name = 'front-desk' AND last_seen = %1").arg(clock.nowMs())),
             1);

    HealthCheck::Options options;
    options.clock = &clock;
    const HealthItem item = HealthCheck::checkTerminals(t.db(), options);
    const QJsonArray recent = item.details.value(QStringLiteral("recent")).toArray();
    QCOMPARE(recent.size(), 1);
    QCOMPARE(recent.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("front-desk"));
    QCOMPARE(recent.at(0).toObject().value(QStringLiteral("version")).toString(), QStringLiteral(CAMPDESK_VERSION));
    QVERIFY(item.message.contains(QLatin1String("front-desk")));
}

void TestHealthCheck::gatewayReachableOrNot()
{
    HealthCheck::Options options;
    options.gatewayTimeoutMs = 700;

    QHttpServer server;
    server.route(QStringLiteral("/v1"), [] { return QStringLiteral("ok"); });
    const quint16 port = server.listen(QHostAddress::LocalHost, 0);
    QVERIFY(port > 0);
    options.gatewayUrl = QStringLiteral("http://127.0.0.1:%1/v1").arg(port);
    HealthItem item = HealthCheck::checkGateway(options);
    QVERIFY2(item.level == HealthItem::Level::Ok, qPrintable(item.message));
    // A 404 is still an answer: the gateway is up.
    options.gatewayUrl = QStringLiteral("http://127.0.0.1:%1/nothing").arg(port);
    item = HealthCheck::checkGateway(options);
    QVERIFY2(item.level == HealthItem::Level::Ok, qPrintable(item.message));
    QCOMPARE(item.details.value(QStringLiteral("httpStatus")).toInt(), 404);

    // Nobody listening.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 closedPort = closed.serverPort();
    closed.close();
    options.gatewayUrl = QStringLiteral("http://127.0.0.1:%1/").arg(closedPort);
    item = HealthCheck::checkGateway(options);
    QCOMPARE(item.level, HealthItem::Level::Degraded);

    // Listening but never answering: the short timeout decides.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    options.gatewayUrl = QStringLiteral("http://user:pw@127.0.0.1:%1/").arg(silent.serverPort());
    QElapsedTimer timer;
    timer.start();
    item = HealthCheck::checkGateway(options);
    QCOMPARE(item.level, HealthItem::Level::Degraded);
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(!item.message.contains(QLatin1String("pw@")));
}

void TestHealthCheck::commandPrintsJsonAndExitCode()
{
    TestDatabase t;
    QVERIFY(t.ok());
    QTemporaryDir dir;
    const QString settings = dir.filePath(QStringLiteral("terminal.ini"));
    QProcess process;
    process.start(campdeskProgram(),
                  { QStringLiteral("--check"), QStringLiteral("--json"), QStringLiteral("--settings"), settings,
                    QStringLiteral("--database"), t.spec() });
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    const QJsonObject json = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
    QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QCOMPARE(process.exitCode(), 0);

    CAMPDESK_VERIFY_OK(t->write([](Transaction& tx) -> Status {
        tx.recordEvent(EventType::CircuitBreakerStateChanged, BreakerEventRecorder::aggregate(), 0,
                       { { QStringLiteral("state"), QStringLiteral("open") } });
        return {};
    }));
    process.start(
        campdeskProgram(),
        { QStringLiteral("--check"), QStringLiteral("--settings"), settings, QStringLiteral("--database"), t.spec() });
    QVERIFY(process.waitForFinished(30000));
    const QString text = QString::fromUtf8(process.readAllStandardOutput());
    QVERIFY2(text.contains(QLatin1String("DEGRADED")), qPrintable(text));
    QCOMPARE(process.exitCode(), 1);
}

CAMPDESK_DB_TEST_MAIN(TestHealthCheck)
#include "tst_healthcheck.moc"
