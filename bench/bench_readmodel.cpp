// The all-campsites view and the dashboard from the read model, against computing the same from the write tables
// (reservations, nights, payments, reviews, mileage) in the same run. Then a new day: every row brought up to today
// on a worker connection as ReadModelRefresher does, while this connection writes as another terminal's booking
// would, against the same writes with nothing else running.
//   bench_readmodel --database SPEC [--runs N]
#include "benchreport.h"
#include "core/heap.h"
#include "domain/dashboardqueries.h"
#include "domain/readmodel.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <atomic>
#include <cstdio>
#include <thread>

using namespace campdesk;
using namespace campdesk::bench;

namespace {

// Every campsite's row computed from the write tables with one aggregate query per figure: the fastest honest way
// to get what campsite_status holds without it.
int campsitesFromScratch(SqlSession& s, const QDate& today)
{
    const QString day = sqlDate(today);
    struct Row
    {
        QString code, name, currentGuest, nextGuest;
        QDate currentCheckOut, nextCheckIn;
        qint64 revenue = 0;
        int nights = 0, reviews = 0, ratingSum = 0, guests = 0;
    };
    QHash<qint64, Row> rows;
    SqlRows q = s.exec(QStringLiteral("SELECT id, code, name FROM campsites"));
    while (q.next()) {
        Row& r = rows[q.value(0).toLongLong()];
        r.code = q.value(1).toString();
        r.name = q.value(2).toString();
    }
    q.finish();
    q = s.exec(QStringLiteral("SELECT r.campsite_id, c.name, r.check_out, r.guests FROM reservations r "
                              "JOIN customers c ON c.id = r.customer_id WHERE r.status = 'checked_in' "
                              "OR (r.status = 'confirmed' AND r.check_in <= ? AND r.check_out > ?)"),
               { day, day });
    while (q.next()) {
        Row& r = rows[q.value(0).toLongLong()];
        r.currentGuest = q.value(1).toString();
        r.currentCheckOut = dateFromSql(q.value(2));
        r.guests = q.value(3).toInt();
    }
    q.finish();
    q = s.exec(QStringLiteral("SELECT r.campsite_id, c.name, r.check_in FROM reservations r "
                              "JOIN customers c ON c.id = r.customer_id "
                              "JOIN (SELECT campsite_id, MIN(check_in) AS first FROM reservations "
                              "      WHERE status = 'confirmed' AND check_in > ? GROUP BY campsite_id) n "
                              "ON n.campsite_id = r.campsite_id AND n.first = r.check_in WHERE r.status = 'confirmed'"),
               { day });
    while (q.next()) {
        Row& r = rows[q.value(0).toLongLong()];
        r.nextGuest = q.value(1).toString();
        r.nextCheckIn = dateFromSql(q.value(2));
    }
    q.finish();
    q = s.exec(QStringLiteral("SELECT n.campsite_id, count(*) FROM reservation_nights n "
                              "JOIN reservations r ON r.id = n.reservation_id WHERE n.night >= ? AND n.night < ? "
                              "AND r.status IN ('confirmed', 'checked_in', 'checked_out') GROUP BY n.campsite_id"),
               { day, sqlDate(today.addDays(30)) });
    while (q.next())
        rows[q.value(0).toLongLong()].nights = q.value(1).toInt();
    q.finish();
    q = s.exec(QStringLiteral("SELECT campsite_id, SUM(amount - refund_amount) FROM reservations WHERE status IN "
                              "('confirmed', 'checked_in', 'checked_out', 'cancelled') GROUP BY campsite_id"));
    while (q.next())
        rows[q.value(0).toLongLong()].revenue = q.value(1).toLongLong();
    q.finish();
    q = s.exec(QStringLiteral("SELECT campsite_id, count(*), SUM(rating) FROM reviews WHERE hidden = 0 "
                              "AND deleted_at IS NULL GROUP BY campsite_id"));
    while (q.next()) {
        Row& r = rows[q.value(0).toLongLong()];
        r.reviews = q.value(1).toInt();
        r.ratingSum = q.value(2).toInt();
    }
    return int(rows.size());
}

// The dashboard's figures from the write tables.
qint64 dashboardFromScratch(SqlSession& s, const QDate& today)
{
    qint64 checksum = 0;
    const QString day = sqlDate(today);
    SqlRows q = s.exec(QStringLiteral("SELECT n.night, count(*) FROM reservation_nights n "
                                      "JOIN reservations r ON r.id = n.reservation_id WHERE n.night >= ? "
                                      "AND n.night < ? AND r.status IN ('confirmed', 'checked_in', 'checked_out') "
                                      "GROUP BY n.night"),
                       { day, sqlDate(today.addDays(30)) });
    while (q.next())
        checksum += q.value(1).toLongLong();
    q.finish(); // PostgreSQL: one active result a connection
    checksum += s.scalar(QStringLiteral("SELECT count(*) FROM reservations WHERE check_in = ? AND status IN "
                                        "('confirmed', 'checked_in', 'checked_out')"),
                         { day })
                    .toLongLong();
    checksum += s.scalar(QStringLiteral("SELECT count(*) FROM reservations WHERE check_out = ? AND status IN "
                                        "('confirmed', 'checked_in', 'checked_out')"),
                         { day })
                    .toLongLong();
    checksum
        += s.scalar(QStringLiteral("SELECT COALESCE(SUM(guests), 0) FROM reservations WHERE status = 'checked_in'"))
               .toLongLong();
    q.finish();
    q = s.exec(
        QStringLiteral("SELECT status, count(*) FROM reservations WHERE status <> 'held' AND status <> 'expired' "
                       "GROUP BY status"));
    while (q.next())
        checksum += q.value(1).toLongLong();
    q.finish();
    q = s.exec(QStringLiteral("SELECT rating, count(*) FROM reviews WHERE hidden = 0 AND deleted_at IS NULL "
                              "GROUP BY rating"));
    while (q.next())
        checksum += q.value(1).toLongLong();
    q.finish();
    q = s.exec(QStringLiteral("SELECT campsite_id, AVG(rating) FROM reviews WHERE hidden = 0 AND deleted_at IS NULL "
                              "GROUP BY campsite_id"));
    while (q.next())
        checksum += q.value(1).toInt();
    q.finish();
    // Money and points by month: one range query per month over the timestamps.
    const QDate firstMonth = QDate(today.year(), today.month(), 1).addMonths(-11);
    for (int i = 0; i < 12; ++i) {
        q.finish();
        const qint64 from = QDateTime(firstMonth.addMonths(i), QTime(0, 0)).toMSecsSinceEpoch();
        const qint64 to = QDateTime(firstMonth.addMonths(i + 1), QTime(0, 0)).toMSecsSinceEpoch();
        checksum += s.scalar(QStringLiteral("SELECT COALESCE(SUM(amount), 0) FROM payments WHERE approved_at >= ? "
                                            "AND approved_at < ?"),
                             { from, to })
                        .toLongLong();
        checksum -= s.scalar(QStringLiteral("SELECT COALESCE(SUM(refund_amount), 0) FROM payments WHERE "
                                            "status = 'cancelled' AND cancelled_at >= ? AND cancelled_at < ?"),
                             { from, to })
                        .toLongLong();
        q.finish();
        q = s.exec(QStringLiteral("SELECT COALESCE(SUM(CASE WHEN delta > 0 THEN delta ELSE 0 END), 0), "
                                  "COALESCE(SUM(CASE WHEN delta < 0 THEN -delta ELSE 0 END), 0) FROM mileage_ledger "
                                  "WHERE created_at >= ? AND created_at < ?"),
                   { from, to });
        if (q.next())
            checksum += q.value(0).toLongLong() + q.value(1).toLongLong();
    }
    return checksum;
}

// Another terminal's write, as short as a write gets: it waits for whatever holds the write lock (SQLite) or the
// rows it touches (PostgreSQL: today's figures, which a booking adds to). Times each until `until` says stop.
Timing writesUntil(Database& db, const std::function<bool(int)>& until)
{
    const QString today = sqlDate(db.clock().today());
    Timing t;
    QElapsedTimer timer;
    for (int i = 0; !until(i); ++i) {
        timer.start();
        Status wrote = db.write([&](Transaction& tx) -> Status {
            tx.exec(QStringLiteral("UPDATE daily_stats SET bookings = bookings WHERE day = ?"), { today });
            return {};
        });
        if (!wrote.ok()) {
            std::fprintf(stderr, "%s\n", qPrintable(wrote.error().message));
            break;
        }
        t.ms.push_back(double(timer.nsecsElapsed()) / 1e6);
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return t;
}

// A new day on the data set: the refresh's transactions and what another connection's writes waited meanwhile.
int newDay(Database& db)
{
    heading(QStringLiteral("A new day: every campsite's row brought up to today on a worker (%1)").arg(db.describe()));
    if (Status stale = markReadModelStale(db); !stale.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(stale.error().message));
        return 1;
    }
    const Timing idle = writesUntil(db, [](int i) { return i >= 300; });

    std::atomic<bool> refreshing { true };
    QList<ReadModel::RefreshBatch> batches;
    QString failure;
    QElapsedTimer total;
    total.start();
    std::thread worker([&] {
        Result<std::unique_ptr<Database>> own = db.openAnother(QStringLiteral("-readmodel"));
        if (!own.ok()) {
            failure = own.error().message;
        } else if (Result<int> refreshed = ReadModel(*own.value()).refreshStale(&batches); !refreshed.ok()) {
            failure = refreshed.error().message;
        }
        refreshing = false;
    });
    const Timing during = writesUntil(db, [&](int) { return !refreshing; });
    worker.join();
    const double totalMs = double(total.nsecsElapsed()) / 1e6;
    if (!failure.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(failure));
        return 1;
    }
    Timing held;
    int sites = 0;
    for (const ReadModel::RefreshBatch& batch : batches) {
        held.ms.push_back(double(batch.nsecs) / 1e6);
        sites += batch.sites;
    }
    std::printf("%d campsites in %d transactions of up to %d, %.0f ms in all; %zu writes alongside\n", sites,
                int(batches.size()), ReadModel::sitesPerTransaction, totalMs, during.ms.size());
    reportLimit(QStringLiteral("new day: the refresh's longest write transaction"), held.p(100), QStringLiteral("ms"),
                50);
    reportLimit(QStringLiteral("new day: the refresh's write transactions (p90)"), held.p(90), QStringLiteral("ms"),
                50);
    reportRatio(QStringLiteral("another connection's write during the refresh vs alone (p99)"), during.p(99),
                idle.p(99), QStringLiteral("ms"), false, 0);
    reportRatio(QStringLiteral("another connection's write during the refresh vs alone (max)"), during.p(100),
                idle.p(100), QStringLiteral("ms"), false, 0);
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
    const QCommandLineOption runs(QStringLiteral("runs"), QStringLiteral("Runs of the read-model queries."),
                                  QStringLiteral("n"), QStringLiteral("30"));
    parser.addOptions({ database, runs });
    parser.process(app);
    Result<std::unique_ptr<Database>> opened = Database::open(parser.value(database));
    if (!opened.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
        return 1;
    }
    Database& db = *opened.value();
    DashboardQueries queries(db);
    const QDate today = db.clock().today();
    const int n = parser.value(runs).toInt();

    heading(QStringLiteral("Read model (%1)").arg(db.describe()));
    int sites = 0;
    // The first call brings rows computed for an earlier day up to today; that is not what is measured.
    (void)queries.campsites();
    const Timing readSites = measure(n, [&] { sites = int(queries.campsites()->size()); });
    int scratchSites = 0;
    const Timing scratchSitesTiming = measure(std::max(3, n / 10), [&] {
        (void)db.read([&](SqlSession& s) -> Status {
            scratchSites = campsitesFromScratch(s, today);
            return {};
        });
    });
    std::printf("campsites: %d from the read model, %d from scratch\n", sites, scratchSites);
    reportRatio(QStringLiteral("all campsites: read model vs from the tables (median)"), readSites.median(),
                scratchSitesTiming.median(), QStringLiteral("ms"), false, 20);
    reportLimit(QStringLiteral("all campsites from the read model (median)"), readSites.median(), QStringLiteral("ms"),
                20);

    const Timing readDashboard = measure(n, [&] { (void)queries.snapshot(); });
    const Timing scratchDashboard = measure(std::max(3, n / 10), [&] {
        (void)db.read([&](SqlSession& s) -> Status {
            dashboardFromScratch(s, today);
            return {};
        });
    });
    reportRatio(QStringLiteral("dashboard: read model vs from the tables (median)"), readDashboard.median(),
                scratchDashboard.median(), QStringLiteral("ms"), false, 20);
    reportLimit(QStringLiteral("dashboard from the read model (median)"), readDashboard.median(), QStringLiteral("ms"),
                20);
    return newDay(db);
}
