// Admin start to the first painted window on a large data set: the time from starting the process to the first
// paint of the admin window as a manager sees it after logging in (every page built, the dashboard shown), against
// a process that paints an empty window (Qt's own start-up). The login dialog and the background runtime
// (notification thread, event feed) are left out: the first waits for a person, the second starts threads only.
//   bench_startup --database SPEC [--runs N]
// The children run on the platform given by QT_QPA_PLATFORM (offscreen by default in scripts/bench).
#include "adminpages.h"
#include "benchreport.h"
#include "mainwindow.h"
#include "ops/appcontext.h"

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
    MainWindow window(Actor { 0, QStringLiteral("bench"), Role::Manager }, context.db->describe());
    addAdminPages(window, context);
    window.resize(1280, 800);
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
