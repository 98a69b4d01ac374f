// The Debian package: cpack builds it from this build folder, dpkg-deb unpacks it into a temporary root, and the
// unpacked campdesk runs (--version, --check against a fresh SQLite database). Its files and Depends are checked.
#include "db/database.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace campdesk;

class TestPackage : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void packageHoldsEveryFile();
    void dependsNameTheRuntime();
    void unpackedProgramRuns();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    static Run run(const QString& program, const QStringList& arguments, int timeoutMs = 300000);

    QTemporaryDir m_work;
    QString m_deb;
    QString m_root;
};

TestPackage::Run TestPackage::run(const QString& program, const QStringList& arguments, int timeoutMs)
{
    QProcess process;
    process.start(program, arguments);
    Run result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.err = "did not finish: " + process.errorString().toUtf8();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

void TestPackage::initTestCase()
{
    const QString buildDir = qEnvironmentVariable("CAMPDESK_BINARY_DIR", QStringLiteral(CAMPDESK_BINARY_DIR));
    const QString cpack = QStandardPaths::findExecutable(QStringLiteral("cpack"));
    QVERIFY2(!cpack.isEmpty(), "cpack is not installed");
    // Everything cpack writes goes into this test's own folder, so a parallel scripts/package is not disturbed.
    const Run packaged = run(cpack,
                             { QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("--config"),
                               buildDir + QStringLiteral("/CPackConfig.cmake"), QStringLiteral("-B"), m_work.path() });
    QVERIFY2(packaged.exitCode == 0, (packaged.out + packaged.err).constData());
    const QStringList debs = QDir(m_work.path()).entryList({ QStringLiteral("campdesk_*.deb") }, QDir::Files);
    QCOMPARE(debs.size(), 1);
    m_deb = QDir(m_work.path()).filePath(debs.first());
    QVERIFY(m_deb.endsWith(QStringLiteral("_%1_amd64.deb").arg(QStringLiteral(CAMPDESK_VERSION)))
            || m_deb.contains(QStringLiteral(CAMPDESK_VERSION)));

    m_root = m_work.filePath(QStringLiteral("root"));
    const Run unpacked = run(QStringLiteral("dpkg-deb"), { QStringLiteral("-x"), m_deb, m_root });
    QVERIFY2(unpacked.exitCode == 0, unpacked.err.constData());
}

void TestPackage::packageHoldsEveryFile()
{
    for (const char* path : { "usr/bin/campdesk", "usr/share/applications/campdesk.desktop",
                              "usr/share/icons/hicolor/scalable/apps/campdesk.svg",
                              "usr/lib/systemd/system/campdesk-kiosk.service", "usr/share/man/man1/campdesk.1.gz" }) {
        QVERIFY2(QFile::exists(QDir(m_root).filePath(QLatin1String(path))), path);
    }
    QVERIFY(QFileInfo(QDir(m_root).filePath(QStringLiteral("usr/bin/campdesk"))).isExecutable());

    QFile desktop(QDir(m_root).filePath(QStringLiteral("usr/share/applications/campdesk.desktop")));
    QVERIFY(desktop.open(QIODevice::ReadOnly));
    const QByteArray entry = desktop.readAll();
    QVERIFY(entry.contains("Exec=campdesk"));
    QVERIFY(entry.contains("Icon=campdesk"));

    QFile unit(QDir(m_root).filePath(QStringLiteral("usr/lib/systemd/system/campdesk-kiosk.service")));
    QVERIFY(unit.open(QIODevice::ReadOnly));
    const QByteArray service = unit.readAll();
    QVERIFY(service.contains("ExecStart=/usr/bin/cage -- /usr/bin/campdesk --kiosk"));
    QVERIFY(service.contains("Restart=always"));
    QVERIFY(service.contains("User=campdesk-kiosk"));

    // The man page is the program's --help.
    const Run man = run(QStringLiteral("sh"),
                        { QStringLiteral("-c"),
                          QStringLiteral("gzip -dc '%1'")
                              .arg(QDir(m_root).filePath(QStringLiteral("usr/share/man/man1/campdesk.1.gz"))) });
    QCOMPARE(man.exitCode, 0);
    QVERIFY(man.out.contains(".TH CAMPDESK"));
    QVERIFY(man.out.contains("check"));
    QVERIFY(man.out.contains("backup"));

    // The maintainer scripts that create the kiosk user are in the control archive.
    const Run control = run(QStringLiteral("dpkg-deb"), { QStringLiteral("-I"), m_deb, QStringLiteral("postinst") });
    QCOMPARE(control.exitCode, 0);
    QVERIFY(control.out.contains("adduser --system"));
}

void TestPackage::dependsNameTheRuntime()
{
    const Run fields = run(QStringLiteral("dpkg-deb"), { QStringLiteral("-f"), m_deb, QStringLiteral("Depends") });
    QCOMPARE(fields.exitCode, 0);
    for (const char* package : { "libqt6core6", "libqt6widgets6", "libqt6sql6-sqlite", "libqt6sql6-psql", "cage" })
        QVERIFY2(fields.out.contains(package), fields.out.constData());
}

void TestPackage::unpackedProgramRuns()
{
    const QString campdesk = QDir(m_root).filePath(QStringLiteral("usr/bin/campdesk"));
    const Run version = run(campdesk, { QStringLiteral("--version") }, 30000);
    QCOMPARE(version.exitCode, 0);
    QCOMPARE(version.out.trimmed(), QByteArray("campdesk " CAMPDESK_VERSION));

    QTemporaryDir data;
    const QString spec = data.filePath(QStringLiteral("campdesk.db"));
    {
        Result<std::unique_ptr<Database>> db = Database::open(spec);
        QVERIFY2(db.ok(), qPrintable(db.error().message));
    }
    const QString settings = data.filePath(QStringLiteral("terminal.ini"));
    const Run check = run(campdesk,
                          { QStringLiteral("--check"), QStringLiteral("--json"), QStringLiteral("--settings"), settings,
                            QStringLiteral("--database"), spec },
                          30000);
    QVERIFY2(check.exitCode == 0, (check.out + check.err).constData());
    const QJsonObject report = QJsonDocument::fromJson(check.out).object();
    QCOMPARE(report.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));

    const Run missing = run(campdesk,
                            { QStringLiteral("--check"), QStringLiteral("--settings"), settings,
                              QStringLiteral("--database"), data.filePath(QStringLiteral("none.db")) },
                            30000);
    QCOMPARE(missing.exitCode, 2);
}

QTEST_GUILESS_MAIN(TestPackage)
#include "tst_package.moc"
