// Admin start to the first painted window on a large data set: the time from starting the process to the first
// paint of the admin window as a manager sees it after logging in (every page built, the dashboard shown), against
// a process that paints an empty window (Qt's own start-up). The login dialog and the background runtime
// (notification thread, event feed) are left out: the first waits for a person, the second starts threads only.
// With --new-day, the first start of a new day against a start later that day: every campsite's row in the read
// model was computed for yesterday and the day's backup is not made yet. Both starts run the terminal's runtime
// as the admin app does before its login (holds and no-shows; the read model's refresh on a worker, the backup on
// one 30 s later).
//   bench_startup --database SPEC [--runs N] [--new-day]
// The children run on the platform given by QT_QPA_PLATFORM (offscreen by default in scripts/bench).
#include "adminpages.h"
#include "benchreport.h"
#include "core/heap.h"
#include "domain/readmodel.h"
#include "mainwindow.h"
#include "ops/appcontext.h"
#include "ops/terminalruntime.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMainWindow>
#include <QProcess>
#include <QTemporaryDir>
#include <cstdio>

using namespace campdesk;
using namespace campdesk::bench;

namespace {

// Quits the application at the window's first paint.
class FirstPaint final : public QObject
{
public:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint || event->type() == QEvent::UpdateRequest) {
            std::printf("painted\n");
            std::fflush(stdout);
            QMetaObject::invokeMethod(qApp, &QCoreApplication::quit, Qt::QueuedConnection);
            qApp->removeEventFilter(this);
        }
        return QObject::eventFilter(watched, event);
    }
};

// backupFolder: run the terminal's runtime, keeping the day's backup there (none yet: it starts one).
int child(int argc, char** argv, const QString& spec, const QString& backupFolder)
{
    QApplication app(argc, argv);
    FirstPaint filter;
    if (spec.isEmpty()) {
        QMainWindow empty;
        empty.resize(1280, 800);
        empty.installEventFilter(&filter);
        empty.show();
        return app.exec();
    }
    Result<std::unique_ptr<AppContext>> opened = AppContext::open(spec);
    if (!opened.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
        return 1;
    }
    AppContext& context = *opened.value();
    std::unique_ptr<TerminalSettings> settings;
    std::unique_ptr<TerminalRuntime> runtime;
    if (!backupFolder.isEmpty()) {
        settings = TerminalSettings::createTemporary();
        TerminalRuntime::Options options;
        options.operations.backupFolder = backupFolder;
        runtime = std::make_unique<TerminalRuntime>(context, *settings, TerminalRuntime::Secrets(), options);
        runtime->start();
    }
    MainWindow window(Actor { 0, QStringLiteral("bench"), Role::Manager }, context.db->describe());
    addAdminPages(window, context);
    window.resize(1280, 800);
    window.installEventFilter(&filter);
    window.show();
    return app.exec();
}

// kill: stop the child once it painted (its runtime's workers would finish a backup and a refresh first).
double startToPaint(const QStringList& arguments, bool kill = false)
{
    QProcess process;
    process.setStandardErrorFile(QProcess::nullDevice()); // platform chatter; a failure shows as no paint
    QElapsedTimer timer;
    timer.start();
    process.start(QCoreApplication::applicationFilePath(), arguments);
    while (process.state() != QProcess::NotRunning || process.bytesAvailable()) {
        if (process.canReadLine() && process.readLine().startsWith("painted"))
            break;
        process.waitForReadyRead(1000);
    }
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    if (kill)
        process.kill();
    process.waitForFinished(10000);
    return ms;
}

// A killed child's statements run on in the PostgreSQL server until it notices (a backup's COPY of six million
// events: 46 s), and would weigh on the next start: they are ended first.
void endOtherSessions(Database& db)
{
    if (db.driver() != SqlDriver::Postgres)
        return;
    (void)db.read([](SqlSession& s) -> Status {
        s.exec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE datname = current_database() AND pid <> pg_backend_pid()"));
        return {};
    });
}

// The first start of a new day against a start later that day, alternating, both with the terminal's runtime.
int newDay(const QString& spec, int runs)
{
    heading(QStringLiteral("First start of a new day to the first painted window (%1, platform %2)")
                .arg(spec, qEnvironmentVariable("QT_QPA_PLATFORM", QStringLiteral("default"))));
    Result<std::unique_ptr<Database>> opened = Database::open(spec);
    if (!opened.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
        return 1;
    }
    Database& db = *opened.value();
    QTemporaryDir backups;
    // Later that day: the day's backup is there (a stand-in; only its name is checked) and the rows are current.
    const QString madeToday = backups.filePath(QStringLiteral("made"));
    const QString backupName = QStringLiteral("campdesk-") + db.clock().today().toString(Qt::ISODate)
        + (db.driver() == SqlDriver::Sqlite ? QStringLiteral(".db") : QStringLiteral(".dump"));
    if (!QDir().mkpath(madeToday) || !QFile(QDir(madeToday).filePath(backupName)).open(QIODevice::WriteOnly))
        return 1;
    Timing firstStart;
    Timing laterStart;
    for (int i = 0; i <= runs; ++i) { // the first pair warms the caches
        if (Status stale = markReadModelStale(db); !stale.ok()) {
            std::fprintf(stderr, "%s\n", qPrintable(stale.error().message));
            return 1;
        }
        const QString none = backups.filePath(QStringLiteral("none-%1").arg(i));
        const double first = startToPaint({ QStringLiteral("--child"), spec, none }, true);
        QDir(none).removeRecursively(); // a backup the child had begun
        endOtherSessions(db);
        if (Result<int> refreshed = ReadModel(db).refreshStale(); !refreshed.ok())
            return 1;
        const double later = startToPaint({ QStringLiteral("--child"), spec, madeToday }, true);
        endOtherSessions(db);
        if (i == 0)
            continue;
        firstStart.ms.push_back(first);
        laterStart.ms.push_back(later);
    }
    reportRatio(QStringLiteral("first start of a new day vs a later start (median)"), firstStart.median(),
                laterStart.median(), QStringLiteral("ms"), false, 0);
    reportLimit(QStringLiteral("first start of a new day to the first painted window (median)"), firstStart.median(),
                QStringLiteral("ms"), 1000);
    reportLimit(QStringLiteral("first start of a new day to the first painted window (slowest)"), firstStart.p(100),
                QStringLiteral("ms"), 1000);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    campdesk::keepFreedHeapForReuse(); // as the app does
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--child") == 0) {
            return child(argc, argv, i + 1 < argc ? QString::fromLocal8Bit(argv[i + 1]) : QString(),
                         i + 2 < argc ? QString::fromLocal8Bit(argv[i + 2]) : QString());
        }
    }
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption database(QStringLiteral("database"), QStringLiteral("Database spec."),
                                      QStringLiteral("spec"));
    const QCommandLineOption runs(QStringLiteral("runs"), QStringLiteral("Starts of each."), QStringLiteral("n"),
                                  QStringLiteral("5"));
    const QCommandLineOption newDayOption(QStringLiteral("new-day"),
                                          QStringLiteral("The first start of a new day against a later start."));
    parser.addOptions({ database, runs, newDayOption });
    parser.process(app);
    const int n = parser.value(runs).toInt();
    if (parser.isSet(newDayOption))
        return newDay(parser.value(database), n);

    heading(QStringLiteral("Start to first painted window (%1, platform %2)")
                .arg(parser.value(database), qEnvironmentVariable("QT_QPA_PLATFORM", QStringLiteral("default"))));
    Timing empty;
    Timing admin;
    startToPaint({ QStringLiteral("--child"), parser.value(database) }); // warm the page cache once
    for (int i = 0; i < n; ++i) {
        empty.ms.push_back(startToPaint({ QStringLiteral("--child") }));
        admin.ms.push_back(startToPaint({ QStringLiteral("--child"), parser.value(database) }));
    }
    reportRatio(QStringLiteral("start to first paint: admin window vs empty window"), admin.median(), empty.median(),
                QStringLiteral("ms"), false, 0);
    reportLimit(QStringLiteral("start to first painted admin window (median)"), admin.median(), QStringLiteral("ms"),
                500);
    return 0;
}
