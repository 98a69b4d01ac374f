// The kiosk's non-visual parts: QR encoding, and language switching with Korean
// dates and money.
#include "core/languagemanager.h"
#include "core/qrcode.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>

using namespace campdesk;

class TestKioskModel : public QObject
{
    Q_OBJECT
private slots:
    void qrCodeEncodesABookingCode();
    void qrCodeRefusesNothing();
    void languageSwitchesAndFormatsKoreanAndEnglish();
    void unknownLanguageChangesNothing();
};

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
