// Exporting every reservation to CSV as the Reservations page does (issue 17): CsvExport streams the rows from the
// database on a worker, a page at a time by key, against the database's own CSV export of the same query in the
// same run (`sqlite3 -csv`, or psql's `\copy (...) TO STDOUT CSV` for PostgreSQL); and the process's peak resident
// memory (VmHWM), which must stay under 100 MB.
//   bench_export --database SQLITE_FILE|postgresql://... [--out FOLDER]
#include "benchreport.h"
#include "core/eventbus.h"
#include "core/heap.h"
#include "db/database.h"
#include "itemmodels/csvexport.h"
#include "itemmodels/reservationtablemodel.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <cstdio>

using namespace campdesk;
using namespace campdesk::bench;

namespace {

// The peak resident memory of this process so far, in MB (VmHWM).
double peakResidentMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

qint64 lineCount(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    qint64 lines = 0;
    while (!file.atEnd()) {
        const QByteArray chunk = file.read(1 << 20);
        lines += chunk.count('\n');
    }
    return lines;
}

} // namespace

int main(int argc, char** argv)
{
    campdesk::keepFreedHeapForReuse(); // as the app does
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption database(QStringLiteral("database"), QStringLiteral("SQLite file or PostgreSQL URL."),
                                      QStringLiteral("spec"));
    const QCommandLineOption outDir(QStringLiteral("out"), QStringLiteral("Folder for the CSV files."),
                                    QStringLiteral("folder"), scratchDir());
    parser.addOption(database);
    parser.addOption(outDir);
    parser.process(app);
    const QString file = parser.value(database);
    const QDir out(parser.value(outDir));

    heading(QStringLiteral("CSV export of every reservation on %1").arg(file));
    Result<std::unique_ptr<Database>> opened = Database::open(file);
    if (!opened.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
        return 1;
    }
    Database& db = *opened.value();
    ReservationTableModel model(db, nullptr);
    std::printf("the table loaded %d rows; peak resident before the export %.1f MB\n", model.rowCount(),
                peakResidentMb());

    // Campdesk: the page's export, on its worker.
    const QString ours = out.filePath(QStringLiteral("bench-export-campdesk.csv"));
    CsvExport job(model);
    QEventLoop loop;
    QObject::connect(&job, &CsvExport::finished, &loop, &QEventLoop::quit);
    QElapsedTimer timer;
    timer.start();
    job.start(ours);
    loop.exec();
    const double oursMs = double(timer.nsecsElapsed()) / 1e6;
    if (job.outcome() != CsvExport::Outcome::Written) {
        std::fprintf(stderr, "export failed: %s\n", qPrintable(job.errorMessage()));
        return 1;
    }
    const double peak = peakResidentMb();
    std::printf("campdesk: %lld rows, %.1f MB file, %.0f ms\n", static_cast<long long>(job.rowsWritten()),
                double(QFileInfo(ours).size()) / 1e6, oursMs);

    // The database's own CSV export of the same rows: the query of every page, without the LIMIT.
    const PagedQuery query = model.query();
    QVariantList binds;
    QString sql = query.pageSql(nullptr, 1, &binds);
    sql.chop(QStringLiteral(" LIMIT 1").size());
    if (!binds.isEmpty()) {
        std::fprintf(stderr, "the default query has binds; the command-line tools cannot take them\n");
        return 1;
    }
    const bool postgres = db.driver() == SqlDriver::Postgres;
    const QString tool = postgres ? QStringLiteral("psql \\copy") : QStringLiteral("sqlite3 -csv");
    const QString theirs = out.filePath(QStringLiteral("bench-export-tool.csv"));
    QProcess exporter;
    exporter.setStandardOutputFile(theirs);
    timer.restart();
    if (postgres) {
        exporter.start(QStringLiteral("psql"),
                       { QStringLiteral("-X"), QStringLiteral("-q"), file, QStringLiteral("-c"),
                         QStringLiteral("\\copy (%1) TO STDOUT WITH CSV").arg(sql) });
    } else {
        exporter.start(QStringLiteral("sqlite3"), { QStringLiteral("-readonly"), QStringLiteral("-csv"), file, sql });
    }
    if (!exporter.waitForFinished(-1) || exporter.exitCode() != 0) {
        std::fprintf(stderr, "%s failed: %s\n", qPrintable(tool), exporter.readAllStandardError().constData());
        return 1;
    }
    const double theirsMs = double(timer.nsecsElapsed()) / 1e6;
    std::printf("%s: %lld rows, %.1f MB file, %.0f ms\n", qPrintable(tool), static_cast<long long>(lineCount(theirs)),
                double(QFileInfo(theirs).size()) / 1e6, theirsMs);

    reportRatio(QStringLiteral("export of every reservation, campdesk vs %1").arg(tool), oursMs, theirsMs,
                QStringLiteral("ms"), false, 0.5);
    // Cancel part-way: how long the user waits from Cancel to the end (no file is left).
    CsvExport stopped(model);
    double cancelledAt = 0;
    QObject::connect(&stopped, &CsvExport::progress, &stopped, [&](qint64 rows) {
        if (rows >= 100000 && cancelledAt == 0) {
            cancelledAt = double(timer.nsecsElapsed()) / 1e6;
            stopped.cancel();
        }
    });
    QObject::connect(&stopped, &CsvExport::finished, &loop, &QEventLoop::quit);
    const QString cancelledPath = out.filePath(QStringLiteral("bench-export-cancelled.csv"));
    timer.restart();
    stopped.start(cancelledPath);
    loop.exec();
    const double cancelMs = double(timer.nsecsElapsed()) / 1e6 - cancelledAt;
    std::printf("cancelled after %lld rows: %s\n", static_cast<long long>(stopped.rowsWritten()),
                stopped.outcome() == CsvExport::Outcome::Cancelled && !QFile::exists(cancelledPath) ? "no file"
                                                                                                    : "NOT CANCELLED");
    reportLimit(QStringLiteral("from Cancel to the export's end"), cancelMs, QStringLiteral("ms"), 1000);
    reportLimit(QStringLiteral("peak resident memory (VmHWM) of the exporting process"), peak, QStringLiteral("MB"),
                100);
    QFile::remove(ours);
    QFile::remove(theirs);
    return 0;
}
