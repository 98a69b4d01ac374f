#include "domain/readmodel.h"

#include <QElapsedTimer>
#include <QThread>
#include <QTimeZone>

namespace campdesk {

namespace {

const QString paidStatuses = QStringLiteral("('confirmed', 'checked_in', 'checked_out', 'cancelled', 'no_show')");

// The columns of campsite_status that writeCampsiteRow() sets, in the order of campsiteValues().
const QStringList writtenColumns = {
    QStringLiteral("code"),
    QStringLiteral("name"),
    QStringLiteral("kind"),
    QStringLiteral("zone"),
    QStringLiteral("site_status"),
    QStringLiteral("current_reservation_id"),
    QStringLiteral("current_guest"),
    QStringLiteral("current_check_out"),
    QStringLiteral("next_reservation_id"),
    QStringLiteral("next_guest"),
    QStringLiteral("next_check_in"),
    QStringLiteral("booked_nights_30"),
    QStringLiteral("revenue"),
    QStringLiteral("review_count"),
    QStringLiteral("rating_sum"),
    QStringLiteral("as_of"),
    QStringLiteral("updated_at"),
    QStringLiteral("current_checked_in"),
    QStringLiteral("current_guests"),
    QStringLiteral("arrivals_today"),
    QStringLiteral("departures_today"),
    QStringLiteral("nights_30"),
    QStringLiteral("confirmed_count"),
    QStringLiteral("checked_in_count"),
    QStringLiteral("checked_out_count"),
    QStringLiteral("cancelled_count"),
    QStringLiteral("rating_1"),
    QStringLiteral("rating_2"),
    QStringLiteral("rating_3"),
    QStringLiteral("rating_4"),
    QStringLiteral("rating_5"),
    QStringLiteral("no_show_count"),
};

QVariantList campsiteValues(Transaction& tx, const CampsiteStatusRow& r)
{
    auto idOrNull = [](qint64 id) { return id ? QVariant(id) : QVariant(); };
    auto textOrNull = [](const QString& t, qint64 id) { return id ? QVariant(t) : QVariant(); };
    auto dateOrNull = [](const QDate& d) { return d.isValid() ? QVariant(sqlDate(d)) : QVariant(); };
    return { r.code,
             r.name,
             r.kind,
             r.zone,
             r.siteStatus,
             idOrNull(r.currentReservationId),
             textOrNull(r.currentGuest, r.currentReservationId),
             dateOrNull(r.currentCheckOut),
             idOrNull(r.nextReservationId),
             textOrNull(r.nextGuest, r.nextReservationId),
             dateOrNull(r.nextCheckIn),
             r.bookedNights30,
             r.revenue,
             r.reviewCount,
             r.ratingSum,
             sqlDate(r.asOf),
             tx.nowMs(),
             r.currentCheckedIn ? 1 : 0,
             r.currentGuests,
             r.arrivalsToday,
             r.departuresToday,
             r.nights30,
             r.statusCounts[0],
             r.statusCounts[1],
             r.statusCounts[2],
             r.statusCounts[3],
             r.ratings[0],
             r.ratings[1],
             r.ratings[2],
             r.ratings[3],
             r.ratings[4],
             r.noShowCount };
}

void writeCampsiteRow(Transaction& tx, const CampsiteStatusRow& r)
{
    // Nearly always the row exists (a campsite gets it when registered): a plain UPDATE is about half the SQL of
    // the upsert for SQLite to compile on every booking. The upsert covers a missing row.
    static const QString update = [] {
        QStringList sets;
        for (const QString& column : writtenColumns)
            sets << column + QStringLiteral(" = ?");
        return QStringLiteral("UPDATE campsite_status SET ") + sets.join(QStringLiteral(", "))
            + QStringLiteral(" WHERE campsite_id = ?");
    }();
    static const QString upsert = [] {
        QStringList sets;
        for (const QString& column : writtenColumns)
            sets << QStringLiteral("%1 = excluded.%1").arg(column);
        return QStringLiteral("INSERT INTO campsite_status (campsite_id, ") + writtenColumns.join(QStringLiteral(", "))
            + QStringLiteral(") VALUES (?") + QStringLiteral(", ?").repeated(writtenColumns.size())
            + QStringLiteral(") ON CONFLICT (campsite_id) DO UPDATE SET ") + sets.join(QStringLiteral(", "));
    }();
    QVariantList values = campsiteValues(tx, r);
    values.append(r.campsiteId);
    if (tx.exec(update, values).numRowsAffected() > 0)
        return;
    values.removeLast();
    values.prepend(r.campsiteId);
    tx.exec(upsert, values);
}

CampsiteStatusRow rowFromQuery(const QSqlQuery& q)
{
    CampsiteStatusRow r;
    r.campsiteId = q.value(0).toLongLong();
    r.code = q.value(1).toString();
    r.name = q.value(2).toString();
    r.kind = q.value(3).toString();
    r.zone = q.value(4).toString();
    r.siteStatus = q.value(5).toString();
    r.currentReservationId = q.value(6).toLongLong();
    r.currentGuest = q.value(7).toString();
    r.currentCheckOut = dateFromSql(q.value(8));
    r.nextReservationId = q.value(9).toLongLong();
    r.nextGuest = q.value(10).toString();
    r.nextCheckIn = dateFromSql(q.value(11));
    r.bookedNights30 = q.value(12).toInt();
    r.revenue = q.value(13).toLongLong();
    r.reviewCount = q.value(14).toInt();
    r.ratingSum = q.value(15).toInt();
    r.asOf = dateFromSql(q.value(16));
    r.currentCheckedIn = q.value(17).toInt() != 0;
    r.currentGuests = q.value(18).toInt();
    r.arrivalsToday = q.value(19).toInt();
    r.departuresToday = q.value(20).toInt();
    r.nights30 = q.value(21).toString();
    for (int i = 0; i < 4; ++i)
        r.statusCounts[size_t(i)] = q.value(22 + i).toInt();
    for (int i = 0; i < 5; ++i)
        r.ratings[size_t(i)] = q.value(26 + i).toInt();
    r.noShowCount = q.value(31).toInt();
    return r;
}

const QString selectStatusRows = QStringLiteral(
    "SELECT cs.campsite_id, cs.code, cs.name, cs.kind, cs.zone, cs.site_status, cs.current_reservation_id, "
    "cs.current_guest, cs.current_check_out, cs.next_reservation_id, cs.next_guest, cs.next_check_in, "
    "cs.booked_nights_30, cs.revenue, cs.review_count, cs.rating_sum, cs.as_of, cs.current_checked_in, "
    "cs.current_guests, cs.arrivals_today, cs.departures_today, cs.nights_30, cs.confirmed_count, "
    "cs.checked_in_count, cs.checked_out_count, cs.cancelled_count, cs.rating_1, cs.rating_2, cs.rating_3, "
    "cs.rating_4, cs.rating_5, cs.no_show_count FROM campsite_status cs");

QString describeRow(const CampsiteStatusRow& r)
{
    return QStringLiteral("code=%1 name=%2 kind=%3 zone=%4 status=%5 current=%6/%7/%8 next=%9/%10/%11 nights30=%12 "
                          "revenue=%13 reviews=%14/%15 asOf=%16 in=%17/%18 arrivals=%19 departures=%20 "
                          "nights=%21 statuses=%22 ratings=%23 noShows=%24")
        .arg(r.code, r.name, r.kind, r.zone, r.siteStatus)
        .arg(r.currentReservationId)
        .arg(r.currentGuest, sqlDate(r.currentCheckOut))
        .arg(r.nextReservationId)
        .arg(r.nextGuest, sqlDate(r.nextCheckIn))
        .arg(r.bookedNights30)
        .arg(r.revenue)
        .arg(r.reviewCount)
        .arg(r.ratingSum)
        .arg(sqlDate(r.asOf))
        .arg(r.currentCheckedIn)
        .arg(r.currentGuests)
        .arg(r.arrivalsToday)
        .arg(r.departuresToday)
        .arg(r.nights30)
        .arg(QStringLiteral("%1,%2,%3,%4")
                 .arg(r.statusCounts[0])
                 .arg(r.statusCounts[1])
                 .arg(r.statusCounts[2])
                 .arg(r.statusCounts[3]))
        .arg(QStringLiteral("%1,%2,%3,%4,%5")
                 .arg(r.ratings[0])
                 .arg(r.ratings[1])
                 .arg(r.ratings[2])
                 .arg(r.ratings[3])
                 .arg(r.ratings[4]))
        .arg(r.noShowCount);
}

QString describeDaily(const DailyDelta& d)
{
    return QStringLiteral("bookings=%1 cancellations=%2 revenue=%3 refunds=%4 credited=%5 deducted=%6 nights=%7 "
                          "stay=%8 extras=%9")
        .arg(d.bookings)
        .arg(d.cancellations)
        .arg(d.revenue)
        .arg(d.refunds)
        .arg(d.pointsCredited)
        .arg(d.pointsDeducted)
        .arg(d.bookedNights)
        .arg(d.stayRevenue)
        .arg(d.extrasRevenue);
}

QMap<QDate, DailyDelta> storedDaily(SqlSession& s, const QDate& from = QDate(), const QDate& to = QDate())
{
    QString sql = QStringLiteral("SELECT day, bookings, cancellations, revenue, refunds, points_credited, "
                                 "points_deducted, booked_nights, stay_revenue, extras_revenue FROM daily_stats");
    QVariantList binds;
    if (from.isValid() && to.isValid()) {
        sql += QStringLiteral(" WHERE day >= ? AND day <= ?");
        binds = { sqlDate(from), sqlDate(to) };
    }
    SqlRows q = s.exec(sql + QStringLiteral(" ORDER BY day"), binds);
    QMap<QDate, DailyDelta> out;
    while (q.next()) {
        DailyDelta d;
        d.bookings = q.value(1).toLongLong();
        d.cancellations = q.value(2).toLongLong();
        d.revenue = q.value(3).toLongLong();
        d.refunds = q.value(4).toLongLong();
        d.pointsCredited = q.value(5).toLongLong();
        d.pointsDeducted = q.value(6).toLongLong();
        d.bookedNights = q.value(7).toLongLong();
        d.stayRevenue = q.value(8).toLongLong();
        d.extrasRevenue = q.value(9).toLongLong();
        out.insert(dateFromSql(q.value(0)), d);
    }
    return out;
}

// A row with the site's own columns (code, name, kind, zone, status: the query's first five) filled in.
CampsiteStatusRow siteRow(const QSqlQuery& q, qint64 campsiteId, const QDate& day)
{
    CampsiteStatusRow r;
    r.campsiteId = campsiteId;
    r.code = q.value(0).toString();
    r.name = q.value(1).toString();
    r.kind = q.value(2).toString();
    r.zone = q.value(3).toString();
    r.siteStatus = q.value(4).toString();
    r.asOf = day;
    return r;
}

// The columns that depend on the day (and the site's own): everything but the totals, which triggers keep
// (migration 12). In the order windowValues() gives them.
const QStringList windowColumns = {
    QStringLiteral("code"),
    QStringLiteral("name"),
    QStringLiteral("kind"),
    QStringLiteral("zone"),
    QStringLiteral("site_status"),
    QStringLiteral("current_reservation_id"),
    QStringLiteral("current_guest"),
    QStringLiteral("current_check_out"),
    QStringLiteral("next_reservation_id"),
    QStringLiteral("next_guest"),
    QStringLiteral("next_check_in"),
    QStringLiteral("booked_nights_30"),
    QStringLiteral("as_of"),
    QStringLiteral("updated_at"),
    QStringLiteral("current_checked_in"),
    QStringLiteral("current_guests"),
    QStringLiteral("arrivals_today"),
    QStringLiteral("departures_today"),
    QStringLiteral("nights_30"),
};

// What computeCampsite() gives for the day-bound columns, from indexed look-ups of a few rows: the site, today's
// arrivals and departures, the current stay, the next two arrivals and the next 30 nights. Its cost does not grow
// with the site's history (this runs in every booking's write transaction and for every site at a new day).
// computeCampsite() stays the reference, one figure a query: differencesFromRebuild() compares the stored rows with
// it, so the random-sequence tests check this against it. The totals are left at zero.
std::optional<CampsiteStatusRow> computeWindow(SqlSession& s, qint64 campsiteId, const QDate& day)
{
    const QString today = sqlDate(day);
    // One statement (a booking's confirmation runs it; on PostgreSQL each statement is a round trip): the site with
    // today's arrivals and departures, joined to its stays. The LIMIT keeps the site's counts in their own subquery,
    // counted once rather than for every stay. Part 0: a checked-in guest (current even past their check-out date).
    // Part 1: the confirmed stay that holds tonight's night (the nights table has one row per booked night). Part 2:
    // the first two confirmed arrivals from today, so that the next one other than the current is among them.
    // Part 3: the booked nights of the next 30 days.
    SqlRows stays = s.exec(
        QStringLiteral("SELECT s.code, s.name, s.kind, s.zone, s.status, s.arrivals, s.departures, "
                       "u.part, u.id, u.name, u.day, u.guests, u.check_in FROM (SELECT code, name, kind, zone, status, "
                       "(SELECT count(*) FROM reservations r WHERE r.campsite_id = c.id AND r.check_in = ? "
                       "AND r.status IN ('confirmed', 'checked_in', 'checked_out')) AS arrivals, "
                       "(SELECT count(*) FROM reservations r WHERE r.campsite_id = c.id AND r.check_out = ? "
                       "AND r.status IN ('confirmed', 'checked_in')) + "
                       "(SELECT count(*) FROM reservations r WHERE r.campsite_id = c.id "
                       "AND r.checked_out_on = ? AND r.status = 'checked_out') AS departures "
                       "FROM campsites c WHERE c.id = ? LIMIT 1) s LEFT JOIN ("
                       "SELECT * FROM (SELECT 0 AS part, r.id, c.name, r.check_out AS day, r.guests, r.check_in "
                       "FROM reservations r JOIN customers c ON c.id = r.customer_id WHERE r.campsite_id = ? "
                       "AND r.status = 'checked_in' ORDER BY r.check_in, r.id LIMIT 1) a "
                       "UNION ALL SELECT 1, r.id, c.name, r.check_out, r.guests, r.check_in FROM reservation_nights n "
                       "JOIN reservations r ON r.id = n.reservation_id JOIN customers c ON c.id = r.customer_id "
                       "WHERE n.campsite_id = ? AND n.night = ? AND r.status = 'confirmed' "
                       "UNION ALL SELECT * FROM (SELECT 2, r.id, c.name, r.check_in, r.guests, r.check_in "
                       "FROM reservations r JOIN customers c ON c.id = r.customer_id WHERE r.campsite_id = ? "
                       "AND r.status = 'confirmed' AND r.check_in >= ? ORDER BY r.check_in, r.id LIMIT 2) b "
                       "UNION ALL SELECT 3, NULL, NULL, n.night, NULL, NULL FROM reservation_nights n "
                       "JOIN reservations r ON r.id = n.reservation_id WHERE n.campsite_id = ? AND n.night >= ? "
                       "AND n.night < ? AND r.status IN ('confirmed', 'checked_in', 'checked_out')) u ON 1 = 1 "
                       "ORDER BY u.part, u.check_in, u.id"),
        { today, today, today, campsiteId, campsiteId, campsiteId, today, campsiteId, today, campsiteId, today,
          sqlDate(day.addDays(30)) });
    if (!stays.next())
        return std::nullopt;
    CampsiteStatusRow r = siteRow(stays, campsiteId, day);
    r.arrivalsToday = stays.value(5).toInt();
    r.departuresToday = stays.value(6).toInt();
    constexpr int stay = 7; // the first column of a stay
    QString nights(30, QLatin1Char('0'));
    do {
        if (stays.isNull(stay))
            continue; // a site with no stays: its row alone
        const int part = stays.value(stay).toInt();
        if (part <= 1) {
            // A checked-in guest sorts first and wins over tonight's confirmed stay.
            if (r.currentReservationId == 0) {
                r.currentReservationId = stays.value(stay + 1).toLongLong();
                r.currentGuest = stays.value(stay + 2).toString();
                r.currentCheckOut = dateFromSql(stays.value(stay + 3));
                r.currentCheckedIn = part == 0;
                r.currentGuests = stays.value(stay + 4).toInt();
            }
        } else if (part == 2) {
            const qint64 id = stays.value(stay + 1).toLongLong();
            if (r.nextReservationId == 0 && id != r.currentReservationId) {
                r.nextReservationId = id;
                r.nextGuest = stays.value(stay + 2).toString();
                r.nextCheckIn = dateFromSql(stays.value(stay + 3));
            }
        } else {
            const qint64 offset = day.daysTo(dateFromSql(stays.value(stay + 3)));
            if (offset >= 0 && offset < 30)
                nights[int(offset)] = QLatin1Char('1');
        }
    } while (stays.next());
    r.nights30 = nights;
    r.bookedNights30 = int(nights.count(QLatin1Char('1')));
    return r;
}

// Writes the day-bound columns of a row whose totals are kept (as_of set); false when there is no such row.
bool writeWindowColumns(Transaction& tx, const CampsiteStatusRow& r)
{
    static const QString update = [] {
        QStringList sets;
        for (const QString& column : windowColumns)
            sets << column + QStringLiteral(" = ?");
        return QStringLiteral("UPDATE campsite_status SET ") + sets.join(QStringLiteral(", "))
            + QStringLiteral(" WHERE campsite_id = ? AND as_of <> ''");
    }();
    const QVariantList all = campsiteValues(tx, r);
    QVariantList values;
    for (const QString& column : windowColumns)
        values.append(all.at(writtenColumns.indexOf(column)));
    values.append(r.campsiteId);
    return tx.exec(update, values).numRowsAffected() > 0;
}

} // namespace

DailyDelta& DailyDelta::operator+=(const DailyDelta& o)
{
    bookings += o.bookings;
    cancellations += o.cancellations;
    revenue += o.revenue;
    refunds += o.refunds;
    pointsCredited += o.pointsCredited;
    pointsDeducted += o.pointsDeducted;
    bookedNights += o.bookedNights;
    stayRevenue += o.stayRevenue;
    extrasRevenue += o.extrasRevenue;
    return *this;
}

bool DailyDelta::operator==(const DailyDelta& o) const
{
    return bookings == o.bookings && cancellations == o.cancellations && revenue == o.revenue && refunds == o.refunds
        && pointsCredited == o.pointsCredited && pointsDeducted == o.pointsDeducted && bookedNights == o.bookedNights
        && stayRevenue == o.stayRevenue && extrasRevenue == o.extrasRevenue;
}

ReadModel::ReadModel(Database& db)
    : m_db(db)
{
}

QDate ReadModel::dayOf(qint64 utcMs)
{
    return QDateTime::fromMSecsSinceEpoch(utcMs, QTimeZone::utc()).toLocalTime().date();
}

void ReadModel::addDaily(Transaction& tx, qint64 atMs, const DailyDelta& d)
{
    addDaily(tx, dayOf(atMs), d);
}

void ReadModel::addDaily(Transaction& tx, const QDate& day, const DailyDelta& d)
{
    if (d.isZero())
        return;
    tx.exec(QStringLiteral("INSERT INTO daily_stats (day, bookings, cancellations, revenue, refunds, points_credited, "
                           "points_deducted, booked_nights, stay_revenue, extras_revenue) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                           "ON CONFLICT (day) DO UPDATE SET bookings = daily_stats.bookings + excluded.bookings, "
                           "cancellations = daily_stats.cancellations + excluded.cancellations, "
                           "revenue = daily_stats.revenue + excluded.revenue, "
                           "refunds = daily_stats.refunds + excluded.refunds, "
                           "points_credited = daily_stats.points_credited + excluded.points_credited, "
                           "points_deducted = daily_stats.points_deducted + excluded.points_deducted, "
                           "booked_nights = daily_stats.booked_nights + excluded.booked_nights, "
                           "stay_revenue = daily_stats.stay_revenue + excluded.stay_revenue, "
                           "extras_revenue = daily_stats.extras_revenue + excluded.extras_revenue"),
            { sqlDate(day), d.bookings, d.cancellations, d.revenue, d.refunds, d.pointsCredited, d.pointsDeducted,
              d.bookedNights, d.stayRevenue, d.extrasRevenue });
}

std::optional<CampsiteStatusRow> ReadModel::computeCampsite(SqlSession& s, qint64 campsiteId, const QDate& day)
{
    SqlRows site
        = s.exec(QStringLiteral("SELECT code, name, kind, zone, status FROM campsites WHERE id = ?"), { campsiteId });
    if (!site.next())
        return std::nullopt;
    CampsiteStatusRow r = siteRow(site, campsiteId, day);
    site.finish();
    const QString today = sqlDate(day);

    // A guest who checked in stays current until they check out, even past their check-out date.
    SqlRows current = s.exec(
        QStringLiteral("SELECT r.id, c.name, r.check_out, r.status, r.guests FROM reservations r "
                       "JOIN customers c ON c.id = r.customer_id WHERE r.campsite_id = ? AND (r.status = 'checked_in' "
                       "OR (r.status = 'confirmed' AND r.check_in <= ? AND r.check_out > ?)) "
                       "ORDER BY CASE WHEN r.status = 'checked_in' THEN 0 ELSE 1 END, r.check_in, r.id"),
        { campsiteId, today, today });
    if (current.next()) {
        r.currentReservationId = current.value(0).toLongLong();
        r.currentGuest = current.value(1).toString();
        r.currentCheckOut = dateFromSql(current.value(2));
        r.currentCheckedIn = current.value(3).toString() == QLatin1String("checked_in");
        r.currentGuests = current.value(4).toInt();
    }
    current.finish();

    SqlRows next = s.exec(QStringLiteral("SELECT r.id, c.name, r.check_in FROM reservations r "
                                         "JOIN customers c ON c.id = r.customer_id WHERE r.campsite_id = ? "
                                         "AND r.status = 'confirmed' AND r.check_in >= ? AND r.id <> ? "
                                         "ORDER BY r.check_in, r.id"),
                          { campsiteId, today, r.currentReservationId });
    if (next.next()) {
        r.nextReservationId = next.value(0).toLongLong();
        r.nextGuest = next.value(1).toString();
        r.nextCheckIn = dateFromSql(next.value(2));
    }
    next.finish();

    // Which of the next 30 nights are booked: their count, and one character a night for the dashboard.
    QString nights(30, QLatin1Char('0'));
    SqlRows booked = s.exec(QStringLiteral("SELECT n.night FROM reservation_nights n "
                                           "JOIN reservations r ON r.id = n.reservation_id "
                                           "WHERE n.campsite_id = ? AND n.night >= ? AND n.night < ? "
                                           "AND r.status IN ('confirmed', 'checked_in', 'checked_out')"),
                            { campsiteId, today, sqlDate(day.addDays(30)) });
    while (booked.next()) {
        const qint64 offset = day.daysTo(dateFromSql(booked.value(0)));
        if (offset >= 0 && offset < 30)
            nights[int(offset)] = QLatin1Char('1');
    }
    booked.finish();
    r.nights30 = nights;
    r.bookedNights30 = int(nights.count(QLatin1Char('1')));

    // Arrivals and departures today, the count in each status and the revenue, in one pass over the site's
    // reservations (this runs in every booking's write transaction).
    static const QLatin1String counted[] = { QLatin1String("confirmed"), QLatin1String("checked_in"),
                                             QLatin1String("checked_out"), QLatin1String("cancelled") };
    QString aggregates
        = QStringLiteral(
              "SELECT COALESCE(SUM(CASE WHEN check_in = ? AND status IN ('confirmed', 'checked_in', 'checked_out') "
              "THEN 1 ELSE 0 END), 0), "
              "COALESCE(SUM(CASE WHEN (check_out = ? AND status IN ('confirmed', 'checked_in')) "
              "OR (checked_out_on = ? AND status = 'checked_out') THEN 1 ELSE 0 END), 0), "
              "COALESCE(SUM(CASE WHEN status IN %1 THEN amount - refund_amount ELSE 0 END), 0)")
              .arg(paidStatuses);
    for (const QLatin1String& status : counted)
        aggregates += QStringLiteral(", COALESCE(SUM(CASE WHEN status = '%1' THEN 1 ELSE 0 END), 0)").arg(status);
    aggregates += QStringLiteral(", COALESCE(SUM(CASE WHEN status = 'no_show' THEN 1 ELSE 0 END), 0)");
    SqlRows totals = s.exec(aggregates + QStringLiteral(" FROM reservations WHERE campsite_id = ?"),
                            { today, today, today, campsiteId });
    if (totals.next()) {
        r.arrivalsToday = totals.value(0).toInt();
        r.departuresToday = totals.value(1).toInt();
        r.revenue = totals.value(2).toLongLong();
        for (int i = 0; i < 4; ++i)
            r.statusCounts[size_t(i)] = totals.value(3 + i).toInt();
        r.noShowCount = totals.value(7).toInt();
    }
    totals.finish();
    SqlRows reviews = s.exec(QStringLiteral("SELECT rating, count(*) FROM reviews "
                                            "WHERE campsite_id = ? AND deleted_at IS NULL AND hidden = 0 "
                                            "GROUP BY rating"),
                             { campsiteId });
    while (reviews.next()) {
        const int stars = reviews.value(0).toInt();
        const int count = reviews.value(1).toInt();
        if (stars >= 1 && stars <= 5)
            r.ratings[size_t(stars - 1)] = count;
        r.reviewCount += count;
        r.ratingSum += stars * count;
    }
    return r;
}

void ReadModel::refreshCampsite(Transaction& tx, qint64 campsiteId)
{
    const QDate today = tx.database().clock().today();
    std::optional<CampsiteStatusRow> row = computeWindow(tx, campsiteId, today);
    if (!row || writeWindowColumns(tx, *row))
        return;
    // No row, or one never computed (as_of empty, as after migration 9): the totals once from the whole history.
    if (std::optional<CampsiteStatusRow> full = computeCampsite(tx, campsiteId, today))
        writeCampsiteRow(tx, *full);
}

QMap<QDate, DailyDelta> ReadModel::computeDaily(SqlSession& s)
{
    QMap<QDate, DailyDelta> days;
    // Each source row adds to the day it happened, exactly as the write transactions do.
    SqlRows confirmed = s.exec(QStringLiteral("SELECT confirmed_at, check_in, check_out FROM reservations "
                                              "WHERE confirmed_at IS NOT NULL"));
    while (confirmed.next()) {
        DailyDelta& d = days[dayOf(confirmed.value(0).toLongLong())];
        d.bookings += 1;
        d.bookedNights += dateFromSql(confirmed.value(1)).daysTo(dateFromSql(confirmed.value(2)));
    }
    SqlRows cancelled = s.exec(QStringLiteral(
        "SELECT cancelled_at FROM reservations WHERE status = 'cancelled' AND cancelled_at IS NOT NULL"));
    while (cancelled.next())
        days[dayOf(cancelled.value(0).toLongLong())].cancellations += 1;
    SqlRows approved = s.exec(QStringLiteral("SELECT approved_at, amount FROM payments WHERE approved_at IS NOT NULL"));
    while (approved.next())
        days[dayOf(approved.value(0).toLongLong())].revenue += approved.value(1).toLongLong();
    SqlRows refunded = s.exec(QStringLiteral("SELECT cancelled_at, refund_amount FROM payments "
                                             "WHERE status = 'cancelled' AND cancelled_at IS NOT NULL"));
    while (refunded.next())
        days[dayOf(refunded.value(0).toLongLong())].refunds += refunded.value(1).toLongLong();
    // Revenue by kind: the lines of the bookings that stand, by check-in day (ExtrasService::revenue's rule).
    SqlRows sold = s.exec(QStringLiteral("SELECT r.check_in, l.kind, l.amount FROM reservations r "
                                         "JOIN reservation_lines l ON l.reservation_id = r.id "
                                         "WHERE r.status IN ('confirmed', 'checked_in', 'checked_out')"));
    while (sold.next()) {
        DailyDelta& d = days[dateFromSql(sold.value(0))];
        const QString kind = sold.value(1).toString();
        if (kind == QLatin1String("extra"))
            d.extrasRevenue += sold.value(2).toLongLong();
        else if (kind != QLatin1String("points"))
            d.stayRevenue += sold.value(2).toLongLong();
    }
    SqlRows ledger = s.exec(QStringLiteral("SELECT created_at, delta FROM mileage_ledger"));
    while (ledger.next()) {
        const qint64 delta = ledger.value(1).toLongLong();
        DailyDelta& d = days[dayOf(ledger.value(0).toLongLong())];
        if (delta > 0)
            d.pointsCredited += delta;
        else
            d.pointsDeducted += -delta;
    }
    for (auto it = days.begin(); it != days.end();) {
        if (it->isZero())
            it = days.erase(it);
        else
            ++it;
    }
    return days;
}

Result<int> ReadModel::staleCount() const
{
    const QString today = sqlDate(m_db.clock().today());
    return m_db.read([&](SqlSession& s) -> Result<int> {
        return s.scalar(QStringLiteral("SELECT count(*) FROM campsite_status WHERE as_of <> ?"), { today }).toInt();
    });
}

Result<int> ReadModel::refreshStale(QList<RefreshBatch>* batches)
{
    const QString today = sqlDate(m_db.clock().today());
    Result<QList<qint64>> stale = m_db.read([&](SqlSession& s) -> Result<QList<qint64>> {
        SqlRows q = s.exec(QStringLiteral("SELECT campsite_id FROM campsite_status WHERE as_of <> ? "
                                          "ORDER BY campsite_id"),
                           { today });
        QList<qint64> ids;
        while (q.next())
            ids.append(q.value(0).toLongLong());
        return ids;
    });
    if (!stale.ok())
        return stale.error();
    // A few sites per transaction, and no transaction past a few tens of milliseconds (a cold cache makes a site
    // cost several), so that a new day's refresh of every site never keeps another terminal's booking waiting long.
    // Each site's row is right on its own.
    constexpr qint64 transactionBudgetNs = 20 * 1000 * 1000;
    const QList<qint64>& ids = stale.value();
    qsizetype next = 0;
    while (next < ids.size()) {
        qsizetype end = next;
        QElapsedTimer held;
        Status done = m_db.write([&](Transaction& tx) -> Status {
            held.start(); // the write lock is ours from here (SQLite begins IMMEDIATE)
            end = next; // a transaction run again starts over
            do {
                refreshCampsite(tx, ids.at(end));
                ++end;
            } while (end < ids.size() && end - next < sitesPerTransaction && held.nsecsElapsed() < transactionBudgetNs);
            return {};
        });
        if (!done.ok())
            return done.error();
        const qint64 heldNs = held.nsecsElapsed();
        if (batches)
            batches->append({ int(end - next), heldNs });
        next = end;
        // Another SQLite connection waiting for the lock polls it after sleeping 1, 2, 5, 10, ... 100 ms, so it
        // would find the next transaction already begun each time and wait for the whole refresh (691 ms of a
        // 700 ms refresh, measured): a pause as long as the transaction, at least 10 ms, lets it in.
        if (next < ids.size() && m_db.driver() == SqlDriver::Sqlite)
            QThread::msleep(static_cast<unsigned long>(std::max<qint64>(10, heldNs / 1000000)));
    }
    return int(ids.size());
}

Result<int> ReadModel::refreshStaleIfFew()
{
    Result<int> stale = staleCount();
    if (!stale.ok())
        return stale.error();
    if (stale.value() == 0 || stale.value() > fewStaleSites)
        return 0;
    return refreshStale();
}

Status ReadModel::rebuild()
{
    return m_db.write([&](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("DELETE FROM campsite_status"));
        SqlRows q = tx.exec(QStringLiteral("SELECT id FROM campsites ORDER BY id"));
        QList<qint64> ids;
        while (q.next())
            ids.append(q.value(0).toLongLong());
        q.finish();
        for (qint64 id : ids)
            refreshCampsite(tx, id);

        tx.exec(QStringLiteral("DELETE FROM daily_stats"));
        const QMap<QDate, DailyDelta> days = computeDaily(tx);
        for (auto it = days.cbegin(); it != days.cend(); ++it)
            addDaily(tx, it.key(), it.value());
        return {};
    });
}

Result<QStringList> ReadModel::differencesFromRebuild() const
{
    return m_db.read([&](SqlSession& s) -> Result<QStringList> {
        QStringList out;
        QMap<qint64, CampsiteStatusRow> stored;
        SqlRows q = s.exec(selectStatusRows);
        while (q.next()) {
            const CampsiteStatusRow r = rowFromQuery(q);
            stored.insert(r.campsiteId, r);
        }
        q.finish();
        SqlRows sites = s.exec(QStringLiteral("SELECT id FROM campsites ORDER BY id"));
        QList<qint64> ids;
        while (sites.next())
            ids.append(sites.value(0).toLongLong());
        sites.finish();
        for (qint64 id : ids) {
            if (!stored.contains(id)) {
                out << tr("campsite_status has no row for campsite %1.").arg(id);
                continue;
            }
            // A row is compared with what it should hold on the day it was computed for: a row not yet
            // refreshed for a new day is stale, not wrong.
            const CampsiteStatusRow have = stored.take(id);
            const std::optional<CampsiteStatusRow> want = computeCampsite(s, id, have.asOf);
            const QString a = describeRow(have);
            const QString b = want ? describeRow(*want) : QString();
            if (a != b)
                out << tr("campsite_status for campsite %1 is [%2] but should be [%3].").arg(id).arg(a, b);
        }
        for (auto it = stored.cbegin(); it != stored.cend(); ++it)
            out << tr("campsite_status has a row for campsite %1, which does not exist.").arg(it.key());

        QMap<QDate, DailyDelta> have = storedDaily(s);
        for (auto it = have.begin(); it != have.end();) {
            if (it->isZero())
                it = have.erase(it);
            else
                ++it;
        }
        const QMap<QDate, DailyDelta> want = computeDaily(s);
        QList<QDate> days = have.keys();
        for (const QDate& day : want.keys()) {
            if (!days.contains(day))
                days.append(day);
        }
        std::sort(days.begin(), days.end());
        for (const QDate& day : days) {
            const DailyDelta a = have.value(day);
            const DailyDelta b = want.value(day);
            if (!(a == b)) {
                out << tr("daily_stats for %1 is [%2] but should be [%3].")
                           .arg(sqlDate(day), describeDaily(a), describeDaily(b));
            }
        }
        return out;
    });
}

Result<QList<CampsiteStatusRow>> ReadModel::campsiteStatuses()
{
    if (Result<int> refreshed = refreshStaleIfFew(); !refreshed.ok())
        return refreshed.error();
    return m_db.read([&](SqlSession& s) -> Result<QList<CampsiteStatusRow>> {
        SqlRows q = s.exec(selectStatusRows + QStringLiteral(" ORDER BY cs.code"));
        QList<CampsiteStatusRow> rows;
        while (q.next())
            rows.append(rowFromQuery(q));
        return rows;
    });
}

Result<QMap<QDate, DailyDelta>> ReadModel::dailyStats(const QDate& from, const QDate& to) const
{
    return m_db.read([&](SqlSession& s) -> Result<QMap<QDate, DailyDelta>> { return storedDaily(s, from, to); });
}

} // namespace campdesk
