// Backups: an online backup taken while another connection keeps writing is a consistent snapshot and restores
// to the same rows; damaged or newer backups are refused without touching the database; the daily backup keeps the
// newest few; the command line does the same.
#include "builtprograms.h"
#include "ops/backupservice.h"
#include "ops/dailybackup.h"
#include "sampledata.h"
#include "testdatabase.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <atomic>
#include <thread>

using namespace campdesk;
using namespace campdesk::test;

class TestBackup : public QObject
{
    Q_OBJECT
private slots:
    void cleanup() { BackupService::setPostgresToolsFolderForTesting(QString()); }
    void backupDuringWritesRestoresAConsistentSnapshot();
    void damagedBackupIsRefused();
    void newerBackupIsRefused();
    void dailyBackupOncePerDayKeepsTheNewest();
    void missingPgDumpIsAClearMessage();
    void commandLineBackupAndRestore();
};

namespace {

// A restore target of the current backend that no open connection holds: a SQLite file in dir, or a new
// PostgreSQL database (kept alive by holder).
QString restoreTarget(QTemporaryDir& dir, std::unique_ptr<TestDatabase>& holder)
{
    if (currentBackend() == Backend::Sqlite) {
        const QString path = dir.filePath(QStringLiteral("target.db"));
        Result<std::unique_ptr<Database>> db = Database::open(path);
        if (db.ok()) {
            (void)db.value()->write([](Transaction& tx) -> Status {
                insertSampleRows(tx, 100, 1); // what was there before the restore
                return {};
            });
        }
        return path;
    }
    holder = std::make_unique<TestDatabase>();
    return holder->spec();
}

QString backupName(QTemporaryDir& dir)
{
    return dir.filePath(currentBackend() == Backend::Sqlite ? QStringLiteral("backup.db")
                                                            : QStringLiteral("backup.dump"));
}

QStringList snapshot(const QString& spec)
{
    Database::Options options;
    options.migrate = false;
    Result<std::unique_ptr<Database>> db = Database::open(spec, options);
    if (!db.ok())
        return { QStringLiteral("cannot open: ") + db.error().message };
    Result<QStringList> rows
        = db.value()->read([](SqlSession& s) -> Result<QStringList> { return snapshotSampleTables(s); });
    return rows.ok() ? rows.value() : QStringList { rows.error().message };
}

} // namespace

void TestBackup::backupDuringWritesRestoresAConsistentSnapshot()
{
    TestDatabase t;
    QVERIFY(t.ok());
    CAMPDESK_VERIFY_OK(t->write([](Transaction& tx) -> Status {
        insertSampleRows(tx, 1, 20);
        return {};
    }));

    // A second connection, on its own thread, writes pairs of rows (a setting and its audit row) in one
    // transaction each, as fast as it can, until told to stop.
    std::atomic<bool> stop { false };
    std::atomic<int> committed { 0 };
    std::atomic<bool> writerFailed { false };
    const QString spec = t.spec();
    std::thread writer([&] {
        Database::Options options;
        options.migrate = false;
        options.terminal = QStringLiteral("writer");
        Result<std::unique_ptr<Database>> db = Database::open(spec, options);
        if (!db.ok()) {
            writerFailed = true;
            return;
        }
        for (int i = 1; !stop; ++i) {
            Status status = db.value()->write([&](Transaction& tx) -> Status {
                const QString key = QStringLiteral("w-%1").arg(i, 6, 10, QLatin1Char('0'));
                tx.exec(QStringLiteral("INSERT INTO settings (key, value, updated_at) VALUES (?, 'x', 0)"), { key });
                tx.exec(QStringLiteral("INSERT INTO audit_log (at, actor, role, action, target) VALUES (0, 'writer', "
                                       "'manager', 'writer', ?)"),
                        { key });
                return {};
            });
            if (!status.ok()) {
                writerFailed = true;
                return;
            }
            committed = i;
        }
    });
    QTRY_VERIFY_WITH_TIMEOUT(committed >= 30 || writerFailed, 20000);
    const int before = committed;
    QTemporaryDir dir;
    const QString file = backupName(dir);
    const Status backedUp = BackupService::backup(t.db(), file);
    const int after = committed;
    QTRY_VERIFY_WITH_TIMEOUT(committed >= after + 10 || writerFailed, 20000); // writes went on after the backup
    stop = true;
    writer.join();
    QVERIFY(!writerFailed);
    CAMPDESK_VERIFY_OK(backedUp);
    QVERIFY2(after > before || committed > after, "the writer made no progress around the backup");

    Result<BackupService::BackupInfo> info = BackupService::inspect(file);
    CAMPDESK_VERIFY_OK(info);
    QCOMPARE(info.value().schemaVersion, Database::latestSchemaVersion());

    QTemporaryDir targetDir;
    std::unique_ptr<TestDatabase> holder;
    const QString target = restoreTarget(targetDir, holder);
    Result<QString> restored = BackupService::restore(file, target);
    CAMPDESK_VERIFY_OK(restored);

    // The restored database is a snapshot: writer rows w-1 .. w-k with no gap, each with its audit row, and k
    // between what had committed when the backup started and when it ended.
    Result<std::unique_ptr<Database>> db = Database::open(target);
    CAMPDESK_VERIFY_OK(db);
    Result<QList<qint64>> counts = db.value()->read([](SqlSession& s) -> Result<QList<qint64>> {
        return QList<qint64> {
            s.scalar(QStringLiteral("SELECT count(*) FROM settings WHERE key LIKE 'w-%'")).toLongLong(),
            s.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'writer'")).toLongLong(),
            s.scalar(QStringLiteral("SELECT MAX(key) FROM settings WHERE key LIKE 'w-%'"))
                .toString()
                .mid(2)
                .toLongLong()
        };
    });
    CAMPDESK_VERIFY_OK(counts);
    const qint64 k = counts.value().at(0);
    QCOMPARE(counts.value().at(1), k);
    QCOMPARE(counts.value().at(2), k);
    QVERIFY2(k >= before && k <= after,
             qPrintable(QStringLiteral("k=%1 before=%2 after=%3").arg(k).arg(before).arg(after)));

    // Content: the restored rows are the source's rows as of that snapshot.
    CAMPDESK_VERIFY_OK(t->write([&](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("DELETE FROM settings WHERE key LIKE 'w-%' AND key > ?"),
                { QStringLiteral("w-%1").arg(k, 6, 10, QLatin1Char('0')) });
        tx.exec(QStringLiteral("DELETE FROM audit_log WHERE action = 'writer' AND target > ?"),
                { QStringLiteral("w-%1").arg(k, 6, 10, QLatin1Char('0')) });
        return {};
    }));
    db.value().reset();
    const QStringList source = snapshot(t.spec());
    const QStringList copy = snapshot(target);
    QCOMPARE(copy.size(), source.size());
    QCOMPARE(copy, source);

    if (currentBackend() == Backend::Sqlite) {
        // The replaced database was kept aside, with its own rows.
        QCOMPARE(restored.value(), target + QStringLiteral(".before-restore"));
        const QStringList previous = snapshot(restored.value());
        QVERIFY(previous.contains(QStringLiteral("settings:sample.key100|값 100|1790000100000")));
        QCOMPARE(previous.filter(QStringLiteral("settings:")).size(), 1);
    }
}

void TestBackup::damagedBackupIsRefused()
{
    TestDatabase t;
    QVERIFY(t.ok());
    CAMPDESK_VERIFY_OK(t->write([](Transaction& tx) -> Status {
        insertSampleRows(tx, 1, 200);
        return {};
    }));
    QTemporaryDir dir;
    const QString file = backupName(dir);
    CAMPDESK_VERIFY_OK(BackupService::backup(t.db(), file));

    QFile input(file);
    QVERIFY(input.open(QIODevice::ReadOnly));
    const QByteArray good = input.readAll();
    input.close();
    QByteArray damaged = good;
    if (currentBackend() == Backend::Sqlite) {
        // Scribble over the b-tree pages after the first (page size 4096).
        for (qsizetype i = 4096; i < damaged.size() - 4096; i += 4096 * 3)
            std::fill(damaged.begin() + i, damaged.begin() + std::min(i + 2048, damaged.size()), char(0x5a));
    } else {
        damaged.truncate(damaged.size() / 3);
    }
    const QString broken = dir.filePath(QStringLiteral("broken"));
    QFile output(broken);
    QVERIFY(output.open(QIODevice::WriteOnly));
    output.write(damaged);
    output.close();

    QTemporaryDir targetDir;
    std::unique_ptr<TestDatabase> holder;
    const QString target = restoreTarget(targetDir, holder);
    const QStringList before = snapshot(target);
    Result<QString> restored = BackupService::restore(broken, target);
    QVERIFY(!restored.ok());
    QVERIFY2(restored.error().message.contains(QLatin1String("damaged"))
                 || restored.error().message.contains(QLatin1String("not a Campdesk backup")),
             qPrintable(restored.error().message));
    QCOMPARE(snapshot(target), before);
    QVERIFY(!QFile::exists(target + QStringLiteral(".before-restore")));

    // Not a backup at all.
    QFile text(dir.filePath(QStringLiteral("notes.txt")));
    QVERIFY(text.open(QIODevice::WriteOnly));
    text.write("hello");
    text.close();
    restored = BackupService::restore(text.fileName(), target);
    QVERIFY(!restored.ok());
    QVERIFY(restored.error().message.contains(QLatin1String("not a Campdesk backup")));
}

void TestBackup::newerBackupIsRefused()
{
    TestDatabase t;
    QVERIFY(t.ok());
    CAMPDESK_VERIFY_OK(markSchemaFromTheFuture(t.db()));
    QTemporaryDir dir;
    const QString file = backupName(dir);
    CAMPDESK_VERIFY_OK(BackupService::backup(t.db(), file));
    QTemporaryDir targetDir;
    std::unique_ptr<TestDatabase> holder;
    const QString target = restoreTarget(targetDir, holder);
    const QStringList before = snapshot(target);
    Result<QString> restored = BackupService::restore(file, target);
    QVERIFY(!restored.ok());
    QVERIFY2(restored.error().message.contains(QLatin1String("newer Campdesk")), qPrintable(restored.error().message));
    QCOMPARE(snapshot(target), before);
}

void TestBackup::dailyBackupOncePerDayKeepsTheNewest()
{
    ManualClock clock(QDateTime(QDate(2026, 7, 1), QTime(12, 0), Qt::UTC));
    Database::Options options;
    options.clock = &clock;
    TestDatabase t(options);
    QVERIFY(t.ok());
    QTemporaryDir dir;
    DailyBackup daily(t.db(), dir.filePath(QStringLiteral("backups")), 3);
    Result<QString> first = daily.runIfDue();
    CAMPDESK_VERIFY_OK(first);
    QCOMPARE(first.value(), daily.fileFor(clock.today()));
    QVERIFY(QFile::exists(first.value()));
    Result<QString> again = daily.runIfDue();
    CAMPDESK_VERIFY_OK(again);
    QCOMPARE(again.value(), QString()); // once a day
    for (int day = 1; day <= 5; ++day) {
        clock.advanceSecs(24 * 3600);
        CAMPDESK_VERIFY_OK(daily.runIfDue());
    }
    const QStringList kept = daily.existingBackups();
    QCOMPARE(kept.size(), 3);
    QCOMPARE(kept.first(), daily.fileFor(clock.today()));
    QCOMPARE(kept.last(), daily.fileFor(clock.today().addDays(-2)));
    CAMPDESK_VERIFY_OK(BackupService::inspect(kept.last()));

    // The app's path: the next day's backup on a worker thread with its own connection, pruned the same way.
    clock.advanceSecs(24 * 3600);
    QSignalSpy done(&daily, &DailyBackup::backedUp);
    daily.runInBackground();
    QVERIFY(done.wait(20000));
    QCOMPARE(done.first().first().toString(), daily.fileFor(clock.today()));
    CAMPDESK_VERIFY_OK(BackupService::inspect(daily.fileFor(clock.today())));
    QCOMPARE(daily.existingBackups().size(), 3);
    daily.runInBackground(); // already there: nothing starts
    QVERIFY(!done.wait(300));
}

void TestBackup::missingPgDumpIsAClearMessage()
{
    TestDatabase t;
    QVERIFY(t.ok());
    QTemporaryDir empty;
    BackupService::setPostgresToolsFolderForTesting(empty.path());
    QTemporaryDir dir;
    const Status status = BackupService::backup(t.db(), backupName(dir));
    if (currentBackend() == Backend::Postgres) {
        QVERIFY(!status.ok());
        QVERIFY2(status.error().message.contains(QLatin1String("pg_dump is not installed")),
                 qPrintable(status.error().message));
    } else {
        CAMPDESK_VERIFY_OK(status); // SQLite needs no outside tool
    }
}

void TestBackup::commandLineBackupAndRestore()
{
    TestDatabase t;
    QVERIFY(t.ok());
    CAMPDESK_VERIFY_OK(t->write([](Transaction& tx) -> Status {
        insertSampleRows(tx, 1, 3);
        return {};
    }));
    QTemporaryDir dir;
    const QString file = backupName(dir);
    const QString settings = dir.filePath(QStringLiteral("terminal.ini"));
    QProcess process;
    process.start(campdeskProgram(),
                  { QStringLiteral("--settings"), settings, QStringLiteral("--database"), t.spec(),
                    QStringLiteral("--backup"), file });
    QVERIFY(process.waitForFinished(60000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());

    QTemporaryDir targetDir;
    std::unique_ptr<TestDatabase> holder;
    const QString target = restoreTarget(targetDir, holder);
    process.start(campdeskProgram(),
                  { QStringLiteral("--settings"), settings, QStringLiteral("--database"), target,
                    QStringLiteral("--restore"), file });
    QVERIFY(process.waitForFinished(60000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    QCOMPARE(snapshot(target), snapshot(t.spec()));

    // A refused restore says why and exits 1.
    process.start(campdeskProgram(),
                  { QStringLiteral("--settings"), settings, QStringLiteral("--database"), target,
                    QStringLiteral("--restore"), dir.filePath(QStringLiteral("missing.db")) });
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 1);
    QVERIFY(process.readAllStandardError().contains("does not exist"));
}

CAMPDESK_DB_TEST_MAIN(TestBackup)
#include "tst_backup.moc"
