// Private by default (DESIGN.md section 9): every file with personal data is readable by its owner only from its
// first byte, whatever umask the user's session has. The suite runs with the permissive umask 022, so a file that is
// private here was made private by Campdesk, not by the session.
#include "core/logging.h"
#include "ops/backupservice.h"
#include "testdatabase.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTest>
#include <sys/stat.h>

using namespace campdesk;
using namespace campdesk::test;

class TestPrivateFiles : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void newDatabaseAndItsWalArePrivate();
    void logIsPrivateAfterEveryRotation();
    void backupIsPrivate_data();
    void backupIsPrivate();
    void programKeepsItsDataFolderPrivate();
};

namespace {

// The permission bits (e.g. 0600) as the file system has them.
int modeOf(const QString& path)
{
    struct stat info
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return static_cast<int>(info.st_mode & 07777);
}

QString octal(int mode)
{
    return QStringLiteral("0%1").arg(mode, 3, 8, QLatin1Char('0'));
}

#define VERIFY_MODE(path, expected)                                                                                    \
    QVERIFY2(modeOf(path) == (expected), qPrintable(QStringLiteral("%1 is %2").arg(path, octal(modeOf(path)))))

QString campdeskBinary()
{
    QString dir = qEnvironmentVariable("CAMPDESK_BINARY_DIR");
    if (dir.isEmpty())
        dir = QStringLiteral(CAMPDESK_BINARY_DIR);
    return dir + QStringLiteral("/app/campdesk");
}

} // namespace

void TestPrivateFiles::initTestCase()
{
    ::umask(022);
    // The check itself: with this umask a plain new file is readable by others.
    QTemporaryDir dir;
    QFile plain(dir.filePath(QStringLiteral("plain")));
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.close();
    VERIFY_MODE(plain.fileName(), 0644);
}

void TestPrivateFiles::newDatabaseAndItsWalArePrivate()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("campdesk.db"));
    Result<std::unique_ptr<Database>> db = Database::open(path);
    QVERIFY2(db.ok(), qPrintable(db.error().message));
    Status wrote = db.value()->write([](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("INSERT INTO settings (key, value, updated_at) VALUES ('k', 'v', 0)"));
        return {};
    });
    QVERIFY(wrote.ok());
    VERIFY_MODE(path, 0600);
    // While a connection is open in WAL mode, SQLite keeps the write-ahead log and its index beside the file.
    QVERIFY(QFile::exists(path + QStringLiteral("-wal")));
    VERIFY_MODE(path + QStringLiteral("-wal"), 0600);
    VERIFY_MODE(path + QStringLiteral("-shm"), 0600);
}

void TestPrivateFiles::logIsPrivateAfterEveryRotation()
{
    QTemporaryDir dir;
    Logging::Options options;
    options.folder = dir.filePath(QStringLiteral("logs"));
    options.maxBytes = 2048;
    options.keepFiles = 3;
    options.echoToStderr = false;
    CAMPDESK_VERIFY_OK(Logging::install(options));
    for (int i = 0; i < 200; ++i)
        qCWarning(lcOps) << "a line that fills the log so that it rotates" << i;
    Logging::uninstall();
    const QDir logs(options.folder);
    const QStringList files = logs.entryList({ QStringLiteral("campdesk.log*") }, QDir::Files);
    QCOMPARE(files.size(), 3); // the current file and two rotated ones
    for (const QString& name : files)
        VERIFY_MODE(logs.filePath(name), 0600);
}

void TestPrivateFiles::backupIsPrivate_data()
{
    QTest::addColumn<int>("backend");
    QTest::newRow("SQLite") << int(Backend::Sqlite);
    QTest::newRow("PostgreSQL") << int(Backend::Postgres);
}

void TestPrivateFiles::backupIsPrivate()
{
    QFETCH(int, backend);
    TestDatabase t(static_cast<Backend>(backend));
    QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("backup.campdesk"));
    CAMPDESK_VERIFY_OK(BackupService::backup(t.db(), file));
    VERIFY_MODE(file, 0600);
    QVERIFY(!QFile::exists(file + QStringLiteral(".partial")));
}

void TestPrivateFiles::programKeepsItsDataFolderPrivate()
{
    QTemporaryDir home;
    const QString dataHome = home.filePath(QStringLiteral("data"));
    // A data folder someone made readable before: the program closes it.
    const QString folder = dataHome + QStringLiteral("/Campdesk/campdesk");
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(QFile::setPermissions(folder,
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                      | QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
                                      | QFileDevice::ExeOther));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));

    auto run = [&](const QStringList& arguments, const QByteArray& input) {
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(campdeskBinary(), arguments);
        process.write(input);
        process.closeWriteChannel();
        const bool finished = process.waitForFinished(60000);
        if (!finished)
            process.kill();
        return finished && process.exitCode() == 0 ? QString() : QString::fromLocal8Bit(process.readAllStandardError());
    };
    // The default database in the data folder, made by the program itself.
    const QString created = run(
        { QStringLiteral("--create-user"), QStringLiteral("kim"), QStringLiteral("--role"), QStringLiteral("manager") },
        "a long enough password 1\n");
    QVERIFY2(created.isEmpty(), qPrintable(created));
    VERIFY_MODE(folder, 0700);
    VERIFY_MODE(folder + QStringLiteral("/campdesk.db"), 0600);

    // A backup written by the program (its own umask, and the file made private before the copy).
    const QString backup = home.filePath(QStringLiteral("nightly.campdesk"));
    const QString backedUp = run({ QStringLiteral("--backup"), backup }, QByteArray());
    QVERIFY2(backedUp.isEmpty(), qPrintable(backedUp));
    VERIFY_MODE(backup, 0600);
}

QTEST_GUILESS_MAIN(TestPrivateFiles)
#include "tst_privatefiles.moc"
