// CampsiteStatusModel and its proxy on both databases: QAbstractItemModelTester, one row per campsite from
// campsite_status, states and texts, live updates in place (no reset) when events arrive, new sites inserted,
// sorting by real values and filtering by text and state.
#include "bookingfixture.h"
#include "domain/dashboardqueries.h"
#include "itemmodels/campsitestatusmodel.h"
#include "itemmodels/campsitestatusproxy.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

class TestCampsiteStatusModel : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void everyCampsiteWithItsStateGuestAndFigures();
    void eventsUpdateRowsInPlaceAndInsertNewSites();
    void proxySortsByValueAndFilters();

private:
    std::unique_ptr<BookingFixture> f;
    std::unique_ptr<DashboardQueries> m_queries;
};

void TestCampsiteStatusModel::init()
{
    f = std::make_unique<BookingFixture>();
    QVERIFY2(f->ok(), qPrintable(f->t->errorMessage()));
    m_queries = std::make_unique<DashboardQueries>(f->db());
}

void TestCampsiteStatusModel::cleanup()
{
    m_queries.reset();
    f.reset();
}

void TestCampsiteStatusModel::everyCampsiteWithItsStateGuestAndFigures()
{
    const Campsite a1 = f->addSite(QStringLiteral("A-01"), 40000);
    const Campsite a2 = f->addSite(QStringLiteral("A-02"), 50000);
    f->addSite(QStringLiteral("B-01"), 30000);
    const Reservation staying
        = f->book(f->request(a1, 0, 3, QStringLiteral("010-2222-3333"), QStringLiteral("Emma Smith"), 2));
    CAMPDESK_VERIFY_OK(f->booking->checkIn(BookingFixture::desk(), staying.id));
    f->book(f->request(a2, 2, 1));

    CampsiteStatusModel model(*m_queries, &f->bus);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(CampsiteStatusModel::ColumnCount));
    QCOMPARE(model.index(0, CampsiteStatusModel::Code).data().toString(), QStringLiteral("A-01"));
    QCOMPARE(model.index(0, CampsiteStatusModel::State).data().toString(), QStringLiteral("Occupied"));
    QVERIFY(
        model.index(0, CampsiteStatusModel::CurrentGuest).data().toString().startsWith(QStringLiteral("Emma Smith")));
    QCOMPARE(model.index(0, CampsiteStatusModel::Occupancy).data(CampsiteStatusModel::SortRole).toInt(), 3);
    QCOMPARE(model.index(0, CampsiteStatusModel::Revenue).data(CampsiteStatusModel::SortRole).toLongLong(), 120000);
    QCOMPARE(model.index(1, CampsiteStatusModel::State).data().toString(), QStringLiteral("Available"));
    QVERIFY(model.index(1, CampsiteStatusModel::NextArrival).data().toString().contains(QStringLiteral("김민준")));
    QCOMPARE(model.index(1, CampsiteStatusModel::NextArrival).data(CampsiteStatusModel::SortRole).toDate(),
             f->today().addDays(2));
    QVERIFY(!model.index(2, CampsiteStatusModel::CurrentGuest).data().isValid());
    QCOMPARE(model.headerData(CampsiteStatusModel::NextArrival, Qt::Horizontal).toString(),
             QStringLiteral("Next arrival"));
}

void TestCampsiteStatusModel::eventsUpdateRowsInPlaceAndInsertNewSites()
{
    const Campsite a1 = f->addSite(QStringLiteral("A-01"), 40000);
    f->addSite(QStringLiteral("A-03"), 40000);
    CampsiteStatusModel model(*m_queries, &f->bus);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 2);
    const QPersistentModelIndex watched = model.index(1, CampsiteStatusModel::Code);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy refreshed(&model, &CampsiteStatusModel::refreshed);

    // A burst of events (booking = held, approved, confirmed, mileage...) becomes one refresh.
    f->book(f->request(a1, 0, 2));
    QVERIFY(refreshed.wait(5000));
    QTest::qWait(CampsiteStatusModel::coalesceMs * 2);
    QCOMPARE(refreshed.count(), 1);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 0);
    QCOMPARE(model.index(0, CampsiteStatusModel::State).data().toString(), QStringLiteral("Arriving today"));

    // A new campsite slots in by code; the persistent index follows its row.
    f->addSite(QStringLiteral("A-02"), 40000);
    QVERIFY(refreshed.wait(5000));
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(1, CampsiteStatusModel::Code).data().toString(), QStringLiteral("A-02"));
    QVERIFY(watched.isValid());
    QCOMPARE(watched.row(), 2);
    QCOMPARE(watched.data().toString(), QStringLiteral("A-03"));
}

void TestCampsiteStatusModel::proxySortsByValueAndFilters()
{
    const Campsite a1 = f->addSite(QStringLiteral("A-01"), 40000);
    const Campsite a2 = f->addSite(QStringLiteral("A-02"), 90000);
    f->addSite(QStringLiteral("B-01"), 30000);
    f->book(f->request(a1, 1, 1)); // 40,000
    f->book(f->request(a2, 1, 1, QStringLiteral("010-5555-6666"),
                       QStringLiteral("Liam Brown"))); // 90,000: sorts after 40,000 as a number
    CampsiteStatusModel model(*m_queries, &f->bus);
    CampsiteStatusProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.sort(CampsiteStatusModel::Revenue, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, CampsiteStatusModel::Code).data().toString(), QStringLiteral("A-02"));
    QCOMPARE(proxy.index(1, CampsiteStatusModel::Code).data().toString(), QStringLiteral("A-01"));
    QCOMPARE(proxy.index(2, CampsiteStatusModel::Code).data().toString(), QStringLiteral("B-01"));
    proxy.setText(QStringLiteral("liam"));
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, CampsiteStatusModel::Code).data().toString(), QStringLiteral("A-02"));
    proxy.setText(QString());
    proxy.setState(CampsiteStatusModel::SiteState::Free);
    QCOMPARE(proxy.rowCount(), 3);
    proxy.setText(QStringLiteral("b-"));
    QCOMPARE(proxy.rowCount(), 1);
}

CAMPDESK_DB_TEST_MAIN(TestCampsiteStatusModel)
#include "tst_campsitestatusmodel.moc"
