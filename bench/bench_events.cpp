// Event propagation between two processes: a writer process records events (one write transaction each); this
// process's EventFeed re-publishes them on its bus. Latency = received - written, both on this machine's clock.
// Baseline in the same run: the same write and publish inside one process (Database::write -> EventBus).
//   bench_events --database SPEC [--events N] [--interval MS]
#include "benchreport.h"
#include "core/eventbus.h"
#include "core/heap.h"
#include "db/database.h"
#include "ops/eventfeed.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QProcess>
#include <QThread>
#include <QTimer>
#include <chrono>
#include <cstdio>

using namespace campdesk;
using namespace campdesk::bench;

namespace {

qint64 nowUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

Status writeEvent(Database& db, int seq)
{
    return db.write([&](Transaction& tx) -> Status {
        tx.recordEvent(EventType::SettingsChanged, QStringLiteral("bench"), seq,
                       QJsonObject { { QStringLiteral("sentUs"), double(nowUs()) } });
        return {};
    });
}

int writer(const QString& spec, int count, int intervalMs)
{
    Database::Options options;
    options.terminal = QStringLiteral("bench-writer");
    options.migrate = false;
    Result<std::unique_ptr<Database>> db = Database::open(spec, options);
    if (!db.ok())
        return 1;
    for (int i = 1; i <= count; ++i) {
        if (!writeEvent(*db.value(), i).ok())
            return 1;
        QThread::msleep(ulong(intervalMs));
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    campdesk::keepFreedHeapForReuse(); // as the app does
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption database(QStringLiteral("database"), QStringLiteral("Database spec."),
                                      QStringLiteral("spec"));
    const QCommandLineOption events(QStringLiteral("events"), QStringLiteral("Events to send."), QStringLiteral("n"),
                                    QStringLiteral("200"));
    const QCommandLineOption interval(QStringLiteral("interval"), QStringLiteral("Pause between events."),
                                      QStringLiteral("ms"), QStringLiteral("25"));
    const QCommandLineOption writerMode(QStringLiteral("writer"), QStringLiteral("Internal: be the writer."));
    parser.addOptions({ database, events, interval, writerMode });
    parser.process(app);
    const QString spec = parser.value(database);
    const int count = parser.value(events).toInt();
    const int pause = parser.value(interval).toInt();
    if (parser.isSet(writerMode))
        return writer(spec, count, pause);

    EventBus bus;
    Database::Options options;
    options.bus = &bus;
    options.terminal = QStringLiteral("bench-reader");
    Result<std::unique_ptr<Database>> opened = Database::open(spec, options);
    if (!opened.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
        return 1;
    }
    Database& db = *opened.value();
    heading(QStringLiteral("Event propagation (%1)").arg(db.describe()));

    // Baseline: written and published in this process.
    Timing local;
    QObject::connect(&bus, &EventBus::published, &bus, [&](const DomainEvent& e) {
        if (e.origin == QLatin1String("bench-reader"))
            local.ms.push_back(double(nowUs() - qint64(e.payload.value(QStringLiteral("sentUs")).toDouble())) / 1000.0);
    });
    for (int i = 1; i <= count; ++i)
        (void)writeEvent(db, i);

    EventFeed feed(db);
    if (Status started = feed.start(); !started.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(started.error().message));
        return 1;
    }
    Timing remote;
    QObject::connect(&bus, &EventBus::published, &bus, [&](const DomainEvent& e) {
        if (e.origin == QLatin1String("bench-writer")) {
            remote.ms.push_back(double(nowUs() - qint64(e.payload.value(QStringLiteral("sentUs")).toDouble()))
                                / 1000.0);
            if (int(remote.ms.size()) == count)
                app.quit();
        }
    });
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedChannels);
    child.start(QCoreApplication::applicationFilePath(),
                { QStringLiteral("--writer"), QStringLiteral("--database"), spec, QStringLiteral("--events"),
                  QString::number(count), QStringLiteral("--interval"), QString::number(pause) });
    QTimer::singleShot(count * (pause + 50) + 20000, &app, &QCoreApplication::quit);
    app.exec();
    child.waitForFinished(10000);
    std::printf("received %d of %d events from the other process\n", int(remote.ms.size()), count);
    reportRatio(QStringLiteral("between processes, p50 vs in one process"), remote.median(), local.median(),
                QStringLiteral("ms"), false, 0);
    reportRatio(QStringLiteral("between processes, p95 vs in one process"), remote.p(95), local.p(95),
                QStringLiteral("ms"), false, 0);
    return 0;
}
