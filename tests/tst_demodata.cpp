// Demo data on both databases: a fresh database gets campsites of every kind, customers and two working
// logins, and a month of a working campground (stays past, present and upcoming, reviews, points, a refund,
// notifications) that the invariants checker, the dashboard and the rack agree with; a used database is never
// touched.
#include "itemmodels/availabilityrackmodel.h"
#include "ops/appcontext.h"
#include "ops/demodata.h"
#include "ops/invariantschecker.h"
#include "testdatabase.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

class TestDemoData : public QObject
{
    Q_OBJECT
private slots:
    void fillsAFreshDatabaseOnce();
    void aLivingCampgroundOnFirstStart();
    void leavesAUsedDatabaseAlone();
    void passwordsAreRandomAndValid();
};

void TestDemoData::fillsAFreshDatabaseOnce()
{
    TestDatabase t;
    QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
    std::unique_ptr<AppContext> context = AppContext::build(t.openAnother());
    QVERIFY(DemoData::isFresh(*context).value());
    Result<QList<DemoData::Login>> logins = DemoData::fillIfFresh(*context);
    CAMPDESK_VERIFY_OK(logins);
    QCOMPARE(logins->size(), 2);
    QVERIFY(t.count(QStringLiteral("campsites")) >= 18);
    QSet<CampsiteKind> kinds;
    const Result<QList<Campsite>> all = context->campsites->list();
    for (const Campsite& c : all.value())
        kinds.insert(c.kind);
    QCOMPARE(kinds.size(), allCampsiteKinds().size());
    QVERIFY(t.count(QStringLiteral("customers")) >= 3);
    QCOMPARE(t.count(QStringLiteral("campsite_status")), t.count(QStringLiteral("campsites")));
    for (const DemoData::Login& login : logins.value()) {
        Result<Actor> actor = context->users->login(login.username, login.password);
        CAMPDESK_VERIFY_OK(actor);
        QCOMPARE(actor->role, login.role);
    }
    QVERIFY(!DemoData::isFresh(*context).value());
    Result<QList<DemoData::Login>> again = DemoData::fillIfFresh(*context);
    CAMPDESK_VERIFY_OK(again);
    QVERIFY(again->isEmpty());
    QCOMPARE(t.count(QStringLiteral("users")), 2);
}

void TestDemoData::aLivingCampgroundOnFirstStart()
{
    TestDatabase t;
    QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
    std::unique_ptr<AppContext> context = AppContext::build(t.openAnother());
    QElapsedTimer timer;
    timer.start();
    CAMPDESK_VERIFY_OK(DemoData::fillIfFresh(*context, DemoData::Extent::LivingCampground));
    qInfo("demo fill took %lld ms", timer.elapsed());

    // The story went through the services: every rule the checker knows holds.
    Result<QStringList> violations = InvariantsChecker::run(*context->db);
    CAMPDESK_VERIFY_OK(violations);
    QVERIFY2(violations->isEmpty(), qPrintable(violations->join(u'\n')));

    // Stays of every kind, relative to today.
    const QString today = sqlDate(context->db->clock().today());
    QVERIFY(t.count(QStringLiteral("reservations"), QStringLiteral("status = 'checked_out'")) >= 5);
    QVERIFY(t.count(QStringLiteral("reservations"), QStringLiteral("status = 'checked_in'")) >= 3);
    QVERIFY(t.count(QStringLiteral("reservations"), QStringLiteral("status = 'cancelled' AND refund_amount > 0")) >= 1);
    QVERIFY(
        t.count(QStringLiteral("reservations"), QStringLiteral("status = 'confirmed' AND check_in > '%1'").arg(today))
        >= 3);
    QVERIFY(t.count(QStringLiteral("reservations"), QStringLiteral("check_out < '%1'").arg(today)) >= 5);
    QCOMPARE(t.count(QStringLiteral("reservations"), QStringLiteral("status = 'held'")), 0);
    QVERIFY(t.count(QStringLiteral("reviews")) >= 4);
    QVERIFY(t.count(QStringLiteral("reservations"), QStringLiteral("points_used > 0")) >= 1);
    QVERIFY(t.count(QStringLiteral("notifications")) >= 3);
    QVERIFY(t.count(QStringLiteral("customers")) >= 6);

    // The dashboard shows a campground at work today.
    Result<DashboardSnapshot> snapshot = context->dashboard->snapshot();
    CAMPDESK_VERIFY_OK(snapshot);
    QVERIFY(snapshot->occupiedToday > 0);
    QVERIFY(snapshot->arrivalsToday > 0);
    QVERIFY(snapshot->departuresToday > 0);
    QVERIFY(snapshot->guestsOnSite > 0);
    QVERIFY(snapshot->revenueThisMonth > 0 || snapshot->months.at(10).revenue > 0);
    QVERIFY(snapshot->reviewCount() >= 4);

    // And the rack has bars this week.
    AvailabilityRackModel rack(*context->db, nullptr);
    rack.setToday(context->db->clock().today());
    rack.setRange(context->db->clock().today().addDays(-3), 14);
    QVERIFY(rack.refresh());
    QVERIFY(rack.stays().size() >= 8);
}

void TestDemoData::leavesAUsedDatabaseAlone()
{
    TestDatabase t;
    QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
    std::unique_ptr<AppContext> context = AppContext::build(t.openAnother());
    UserService cheap(t.db(), 1000);
    CAMPDESK_VERIFY_OK(cheap.createUser(Actor::system(), QStringLiteral("owner"), QString(), Role::Manager,
                                        QStringLiteral("owner password")));
    Result<QList<DemoData::Login>> logins = DemoData::fillIfFresh(*context);
    CAMPDESK_VERIFY_OK(logins);
    QVERIFY(logins->isEmpty());
    QCOMPARE(t.count(QStringLiteral("campsites")), 0);
    QCOMPARE(t.count(QStringLiteral("users")), 1);
}

void TestDemoData::passwordsAreRandomAndValid()
{
    QSet<QString> seen;
    for (int i = 0; i < 50; ++i) {
        const QString password = DemoData::generatePassword();
        QCOMPARE(password.size(), 14);
        CAMPDESK_VERIFY_OK(UserService::validatePassword(password, QStringLiteral("manager")));
        seen.insert(password);
    }
    QCOMPARE(seen.size(), 50);
}

CAMPDESK_DB_TEST_MAIN(TestDemoData)
#include "tst_demodata.moc"
