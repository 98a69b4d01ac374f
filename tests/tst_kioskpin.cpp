// KioskPinGuard on both databases: PBKDF2-hashed PIN in the settings table, growing lockout after five wrong
// PINs that survives a restart, every failure audited; and campdesk --set-kiosk-pin reading the PIN from stdin.
#include "domain/kioskpinguard.h"
#include "testdatabase.h"

#include <QProcess>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

class TestKioskPin : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void pinIsStoredHashedAndChecked();
    void pinMustBeFourToEightDigits_data();
    void pinMustBeFourToEightDigits();
    void onlyAManagerSetsThePin();
    void fiveWrongPinsLockForGrowingPeriodsAcrossRestarts();
    void withoutAPinNobodyGetsOut();
    void setKioskPinCommandReadsStdinNeverArgv();

private:
    ManualClock m_clock;
    std::unique_ptr<TestDatabase> m_t;
};

void TestKioskPin::init()
{
    Database::Options options;
    options.clock = &m_clock;
    m_t = std::make_unique<TestDatabase>(options);
    QVERIFY2(m_t->ok(), qPrintable(m_t->errorMessage()));
}

void TestKioskPin::cleanup()
{
    m_t.reset();
}

void TestKioskPin::pinIsStoredHashedAndChecked()
{
    KioskPinGuard guard(m_t->db());
    QVERIFY(!guard.hasPin().value());
    CAMPDESK_VERIFY_OK(guard.setPin(Actor::system(), QStringLiteral("482913")));
    QVERIFY(guard.hasPin().value());
    QCOMPARE(m_t->count(QStringLiteral("settings"), QStringLiteral("value LIKE '%482913%'")), 0);
    QCOMPARE(m_t->count(QStringLiteral("settings"), QStringLiteral("key = 'kiosk.pin.hash'")), 1);
    QCOMPARE(m_t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'kiosk.pin_set'")), 1);
    CAMPDESK_VERIFY_OK(guard.verify(QStringLiteral("482913")));
    const Status wrong = guard.verify(QStringLiteral("482914"));
    QVERIFY(!wrong.ok());
    QCOMPARE(wrong.error().code, ErrorCode::Invalid);
    QVERIFY(wrong.error().message.contains(QLatin1String("4")));
    QCOMPARE(m_t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'kiosk.pin_failed'")), 1);
    QCOMPARE(m_t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'kiosk.exit'")), 1);
}

void TestKioskPin::pinMustBeFourToEightDigits_data()
{
    QTest::addColumn<QString>("pin");
    QTest::addColumn<bool>("valid");
    QTest::newRow("4") << "1234" << true;
    QTest::newRow("8") << "12345678" << true;
    QTest::newRow("3") << "123" << false;
    QTest::newRow("9") << "123456789" << false;
    QTest::newRow("letters") << "12ab" << false;
    QTest::newRow("spaces") << " 1234" << false;
    QTest::newRow("full-width") << QString::fromUtf8("１２３４") << false;
    QTest::newRow("empty") << "" << false;
}

void TestKioskPin::pinMustBeFourToEightDigits()
{
    QFETCH(QString, pin);
    QFETCH(bool, valid);
    QCOMPARE(KioskPinGuard::validatePin(pin).ok(), valid);
    KioskPinGuard guard(m_t->db());
    QCOMPARE(guard.setPin(Actor::system(), pin).ok(), valid);
    QCOMPARE(guard.hasPin().value(), valid);
}

void TestKioskPin::onlyAManagerSetsThePin()
{
    KioskPinGuard guard(m_t->db());
    for (const Actor& actor : { Actor::kiosk(), Actor { 3, QStringLiteral("desk"), Role::FrontDesk } }) {
        const Status refused = guard.setPin(actor, QStringLiteral("1234"));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::Forbidden);
    }
    QVERIFY(!guard.hasPin().value());
    CAMPDESK_VERIFY_OK(guard.setPin(Actor { 1, QStringLiteral("boss"), Role::Manager }, QStringLiteral("1234")));
}

void TestKioskPin::fiveWrongPinsLockForGrowingPeriodsAcrossRestarts()
{
    CAMPDESK_VERIFY_OK(KioskPinGuard(m_t->db()).setPin(Actor::system(), QStringLiteral("5555")));
    const auto failFive = [this] {
        for (int i = 1; i <= KioskPinGuard::attemptsBeforeLockout; ++i) {
            // A new guard each time: nothing is remembered in memory.
            const Status s = KioskPinGuard(m_t->db()).verify(QStringLiteral("0000"));
            QCOMPARE(s.error().code, i < KioskPinGuard::attemptsBeforeLockout ? ErrorCode::Invalid : ErrorCode::Locked);
        }
    };
    failFive();
    QCOMPARE(KioskPinGuard(m_t->db()).lockedForMs().value(), KioskPinGuard::lockoutDurationMs(1));
    // Locked: even the right PIN is refused, without hashing, and that is audited too.
    const Status locked = KioskPinGuard(m_t->db()).verify(QStringLiteral("5555"));
    QCOMPARE(locked.error().code, ErrorCode::Locked);
    QCOMPARE(m_t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'kiosk.pin_refused_locked'")), 1);
    // Another terminal (a restarted kiosk) sees the same lockout.
    std::unique_ptr<Database> restarted = m_t->openAnother();
    QVERIFY(restarted);
    QVERIFY(KioskPinGuard(*restarted).lockedForMs().value() > 0);

    m_clock.advanceMs(KioskPinGuard::lockoutDurationMs(1) + 1);
    failFive();
    QCOMPARE(KioskPinGuard(m_t->db()).lockedForMs().value(), KioskPinGuard::lockoutDurationMs(2));
    QVERIFY(KioskPinGuard::lockoutDurationMs(2) > KioskPinGuard::lockoutDurationMs(1));
    QVERIFY(KioskPinGuard::lockoutDurationMs(9) >= KioskPinGuard::lockoutDurationMs(5));
    QCOMPARE(m_t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'kiosk.pin_failed'")), 10);
    QCOMPARE(m_t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'kiosk.pin_lockout'")), 2);

    // The right PIN after the lockout clears the counters.
    m_clock.advanceMs(KioskPinGuard::lockoutDurationMs(2) + 1);
    CAMPDESK_VERIFY_OK(KioskPinGuard(m_t->db()).verify(QStringLiteral("5555")));
    QCOMPARE(KioskPinGuard(m_t->db()).lockedForMs().value(), 0);
    QCOMPARE(KioskPinGuard(m_t->db()).verify(QStringLiteral("0000")).error().code, ErrorCode::Invalid);
}

void TestKioskPin::withoutAPinNobodyGetsOut()
{
    const Status s = KioskPinGuard(m_t->db()).verify(QStringLiteral("1234"));
    QVERIFY(!s.ok());
    QCOMPARE(s.error().code, ErrorCode::NotFound);
}

void TestKioskPin::setKioskPinCommandReadsStdinNeverArgv()
{
    const QString program = QStringLiteral(CAMPDESK_BINARY_DIR "/app/campdesk");
    QVERIFY2(QFile::exists(program), qPrintable(program));
    const auto run = [&](const QByteArray& input) {
        QProcess process;
        process.start(program, { QStringLiteral("--set-kiosk-pin"), QStringLiteral("--database"), m_t->spec() });
        process.write(input);
        process.closeWriteChannel();
        process.waitForFinished(60000);
        return process.exitCode();
    };
    QCOMPARE(run("12\n"), 2); // too short: refused before touching the database
    QVERIFY(!KioskPinGuard(m_t->db()).hasPin().value());
    QCOMPARE(run("24681357\n"), 0);
    CAMPDESK_VERIFY_OK(KioskPinGuard(m_t->db()).verify(QStringLiteral("24681357")));
    QCOMPARE(m_t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'kiosk.pin_set'")), 1);
}

CAMPDESK_DB_TEST_MAIN(TestKioskPin)
#include "tst_kioskpin.moc"
