// The reservations table on a generated 1,000,000-row SQLite database: the first rows show at once, scrolling
// loads further pages, and sorting and filtering stay quick because the database does them a page at a time.
// Prints each timing.
#include "datatableview.h"
#include "db/database.h"
#include "itemmodels/reservationtablemodel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace campdesk;

class TestMillionRows : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void opensAtOnceAndScrolls();
    void sortsAndFiltersOnTheServer();
    void cleanupTestCase();

private:
    qint64 measure(const char* what, const std::function<void()>& action);
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
};

qint64 TestMillionRows::measure(const char* what, const std::function<void()>& action)
{
    QElapsedTimer timer;
    timer.start();
    action();
    const qint64 ms = timer.elapsed();
    qInfo("%-48s %6lld ms", what, ms);
    return ms;
}

void TestMillionRows::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto opened = Database::open(m_dir.filePath(QStringLiteral("million.db")));
    QVERIFY2(opened.ok(), qPrintable(opened.error().message));
    m_db = std::move(opened.value());
    // A bigger page cache for the one big insert: its six indexes otherwise spill to disk over and over.
    QSqlQuery(m_db->connection()).exec(QStringLiteral("PRAGMA cache_size = -262144"));
    measure("generate 1,000,000 reservations", [&] {
        Status status = m_db->write([](Transaction& tx) -> Status {
            tx.exec(QStringLiteral(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) "
                "INSERT INTO campsites (code, name, kind, max_guests, nightly_price, created_at, updated_at) "
                "SELECT printf('S-%02d', i), 'Site ' || i, 'tent', 4, 40000, 0, 0 FROM n"));
            tx.exec(QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) "
                                   "INSERT INTO customers (name, phone, created_at, updated_at) "
                                   "SELECT '손님 ' || i, printf('010%08d', i), 0, 0 FROM n"));
            tx.exec(QStringLiteral(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000) "
                "INSERT INTO reservations (code, campsite_id, customer_id, check_in, check_out, guests, status, "
                "amount, channel, order_id, created_at, updated_at) "
                "SELECT printf('CD-%07d', i), 1 + i % 50, 1 + i % 5000, date('2020-01-01', '+' || (i % 2900) || "
                "' days'), date('2020-01-01', '+' || (i % 2900 + 1 + i % 3) || ' days'), 2, "
                "CASE i % 10 WHEN 0 THEN 'cancelled' WHEN 1 THEN 'checked_out' WHEN 2 THEN 'held' "
                "ELSE 'confirmed' END, 40000 * (1 + i % 3), 'desk', 'o' || i, 1700000000000 + i * 1000, "
                "1700000000000 + i * 1000 FROM n"));
            return {};
        });
        QVERIFY2(status.ok(), qPrintable(status.error().message));
    });
}

void TestMillionRows::opensAtOnceAndScrolls()
{
    ReservationTableModel* model = nullptr;
    DataTableView view;
    view.resize(1200, 700);
    const qint64 firstRows = measure("time to first rows (model + view shown)", [&] {
        model = new ReservationTableModel(*m_db, nullptr, &view);
        view.setPagedModel(model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
    });
    QVERIFY(model->rowCount() > 0);
    QCOMPARE(model->index(0, ReservationTableModel::Code).data().toString(), QStringLiteral("CD-1000000"));
    QVERIFY2(firstRows < 3000, "the first rows must show without freezing the window");

    // Scrolling to the end of what is loaded asks for the next page, as a user dragging the scroll bar would.
    const qint64 scrolled = measure("scroll to the bottom 20 times (fetchMore)", [&] {
        for (int i = 0; i < 20; ++i) {
            view.scrollToBottom();
            QCoreApplication::processEvents();
        }
    });
    QVERIFY(model->rowCount() >= 20 * model->pageSize());
    QVERIFY2(scrolled < 5000, "each further page must load quickly");
    // Nothing held shows, however deep we go.
    for (int row = 0; row < model->rowCount(); ++row)
        QVERIFY(model->rawValue(row, ReservationTableModel::Status).toString() != QLatin1String("held"));
}

void TestMillionRows::sortsAndFiltersOnTheServer()
{
    ReservationTableModel model(*m_db, nullptr);
    const qint64 byCheckIn
        = measure("sort by check-in", [&] { model.sort(ReservationTableModel::CheckIn, Qt::AscendingOrder); });
    QCOMPARE(model.rawValue(0, ReservationTableModel::CheckIn).toString(), QStringLiteral("2020-01-01"));
    QVERIFY2(byCheckIn < 3000, "sorting by check-in must use the index");
    const qint64 deep = measure("50 further pages by check-in (keyset)", [&] {
        for (int i = 0; i < 50; ++i)
            model.fetchMore(QModelIndex());
    });
    QVERIFY(deep < 5000);
    QVERIFY(model.rawValue(model.rowCount() - 1, ReservationTableModel::CheckIn).toString()
            >= model.rawValue(0, ReservationTableModel::CheckIn).toString());

    const qint64 byCode = measure("find one booking code", [&] { model.setText(QStringLiteral("cd-0424243")); });
    QCOMPARE(model.rowCount(), 1);
    QVERIFY2(byCode < 2000, "a booking code is found through its index");
    const qint64 byPhone
        = measure("find by a phone number as typed", [&] { model.setText(QStringLiteral("010-0000-4242")); });
    QVERIFY(model.rowCount() > 0);
    QCOMPARE(model.index(0, ReservationTableModel::Guest).data().toString(), QStringLiteral("손님 4242"));
    QVERIFY2(byPhone < 2000, "a guest is found through the customers table");
    const qint64 byStatus = measure("cancelled only, newest first", [&] {
        model.setText(QString());
        model.setStatus(QStringLiteral("cancelled"));
        model.sort(ReservationTableModel::Created, Qt::DescendingOrder);
    });
    QCOMPARE(model.rawValue(0, ReservationTableModel::Status).toString(), QStringLiteral("cancelled"));
    QVERIFY(byStatus < 3000);
}

void TestMillionRows::cleanupTestCase()
{
    m_db.reset();
}

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    TestMillionRows test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_millionrows.moc"
