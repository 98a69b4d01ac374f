// CampsiteTableModel and its filter proxy on both databases: model invariants (QAbstractItemModelTester),
// refresh on EventBus campsite events without a reset (persistent indexes survive), filtering and sorting.
#include "core/csv.h"
#include "core/eventbus.h"
#include "core/money.h"
#include "domain/campsiteservice.h"
#include "itemmodels/campsitefilterproxy.h"
#include "itemmodels/campsitetablemodel.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QTextStream>

using namespace campdesk;
using namespace campdesk::test;

namespace {
Campsite site(const QString& code, const QString& name, CampsiteKind kind, const QString& zone, qint64 price)
{
    Campsite c;
    c.code = code;
    c.name = name;
    c.kind = kind;
    c.zone = zone;
    c.nightlyPrice = price;
    return c;
}
} // namespace

class TestCampsiteModel : public QObject
{
    Q_OBJECT
private slots:
    void followsEventsWithoutReset();
    void filterProxyFiltersAndSortsNumbers();
    void moneyAndCsv();

private:
    const Actor m_manager { 1, QStringLiteral("boss"), Role::Manager };
};

void TestCampsiteModel::followsEventsWithoutReset()
{
    EventBus bus;
    Database::Options options;
    options.bus = &bus;
    TestDatabase t(options);
    QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
    CampsiteService service(t.db());
    CAMPDESK_VERIFY_OK(service.registerCampsite(
        m_manager,
        site(QStringLiteral("A-01"), QStringLiteral("솔숲"), CampsiteKind::Tent, QStringLiteral("Pine"), 30000)));
    CAMPDESK_VERIFY_OK(service.registerCampsite(
        m_manager,
        site(QStringLiteral("B-01"), QStringLiteral("Valley"), CampsiteKind::Cabin, QStringLiteral("Valley"), 90000)));

    CampsiteTableModel model(service, &bus);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(CampsiteTableModel::ColumnCount));
    QCOMPARE(model.index(0, CampsiteTableModel::Code).data().toString(), QStringLiteral("A-01"));
    QCOMPARE(model.index(0, CampsiteTableModel::Kind).data().toString(), campsiteKindName(CampsiteKind::Tent));
    QCOMPARE(model.index(1, CampsiteTableModel::NightlyPrice).data(CampsiteTableModel::SortRole).toLongLong(), 90000);
    QCOMPARE(model.headerData(CampsiteTableModel::Code, Qt::Horizontal).toString(), QStringLiteral("Code"));

    const QPersistentModelIndex b01 = model.index(1, CampsiteTableModel::Name);

    // Registered elsewhere (the service, not the model): the event brings it in.
    Result<Campsite> c01 = service.registerCampsite(
        m_manager, site(QStringLiteral("C-01"), QStringLiteral("Lake"), CampsiteKind::Caravan, QString(), 50000));
    CAMPDESK_VERIFY_OK(c01);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowOfId(c01->id), 2);

    // Modified: the row changes in place and the persistent index still points at B-01.
    Campsite b = service.findByCode(QStringLiteral("B-01")).value();
    b.name = QStringLiteral("Valley Cabin");
    CAMPDESK_VERIFY_OK(service.modify(m_manager, b));
    QCOMPARE(changed.count(), 1);
    QVERIFY(b01.isValid());
    QCOMPARE(b01.data().toString(), QStringLiteral("Valley Cabin"));

    // Deleted (no history): the row goes, the others stay where they were.
    CAMPDESK_VERIFY_OK(service.remove(m_manager, service.findByCode(QStringLiteral("A-01"))->id));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(removed.count(), 1);
    QVERIFY(b01.isValid());
    QCOMPARE(b01.row(), 0);
    QCOMPARE(resets.count(), 0);

    // A refresh with nothing changed emits nothing.
    changed.clear();
    QVERIFY(model.refresh());
    QCOMPARE(changed.count(), 0);
    QCOMPARE(inserted.count(), 1);
}

void TestCampsiteModel::filterProxyFiltersAndSortsNumbers()
{
    TestDatabase t;
    QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
    CampsiteService service(t.db());
    for (const Campsite& c : { site(QStringLiteral("A-01"), QStringLiteral("솔숲 텐트"), CampsiteKind::Tent,
                                    QStringLiteral("Pine Grove"), 9000),
                               site(QStringLiteral("A-02"), QStringLiteral("Pine Deck"), CampsiteKind::Tent,
                                    QStringLiteral("Pine Grove"), 30000),
                               site(QStringLiteral("K-01"), QStringLiteral("Forest Cabin"), CampsiteKind::Cabin,
                                    QStringLiteral("숲속"), 150000) })
        CAMPDESK_VERIFY_OK(service.registerCampsite(m_manager, c));
    Campsite k = service.findByCode(QStringLiteral("K-01")).value();
    k.status = CampsiteStatus::Maintenance;
    CAMPDESK_VERIFY_OK(service.modify(m_manager, k));

    CampsiteTableModel model(service, nullptr);
    CampsiteFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(proxy.rowCount(), 3);
    proxy.setText(QStringLiteral("pine"));
    QCOMPARE(proxy.rowCount(), 2); // zone matches
    proxy.setText(QStringLiteral("숲"));
    QCOMPARE(proxy.rowCount(), 2); // name 솔숲, zone 숲속
    proxy.setText(campsiteKindName(CampsiteKind::Cabin));
    QCOMPARE(proxy.rowCount(), 1); // kind, by its translated name
    proxy.setText(QStringLiteral("a-0"));
    QCOMPARE(proxy.rowCount(), 2); // code, any case
    proxy.setText(QString());
    proxy.setStatus(QStringLiteral("maintenance"));
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setStatus(QString());
    proxy.sort(CampsiteTableModel::NightlyPrice, Qt::AscendingOrder);
    // 9,000 before 30,000 before 150,000: numbers, not text ("₩150,000" < "₩30,000" < "₩9,000" as text).
    QCOMPARE(proxy.index(0, CampsiteTableModel::Code).data().toString(), QStringLiteral("A-01"));
    QCOMPARE(proxy.index(2, CampsiteTableModel::Code).data().toString(), QStringLiteral("K-01"));
}

void TestCampsiteModel::moneyAndCsv()
{
    QCOMPARE(formatWon(1234567, QLocale(QLocale::English, QLocale::UnitedStates)), QStringLiteral("₩1,234,567"));
    QCOMPARE(csvField(QStringLiteral("plain")), QStringLiteral("plain"));
    QCOMPARE(csvField(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
    QCOMPARE(csvField(QStringLiteral("say \"hi\"")), QStringLiteral("\"say \"\"hi\"\"\""));
    QCOMPARE(csvField(QStringLiteral("=HYPERLINK(\"x\")")), QStringLiteral("\"'=HYPERLINK(\"\"x\"\")\""));
    QCOMPARE(csvField(QStringLiteral("-5")), QStringLiteral("-5"));
    QCOMPARE(csvField(QStringLiteral("솔숲")), QStringLiteral("솔숲"));
}

CAMPDESK_DB_TEST_MAIN(TestCampsiteModel)
#include "tst_campsitemodel.moc"
