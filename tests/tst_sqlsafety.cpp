// Values typed into search boxes and forms stay values, on both databases, even when the PostgreSQL server's or the
// database's default is standard_conforming_strings = off (backslashes as escapes inside '...'): quotes,
// backslashes, $$, NUL and text decoded from invalid UTF-8 are stored and found exactly as given, or refused, and
// never change another row (a user's role).
#include "db/database.h"
#include "domain/campsiteservice.h"
#include "domain/customerservice.h"
#include "domain/userservice.h"
#include "testdatabase.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>

using namespace campdesk;
using namespace campdesk::test;

namespace {

// The connection string of a database, for a plain Qt connection outside Campdesk's session setup.
QSqlDatabase rawConnection(const QString& spec, const QString& name)
{
    const QUrl url(spec);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setHostName(url.host());
    db.setPort(url.port(5432));
    db.setDatabaseName(url.path().mid(1));
    db.setUserName(url.userName());
    db.setPassword(url.password());
    db.open();
    return db;
}

QString showSetting(QSqlDatabase db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SHOW standard_conforming_strings")) || !q.next())
        return QStringLiteral("error: ") + q.lastError().text();
    return q.value(0).toString();
}

// Sets the database's default to off; later connections start with backslash escapes on.
bool turnStandardStringsOff(const QString& spec)
{
    const QString name = QStringLiteral("sqlsafety-admin");
    bool ok = false;
    {
        QSqlDatabase db = rawConnection(spec, name);
        QSqlQuery q(db);
        ok = q.exec(
            QStringLiteral("ALTER DATABASE %1 SET standard_conforming_strings = off").arg(QUrl(spec).path().mid(1)));
        if (!ok)
            qWarning("ALTER DATABASE failed: %s", qPrintable(q.lastError().text()));
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

QString fromBytes(const char* bytes)
{
    return QString::fromUtf8(bytes);
}

} // namespace

class TestSqlSafety : public QObject
{
    Q_OBJECT
private slots:
    void sessionForcesStandardStrings();
    void hostileValuesStayValues_data();
    void hostileValuesStayValues();

private:
    // A migrated database and a second connection to it opened after the default was turned off (PostgreSQL).
    struct Fixture
    {
        Fixture()
        {
            if (currentBackend() == Backend::Postgres && !turnStandardStringsOff(t.spec()))
                return;
            hostile = t.openAnother();
        }
        TestDatabase t;
        std::unique_ptr<Database> hostile;
    };
};

void TestSqlSafety::sessionForcesStandardStrings()
{
    if (currentBackend() != Backend::Postgres)
        QSKIP("a PostgreSQL setting");
    Fixture f;
    QVERIFY(f.hostile);
    // The default really is off for a plain connection...
    {
        QSqlDatabase raw = rawConnection(f.t.spec(), QStringLiteral("sqlsafety-raw"));
        QCOMPARE(showSetting(raw), QStringLiteral("off"));
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("sqlsafety-raw"));
    // ...and on in Campdesk's session, which also reads a backslash in a literal as itself.
    Result<QString> setting = f.hostile->read([](SqlSession& s) -> Result<QString> {
        return s.scalar(QStringLiteral("SHOW standard_conforming_strings")).toString();
    });
    CAMPDESK_VERIFY_OK(setting);
    QCOMPARE(setting.value(), QStringLiteral("on"));
    Result<QString> backslash = f.hostile->read([](SqlSession& s) -> Result<QString> {
        return s.scalar(QStringLiteral("SELECT '\\' || ?"), { QStringLiteral("\\'") }).toString();
    });
    CAMPDESK_VERIFY_OK(backslash);
    QCOMPARE(backslash.value(), QStringLiteral("\\\\'"));
}

void TestSqlSafety::hostileValuesStayValues_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("storable"); // false: refused as invalid input, nothing stored
    QTest::newRow("quote") << QStringLiteral("O'Brien") << true;
    QTest::newRow("backslash") << QStringLiteral("a\\b") << true;
    QTest::newRow("backslash quote") << QStringLiteral("x\\'y") << true;
    QTest::newRow("trailing backslash") << QStringLiteral("camp\\") << true;
    QTest::newRow("backslash escape") << QStringLiteral("x\\' OR 1=1 --") << true;
    QTest::newRow("update via backslash") << QStringLiteral("z\\'; UPDATE users SET role = 'manager'; --") << true;
    QTest::newRow("update via dollar") << QStringLiteral("0=0;COMMIT;UPDATE users SET role=$$manager$$;--") << true;
    QTest::newRow("dollar quotes") << QStringLiteral("$$ $tag$ '$$'") << true;
    QTest::newRow("like wildcards") << QStringLiteral("100%_\\%") << true;
    QTest::newRow("invalid utf-8") << fromBytes("bad \xff\xfe \xc0\xaf end") << true;
    QTest::newRow("nul") << (QStringLiteral("nul") + QChar(0) + QStringLiteral("'; UPDATE users SET role = 'manager"))
                         << false;
}

void TestSqlSafety::hostileValuesStayValues()
{
    QFETCH(QString, value);
    QFETCH(bool, storable);
    Fixture f;
    QVERIFY(f.hostile);
    Database& db = *f.hostile;
    UserService users(db, 1000);
    CustomerService customers(db);
    CampsiteService campsites(db);
    const Actor system = Actor::system();

    Result<User> victim = users.createUser(system, QStringLiteral("victim"), QStringLiteral("Victim"), Role::FrontDesk,
                                           QStringLiteral("correct horse 1"));
    CAMPDESK_VERIFY_OK(victim);
    Customer known;
    known.name = QStringLiteral("Known Guest");
    known.phone = QStringLiteral("010-1111-2222");
    CAMPDESK_VERIFY_OK(customers.findOrCreate(system, known));
    const qint64 customersBefore = f.t.count(QStringLiteral("customers"));

    // The search box: the value is a pattern, never SQL; a text no one has finds no one.
    Result<QList<Customer>> found = customers.search(value);
    if (storable) {
        CAMPDESK_VERIFY_OK(found);
        QVERIFY2(found->isEmpty(), qPrintable(QStringLiteral("%1 found").arg(found->size())));
    } else {
        QVERIFY(!found.ok());
        QCOMPARE(found.error().code, ErrorCode::Invalid);
    }

    // Forms: a customer's name, a campsite's name and description, a user's display name.
    Customer guest;
    guest.name = value;
    guest.phone = QStringLiteral("010-3333-4444");
    Result<Customer> created = customers.findOrCreate(system, guest);
    Campsite draft;
    draft.code = QStringLiteral("X-1");
    draft.name = value;
    draft.description = value + QStringLiteral("\n") + value;
    draft.nightlyPrice = 30000;
    Result<Campsite> site = campsites.registerCampsite(system, draft);
    Result<User> clerk
        = users.createUser(system, QStringLiteral("clerk"), value, Role::FrontDesk, QStringLiteral("correct horse 1"));
    if (storable) {
        CAMPDESK_VERIFY_OK(created);
        Result<Customer> back = customers.get(created->id);
        CAMPDESK_VERIFY_OK(back);
        QCOMPARE(back->name, value.trimmed());
        // Found again by a part of it, exactly.
        Result<QList<Customer>> again = customers.search(value.trimmed());
        CAMPDESK_VERIFY_OK(again);
        QCOMPARE(again->size(), 1);
        QCOMPARE(again->first().id, created->id);

        CAMPDESK_VERIFY_OK(site);
        Result<Campsite> siteBack = campsites.get(site->id);
        CAMPDESK_VERIFY_OK(siteBack);
        QCOMPARE(siteBack->name, value.trimmed());
        QCOMPARE(siteBack->description, draft.description.trimmed());

        CAMPDESK_VERIFY_OK(clerk);
        Result<User> clerkBack = users.get(system, clerk->id);
        CAMPDESK_VERIFY_OK(clerkBack);
        QCOMPARE(clerkBack->displayName, value.trimmed());
    } else {
        QVERIFY(!created.ok());
        QCOMPARE(created.error().code, ErrorCode::Invalid);
        QVERIFY(!site.ok());
        QVERIFY(!clerk.ok());
        QCOMPARE(f.t.count(QStringLiteral("customers")), customersBefore);
        QCOMPARE(f.t.count(QStringLiteral("campsites")), qint64(0));
    }

    // Nothing else changed: the victim is still front desk, no one became a manager.
    Result<User> victimNow = users.get(system, victim->id);
    CAMPDESK_VERIFY_OK(victimNow);
    QCOMPARE(victimNow->role, Role::FrontDesk);
    QCOMPARE(f.t.count(QStringLiteral("users"), QStringLiteral("role = 'manager'")), qint64(0));

    // A value with NUL reaching the database directly (no validation in front) is refused, not cut short.
    Result<qint64> direct = db.write([&](Transaction& tx) -> Result<qint64> {
        tx.exec(QStringLiteral("UPDATE users SET display_name = ? WHERE id = ?"),
                { QStringLiteral("cut") + QChar(0) + QStringLiteral("short"), victim->id });
        return 1;
    });
    QVERIFY(!direct.ok());
    QCOMPARE(direct.error().code, ErrorCode::Invalid);
    Result<User> victimAfter = users.get(system, victim->id);
    CAMPDESK_VERIFY_OK(victimAfter);
    QCOMPARE(victimAfter->displayName, QStringLiteral("Victim"));
}

CAMPDESK_DB_TEST_MAIN(TestSqlSafety)
#include "tst_sqlsafety.moc"
