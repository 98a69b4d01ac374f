// Admin start to the first painted window on a large data set: the time from starting the process to the first
// paint of the window with the dashboard, against a process that paints an empty window (Qt's own start-up).
//   bench_startup --database SPEC [--runs N]
// The children run on the platform given by QT_QPA_PLATFORM (offscreen by default in scripts/bench).
#include "benchreport.h"
#include "dashboard/dashboardpage.h"
#include "dashboardqueries.h"
#include "eventbus.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QMainWindow>
#include <QProcess>
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

int child(int argc, char** argv, const QString& spec)
{
    QApplication app(argc, argv);
    QMainWindow window;
    window.resize(1280, 800);
    std::unique_ptr<Database> db;
    std::unique_ptr<DashboardQueries> queries;
    EventBus bus;
    if (!spec.isEmpty()) {
        Database::Options options;
        options.bus = &bus;
        Result<std::unique_ptr<Database>> opened = Database::open(spec, options);
        if (!opened.ok()) {
            std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
            return 1;
        }
        db = std::move(opened.value());
        queries = std::make_unique<DashboardQueries>(*db);
        window.setCentralWidget(new DashboardPage(*queries, &bus));
    }
    FirstPaint filter;
    window.installEventFilter(&filter);
    window.show();
    return app.exec();
}

double startToPaint(const QStringList& arguments)
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
    process.waitForFinished(10000);
    return ms;
}

} // namespace

int main(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--child") == 0)
            return child(argc, argv, i + 1 < argc ? QString::fromLocal8Bit(argv[i + 1]) : QString());
    }
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption database(QStringLiteral("database"), QStringLiteral("Database spec."),
                                      QStringLiteral("spec"));
    const QCommandLineOption runs(QStringLiteral("runs"), QStringLiteral("Starts of each."), QStringLiteral("n"),
                                  QStringLiteral("5"));
    parser.addOptions({ database, runs });
    parser.process(app);
    const int n = parser.value(runs).toInt();

    heading(QStringLiteral("Start to first painted window (%1, platform %2)")
                .arg(parser.value(database), qEnvironmentVariable("QT_QPA_PLATFORM", QStringLiteral("default"))));
    Timing empty;
    Timing dashboard;
    startToPaint({ QStringLiteral("--child"), parser.value(database) }); // warm the page cache once
    for (int i = 0; i < n; ++i) {
        empty.ms.push_back(startToPaint({ QStringLiteral("--child") }));
        dashboard.ms.push_back(startToPaint({ QStringLiteral("--child"), parser.value(database) }));
    }
    reportRatio(QStringLiteral("start to first paint: dashboard window vs empty window"), dashboard.median(),
                empty.median(), QStringLiteral("ms"), false, 0);
    reportLimit(QStringLiteral("start to first painted dashboard window (median)"), dashboard.median(),
                QStringLiteral("ms"), 500);
    return 0;
}
