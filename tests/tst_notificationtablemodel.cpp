// The Notifications page's table model: QAbstractItemModelTester-clean, filtered by status, refreshed by events.
#include "core/eventbus.h"
#include "itemmodels/notificationtablemodel.h"
#include "notificationfixture.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

class TestNotificationTableModel : public QObject
{
    Q_OBJECT
private slots:
    void listsFiltersAndFollowsEvents();
};

void TestNotificationTableModel::listsFiltersAndFollowsEvents()
{
    EventBus bus;
    Database::Options options;
    options.bus = &bus;
    TestDatabase t(options);
    QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
    Status s = t->write([](Transaction& tx) -> Status {
        writeBooking(tx, 1); // 2 rows
        writeBooking(tx, 2, Guest { QStringLiteral("Jane"), QString(), QStringLiteral("en"), true }); // 1 row
        tx.exec(QStringLiteral("UPDATE notifications SET status = 'dead', last_error = 'HTTP 503', "
                               "recipient = '01055550002' WHERE id = 3"));
        return {};
    });
    CAMPDESK_VERIFY_OK(s);

    NotificationService service(t.db());
    NotificationTableModel model(service, &bus);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    CAMPDESK_VERIFY_OK(model.refresh());
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(NotificationTableModel::ColumnCount));
    // Newest first.
    QCOMPARE(model.data(model.index(0, NotificationTableModel::IdColumn), NotificationTableModel::IdRole).toLongLong(),
             3);
    QCOMPARE(model.data(model.index(0, NotificationTableModel::StatusColumn)).toString(),
             NotificationTableModel::statusDisplayName(QStringLiteral("dead")));
    QCOMPARE(model.data(model.index(0, NotificationTableModel::ResultColumn)).toString(), QStringLiteral("HTTP 503"));
    QCOMPARE(model.data(model.index(0, NotificationTableModel::ReservationColumn)).toString(),
             QStringLiteral("CD-T00002"));
    // The SMS row's number as stored (digits only) is shown as people write it.
    QCOMPARE(model.data(model.index(0, NotificationTableModel::RecipientColumn)).toString(),
             QStringLiteral("010-5555-0002"));
    QVERIFY(!model.headerData(NotificationTableModel::StatusColumn, Qt::Horizontal).toString().isEmpty());

    model.setStatusFilter(QStringLiteral("dead"));
    QCOMPARE(model.rowCount(), 1);
    model.setStatusFilter(QStringLiteral("pending"));
    QCOMPARE(model.rowCount(), 2);

    // A new booking (its event published after commit) shows up without anyone calling refresh().
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    Status more = t->write([](Transaction& tx) -> Status {
        writeBooking(tx, 3);
        return {};
    });
    CAMPDESK_VERIFY_OK(more);
    QTRY_COMPARE(model.rowCount(), 4);
    QCOMPARE(reset.count(), 1); // one refresh for the burst
    model.setStatusFilter(QString());
    QCOMPARE(model.rowCount(), 5);
}

CAMPDESK_DB_TEST_MAIN(TestNotificationTableModel)
#include "tst_notificationtablemodel.moc"
