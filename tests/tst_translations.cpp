// Every user-visible string has a Korean translation, and the .ts files are up to date with the code:
// lupdate is run on a copy of each .ts file and must find nothing new and nothing unfinished.
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

class TestTranslations : public QObject
{
    Q_OBJECT
private slots:
    void everyStringIsTranslated_data();
    void everyStringIsTranslated();
    void koreanTranslationLoads();
};

namespace {
QStringList translatedSources()
{
    QStringList files;
    for (const char* folder : { "model", "views", "app" }) {
        QDirIterator it(QStringLiteral(CAMPDESK_SOURCE_DIR "/") + QLatin1String(folder),
                        { QStringLiteral("*.cpp"), QStringLiteral("*.h") }, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            files << it.next();
    }
    files.sort();
    return files;
}
} // namespace

void TestTranslations::everyStringIsTranslated_data()
{
    QTest::addColumn<QString>("tsName");
    QTest::newRow("Korean") << QStringLiteral("campdesk_ko.ts");
    QTest::newRow("English") << QStringLiteral("campdesk_en.ts");
}

void TestTranslations::everyStringIsTranslated()
{
    QFETCH(QString, tsName);
    QTemporaryDir dir;
    const QString copy = dir.filePath(tsName);
    QVERIFY(QFile::copy(QStringLiteral(CAMPDESK_SOURCE_DIR "/i18n/") + tsName, copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);

    QProcess lupdate;
    QStringList args = translatedSources();
    // Include paths let lupdate resolve qualified calls like CampsiteStatusModel::tr() to their namespace.
    for (const char* folder :
         { "model", "views", "views/admin", "views/dashboard", "views/dialogs", "views/kiosk", "app" })
        args << QStringLiteral("-I") + QStringLiteral(CAMPDESK_SOURCE_DIR "/") + QLatin1String(folder);
    args << QStringLiteral("-no-obsolete") << QStringLiteral("-locations") << QStringLiteral("none")
         << QStringLiteral("-ts") << copy;
    lupdate.start(QStringLiteral(LUPDATE_PATH), args);
    QVERIFY(lupdate.waitForFinished(120000));
    QCOMPARE(lupdate.exitCode(), 0);

    QFile file(copy);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString ts = QString::fromUtf8(file.readAll());
    // Each <message> block: report the ones still unfinished.
    static const QRegularExpression message(QStringLiteral("<message[^>]*>(.*?)</message>"),
                                            QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression source(QStringLiteral("<source>(.*?)</source>"),
                                           QRegularExpression::DotMatchesEverythingOption);
    QStringList unfinished;
    int total = 0;
    for (auto it = message.globalMatch(ts); it.hasNext();) {
        const QString block = it.next().captured(1);
        ++total;
        if (block.contains(QLatin1String("type=\"unfinished\"")) || block.contains(QLatin1String("<translation/>"))
            || block.contains(QLatin1String("<translation></translation>")))
            unfinished << source.match(block).captured(1);
    }
    QVERIFY2(total > 0, "lupdate found no strings");
    qInfo("%s: %d strings, %d unfinished", qPrintable(tsName), total, int(unfinished.size()));
    QVERIFY2(unfinished.isEmpty(),
             qPrintable(QStringLiteral("%1 unfinished (run the update_translations target and translate): %2")
                            .arg(unfinished.size())
                            .arg(unfinished.mid(0, 30).join(QStringLiteral(" | ")))));
}

void TestTranslations::koreanTranslationLoads()
{
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/campdesk_ko.qm")));
    QVERIFY(!translator.isEmpty());
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
