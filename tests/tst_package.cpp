// The Debian packages: cpack builds campdesk and campdesk-kiosk from this build folder, dpkg-deb unpacks them into
// a temporary root, and the unpacked campdesk runs (--version, --check against a fresh SQLite database). Their files
// and Depends are checked, lintian --pedantic finds nothing, the AppStream metainfo validates, and the kiosk unit
// passes systemd-analyze verify and scores 4.0 or lower on systemd-analyze security.
#include "db/database.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
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
    void lintianFindsNothing();
    void metainfoValidates();
    void kioskUnitVerifiesAndIsHardened();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    static Run run(const QString& program, const QStringList& arguments, int timeoutMs = 300000);

    QString tool(const char* name);

    QTemporaryDir m_work;
    QString m_deb; // campdesk
    QString m_kioskDeb; // campdesk-kiosk
    QString m_root; // both unpacked
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
    const QDir work(m_work.path());
    const QStringList debs = work.entryList({ QStringLiteral("campdesk_*.deb") }, QDir::Files);
    const QStringList kioskDebs = work.entryList({ QStringLiteral("campdesk-kiosk_*.deb") }, QDir::Files);
    QCOMPARE(debs.size(), 1);
    QCOMPARE(kioskDebs.size(), 1);
    QCOMPARE(work.entryList({ QStringLiteral("*.deb") }, QDir::Files).size(), 2); // nothing else is packaged
    m_deb = work.filePath(debs.first());
    m_kioskDeb = work.filePath(kioskDebs.first());
    QVERIFY2(m_deb.endsWith(QStringLiteral("_%1_amd64.deb").arg(QStringLiteral(CAMPDESK_VERSION))), qPrintable(m_deb));
    QVERIFY2(m_kioskDeb.endsWith(QStringLiteral("_%1_all.deb").arg(QStringLiteral(CAMPDESK_VERSION))),
             qPrintable(m_kioskDeb));

    m_root = m_work.filePath(QStringLiteral("root"));
    for (const QString& deb : { m_deb, m_kioskDeb }) {
        const Run unpacked = run(QStringLiteral("dpkg-deb"), { QStringLiteral("-x"), deb, m_root });
        QVERIFY2(unpacked.exitCode == 0, unpacked.err.constData());
    }
}

QString TestPackage::tool(const char* name)
{
    // scripts/deps installs every tool these checks use: a missing one is a failure, never a skip.
    const QString path = QStandardPaths::findExecutable(QLatin1String(name));
    if (path.isEmpty())
        qWarning("%s is not installed (scripts/deps installs it)", name);
    return path;
}

void TestPackage::packageHoldsEveryFile()
{
    for (const char* path : { "usr/bin/campdesk", "usr/share/applications/campdesk.desktop",
                              "usr/share/icons/hicolor/scalable/apps/campdesk.svg",
                              "usr/share/metainfo/org.campdesk.campdesk.metainfo.xml",
                              "usr/lib/systemd/system/campdesk-kiosk.service", "usr/share/man/man1/campdesk.1.gz",
                              "usr/share/doc/campdesk/copyright", "usr/share/doc/campdesk/changelog.gz",
                              "usr/share/doc/campdesk-kiosk/copyright", "usr/share/doc/campdesk-kiosk/changelog.gz" }) {
        QVERIFY2(QFile::exists(QDir(m_root).filePath(QLatin1String(path))), path);
    }
    // The payment simulator is a test tool: in neither package.
    QVERIFY(!QFile::exists(QDir(m_root).filePath(QStringLiteral("usr/bin/campdesk-paysim"))));
    // Each file in the package it belongs to.
    const Run adminFiles = run(QStringLiteral("dpkg-deb"), { QStringLiteral("-c"), m_deb });
    QVERIFY(adminFiles.out.contains("./usr/bin/campdesk\n"));
    QVERIFY(!adminFiles.out.contains("campdesk-kiosk.service"));
    const Run kioskFiles = run(QStringLiteral("dpkg-deb"), { QStringLiteral("-c"), m_kioskDeb });
    QVERIFY(kioskFiles.out.contains("campdesk-kiosk.service"));
    QVERIFY(!kioskFiles.out.contains("usr/bin/"));
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
    for (const char* section : { ".SH FILES", ".SH ENVIRONMENT", "EXIT STATUS" })
        QVERIFY2(man.out.contains(section), section);
    QVERIFY(man.out.contains("terminal.ini"));

    // The maintainer scripts that create the kiosk user are in the control archive.
    const Run control
        = run(QStringLiteral("dpkg-deb"), { QStringLiteral("-I"), m_kioskDeb, QStringLiteral("postinst") });
    QCOMPARE(control.exitCode, 0);
    QVERIFY(control.out.contains("adduser --system"));
    // The office package creates no user and runs no maintainer script.
    const Run adminControl
        = run(QStringLiteral("dpkg-deb"), { QStringLiteral("-I"), m_deb, QStringLiteral("postinst") });
    QVERIFY(adminControl.exitCode != 0);
}

void TestPackage::dependsNameTheRuntime()
{
    const Run fields = run(QStringLiteral("dpkg-deb"), { QStringLiteral("-f"), m_deb, QStringLiteral("Depends") });
    QCOMPARE(fields.exitCode, 0);
    for (const char* package : { "libqt6core6", "libqt6widgets6", "libqt6sql6-sqlite", "libqt6sql6-psql" })
        QVERIFY2(fields.out.contains(package), fields.out.constData());
    // An office PC gets no compositor.
    for (const char* package : { "cage", "wayland", "wlroots", "httpserver" })
        QVERIFY2(!fields.out.contains(package), fields.out.constData());
    const Run kiosk = run(QStringLiteral("dpkg-deb"), { QStringLiteral("-f"), m_kioskDeb, QStringLiteral("Depends") });
    QCOMPARE(kiosk.exitCode, 0);
    QVERIFY2(kiosk.out.contains("campdesk (= " CAMPDESK_VERSION ")"), kiosk.out.constData());
    QVERIFY2(kiosk.out.contains("cage"), kiosk.out.constData());
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

void TestPackage::lintianFindsNothing()
{
    const QString lintian = tool("lintian");
    QVERIFY(!lintian.isEmpty());
    const Run checked = run(lintian, { QStringLiteral("--pedantic"), m_deb, m_kioskDeb });
    // Errors and warnings fail; the info tags that stay are explained in docs/packaging.md.
    QStringList problems;
    for (const QByteArray& line : (checked.out + checked.err).split('\n')) {
        if (line.startsWith("E:") || line.startsWith("W:"))
            problems << QString::fromUtf8(line);
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    QVERIFY2(checked.exitCode == 0, (checked.out + checked.err).constData());
}

void TestPackage::metainfoValidates()
{
    const QString appstreamcli = tool("appstreamcli");
    QVERIFY(!appstreamcli.isEmpty());
    const Run validated
        = run(appstreamcli,
              { QStringLiteral("validate"), QStringLiteral("--no-net"), QStringLiteral("--pedantic"),
                QDir(m_root).filePath(QStringLiteral("usr/share/metainfo/org.campdesk.campdesk.metainfo.xml")) });
    QVERIFY2(validated.exitCode == 0, (validated.out + validated.err).constData());
    QVERIFY2(!validated.out.contains("W:") && !validated.out.contains("E:"), validated.out.constData());
}

void TestPackage::kioskUnitVerifiesAndIsHardened()
{
    const QString analyze = tool("systemd-analyze");
    QVERIFY(!analyze.isEmpty());
    // verify resolves the unit's dependencies and commands inside a root: the unpacked packages, this machine's
    // standard units (targets), and a stand-in for cage, which an office or test machine does not have.
    const QDir root(m_root);
    QVERIFY(root.mkpath(QStringLiteral("lib/systemd/system")));
    const QDir systemUnits(QStringLiteral("/lib/systemd/system"));
    for (const QString& name : systemUnits.entryList({ QStringLiteral("*.target"), QStringLiteral("*.service"),
                                                       QStringLiteral("*.socket"), QStringLiteral("*.slice") },
                                                     QDir::Files)) {
        QFile::copy(systemUnits.filePath(name), root.filePath(QStringLiteral("lib/systemd/system/") + name));
    }
    QFile cage(root.filePath(QStringLiteral("usr/bin/cage")));
    QVERIFY(cage.open(QIODevice::WriteOnly));
    cage.write("#!/bin/sh\n");
    cage.close();
    QVERIFY(cage.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));

    const QString unit = root.filePath(QStringLiteral("usr/lib/systemd/system/campdesk-kiosk.service"));
    const Run verified = run(
        analyze, { QStringLiteral("verify"), QStringLiteral("--man=no"), QStringLiteral("--root=") + m_root, unit });
    QVERIFY2(verified.exitCode == 0, (verified.out + verified.err).constData());
    QVERIFY2((verified.out + verified.err).trimmed().isEmpty(), (verified.out + verified.err).constData());

    const Run security = run(analyze, { QStringLiteral("security"), QStringLiteral("--offline=true"), unit });
    QVERIFY2(security.exitCode == 0, (security.out + security.err).constData());
    static const QRegularExpression overall(QStringLiteral("Overall exposure level for [^:]+: ([0-9.]+)"));
    const QRegularExpressionMatch match = overall.match(QString::fromUtf8(security.out));
    QVERIFY2(match.hasMatch(), security.out.constData());
    const double exposure = match.captured(1).toDouble();
    QVERIFY2(exposure <= 4.0, qPrintable(QStringLiteral("exposure %1").arg(exposure)));
}

QTEST_GUILESS_MAIN(TestPackage)
#include "tst_package.moc"
