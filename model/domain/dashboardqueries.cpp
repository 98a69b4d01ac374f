#include "domain/dashboardqueries.h"

#include "db/sqldates.h"

#include <cmath>

namespace campdesk {

qint64 DashboardSnapshot::reviewCount() const
{
    qint64 n = 0;
    for (qint64 count : ratings)
        n += count;
    return n;
}

double DashboardSnapshot::averageRating() const
{
    qint64 sum = 0;
    for (int stars = 1; stars <= 5; ++stars)
        sum += stars * ratings[size_t(stars - 1)];
    const qint64 n = reviewCount();
    return n ? double(sum) / double(n) : 0.0;
}

double DashboardSnapshot::occupancy(int night) const
{
    if (sites == 0 || night < 0 || night >= bookedSites.size())
        return 0.0;
    return double(bookedSites.at(night)) / double(sites);
}

DashboardQueries::DashboardQueries(Database& db)
    : m_db(db)
{
}

Result<QList<CampsiteStatusRow>> DashboardQueries::campsites()
{
    return ReadModel(m_db).campsiteStatuses();
}

void DashboardQueries::addBalancesDue(SqlSession& s, DashboardSnapshot& snap)
{
    // "balance_due > 0" as the index reservations_balance_due is declared, so both databases use it. SQLite's
    // "+status" keeps it off the (status, id) index, which would read every confirmed booking (0.4 s at 1M).
    SqlRows q = s.exec(QStringLiteral("SELECT COALESCE(SUM(CASE WHEN check_in = ? THEN 1 ELSE 0 END), 0), "
                                      "COALESCE(SUM(CASE WHEN check_in = ? THEN balance_due ELSE 0 END), 0), count(*), "
                                      "COALESCE(SUM(balance_due), 0) FROM reservations WHERE balance_due > 0 AND "
                                      "%1status IN ('confirmed', 'checked_in', 'checked_out')")
                           .arg(s.driver() == SqlDriver::Sqlite ? QStringLiteral("+") : QString()),
                       { sqlDate(snap.today), sqlDate(snap.today) });
    if (q.next()) {
        snap.balancesDueToday = q.value(0).toInt();
        snap.balancesDueTodaySum = q.value(1).toLongLong();
        snap.balancesDue = q.value(2).toInt();
        snap.balancesDueSum = q.value(3).toLongLong();
    }
}

Result<DashboardSnapshot> DashboardQueries::snapshot()
{
    if (Result<int> refreshed = ReadModel(m_db).refreshStaleIfFew(); !refreshed.ok())
        return refreshed.error();
    const QDate today = m_db.clock().today();
    return m_db.read([&](SqlSession& s) -> Result<DashboardSnapshot> {
        DashboardSnapshot snap;
        snap.today = today;
        snap.bookedSites = QList<int>(30, 0);
        SqlRows q = s.exec(QStringLiteral(
            "SELECT site_status, current_reservation_id, current_checked_in, current_guests, arrivals_today, "
            "departures_today, nights_30, confirmed_count, checked_in_count, checked_out_count, cancelled_count, "
            "rating_1, rating_2, rating_3, rating_4, rating_5, review_count, rating_sum FROM campsite_status"));
        while (q.next()) {
            if (q.value(0).toString() != QLatin1String("retired"))
                ++snap.sites;
            if (q.value(2).toInt())
                snap.guestsOnSite += q.value(3).toInt();
            snap.arrivalsToday += q.value(4).toInt();
            snap.departuresToday += q.value(5).toInt();
            const QString nights = q.value(6).toString();
            for (int i = 0; i < 30 && i < nights.size(); ++i) {
                if (nights.at(i) == QLatin1Char('1'))
                    ++snap.bookedSites[i];
            }
            for (int i = 0; i < 4; ++i)
                snap.statusCounts[size_t(i)] += q.value(7 + i).toLongLong();
            for (int i = 0; i < 5; ++i)
                snap.ratings[size_t(i)] += q.value(11 + i).toLongLong();
            const int reviews = q.value(16).toInt();
            if (reviews > 0) {
                const double average = q.value(17).toDouble() / reviews;
                const int band = std::clamp(int(std::floor((average - 1.0) * 2.0)), 0, 7);
                ++snap.siteAverages[size_t(band)];
                ++snap.ratedSites;
            }
        }
        q.finish();
        snap.occupiedToday = snap.bookedSites.first();

        const QDate firstMonth = QDate(today.year(), today.month(), 1).addMonths(-11);
        for (int i = 0; i < 12; ++i) {
            MonthTotals m;
            m.month = firstMonth.addMonths(i);
            snap.months.append(m);
        }
        // Days are ISO text, so the month is the first seven characters on both databases.
        SqlRows d = s.exec(QStringLiteral("SELECT substr(day, 1, 7), SUM(revenue), SUM(refunds), "
                                          "SUM(points_credited), SUM(points_deducted), SUM(bookings), "
                                          "SUM(cancellations) FROM daily_stats WHERE day >= ? AND day < ? "
                                          "GROUP BY substr(day, 1, 7)"),
                           { sqlDate(firstMonth), sqlDate(firstMonth.addMonths(12)) });
        while (d.next()) {
            const QDate month = QDate::fromString(d.value(0).toString() + QStringLiteral("-01"), Qt::ISODate);
            const int index = int((month.year() - firstMonth.year()) * 12 + month.month() - firstMonth.month());
            if (index < 0 || index >= 12)
                continue;
            MonthTotals& m = snap.months[index];
            m.revenue = d.value(1).toLongLong();
            m.refunds = d.value(2).toLongLong();
            m.pointsCredited = d.value(3).toLongLong();
            m.pointsDeducted = d.value(4).toLongLong();
            m.bookings = d.value(5).toLongLong();
            m.cancellations = d.value(6).toLongLong();
        }
        snap.revenueThisMonth = snap.months.last().netRevenue();

        const QDate firstSoldDay = today.addDays(1 - DashboardSnapshot::soldDays);
        snap.stayByDay = QList<qint64>(DashboardSnapshot::soldDays, 0);
        snap.extrasByDay = QList<qint64>(DashboardSnapshot::soldDays, 0);
        SqlRows sold = s.exec(QStringLiteral("SELECT day, stay_revenue, extras_revenue FROM daily_stats "
                                             "WHERE day >= ? AND day <= ?"),
                              { sqlDate(firstSoldDay), sqlDate(today) });
        while (sold.next()) {
            const qint64 index = firstSoldDay.daysTo(dateFromSql(sold.value(0)));
            if (index < 0 || index >= DashboardSnapshot::soldDays)
                continue;
            snap.stayByDay[index] = sold.value(1).toLongLong();
            snap.extrasByDay[index] = sold.value(2).toLongLong();
        }
        sold.finish();
        addBalancesDue(s, snap);
        return snap;
    });
}

} // namespace campdesk
