// Demo data on both databases: a fresh database gets campsites of every kind, customers and two working
// logins; a used database is never touched.
#include "ops/appcontext.h"
#include "ops/demodata.h"
#include "testdatabase.h"

#include <QSet>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

class TestDemoData : public QObject
{
    Q_OBJECT
private slots:
    void fillsAFreshDatabaseOnce();
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
