// The kiosk's non-visual parts: QR encoding, and language switching with Korean
// dates and money.
#include "builtprograms.h"
#include "core/languagemanager.h"
#include "core/qrcode.h"
#include "core/terminalsettings.h"
#include "db/database.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
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
    void readmeKioskExampleIsWhatTheProgramReads();
    void readmeAndTheShippedUnitAgree();
    void unknownSettingsKeysAreReported();
    void kioskNeverCreatesADatabaseNorTakesSimulatedCards();
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

namespace {
// The ```ini block of the README's kiosk section, as an administrator would copy it.
QString readmeKioskIni()
{
    QFile readme(QStringLiteral(CAMPDESK_SOURCE_DIR "/README.md"));
    if (!readme.open(QIODevice::ReadOnly))
        return QString();
    const QString text = QString::fromUtf8(readme.readAll());
    const int section = text.indexOf(QLatin1String("## Setting up a kiosk machine"));
    const QRegularExpression block(QStringLiteral("```ini\\n(.*?)```"), QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch match = block.match(text, section);
    if (section < 0 || !match.hasMatch())
        return QString();
    QStringList lines;
    for (const QString& line : match.captured(1).split(QLatin1Char('\n')))
        lines << line.trimmed();
    return lines.join(QLatin1Char('\n'));
}

bool writeFile(const QString& path, const QString& text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text.toUtf8()) == text.toUtf8().size();
}
} // namespace

void TestKioskModel::readmeKioskExampleIsWhatTheProgramReads()
{
    const QString ini = readmeKioskIni();
    QVERIFY(!ini.isEmpty());
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("terminal.ini"));
    QVERIFY(writeFile(path, ini));
    TerminalSettings settings(path);
    QVERIFY2(settings.problems().isEmpty(), qPrintable(settings.problems().join(QLatin1Char('\n'))));
    QVERIFY(settings.isKiosk());
    QCOMPARE(settings.terminalName(), QStringLiteral("kiosk-1"));
    QCOMPARE(settings.language(), QStringLiteral("ko"));
    QCOMPARE(settings.databaseSpec(), QStringLiteral("postgresql://kiosk_1@office-pc:5432/campdesk"));
    QCOMPARE(settings.kioskIdleSeconds(), 60);
    QVERIFY(!settings.kioskTrainingMode());
    QCOMPARE(settings.gatewayUrl(), QStringLiteral("https://pay.example.com"));
    QCOMPARE(settings.webhookUrl(), QStringLiteral("https://sms.example.com/send"));
}

void TestKioskModel::readmeAndTheShippedUnitAgree()
{
    QFile unitFile(QStringLiteral(CAMPDESK_SOURCE_DIR "/resources/campdesk-kiosk.service"));
    QFile readmeFile(QStringLiteral(CAMPDESK_SOURCE_DIR "/README.md"));
    QVERIFY(unitFile.open(QIODevice::ReadOnly) && readmeFile.open(QIODevice::ReadOnly));
    const QString unit = QString::fromUtf8(unitFile.readAll());
    const QString readme = QString::fromUtf8(readmeFile.readAll());
    const QString user = QRegularExpression(QStringLiteral("\\nUser=(\\S+)")).match(unit).captured(1);
    const QString tty = QRegularExpression(QStringLiteral("\\nTTYPath=/dev/(\\S+)")).match(unit).captured(1);
    const QString home = QRegularExpression(QStringLiteral("HOME=(\\S+)")).match(unit).captured(1);
    QVERIFY(!user.isEmpty() && !tty.isEmpty() && !home.isEmpty());
    const QString kiosk = readme.mid(readme.indexOf(QLatin1String("## Setting up a kiosk machine")));
    QVERIFY2(kiosk.contains(QStringLiteral("`%1`").arg(user)), qPrintable(user));
    QVERIFY2(kiosk.contains(QStringLiteral(" on %1 ").arg(tty)), qPrintable(tty));
    QVERIFY2(kiosk.contains(home + QStringLiteral("/.config/Campdesk/campdesk/terminal.ini")), qPrintable(home));
}

void TestKioskModel::unknownSettingsKeysAreReported()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("terminal.ini"));
    // The old README's example: none of it is read.
    QVERIFY(writeFile(path, QStringLiteral("[general]\nkind=kiosk\nterminalName=kiosk-1\n[kiosk]\nidleSeconds=90\n")));
    TerminalSettings settings(path);
    QVERIFY(!settings.isKiosk());
    QCOMPARE(settings.kioskIdleSeconds(), 90);
    // QSettings reads [general] as the file's top level.
    QCOMPARE(settings.unknownKeys(), QStringList({ QStringLiteral("kind"), QStringLiteral("terminalName") }));
    QCOMPARE(settings.problems().size(), 2);
    QVERIFY(settings.problems().first().contains(QLatin1String("kind")));
}

void TestKioskModel::kioskNeverCreatesADatabaseNorTakesSimulatedCards()
{
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("typo/campdesk.db"));
    const QString settingsPath = dir.filePath(QStringLiteral("terminal.ini"));
    QVERIFY(writeFile(settingsPath, QStringLiteral("[terminal]\nkind=kiosk\n[database]\nspec=%1\n").arg(missing)));
    const auto runKiosk = [&](const QString& settings) {
        QProcess kiosk;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("HOME"), dir.path());
        env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
        kiosk.setProcessEnvironment(env);
        kiosk.setProcessChannelMode(QProcess::MergedChannels);
        kiosk.start(test::campdeskProgram(), { QStringLiteral("--kiosk"), QStringLiteral("--settings"), settings });
        if (!kiosk.waitForStarted())
            return QString();
        // Still running (showing its screen) after a while, not crashed and not exited.
        kiosk.waitForFinished(2500);
        const bool running = kiosk.state() == QProcess::Running;
        kiosk.kill();
        kiosk.waitForFinished();
        QString log = QString::fromUtf8(kiosk.readAll());
        const QDir logs(dir.filePath(QStringLiteral("data")));
        for (const QFileInfo& f : logs.entryInfoList({ QStringLiteral("*.log") }, QDir::Files, QDir::Name))
            log += QString::fromUtf8([&] {
                QFile file(f.filePath());
                return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
            }());
        return (running ? QStringLiteral("running\n") : QStringLiteral("stopped\n")) + log;
    };
    QString log = runKiosk(settingsPath);
    QVERIFY2(log.startsWith(QLatin1String("running")), qPrintable(log));
    QVERIFY(!QFile::exists(missing));
    QVERIFY(!QDir(dir.filePath(QStringLiteral("typo"))).exists());

    // An existing, current database but no payment service and no training mode: still "not configured".
    const QString existing = dir.filePath(QStringLiteral("campdesk.db"));
    {
        Database::Options options;
        Result<std::unique_ptr<Database>> made = Database::open(existing, options);
        QVERIFY(made.ok());
    }
    QVERIFY(writeFile(settingsPath, QStringLiteral("[terminal]\nkind=kiosk\n[database]\nspec=%1\n").arg(existing)));
    log = runKiosk(settingsPath);
    QVERIFY2(log.startsWith(QLatin1String("running")), qPrintable(log));
    QVERIFY2(log.contains(QLatin1String("trainingMode")), qPrintable(log));
    QVERIFY2(!log.contains(QLatin1String("kiosk mode on")), qPrintable(log));
    // Switched on explicitly, the kiosk starts (and labels the simulated terminal on screen).
    QVERIFY(writeFile(
        settingsPath,
        QStringLiteral("[terminal]\nkind=kiosk\n[database]\nspec=%1\n[kiosk]\ntrainingMode=true\n").arg(existing)));
    log = runKiosk(settingsPath);
    QVERIFY2(log.contains(QLatin1String("kiosk mode on")), qPrintable(log));
}

QTEST_GUILESS_MAIN(TestKioskModel)
#include "tst_kioskmodel.moc"
