#pragma once

#include "db/database.h"
#include "domain/readmodel.h"

#include <QCoreApplication>
#include <QDate>
#include <QList>
#include <array>

namespace campdesk {

// One month of daily_stats, added up.
struct MonthTotals
{
    QDate month; // first day of the month
    qint64 revenue = 0; // paid
    qint64 refunds = 0;
    qint64 pointsCredited = 0;
    qint64 pointsDeducted = 0;
    qint64 bookings = 0;
    qint64 cancellations = 0;

    qint64 netRevenue() const { return revenue - refunds; }
};

// Everything the dashboard shows, read from the read model only (campsite_status and daily_stats).
struct DashboardSnapshot
{
    QDate today;
    int sites = 0; // campsites that are not retired
    int occupiedToday = 0; // sites with a stay covering tonight
    int arrivalsToday = 0;
    int departuresToday = 0;
    int guestsOnSite = 0; // guests of stays that are checked in
    qint64 revenueThisMonth = 0; // paid minus refunded, this calendar month
    QList<int> bookedSites; // 30 entries: sites booked on the night today + i
    QList<MonthTotals> months; // 12 entries, oldest first; the last is this month
    // What the stays arriving on each of the last 30 days (oldest first, the last is today) sold: their stay lines
    // and their extras lines (daily_stats.stay_revenue, extras_revenue; cancelled stays no longer count).
    QList<qint64> stayByDay;
    QList<qint64> extrasByDay;
    static constexpr int soldDays = 30;
    std::array<qint64, 4> statusCounts {}; // confirmed, checked in, checked out, cancelled (holds never count)
    std::array<qint64, 5> ratings {}; // visible reviews with 1..5 stars
    std::array<int, 8> siteAverages {}; // campsites by average rating: [1,1.5), [1.5,2), ... [4.5,5]
    int ratedSites = 0;
    // Deposit bookings still owing their balance (confirmed, let in by a manager without it, or gone owing it): today's
    // arrivals and all of them.
    int balancesDueToday = 0;
    qint64 balancesDueTodaySum = 0;
    int balancesDue = 0;
    qint64 balancesDueSum = 0;

    qint64 reviewCount() const;
    double averageRating() const; // over all visible reviews; 0 without any
    double occupancy(int night) const; // 0..1 for today + night
};

// The dashboard's queries. They read campsite_status and daily_stats only: a handful of rows per campsite and per
// day, never the reservations, so the dashboard stays fast on a whole campground chain.
class DashboardQueries
{
    Q_DECLARE_TR_FUNCTIONS(DashboardQueries)

public:
    explicit DashboardQueries(Database& db);

    // Rows computed for an earlier day are brought up to today first (as days pass the 30-night window moves).
    Result<DashboardSnapshot> snapshot();
    // Every campsite's row of campsite_status, by code.
    Result<QList<CampsiteStatusRow>> campsites();
    // The balances due, from the reservations through their partial index (the few bookings owing something).
    static void addBalancesDue(SqlSession& s, DashboardSnapshot& snap);
    Database& database() { return m_db; }

private:
    Database& m_db;
};

} // namespace campdesk
