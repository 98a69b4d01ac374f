// The database layer on both drivers: migrations, transactions, events after commit, busy retries, bad files.
#include "core/eventbus.h"
#include "core/heap.h"
#include "db/migrations.h"
#include "db/sqldates.h"
#include "testdatabase.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <atomic>
#include <cstdlib>
#include <malloc.h>
#include <thread>

using namespace campdesk;
using namespace campdesk::test;

class TestDatabaseLayer : public QObject
{
    Q_OBJECT
private slots:
    void freshDatabaseHasTheWholeSchema();
    void newerSchemaIsRefused();
    void reopeningAppliesNothingTwice();
    void failedWriteLeavesNoEvent();
    void eventsArePublishedOnlyAfterCommit();
    void eventsRecordedTogetherKeepTheirOrder();
    void freedHeapIsKeptForReuse();
    void busyDatabaseIsRetried();
    void uniqueViolationIsAConflict();
    void koreanEmojiAndSqlTextRoundTrip();
    void unreachableDatabaseGivesAClearError();
    void networkShareIsRefused();
    void damagedFileGivesAClearError();
    void droppedServerConnectionIsReopened();
    void keptStatementsRunWithEachCallsValues();
    void keptStatementsSurviveADroppedConnection();
    void sameStatementOpenTwiceAtOnce();
    void keptStatementWorksAfterAFailedRun();
    void manyDifferentStatementsStayCorrect();
    void statementThatCannotBePreparedStillRuns();
    void nestedWriteIsASavepoint();
    void shortLivedConnectionsCopyWhatTheyRead();
    void storedDatesReadBackExactly();
};

// dateFromSql reads the stored form by hand: every date of a year and each kind of text that is not a date.
void TestDatabaseLayer::storedDatesReadBackExactly()
{
    for (QDate day(2024, 1, 1); day <= QDate(2024, 12, 31); day = day.addDays(1))
        QCOMPARE(dateFromSql(sqlDate(day)), day);
    QCOMPARE(dateFromSql(QStringLiteral("0001-01-01")), QDate(1, 1, 1));
    QCOMPARE(dateFromSql(QStringLiteral("9999-12-31")), QDate(9999, 12, 31));
    for (const char* notADate : { "", "2026-02-30", "2026-13-01", "2026-00-10", "2026-1-5", "2026-01-0x",
                                  "２０２６-01-05", "-026-01-05", "NULL" })
        QVERIFY2(!dateFromSql(QString::fromUtf8(notADate)).isValid(), notADate);
    QVERIFY(!dateFromSql(QVariant()).isValid());
    // Any other form is read as Qt reads ISO dates, as before.
    for (const QString& other : { QStringLiteral("2026/01/05"), QStringLiteral("2026-01-05T00:00") })
        QCOMPARE(dateFromSql(other), QDate::fromString(other, Qt::ISODate));
}

void TestDatabaseLayer::freshDatabaseHasTheWholeSchema()
{
    TestDatabase t;
    QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
    Result<int> version = t->schemaVersion();
    CAMPDESK_VERIFY_OK(version);
    QCOMPARE(version.value(), Database::latestSchemaVersion());
    for (const char* table : { "users", "settings", "campsites", "customers", "reservations", "reservation_nights",
                               "payments", "mileage_ledger", "reviews", "domain_events", "notifications",
                               "campsite_status", "daily_stats", "audit_log", "terminals" }) {
        QCOMPARE(t.count(QString::fromLatin1(table)), 0);
    }
}

void TestDatabaseLayer::newerSchemaIsRefused()
{
    TestDatabase t;
    QVERIFY(t.ok());
    Status bumped = t->write([](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)"),
                { Database::latestSchemaVersion() + 1, QStringLiteral("from the future"), tx.nowMs() });
        return {};
    });
    CAMPDESK_VERIFY_OK(bumped);

    for (bool migrate : { true, false }) {
        Database::Options options;
        options.migrate = migrate;
        Result<std::unique_ptr<Database>> reopened = Database::open(t.spec(), options);
        QVERIFY(!reopened.ok());
        QVERIFY2(reopened.error().message.contains(QLatin1String("newer Campdesk")),
                 qPrintable(reopened.error().message));
    }
}

void TestDatabaseLayer::reopeningAppliesNothingTwice()
{
    TestDatabase t;
    QVERIFY(t.ok());
    const qint64 applied = t.count(QStringLiteral("schema_migrations"));
    QCOMPARE(applied, qint64(migrations().size()));
    Result<std::unique_ptr<Database>> again = Database::open(t.spec());
    CAMPDESK_VERIFY_OK(again);
    QCOMPARE(t.count(QStringLiteral("schema_migrations")), applied);
}

void TestDatabaseLayer::nestedWriteIsASavepoint()
{
    EventBus bus;
    Database::Options options;
    options.bus = &bus;
    TestDatabase t(options);
    QVERIFY(t.ok());
    QSignalSpy spy(&bus, &EventBus::published);
    auto insertSetting = [](Transaction& tx, const QString& key) {
        tx.recordEvent(EventType::SettingsChanged, QStringLiteral("settings"), 0, { { QStringLiteral("key"), key } });
        tx.exec(QStringLiteral("INSERT INTO settings (key, value, updated_at) VALUES (?, 'v', 0)"), { key });
    };
    bool innerCallbackRan = false;
    bool innerConflictSeen = false;
    Status status = t->write([&](Transaction& tx) -> Status {
        insertSetting(tx, QStringLiteral("outer"));
        // An inner write that returns an error: its row, event and after-commit work are undone.
        Status refused = t->write([&](Transaction& inner) -> Status {
            insertSetting(inner, QStringLiteral("refused"));
            inner.afterCommit([&] { innerCallbackRan = true; });
            return invalidInput(QStringLiteral("no"));
        });
        if (refused.ok())
            return invalidInput(QStringLiteral("the inner error was lost"));
        // An inner write whose statement fails (a duplicate key): the outer transaction stays usable.
        try {
            (void)t->write([&](Transaction& inner) -> Status { // throws: the duplicate is a DbError
                insertSetting(inner, QStringLiteral("outer"));
                return {};
            });
        } catch (const DbError& error) {
            innerConflictSeen = error.kind() == DbError::Kind::Unique;
        }
        // An inner write that succeeds is kept.
        Status kept = t->write([&](Transaction& inner) -> Status {
            insertSetting(inner, QStringLiteral("kept"));
            return {};
        });
        if (!kept.ok())
            return kept;
        insertSetting(tx, QStringLiteral("after"));
        return {};
    });
    CAMPDESK_VERIFY_OK(status);
    QVERIFY(innerConflictSeen);
    QVERIFY(!innerCallbackRan);
    QCOMPARE(t.count(QStringLiteral("settings"), QStringLiteral("key IN ('outer', 'kept', 'after')")), 3);
    QCOMPARE(t.count(QStringLiteral("settings"), QStringLiteral("key = 'refused'")), 0);
    QCOMPARE(t.count(QStringLiteral("domain_events")), 3);
    QCOMPARE(spy.count(), 3);
}

void TestDatabaseLayer::failedWriteLeavesNoEvent()
{
    EventBus bus;
    Database::Options options;
    options.bus = &bus;
    TestDatabase t(options);
    QVERIFY(t.ok());
    QSignalSpy spy(&bus, &EventBus::published);

    Status failed = t->write([](Transaction& tx) -> Status {
        tx.recordEvent(EventType::SettingsChanged, QStringLiteral("settings"), 0, { { QStringLiteral("k"), 1 } });
        tx.exec(QStringLiteral("INSERT INTO settings (key, value, updated_at) VALUES ('a', 'b', 0)"));
        return invalidInput(QStringLiteral("rejected after the writes"));
    });
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().message, QStringLiteral("rejected after the writes"));
    QCOMPARE(t.count(QStringLiteral("domain_events")), 0);
    QCOMPARE(t.count(QStringLiteral("settings")), 0);
    QCOMPARE(spy.count(), 0);

    // A statement that fails midway (NOT NULL) rolls back the event written before it, too.
    Status broken = t->write([](Transaction& tx) -> Status {
        tx.recordEvent(EventType::SettingsChanged, QStringLiteral("settings"), 0);
        tx.exec(QStringLiteral("INSERT INTO settings (key, value, updated_at) VALUES ('a', NULL, 0)"));
        return {};
    });
    QVERIFY(!broken.ok());
    QCOMPARE(t.count(QStringLiteral("domain_events")), 0);
    QCOMPARE(spy.count(), 0);
}

void TestDatabaseLayer::eventsArePublishedOnlyAfterCommit()
{
    EventBus bus;
    Database::Options options;
    options.bus = &bus;
    options.terminal = QStringLiteral("desk-1");
    TestDatabase t(options);
    QVERIFY(t.ok());
    std::unique_ptr<Database> observer = t.openAnother();
    QVERIFY(observer);

    qint64 visibleToOthers = -1;
    DomainEvent received;
    connect(&bus, &EventBus::settingsChanged, this, [&](const DomainEvent& event) {
        received = event;
        // Another connection sees the row: the transaction has committed.
        Result<qint64> n = observer->read([&](SqlSession& s) -> Result<qint64> {
            return s.scalar(QStringLiteral("SELECT count(*) FROM domain_events WHERE id = ?"), { event.id })
                .toLongLong();
        });
        visibleToOthers = n.ok() ? n.value() : -2;
    });
    bool afterCommitRan = false;
    bool publishedBeforeCommit = false;
    Status status = t->write([&](Transaction& tx) -> Status {
        tx.recordEvent(EventType::SettingsChanged, QStringLiteral("settings"), 7,
                       { { QStringLiteral("key"), QStringLiteral("x") } });
        tx.afterCommit([&] { afterCommitRan = true; });
        publishedBeforeCommit = visibleToOthers != -1;
        return {};
    });
    CAMPDESK_VERIFY_OK(status);
    QVERIFY(afterCommitRan);
    QVERIFY(!publishedBeforeCommit);
    QCOMPARE(visibleToOthers, 1);
    QCOMPARE(received.type, EventType::SettingsChanged);
    QCOMPARE(received.aggregateId, 7);
    QCOMPARE(received.origin, QStringLiteral("desk-1"));
    QCOMPARE(received.payload.value(QStringLiteral("key")).toString(), QStringLiteral("x"));
    QVERIFY(received.id > 0);
}

// Transaction::recordEvents writes several events in one statement: each id must be its own event's, in order, and
// the events are published in that order after commit.
void TestDatabaseLayer::eventsRecordedTogetherKeepTheirOrder()
{
    EventBus bus;
    Database::Options options;
    options.bus = &bus;
    TestDatabase t(options);
    QVERIFY(t.ok());
    QList<qint64> published;
    connect(&bus, &EventBus::settingsChanged, this, [&](const DomainEvent& event) { published << event.aggregateId; });
    std::vector<qint64> first;
    std::vector<qint64> second;
    qint64 single = 0;
    Status status = t->write([&](Transaction& tx) -> Status {
        single = tx.recordEvent(EventType::SettingsChanged, QStringLiteral("settings"), 1);
        first = tx.recordEvents(
            { { EventType::SettingsChanged, QStringLiteral("settings"), 2, { { QStringLiteral("n"), 2 } } },
              { EventType::SettingsChanged, QStringLiteral("settings"), 3, { { QStringLiteral("n"), 3 } } },
              { EventType::SettingsChanged, QStringLiteral("settings"), 4, { { QStringLiteral("n"), 4 } } } });
        second = tx.recordEvents(
            { { EventType::SettingsChanged, QStringLiteral("settings"), 5, { { QStringLiteral("n"), 5 } } },
              { EventType::SettingsChanged, QStringLiteral("settings"), 6, { { QStringLiteral("n"), 6 } } } });
        if (tx.events().size() != 6)
            return Error(ErrorCode::Database, QStringLiteral("%1 events kept").arg(tx.events().size()));
        return {};
    });
    CAMPDESK_VERIFY_OK(status);
    QCOMPARE(first.size(), size_t(3));
    QCOMPARE(second.size(), size_t(2));
    const QList<qint64> ids { single, first[0], first[1], first[2], second[0], second[1] };
    // Each id is the row written with that event's values.
    Result<QList<qint64>> stored = t->read([&](SqlSession& s) -> Result<QList<qint64>> {
        QList<qint64> aggregates;
        for (const qint64 id : ids)
            aggregates
                << s.scalar(QStringLiteral("SELECT aggregate_id FROM domain_events WHERE id = ?"), { id }).toLongLong();
        return aggregates;
    });
    CAMPDESK_VERIFY_OK(stored);
    QCOMPARE(stored.value(), (QList<qint64> { 1, 2, 3, 4, 5, 6 }));
    QCOMPARE(published, (QList<qint64> { 1, 2, 3, 4, 5, 6 }));
    QVERIFY(std::is_sorted(ids.begin(), ids.end()));
}

// Every main() calls keepFreedHeapForReuse() (core/heap.h): what a statement frees stays with the process for the
// next one rather than going back to the kernel (glibc's default gives back anything over 128 KiB).
void TestDatabaseLayer::freedHeapIsKeptForReuse()
{
    keepFreedHeapForReuse();
    std::vector<void*> blocks;
    for (int i = 0; i < 64; ++i) // 16 MiB in blocks the size of a sort's page cache
        blocks.push_back(std::malloc(256 * 1024));
    for (auto it = blocks.rbegin(); it != blocks.rend(); ++it)
        std::free(*it);
    const size_t kept = mallinfo2().keepcost; // free space at the top of the heap, not given back
    QVERIFY2(kept >= 8 * 1024 * 1024, qPrintable(QStringLiteral("%1 bytes kept").arg(kept)));
}

void TestDatabaseLayer::busyDatabaseIsRetried()
{
    TestDatabase t;
    QVERIFY(t.ok());
    CAMPDESK_VERIFY_OK(t->write([](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("INSERT INTO settings (key, value, updated_at) VALUES ('counter', '0', 0)"));
        return {};
    }));

    // Another connection, on its own thread, holds a write transaction on the same row for a while.
    std::atomic<bool> holding { false };
    std::atomic<bool> otherOk { false };
    const QString spec = t.spec();
    std::thread other([&] {
        Database::Options options;
        options.migrate = false;
        Result<std::unique_ptr<Database>> db = Database::open(spec, options);
        if (!db.ok())
            return;
        Status status = db.value()->write([&](Transaction& tx) -> Status {
            tx.exec(QStringLiteral("UPDATE settings SET value = '1' WHERE key = 'counter'"));
            holding = true;
            std::this_thread::sleep_for(std::chrono::milliseconds(400));
            return {};
        });
        otherOk = status.ok();
    });
    while (!holding)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));

    Status mine = t->write([](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("UPDATE settings SET value = value || '2' WHERE key = 'counter'"));
        return {};
    });
    other.join();
    CAMPDESK_VERIFY_OK(mine);
    QVERIFY(otherOk);
    Result<QString> value = t->read([](SqlSession& s) -> Result<QString> {
        return s.scalar(QStringLiteral("SELECT value FROM settings WHERE key = 'counter'")).toString();
    });
    CAMPDESK_VERIFY_OK(value);
    QCOMPARE(value.value(), QStringLiteral("12")); // waited for the other writer, then applied on top
}

void TestDatabaseLayer::uniqueViolationIsAConflict()
{
    TestDatabase t;
    QVERIFY(t.ok());
    auto insert = [&] {
        return t->write([](Transaction& tx) -> Status {
            tx.exec(QStringLiteral("INSERT INTO settings (key, value, updated_at) VALUES ('dup', 'x', 0)"));
            return {};
        });
    };
    CAMPDESK_VERIFY_OK(insert());
    Status second = insert();
    QVERIFY(!second.ok());
    QCOMPARE(second.error().code, ErrorCode::Conflict);
    QCOMPARE(t.count(QStringLiteral("settings")), 1);
}

void TestDatabaseLayer::koreanEmojiAndSqlTextRoundTrip()
{
    TestDatabase t;
    QVERIFY(t.ok());
    const QString text = QStringLiteral("솔밭 캠핑장 🏕️ '; DROP TABLE settings; -- \"x\" \\ %_");
    CAMPDESK_VERIFY_OK(t->write([&](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 0)"), { text, text });
        return {};
    }));
    Result<QString> back = t->read([&](SqlSession& s) -> Result<QString> {
        return s.scalar(QStringLiteral("SELECT value FROM settings WHERE key = ?"), { text }).toString();
    });
    CAMPDESK_VERIFY_OK(back);
    QCOMPARE(back.value(), text);

    // Placeholders inside quoted text are text; values of every kind the services bind come back as written
    // (on PostgreSQL they are inlined by the driver's escaping, see SqlSession::exec).
    const QString tricky = QStringLiteral("it's ? $1 \\' \\\\ 캠프 😀");
    Result<QVariantList> row = t->read([&](SqlSession& s) -> Result<QVariantList> {
        SqlRows q = s.exec(QStringLiteral("SELECT 'why?', ?, ? + 1, ?, CASE WHEN ? IS NULL THEN 'null' END"),
                           { tricky, qint64(9007199254740000), QString(), QVariant() });
        if (!q.next())
            return Error { ErrorCode::Database, QStringLiteral("no row") };
        return QVariantList { q.value(0), q.value(1), q.value(2), q.value(3), q.value(4) };
    });
    CAMPDESK_VERIFY_OK(row);
    QCOMPARE(row.value().at(0).toString(), QStringLiteral("why?"));
    QCOMPARE(row.value().at(1).toString(), tricky);
    QCOMPARE(row.value().at(2).toLongLong(), qint64(9007199254740001));
    QCOMPARE(row.value().at(3).toString(), QString()); // a null QString is stored as empty text
    QCOMPARE(row.value().at(4).toString(), QStringLiteral("null"));
    // Too few or too many values is an error, never a statement run with a missing value.
    Status mismatch = t->read([&](SqlSession& s) -> Status {
        s.exec(QStringLiteral("SELECT ?, ?"), { 1 });
        return {};
    });
    QVERIFY(!mismatch.ok());
}

void TestDatabaseLayer::unreachableDatabaseGivesAClearError()
{
    QString spec;
    if (currentBackend() == Backend::Sqlite) {
        spec = QStringLiteral("/proc/campdesk-cannot-be-here/campdesk.db");
    } else {
        // A port nothing listens on (the test server's own port, plus one, is free in practice; verify it).
        spec = QStringLiteral("postgresql://postgres@127.0.0.1:1/campdesk");
    }
    Result<std::unique_ptr<Database>> db = Database::open(spec);
    QVERIFY(!db.ok());
    QVERIFY(!db.error().message.isEmpty());
    QVERIFY2(db.error().message.contains(currentBackend() == Backend::Sqlite ? QLatin1String("folder")
                                                                             : QLatin1String("PostgreSQL")),
             qPrintable(db.error().message));
}

void TestDatabaseLayer::networkShareIsRefused()
{
    if (currentBackend() == Backend::Postgres) {
        // PostgreSQL is the answer for network setups: no such refusal applies.
        QVERIFY(!Database::isNetworkFilesystem(0xEF53)); // ext4
        return;
    }
    QTemporaryDir dir;
    for (long nfsOrSmb : { 0x6969L, 0xFF534D42L, 0x517BL }) {
        Database::setFilesystemProbeForTesting([nfsOrSmb](const QString&) { return nfsOrSmb; });
        Result<std::unique_ptr<Database>> db = Database::open(dir.filePath(QStringLiteral("shared.db")));
        Database::setFilesystemProbeForTesting([](const QString&) { return 0xEF53L; });
        QVERIFY(!db.ok());
        QVERIFY2(db.error().message.contains(QLatin1String("PostgreSQL")), qPrintable(db.error().message));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("shared.db"))));
    }
    Result<std::unique_ptr<Database>> local = Database::open(dir.filePath(QStringLiteral("local.db")));
    CAMPDESK_VERIFY_OK(local);
}

void TestDatabaseLayer::shortLivedConnectionsCopyWhatTheyRead()
{
    // A worker's connection closes after one read; had it mapped the file, closing it would unmap every page the read
    // touched and hold the whole process (the window's thread too) for 100 ms and more on a million rows.
    TestDatabase t;
    QVERIFY(t.ok());
    const auto mapped = [](Database& db) {
        Result<qint64> size = db.read(
            [](SqlSession& s) -> Result<qint64> { return s.scalar(QStringLiteral("PRAGMA mmap_size")).toLongLong(); });
        return size.ok() ? size.value() : -1;
    };
    Result<std::unique_ptr<Database>> worker = t.db().openAnother(QStringLiteral("-worker"));
    CAMPDESK_VERIFY_OK(worker);
    Result<std::unique_ptr<Database>> narrow = t.db().openAnother(QStringLiteral("-rack"), Database::FileReads::Mapped);
    CAMPDESK_VERIFY_OK(narrow);
    if (currentBackend() == Backend::Postgres) {
        // The server has no such thing; the connections still read.
        QCOMPARE(mapped(*worker.value()), -1);
        QCOMPARE(mapped(*narrow.value()), -1);
        return;
    }
    QVERIFY(mapped(t.db()) > 1000000000); // the terminal's own connection lives as long as the terminal
    QCOMPARE(mapped(*worker.value()), 0);
    QVERIFY(mapped(*narrow.value()) > 1000000000);
}

void TestDatabaseLayer::damagedFileGivesAClearError()
{
    if (currentBackend() == Backend::Postgres) {
        // The PostgreSQL counterpart: a database URL that is not one.
        Result<std::unique_ptr<Database>> db = Database::open(QStringLiteral("postgresql://nohost"));
        QVERIFY(!db.ok());
        QVERIFY2(db.error().message.contains(QLatin1String("postgresql://")), qPrintable(db.error().message));
        return;
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("damaged.db"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(8192, 'x'));
    file.close();
    Result<std::unique_ptr<Database>> db = Database::open(path);
    QVERIFY(!db.ok());
    QVERIFY2(db.error().message.contains(QLatin1String("damaged")), qPrintable(db.error().message));
}

namespace {

const QString insertSetting = QStringLiteral("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)");
const QString selectSetting = QStringLiteral("SELECT value, updated_at FROM settings WHERE key = ?");

Status putSetting(Database& db, const QString& key, const QString& value, qint64 at = 0)
{
    return db.write([&](Transaction& tx) -> Status {
        tx.exec(insertSetting, { key, value, at });
        return {};
    });
}

// Ends t's connection from outside: on PostgreSQL another session terminates it (as an administrator or a server
// restart would); SQLite has no server, so its handle is closed and opened again under t, which finalizes every
// statement of the connection, kept ones included.
bool dropConnection(TestDatabase& t)
{
    if (currentBackend() == Backend::Sqlite) {
        t->connection().close();
        return t->connection().open();
    }
    std::unique_ptr<Database> other = t.openAnother();
    if (!other)
        return false;
    Result<qint64> pid = t->read([](SqlSession& s) -> Result<qint64> {
        return s.scalar(QStringLiteral("SELECT pg_backend_pid()")).toLongLong();
    });
    return pid.ok()
        && other
               ->write([&](Transaction& tx) -> Status {
                   tx.exec(QStringLiteral("SELECT pg_terminate_backend(?)"), { pid.value() });
                   return {};
               })
               .ok();
}

} // namespace

void TestDatabaseLayer::droppedServerConnectionIsReopened()
{
    TestDatabase t;
    QVERIFY(t.ok());
    QVERIFY(dropConnection(t));
    Status written = t->write([](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("INSERT INTO settings (key, value, updated_at) VALUES ('after-drop', 'x', 0)"));
        return {};
    });
    CAMPDESK_VERIFY_OK(written);
    QCOMPARE(t.count(QStringLiteral("settings"), QStringLiteral("key = 'after-drop'")), 1);
}

void TestDatabaseLayer::keptStatementsSurviveADroppedConnection()
{
    TestDatabase t;
    QVERIFY(t.ok());
    // Kept (prepared) from their second run.
    for (int i = 0; i < 3; ++i)
        CAMPDESK_VERIFY_OK(putSetting(t.db(), QStringLiteral("before-%1").arg(i), QStringLiteral("x")));
    QVERIFY(dropConnection(t));
    CAMPDESK_VERIFY_OK(putSetting(t.db(), QStringLiteral("after"), QStringLiteral("y")));
    Result<QString> value = t->read([](SqlSession& s) -> Result<QString> {
        return s.scalar(selectSetting, { QStringLiteral("after") }).toString();
    });
    CAMPDESK_VERIFY_OK(value);
    QCOMPARE(value.value(), QStringLiteral("y"));
    QCOMPARE(t.count(QStringLiteral("settings"), QStringLiteral("key LIKE 'before-%' OR key = 'after'")), 4);
}

void TestDatabaseLayer::keptStatementsRunWithEachCallsValues()
{
    TestDatabase t;
    QVERIFY(t.ok());
    // The same two statements, many times: from the second run they are prepared once and kept.
    for (int i = 0; i < 40; ++i)
        CAMPDESK_VERIFY_OK(
            putSetting(t.db(), QStringLiteral("k%1").arg(i), QStringLiteral("값 %1 '🏕️'").arg(i), i));
    Result<QStringList> back = t->read([](SqlSession& s) -> Result<QStringList> {
        QStringList out;
        for (int i = 39; i >= 0; --i) {
            SqlRows q = s.exec(selectSetting, { QStringLiteral("k%1").arg(i) });
            if (!q.next() || q.value(1).toLongLong() != i)
                return Error { ErrorCode::Database, QStringLiteral("row %1 missing").arg(i) };
            out << q.value(0).toString();
            if (q.next())
                return Error { ErrorCode::Database, QStringLiteral("row %1 twice").arg(i) };
        }
        // A key that is not there gives no row, not the previous run's row.
        if (s.exec(selectSetting, { QStringLiteral("nope") }).next())
            return Error { ErrorCode::Database, QStringLiteral("a row for a missing key") };
        return out;
    });
    CAMPDESK_VERIFY_OK(back);
    QVERIFY2(t->keptStatementCount() >= 2, "the INSERT and the SELECT are kept");
    QCOMPARE(back.value().size(), 40);
    QCOMPARE(back.value().first(), QStringLiteral("값 39 '🏕️'"));
    QCOMPARE(back.value().last(), QStringLiteral("값 0 '🏕️'"));
    // NULL and a null QString in a kept statement: NULL, and empty text.
    Result<QVariantList> nulls = t->read([](SqlSession& s) -> Result<QVariantList> {
        QVariantList out;
        for (const QVariant& value : { QVariant(QStringLiteral("x")), QVariant(), QVariant(QString()) }) {
            out << s.scalar(QStringLiteral("SELECT CASE WHEN CAST(? AS TEXT) IS NULL THEN 'null' "
                                           "ELSE 'text:' || CAST(? AS TEXT) END"),
                            { value, value });
        }
        return out;
    });
    CAMPDESK_VERIFY_OK(nulls);
    QCOMPARE(nulls.value(),
             (QVariantList { QStringLiteral("text:x"), QStringLiteral("null"), QStringLiteral("text:") }));
}

void TestDatabaseLayer::sameStatementOpenTwiceAtOnce()
{
    TestDatabase t;
    QVERIFY(t.ok());
    for (int i = 0; i < 3; ++i)
        CAMPDESK_VERIFY_OK(putSetting(t.db(), QStringLiteral("n%1").arg(i), QString::number(i)));
    // While one run of a statement is still open, the same statement runs for another value (PostgreSQL keeps
    // one result a connection: the first row of the outer run is read before the inner one starts).
    Result<QStringList> pairs = t->read([](SqlSession& s) -> Result<QStringList> {
        const QString all = QStringLiteral("SELECT key FROM settings WHERE key LIKE ? ORDER BY key");
        QStringList out;
        for (int round = 0; round < 3; ++round) {
            SqlRows outer = s.exec(all, { QStringLiteral("n%") });
            if (!outer.next())
                return Error { ErrorCode::Database, QStringLiteral("no outer row") };
            const QString first = outer.value(0).toString();
            SqlRows inner = s.exec(all, { QStringLiteral("n%1").arg(round) });
            while (inner.next())
                out << first + QLatin1Char('/') + inner.value(0).toString();
        }
        return out;
    });
    CAMPDESK_VERIFY_OK(pairs);
    QCOMPARE(pairs.value(),
             (QStringList { QStringLiteral("n0/n0"), QStringLiteral("n0/n1"), QStringLiteral("n0/n2") }));
}

void TestDatabaseLayer::keptStatementWorksAfterAFailedRun()
{
    TestDatabase t;
    QVERIFY(t.ok());
    CAMPDESK_VERIFY_OK(putSetting(t.db(), QStringLiteral("a"), QStringLiteral("1")));
    CAMPDESK_VERIFY_OK(putSetting(t.db(), QStringLiteral("b"), QStringLiteral("2")));
    // The kept INSERT meets a duplicate key: a conflict, nothing written ...
    Status duplicate = putSetting(t.db(), QStringLiteral("a"), QStringLiteral("again"));
    QVERIFY(!duplicate.ok());
    QCOMPARE(duplicate.error().code, ErrorCode::Conflict);
    // ... and the same statement works for the next caller.
    CAMPDESK_VERIFY_OK(putSetting(t.db(), QStringLiteral("c"), QStringLiteral("3")));
    QCOMPARE(t.count(QStringLiteral("settings"), QStringLiteral("key IN ('a', 'b', 'c')")), 3);
    QCOMPARE(t.count(QStringLiteral("settings"), QStringLiteral("value = 'again'")), 0);
}

void TestDatabaseLayer::manyDifferentStatementsStayCorrect()
{
    TestDatabase t;
    QVERIFY(t.ok());
    // More different statements than a connection keeps: the least recently used ones make room.
    Result<qint64> sum = t->read([](SqlSession& s) -> Result<qint64> {
        qint64 total = 0;
        for (int round = 0; round < 3; ++round) {
            for (int i = 0; i < 450; ++i) {
                const qint64 value
                    = s.scalar(QStringLiteral("SELECT CAST(? AS BIGINT) + %1").arg(i), { qint64(round) }).toLongLong();
                if (value != i + round)
                    return Error { ErrorCode::Database,
                                   QStringLiteral("%1 + %2 gave %3").arg(i).arg(round).arg(value) };
                total += value;
            }
        }
        return total;
    });
    CAMPDESK_VERIFY_OK(sum);
    QCOMPARE(sum.value(), qint64(3 * (449 * 450 / 2) + 450 * 3));
    QVERIFY2(t->keptStatementCount() > 100, "most statements are kept");
    QVERIFY2(t->keptStatementCount() <= 200, "but no more than the limit");
}

void TestDatabaseLayer::statementThatCannotBePreparedStillRuns()
{
    TestDatabase t;
    QVERIFY(t.ok());
    // PostgreSQL cannot tell the type of "? IS NULL" and refuses to prepare it; the statement then runs with its
    // value written in, and the transaction it aborted runs again: its writes still happen exactly once.
    int runs = 0;
    Result<QList<int>> answers = t->write([&](Transaction& tx) -> Result<QList<int>> {
        ++runs;
        tx.exec(insertSetting, { QStringLiteral("once"), QStringLiteral("x"), 0 });
        QList<int> out;
        for (const QVariant& value : { QVariant(QStringLiteral("a")), QVariant(), QVariant(QStringLiteral("b")) })
            out << tx.scalar(QStringLiteral("SELECT CASE WHEN ? IS NULL THEN 1 ELSE 0 END"), { value }).toInt();
        return out;
    });
    CAMPDESK_VERIFY_OK(answers);
    QCOMPARE(answers.value(), (QList<int> { 0, 1, 0 }));
    QCOMPARE(t.count(QStringLiteral("settings"), QStringLiteral("key = 'once'")), 1);
    QCOMPARE(runs, currentBackend() == Backend::Postgres ? 2 : 1);
    // From now on it runs unprepared at once, without another attempt.
    runs = 0;
    CAMPDESK_VERIFY_OK(t->read([&](SqlSession& s) -> Status {
        ++runs;
        for (int i = 0; i < 3; ++i)
            s.scalar(QStringLiteral("SELECT CASE WHEN ? IS NULL THEN 1 ELSE 0 END"), { i });
        return {};
    }));
    QCOMPARE(runs, 1);
}

CAMPDESK_DB_TEST_MAIN(TestDatabaseLayer)
#include "tst_database.moc"
