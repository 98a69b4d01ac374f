// A large table without loading it (issue 17), on both databases: the CSV export streamed from the database (every
// row the table's filter matches, in its order, written a page at a time by key on a worker with its own
// connection; cancel leaves no file; text round-trips), and a refresh that re-reads what is visible, not every row
// ever fetched.
#include "core/csv.h"
#include "core/eventbus.h"
#include "itemmodels/csvexport.h"
#include "itemmodels/customertablemodel.h"
#include "testdatabase.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <ctime>

using namespace campdesk;
using namespace campdesk::test;

namespace {
const int customers = 130;

// The name of customer i: Korean, emoji, quotes, commas, a line break and a formula-looking one among plain ones.
QString nameOf(int i)
{
    switch (i % 7) {
    case 0:
        return QStringLiteral("김민지 %1").arg(i);
    case 1:
        return QStringLiteral("Kim, \"Jay\" %1").arg(i);
    case 2:
        return QStringLiteral("🏕️ Camper %1").arg(i);
    case 3:
        return QStringLiteral("Line\nbreak %1").arg(i);
    case 4:
        return QStringLiteral("=SUM(A1) %1").arg(i);
    default:
        return QStringLiteral("Guest %1").arg(i, 3, 10, QLatin1Char('0'));
    }
}

// A small RFC 4180 reader: rows of fields, CRLF between records, quotes doubled inside quoted fields.
QList<QStringList> parseCsv(const QString& text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            row << field;
            field.clear();
        } else if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n')) {
            row << field;
            field.clear();
            rows << row;
            row.clear();
            ++i;
        } else {
            field += c;
        }
    }
    return rows;
}

QString readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    const QByteArray bytes = file.readAll();
    return bytes.startsWith("\xEF\xBB\xBF") ? QString::fromUtf8(bytes.mid(3)) : QStringLiteral("(no BOM)");
}

// What the table shows, as CSV lines: every row loaded through the model itself.
QList<QStringList> expectedRows(PagedQueryModel& model)
{
    while (model.canFetchMore(QModelIndex()))
        model.fetchMore(QModelIndex());
    QList<QStringList> rows;
    QStringList header;
    for (int column = 0; column < model.columnCount(); ++column)
        header << model.headerData(column, Qt::Horizontal).toString();
    rows << header;
    for (int row = 0; row < model.rowCount(); ++row) {
        QStringList fields;
        for (int column = 0; column < model.columnCount(); ++column) {
            QString text
                = PagedQueryModel::csvText(model.kindOf(column), model.rawValue(row, column),
                                           model.index(row, column).data(PagedQueryModel::StatusDomainRole).toString());
            // The reader gives back the text as written: formulas defused with a leading '.
            fields << parseCsv(csvField(text) + QStringLiteral("\r\n")).value(0).value(0);
        }
        rows << fields;
    }
    return rows;
}
} // namespace

class TestCsvExport : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void everyRowInTheTablesOrderAPageAtATime();
    void theTablesFilterAndSort();
    void textRoundTrips();
    void localTimesAsIsoInEveryZone();
    void cancelMidwayLeavesNoFile();
    void runsOnAWorkerWithItsOwnConnection();
    void refreshRereadsWhatIsVisible();

private:
    std::unique_ptr<EventBus> m_bus;
    std::unique_ptr<TestDatabase> m_t;
    QTemporaryDir m_dir;
};

void TestCsvExport::init()
{
    m_bus = std::make_unique<EventBus>();
    Database::Options options;
    options.bus = m_bus.get();
    m_t = std::make_unique<TestDatabase>(options);
    QVERIFY2(m_t->ok(), qPrintable(m_t->errorMessage()));
    const Status seeded = m_t->db().write([&](Transaction& tx) -> Status {
        const qint64 now = tx.nowMs();
        for (int i = 0; i < customers; ++i) {
            tx.exec(QStringLiteral("INSERT INTO customers (name, phone, email, language, created_at, updated_at) "
                                   "VALUES (?, ?, ?, ?, ?, ?)"),
                    { nameOf(i), QStringLiteral("010%1").arg(20000000 + i), QStringLiteral("g%1@example.com").arg(i),
                      i % 2 ? QStringLiteral("ko") : QStringLiteral("en"), now + i * 1000, now + i * 1000 });
        }
        tx.exec(QStringLiteral("INSERT INTO mileage_ledger (customer_id, delta, reason, source_id, created_at) "
                               "VALUES (3, 12500, 'adjust', 'a-1', ?)"),
                { now });
        return {};
    });
    QVERIFY2(seeded.ok(), qPrintable(seeded.error().message));
    for (const QString& name : QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden))
        QFile::remove(m_dir.filePath(name));
}

void TestCsvExport::cleanup()
{
    CsvExport::setPageHookForTesting(nullptr);
    m_t.reset();
    m_bus.reset();
}

void TestCsvExport::everyRowInTheTablesOrderAPageAtATime()
{
    CustomerTableModel model(m_t->db(), m_bus.get());
    model.setPageSize(10);
    model.reload();
    QCOMPARE(model.rowCount(), 10);

    // Count the statements: on SQLite pages of 25 by key, never OFFSET; on PostgreSQL one streamed query.
    QStringList statements;
    m_t->db().setStatementObserver([&](const QString& sql, const QVariantList&) { statements << sql; });
    const std::atomic_bool cancelled { false };
    QList<qint64> progress;
    QString error;
    const QString path = m_dir.filePath(QStringLiteral("customers.csv"));
    QCOMPARE(CsvExport::write(
                 m_t->db(), model.query(), path, cancelled, [&](qint64 rows) { progress << rows; }, &error, 25),
             CsvExport::Outcome::Written);
    m_t->db().setStatementObserver(nullptr);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(progress, (QList<qint64> { 25, 50, 75, 100, 125, 130 }));
    QStringList pages = statements.filter(QStringLiteral("FROM customers"));
    if (currentBackend() == Backend::Postgres) {
        // One query, its rows streamed: no LIMIT, no OFFSET, no second statement.
        QCOMPARE(pages.size(), 1);
        QVERIFY2(!pages.first().contains(QLatin1String("LIMIT"), Qt::CaseInsensitive), qPrintable(pages.first()));
        QVERIFY2(!pages.first().contains(QLatin1String("OFFSET"), Qt::CaseInsensitive), qPrintable(pages.first()));
    } else {
        QCOMPARE(pages.size(), 6);
        for (const QString& sql : pages) {
            QVERIFY2(!sql.contains(QLatin1String("OFFSET"), Qt::CaseInsensitive), qPrintable(sql));
            QVERIFY2(sql.contains(QLatin1String("LIMIT 25")), qPrintable(sql));
        }
        QVERIFY(pages.at(1).contains(QLatin1String("c.name > ?")));
    }
    QCOMPARE(model.rowCount(), 10); // the table never loaded every row to export

    const QList<QStringList> rows = parseCsv(readFile(path));
    QCOMPARE(rows.size(), customers + 1);
    QCOMPARE(rows, expectedRows(model));
    QCOMPARE(rows.at(0).at(CustomerTableModel::Name), QStringLiteral("Name"));
    QCOMPARE(QFile(path).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
}

void TestCsvExport::theTablesFilterAndSort()
{
    CustomerTableModel model(m_t->db(), m_bus.get());
    model.setText(QStringLiteral("김민지"));
    model.sort(CustomerTableModel::Created, Qt::DescendingOrder);
    const std::atomic_bool cancelled { false };
    QString error;
    const QString path = m_dir.filePath(QStringLiteral("filtered.csv"));
    QCOMPARE(CsvExport::write(m_t->db(), model.query(), path, cancelled, {}, &error, 4), CsvExport::Outcome::Written);
    const QList<QStringList> rows = parseCsv(readFile(path));
    QCOMPARE(rows.size(), 1 + (customers + 6) / 7); // i % 7 == 0
    QCOMPARE(rows, expectedRows(model));
    // Newest first, as the table shows them.
    QCOMPARE(rows.at(1).at(CustomerTableModel::Name), nameOf(126));
    QCOMPARE(rows.last().at(CustomerTableModel::Name), nameOf(0));
}

void TestCsvExport::textRoundTrips()
{
    CustomerTableModel model(m_t->db(), m_bus.get());
    const std::atomic_bool cancelled { false };
    QString error;
    const QString path = m_dir.filePath(QStringLiteral("text.csv"));
    QCOMPARE(CsvExport::write(m_t->db(), model.query(), path, cancelled, {}, &error, 50), CsvExport::Outcome::Written);
    const QList<QStringList> rows = parseCsv(readFile(path));
    QCOMPARE(rows.size(), customers + 1);
    QSet<QString> names;
    QHash<QString, QStringList> byName;
    for (int row = 1; row < rows.size(); ++row) {
        QCOMPARE(rows.at(row).size(), int(CustomerTableModel::ColumnCount));
        names.insert(rows.at(row).at(CustomerTableModel::Name));
        byName.insert(rows.at(row).at(CustomerTableModel::Name), rows.at(row));
    }
    for (int i = 0; i < customers; ++i) {
        const QString expected = i % 7 == 4 ? QLatin1Char('\'') + nameOf(i) : nameOf(i); // formulas defused
        QVERIFY2(names.contains(expected), qPrintable(expected));
    }
    // Plain numbers, ISO date-times, the phone and language as the table shows them.
    const QStringList third = byName.value(nameOf(2));
    QCOMPARE(third.at(CustomerTableModel::Points), QStringLiteral("12500"));
    QCOMPARE(third.at(CustomerTableModel::Phone), QStringLiteral("010-2000-0002"));
    QVERIFY2(QDateTime::fromString(third.at(CustomerTableModel::Created), Qt::ISODate).isValid(),
             qPrintable(third.at(CustomerTableModel::Created)));
    QCOMPARE(byName.value(nameOf(1)).at(CustomerTableModel::Points), QStringLiteral("0"));
}

void TestCsvExport::localTimesAsIsoInEveryZone()
{
    // csvText keeps the zone's offset for a quarter-hour: across daylight saving it must still say what
    // toLocalTime() says, in both directions.
    const QByteArray oldTz = qgetenv("TZ");
    for (const char* zone : { "Asia/Seoul", "America/New_York", "Australia/Lord_Howe", "UTC" }) {
        qputenv("TZ", zone);
        tzset();
        const qint64 start = QDateTime(QDate(2026, 3, 8), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        for (qint64 ms = start; ms < start + 36 * 3600 * 1000LL; ms += 7 * 60 * 1000 + 13) {
            for (const qint64 at : { ms, ms + 211 * 24 * 3600 * 1000LL, ms - 130 * 24 * 3600 * 1000LL }) {
                const QString expected = QDateTime::fromMSecsSinceEpoch(at).toLocalTime().toString(Qt::ISODate);
                QCOMPARE(PagedQueryModel::csvText(CellKind::DateTime, at), expected);
            }
        }
    }
    if (oldTz.isNull())
        qunsetenv("TZ");
    else
        qputenv("TZ", oldTz);
    tzset();
}

void TestCsvExport::cancelMidwayLeavesNoFile()
{
    CustomerTableModel model(m_t->db(), m_bus.get());
    std::atomic_bool cancelled { false };
    QString error;
    const QString path = m_dir.filePath(QStringLiteral("cancelled.csv"));
    int pages = 0;
    QCOMPARE(CsvExport::write(
                 m_t->db(), model.query(), path, cancelled,
                 [&](qint64) {
                     if (++pages == 2)
                         cancelled = true;
                 },
                 &error, 20),
             CsvExport::Outcome::Cancelled);
    QCOMPARE(pages, 2);
    QVERIFY(!QFile::exists(path));
    QVERIFY2(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty(),
             qPrintable(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden).join(QLatin1Char(' '))));

    // An export over an existing file that is cancelled leaves the old file as it was.
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old");
    }
    cancelled = false;
    pages = 0;
    QCOMPARE(CsvExport::write(
                 m_t->db(), model.query(), path, cancelled,
                 [&](qint64) {
                     if (++pages == 1)
                         cancelled = true;
                 },
                 &error, 20),
             CsvExport::Outcome::Cancelled);
    QFile old(path);
    QVERIFY(old.open(QIODevice::ReadOnly));
    QCOMPARE(old.readAll(), QByteArray("old"));
}

void TestCsvExport::runsOnAWorkerWithItsOwnConnection()
{
    CustomerTableModel model(m_t->db(), m_bus.get());
    model.setPageSize(5);
    model.reload();
    const QString path = m_dir.filePath(QStringLiteral("worker.csv"));

    // The GUI thread's connection runs nothing while the worker exports.
    int mainStatements = 0;
    m_t->db().setStatementObserver([&](const QString&, const QVariantList&) { ++mainStatements; });
    CsvExport job(model);
    job.setPageRows(30);
    QSignalSpy progress(&job, &CsvExport::progress);
    QSignalSpy finished(&job, &CsvExport::finished);
    job.start(path);
    QVERIFY(finished.wait(10000) || finished.size() == 1);
    m_t->db().setStatementObserver(nullptr);
    QCOMPARE(job.outcome(), CsvExport::Outcome::Written);
    QCOMPARE(mainStatements, 0);
    QCOMPARE(job.rowsWritten(), qint64(customers));
    QCOMPARE(progress.size(), 5); // 30, 60, 90, 120, 130
    QCOMPARE(progress.last().at(0).toLongLong(), qint64(customers));
    QCOMPARE(parseCsv(readFile(path)), expectedRows(model));

    // Cancel from the GUI thread while the worker is between pages: no file.
    const QString cancelledPath = m_dir.filePath(QStringLiteral("worker-cancelled.csv"));
    QSemaphore firstPage;
    QSemaphore goOn;
    CsvExport::setPageHookForTesting([&](qint64) {
        firstPage.release();
        goOn.acquire();
    });
    CsvExport second(model);
    second.setPageRows(30);
    QSignalSpy secondFinished(&second, &CsvExport::finished);
    second.start(cancelledPath);
    QVERIFY(firstPage.tryAcquire(1, 10000));
    second.cancel();
    goOn.release(10);
    QVERIFY(secondFinished.wait(10000) || secondFinished.size() == 1);
    QCOMPARE(second.outcome(), CsvExport::Outcome::Cancelled);
    QVERIFY(!QFile::exists(cancelledPath));
}

void TestCsvExport::refreshRereadsWhatIsVisible()
{
    CustomerTableModel model(m_t->db(), m_bus.get());
    model.setPageSize(10);
    model.reload();
    while (model.canFetchMore(QModelIndex()))
        model.fetchMore(QModelIndex());
    QCOMPARE(model.rowCount(), customers);
    model.setVisibleRows(0, 14); // a view shows the first 15 rows

    // Another terminal adds a customer who sorts first.
    const Status added = m_t->db().write([&](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("INSERT INTO customers (name, phone, created_at, updated_at) VALUES "
                               "('0 First', '01099990000', ?, ?)"),
                { tx.nowMs(), tx.nowMs() });
        return {};
    });
    QVERIFY2(added.ok(), qPrintable(added.error().message));

    QStringList statements;
    qint64 rowsAsked = 0;
    m_t->db().setStatementObserver([&](const QString& sql, const QVariantList&) {
        statements << sql;
        const QRegularExpressionMatch limit = QRegularExpression(QStringLiteral("LIMIT (\\d+)$")).match(sql);
        if (limit.hasMatch())
            rowsAsked += limit.captured(1).toLongLong();
    });
    QVERIFY(model.refresh());
    m_t->db().setStatementObserver(nullptr);
    QCOMPARE(statements.filter(QStringLiteral("FROM customers")).size(), 1);
    QCOMPARE(rowsAsked, 25); // the 15 visible and a page beyond, not the 130 loaded
    QCOMPARE(model.rowCount(), 25);
    QCOMPARE(model.index(0, CustomerTableModel::Name).data().toString(), QStringLiteral("0 First"));
    QVERIFY(model.canFetchMore(QModelIndex()));

    // Scrolling on loads the rest again, after the last row kept: none twice, none missing.
    while (model.canFetchMore(QModelIndex()))
        model.fetchMore(QModelIndex());
    QCOMPARE(model.rowCount(), customers + 1);
    QSet<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.insert(model.idAt(row));
    QCOMPARE(ids.size(), customers + 1);
}

CAMPDESK_DB_TEST_MAIN(TestCsvExport)
#include "tst_csvexport.moc"
