// ReservationTableModel (and the PagedQueryModel under it) on both databases: the item-model contract, lazy
// keyset paging in every sort order, the server-side filters, holds never shown, refresh in place.
#include "core/eventbus.h"
#include "globalpooloccupied.h"
#include "itemmodels/refreshgate.h"
#include "itemmodels/reservationtablemodel.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

namespace {
// Rows written straight into the tables, so the model is tested on its own.
void seed(Database& db, int reservations)
{
    Status status = db.write([&](Transaction& tx) -> Status {
        const qint64 now = tx.nowMs();
        for (int i = 1; i <= 3; ++i)
            tx.exec(QStringLiteral("INSERT INTO campsites (code, name, kind, max_guests, nightly_price, created_at, "
                                   "updated_at) VALUES (?, ?, 'tent', 4, 40000, ?, ?)"),
                    { QStringLiteral("A-%1").arg(i), QStringLiteral("Site %1").arg(i), now, now });
        const QStringList names { QStringLiteral("김민지"), QStringLiteral("Alice Park"), QStringLiteral("이서준") };
        for (int i = 1; i <= 3; ++i)
            tx.exec(QStringLiteral("INSERT INTO customers (name, phone, created_at, updated_at) VALUES (?, ?, ?, ?)"),
                    { names.at(i - 1), QStringLiteral("0101234000%1").arg(i), now, now });
        const QStringList statuses { QStringLiteral("confirmed"), QStringLiteral("cancelled"),
                                     QStringLiteral("checked_in"), QStringLiteral("held"), QStringLiteral("expired") };
        for (int i = 1; i <= reservations; ++i) {
            const QDate checkIn = QDate(2026, 12, 1).addDays(i % 20);
            tx.exec(QStringLiteral("INSERT INTO reservations (code, campsite_id, customer_id, check_in, check_out, "
                                   "guests, status, amount, channel, order_id, created_at, updated_at) "
                                   "VALUES (?, ?, ?, ?, ?, 2, ?, ?, 'desk', ?, ?, ?)"),
                    { QStringLiteral("CD-%1").arg(i, 6, 10, QLatin1Char('0')), (i % 3) + 1, (i % 3) + 1,
                      sqlDate(checkIn), sqlDate(checkIn.addDays(1 + i % 3)), statuses.at(i % 5),
                      qint64(40000 * (1 + i % 3)), QStringLiteral("order-%1").arg(i), now + i, now + i });
        }
        return {};
    });
    QVERIFY2(status.ok(), qPrintable(status.error().message));
}

QSet<QString> asSet(const QStringList& list)
{
    return QSet<QString>(list.begin(), list.end());
}

void fetchAll(QAbstractItemModel& model)
{
    while (model.canFetchMore(QModelIndex()))
        model.fetchMore(QModelIndex());
}

// A reservation written as another terminal would, with its event, so the model hears of it through the bus.
Status bookFromAnotherTerminal(Database& db, const QString& code, const QString& status, EventType event)
{
    return db.write([&](Transaction& tx) -> Status {
        const qint64 id = tx.insert(
            QStringLiteral("INSERT INTO reservations (code, campsite_id, customer_id, check_in, check_out, guests, "
                           "status, amount, channel, order_id, created_at, updated_at) VALUES (?, 1, 1, '2026-12-24', "
                           "'2026-12-26', 2, ?, 80000, 'desk', ?, 1, 1) RETURNING id"),
            { code, status, QStringLiteral("order-") + code });
        tx.recordEvent(event, QStringLiteral("reservation"), id);
        return {};
    });
}

QStringList columnValues(const QAbstractItemModel& model, int column, int role = Qt::DisplayRole)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values << model.index(row, column).data(role).toString();
    return values;
}
} // namespace

class TestReservationModel : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void passesTheItemModelTester();
    void pagesInEveryOrderMatchOneQuery();
    void holdsAndExpiredHoldsAreNeverShown();
    void filtersByStatusDatesAndText();
    void refreshUpdatesInPlaceWithoutReset();
    void eventsOnTheBusRefresh();
    void aClosedGateHoldsEventRefreshesUntilOpened();
    void aGuestSortWalksTheCustomersFirst();
    void readsOnAWorkerShowOnlyTheLatestOrder();
    void workerReadsNeverWaitForThePaintersPool();
    void askingForMoreTwiceWhileReadingReadsOnePage();

private:
    std::unique_ptr<EventBus> m_bus;
    std::unique_ptr<TestDatabase> m_t;
};

void TestReservationModel::init()
{
    m_bus = std::make_unique<EventBus>();
    Database::Options options;
    options.bus = m_bus.get();
    m_t = std::make_unique<TestDatabase>(options);
    QVERIFY2(m_t->ok(), qPrintable(m_t->errorMessage()));
}

void TestReservationModel::cleanup()
{
    m_t.reset();
    m_bus.reset();
}

void TestReservationModel::passesTheItemModelTester()
{
    seed(m_t->db(), 60);
    ReservationTableModel model(m_t->db(), m_bus.get());
    model.setPageSize(7);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fetchAll(model);
    QCOMPARE(model.rowCount(), 36); // 60 minus 12 held and 12 expired
    for (int column = 0; column < model.columnCount(); ++column)
        model.sort(column, column % 2 ? Qt::AscendingOrder : Qt::DescendingOrder);
    model.setText(QStringLiteral("alice"));
    model.setStatus(QStringLiteral("cancelled"));
    fetchAll(model);
    model.refresh();
}

void TestReservationModel::pagesInEveryOrderMatchOneQuery()
{
    seed(m_t->db(), 50);
    ReservationTableModel paged(m_t->db(), nullptr);
    paged.setPageSize(4);
    ReservationTableModel whole(m_t->db(), nullptr);
    whole.setPageSize(1000);
    for (int column = 0; column < paged.columnCount(); ++column) {
        if (!paged.isSortable(column)) {
            // A column without an index order leaves the rows (and the loaded pages) as they were.
            const int before = paged.rowCount();
            const int sortedBy = paged.sortColumn();
            paged.sort(column, Qt::AscendingOrder);
            QCOMPARE(paged.sortColumn(), sortedBy);
            QCOMPARE(paged.rowCount(), before);
            continue;
        }
        for (Qt::SortOrder order : { Qt::AscendingOrder, Qt::DescendingOrder }) {
            paged.sort(column, order);
            whole.sort(column, order);
            QCOMPARE(paged.rowCount(), 4);
            fetchAll(paged);
            QCOMPARE(paged.rowCount(), whole.rowCount());
            QCOMPARE(columnValues(paged, ReservationTableModel::Code),
                     columnValues(whole, ReservationTableModel::Code));
        }
    }
    // Sorted by check-in ascending, dates really ascend.
    paged.sort(ReservationTableModel::CheckIn, Qt::AscendingOrder);
    fetchAll(paged);
    const QStringList checkIns = columnValues(paged, ReservationTableModel::CheckIn, PagedQueryModel::RawRole);
    QStringList sorted = checkIns;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(checkIns, sorted);
}

void TestReservationModel::holdsAndExpiredHoldsAreNeverShown()
{
    seed(m_t->db(), 25);
    ReservationTableModel model(m_t->db(), nullptr);
    fetchAll(model);
    const QStringList statuses = columnValues(model, ReservationTableModel::Status, PagedQueryModel::RawRole);
    QVERIFY(!statuses.contains(QStringLiteral("held")));
    QVERIFY(!statuses.contains(QStringLiteral("expired")));
    QCOMPARE(model.rowCount(), 15);
    // The status column shows the translated name; the raw key stays available for delegates.
    const int row = int(statuses.indexOf(QStringLiteral("confirmed")));
    QVERIFY(row >= 0);
    QCOMPARE(model.index(row, ReservationTableModel::Status).data().toString(), QStringLiteral("Paid"));
}

void TestReservationModel::filtersByStatusDatesAndText()
{
    seed(m_t->db(), 40);
    ReservationTableModel model(m_t->db(), nullptr);
    model.setStatus(QStringLiteral("cancelled"));
    fetchAll(model);
    QCOMPARE(model.rowCount(), 8);
    QCOMPARE(asSet(columnValues(model, ReservationTableModel::Status, PagedQueryModel::RawRole)),
             QSet<QString> { QStringLiteral("cancelled") });

    model.setStatus(QString());
    model.setText(QStringLiteral("김민"));
    fetchAll(model);
    QVERIFY(model.rowCount() > 0);
    QCOMPARE(asSet(columnValues(model, ReservationTableModel::Guest)), QSet<QString> { QStringLiteral("김민지") });

    model.setText(QStringLiteral("010-1234-0002")); // a phone as typed, with dashes
    fetchAll(model);
    QVERIFY(model.rowCount() > 0);
    QCOMPARE(asSet(columnValues(model, ReservationTableModel::Guest)), QSet<QString> { QStringLiteral("Alice Park") });

    model.setText(QStringLiteral("cd-000012"));
    fetchAll(model);
    QCOMPARE(columnValues(model, ReservationTableModel::Code), QStringList { QStringLiteral("CD-000012") });

    model.setText(QStringLiteral("cd-00001"));
    fetchAll(model);
    QCOMPARE(model.rowCount(), 6); // CD-000010..19 but the holds and expired holds (13, 14, 18, 19)
    // Only "CD-" and one more character: every code starts so, and at a million bookings the screen would sort them
    // all. Such a prefix finds nothing by code (a guest's name or phone still counts).
    for (const QString& common :
         { QStringLiteral("CD-"), QStringLiteral("cd"), QStringLiteral("C"), QStringLiteral("CD-0") }) {
        model.setText(common);
        fetchAll(model);
        QCOMPARE(model.rowCount(), 0);
    }

    model.setText(QStringLiteral("%"));
    fetchAll(model);
    QCOMPARE(model.rowCount(), 0); // typed wildcards are literal

    // Stays overlapping 2026-12-05: check-in on or before it and check-out after it.
    model.setText(QString());
    model.setDateRange(QDate(2026, 12, 5), QDate(2026, 12, 5));
    fetchAll(model);
    QVERIFY(model.rowCount() > 0);
    for (int row = 0; row < model.rowCount(); ++row) {
        QVERIFY(dateFromSql(model.rawValue(row, ReservationTableModel::CheckIn)) <= QDate(2026, 12, 5));
        QVERIFY(dateFromSql(model.rawValue(row, ReservationTableModel::CheckOut)) > QDate(2026, 12, 5));
    }
}

void TestReservationModel::refreshUpdatesInPlaceWithoutReset()
{
    seed(m_t->db(), 20);
    ReservationTableModel model(m_t->db(), nullptr);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fetchAll(model);
    const int before = model.rowCount();
    const qint64 watchedId = model.idAt(before - 1);
    QPersistentModelIndex watched(model.index(before - 1, 0));

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    const qint64 changedId = model.idAt(2);
    const qint64 goneId = model.idAt(4);
    Status status = m_t->db().write([&](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("UPDATE reservations SET guests = 5 WHERE id = ?"), { changedId });
        tx.exec(QStringLiteral("UPDATE reservations SET status = 'expired' WHERE id = ?"), { goneId });
        tx.exec(QStringLiteral("INSERT INTO reservations (code, campsite_id, customer_id, check_in, check_out, "
                               "guests, status, amount, channel, order_id, created_at, updated_at) VALUES "
                               "('CD-NEW001', 1, 1, '2026-12-24', '2026-12-26', 2, 'confirmed', 80000, 'desk', "
                               "'order-new', ?, ?)"),
                { tx.nowMs() + 1000000, tx.nowMs() + 1000000 });
        return {};
    });
    CAMPDESK_VERIFY_OK(status);
    QVERIFY(model.refresh());

    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(removed.count(), 1);
    QVERIFY(changed.count() >= 1);
    QCOMPARE(model.rowCount(), before);
    QCOMPARE(model.index(0, ReservationTableModel::Code).data().toString(), QStringLiteral("CD-NEW001"));
    QCOMPARE(model.rawValue(model.rowOfId(changedId), ReservationTableModel::Guests).toInt(), 5);
    QCOMPARE(model.rowOfId(goneId), -1);
    // A persistent index (what a selection holds) still points at the same reservation.
    QVERIFY(watched.isValid());
    QCOMPARE(model.idAt(watched.row()), watchedId);
}

void TestReservationModel::eventsOnTheBusRefresh()
{
    seed(m_t->db(), 5);
    ReservationTableModel model(m_t->db(), m_bus.get());
    fetchAll(model);
    const int before = model.rowCount();
    QSignalSpy refreshed(&model, &PagedQueryModel::refreshed);
    Status status = m_t->db().write([&](Transaction& tx) -> Status {
        const qint64 id = tx.insert(QStringLiteral(
            "INSERT INTO reservations (code, campsite_id, customer_id, check_in, check_out, guests, status, amount, "
            "channel, order_id, created_at, updated_at) VALUES ('CD-BUS001', 1, 1, '2026-12-24', '2026-12-26', 2, "
            "'confirmed', 80000, 'desk', 'order-bus', 1, 1) RETURNING id"));
        tx.recordEvent(EventType::ReservationConfirmed, QStringLiteral("reservation"), id);
        tx.recordEvent(EventType::MileageSaved, QStringLiteral("customer"), 1);
        return {};
    });
    CAMPDESK_VERIFY_OK(status);
    QTRY_COMPARE(refreshed.count(), 1); // two events, one coalesced refresh
    QCOMPARE(model.rowCount(), before + 1);
}

// A hidden page closes its model's gate: another terminal's events cost it nothing until it is shown, and then
// one refresh brings it up to date.
void TestReservationModel::aClosedGateHoldsEventRefreshesUntilOpened()
{
    seed(m_t->db(), 5);
    ReservationTableModel model(m_t->db(), m_bus.get());
    fetchAll(model);
    const int before = model.rowCount();
    QSignalSpy refreshed(&model, &PagedQueryModel::refreshed);
    model.refreshGate()->setOpen(false);
    QVERIFY(!model.refreshGate()->isStale());
    CAMPDESK_VERIFY_OK(bookFromAnotherTerminal(m_t->db(), QStringLiteral("CD-GATE01"), QStringLiteral("confirmed"),
                                               EventType::ReservationConfirmed));
    QTRY_VERIFY(model.refreshGate()->isStale());
    QTest::qWait(100); // the coalescing timer has long fired
    QCOMPARE(refreshed.count(), 0);
    QCOMPARE(model.rowCount(), before);

    model.refreshGate()->setOpen(true);
    QCOMPARE(refreshed.count(), 1);
    QCOMPARE(model.rowCount(), before + 1);
    QVERIFY(!model.refreshGate()->isStale());
    // Opening again with nothing held back reads nothing.
    model.refreshGate()->setOpen(false);
    model.refreshGate()->setOpen(true);
    QCOMPARE(refreshed.count(), 1);
}

// SQLite without statistics (a campground's database never gets ANALYZE) sorted every booking for a guest or phone
// order: 40 s at a million bookings. Sorted by a customer's column, a page walks the customers' index first and
// looks each one's bookings up; the pages still match one query (pagesInEveryOrderMatchOneQuery).
void TestReservationModel::aGuestSortWalksTheCustomersFirst()
{
    if (m_t->db().driver() != SqlDriver::Sqlite)
        return; // PostgreSQL plans from the statistics autovacuum keeps
    seed(m_t->db(), 60);
    ReservationTableModel model(m_t->db(), m_bus.get());
    for (int column : { int(ReservationTableModel::Guest), int(ReservationTableModel::Phone) }) {
        QStringList pages;
        m_t->db().setStatementObserver([&pages](const QString& sql, const QVariantList&) {
            if (sql.contains(QLatin1String(" LIMIT ")))
                pages << sql;
        });
        model.sort(column, Qt::AscendingOrder);
        fetchAll(model);
        m_t->db().setStatementObserver(nullptr);
        QVERIFY(pages.size() >= 1);
        for (const QString& sql : std::as_const(pages)) {
            QVERIFY2(sql.contains(QLatin1String("FROM customers c CROSS JOIN reservations r")), qPrintable(sql));
            Result<QStringList> plan = m_t->db().read([&sql](SqlSession& s) -> Result<QStringList> {
                // The binds do not change the plan's shape; NULLs stand in for them.
                QVariantList binds(sql.count(QLatin1Char('?')));
                SqlRows rows = s.exec(QStringLiteral("EXPLAIN QUERY PLAN ") + sql, binds);
                QStringList details;
                while (rows.next())
                    details << rows.value(3).toString();
                return details;
            });
            CAMPDESK_VERIFY_OK(plan);
            QVERIFY2(!plan->isEmpty() && plan->first().contains(QLatin1String(" c ")),
                     qPrintable(plan->join(QLatin1Char('|'))));
            QVERIFY2(!plan->contains(QStringLiteral("USE TEMP B-TREE FOR ORDER BY")),
                     qPrintable(plan->join(QLatin1Char('|'))));
        }
    }
}

// A page's table reads on a worker (a sort over a million bookings takes seconds): a sort, filter, page or refresh
// returns at once, the rows shown stay until the read is done, and a read overtaken by a newer order is never shown.
void TestReservationModel::readsOnAWorkerShowOnlyTheLatestOrder()
{
    seed(m_t->db(), 60);
    ReservationTableModel model(m_t->db(), m_bus.get());
    model.setPageSize(5);
    model.reload();
    model.setLoadsInBackground(true);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY(!model.isLoading()); // the pages the tester asked for
    const QStringList shown = columnValues(model, ReservationTableModel::Code);
    QVERIFY(shown.size() >= 5);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);

    model.sort(ReservationTableModel::Code, Qt::AscendingOrder);
    QVERIFY(model.isLoading());
    QCOMPARE(columnValues(model, ReservationTableModel::Code), shown);
    model.setStatus(QStringLiteral("cancelled")); // before the sort's rows are shown
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(resets.count(), 1); // the sort's own rows were dropped

    ReservationTableModel whole(m_t->db(), nullptr);
    whole.setPageSize(1000);
    whole.sort(ReservationTableModel::Code, Qt::AscendingOrder);
    whole.setStatus(QStringLiteral("cancelled"));
    const QStringList expected = columnValues(whole, ReservationTableModel::Code);
    QCOMPARE(expected.size(), 12);
    QCOMPARE(columnValues(model, ReservationTableModel::Code), expected.mid(0, 5));

    // Scrolling reads the next page on the worker too.
    model.fetchMore(QModelIndex());
    QVERIFY(model.isLoading());
    QCOMPARE(model.rowCount(), 5);
    QTRY_VERIFY(!model.isLoading());
    QVERIFY(model.rowCount() > 5); // (the model tester asks for more as rows go in)
    while (model.canFetchMore(QModelIndex())) {
        model.fetchMore(QModelIndex());
        QTRY_VERIFY(!model.isLoading());
    }
    QCOMPARE(columnValues(model, ReservationTableModel::Code), expected);

    // Another terminal's booking comes through the bus and is read on the worker, in place.
    QSignalSpy refreshed(&model, &PagedQueryModel::refreshed);
    CAMPDESK_VERIFY_OK(bookFromAnotherTerminal(m_t->db(), QStringLiteral("CD-000000"), QStringLiteral("cancelled"),
                                               EventType::ReservationCancelled));
    QTRY_COMPARE(refreshed.count(), 1);
    QCOMPARE(resets.count(), 1);
    // As many rows as were loaded, from the top: the last one is now a page further down.
    QCOMPARE(columnValues(model, ReservationTableModel::Code),
             (QStringList { QStringLiteral("CD-000000") } + expected).mid(0, expected.size()));
    QVERIFY(model.canFetchMore(QModelIndex()));
}

CAMPDESK_DB_TEST_MAIN(TestReservationModel)
// Qt's raster painter waits on QThreadPool::globalInstance() for its fills. With the table's reads on that pool, a
// read of a few seconds froze every repaint of the window (the day sheets' page took 490-690 ms to show); with the
// painter's threads busy, the reads must still run.
void TestReservationModel::workerReadsNeverWaitForThePaintersPool()
{
    seed(m_t->db(), 8);
    ReservationTableModel model(m_t->db(), m_bus.get());
    model.setPageSize(50);
    model.setLoadsInBackground(true);
    GlobalPoolOccupied painting;
    model.reload();
    QVERIFY(model.isLoading());
    QTRY_VERIFY(!model.isLoading());
    ReservationTableModel atOnce(m_t->db(), nullptr);
    atOnce.setPageSize(50);
    atOnce.reload();
    QVERIFY(atOnce.rowCount() > 0);
    QCOMPARE(columnValues(model, ReservationTableModel::Code), columnValues(atOnce, ReservationTableModel::Code));
}

// A view asks for more on every relayout; asked again while the first page is still on the worker, that is the same
// ask, not one for the page after it (CI saw a table of one-row pages load three rows where its view showed one).
// Asked as the rows go in, by a view that still sees the end of them, it is the next page's.
void TestReservationModel::askingForMoreTwiceWhileReadingReadsOnePage()
{
    seed(m_t->db(), 20); // 12 shown: no holds, no expired holds
    ReservationTableModel model(m_t->db(), nullptr);
    model.setPageSize(3);
    model.setLoadsInBackground(true);
    model.reload();
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(model.rowCount(), 3);

    model.fetchMore(QModelIndex());
    model.fetchMore(QModelIndex());
    model.fetchMore(QModelIndex());
    QVERIFY(model.isLoading());
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(model.rowCount(), 6);

    bool askedAgain = false;
    connect(&model, &QAbstractItemModel::rowsInserted, this, [&] {
        if (!std::exchange(askedAgain, true))
            model.fetchMore(QModelIndex());
    });
    model.fetchMore(QModelIndex());
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(model.rowCount(), 12);
    QVERIFY(model.canFetchMore(QModelIndex())); // a full last page: the end shows when the next one comes back short
}

#include "tst_reservationmodel.moc"
