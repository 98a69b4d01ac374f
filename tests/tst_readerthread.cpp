// ReaderThread: reads off the caller's thread, one after another, through a connection kept between reads on
// PostgreSQL (the rack's page reads through it) and a fresh one per read on SQLite.
#include "db/readerthread.h"
#include "testdatabase.h"

#include <QTest>
#include <QThread>

using namespace campdesk;
using namespace campdesk::test;

namespace {

template<typename T> Result<T> wait(QFuture<Result<T>> future)
{
    future.waitForFinished();
    return future.result();
}

// Which connection served a read: the server process on PostgreSQL, the connection's name on SQLite.
Result<QString> whoReads(Database& db)
{
    if (db.driver() == SqlDriver::Postgres)
        return db.read([](SqlSession& s) -> Result<QString> {
            return s.scalar(QStringLiteral("SELECT pg_backend_pid()")).toString();
        });
    return db.connection().connectionName();
}

} // namespace

class TestReaderThread : public QObject
{
    Q_OBJECT

private slots:
    void readsOffTheCallersThreadOneAfterAnother();
    void keepsItsConnectionOnPostgresOnly();
    void aDroppedConnectionIsReplacedWithoutAFailedRead();
    void aFailedReadGivesItsErrorAndTheNextReadsAgain();
    void closesItsConnectionWhenDestroyed();
    void connectsAheadOnPostgresForItsFirstRead();
};

void TestReaderThread::readsOffTheCallersThreadOneAfterAnother()
{
    TestDatabase db;
    QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
    ReaderThread reader(db.db(), QStringLiteral("-test"), Database::FileReads::Copied);
    QList<QFuture<Result<qint64>>> reads;
    QAtomicInt running;
    QAtomicInt overlapped;
    for (int i = 0; i < 4; ++i) {
        reads.append(reader.read<qint64>([&](Database& own) -> Result<qint64> {
            if (running.fetchAndAddOrdered(1) != 0)
                overlapped.storeRelease(1);
            QThread::msleep(20);
            const qint64 sites = own.read([](SqlSession& s) -> Result<qint64> {
                                        return s.scalar(QStringLiteral("SELECT count(*) FROM campsites")).toLongLong();
                                    })
                                     .value();
            running.fetchAndSubOrdered(1);
            return sites;
        }));
    }
    QThread* readerThread = nullptr;
    for (QFuture<Result<qint64>>& read : reads) {
        const Result<qint64> done = wait(read);
        QVERIFY2(done.ok(), qPrintable(done.error().message));
        QCOMPARE(done.value(), db.count(QStringLiteral("campsites")));
    }
    QVERIFY2(overlapped.loadAcquire() == 0, "two reads of one reader ran at once");
    const Result<qint64> where = wait(reader.read<qint64>([&](Database&) -> Result<qint64> {
        readerThread = QThread::currentThread();
        return 0;
    }));
    QVERIFY(where.ok());
    QVERIFY(readerThread != nullptr);
    QVERIFY(readerThread != QThread::currentThread());
}

void TestReaderThread::keepsItsConnectionOnPostgresOnly()
{
    TestDatabase db;
    QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
    ReaderThread reader(db.db(), QStringLiteral("-test"), Database::FileReads::Copied);
    const Result<QString> first = wait(reader.read<QString>(whoReads));
    const Result<QString> second = wait(reader.read<QString>(whoReads));
    QVERIFY2(first.ok() && second.ok(), qPrintable(first.ok() ? second.error().message : first.error().message));
    QVERIFY(!first.value().isEmpty());
    if (currentBackend() == Backend::Postgres)
        QCOMPARE(second.value(), first.value()); // the same server process
    else
        QVERIFY(second.value() != first.value()); // a replaced file (a restored backup) is the one read
}

void TestReaderThread::aDroppedConnectionIsReplacedWithoutAFailedRead()
{
    if (currentBackend() != Backend::Postgres)
        QSKIP("SQLite keeps no connection between reads");
    TestDatabase db;
    QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
    ReaderThread reader(db.db(), QStringLiteral("-test"), Database::FileReads::Copied);
    const Result<QString> before = wait(reader.read<QString>(whoReads));
    QVERIFY2(before.ok(), qPrintable(before.error().message));
    // As a server restart or an administrator would: the kept connection's server process ends.
    const Result<bool> ended = db->read([&](SqlSession& s) -> Result<bool> {
        return s.scalar(QStringLiteral("SELECT pg_terminate_backend(?)"), { before.value().toInt() }).toBool();
    });
    QVERIFY(ended.ok() && ended.value());
    const Result<QString> after = wait(reader.read<QString>(whoReads));
    QVERIFY2(after.ok(), qPrintable(after.error().message));
    QVERIFY(after.value() != before.value());
}

void TestReaderThread::aFailedReadGivesItsErrorAndTheNextReadsAgain()
{
    TestDatabase db;
    QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
    ReaderThread reader(db.db(), QStringLiteral("-test"), Database::FileReads::Copied);
    int attempts = 0;
    const Result<QString> failed = wait(reader.read<QString>([&](Database& own) -> Result<QString> {
        ++attempts;
        return own.read([](SqlSession& s) -> Result<QString> {
            return s.scalar(QStringLiteral("SELECT name FROM no_such_table")).toString();
        });
    }));
    QVERIFY(!failed.ok());
    QVERIFY(!failed.error().message.isEmpty());
    QCOMPARE(attempts, 1); // a fresh connection's failure is the read's own: not run again
    const Result<QString> next = wait(reader.read<QString>(whoReads));
    QVERIFY2(next.ok(), qPrintable(next.error().message));
}

void TestReaderThread::closesItsConnectionWhenDestroyed()
{
    if (currentBackend() != Backend::Postgres)
        QSKIP("SQLite keeps no connection between reads");
    TestDatabase db;
    QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
    QString pid;
    {
        ReaderThread reader(db.db(), QStringLiteral("-test"), Database::FileReads::Copied);
        const Result<QString> read = wait(reader.read<QString>(whoReads));
        QVERIFY2(read.ok(), qPrintable(read.error().message));
        pid = read.value();
    }
    const auto stillThere = [&] {
        return db
            ->read([&](SqlSession& s) -> Result<qint64> {
                return s.scalar(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE pid = ?"), { pid.toInt() })
                    .toLongLong();
            })
            .value();
    };
    QTRY_COMPARE(stillThere(), qint64(0));
}

// A page built at login connects its reader then; its first read, when it is shown, goes through that connection.
void TestReaderThread::connectsAheadOnPostgresForItsFirstRead()
{
    TestDatabase db;
    QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
    ReaderThread reader(db.db(), QStringLiteral("-test"), Database::FileReads::Copied);
    if (currentBackend() != Backend::Postgres) {
        reader.connectAhead(); // nothing to keep on SQLite: reads as before
        const Result<QString> read = wait(reader.read<QString>(whoReads));
        QVERIFY2(read.ok(), qPrintable(read.error().message));
        return;
    }
    const auto serverProcesses = [&] {
        return db
            ->read([](SqlSession& s) -> Result<QStringList> {
                SqlRows q = s.exec(QStringLiteral("SELECT pid FROM pg_stat_activity WHERE datname = "
                                                  "current_database() AND pid <> pg_backend_pid() ORDER BY pid"));
                QStringList pids;
                while (q.next())
                    pids << q.value(0).toString();
                return pids;
            })
            .value();
    };
    const QStringList before = serverProcesses();
    reader.connectAhead();
    QTRY_COMPARE(serverProcesses().size(), before.size() + 1);
    QStringList ahead = serverProcesses();
    for (const QString& pid : before)
        ahead.removeOne(pid);
    QCOMPARE(ahead.size(), 1);
    const Result<QString> first = wait(reader.read<QString>(whoReads));
    QVERIFY2(first.ok(), qPrintable(first.error().message));
    QCOMPARE(first.value(), ahead.first());
}

CAMPDESK_DB_TEST_MAIN(TestReaderThread)
#include "tst_readerthread.moc"
