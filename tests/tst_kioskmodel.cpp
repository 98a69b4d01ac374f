// The kiosk's non-visual parts: the "my booking" throttle, QR encoding, and language switching with Korean
// dates and money.
#include "core/languagemanager.h"
#include "core/qrcode.h"
#include "domain/kiosklookupthrottle.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>

using namespace campdesk;

class TestKioskModel : public QObject
{
    Q_OBJECT
private slots:
    void throttleLetsTyposThroughThenSlowsDown();
    void throttleResetsOnAHit();
    void qrCodeEncodesABookingCode();
    void qrCodeRefusesNothing();
    void languageSwitchesAndFormatsKoreanAndEnglish();
    void unknownLanguageChangesNothing();
};

void TestKioskModel::throttleLetsTyposThroughThenSlowsDown()
{
    ManualClock clock;
    KioskLookupThrottle throttle(clock);
    QCOMPARE(throttle.waitMs(), 0);
    throttle.recordMiss();
    throttle.recordMiss();
    QCOMPARE(throttle.waitMs(), 0); // two typos cost nothing
    throttle.recordMiss();
    QCOMPARE(throttle.waitMs(), 2000);
    clock.advanceMs(1500);
    QCOMPARE(throttle.waitMs(), 500);
    clock.advanceMs(500);
    QCOMPARE(throttle.waitMs(), 0);
    throttle.recordMiss();
    QCOMPARE(throttle.waitMs(), 4000); // growing
    qint64 previous = 0;
    for (int misses = 3; misses < 20; ++misses) {
        const qint64 delay = KioskLookupThrottle::delayAfterMisses(misses);
        QVERIFY(delay >= previous);
        QVERIFY(delay <= 60000);
        previous = delay;
    }
    QCOMPARE(KioskLookupThrottle::delayAfterMisses(50), 60000);
}

void TestKioskModel::throttleResetsOnAHit()
{
    ManualClock clock;
    KioskLookupThrottle throttle(clock);
    for (int i = 0; i < 5; ++i)
        throttle.recordMiss();
    QVERIFY(throttle.waitMs() > 0);
    throttle.recordHit();
    QCOMPARE(throttle.waitMs(), 0);
    QCOMPARE(throttle.misses(), 0);
}

void TestKioskModel::qrCodeEncodesABookingCode()
{
    const std::optional<QrCode> code = QrCode::encode("CD-7K3P9Q");
    QVERIFY(code.has_value());
    QCOMPARE(code->size(), 21); // a short text fits version 1
    // The three finder patterns: dark 7x7 squares in three corners, with a light ring inside.
    for (const auto& corner : { QPoint(0, 0), QPoint(14, 0), QPoint(0, 14) }) {
        QVERIFY(code->isDark(corner.x(), corner.y()));
        QVERIFY(code->isDark(corner.x() + 6, corner.y() + 6));
        QVERIFY(!code->isDark(corner.x() + 1, corner.y() + 1));
        QVERIFY(code->isDark(corner.x() + 3, corner.y() + 3));
    }
}

void TestKioskModel::qrCodeRefusesNothing()
{
    QVERIFY(!QrCode::encode(QByteArray()).has_value());
}

void TestKioskModel::languageSwitchesAndFormatsKoreanAndEnglish()
{
    LanguageManager language;
    QSignalSpy changed(&language, &LanguageManager::languageChanged);
    QVERIFY(language.setLanguage(QStringLiteral("ko")));
    QCOMPARE(language.language(), QStringLiteral("ko"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(language.formatDate(QDate(2026, 11, 24)), QString::fromUtf8("2026년 11월 24일"));
    QCOMPARE(language.formatMoney(45000), QString::fromUtf8("45,000원"));
    QCOMPARE(language.formatShortDate(QDate(2026, 11, 24)), QString::fromUtf8("11월 24일 (화)"));
    QVERIFY(language.setLanguage(QStringLiteral("en")));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(language.formatDate(QDate(2026, 11, 24)), QStringLiteral("24 November 2026"));
    QCOMPARE(language.formatMoney(45000), QString::fromUtf8("₩45,000"));
    QCOMPARE(language.formatShortDate(QDate(2026, 11, 24)), QStringLiteral("Tue 24 Nov"));
    QVERIFY(language.setLanguage(QStringLiteral("en")));
    QCOMPARE(changed.count(), 2); // no change, no signal
}

void TestKioskModel::unknownLanguageChangesNothing()
{
    LanguageManager language;
    QVERIFY(language.setLanguage(QStringLiteral("ko")));
    QVERIFY(!language.setLanguage(QStringLiteral("xx")));
    QCOMPARE(language.language(), QStringLiteral("ko"));
}

QTEST_GUILESS_MAIN(TestKioskModel)
#include "tst_kioskmodel.moc"
