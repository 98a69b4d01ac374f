// The admin tables other than reservations, on both databases: each passes QAbstractItemModelTester, filters
// on the server, and shows what the page needs (points balance, running ledger balance, translated keys).
#include "core/eventbus.h"
#include "itemmodels/auditlogmodel.h"
#include "itemmodels/customertablemodel.h"
#include "itemmodels/mileageledgermodel.h"
#include "itemmodels/paymenttablemodel.h"
#include "itemmodels/reviewtablemodel.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

namespace {
void fetchAll(QAbstractItemModel& model)
{
    while (model.canFetchMore(QModelIndex()))
        model.fetchMore(QModelIndex());
}

// Two customers, three reservations with payments, a review and ledger rows, written straight to the tables.
void seed(Database& db)
{
    Status status = db.write([&](Transaction& tx) -> Status {
        const qint64 now = tx.nowMs();
        tx.exec(QStringLiteral("INSERT INTO campsites (code, name, kind, max_guests, nightly_price, created_at, "
                               "updated_at) VALUES ('A-01', '솔숲', 'tent', 4, 40000, ?, ?)"),
                { now, now });
        tx.exec(QStringLiteral("INSERT INTO customers (name, phone, email, created_at, updated_at) VALUES "
                               "('김민지', '01012345678', 'minji@example.com', ?, ?), "
                               "('Alice Park', '01098765432', '', ?, ?)"),
                { now, now, now, now });
        for (int i = 1; i <= 3; ++i) {
            const int customer = i == 3 ? 2 : 1;
            tx.exec(QStringLiteral("INSERT INTO reservations (code, campsite_id, customer_id, check_in, check_out, "
                                   "guests, status, amount, channel, order_id, created_at, updated_at) VALUES "
                                   "(?, 1, ?, ?, ?, 2, ?, 80000, 'desk', ?, ?, ?)"),
                    { QStringLiteral("CD-AAAA%1").arg(i), customer, sqlDate(QDate(2026, 12, i * 3)),
                      sqlDate(QDate(2026, 12, i * 3 + 2)),
                      i == 2 ? QStringLiteral("cancelled") : QStringLiteral("confirmed"),
                      QStringLiteral("order-%1").arg(i), now + i, now + i });
            tx.exec(QStringLiteral("INSERT INTO payments (reservation_id, order_id, provider, method, amount, "
                                   "status, refund_amount, created_at, updated_at) VALUES (?, ?, 'desk', 'cash', "
                                   "80000, ?, ?, ?, ?)"),
                    { i, QStringLiteral("order-%1").arg(i),
                      i == 2 ? QStringLiteral("cancelled") : QStringLiteral("approved"), i == 2 ? 80000 : 0, now + i,
                      now + i });
        }
        tx.exec(QStringLiteral("INSERT INTO mileage_ledger (customer_id, delta, reason, source_id, created_at) VALUES "
                               "(1, 4000, 'payment', '1', ?), (1, 4000, 'payment', '2', ?), "
                               "(1, -4000, 'cancel', '2', ?), (1, 500, 'review', '1', ?), "
                               "(2, 4000, 'payment', '3', ?), (1, -1000, 'adjust', 'adjust-1', ?)"),
                { now, now + 1, now + 2, now + 3, now + 4, now + 5 });
        tx.exec(QStringLiteral("INSERT INTO reviews (reservation_id, campsite_id, customer_id, rating, body, "
                               "created_at, updated_at) VALUES (1, 1, 1, 4, '조용하고 좋아요', ?, ?)"),
                { now, now });
        tx.audit(Actor { 1, QStringLiteral("boss"), Role::Manager }, QStringLiteral("campsite.register"),
                 QStringLiteral("A-01"));
        return {};
    });
    QVERIFY2(status.ok(), qPrintable(status.error().message));
}
} // namespace

class TestAdminTables : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void everyModelPassesTheTester();
    void paymentsFilterByStatusAndText();
    void paymentsAreFoundByGuestCodeOrOrderId();
    void customersShowPointsAndBookings();
    void ledgerHasARunningBalance();
    void reviewsShowStarsAndVisibility();
    void reviewsAreFoundByTheirWordsGuestBookingOrCampsite();
    void auditLogFiltersByText();

private:
    std::unique_ptr<EventBus> m_bus;
    std::unique_ptr<TestDatabase> m_t;
};

void TestAdminTables::init()
{
    m_bus = std::make_unique<EventBus>();
    Database::Options options;
    options.bus = m_bus.get();
    m_t = std::make_unique<TestDatabase>(options);
    QVERIFY2(m_t->ok(), qPrintable(m_t->errorMessage()));
    seed(m_t->db());
}

void TestAdminTables::cleanup()
{
    m_t.reset();
    m_bus.reset();
}

void TestAdminTables::everyModelPassesTheTester()
{
    PaymentTableModel payments(m_t->db(), m_bus.get());
    CustomerTableModel customers(m_t->db(), m_bus.get());
    ReviewTableModel reviews(m_t->db(), m_bus.get());
    AuditLogModel audit(m_t->db(), m_bus.get());
    MileageLedgerModel ledger(m_t->db(), m_bus.get());
    const QList<PagedQueryModel*> models { &payments, &customers, &reviews, &audit, &ledger };
    for (PagedQueryModel* model : models) {
        model->setPageSize(2);
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        fetchAll(*model);
        for (int column = 0; column < model->columnCount(); ++column)
            model->sort(column, Qt::AscendingOrder);
        QVERIFY(model->refresh());
    }
    ledger.setCustomer(1);
    QAbstractItemModelTester tester(&ledger, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fetchAll(ledger);
    QCOMPARE(ledger.rowCount(), 5);
}

void TestAdminTables::paymentsFilterByStatusAndText()
{
    PaymentTableModel model(m_t->db(), nullptr);
    fetchAll(model);
    QCOMPARE(model.rowCount(), 3);
    model.setStatus(QStringLiteral("cancelled"));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, PaymentTableModel::Status).data().toString(), QStringLiteral("Payment cancelled"));
    QCOMPARE(model.index(0, PaymentTableModel::Method).data().toString(), QStringLiteral("Cash"));
    model.setStatus(QString());
    model.setText(QStringLiteral("9876")); // Alice's phone
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, PaymentTableModel::Booking).data().toString(), QStringLiteral("CD-AAAA3"));
    model.setText(QString());
    model.setDateRange(QDate::currentDate().addDays(1), QDate());
    QCOMPARE(model.rowCount(), 0);
}

// PostgreSQL looks up a search that can only be a guest's in the joined rows, SQLite through the guests' ids; both
// find the same payments.
void TestAdminTables::paymentsAreFoundByGuestCodeOrOrderId()
{
    Status renamed = m_t->db().write([&](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("UPDATE payments SET order_id = 'cd-0f1e2d3c4b5a69780000000000000003' WHERE id = 3"));
        return {};
    });
    QVERIFY2(renamed.ok(), qPrintable(renamed.error().message));
    PaymentTableModel model(m_t->db(), nullptr);
    QAbstractItemModelTester tester(&model);
    const auto found = [&](const QString& text) {
        model.setText(text);
        fetchAll(model);
        QStringList codes;
        for (int row = 0; row < model.rowCount(); ++row)
            codes << model.index(row, PaymentTableModel::Booking).data().toString();
        codes.sort();
        return codes.join(QLatin1Char('|'));
    };
    const QString minji = QStringLiteral("CD-AAAA1|CD-AAAA2");
    const QString alice = QStringLiteral("CD-AAAA3");
    QCOMPARE(found(QStringLiteral("김")), minji);
    QCOMPARE(found(QStringLiteral("김민지")), minji);
    QCOMPARE(found(QStringLiteral("ALICE p")), alice);
    QCOMPARE(found(QStringLiteral("010-1234")), minji);
    QCOMPARE(found(QStringLiteral("5432")), alice);
    QCOMPARE(found(QStringLiteral("minji@ex")), minji);
    QCOMPARE(found(QStringLiteral("cd-aaaa2")), QStringLiteral("CD-AAAA2"));
    QCOMPARE(found(QStringLiteral("CD-AAAA")), QStringLiteral("CD-AAAA1|CD-AAAA2|CD-AAAA3"));
    QCOMPARE(found(QStringLiteral("cd-0f1e")), alice); // the order id, in small letters
    QCOMPARE(found(QStringLiteral(" CD-0F1E ")), alice); // or as a code is written
    QCOMPARE(found(QStringLiteral("CD-")), QString()); // not every payment
    QCOMPARE(found(QStringLiteral("CD-A")), QString());
    QCOMPARE(found(QStringLiteral("이순신")), QString());
    QCOMPARE(found(QStringLiteral("%")), QString());
    QCOMPARE(found(QStringLiteral("_")), QString());
    QCOMPARE(found(QStringLiteral("O'Brien 🏕️")), QString());
    QCOMPARE(found(QStringLiteral("'; DELETE FROM payments; --")), QString());
    QCOMPARE(found(QString()), QStringLiteral("CD-AAAA1|CD-AAAA2|CD-AAAA3"));
    QCOMPARE(m_t->count(QStringLiteral("payments")), qint64(3));
}

void TestAdminTables::customersShowPointsAndBookings()
{
    CustomerTableModel model(m_t->db(), nullptr);
    fetchAll(model);
    QCOMPARE(model.rowCount(), 2);
    const int kim = model.index(0, CustomerTableModel::Name).data().toString() == QStringLiteral("김민지") ? 0 : 1;
    QCOMPARE(model.rawValue(kim, CustomerTableModel::Points).toLongLong(), 3500);
    QCOMPARE(model.rawValue(kim, CustomerTableModel::Bookings).toInt(), 2); // a cancelled booking is still a booking
    QCOMPARE(model.index(kim, CustomerTableModel::Phone).data().toString(), QStringLiteral("010-1234-5678"));
    model.setText(QStringLiteral("alice"));
    QCOMPARE(model.rowCount(), 1);
    // Points are a sum over the ledger: not an order a million rows can be handed over in (issue 17).
    QVERIFY(!model.isSortable(CustomerTableModel::Points));
    model.sort(CustomerTableModel::Name, Qt::AscendingOrder);
    model.setText(QString());
    QCOMPARE(model.index(0, CustomerTableModel::Name).data().toString(), QStringLiteral("Alice Park"));
}

void TestAdminTables::ledgerHasARunningBalance()
{
    MileageLedgerModel model(m_t->db(), nullptr);
    model.setCustomer(1);
    fetchAll(model);
    QCOMPARE(model.rowCount(), 5);
    // Newest first: the balance after each row, as the sum of everything up to it.
    QList<qint64> balances;
    QList<qint64> deltas;
    for (int row = 0; row < model.rowCount(); ++row) {
        balances << model.rawValue(row, MileageLedgerModel::Balance).toLongLong();
        deltas << model.rawValue(row, MileageLedgerModel::Delta).toLongLong();
    }
    QCOMPARE(deltas, (QList<qint64> { -1000, 500, -4000, 4000, 4000 }));
    QCOMPARE(balances, (QList<qint64> { 3500, 4500, 4000, 8000, 4000 }));
    QCOMPARE(model.index(3, MileageLedgerModel::Booking).data().toString(), QStringLiteral("CD-AAAA2"));
    QCOMPARE(model.index(0, MileageLedgerModel::Reason).data().toString(), QStringLiteral("Adjusted by staff"));
    QCOMPARE(model.index(0, MileageLedgerModel::Booking).data().toString(), QString());
}

void TestAdminTables::reviewsShowStarsAndVisibility()
{
    ReviewTableModel model(m_t->db(), nullptr);
    fetchAll(model);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, ReviewTableModel::Rating).data().toString(), QStringLiteral("★★★★☆"));
    QCOMPARE(model.index(0, ReviewTableModel::Visibility).data(PagedQueryModel::RawRole).toString(),
             QStringLiteral("visible"));
    model.setHiddenOnly(true);
    QCOMPARE(model.rowCount(), 0);
    model.setHiddenOnly(false);
    model.setText(QStringLiteral("조용"));
    QCOMPARE(model.rowCount(), 1);
}

// The review's words anywhere in it; the guest as on the other pages (the start of a name, a phone number's start or
// its last four digits); the start of a booking code; a campsite's name or code. Typed wildcards and SQL are text.
void TestAdminTables::reviewsAreFoundByTheirWordsGuestBookingOrCampsite()
{
    Status added = m_t->db().write([&](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("INSERT INTO reviews (reservation_id, campsite_id, customer_id, rating, body, "
                               "created_at, updated_at) VALUES (3, 1, 2, 5, 'Great view', ?, ?)"),
                { tx.nowMs(), tx.nowMs() });
        return {};
    });
    QVERIFY2(added.ok(), qPrintable(added.error().message));
    ReviewTableModel model(m_t->db(), nullptr);
    const auto found = [&](const QString& text) {
        model.setText(text);
        fetchAll(model);
        QStringList bodies;
        for (int row = 0; row < model.rowCount(); ++row)
            bodies << model.index(row, ReviewTableModel::Text).data().toString();
        bodies.sort();
        return bodies.join(QLatin1Char('|'));
    };
    const QString quiet = QStringLiteral("조용하고 좋아요");
    const QString view = QStringLiteral("Great view");
    const QString both = QStringList { view, quiet }.join(QLatin1Char('|'));
    QCOMPARE(found(QStringLiteral("조용")), quiet);
    QCOMPARE(found(QStringLiteral("VIEW")), view);
    QCOMPARE(found(QStringLiteral("김민")), quiet);
    QCOMPARE(found(QStringLiteral("alice")), view);
    QCOMPARE(found(QStringLiteral("010-1234")), quiet);
    QCOMPARE(found(QStringLiteral("5432")), view);
    QCOMPARE(found(QStringLiteral("minji@ex")), quiet);
    QCOMPARE(found(QStringLiteral("cd-aaaa3")), view);
    QCOMPARE(found(QStringLiteral("CD-AAAA1")), quiet);
    QCOMPARE(found(QStringLiteral("솔숲")), both);
    QCOMPARE(found(QStringLiteral("a-01")), both);
    QCOMPARE(found(QStringLiteral("CD-")), QString()); // not every booking
    QCOMPARE(found(QStringLiteral("%")), QString());
    QCOMPARE(found(QStringLiteral("_")), QString());
    QCOMPARE(found(QStringLiteral("O'Brien 🏕️")), QString());
    QCOMPARE(found(QStringLiteral("'; DELETE FROM reviews; --")), QString());
    QCOMPARE(found(QString()), both);
    QCOMPARE(m_t->count(QStringLiteral("reviews")), qint64(2));
}

void TestAdminTables::auditLogFiltersByText()
{
    AuditLogModel model(m_t->db(), nullptr);
    fetchAll(model);
    QVERIFY(model.rowCount() >= 1);
    model.setText(QStringLiteral("campsite.reg"));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, AuditLogModel::Actor).data().toString(), QStringLiteral("boss"));
    QCOMPARE(model.index(0, AuditLogModel::Role).data().toString(), QStringLiteral("Manager"));
}

CAMPDESK_DB_TEST_MAIN(TestAdminTables)
#include "tst_admintables.moc"
