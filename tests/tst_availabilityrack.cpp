// The availability rack on both databases: the model (stays per cell, holds never shown, maintenance and the
// past not bookable, in-place refresh, QAbstractItemModelTester) and the view (drag over free nights asks for
// a booking of exactly those nights, a click on a bar asks for that reservation).
#include "admin/availabilityrack.h"
#include "core/eventbus.h"
#include "db/sqldates.h"
#include "domain/reservation.h"
#include "globalpooloccupied.h"
#include "itemmodels/availabilityrackmodel.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

namespace {
const QDate monday(2026, 12, 7);

qint64 addStay(Database& db, qint64 campsiteId, const QDate& checkIn, int nights, const QString& status,
               const QString& guest)
{
    Result<qint64> id = db.write([&](Transaction& tx) -> Result<qint64> {
        const qint64 customer = tx.insert(
            QStringLiteral("INSERT INTO customers (name, phone, created_at, updated_at) VALUES (?, ?, 1, 1) "
                           "RETURNING id"),
            { guest, QStringLiteral("010%1").arg(QRandomGenerator::global()->bounded(10000000, 99999999)) });
        const qint64 reservation = tx.insert(
            QStringLiteral("INSERT INTO reservations (code, campsite_id, customer_id, check_in, check_out, guests, "
                           "status, amount, channel, order_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 2, ?, "
                           "1000, 'desk', ?, 1, 1) RETURNING id"),
            { QStringLiteral("CD-%1").arg(guest.left(6).toUpper()), campsiteId, customer, sqlDate(checkIn),
              sqlDate(checkIn.addDays(nights)), status, QStringLiteral("o-") + guest });
        for (int n = 0; n < nights; ++n)
            tx.exec(QStringLiteral("INSERT INTO reservation_nights (campsite_id, night, reservation_id) VALUES (?, ?, "
                                   "?)"),
                    { campsiteId, sqlDate(checkIn.addDays(n)), reservation });
        tx.recordEvent(EventType::ReservationConfirmed, QStringLiteral("reservation"), reservation);
        return reservation;
    });
    return id.ok() ? id.value() : 0;
}

void addSites(Database& db)
{
    Status status = db.write([&](Transaction& tx) -> Status {
        tx.exec(QStringLiteral(
            "INSERT INTO campsites (code, name, kind, max_guests, nightly_price, status, created_at, updated_at) "
            "VALUES ('A-01', 'Pine', 'tent', 4, 40000, 'active', 1, 1), "
            "('A-02', 'Birch', 'tent', 4, 40000, 'maintenance', 1, 1), "
            "('A-03', 'Oak', 'tent', 4, 40000, 'active', 1, 1), "
            "('Z-99', 'Old', 'tent', 4, 40000, 'retired', 1, 1)"));
        return {};
    });
    QVERIFY2(status.ok(), qPrintable(status.error().message));
}
} // namespace

class TestAvailabilityRack : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void modelPassesTheTester();
    void staysCoverTheirNightsAndHoldsAreNotShown();
    void theLongestStayAndEndedOrCancelledStays();
    void staysAreReadFromTheRacksIndexes();
    void maintenanceAndPastNightsAreNotBookable();
    void newStayUpdatesOnlyItsRow();
    void aGuestRenamedElsewhereIsShownByTheNewName();
    void hiddenRackLoadsWhenShownAgain();
    void backgroundLoadEndsOnTheLatestRange();
    void backgroundLoadNeverWaitsForThePaintersPool();
    void dragOverFreeNightsRequestsThoseNights();
    void dragStopsAtABookedNight();
    void clickOnABarOpensTheReservation();

private:
    bool show(AvailabilityRack& rack);
    static void drag(AvailabilityRack& rack, int row, int fromColumn, int toColumn);

    std::unique_ptr<EventBus> m_bus;
    std::unique_ptr<TestDatabase> m_t;
    std::unique_ptr<AvailabilityRackModel> m_model;
};

void TestAvailabilityRack::init()
{
    m_bus = std::make_unique<EventBus>();
    Database::Options options;
    options.bus = m_bus.get();
    m_t = std::make_unique<TestDatabase>(options);
    QVERIFY2(m_t->ok(), qPrintable(m_t->errorMessage()));
    addSites(m_t->db());
    m_model = std::make_unique<AvailabilityRackModel>(m_t->db(), m_bus.get());
    m_model->setToday(monday);
    m_model->setRange(monday, 14);
}

void TestAvailabilityRack::cleanup()
{
    m_model.reset();
    m_t.reset();
    m_bus.reset();
}

void TestAvailabilityRack::modelPassesTheTester()
{
    addStay(m_t->db(), 1, monday.addDays(-2), 4, QStringLiteral("checked_in"), QStringLiteral("김민지"));
    QAbstractItemModelTester tester(m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->refresh();
    m_model->setRange(monday.addDays(7), 31);
    m_model->setRange(monday, 7);
    addStay(m_t->db(), 3, monday, 2, QStringLiteral("confirmed"), QStringLiteral("Alice"));
    m_model->refresh();
}

void TestAvailabilityRack::staysCoverTheirNightsAndHoldsAreNotShown()
{
    const qint64 kim
        = addStay(m_t->db(), 1, monday.addDays(-2), 4, QStringLiteral("checked_in"), QStringLiteral("김민지"));
    addStay(m_t->db(), 3, monday.addDays(3), 2, QStringLiteral("held"), QStringLiteral("Holder"));
    QVERIFY(m_model->refresh());
    QCOMPARE(m_model->rowCount(), 3); // the retired site is not on the rack
    QCOMPARE(m_model->headerData(0, Qt::Vertical).toString(), QStringLiteral("A-01  Pine"));
    // Nights of 5..8 Dec: the 7th and 8th are in range (columns 0 and 1); the 9th (check-out) is free.
    QCOMPARE(m_model->index(0, 0).data(AvailabilityRackModel::ReservationIdRole).toLongLong(), kim);
    QCOMPARE(m_model->index(0, 1).data().toString(), QStringLiteral("김민지"));
    QCOMPARE(m_model->index(0, 2).data(AvailabilityRackModel::ReservationIdRole).toLongLong(), 0);
    QCOMPARE(m_model->index(0, 0).data(AvailabilityRackModel::StayStartRole).toDate(), monday.addDays(-2));
    // The held site is free on the rack.
    QCOMPARE(m_model->index(2, 3).data(AvailabilityRackModel::ReservationIdRole).toLongLong(), 0);
    QCOMPARE(m_model->stays().size(), 1);
}

void TestAvailabilityRack::theLongestStayAndEndedOrCancelledStays()
{
    // Found by check-in from the longest stay before the range: a stay of that length whose last night is the
    // range's first is drawn on it.
    const qint64 longest = addStay(m_t->db(), 1, monday.addDays(1 - maxStayNights), maxStayNights,
                                   QStringLiteral("checked_in"), QStringLiteral("Long"));
    // Ended the night before the range, and one cancelled inside it: neither is drawn.
    addStay(m_t->db(), 3, monday.addDays(-maxStayNights), maxStayNights, QStringLiteral("checked_out"),
            QStringLiteral("Gone"));
    addStay(m_t->db(), 3, monday.addDays(2), 2, QStringLiteral("cancelled"), QStringLiteral("Cancelled"));
    QVERIFY(m_model->refresh());
    QCOMPARE(m_model->stays().size(), 1);
    QCOMPARE(m_model->index(0, 0).data(AvailabilityRackModel::ReservationIdRole).toLongLong(), longest);
    QCOMPARE(m_model->index(0, 1).data(AvailabilityRackModel::ReservationIdRole).toLongLong(), 0);
    for (int column = 0; column < m_model->columnCount(); ++column)
        QCOMPARE(m_model->index(2, column).data(AvailabilityRackModel::ReservationIdRole).toLongLong(), 0);
}

void TestAvailabilityRack::staysAreReadFromTheRacksIndexes()
{
    // Tens of thousands of stays on a big campground: each one's columns come from the rack's covering index and
    // each guest's name from the narrow one, never a look-up into the wide rows (migrations 35 and 36).
    if (m_t->db().driver() == SqlDriver::Postgres) {
        // The planner chooses by its statistics, so the check is on the indexes: an index-only read needs every
        // column the rack reads in them, and PostgreSQL's, unlike SQLite's, hold no row id of their own.
        const auto columnsOf = [&](const QString& index) {
            Result<QStringList> columns = m_t->db().read([&](SqlSession& s) -> Result<QStringList> {
                SqlRows q
                    = s.exec(QStringLiteral("SELECT a.attname FROM pg_class i JOIN pg_attribute a ON a.attrelid = "
                                            "i.oid WHERE i.relname = ? AND a.attnum > 0 ORDER BY a.attnum"),
                             { index });
                QStringList names;
                while (q.next())
                    names << q.value(0).toString();
                return names;
            });
            return columns.ok() ? columns.value() : QStringList();
        };
        const QStringList rack = columnsOf(QStringLiteral("reservations_rack"));
        for (const char* column : { "id", "campsite_id", "check_in", "check_out", "status", "customer_id", "code" })
            QVERIFY2(rack.contains(QLatin1String(column)),
                     qPrintable(QLatin1String(column) + QStringLiteral(" not in ") + rack.join(QLatin1Char(','))));
        const QStringList names = columnsOf(QStringLiteral("customers_name_by_id"));
        QVERIFY2(names.contains(QStringLiteral("id")) && names.contains(QStringLiteral("name")),
                 qPrintable(names.join(QLatin1Char(','))));
        return;
    }
    Result<QStringList> plan = m_t->db().read([&](SqlSession& s) -> Result<QStringList> {
        SqlRows q = s.exec(QStringLiteral("EXPLAIN QUERY PLAN ") + AvailabilityRackModel::staysSql(SqlDriver::Sqlite),
                           { sqlDate(monday.addDays(-maxStayNights)), sqlDate(monday.addDays(42)), sqlDate(monday) });
        QStringList lines;
        while (q.next())
            lines << q.value(3).toString();
        return lines;
    });
    QVERIFY2(plan.ok(), qPrintable(plan.error().message));
    const QString all = plan->join(QLatin1Char('\n'));
    QVERIFY2(all.contains(QStringLiteral("COVERING INDEX reservations_rack")), qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("COVERING INDEX customers_name_by_id")), qPrintable(all));
}

void TestAvailabilityRack::maintenanceAndPastNightsAreNotBookable()
{
    QVERIFY(m_model->isBookable(0, 0));
    QVERIFY(!m_model->isBookable(1, 0)); // A-02 under maintenance
    QCOMPARE(m_model->index(1, 0).data(AvailabilityRackModel::SiteStatusRole).toString(),
             QStringLiteral("maintenance"));
    m_model->setToday(monday.addDays(2));
    QVERIFY(!m_model->isBookable(0, 1));
    QVERIFY(m_model->isBookable(0, 2));
}

void TestAvailabilityRack::newStayUpdatesOnlyItsRow()
{
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    addStay(m_t->db(), 3, monday.addDays(1), 3, QStringLiteral("confirmed"), QStringLiteral("Alice"));
    QTRY_VERIFY(!changed.isEmpty()); // the ReservationConfirmed event on the bus refreshes the rack
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 2);
    QCOMPARE(changed.first().at(1).value<QModelIndex>().row(), 2);
    QCOMPARE(m_model->index(2, 3).data().toString(), QStringLiteral("Alice"));
}

// On PostgreSQL the names of the last read are carried to the next (see staysSql()); a customer's change, on this
// terminal or another, must not leave the old name on the rack.
void TestAvailabilityRack::aGuestRenamedElsewhereIsShownByTheNewName()
{
    for (const bool inBackground : { false, true }) {
        m_model = std::make_unique<AvailabilityRackModel>(m_t->db(), m_bus.get());
        m_model->setLoadsInBackground(inBackground);
        m_model->setToday(monday);
        m_model->setRange(monday, 14);
        const QString guest = inBackground ? QStringLiteral("Alice") : QStringLiteral("김민지");
        const int row = inBackground ? 2 : 0;
        const qint64 stay
            = addStay(m_t->db(), inBackground ? 3 : 1, monday.addDays(1), 3, QStringLiteral("confirmed"), guest);
        QTRY_COMPARE(m_model->index(row, 1).data().toString(), guest);
        m_model->setRange(monday.addDays(1), 14); // a read that finds the name known
        QTRY_COMPARE(m_model->index(row, 0).data().toString(), guest);
        const QString renamed = guest + QStringLiteral(" 🏕️ O'Brien");
        Status saved = m_t->db().write([&](Transaction& tx) -> Status {
            const qint64 customer
                = tx.scalar(QStringLiteral("SELECT customer_id FROM reservations WHERE id = ?"), { stay }).toLongLong();
            tx.exec(QStringLiteral("UPDATE customers SET name = ? WHERE id = ?"), { renamed, customer });
            tx.recordEvent(EventType::CustomerModified, QStringLiteral("customer"), customer);
            return {};
        });
        QVERIFY2(saved.ok(), qPrintable(saved.error().message));
        QTRY_COMPARE(m_model->index(row, 0).data().toString(), renamed);
        QVERIFY(m_model->index(row, 2).data(Qt::ToolTipRole).toString().contains(renamed));
    }
}

void TestAvailabilityRack::hiddenRackLoadsWhenShownAgain()
{
    // A page not shown yet: nothing is read until it is.
    AvailabilityRackModel hidden(m_t->db(), m_bus.get(), nullptr, false);
    hidden.setToday(monday);
    hidden.setRange(monday, 14);
    QCOMPARE(hidden.rowCount(), 0);
    hidden.setActive(true);
    QCOMPARE(hidden.rowCount(), 3);

    // Hidden again: a new stay is noted, not read, and is there when the page shows again.
    hidden.setActive(false);
    QSignalSpy changed(&hidden, &QAbstractItemModel::dataChanged);
    addStay(m_t->db(), 3, monday.addDays(1), 3, QStringLiteral("confirmed"), QStringLiteral("Alice"));
    QTRY_VERIFY(!m_model->index(2, 1).data().toString().isEmpty()); // the shown model has refreshed by now
    QCOMPARE(changed.count(), 0);
    QVERIFY(hidden.index(2, 1).data().toString().isEmpty());
    hidden.setActive(true);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(hidden.index(2, 1).data().toString(), QStringLiteral("Alice"));
}

void TestAvailabilityRack::backgroundLoadNeverWaitsForThePaintersPool()
{
    // Qt's raster painter waits on the global thread pool for its fills; the rack reads on a pool of its own, so a
    // busy painter never holds up the rack's read (nor the read the painter).
    const qint64 kim = addStay(m_t->db(), 1, monday, 2, QStringLiteral("confirmed"), QStringLiteral("김민지"));
    AvailabilityRackModel rack(m_t->db(), m_bus.get(), nullptr, false);
    rack.setLoadsInBackground(true);
    rack.setToday(monday);
    rack.setRange(monday, 14);
    GlobalPoolOccupied painting;
    rack.setActive(true);
    QVERIFY(rack.isLoading());
    QTRY_VERIFY(!rack.isLoading());
    QCOMPARE(rack.index(0, 0).data(AvailabilityRackModel::ReservationIdRole).toLongLong(), kim);
}

void TestAvailabilityRack::backgroundLoadEndsOnTheLatestRange()
{
    // The page's rack reads on a worker: refresh() returns before the rows change, and a range asked for while a read
    // is under way is the one shown at the end, with the stays of that range and nothing of the one before.
    const qint64 kim = addStay(m_t->db(), 1, monday, 2, QStringLiteral("confirmed"), QStringLiteral("김민지"));
    const qint64 alice
        = addStay(m_t->db(), 3, monday.addDays(20), 2, QStringLiteral("confirmed"), QStringLiteral("Alice"));
    AvailabilityRackModel rack(m_t->db(), m_bus.get(), nullptr, false);
    rack.setLoadsInBackground(true);
    rack.setToday(monday);
    rack.setRange(monday, 14);
    QSignalSpy loading(&rack, &AvailabilityRackModel::loadingChanged);
    QSignalSpy stays(&rack, &AvailabilityRackModel::staysChanged);
    rack.setActive(true);
    QCOMPARE(rack.rowCount(), 0); // nothing read on this thread
    QVERIFY(rack.isLoading());
    rack.setRange(monday.addDays(14), 14); // asked for while the first read runs
    QTRY_VERIFY(!rack.isLoading() && !stays.isEmpty());
    QCOMPARE(stays.count(), 1); // the first range's rows were never applied
    QCOMPARE(rack.rowCount(), 3);
    QCOMPARE(rack.start(), monday.addDays(14));
    QCOMPARE(rack.index(2, 6).data(AvailabilityRackModel::ReservationIdRole).toLongLong(), alice);
    QCOMPARE(rack.index(0, 0).data(AvailabilityRackModel::ReservationIdRole).toLongLong(), 0);
    QVERIFY(!loading.isEmpty());
    QCOMPARE(loading.last().at(0).toBool(), false);

    // Back a fortnight: the stays already known keep their nights at once, before the new read ends.
    rack.setRange(monday, 28);
    QCOMPARE(rack.index(2, 20).data(AvailabilityRackModel::ReservationIdRole).toLongLong(), alice);
    QTRY_VERIFY(!rack.isLoading() && stays.count() == 2);
    QCOMPARE(rack.index(0, 0).data(AvailabilityRackModel::ReservationIdRole).toLongLong(), kim);
}

bool TestAvailabilityRack::show(AvailabilityRack& rack)
{
    rack.setRackModel(m_model.get());
    rack.resize(900, 300);
    rack.show();
    return QTest::qWaitForWindowExposed(&rack);
}

// Press on one night, move over every night up to another on the same row, release there.
void TestAvailabilityRack::drag(AvailabilityRack& rack, int row, int fromColumn, int toColumn)
{
    QTest::mousePress(rack.viewport(), Qt::LeftButton, {}, rack.cellRect(row, fromColumn).center());
    for (int column = fromColumn + 1; column <= toColumn; ++column)
        QTest::mouseMove(rack.viewport(), rack.cellRect(row, column).center());
    QTest::mouseRelease(rack.viewport(), Qt::LeftButton, {}, rack.cellRect(row, toColumn).center());
}

void TestAvailabilityRack::dragOverFreeNightsRequestsThoseNights()
{
    AvailabilityRack rack;
    QVERIFY(show(rack));
    QSignalSpy requested(&rack, &AvailabilityRack::bookingRequested);
    drag(rack, 2, 2, 4);
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.first().at(0).toLongLong(), m_model->campsiteIdAt(2));
    QCOMPARE(requested.first().at(1).toDate(), monday.addDays(2));
    QCOMPARE(requested.first().at(2).toDate(), monday.addDays(5)); // three nights, check-out exclusive
    QCOMPARE(rack.selectionModel()->selectedIndexes().size(), 3);

    // A maintenance site cannot be dragged on.
    QTest::mousePress(rack.viewport(), Qt::LeftButton, {}, rack.cellRect(1, 2).center());
    QTest::mouseRelease(rack.viewport(), Qt::LeftButton, {}, rack.cellRect(1, 4).center());
    QCOMPARE(requested.count(), 1);
}

void TestAvailabilityRack::dragStopsAtABookedNight()
{
    addStay(m_t->db(), 1, monday.addDays(4), 2, QStringLiteral("confirmed"), QStringLiteral("Bob"));
    m_model->refresh();
    AvailabilityRack rack;
    QVERIFY(show(rack));
    QSignalSpy requested(&rack, &AvailabilityRack::bookingRequested);
    drag(rack, 0, 1, 7);
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.first().at(1).toDate(), monday.addDays(1));
    QCOMPARE(requested.first().at(2).toDate(), monday.addDays(4)); // up to Bob's check-in
}

void TestAvailabilityRack::clickOnABarOpensTheReservation()
{
    const qint64 bob = addStay(m_t->db(), 3, monday.addDays(2), 3, QStringLiteral("confirmed"), QStringLiteral("Bob"));
    m_model->refresh();
    AvailabilityRack rack;
    QVERIFY(show(rack));
    QCOMPARE(rack.columnSpan(2, 2), 3); // one bar over the stay's three nights
    QSignalSpy clicked(&rack, &AvailabilityRack::reservationClicked);
    QSignalSpy requested(&rack, &AvailabilityRack::bookingRequested);
    const QPoint middle = rack.cellRect(2, 2).center();
    QTest::mouseClick(rack.viewport(), Qt::LeftButton, {}, middle);
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.first().at(0).toLongLong(), bob);
    QCOMPARE(requested.count(), 0);
}

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    TestAvailabilityRack test;
    return runOnBothBackends(test, argc, argv);
}
#include "tst_availabilityrack.moc"
