// The availability rack on a large data set (issue 17 item 6): every campsite for six weeks from today, as the
// rack page loads it (AvailabilityRackModel::refresh: sites, the stays by check-in through the rack's covering index,
// site blocks, and the model's cell maps), against the same three queries stepped through with raw sqlite3 in the
// same run, and against the stays statement it replaced (through the nights' index), also with raw sqlite3. Then as the
// page reads it, on its reader's thread: again and again, and opened for the first time.
//   bench_rack --database SQLITE_FILE|POSTGRES_URL [--days 42] [--runs 15]
#include "benchreport.h"
#include "core/heap.h"
#include "db/database.h"
#include "db/sqldates.h"
#include "domain/reservation.h"
#include "itemmodels/availabilityrackmodel.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <cstdio>
#include <sqlite3.h>

using namespace campdesk;
using namespace campdesk::bench;

namespace {

// The rack's statements, as AvailabilityRackModel::load() issues them.
const char* const sitesSql = "SELECT id, code, name, status FROM campsites WHERE status <> 'retired' ORDER BY code, id";
// Before migration 35 (stop 21): each stay with a night in the range, looked up by id.
const char* const staysByNightsSql
    = "SELECT r.id, r.campsite_id, r.check_in, r.check_out, r.status, c.name, r.code "
      "FROM reservations r JOIN customers c ON c.id = r.customer_id "
      "WHERE r.id IN (SELECT reservation_id FROM reservation_nights WHERE night >= ?1 AND night < ?2) "
      "AND +r.status IN ('confirmed', 'checked_in', 'checked_out', 'no_show') ORDER BY r.campsite_id, r.check_in";
const char* const blocksSql = "SELECT id, campsite_id, date_from, date_to, kind, reason FROM site_blocks "
                              "WHERE date_to > ?1 AND date_from < ?2 ORDER BY campsite_id, date_from";

int stepAll(sqlite3* db, const char* sql, const QList<QByteArray>& binds)
{
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
    for (int i = 0; i < sqlite3_bind_parameter_count(stmt) && i < binds.size(); ++i)
        sqlite3_bind_text(stmt, i + 1, binds.at(i).constData(), int(binds.at(i).size()), SQLITE_TRANSIENT);
    int rows = 0;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        for (int column = 0; column < sqlite3_column_count(stmt); ++column)
            sqlite3_column_text(stmt, column);
        ++rows;
    }
    sqlite3_finalize(stmt);
    return rows;
}

} // namespace

int main(int argc, char** argv)
{
    campdesk::keepFreedHeapForReuse(); // as the app does
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption database(QStringLiteral("database"), QStringLiteral("SQLite file or PostgreSQL URL."),
                                      QStringLiteral("file"));
    const QCommandLineOption daysOption(QStringLiteral("days"), QStringLiteral("Nights across."), QStringLiteral("n"),
                                        QStringLiteral("42"));
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Measured runs."), QStringLiteral("n"),
                                        QStringLiteral("15"));
    parser.addOption(database);
    parser.addOption(daysOption);
    parser.addOption(runsOption);
    parser.process(app);
    const QString file = parser.value(database);
    const int days = parser.value(daysOption).toInt();
    const int runs = parser.value(runsOption).toInt();
    const QDate start = QDate::currentDate();

    heading(QStringLiteral("Availability rack on %1: %2 nights from %3").arg(file).arg(days).arg(start.toString()));
    Result<std::unique_ptr<Database>> opened = Database::open(file);
    if (!opened.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
        return 1;
    }
    AvailabilityRackModel rack(*opened.value(), nullptr, nullptr, false);
    rack.setRange(start, days);
    rack.setActive(true);
    std::printf("%d sites, %lld stays drawn, %lld blocks\n", rack.rowCount(),
                static_cast<long long>(rack.stays().size()), static_cast<long long>(rack.blocks().size()));

    const Timing ours = measure(runs, [&] { rack.refresh(); });
    const bool sqlite = opened.value()->driver() == SqlDriver::Sqlite;

    // The raw baseline reads the same file with sqlite3 (on PostgreSQL there is none: it finds nothing).
    sqlite3* raw = nullptr;
    sqlite3_open_v2(file.toUtf8().constData(), &raw, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_exec(raw, "PRAGMA mmap_size=2147418112", nullptr, nullptr, nullptr); // as Database::open sets it
    const QByteArray from = sqlDate(start).toUtf8();
    const QByteArray to = sqlDate(start.addDays(days)).toUtf8();
    const QByteArray earliest = sqlDate(start.addDays(-maxStayNights)).toUtf8();
    const QByteArray staysSql = AvailabilityRackModel::staysSql(SqlDriver::Sqlite).toUtf8();
    auto rawRack = [&](const char* stays, const QList<QByteArray>& staysBinds) {
        int drawn = 0;
        const Timing timing = measure(runs, [&] {
            sqlite3_exec(raw, "BEGIN", nullptr, nullptr, nullptr);
            stepAll(raw, sitesSql, {});
            drawn = stepAll(raw, stays, staysBinds);
            stepAll(raw, blocksSql, { from, to });
            sqlite3_exec(raw, "COMMIT", nullptr, nullptr, nullptr);
        });
        return std::make_pair(timing, drawn);
    };
    const auto [theirs, rawStays] = rawRack(staysSql.constData(), { earliest, to, from });
    const auto [before, staysBefore] = rawRack(staysByNightsSql, { from, to });
    sqlite3_close(raw);
    if (sqlite)
        std::printf("raw sqlite3: %d stays; through the nights' index: %d stays\n", rawStays, staysBefore);

    // As the page runs it: read on a worker, applied on this thread. The window waits only for the apply.
    AvailabilityRackModel page(*opened.value(), nullptr, nullptr, false);
    page.setLoadsInBackground(true);
    page.setRange(start, days);
    QElapsedTimer applying;
    Timing applied;
    QObject::connect(&page, &AvailabilityRackModel::loadingChanged, [&](bool loading) {
        if (!loading)
            applying.start();
    });
    QObject::connect(&page, &AvailabilityRackModel::staysChanged,
                     [&] { applied.ms.push_back(double(applying.nsecsElapsed()) / 1e6); });
    const Timing shown = measure(runs, [&] {
        QEventLoop loop;
        QObject::connect(&page, &AvailabilityRackModel::staysChanged, &loop, &QEventLoop::quit);
        if (page.rowCount() == 0)
            page.setActive(true);
        else
            page.refresh();
        loop.exec();
    });

    // The page opened for the first time on a terminal: a new connection, and no guest's name known yet.
    const Timing firstShown = measure(
        runs,
        [&] {
            AvailabilityRackModel opening(*opened.value(), nullptr, nullptr, false);
            opening.setLoadsInBackground(true);
            opening.setRange(start, days);
            QEventLoop loop;
            QObject::connect(&opening, &AvailabilityRackModel::staysChanged, &loop, &QEventLoop::quit);
            opening.setActive(true);
            loop.exec();
        },
        0);

    // Built with the window at login, opened a moment later: its reader has connected meanwhile (PostgreSQL).
    Timing laterShown;
    for (int run = 0; run < runs; ++run) {
        AvailabilityRackModel opening(*opened.value(), nullptr, nullptr, false);
        opening.setLoadsInBackground(true);
        opening.setRange(start, days);
        QEventLoop settle;
        QTimer::singleShot(300, &settle, &QEventLoop::quit);
        settle.exec();
        QElapsedTimer shownIn;
        shownIn.start();
        QEventLoop loop;
        QObject::connect(&opening, &AvailabilityRackModel::staysChanged, &loop, &QEventLoop::quit);
        opening.setActive(true);
        loop.exec();
        laterShown.ms.push_back(double(shownIn.nsecsElapsed()) / 1e6);
    }

    if (!sqlite) {
        reportLimit(QStringLiteral("rack refresh, %1 sites x %2 nights (median of %3; no raw baseline on PostgreSQL)")
                        .arg(rack.rowCount())
                        .arg(days)
                        .arg(runs),
                    ours.median(), QStringLiteral("ms"), 200);
    } else {
        reportRatio(QStringLiteral("rack refresh, %1 sites x %2 nights (median of %3), campdesk vs raw sqlite3")
                        .arg(rack.rowCount())
                        .arg(days)
                        .arg(runs),
                    ours.median(), theirs.median(), QStringLiteral("ms"), false, 0.5);
        reportRatio(QStringLiteral("raw sqlite3: the stays by check-in (migration 35) vs through the nights' index"),
                    theirs.median(), before.median(), QStringLiteral("ms"), false, 1.0);
    }
    reportLimit(QStringLiteral("rack on the page: from refresh to the rows shown, median"), shown.median(),
                QStringLiteral("ms"), 200);
    reportLimit(QStringLiteral("rack on the page: the window's share (applying the rows), p90"), applied.p(90),
                QStringLiteral("ms"), 100);
    reportLimit(QStringLiteral("rack opened for the first time (a new connection, no name known), median"),
                firstShown.median(), QStringLiteral("ms"), 200);
    reportLimit(QStringLiteral("rack opened for the first time, 300 ms after the window was built, median"),
                laterShown.median(), QStringLiteral("ms"), 200);
    return 0;
}
