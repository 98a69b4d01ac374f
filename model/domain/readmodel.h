#pragma once

#include "db/database.h"

#include <QCoreApplication>
#include <QDate>
#include <QList>
#include <QMap>
#include <array>

namespace campdesk {

// What one write adds to a day's row of daily_stats.
struct DailyDelta
{
    qint64 bookings = 0;
    qint64 cancellations = 0;
    qint64 revenue = 0;
    qint64 refunds = 0;
    qint64 pointsCredited = 0;
    qint64 pointsDeducted = 0;
    qint64 bookedNights = 0;
    // What the bookings that stand (confirmed, in house, left) sold, by their check-in day rather than the day
    // money moved: their stay lines (nights, extra persons, vehicles) and their extras lines. Kept by triggers on
    // reservations and reservation_lines (migration 28), so every write path keeps them without calling addDaily.
    qint64 stayRevenue = 0;
    qint64 extrasRevenue = 0;

    bool isZero() const
    {
        return !bookings && !cancellations && !revenue && !refunds && !pointsCredited && !pointsDeducted
            && !bookedNights && !stayRevenue && !extrasRevenue;
    }
    DailyDelta& operator+=(const DailyDelta& o);
    bool operator==(const DailyDelta& o) const;
};

// One row of campsite_status: a site's state on the day `asOf`.
struct CampsiteStatusRow
{
    qint64 campsiteId = 0;
    QString code;
    QString name;
    QString kind;
    QString zone;
    QString siteStatus; // the campsite's own status: active, maintenance, retired
    qint64 currentReservationId = 0; // checked in, or confirmed and covering asOf
    QString currentGuest;
    QDate currentCheckOut;
    bool currentCheckedIn = false;
    int currentGuests = 0;
    qint64 nextReservationId = 0;
    QString nextGuest;
    QDate nextCheckIn;
    int bookedNights30 = 0; // confirmed/checked-in/out nights in [asOf, asOf + 30)
    qint64 revenue = 0; // paid minus refunded, all time
    int reviewCount = 0; // visible reviews
    int ratingSum = 0;
    QDate asOf;
    // For the dashboard (migration 9):
    int arrivalsToday = 0; // stays starting on asOf (confirmed, checked in or out)
    int departuresToday = 0; // stays due to end on asOf, and guests who checked out on asOf
    QString nights30; // one character a night from asOf: '1' booked, '0' free
    std::array<int, 4> statusCounts {}; // reservations confirmed, checked in, checked out, cancelled (never holds)
    std::array<int, 5> ratings {}; // visible reviews with 1..5 stars
    int noShowCount = 0; // reservations marked no-show (migration 18)

    double averageRating() const { return reviewCount ? double(ratingSum) / reviewCount : 0.0; }
};

// The CQRS read model: campsite_status (every site at a glance) and daily_stats (per-day totals), kept up
// to date inside the write transactions and rebuildable from the tables. Days are the campground's local days.
class ReadModel
{
    Q_DECLARE_TR_FUNCTIONS(ReadModel)

public:
    explicit ReadModel(Database& db);

    static QDate dayOf(qint64 utcMs);
    // In the caller's write transaction.
    static void addDaily(Transaction& tx, qint64 atMs, const DailyDelta& delta);
    static void addDaily(Transaction& tx, const QDate& day, const DailyDelta& delta);
    static void refreshCampsite(Transaction& tx, qint64 campsiteId);
    // What the row of a campsite should hold on `day`, computed from the tables.
    static std::optional<CampsiteStatusRow> computeCampsite(SqlSession& s, qint64 campsiteId, const QDate& day);
    static QMap<QDate, DailyDelta> computeDaily(SqlSession& s);

    // One write transaction of refreshStale(): how many sites it refreshed and how long it held the write lock
    // (SQLite) or its rows (PostgreSQL), from its first statement to its commit.
    struct RefreshBatch
    {
        int sites = 0;
        qint64 nsecs = 0;
    };
    // Brings rows computed for an earlier day up to today (as days pass, "current guest" and the 30-day
    // window move), in write transactions of at most sitesPerTransaction sites and about 20 ms; on SQLite it
    // pauses between them so another terminal's booking gets the lock. Returns how many rows were refreshed. Cheap
    // when nothing is stale; at a new day it is the whole campground, which ReadModelRefresher does off the GUI
    // thread. batches, when given, receives each transaction's figures (benchmarks and tests).
    Result<int> refreshStale(QList<RefreshBatch>* batches = nullptr);
    static constexpr int sitesPerTransaction = 32;
    // How many rows were computed for an earlier day.
    Result<int> staleCount() const;
    // refreshStale() when at most fewStaleSites rows are stale (cheap enough for the GUI thread); otherwise
    // nothing: the rows stay as they are until ReadModelRefresher brings them up to date.
    Result<int> refreshStaleIfFew();
    static constexpr int fewStaleSites = 32;
    // Recomputes both tables from scratch in one transaction (`campdesk --rebuild-read-model`).
    Status rebuild();
    // Readable differences between the stored read model and what a rebuild would give; empty when equal.
    Result<QStringList> differencesFromRebuild() const;

    // Every campsite's row, refreshed to today first when only a few are stale (refreshStaleIfFew()).
    Result<QList<CampsiteStatusRow>> campsiteStatuses();
    Result<QMap<QDate, DailyDelta>> dailyStats(const QDate& from, const QDate& to) const;

private:
    Database& m_db;
};

} // namespace campdesk
