// Hangul composed as typed on the kiosk's 2-beolsik keyboard (views/kiosk/hangulcomposer.h): syllables, double
// vowels and finals, the final consonant moving on to the next syllable, and backspace taking keys back out.
#include "kiosk/hangulcomposer.h"

#include <QTest>

using namespace campdesk;

class TestHangulComposer : public QObject
{
    Q_OBJECT
private slots:
    void composes_data();
    void composes();
    void backspaceTakesKeysBackOut();
    void preeditWhileComposing();
    void otherCharactersCommitFirst();
};

namespace {

// Types every key and commits at the end: what the field ends up holding.
QString typed(const QString& keys)
{
    HangulComposer composer;
    QString text;
    for (const QChar key : keys)
        text += composer.input(key);
    return text + composer.commit();
}

} // namespace

void TestHangulComposer::composes_data()
{
    QTest::addColumn<QString>("keys");
    QTest::addColumn<QString>("text");
    QTest::newRow("한글") << QStringLiteral("ㅎㅏㄴㄱㅡㄹ") << QStringLiteral("한글");
    QTest::newRow("값 (double final ㅄ)") << QStringLiteral("ㄱㅏㅂㅅ") << QStringLiteral("값");
    QTest::newRow("닭 (double final ㄺ)") << QStringLiteral("ㄷㅏㄹㄱ") << QStringLiteral("닭");
    QTest::newRow("닭이 -> 달기 (the final moves on)") << QStringLiteral("ㄷㅏㄹㄱㅣ") << QStringLiteral("달기");
    QTest::newRow("갑 + ㅏ -> 가바") << QStringLiteral("ㄱㅏㅂㅏ") << QStringLiteral("가바");
    QTest::newRow("과 (double vowel)") << QStringLiteral("ㄱㅗㅏ") << QStringLiteral("과");
    QTest::newRow("의") << QStringLiteral("ㅇㅡㅣ") << QStringLiteral("의");
    QTest::newRow("김민준") << QStringLiteral("ㄱㅣㅁㅁㅣㄴㅈㅜㄴ") << QStringLiteral("김민준");
    QTest::newRow("없어요") << QStringLiteral("ㅇㅓㅂㅅㅇㅓㅇㅛ") << QStringLiteral("없어요");
    QTest::newRow("뛰어 (tense initial ㄸ)") << QStringLiteral("ㄸㅜㅣㅇㅓ") << QStringLiteral("뛰어");
    QTest::newRow("ㄸ is never a final") << QStringLiteral("ㄱㅏㄸㅏ") << QStringLiteral("가따");
    QTest::newRow("lone consonants") << QStringLiteral("ㅋㅋㅋ") << QStringLiteral("ㅋㅋㅋ");
    QTest::newRow("lone vowel, then a syllable") << QStringLiteral("ㅏㄱㅏ") << QStringLiteral("ㅏ가");
    QTest::newRow("three finals: the third starts anew") << QStringLiteral("ㄷㅏㄹㄱㄱ") << QStringLiteral("닭ㄱ");
}

void TestHangulComposer::composes()
{
    QFETCH(QString, keys);
    QFETCH(QString, text);
    QCOMPARE(typed(keys), text);
}

void TestHangulComposer::backspaceTakesKeysBackOut()
{
    HangulComposer composer;
    for (const QChar key : QStringLiteral("ㄱㅏㅂㅅ"))
        QVERIFY(composer.input(key).isEmpty());
    QCOMPARE(composer.preedit(), QStringLiteral("값"));
    QVERIFY(composer.backspace());
    QCOMPARE(composer.preedit(), QStringLiteral("갑"));
    QVERIFY(composer.backspace());
    QCOMPARE(composer.preedit(), QStringLiteral("가"));
    QVERIFY(composer.backspace());
    QCOMPARE(composer.preedit(), QStringLiteral("ㄱ"));
    QVERIFY(composer.backspace());
    QCOMPARE(composer.preedit(), QString());
    QVERIFY(!composer.isComposing());
    QVERIFY(!composer.backspace()); // nothing composed: the field deletes its own last character

    // 과 -> 고: the double vowel comes apart too.
    for (const QChar key : QStringLiteral("ㄱㅗㅏ"))
        composer.input(key);
    QVERIFY(composer.backspace());
    QCOMPARE(composer.preedit(), QStringLiteral("고"));
}

void TestHangulComposer::preeditWhileComposing()
{
    HangulComposer composer;
    QCOMPARE(composer.input(QChar(u'ㅎ')), QString());
    QCOMPARE(composer.preedit(), QStringLiteral("ㅎ"));
    QCOMPARE(composer.input(QChar(u'ㅏ')), QString());
    QCOMPARE(composer.preedit(), QStringLiteral("하"));
    QCOMPARE(composer.input(QChar(u'ㄴ')), QString());
    QCOMPARE(composer.preedit(), QStringLiteral("한"));
    QCOMPARE(composer.input(QChar(u'ㄱ')), QStringLiteral("한")); // ㄴㄱ is no final: 한 is done
    QCOMPARE(composer.preedit(), QStringLiteral("ㄱ"));
    QCOMPARE(composer.commit(), QStringLiteral("ㄱ"));
    QVERIFY(!composer.isComposing());
}

void TestHangulComposer::otherCharactersCommitFirst()
{
    HangulComposer composer;
    composer.input(QChar(u'ㄱ'));
    composer.input(QChar(u'ㅣ'));
    composer.input(QChar(u'ㅁ'));
    QCOMPARE(composer.input(QLatin1Char(' ')), QStringLiteral("김 "));
    QVERIFY(!composer.isComposing());
}

QTEST_GUILESS_MAIN(TestHangulComposer)
#include "tst_hangulcomposer.moc"
