// The built campdesk binary as a user runs it: --version and --help work without any display, and
// --create-user takes the password from stdin (never argv), on both databases.
#include "domain/userservice.h"
#include "testdatabase.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <functional>

using namespace campdesk;
using namespace campdesk::test;

namespace {

QString campdeskBinary()
{
    QString dir = qEnvironmentVariable("CAMPDESK_BINARY_DIR");
    if (dir.isEmpty())
        dir = QStringLiteral(CAMPDESK_BINARY_DIR);
    return dir + QStringLiteral("/app/campdesk");
}

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs campdesk with no display of any kind: no X11, no Wayland, no Qt platform override.
Run runCampdesk(const QStringList& arguments, const QByteArray& stdinData = QByteArray(), bool closeStdin = true,
                const QString& configHome = QString(), const QString& locale = QString())
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name : { "QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY" })
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("XDG_DATA_HOME"), QDir::tempPath() + QStringLiteral("/campdesk-tst-cli-data"));
    if (!configHome.isEmpty()) {
        // A machine without a desktop keyring: the secrets go to the 0600 file under this config folder.
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), configHome);
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    }
    if (!locale.isEmpty()) {
        env.insert(QStringLiteral("LANG"), locale);
        env.insert(QStringLiteral("LC_ALL"), locale);
        env.remove(QStringLiteral("LANGUAGE"));
    }
    process.setProcessEnvironment(env);
    process.start(campdeskBinary(), arguments);
    Run run;
    if (!process.waitForStarted(10000))
        return run;
    if (!stdinData.isEmpty())
        process.write(stdinData);
    if (closeStdin)
        process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = QString::fromLocal8Bit(process.readAllStandardOutput());
    run.err = QString::fromLocal8Bit(process.readAllStandardError());
    return run;
}

// Starts the admin app (offscreen) on `spec` with its own data and config folders, waits until `ready` says what it
// printed on stdout or wrote to its log is enough, then stops it. Returns false when that never came.
bool runAdminAppUntil(const QString& spec, const QStringList& extra, const QString& home,
                      const std::function<bool(const QString& out, const QString& log)>& ready, QString* out,
                      QString* log)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    process.setProcessEnvironment(env);
    process.start(campdeskBinary(), QStringList { QStringLiteral("--database"), spec } + extra);
    if (!process.waitForStarted(10000))
        return false;
    QFile logFile(home + QStringLiteral("/data/Campdesk/campdesk/campdesk.log"));
    bool done = false;
    for (int waited = 0; waited < 60000 && process.state() == QProcess::Running && !done; waited += 100) {
        process.waitForReadyRead(100);
        *out += QString::fromLocal8Bit(process.readAllStandardOutput());
        if (logFile.exists() && (logFile.isOpen() || logFile.open(QIODevice::ReadOnly)))
            *log += QString::fromUtf8(logFile.readAll());
        done = ready(*out, *log);
    }
    process.kill(); // the window waits for a person; what it wrote so far is what the test looks at
    process.waitForFinished();
    return done;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private slots:
    void versionAndHelpNeedNoDisplay();
    void createUserReadsThePasswordFromStdin();
    void createUserRefusesBadInput();
    void setSecretStoresWithoutShowingIt();
    void firstStartMakesDemoDataOnlyWithDemo();
    void commandsSpeakTheLocaleLanguage();
};

void TestCli::commandsSpeakTheLocaleLanguage()
{
    TestDatabase t;
    QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
    const QStringList args { QStringLiteral("--database"), t.spec(), QStringLiteral("--create-user"),
                             QStringLiteral("desk") };
    const Run english = runCampdesk(args, "short\n", true, QString(), QStringLiteral("en_US.UTF-8"));
    QCOMPARE(english.exitCode, 1);
    QVERIFY2(english.err.contains(QLatin1String("at least 10")), qPrintable(english.err));
    // The same refusal in Korean, where the terminal speaks Korean.
    const Run korean = runCampdesk(args, "short\n", true, QString(), QStringLiteral("ko_KR.UTF-8"));
    QCOMPARE(korean.exitCode, 1);
    static const QRegularExpression hangul(QStringLiteral("[\\x{AC00}-\\x{D7A3}]"));
    QVERIFY2(korean.err.contains(hangul), qPrintable(korean.err));
    QVERIFY2(!korean.err.contains(QLatin1String("at least 10")), qPrintable(korean.err));
}

void TestCli::versionAndHelpNeedNoDisplay()
{
    const Run version = runCampdesk({ QStringLiteral("--version") });
    QCOMPARE(version.exitCode, 0);
    QVERIFY2(version.out.contains(QStringLiteral(CAMPDESK_VERSION)), qPrintable(version.out + version.err));
    const Run help = runCampdesk({ QStringLiteral("--help") });
    QCOMPARE(help.exitCode, 0);
    for (const char* option : { "--database", "--create-user", "--role", "--kiosk" })
        QVERIFY2(help.out.contains(QLatin1String(option)), option);
}

void TestCli::createUserReadsThePasswordFromStdin()
{
    TestDatabase t;
    QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
    const QString password = QStringLiteral("선명한 비밀번호 pw 42");
    const Run run = runCampdesk({ QStringLiteral("--database"), t.spec(), QStringLiteral("--create-user"),
                                  QStringLiteral("Night.Desk"), QStringLiteral("--role"), QStringLiteral("frontdesk") },
                                password.toUtf8() + "\n");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(run.out.contains(QLatin1String("night.desk")));
    QVERIFY(!run.out.contains(password) && !run.err.contains(password)); // never echoed

    UserService users(t.db());
    Result<Actor> actor = users.login(QStringLiteral("night.desk"), password);
    CAMPDESK_VERIFY_OK(actor);
    QCOMPARE(actor->role, Role::FrontDesk);
    QCOMPARE(t.count(QStringLiteral("audit_log"), QStringLiteral("action = 'user.create' AND actor = 'command line'")),
             1);
    QCOMPARE(t.count(QStringLiteral("users"), QStringLiteral("iterations = 600000")), 1);

    // A manager, with Windows line ending on stdin.
    const Run manager = runCampdesk({ QStringLiteral("--database"), t.spec(), QStringLiteral("--create-user"),
                                      QStringLiteral("boss"), QStringLiteral("--role"), QStringLiteral("manager") },
                                    "manager password\r\n");
    QVERIFY2(manager.exitCode == 0, qPrintable(manager.err));
    QCOMPARE(users.login(QStringLiteral("boss"), QStringLiteral("manager password"))->role, Role::Manager);
}

void TestCli::createUserRefusesBadInput()
{
    TestDatabase t;
    QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
    const QStringList base { QStringLiteral("--database"), t.spec(), QStringLiteral("--create-user") };
    const Run badRole
        = runCampdesk(base + QStringList { QStringLiteral("desk"), QStringLiteral("--role"), QStringLiteral("kiosk") },
                      "long enough password\n");
    QCOMPARE(badRole.exitCode, 2);
    QVERIFY(badRole.err.contains(QLatin1String("manager or frontdesk")));
    const Run badName
        = runCampdesk(base + QStringList { QStringLiteral("x'; DROP TABLE users;--") }, "long enough password\n");
    QCOMPARE(badName.exitCode, 2);
    const Run shortPassword = runCampdesk(base + QStringList { QStringLiteral("desk") }, "short\n");
    QCOMPARE(shortPassword.exitCode, 1);
    QVERIFY(shortPassword.err.contains(QLatin1String("at least 10")));
    const Run noPassword = runCampdesk(base + QStringList { QStringLiteral("desk") });
    QCOMPARE(noPassword.exitCode, 2);
    QCOMPARE(t.count(QStringLiteral("users")), 0);
}

void TestCli::setSecretStoresWithoutShowingIt()
{
    TestDatabase t;
    QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
    QTemporaryDir config;
    const QByteArray key = "sk_live_Zx81kQ2wT7pLm4Ns";
    const Run stored = runCampdesk({ QStringLiteral("--set-secret"), QStringLiteral("gateway-key") }, key + "\n", true,
                                   config.path());
    QVERIFY2(stored.exitCode == 0, qPrintable(stored.err));
    QVERIFY(stored.out.contains(QLatin1String("gateway-key")));
    QVERIFY(!stored.out.contains(QLatin1String(key)) && !stored.err.contains(QLatin1String(key)));
    const QString file = config.filePath(QStringLiteral("Campdesk/campdesk/secrets.json"));
    QVERIFY2(QFile::exists(file), qPrintable(stored.out));
    QCOMPARE(QFile::permissions(file),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser);

    // --check says which secrets are set, never their values.
    const Run check
        = runCampdesk({ QStringLiteral("--check"), QStringLiteral("--json"), QStringLiteral("--database"), t.spec() },
                      QByteArray(), true, config.path());
    QVERIFY2(!check.out.contains(QLatin1String(key)), qPrintable(check.out));
    const QJsonObject report = QJsonDocument::fromJson(check.out.toUtf8()).object();
    QJsonObject secrets;
    for (const QJsonValue& item : report.value(QStringLiteral("checks")).toArray()) {
        if (item.toObject().value(QStringLiteral("name")).toString() == QLatin1String("secrets"))
            secrets = item.toObject().value(QStringLiteral("details")).toObject();
    }
    QVERIFY2(!secrets.isEmpty(), qPrintable(check.out));
    QCOMPARE(secrets.value(QStringLiteral("gateway-key")).toBool(), true);
    QCOMPARE(secrets.value(QStringLiteral("smtp-password")).toBool(), false);

    // Refused, and nothing stored: an unknown name, an empty value, no value at all.
    const Run unknown
        = runCampdesk({ QStringLiteral("--set-secret"), QStringLiteral("root-password") }, "x\n", true, config.path());
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY(unknown.err.contains(QLatin1String("smtp-password")));
    const Run empty
        = runCampdesk({ QStringLiteral("--set-secret"), QStringLiteral("smtp-password") }, "  \n", true, config.path());
    QCOMPARE(empty.exitCode, 2);
    const Run none = runCampdesk({ QStringLiteral("--set-secret"), QStringLiteral("smtp-password") }, QByteArray(),
                                 true, config.path());
    QCOMPARE(none.exitCode, 2);
    QFile secretsFile(file);
    QVERIFY(secretsFile.open(QIODevice::ReadOnly));
    const QJsonObject saved = QJsonDocument::fromJson(secretsFile.readAll()).object();
    QVERIFY2(!saved.contains(QStringLiteral("smtp-password")), "a refused value was stored");
}

void TestCli::firstStartMakesDemoDataOnlyWithDemo()
{
    // Without --demo: the fresh database stays empty, and the app asks for the first manager account.
    {
        TestDatabase t;
        QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
        QTemporaryDir home;
        QString out;
        QString log;
        const bool asked = runAdminAppUntil(
            t.spec(), {}, home.path(),
            [](const QString&, const QString& log) {
                return log.contains(QLatin1String("asking for the first manager account"));
            },
            &out, &log);
        QVERIFY2(asked, qPrintable(out + log));
        QCOMPARE(t.count(QStringLiteral("users")), 0);
        QCOMPARE(t.count(QStringLiteral("campsites")), 0);
        QCOMPARE(t.count(QStringLiteral("reservations")), 0);
        QVERIFY2(!out.contains(QLatin1String("manager")), qPrintable(out)); // no demo login printed
        QVERIFY(!QFile::exists(home.filePath(QStringLiteral("data/Campdesk/campdesk/demo-logins.txt"))));
    }
    // With --demo: the demo campground and its accounts, the logins printed; no first-manager question.
    {
        TestDatabase t;
        QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
        QTemporaryDir home;
        QString out;
        QString log;
        static const QRegularExpression login(QStringLiteral(R"(^\s+desk\s+\S{14}\s)"),
                                              QRegularExpression::MultilineOption);
        const bool printed = runAdminAppUntil(
            t.spec(), { QStringLiteral("--demo") }, home.path(),
            [](const QString& out, const QString&) { return out.contains(login); }, &out, &log);
        QVERIFY2(printed, qPrintable(out + log));
        QCOMPARE(t.count(QStringLiteral("users")), 2);
        QVERIFY(t.count(QStringLiteral("campsites")) >= 18);
        QVERIFY(t.count(QStringLiteral("reservations")) >= 10);
        QVERIFY(!log.contains(QLatin1String("asking for the first manager account")));
        QVERIFY(QFile::exists(home.filePath(QStringLiteral("data/Campdesk/campdesk/demo-logins.txt"))));
    }
}

CAMPDESK_DB_TEST_MAIN(TestCli)
#include "tst_cli.moc"
