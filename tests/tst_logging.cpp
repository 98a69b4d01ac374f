// The log: redaction of secrets, card numbers and phone numbers; rotation by size; UTC timestamps; categories.
#include "core/logging.h"
#include "core/logredactor.h"
#include "core/secretstore.h"
#include "testdatabase.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace campdesk;

class TestLogging : public QObject
{
    Q_OBJECT
private slots:
    void cleanup() { Logging::uninstall(); }
    void redactsSecrets_data();
    void redactsSecrets();
    void leavesOrdinaryTextAlone_data();
    void leavesOrdinaryTextAlone();
    void masksStoredSecretValuesWhereverTheyAppear();
    void everyCategoryReachesTheFileRedacted();
    void rotatesBySizeAndKeepsTheNewest();
    void keepsTheLastLinesInMemory();
    void unwritableFolderIsAClearError();
};

void TestLogging::redactsSecrets_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("secret"); // must be gone
    QTest::addColumn<QString>("expected"); // exact output, when not empty

    QTest::newRow("basic auth header") << QStringLiteral("Authorization: Basic dGVzdF9za18xMjM6")
                                       << QStringLiteral("dGVzdF9za18xMjM6")
                                       << QStringLiteral("Authorization: Basic ***");
    QTest::newRow("bearer") << QStringLiteral("sending with bearer eyJhbGciOi.J9abc") << QStringLiteral("eyJhbGciOi")
                            << QStringLiteral("sending with bearer ***");
    QTest::newRow("raw authorization") << QStringLiteral("authorization=abcdef123") << QStringLiteral("abcdef123")
                                       << QStringLiteral("authorization=***");
    QTest::newRow("password=") << QStringLiteral("login password=hunter2&user=kim") << QStringLiteral("hunter2")
                               << QStringLiteral("login password=***&user=kim");
    QTest::newRow("smtp password json") << QStringLiteral(R"({"smtpPassword": "p@ss w0rd", "host": "mail"})")
                                        << QStringLiteral("p@ss w0rd")
                                        << QStringLiteral(R"({"smtpPassword": ***, "host": "mail"})");
    QTest::newRow("secret key") << QStringLiteral("gateway secretKey: test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R")
                                << QStringLiteral("test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R") << QString();
    QTest::newRow("key=") << QStringLiteral("api key=ABCD-1234-SECRET now") << QStringLiteral("ABCD-1234-SECRET")
                          << QStringLiteral("api key=*** now");
    QTest::newRow("url password") << QStringLiteral("connecting to postgresql://camp:s3cr3t@db.local:5432/camp")
                                  << QStringLiteral("s3cr3t")
                                  << QStringLiteral("connecting to postgresql://camp:***@db.local:5432/camp");
    QTest::newRow("card plain") << QStringLiteral("card 4111111111111111 declined") << QStringLiteral("411111111111")
                                << QStringLiteral("card ************1111 declined");
    QTest::newRow("card spaced") << QStringLiteral("card 4111 1111 1111 1234.") << QStringLiteral("4111 1111 1111")
                                 << QStringLiteral("card **** **** **** 1234.");
    QTest::newRow("card dashed") << QStringLiteral("5500-0000-0000-0004") << QStringLiteral("5500-0000-0000")
                                 << QStringLiteral("****-****-****-0004");
    QTest::newRow("amex") << QStringLiteral("amex 3782 822463 10005") << QStringLiteral("3782 822463")
                          << QStringLiteral("amex **** ****** *0005");
    QTest::newRow("card 19 digits") << QStringLiteral("6212345678901234567") << QStringLiteral("621234567890123")
                                    << QStringLiteral("***************4567");
    QTest::newRow("phone dashed") << QStringLiteral("customer 김민수 010-1234-5678 booked") << QStringLiteral("1234")
                                  << QStringLiteral("customer 김민수 010-****-5678 booked");
    QTest::newRow("phone plain") << QStringLiteral("phone=01012345678") << QStringLiteral("01012345678")
                                 << QStringLiteral("phone=010****5678");
    QTest::newRow("phone old prefix") << QStringLiteral("011-234-5678") << QStringLiteral("234")
                                      << QStringLiteral("011-***-5678");
    QTest::newRow("phone +82 spaced") << QStringLiteral("sms to +82 10 9876 5432") << QStringLiteral("9876")
                                      << QStringLiteral("sms to +82 10 **** 5432");
    QTest::newRow("phone +82 compact") << QStringLiteral("+821098765432") << QStringLiteral("9876")
                                       << QStringLiteral("+8210****5432");
    QTest::newRow("phone +82 dashed") << QStringLiteral("+82-10-9876-5432") << QStringLiteral("9876")
                                      << QStringLiteral("+82-10-****-5432");
    QTest::newRow("phone dotted") << QStringLiteral("call 010.4321.8765 now") << QStringLiteral("4321")
                                  << QStringLiteral("call 010.****.8765 now");
    QTest::newRow("phone +82 (0)") << QStringLiteral("+82 (0)10 4321 8765") << QStringLiteral("4321")
                                   << QStringLiteral("+82 (0)10 **** 8765");
    QTest::newRow("phone +82 dotted") << QStringLiteral("+82.10.4321.8765") << QStringLiteral("4321")
                                      << QStringLiteral("+82.10.****.8765");
    QTest::newRow("landline Seoul") << QStringLiteral("office 02-734-5678") << QStringLiteral("734")
                                    << QStringLiteral("office 02-***-5678");
    QTest::newRow("landline dotted") << QStringLiteral("031.123.4567") << QStringLiteral("123")
                                     << QStringLiteral("031.***.4567");
    QTest::newRow("email") << QStringLiteral("sent to kim.minsu+camp@example.co.kr ok") << QStringLiteral("minsu")
                           << QStringLiteral("sent to k***@example.co.kr ok");
    QTest::newRow("email korean text") << QStringLiteral("메일 lee@mail.campdesk.test 발송 실패")
                                       << QStringLiteral("lee@")
                                       << QStringLiteral("메일 l***@mail.campdesk.test 발송 실패");
    QTest::newRow("bare toss key") << QStringLiteral("gateway said: bad test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R")
                                   << QStringLiteral("zXLkKEypNArWmo50nX3lmeaxYG5R")
                                   << QStringLiteral("gateway said: bad ***");
    QTest::newRow("bare stripe-shaped key")
        << QStringLiteral("using sk_live_51Habcdefghijk") << QStringLiteral("51Habc") << QStringLiteral("using ***");
}

void TestLogging::redactsSecrets()
{
    QFETCH(QString, input);
    QFETCH(QString, secret);
    QFETCH(QString, expected);
    const QString out = LogRedactor::redact(input);
    QVERIFY2(!out.contains(secret), qPrintable(out));
    if (!expected.isEmpty())
        QCOMPARE(out, expected);
}

void TestLogging::leavesOrdinaryTextAlone_data()
{
    QTest::addColumn<QString>("input");
    QTest::newRow("dates") << QStringLiteral("stay 2027-01-01 2027-01-03, 2 nights, 100000 won");
    QTest::newRow("booking code") << QStringLiteral("reservation CD-7K3P9Q confirmed for site A-07 (id 12345)");
    QTest::newRow("korean") << QStringLiteral("예약이 확정되었습니다: 솔숲 캠프 2박");
    QTest::newRow("primary key") << QStringLiteral("UNIQUE constraint failed: reservation_nights.campsite_id");
    QTest::newRow("times and amounts") << QStringLiteral("at 2026-12-03T21:00:05.123Z paid 1234567 won, 0.25 s");
    QTest::newRow("addresses") << QStringLiteral("gateway http://127.0.0.1:8080/v1 and db postgresql://camp@db:5432/x");
}

void TestLogging::masksStoredSecretValuesWhereverTheyAppear()
{
    // A key of no known shape, stored by this terminal, then printed bare by a gateway's error message.
    const QString key = QStringLiteral("Zq9!plain-key-77");
    QVERIFY(LogRedactor::redact(key).contains(key)); // nothing gives it away by its shape
    QTemporaryDir dir;
    SecretStore::Options options;
    options.useKeychain = false;
    options.fallbackFile = dir.filePath(QStringLiteral("secrets.json"));
    SecretStore store(options);
    CAMPDESK_VERIFY_OK(store.write(SecretStore::Secret::GatewayKey, key));
    QCOMPARE(LogRedactor::redact(QStringLiteral("401 from gateway: %1 is not a key").arg(key)),
             QStringLiteral("401 from gateway: *** is not a key"));
    LogRedactor::clearSecretValuesForTesting();
    // Read back in a later run: registered again.
    SecretStore later(options);
    QCOMPARE(later.read(SecretStore::Secret::GatewayKey).value(), key);
    QVERIFY(!LogRedactor::redact(key).contains(key));
    // A short value would mask ordinary words: not registered.
    LogRedactor::clearSecretValuesForTesting();
    LogRedactor::addSecretValue(QStringLiteral("camp"));
    QCOMPARE(LogRedactor::redact(QStringLiteral("campdesk")), QStringLiteral("campdesk"));
}

void TestLogging::leavesOrdinaryTextAlone()
{
    QFETCH(QString, input);
    QCOMPARE(LogRedactor::redact(input), input);
}

namespace {
QString readAll(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromUtf8(file.readAll());
}
} // namespace

void TestLogging::everyCategoryReachesTheFileRedacted()
{
    QTemporaryDir dir;
    Logging::Options options;
    options.folder = dir.filePath(QStringLiteral("logs"));
    options.echoToStderr = false;
    QVERIFY(Logging::install(options).ok());
    const QString path = Logging::filePath();
    QCOMPARE(path, QDir(options.folder).filePath(QStringLiteral("campdesk.log")));
    QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());

    // Representative lines from each area, as the services would write them.
    qCWarning(lcDatabase) << "statement failed: connecting to postgresql://camp:dbpass77@127.0.0.1/camp";
    qCInfo(lcBooking) << "hold CD-7K3P9Q for customer 김민수 phone 010-1234-5678";
    qCInfo(lcPayment) << "confirm order-1 card 4111 1111 1111 1111 Authorization: Basic dGVzdF9za18xMjM6";
    qCWarning(lcNotify) << "SMTP login failed user=desk password=mailpass99 to +82 10 9876 5432";
    qCInfo(lcKiosk) << "kiosk customer typed 01055556666";
    qCWarning(lcUi) << "settings saved gatewayKey=test_sk_abcdef";
    qCInfo(lcOps) << "backup done";

    const QString log = readAll(path);
    for (const char* category : { "campdesk.database", "campdesk.booking", "campdesk.payment", "campdesk.notify",
                                  "campdesk.kiosk", "campdesk.ui", "campdesk.ops" })
        QVERIFY2(log.contains(QLatin1String(category)), category);
    for (const char* secret : { "dbpass77", "1234-5678", "4111 1111 1111 1111", "dGVzdF9za18xMjM6", "mailpass99",
                                "9876 5432", "01055556666", "test_sk_abcdef" })
        QVERIFY2(!log.contains(QLatin1String(secret)), secret);
    QVERIFY(log.contains(QLatin1String("010-****-5678")));
    QVERIFY(log.contains(QLatin1String("**** **** **** 1111")));
    QVERIFY(log.contains(QLatin1String("CD-7K3P9Q")));

    // Every line starts with a UTC ISO timestamp and the level.
    static const QRegularExpression linePattern(
        QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (INFO|WARN|DEBUG|ERROR) campdesk\.[a-z]+: )"));
    const QStringList lines = log.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 7);
    for (const QString& line : lines)
        QVERIFY2(linePattern.match(line).hasMatch(), qPrintable(line));
}

void TestLogging::rotatesBySizeAndKeepsTheNewest()
{
    QTemporaryDir dir;
    Logging::Options options;
    options.folder = dir.path();
    options.maxBytes = 4000;
    options.keepFiles = 3;
    options.echoToStderr = false;
    QVERIFY(Logging::install(options).ok());
    for (int i = 0; i < 400; ++i)
        qCInfo(lcOps, "line %04d with some padding to fill the file up quickly", i);

    const QStringList files = QDir(dir.path()).entryList({ QStringLiteral("campdesk.log*") }, QDir::Files, QDir::Name);
    QCOMPARE(files,
             (QStringList { QStringLiteral("campdesk.log"), QStringLiteral("campdesk.log.1"),
                            QStringLiteral("campdesk.log.2") }));
    for (const QString& file : files)
        QVERIFY2(QFileInfo(dir.filePath(file)).size() <= options.maxBytes, qPrintable(file));
    const QString newest = readAll(dir.filePath(QStringLiteral("campdesk.log")));
    QVERIFY(newest.contains(QLatin1String("line 0399")));
    const QString older = readAll(dir.filePath(QStringLiteral("campdesk.log.1")));
    QVERIFY(!older.contains(QLatin1String("line 0399")));
    // The oldest lines fell off: three files of 4000 bytes cannot hold 400 lines of ~100 bytes.
    QString all;
    for (const QString& file : files)
        all += readAll(dir.filePath(file));
    QVERIFY(!all.contains(QLatin1String("line 0000")));
    // Rotation lost nothing between the files that are kept: the lines are consecutive.
    const QString oldest = readAll(dir.filePath(QStringLiteral("campdesk.log.2")));
    const int first = QRegularExpression(QStringLiteral("line (\\d{4})")).match(oldest).captured(1).toInt();
    for (int i = first; i < 400; ++i)
        QVERIFY2(all.contains(QStringLiteral("line %1").arg(i, 4, 10, QLatin1Char('0'))),
                 qPrintable(QString::number(i)));
}

void TestLogging::keepsTheLastLinesInMemory()
{
    QTemporaryDir dir;
    Logging::Options options;
    options.folder = dir.path();
    options.memoryLines = 10;
    options.echoToStderr = false;
    QVERIFY(Logging::install(options).ok());
    for (int i = 0; i < 25; ++i)
        qCWarning(lcOps, "memory line %d phone 010-2222-%04d", i, 3000 + i);
    const QStringList lines = Logging::recentLines(100);
    QCOMPARE(lines.size(), 10);
    QVERIFY(lines.first().contains(QLatin1String("memory line 15 ")));
    QVERIFY(lines.last().contains(QLatin1String("memory line 24 ")));
    QVERIFY(lines.last().contains(QLatin1String("010-****-3024")));
    QCOMPARE(Logging::recentLines(3).size(), 3);
    QCOMPARE(Logging::recentLines(3).last(), lines.last());
}

void TestLogging::unwritableFolderIsAClearError()
{
    QTemporaryDir dir;
    QFile blocker(dir.filePath(QStringLiteral("not-a-folder")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    Logging::Options options;
    options.folder = blocker.fileName() + QStringLiteral("/logs");
    Status status = Logging::install(options);
    QVERIFY(!status.ok());
    QVERIFY2(status.error().message.contains(QLatin1String("log folder")), qPrintable(status.error().message));
    QVERIFY(!Logging::isInstalled());
}

QTEST_GUILESS_MAIN(TestLogging)
#include "tst_logging.moc"
