// Opening the reservations page on a large data set: time to the first screenful of rows and resident memory,
// through Qt's SQL layer as the page does, against the same query with raw sqlite3 in the same run.
//   bench_reservations --database SQLITE_FILE
#include "benchreport.h"
#include "core/heap.h"
#include "db/database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <cstdio>
#include <sqlite3.h>

using namespace campdesk;
using namespace campdesk::bench;

namespace {

// The page's first fetch: the newest bookings with their campsite and customer, one screenful and a little more.
const char* const firstPage
    = "SELECT r.id, r.code, s.code, c.name, c.phone, r.check_in, r.check_out, r.guests, r.status, r.amount, "
      "r.channel, r.created_at FROM reservations r JOIN campsites s ON s.id = r.campsite_id "
      "JOIN customers c ON c.id = r.customer_id ORDER BY r.id DESC LIMIT 200";

double rawFirstRows(const QString& file)
{
    QElapsedTimer timer;
    timer.start();
    sqlite3* db = nullptr;
    sqlite3_open_v2(file.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, firstPage, -1, &stmt, nullptr);
    int rows = 0;
    while (sqlite3_step(stmt) == SQLITE_ROW)
        ++rows;
    sqlite3_finalize(stmt);
    sqlite3_stmt* count = nullptr;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM reservations", -1, &count, nullptr);
    sqlite3_step(count);
    sqlite3_finalize(count);
    sqlite3_close(db);
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char** argv)
{
    campdesk::keepFreedHeapForReuse(); // as the app does
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption database(QStringLiteral("database"), QStringLiteral("SQLite file."),
                                      QStringLiteral("file"));
    parser.addOption(database);
    parser.process(app);
    const QString file = parser.value(database);

    heading(QStringLiteral("Reservations page on %1").arg(file));
    const double before = residentMb();
    QElapsedTimer timer;
    timer.start();
    Result<std::unique_ptr<Database>> opened = Database::open(file);
    if (!opened.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
        return 1;
    }
    qint64 total = 0;
    int rows = 0;
    Status status = opened.value()->read([&](SqlSession& s) -> Status {
        SqlRows q = s.exec(QString::fromLatin1(firstPage));
        while (q.next())
            ++rows;
        total = s.scalar(QStringLiteral("SELECT count(*) FROM reservations")).toLongLong();
        return {};
    });
    const double firstRows = double(timer.nsecsElapsed()) / 1e6;
    if (!status.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(status.error().message));
        return 1;
    }
    std::printf("first %d of %lld reservations\n", rows, static_cast<long long>(total));
    const double raw = rawFirstRows(file);
    reportRatio(QStringLiteral("open + first 200 rows + row count (Qt) vs raw sqlite3"), firstRows, raw,
                QStringLiteral("ms"), false, 0);
    reportLimit(QStringLiteral("open + first rows"), firstRows, QStringLiteral("ms"), 200);
    reportLimit(QStringLiteral("resident memory after the first rows"), residentMb(), QStringLiteral("MB"), 250);
    std::printf("(resident memory before opening: %.1f MB)\n", before);
    return 0;
}
