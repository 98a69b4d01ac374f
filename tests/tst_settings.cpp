// TerminalSettings (typed, validated, safe on a malformed file) and SecretStore (keyring or a 0600 file, never the
// settings file).
#include "core/secretstore.h"
#include "core/terminalsettings.h"
#include "core/transportsecurity.h"
#include "db/database.h"
#include "testdatabase.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace campdesk;
using Key = TerminalSettings::Key;

class TestSettings : public QObject
{
    Q_OBJECT
private slots:
    void defaultsAreValid();
    void valuesPersistAndSignal();
    void invalidValuesAreRefused_data();
    void invalidValuesAreRefused();
    void malformedFileGivesMessagesAndDefaults_data();
    void malformedFileGivesMessagesAndDefaults();
    void passwordInDatabaseUrlIsRefused();
    void secretsFallBackToA0600File();
    void secretsNeverLandInTheSettingsFile();
    void keychainOrFallbackRoundTrips();
    void damagedSecretsFileIsAClearError();
    void loopbackIsKnown_data();
    void loopbackIsKnown();
    void plainConnectionsAreListed();
    void postgresGetsTlsByDefault();
    void documentedPathIsTheOneRead();
    void documentedExampleIsReadAsWritten_data();
    void documentedExampleIsReadAsWritten();
};

namespace {

QString sourceFile(const QString& relative)
{
    QFile file(QStringLiteral(CAMPDESK_SOURCE_DIR "/") + relative);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// The example settings file in the README (the ```ini block under "### Settings") or in the man page (the .nf/.fi
// block of its EXAMPLES section).
QString documentedExample(const QString& where)
{
    if (where == QLatin1String("README")) {
        const QString readme = sourceFile(QStringLiteral("README.md"));
        const qsizetype section = readme.indexOf(QLatin1String("\n### Settings\n"));
        const qsizetype start = readme.indexOf(QLatin1String("```ini\n"), section);
        const qsizetype end = readme.indexOf(QLatin1String("```\n"), start + 7);
        return section < 0 || start < 0 || end < 0 ? QString() : readme.mid(start + 7, end - start - 7);
    }
    const QString man = sourceFile(QStringLiteral("resources/campdesk.h2m"));
    const qsizetype section = man.indexOf(QLatin1String("[EXAMPLES]"));
    const qsizetype start = man.indexOf(QLatin1String("\n.nf\n"), section);
    const qsizetype end = man.indexOf(QLatin1String("\n.fi\n"), start);
    // "\\&" keeps a line that starts with "[" from reading as a section of the include file; roff prints nothing.
    return section < 0 || start < 0 || end < 0 ? QString()
                                               : man.mid(start + 5, end - start - 4).remove(QStringLiteral("\\&"));
}

} // namespace

void TestSettings::defaultsAreValid()
{
    auto settings = TerminalSettings::createTemporary();
    QVERIFY(settings->problems().isEmpty());
    for (Key key : TerminalSettings::allKeys())
        QVERIFY2(settings->validate(key, settings->value(key)).isEmpty(), qPrintable(TerminalSettings::keyName(key)));
    QCOMPARE(settings->kind(), QStringLiteral("admin"));
    QCOMPARE(settings->language(), QStringLiteral("ko"));
    QCOMPARE(settings->kioskIdleSeconds(), 90);
    QCOMPARE(settings->smtpPort(), 587);
    QVERIFY(settings->databaseSpec().endsWith(QLatin1String("campdesk.db")));
    QCOMPARE(settings->logFolder(), TerminalSettings::dataFolder());
}

void TestSettings::valuesPersistAndSignal()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("terminal.ini"));
    {
        TerminalSettings settings(path);
        QSignalSpy spy(&settings, &TerminalSettings::changed);
        QVERIFY(settings.setValue(Key::Kind, QStringLiteral("kiosk")).ok());
        QVERIFY(settings.setValue(Key::KioskIdleSeconds, 45).ok());
        QVERIFY(settings.setValue(Key::GatewayUrl, QStringLiteral("http://127.0.0.1:8080/v1")).ok());
        QVERIFY(settings.setValue(Key::SmtpPort, QStringLiteral(" 465 ")).ok());
        QVERIFY(settings.setValue(Key::DatabaseSpec, QStringLiteral("postgresql://camp@db.local:5432/camp")).ok());
        QCOMPARE(spy.count(), 5);
        QCOMPARE(spy.at(0).at(0).value<Key>(), Key::Kind);
        QVERIFY(settings.setValue(Key::Kind, QStringLiteral("kiosk")).ok()); // unchanged: no signal
        QCOMPARE(spy.count(), 5);
    }
    TerminalSettings reread(path);
    QVERIFY(reread.problems().isEmpty());
    QVERIFY(reread.isKiosk());
    QCOMPARE(reread.kioskIdleSeconds(), 45);
    QCOMPARE(reread.smtpPort(), 465);
    QCOMPARE(reread.gatewayUrl(), QStringLiteral("http://127.0.0.1:8080/v1"));
    QCOMPARE(reread.databaseSpec(), QStringLiteral("postgresql://camp@db.local:5432/camp"));
    QCOMPARE(TerminalSettings::withPassword(reread.databaseSpec(), QStringLiteral("p@ss")),
             QStringLiteral("postgresql://camp:p%40ss@db.local:5432/camp"));
    QCOMPARE(TerminalSettings::withPassword(QStringLiteral("/var/lib/campdesk.db"), QStringLiteral("x")),
             QStringLiteral("/var/lib/campdesk.db"));
}

void TestSettings::invalidValuesAreRefused_data()
{
    QTest::addColumn<Key>("key");
    QTest::addColumn<QVariant>("value");
    QTest::newRow("kind") << Key::Kind << QVariant(QStringLiteral("toaster"));
    QTest::newRow("language") << Key::Language << QVariant(QStringLiteral("fr"));
    QTest::newRow("idle too short") << Key::KioskIdleSeconds << QVariant(3);
    QTest::newRow("idle not a number") << Key::KioskIdleSeconds << QVariant(QStringLiteral("soon"));
    QTest::newRow("port 0") << Key::SmtpPort << QVariant(0);
    QTest::newRow("port 70000") << Key::SmtpPort << QVariant(70000);
    QTest::newRow("tls") << Key::SmtpTls << QVariant(QStringLiteral("maybe"));
    QTest::newRow("gateway ftp") << Key::GatewayUrl << QVariant(QStringLiteral("ftp://pay.example"));
    QTest::newRow("webhook junk") << Key::WebhookUrl << QVariant(QStringLiteral("not a url"));
    QTest::newRow("empty name") << Key::TerminalName << QVariant(QString());
    QTest::newRow("empty database") << Key::DatabaseSpec << QVariant(QString());
}

void TestSettings::invalidValuesAreRefused()
{
    QFETCH(Key, key);
    QFETCH(QVariant, value);
    auto settings = TerminalSettings::createTemporary();
    QSignalSpy spy(settings.get(), &TerminalSettings::changed);
    const QVariant before = settings->value(key);
    Status status = settings->setValue(key, value);
    QVERIFY(!status.ok());
    QVERIFY(!status.error().message.isEmpty());
    QCOMPARE(status.error().field, TerminalSettings::keyName(key));
    QCOMPARE(settings->value(key), before);
    QCOMPARE(spy.count(), 0);
    TerminalSettings reread(settings->filePath());
    QCOMPARE(reread.value(key), before);
}

void TestSettings::malformedFileGivesMessagesAndDefaults_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("minProblems");
    QByteArray garbage;
    for (int i = 0; i < 4096; ++i)
        garbage.append(static_cast<char>((i * 7919 + 13) % 256));
    QTest::newRow("garbage bytes") << garbage << 1;
    QTest::newRow("wrong types and ranges")
        << QByteArray("[terminal]\nkind=toaster\nlanguage=42\nname=\n[kiosk]\nidleSeconds=abc\n[smtp]\nport=70000\n"
                      "tls=@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\x1)\n[payment]\ngatewayUrl=a, b, c\n"
                      "[database]\nspec=postgresql://camp:hunter2@db/camp\n")
        << 7;
    QTest::newRow("truncated section") << QByteArray("[terminal\nkind=kiosk\n\xff\xfe\x00\x01[[[=\n") << 0;
}

void TestSettings::malformedFileGivesMessagesAndDefaults()
{
    QFETCH(QByteArray, content);
    QFETCH(int, minProblems);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("terminal.ini"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();

    TerminalSettings settings(path);
    QVERIFY2(settings.problems().size() >= minProblems, qPrintable(settings.problems().join(QLatin1Char('\n'))));
    for (const QString& problem : settings.problems())
        QVERIFY2(problem.contains(QLatin1String("terminal.ini")), qPrintable(problem));
    // Whatever was in the file, every value the program sees is a valid one.
    for (Key key : TerminalSettings::allKeys())
        QVERIFY2(settings.validate(key, settings.value(key)).isEmpty(), qPrintable(TerminalSettings::keyName(key)));
    if (minProblems > 1) {
        QCOMPARE(settings.kind(), QStringLiteral("admin"));
        QCOMPARE(settings.kioskIdleSeconds(), 90);
        QCOMPARE(settings.smtpPort(), 587);
        QCOMPARE(settings.smtpTls(), QStringLiteral("starttls"));
        QCOMPARE(settings.gatewayUrl(), QString());
        QVERIFY(!settings.databaseSpec().contains(QLatin1String("hunter2")));
        for (const QString& problem : settings.problems())
            QVERIFY2(!problem.contains(QLatin1String("hunter2")), qPrintable(problem));
    }
    // And the file can be written again.
    QVERIFY(settings.setValue(Key::Language, QStringLiteral("en")).ok());
    QCOMPARE(TerminalSettings(path).language(), QStringLiteral("en"));
}

void TestSettings::passwordInDatabaseUrlIsRefused()
{
    auto settings = TerminalSettings::createTemporary();
    Status status = settings->setValue(Key::DatabaseSpec, QStringLiteral("postgresql://camp:hunter2@db/camp"));
    QVERIFY(!status.ok());
    QVERIFY(status.error().message.contains(QLatin1String("secret store")));
    QFile file(settings->filePath());
    if (file.open(QIODevice::ReadOnly))
        QVERIFY(!file.readAll().contains("hunter2"));
}

namespace {
SecretStore::Options fileOnly(const QString& path)
{
    SecretStore::Options options;
    options.useKeychain = false;
    options.fallbackFile = path;
    return options;
}
} // namespace

void TestSettings::secretsFallBackToA0600File()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config/secrets.json"));
    SecretStore store(fileOnly(path));
    QCOMPARE(store.read(SecretStore::Secret::GatewayKey).value(), QString());
    QVERIFY(store.write(SecretStore::Secret::GatewayKey, QStringLiteral("test_sk_gateway")).ok());
    QVERIFY(store.write(SecretStore::Secret::SmtpPassword, QStringLiteral("메일 비밀번호")).ok());
    QCOMPARE(store.lastBackend(), QStringLiteral("file"));

    struct stat info
    {
    };
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
    QCOMPARE(info.st_mode & 07777, mode_t(0600));
    QCOMPARE(::stat(QFile::encodeName(dir.filePath(QStringLiteral("config"))).constData(), &info), 0);
    QCOMPARE(info.st_mode & 077, mode_t(0));

    SecretStore again(fileOnly(path));
    QCOMPARE(again.read(SecretStore::Secret::GatewayKey).value(), QStringLiteral("test_sk_gateway"));
    QCOMPARE(again.read(SecretStore::Secret::SmtpPassword).value(), QStringLiteral("메일 비밀번호"));
    QVERIFY(again.remove(SecretStore::Secret::GatewayKey).ok());
    QCOMPARE(again.read(SecretStore::Secret::GatewayKey).value(), QString());
    QCOMPARE(again.read(SecretStore::Secret::SmtpPassword).value(), QStringLiteral("메일 비밀번호"));
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
    QCOMPARE(info.st_mode & 07777, mode_t(0600));

    // A file someone made world-readable is tightened when read.
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
    QVERIFY(again.read(SecretStore::Secret::SmtpPassword).ok());
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
    QCOMPARE(info.st_mode & 07777, mode_t(0600));
}

void TestSettings::secretsNeverLandInTheSettingsFile()
{
    QTemporaryDir dir;
    TerminalSettings settings(dir.filePath(QStringLiteral("terminal.ini")));
    QVERIFY(settings.setValue(Key::SmtpUser, QStringLiteral("desk@camp.example")).ok());
    QVERIFY(settings.setValue(Key::GatewayUrl, QStringLiteral("https://pay.example/v1")).ok());
    QVERIFY(settings.setValue(Key::DatabaseSpec, QStringLiteral("postgresql://camp@db/camp")).ok());
    // The default store places its file next to the settings; here both sit in the same folder.
    SecretStore store(fileOnly(dir.filePath(QStringLiteral("secrets.json"))));
    QVERIFY(store.write(SecretStore::Secret::GatewayKey, QStringLiteral("GATEWAY-SECRET-1")).ok());
    QVERIFY(store.write(SecretStore::Secret::SmtpPassword, QStringLiteral("SMTP-SECRET-2")).ok());
    QVERIFY(store.write(SecretStore::Secret::DatabasePassword, QStringLiteral("DB-SECRET-3")).ok());
    QVERIFY(settings.setValue(Key::Language, QStringLiteral("en")).ok());

    QFile ini(settings.filePath());
    QVERIFY(ini.open(QIODevice::ReadOnly));
    const QByteArray content = ini.readAll();
    QVERIFY(content.contains("desk@camp.example"));
    for (const char* secret : { "GATEWAY-SECRET-1", "SMTP-SECRET-2", "DB-SECRET-3" })
        QVERIFY2(!content.contains(secret), secret);
    QCOMPARE(TerminalSettings::withPassword(settings.databaseSpec(),
                                            store.read(SecretStore::Secret::DatabasePassword).value()),
             QStringLiteral("postgresql://camp:DB-SECRET-3@db/camp"));
}

void TestSettings::keychainOrFallbackRoundTrips()
{
    // With the keyring enabled: here (no secret service) it falls back to the file; on a desktop with a keyring
    // the secret goes there. Either way it comes back, and the file never holds it world-readable.
    QTemporaryDir dir;
    SecretStore::Options options;
    options.service = QStringLiteral("campdesk-test-%1").arg(QCoreApplication::applicationPid());
    options.fallbackFile = dir.filePath(QStringLiteral("secrets.json"));
    options.keychainTimeoutMs = 2000;
    SecretStore store(options);
    QVERIFY(store.write(SecretStore::Secret::DatabasePassword, QStringLiteral("kc-secret")).ok());
    const QString backend = store.lastBackend();
    QVERIFY2(backend == QLatin1String("keychain") || backend == QLatin1String("file"), qPrintable(backend));
    QCOMPARE(SecretStore(options).read(SecretStore::Secret::DatabasePassword).value(), QStringLiteral("kc-secret"));
    if (backend == QLatin1String("file")) {
        struct stat info
        {
        };
        QCOMPARE(::stat(QFile::encodeName(options.fallbackFile).constData(), &info), 0);
        QCOMPARE(info.st_mode & 07777, mode_t(0600));
    }
    QVERIFY(store.remove(SecretStore::Secret::DatabasePassword).ok());
    QCOMPARE(SecretStore(options).read(SecretStore::Secret::DatabasePassword).value(), QString());
}

void TestSettings::damagedSecretsFileIsAClearError()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("secrets.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{not json");
    file.close();
    SecretStore store(fileOnly(path));
    Result<QString> read = store.read(SecretStore::Secret::SmtpPassword);
    QVERIFY(!read.ok());
    QVERIFY(read.error().message.contains(QLatin1String("damaged")));
    // Entering the secret again replaces the damaged file.
    QVERIFY(store.write(SecretStore::Secret::SmtpPassword, QStringLiteral("fresh")).ok());
    QCOMPARE(store.read(SecretStore::Secret::SmtpPassword).value(), QStringLiteral("fresh"));
}

void TestSettings::loopbackIsKnown_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("loopback");
    QTest::newRow("127.0.0.1") << QStringLiteral("127.0.0.1") << true;
    QTest::newRow("127.8.9.10") << QStringLiteral("127.8.9.10") << true;
    QTest::newRow("::1") << QStringLiteral("::1") << true;
    QTest::newRow("[::1]") << QStringLiteral("[::1]") << true;
    QTest::newRow("localhost") << QStringLiteral("LocalHost") << true;
    QTest::newRow("private range") << QStringLiteral("192.168.0.10") << false;
    QTest::newRow("name") << QStringLiteral("db.campground.example") << false;
    QTest::newRow("look-alike name") << QStringLiteral("127.0.0.1.example.com") << false;
    QTest::newRow("empty") << QString() << false;
}

void TestSettings::loopbackIsKnown()
{
    QFETCH(QString, host);
    QFETCH(bool, loopback);
    QCOMPARE(TransportSecurity::isLoopbackHost(host), loopback);
}

void TestSettings::plainConnectionsAreListed()
{
    std::unique_ptr<TerminalSettings> settings = TerminalSettings::createTemporary();
    QVERIFY(settings->plainConnections().isEmpty());
    QVERIFY(!settings->allowPlainConnections());
    // Encrypted, or on this machine: nothing to say.
    CAMPDESK_VERIFY_OK(settings->setValue(Key::GatewayUrl, QStringLiteral("https://pay.campground.example/v1")));
    CAMPDESK_VERIFY_OK(settings->setValue(Key::WebhookUrl, QStringLiteral("http://127.0.0.1:9000/sms")));
    CAMPDESK_VERIFY_OK(settings->setValue(Key::SmtpHost, QStringLiteral("localhost")));
    CAMPDESK_VERIFY_OK(settings->setValue(Key::SmtpTls, QStringLiteral("none")));
    CAMPDESK_VERIFY_OK(settings->setValue(Key::DatabaseSpec, QStringLiteral("postgresql://camp@db.example/camp")));
    QVERIFY2(settings->plainConnections().isEmpty(), qPrintable(settings->plainConnections().join(u'\n')));
    // Each one that leaves the machine in clear text is named.
    CAMPDESK_VERIFY_OK(settings->setValue(Key::GatewayUrl, QStringLiteral("http://pay.campground.example/v1")));
    CAMPDESK_VERIFY_OK(settings->setValue(Key::WebhookUrl, QStringLiteral("http://sms.campground.example/send")));
    CAMPDESK_VERIFY_OK(settings->setValue(Key::SmtpHost, QStringLiteral("mail.campground.example")));
    CAMPDESK_VERIFY_OK(
        settings->setValue(Key::DatabaseSpec, QStringLiteral("postgresql://camp@db.example/camp?sslmode=prefer")));
    const QStringList plain = settings->plainConnections();
    QCOMPARE(plain.size(), 4);
    for (const char* host :
         { "pay.campground.example", "sms.campground.example", "mail.campground.example", "db.example" })
        QVERIFY2(plain.join(u'\n').contains(QLatin1String(host)), host);
    // Allowing them is an explicit true, nothing else.
    QVERIFY(!settings->setValue(Key::AllowPlainConnections, QStringLiteral("yes")).ok());
    QVERIFY(!settings->allowPlainConnections());
    CAMPDESK_VERIFY_OK(settings->setValue(Key::AllowPlainConnections, QStringLiteral("true")));
    QVERIFY(settings->allowPlainConnections());
}

void TestSettings::postgresGetsTlsByDefault()
{
    // Another machine, no sslmode named: TLS with the server's certificate and name checked.
    Result<QStringList> remote
        = TransportSecurity::postgresOptions(QUrl(QStringLiteral("postgresql://u@db.example/x")), false);
    CAMPDESK_VERIFY_OK(remote);
    QVERIFY(remote.value().contains(QStringLiteral("sslmode=verify-full")));
    // A mode the administrator chose is kept.
    Result<QStringList> required = TransportSecurity::postgresOptions(
        QUrl(QStringLiteral("postgresql://u@db.example/x?sslmode=require&application_name=desk")), false);
    CAMPDESK_VERIFY_OK(required);
    QCOMPARE(required.value(),
             (QStringList { QStringLiteral("sslmode=require"), QStringLiteral("application_name=desk") }));
    // A mode that may fall back to clear text is refused, unless allowed.
    for (const char* mode : { "disable", "allow", "prefer" }) {
        const QUrl url(QStringLiteral("postgresql://u@db.example/x?sslmode=") + QLatin1String(mode));
        Result<QStringList> refused = TransportSecurity::postgresOptions(url, false);
        QVERIFY2(!refused.ok(), mode);
        QVERIFY(refused.error().message.contains(QLatin1String("allowPlainConnections")));
        CAMPDESK_VERIFY_OK(TransportSecurity::postgresOptions(url, true));
    }
    // This machine: nothing added, anything allowed.
    Result<QStringList> local = TransportSecurity::postgresOptions(
        QUrl(QStringLiteral("postgresql://u@127.0.0.1:5432/x?sslmode=disable")), false);
    CAMPDESK_VERIFY_OK(local);
    QCOMPARE(local.value(), QStringList { QStringLiteral("sslmode=disable") });
    // And Database::open refuses before connecting (no traffic leaves this machine in this test).
    Result<std::unique_ptr<Database>> db
        = Database::open(QStringLiteral("postgresql://u@db.example/x?sslmode=disable"));
    QVERIFY(!db.ok());
    QVERIFY2(db.error().message.contains(QLatin1String("sslmode=disable")), qPrintable(db.error().message));
}

void TestSettings::documentedPathIsTheOneRead()
{
    // As the program names itself (main.cpp), the default file is ~/.config/Campdesk/campdesk/terminal.ini.
    const QString organization = QCoreApplication::organizationName();
    const QString application = QCoreApplication::applicationName();
    QCoreApplication::setOrganizationName(QStringLiteral("Campdesk"));
    QCoreApplication::setApplicationName(QStringLiteral("campdesk"));
    const QString path = TerminalSettings::defaultFilePath();
    QCoreApplication::setOrganizationName(organization);
    QCoreApplication::setApplicationName(application);
    QCOMPARE(path,
             QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
                 + QStringLiteral("/Campdesk/campdesk/terminal.ini"));

    // The README and the man page name that file, and no other settings file under ~/.config.
    for (const QString& doc : { QStringLiteral("README.md"), QStringLiteral("resources/campdesk.h2m") }) {
        const QString text = sourceFile(doc);
        QVERIFY2(text.contains(QLatin1String("~/.config/Campdesk/campdesk/terminal.ini")), qPrintable(doc));
        static const QRegularExpression configPath(QStringLiteral(R"(\.config/Campdesk/[^\s`)*,;]+)"));
        QRegularExpressionMatchIterator it = configPath.globalMatch(text);
        while (it.hasNext()) {
            const QString named = it.next().captured(0);
            QVERIFY2(named.endsWith(QLatin1String("/Campdesk/campdesk/terminal.ini"))
                         || named.endsWith(QLatin1String("/Campdesk/campdesk/secrets.json")),
                     qPrintable(doc + QStringLiteral(": ") + named));
        }
    }
}

void TestSettings::documentedExampleIsReadAsWritten_data()
{
    QTest::addColumn<QString>("where");
    QTest::newRow("README") << QStringLiteral("README");
    QTest::newRow("man page") << QStringLiteral("man");
}

void TestSettings::documentedExampleIsReadAsWritten()
{
    QFETCH(QString, where);
    const QString example = documentedExample(where);
    QVERIFY2(example.contains(QLatin1String("[terminal]")), qPrintable(where + QStringLiteral(": no example")));
    // One example: the man page shows the README's.
    QCOMPARE(example, documentedExample(QStringLiteral("README")));

    // What the example says, key by key, as an administrator reads it.
    QHash<QString, QString> written;
    QString section;
    for (const QString& raw : example.split(QLatin1Char('\n'))) {
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char(';')))
            continue;
        if (line.startsWith(QLatin1Char('['))) {
            section = line.mid(1, line.size() - 2);
            continue;
        }
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        QVERIFY2(equals > 0, qPrintable(line));
        written.insert(section + QLatin1Char('/') + line.left(equals), line.mid(equals + 1));
    }
    QHash<QString, Key> known;
    for (Key key : TerminalSettings::allKeys())
        known.insert(TerminalSettings::keyName(key), key);
    for (auto it = written.cbegin(); it != written.cend(); ++it)
        QVERIFY2(known.contains(it.key()), qPrintable(QStringLiteral("unknown key %1").arg(it.key())));

    // The program reads every one of them as written: no problem, the same value, and nothing plain on the way.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("terminal.ini"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(example.toUtf8());
    file.close();
    TerminalSettings settings(path);
    QVERIFY2(settings.problems().isEmpty(), qPrintable(settings.problems().join(u'\n')));
    for (auto it = written.cbegin(); it != written.cend(); ++it)
        QCOMPARE(settings.value(known.value(it.key())).toString(), it.value());
    QCOMPARE(settings.kind(), written.value(QStringLiteral("terminal/kind")));
    QVERIFY(settings.isKiosk());
    QVERIFY2(settings.plainConnections().isEmpty(), qPrintable(settings.plainConnections().join(u'\n')));
}

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
