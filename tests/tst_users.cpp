// Staff accounts on both databases: PBKDF2 hashing, login, lockout with growing durations, audit rows,
// manager-only user management and input validation that changes nothing on error.
#include "core/eventbus.h"
#include "core/passwordhasher.h"
#include "domain/userservice.h"
#include "testdatabase.h"

#include <QPasswordDigestor>
#include <QSignalSpy>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

namespace {
constexpr int cheapIterations = 1000; // the default (600,000) is tested once; the rest need not pay for it
const QString goodPassword = QStringLiteral("correct horse 1");
} // namespace

class TestUsers : public QObject
{
    Q_OBJECT
private slots:
    void hasherMatchesKnownVectorsAndQt();
    void hasherSaltsEachHash();
    void defaultIterationsAreStoredAndWork();
    void createAndLogin();
    void wrongUserAndWrongPasswordLookTheSame();
    void lockoutAfterFiveGrowsEachTime();
    void successResetsTheCounters();
    void deactivatedUserCannotLogIn();
    void userManagementIsManagerOnly();
    void managerManagesUsers();
    void lastManagerCannotBeRemoved();
    void badInputChangesNothing_data();
    void badInputChangesNothing();
    void duplicateUsernameIsAConflict();
    void changeOwnPasswordNeedsTheCurrentOne();

private:
    struct Fixture
    {
        explicit Fixture(const QDateTime& start = QDateTime(QDate(2026, 7, 1), QTime(9, 0), Qt::UTC))
            : clock(start)
            , t(options())
            , users(t.db(), cheapIterations)
        {
        }
        Database::Options options()
        {
            Database::Options o;
            o.bus = &bus;
            o.clock = &clock;
            return o;
        }
        qint64 audits(const QString& action)
        {
            return t.count(QStringLiteral("audit_log"), QStringLiteral("action = '%1'").arg(action));
        }
        User create(const QString& name, Role role = Role::FrontDesk)
        {
            Result<User> user = users.createUser(Actor::system(), name, QString(), role, goodPassword);
            if (!user.ok())
                qFatal("cannot create %s: %s", qPrintable(name), qPrintable(user.error().message));
            return user.value();
        }
        EventBus bus;
        ManualClock clock;
        TestDatabase t;
        UserService users;
    };
};

void TestUsers::hasherMatchesKnownVectorsAndQt()
{
    // RFC 7914 section 11, PBKDF2-HMAC-SHA256 (first 32 bytes).
    QCOMPARE(PasswordHasher::derive(QStringLiteral("passwd"), QByteArray("salt"), 1).toHex(),
             QByteArray("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"));
    QCOMPARE(PasswordHasher::derive(QStringLiteral("Password"), QByteArray("NaCl"), 80000).toHex(),
             QByteArray("4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"));
    // The same output as Qt's own PBKDF2, including for non-ASCII passwords (UTF-8).
    const QString korean = QStringLiteral("캠핑장비밀번호🏕️");
    const QByteArray salt = PasswordHasher::randomBytes(16);
    QCOMPARE(PasswordHasher::derive(korean, salt, 2000),
             QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, korean.toUtf8(), salt, 2000, 32));
    QVERIFY(PasswordHasher::derive(korean, salt, 0).isEmpty());
    QVERIFY(PasswordHasher::constantTimeEquals(QByteArray("abc"), QByteArray("abc")));
    QVERIFY(!PasswordHasher::constantTimeEquals(QByteArray("abc"), QByteArray("abd")));
    QVERIFY(!PasswordHasher::constantTimeEquals(QByteArray("abc"), QByteArray("abcd")));
}

void TestUsers::hasherSaltsEachHash()
{
    const PasswordHasher::Hashed a = PasswordHasher::hash(goodPassword, cheapIterations);
    const PasswordHasher::Hashed b = PasswordHasher::hash(goodPassword, cheapIterations);
    QVERIFY(a.salt != b.salt);
    QVERIFY(a.hash != b.hash);
    QCOMPARE(QByteArray::fromBase64(a.salt.toLatin1()).size(), PasswordHasher::saltBytes);
    QVERIFY(PasswordHasher::verify(goodPassword, a.salt, a.iterations, a.hash));
    QVERIFY(!PasswordHasher::verify(goodPassword + QLatin1Char('x'), a.salt, a.iterations, a.hash));
    QVERIFY(!PasswordHasher::verify(goodPassword, a.salt, a.iterations + 1, a.hash));
    QVERIFY(!PasswordHasher::verify(goodPassword, a.salt, a.iterations, QString()));
}

void TestUsers::defaultIterationsAreStoredAndWork()
{
    TestDatabase t;
    QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
    UserService users(t.db()); // the production default
    QElapsedTimer timer;
    timer.start();
    CAMPDESK_VERIFY_OK(
        users.createUser(Actor::system(), QStringLiteral("boss"), QString(), Role::Manager, goodPassword));
    QCOMPARE(t.count(QStringLiteral("users"), QStringLiteral("iterations = 600000")), 1);
    Result<Actor> actor = users.login(QStringLiteral("boss"), goodPassword);
    CAMPDESK_VERIFY_OK(actor);
    QCOMPARE(actor->role, Role::Manager);
    qInfo("create + login with 600,000 iterations: %lld ms", timer.elapsed());
    QVERIFY(!users.login(QStringLiteral("boss"), QStringLiteral("wrong password")).ok());
}

void TestUsers::createAndLogin()
{
    Fixture f;
    QVERIFY(f.t.ok());
    QSignalSpy created(&f.bus, &EventBus::userCreated);
    Result<User> user = f.users.createUser(Actor::system(QStringLiteral("cli")), QStringLiteral("  Kim.Desk "),
                                           QStringLiteral("김 데스크"), Role::FrontDesk, goodPassword);
    CAMPDESK_VERIFY_OK(user);
    QCOMPARE(user->username, QStringLiteral("kim.desk"));
    QCOMPARE(user->displayName, QStringLiteral("김 데스크"));
    QCOMPARE(user->role, Role::FrontDesk);
    QCOMPARE(created.count(), 1);
    QCOMPARE(created.at(0).at(0).value<DomainEvent>().payload.value(QStringLiteral("username")).toString(),
             QStringLiteral("kim.desk"));
    QCOMPARE(f.audits(QStringLiteral("user.create")), 1);
    // The hash never appears in clear and the password is never stored.
    QCOMPARE(f.t.count(QStringLiteral("users"), QStringLiteral("password_hash LIKE '%horse%'")), 0);

    Result<Actor> actor = f.users.login(QStringLiteral("KIM.DESK"), goodPassword);
    CAMPDESK_VERIFY_OK(actor);
    QCOMPARE(actor->userId, user->id);
    QCOMPARE(actor->name, QStringLiteral("kim.desk"));
    QCOMPARE(actor->role, Role::FrontDesk);
    QCOMPARE(f.audits(QStringLiteral("login")), 1);
}

void TestUsers::wrongUserAndWrongPasswordLookTheSame()
{
    Fixture f;
    QVERIFY(f.t.ok());
    f.create(QStringLiteral("desk"));
    Result<Actor> wrongPassword = f.users.login(QStringLiteral("desk"), QStringLiteral("not the password"));
    Result<Actor> wrongUser = f.users.login(QStringLiteral("nobody"), goodPassword);
    QVERIFY(!wrongPassword.ok());
    QVERIFY(!wrongUser.ok());
    QCOMPARE(wrongPassword.error().message, wrongUser.error().message);
    QCOMPARE(wrongPassword.error().code, wrongUser.error().code);
    QCOMPARE(wrongUser.error().message, UserService::wrongCredentialsMessage());
    QCOMPARE(f.audits(QStringLiteral("login.failed")), 2);
    QCOMPARE(f.t.count(QStringLiteral("audit_log"),
                       QStringLiteral("action = 'login.failed' AND target = 'user:nobody' AND details = "
                                      "'{\"code\":\"login.unknown_user\"}'")),
             1);
}

void TestUsers::lockoutAfterFiveGrowsEachTime()
{
    Fixture f;
    QVERIFY(f.t.ok());
    f.create(QStringLiteral("desk"));
    const QString wrong = QStringLiteral("wrong password");
    const qint64 expectedMinutes[] = { 1, 5, 15, 60, 240, 1440, 1440 };
    for (int round = 0; round < int(std::size(expectedMinutes)); ++round) {
        for (int attempt = 1; attempt < UserService::maxFailedAttempts; ++attempt) {
            Result<Actor> r = f.users.login(QStringLiteral("desk"), wrong);
            QCOMPARE(r.error().code, ErrorCode::Forbidden);
        }
        Result<Actor> fifth = f.users.login(QStringLiteral("desk"), wrong);
        QVERIFY(!fifth.ok());
        QCOMPARE(fifth.error().code, ErrorCode::Locked);
        QCOMPARE(f.audits(QStringLiteral("login.lockout")), round + 1);
        const qint64 minutes = expectedMinutes[round];
        QCOMPARE(UserService::lockoutDurationMs(round + 1), minutes * 60000);

        // While locked even the right password is refused, without counting as a failure.
        f.clock.advanceMs(minutes * 60000 - 1000);
        Result<Actor> early = f.users.login(QStringLiteral("desk"), goodPassword);
        QCOMPARE(early.error().code, ErrorCode::Locked);
        QVERIFY2(early.error().message.contains(QLatin1String("1 more minute")), qPrintable(early.error().message));
        f.clock.advanceMs(1000);
    }
    QCOMPARE(f.audits(QStringLiteral("login.refused_locked")), qint64(std::size(expectedMinutes)));
    QCOMPARE(f.audits(QStringLiteral("login.failed")), qint64(std::size(expectedMinutes)) * 5);
    Result<User> user = f.users.findByUsername(QStringLiteral("desk"));
    QCOMPARE(user->lockouts, int(std::size(expectedMinutes)));
    // The lock has run out: the right password works again and clears the history.
    CAMPDESK_VERIFY_OK(f.users.login(QStringLiteral("desk"), goodPassword));
    user = f.users.findByUsername(QStringLiteral("desk"));
    QCOMPARE(user->lockouts, 0);
    QCOMPARE(user->failedAttempts, 0);
    QVERIFY(!user->lockedUntil.isValid());
}

void TestUsers::successResetsTheCounters()
{
    Fixture f;
    QVERIFY(f.t.ok());
    f.create(QStringLiteral("desk"));
    for (int i = 0; i < 4; ++i)
        QVERIFY(!f.users.login(QStringLiteral("desk"), QStringLiteral("wrong password")).ok());
    QCOMPARE(f.users.findByUsername(QStringLiteral("desk"))->failedAttempts, 4);
    CAMPDESK_VERIFY_OK(f.users.login(QStringLiteral("desk"), goodPassword));
    for (int i = 0; i < 4; ++i)
        QCOMPARE(f.users.login(QStringLiteral("desk"), QStringLiteral("wrong password")).error().code,
                 ErrorCode::Forbidden);
    QCOMPARE(f.audits(QStringLiteral("login.lockout")), 0);
}

void TestUsers::deactivatedUserCannotLogIn()
{
    Fixture f;
    QVERIFY(f.t.ok());
    const User desk = f.create(QStringLiteral("desk"));
    CAMPDESK_VERIFY_OK(f.users.setActive(Actor::system(), desk.id, false));
    Result<Actor> r = f.users.login(QStringLiteral("desk"), goodPassword);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().message, UserService::wrongCredentialsMessage());
    QCOMPARE(f.t.count(QStringLiteral("audit_log"), QStringLiteral("details = '{\"code\":\"login.deactivated\"}'")), 1);
    CAMPDESK_VERIFY_OK(f.users.setActive(Actor::system(), desk.id, true));
    CAMPDESK_VERIFY_OK(f.users.login(QStringLiteral("desk"), goodPassword));
}

void TestUsers::userManagementIsManagerOnly()
{
    Fixture f;
    QVERIFY(f.t.ok());
    f.create(QStringLiteral("boss"), Role::Manager);
    const User desk = f.create(QStringLiteral("desk"));
    Result<Actor> frontDesk = f.users.login(QStringLiteral("desk"), goodPassword);
    CAMPDESK_VERIFY_OK(frontDesk);
    const qint64 eventsBefore = f.t.count(QStringLiteral("domain_events"));
    const qint64 usersBefore = f.t.count(QStringLiteral("users"));

    for (const Actor& actor : { frontDesk.value(), Actor::kiosk() }) {
        QCOMPARE(
            f.users.createUser(actor, QStringLiteral("sneaky"), QString(), Role::Manager, goodPassword).error().code,
            ErrorCode::Forbidden);
        QCOMPARE(f.users.changeRole(actor, desk.id, Role::Manager).error().code, ErrorCode::Forbidden);
        QCOMPARE(f.users.setActive(actor, desk.id, false).error().code, ErrorCode::Forbidden);
        QCOMPARE(f.users.resetPassword(actor, desk.id, QStringLiteral("another password")).error().code,
                 ErrorCode::Forbidden);
        QCOMPARE(f.users.list(actor).error().code, ErrorCode::Forbidden);
    }
    QCOMPARE(f.t.count(QStringLiteral("users")), usersBefore);
    QCOMPARE(f.t.count(QStringLiteral("domain_events")), eventsBefore);
    QCOMPARE(f.users.findByUsername(QStringLiteral("desk"))->role, Role::FrontDesk);
    // A front-desk user may still read their own account.
    CAMPDESK_VERIFY_OK(f.users.get(frontDesk.value(), desk.id));
}

void TestUsers::managerManagesUsers()
{
    Fixture f;
    QVERIFY(f.t.ok());
    f.create(QStringLiteral("boss"), Role::Manager);
    Result<Actor> boss = f.users.login(QStringLiteral("boss"), goodPassword);
    CAMPDESK_VERIFY_OK(boss);
    QSignalSpy modified(&f.bus, &EventBus::userModified);

    Result<User> desk = f.users.createUser(boss.value(), QStringLiteral("desk"), QStringLiteral("Desk"),
                                           Role::FrontDesk, goodPassword);
    CAMPDESK_VERIFY_OK(desk);
    CAMPDESK_VERIFY_OK(f.users.changeRole(boss.value(), desk->id, Role::Manager));
    QCOMPARE(f.users.findByUsername(QStringLiteral("desk"))->role, Role::Manager);
    QCOMPARE(modified.count(), 1);

    // Lock the account out, then a reset lifts the lock and sets the new password.
    for (int i = 0; i < UserService::maxFailedAttempts; ++i)
        QVERIFY(!f.users.login(QStringLiteral("desk"), QStringLiteral("wrong password")).ok());
    QCOMPARE(f.users.login(QStringLiteral("desk"), goodPassword).error().code, ErrorCode::Locked);
    CAMPDESK_VERIFY_OK(f.users.resetPassword(boss.value(), desk->id, QStringLiteral("brand new secret")));
    QVERIFY(!f.users.login(QStringLiteral("desk"), goodPassword).ok());
    CAMPDESK_VERIFY_OK(f.users.login(QStringLiteral("desk"), QStringLiteral("brand new secret")));

    CAMPDESK_VERIFY_OK(f.users.setActive(boss.value(), desk->id, false));
    QCOMPARE(modified.count(), 3);
    Result<QList<User>> all = f.users.list(boss.value());
    CAMPDESK_VERIFY_OK(all);
    QCOMPARE(all->size(), 2);
    QCOMPARE(f.audits(QStringLiteral("user.role")), 1);
    QCOMPARE(f.audits(QStringLiteral("user.reset_password")), 1);
    QCOMPARE(f.audits(QStringLiteral("user.deactivate")), 1);
    QCOMPARE(f.t.count(QStringLiteral("audit_log"), QStringLiteral("action = 'user.role' AND actor = 'boss'")), 1);
}

void TestUsers::lastManagerCannotBeRemoved()
{
    Fixture f;
    QVERIFY(f.t.ok());
    const User boss = f.create(QStringLiteral("boss"), Role::Manager);
    const Actor bossActor { boss.id, boss.username, Role::Manager };
    QCOMPARE(f.users.setActive(bossActor, boss.id, false).error().code, ErrorCode::Invalid);
    QCOMPARE(f.users.setActive(Actor::system(), boss.id, false).error().code, ErrorCode::Invalid);
    QCOMPARE(f.users.changeRole(Actor::system(), boss.id, Role::FrontDesk).error().code, ErrorCode::Invalid);
    QVERIFY(f.users.findByUsername(QStringLiteral("boss"))->active);
    f.create(QStringLiteral("second"), Role::Manager);
    CAMPDESK_VERIFY_OK(f.users.changeRole(Actor::system(), boss.id, Role::FrontDesk));
}

void TestUsers::badInputChangesNothing_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("field");
    const QString longName = QString(33, QLatin1Char('a'));
    QTest::newRow("empty") << QString() << goodPassword << "username";
    QTest::newRow("blank") << QStringLiteral("   ") << goodPassword << "username";
    QTest::newRow("too short") << QStringLiteral("ab") << goodPassword << "username";
    QTest::newRow("overlong") << longName << goodPassword << "username";
    QTest::newRow("emoji") << QStringLiteral("camp🏕️er") << goodPassword << "username";
    QTest::newRow("korean") << QStringLiteral("관리자") << goodPassword << "username";
    QTest::newRow("sql quote") << QStringLiteral("x'); DROP TABLE users; --") << goodPassword << "username";
    QTest::newRow("sql wildcard") << QStringLiteral("desk%") << goodPassword << "username";
    QTest::newRow("space inside") << QStringLiteral("front desk") << goodPassword << "username";
    QTest::newRow("starts with digit") << QStringLiteral("1desk") << goodPassword << "username";
    QTest::newRow("empty password") << QStringLiteral("desk") << QString() << "password";
    QTest::newRow("9-char password") << QStringLiteral("desk") << QStringLiteral("123456789") << "password";
    QTest::newRow("overlong password") << QStringLiteral("desk") << QString(257, QLatin1Char('p')) << "password";
    QTest::newRow("password = username") << QStringLiteral("frontdesk01") << QStringLiteral("FrontDesk01")
                                         << "password";
}

void TestUsers::badInputChangesNothing()
{
    QFETCH(QString, username);
    QFETCH(QString, password);
    QFETCH(QString, field);
    Fixture f;
    QVERIFY(f.t.ok());
    const User desk = f.create(QStringLiteral("desk"));
    const qint64 events = f.t.count(QStringLiteral("domain_events"));
    const qint64 userAudits = f.t.count(QStringLiteral("audit_log"), QStringLiteral("action LIKE 'user.%'"));

    Result<User> created = f.users.createUser(Actor::system(), username, QString(), Role::FrontDesk, password);
    QVERIFY(!created.ok());
    QCOMPARE(created.error().code, ErrorCode::Invalid);
    QCOMPARE(created.error().field, field);
    QVERIFY(!created.error().message.isEmpty());
    if (password.size() < UserService::minPasswordLength || password.size() > UserService::maxPasswordLength) {
        QVERIFY(!f.users.resetPassword(Actor::system(), desk.id, password).ok());
        CAMPDESK_VERIFY_OK(f.users.login(QStringLiteral("desk"), goodPassword));
    }
    QCOMPARE(f.t.count(QStringLiteral("users")), 1);
    QCOMPARE(f.t.count(QStringLiteral("domain_events")), events);
    QCOMPARE(f.t.count(QStringLiteral("audit_log"), QStringLiteral("action LIKE 'user.%'")), userAudits);
    // Logging in with garbage is just a wrong login, never an error of another kind.
    Result<Actor> login = f.users.login(username, password);
    QCOMPARE(login.error().code, ErrorCode::Forbidden);
}

void TestUsers::duplicateUsernameIsAConflict()
{
    Fixture f;
    QVERIFY(f.t.ok());
    f.create(QStringLiteral("desk"));
    Result<User> again = f.users.createUser(Actor::system(), QStringLiteral("DESK"), QString(), Role::Manager,
                                            QStringLiteral("some other password"));
    QCOMPARE(again.error().code, ErrorCode::Conflict);
    QCOMPARE(f.t.count(QStringLiteral("users")), 1);
    QCOMPARE(f.users.findByUsername(QStringLiteral("desk"))->role, Role::FrontDesk);
}

void TestUsers::changeOwnPasswordNeedsTheCurrentOne()
{
    Fixture f;
    QVERIFY(f.t.ok());
    const User desk = f.create(QStringLiteral("desk"));
    const Actor me { desk.id, desk.username, desk.role };
    QVERIFY(!f.users.changeOwnPassword(me, QStringLiteral("not my password"), QStringLiteral("a new password")).ok());
    QVERIFY(!f.users.changeOwnPassword(me, goodPassword, QStringLiteral("short")).ok());
    CAMPDESK_VERIFY_OK(f.users.login(QStringLiteral("desk"), goodPassword));
    CAMPDESK_VERIFY_OK(f.users.changeOwnPassword(me, goodPassword, QStringLiteral("a new password")));
    CAMPDESK_VERIFY_OK(f.users.login(QStringLiteral("desk"), QStringLiteral("a new password")));
    QCOMPARE(f.t.count(QStringLiteral("audit_log"), QStringLiteral("action = 'user.change_password'")), 1);
}

CAMPDESK_DB_TEST_MAIN(TestUsers)
#include "tst_users.moc"
