// OperationsRuntime: what a running terminal starts in the background — the log file in the configured folder, the
// heartbeat row, and the daily backup on admin terminals only.
#include "core/logging.h"
#include "ops/operationsruntime.h"
#include "testdatabase.h"

#include <QDir>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

class TestOperations : public QObject
{
    Q_OBJECT
private slots:
    void cleanup() { Logging::uninstall(); }
    void adminTerminalLogsBeatsAndBacksUp();
    void kioskKeepsNoBackups();
};

void TestOperations::adminTerminalLogsBeatsAndBacksUp()
{
    QTemporaryDir dir;
    auto settings = TerminalSettings::createTemporary();
    QVERIFY(settings->setValue(TerminalSettings::Key::LogFolder, dir.filePath(QStringLiteral("logs"))).ok());
    QVERIFY(settings->setValue(TerminalSettings::Key::TerminalName, QStringLiteral("office-pc")).ok());
    CAMPDESK_VERIFY_OK(OperationsRuntime::installLogging(*settings));
    QCOMPARE(Logging::filePath(), dir.filePath(QStringLiteral("logs/campdesk.log")));

    TestDatabase t;
    QVERIFY(t.ok());
    OperationsRuntime::Options options;
    options.backupFolder = dir.filePath(QStringLiteral("backups"));
    options.heartbeatIntervalMs = 50;
    options.backupFirstCheckDelayMs = 400;
    OperationsRuntime runtime(t.db(), *settings, options);
    QVERIFY(runtime.dailyBackup());
    runtime.start();
    QCOMPARE(t.count(QStringLiteral("terminals"), QStringLiteral("name = 'office-pc' AND kind = 'admin'")), 1);
    // The day's backup waits for the first window to be built: nothing is copied at the start.
    QVERIFY(!runtime.dailyBackup()->isRunning());
    QVERIFY(runtime.dailyBackup()->existingBackups().isEmpty());
    // Then it runs on a worker thread.
    QTRY_COMPARE_WITH_TIMEOUT(runtime.dailyBackup()->existingBackups().size(), 1, 10000);
    QVERIFY(runtime.dailyBackup()->existingBackups().first().startsWith(options.backupFolder));

    // The heartbeat keeps beating on its timer.
    Result<qint64> first = t->read([](SqlSession& s) -> Result<qint64> {
        return s.scalar(QStringLiteral("SELECT last_seen FROM terminals WHERE name = 'office-pc'")).toLongLong();
    });
    CAMPDESK_VERIFY_OK(first);
    QTRY_VERIFY_WITH_TIMEOUT(
        t.count(QStringLiteral("terminals"), QStringLiteral("name = 'office-pc' AND last_seen > %1").arg(first.value()))
            == 1,
        5000);

    QFile log(Logging::filePath());
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QByteArray content = log.readAll();
    QVERIFY(content.contains("campdesk.ops: Campdesk"));
    QVERIFY(content.contains("backup written to"));
}

void TestOperations::kioskKeepsNoBackups()
{
    auto settings = TerminalSettings::createTemporary();
    QVERIFY(settings->setValue(TerminalSettings::Key::Kind, QStringLiteral("kiosk")).ok());
    QVERIFY(settings->setValue(TerminalSettings::Key::TerminalName, QStringLiteral("kiosk-1")).ok());
    TestDatabase t;
    QVERIFY(t.ok());
    OperationsRuntime runtime(t.db(), *settings);
    QVERIFY(!runtime.dailyBackup());
    runtime.start();
    QCOMPARE(t.count(QStringLiteral("terminals"), QStringLiteral("name = 'kiosk-1' AND kind = 'kiosk'")), 1);
}

CAMPDESK_DB_TEST_MAIN(TestOperations)
#include "tst_operations.moc"
