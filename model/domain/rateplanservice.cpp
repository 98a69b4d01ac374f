#include "domain/rateplanservice.h"

#include "core/validation.h"
#include "db/sqldates.h"
#include "db/transaction.h"
#include "domain/campgroundsettings.h"

#include <QSet>

namespace campdesk {

namespace {

constexpr int maxNameLength = 40;
constexpr int maxMinimumNights = 60; // a booking is at most 60 nights

QString monthDay(int month, int day)
{
    return QStringLiteral("%1-%2").arg(month, 2, 10, QLatin1Char('0')).arg(day, 2, 10, QLatin1Char('0'));
}

bool validMonthDay(int month, int day)
{
    return QDate(2024, month, day).isValid(); // a leap year: 02-29 is a day of its own
}

Status checkPrice(qint64 price, qint64 maxPrice, bool required, const QString& field)
{
    if (required && price == 0)
        return invalidInput(RatePlanService::tr("Enter the weekday price."), field);
    return checkPriceUpTo(price, maxPrice, PriceKind::Price, field);
}

Status checkManager(const Actor& actor)
{
    return requireRole(actor, { Role::Manager });
}

} // namespace

RatePlanService::RatePlanService(Database& db)
    : m_db(db)
{
}

Status RatePlanService::validateSeason(const Season& season, qint64 maxPrice)
{
    const QString name = season.name.trimmed();
    if (name.isEmpty())
        return invalidInput(tr("Give the season a name."), QStringLiteral("name"));
    if (name.size() > maxNameLength)
        return invalidInput(tr("A season name is at most %1 characters.").arg(maxNameLength), QStringLiteral("name"));
    if (!rateBandCodes().contains(season.band))
        return invalidInput(tr("Choose peak, shoulder or off season."), QStringLiteral("band"));
    if (!validMonthDay(season.fromMonth, season.fromDay))
        return invalidInput(tr("The first day is not a date."), QStringLiteral("from"));
    if (!validMonthDay(season.toMonth, season.toDay))
        return invalidInput(tr("The last day is not a date."), QStringLiteral("to"));
    if (season.minNightsWeekday < 1 || season.minNightsWeekday > maxMinimumNights)
        return invalidInput(tr("A minimum stay is between 1 and %1 nights.").arg(maxMinimumNights),
                            QStringLiteral("minNightsWeekday"));
    if (season.minNightsWeekend < 1 || season.minNightsWeekend > maxMinimumNights)
        return invalidInput(tr("A minimum stay is between 1 and %1 nights.").arg(maxMinimumNights),
                            QStringLiteral("minNightsWeekend"));
    QSet<QString> scopes;
    for (const SeasonPrice& price : season.prices) {
        if (!price.scope.startsWith(QLatin1String("kind:")) && !price.scope.startsWith(QLatin1String("site:")))
            return invalidInput(tr("Prices are set per site kind or per site."), price.scope);
        if (scopes.contains(price.scope))
            return invalidInput(tr("A site kind or site has one row of prices."), price.scope);
        scopes.insert(price.scope);
        if (Status ok = checkPrice(price.weekday, maxPrice, true, price.scope + QStringLiteral("/weekday")); !ok.ok())
            return ok;
        if (Status ok = checkPrice(price.weekend, maxPrice, false, price.scope + QStringLiteral("/weekend")); !ok.ok())
            return ok;
        if (Status ok = checkPrice(price.holiday, maxPrice, false, price.scope + QStringLiteral("/holiday")); !ok.ok())
            return ok;
    }
    return {};
}

Status RatePlanService::validateFees(const OccupancyFees& fees, qint64 maxPrice)
{
    if (!fees.scope.startsWith(QLatin1String("kind:")) && !fees.scope.startsWith(QLatin1String("site:")))
        return invalidInput(tr("Fees are set per site kind or per site."), QStringLiteral("scope"));
    const std::pair<qint64, const char*> checks[]
        = { { fees.adultFee, "adultFee" }, { fees.childFee, "childFee" }, { fees.vehicleFee, "vehicleFee" } };
    for (const auto& [fee, field] : checks) {
        if (Status ok = checkPriceUpTo(fee, maxPrice, PriceKind::Fee, QString::fromLatin1(field)); !ok.ok())
            return ok;
    }
    if (fees.includedVehicles < 0 || fees.includedVehicles > 10)
        return invalidInput(tr("Vehicles included are between 0 and 10."), QStringLiteral("includedVehicles"));
    return {};
}

Result<QList<Season>> RatePlanService::seasons() const
{
    return m_db.read([](SqlSession& s) -> Result<QList<Season>> {
        return RateTables::load(s, QDate(2000, 1, 1), QDate(2000, 1, 1)).seasons();
    });
}

Result<Season> RatePlanService::saveSeason(const Actor& actor, const Season& wanted)
{
    if (Status allowed = checkManager(actor); !allowed.ok())
        return allowed.error();
    Season season = wanted;
    season.name = season.name.trimmed();
    return m_db.write([&](Transaction& tx) -> Result<Season> {
        if (Status valid = validateSeason(season, CampgroundSettings::load(tx).maxNightlyPrice); !valid.ok())
            return valid.error();
        const QList<int> days = season.days();
        const QSet<int> mine(days.cbegin(), days.cend());
        const RateTables existing = RateTables::load(tx, QDate(2000, 1, 1), QDate(2000, 1, 1));
        for (const Season& other : existing.seasons()) {
            if (other.id == season.id)
                continue;
            for (int day : other.days()) {
                if (mine.contains(day)) {
                    return invalidInput(tr("This season overlaps %1 (%2 to %3): a night belongs to one season.")
                                            .arg(other.name, monthDay(other.fromMonth, other.fromDay),
                                                 monthDay(other.toMonth, other.toDay)),
                                        QStringLiteral("from"));
                }
            }
        }
        const QVariantList values { season.name,
                                    season.band,
                                    monthDay(season.fromMonth, season.fromDay),
                                    monthDay(season.toMonth, season.toDay),
                                    season.minNightsWeekday,
                                    season.minNightsWeekend,
                                    tx.nowMs() };
        if (season.id == 0) {
            season.id = tx.insert(QStringLiteral("INSERT INTO rate_seasons (name, band, from_md, to_md, "
                                                 "min_nights_weekday, min_nights_weekend, updated_at) VALUES (?, ?, ?, "
                                                 "?, ?, ?, ?) RETURNING id"),
                                  values);
        } else {
            QVariantList update = values;
            update << season.id;
            SqlRows q = tx.exec(QStringLiteral("UPDATE rate_seasons SET name = ?, band = ?, from_md = ?, to_md = ?, "
                                               "min_nights_weekday = ?, min_nights_weekend = ?, updated_at = ? "
                                               "WHERE id = ?"),
                                update);
            if (q.numRowsAffected() != 1)
                return Error(ErrorCode::NotFound, tr("This season no longer exists."));
            tx.exec(QStringLiteral("DELETE FROM rate_season_prices WHERE season_id = ?"), { season.id });
        }
        for (const SeasonPrice& price : season.prices) {
            tx.exec(QStringLiteral("INSERT INTO rate_season_prices (season_id, scope, weekday_price, weekend_price, "
                                   "holiday_price) VALUES (?, ?, ?, ?, ?)"),
                    { season.id, price.scope, price.weekday, price.weekend, price.holiday });
        }
        tx.audit(actor, QStringLiteral("rates.season"), QStringLiteral("season:%1").arg(season.id),
                 QStringLiteral("%1 %2 %3..%4")
                     .arg(season.name, season.band, monthDay(season.fromMonth, season.fromDay),
                          monthDay(season.toMonth, season.toDay)));
        return season;
    });
}

Status RatePlanService::removeSeason(const Actor& actor, qint64 seasonId)
{
    if (Status allowed = checkManager(actor); !allowed.ok())
        return allowed;
    return m_db.write([&](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("DELETE FROM rate_season_prices WHERE season_id = ?"), { seasonId });
        tx.exec(QStringLiteral("DELETE FROM rate_seasons WHERE id = ?"), { seasonId });
        tx.audit(actor, QStringLiteral("rates.season_removed"), QStringLiteral("season:%1").arg(seasonId));
        return {};
    });
}

Result<QList<Holiday>> RatePlanService::holidays() const
{
    return m_db.read([](SqlSession& s) -> Result<QList<Holiday>> {
        QList<Holiday> out;
        SqlRows q = s.exec(QStringLiteral("SELECT day, name FROM holidays ORDER BY day"));
        while (q.next())
            out.append({ dateFromSql(q.value(0)), q.value(1).toString() });
        return out;
    });
}

Status RatePlanService::setHoliday(const Actor& actor, const Holiday& holiday)
{
    if (Status allowed = checkManager(actor); !allowed.ok())
        return allowed;
    if (!holiday.day.isValid())
        return invalidInput(tr("Choose the holiday's date."), QStringLiteral("day"));
    const QString name = holiday.name.trimmed();
    if (name.isEmpty())
        return invalidInput(tr("Give the holiday a name."), QStringLiteral("name"));
    if (name.size() > maxNameLength)
        return invalidInput(tr("A holiday name is at most %1 characters.").arg(maxNameLength), QStringLiteral("name"));
    return m_db.write([&](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("INSERT INTO holidays (day, name) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET "
                               "name = excluded.name"),
                { sqlDate(holiday.day), name });
        tx.audit(actor, QStringLiteral("rates.holiday"), sqlDate(holiday.day), name);
        return {};
    });
}

Status RatePlanService::removeHoliday(const Actor& actor, const QDate& day)
{
    if (Status allowed = checkManager(actor); !allowed.ok())
        return allowed;
    return m_db.write([&](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("DELETE FROM holidays WHERE day = ?"), { sqlDate(day) });
        tx.audit(actor, QStringLiteral("rates.holiday_removed"), sqlDate(day));
        return {};
    });
}

Result<QList<ClosedDates>> RatePlanService::closedDates() const
{
    return m_db.read([](SqlSession& s) -> Result<QList<ClosedDates>> {
        QList<ClosedDates> out;
        SqlRows q = s.exec(QStringLiteral("SELECT id, from_day, to_day, reason FROM closed_dates ORDER BY from_day"));
        while (q.next())
            out.append(
                { q.value(0).toLongLong(), dateFromSql(q.value(1)), dateFromSql(q.value(2)), q.value(3).toString() });
        return out;
    });
}

Result<ClosedDates> RatePlanService::addClosedDates(const Actor& actor, const ClosedDates& wanted)
{
    if (Status allowed = checkManager(actor); !allowed.ok())
        return allowed.error();
    if (!wanted.from.isValid())
        return invalidInput(tr("Choose the first closed day."), QStringLiteral("from"));
    if (!wanted.to.isValid() || wanted.to < wanted.from)
        return invalidInput(tr("The last closed day cannot be before the first."), QStringLiteral("to"));
    if (wanted.from.daysTo(wanted.to) > 366)
        return invalidInput(tr("Close at most a year at a time."), QStringLiteral("to"));
    ClosedDates closed = wanted;
    closed.reason = closed.reason.trimmed();
    return m_db.write([&](Transaction& tx) -> Result<ClosedDates> {
        closed.id = tx.insert(QStringLiteral("INSERT INTO closed_dates (from_day, to_day, reason) VALUES (?, ?, ?) "
                                             "RETURNING id"),
                              { sqlDate(closed.from), sqlDate(closed.to), closed.reason });
        tx.audit(actor, QStringLiteral("rates.closed"),
                 QStringLiteral("%1..%2").arg(sqlDate(closed.from), sqlDate(closed.to)), closed.reason);
        return closed;
    });
}

Status RatePlanService::removeClosedDates(const Actor& actor, qint64 id)
{
    if (Status allowed = checkManager(actor); !allowed.ok())
        return allowed;
    return m_db.write([&](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("DELETE FROM closed_dates WHERE id = ?"), { id });
        tx.audit(actor, QStringLiteral("rates.closed_removed"), QString::number(id));
        return {};
    });
}

Result<QList<OccupancyFees>> RatePlanService::occupancyFees() const
{
    return m_db.read([](SqlSession& s) -> Result<QList<OccupancyFees>> {
        QList<OccupancyFees> out;
        SqlRows q = s.exec(QStringLiteral("SELECT scope, adult_fee, child_fee, vehicle_fee, included_vehicles FROM "
                                          "occupancy_fees ORDER BY scope"));
        while (q.next())
            out.append({ q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                         q.value(3).toLongLong(), q.value(4).toInt() });
        return out;
    });
}

Status RatePlanService::setOccupancyFees(const Actor& actor, const OccupancyFees& fees)
{
    if (Status allowed = checkManager(actor); !allowed.ok())
        return allowed;
    return m_db.write([&](Transaction& tx) -> Status {
        if (Status valid = validateFees(fees, CampgroundSettings::load(tx).maxNightlyPrice); !valid.ok())
            return valid;
        tx.exec(QStringLiteral("INSERT INTO occupancy_fees (scope, adult_fee, child_fee, vehicle_fee, "
                               "included_vehicles) VALUES (?, ?, ?, ?, ?) ON CONFLICT (scope) DO UPDATE SET "
                               "adult_fee = excluded.adult_fee, child_fee = excluded.child_fee, vehicle_fee = "
                               "excluded.vehicle_fee, included_vehicles = excluded.included_vehicles"),
                { fees.scope, fees.adultFee, fees.childFee, fees.vehicleFee, fees.includedVehicles });
        tx.audit(actor, QStringLiteral("rates.occupancy"), fees.scope,
                 QStringLiteral("adult %1, child %2, vehicle %3 (%4 included)")
                     .arg(fees.adultFee)
                     .arg(fees.childFee)
                     .arg(fees.vehicleFee)
                     .arg(fees.includedVehicles));
        return {};
    });
}

Status RatePlanService::setBaseGuests(const Actor& actor, qint64 campsiteId, int baseGuests)
{
    if (Status allowed = checkManager(actor); !allowed.ok())
        return allowed;
    return m_db.write([&](Transaction& tx) -> Status {
        const QVariant max = tx.scalar(QStringLiteral("SELECT max_guests FROM campsites WHERE id = ?"), { campsiteId });
        if (!max.isValid())
            return Error(ErrorCode::NotFound, tr("This campsite does not exist."));
        if (baseGuests < 0 || baseGuests > max.toInt())
            return invalidInput(
                tr("The base count is between 0 (everyone included) and the site's maximum of %1.").arg(max.toInt()),
                QStringLiteral("baseGuests"));
        tx.exec(QStringLiteral("UPDATE campsites SET base_guests = ? WHERE id = ?"), { baseGuests, campsiteId });
        tx.audit(actor, QStringLiteral("rates.base_guests"), QStringLiteral("campsite:%1").arg(campsiteId),
                 QString::number(baseGuests));
        return {};
    });
}

Result<QList<PreviewNight>> RatePlanService::preview(qint64 campsiteId, int year, int month, int guests, int children,
                                                     int vehicles) const
{
    const QDate first(year, month, 1);
    if (!first.isValid())
        return invalidInput(tr("Choose a month."), QStringLiteral("month"));
    return m_db.read([&](SqlSession& s) -> Result<QList<PreviewNight>> {
        SqlRows row
            = s.exec(QStringLiteral("SELECT ") + Campsite::columns() + QStringLiteral(" FROM campsites WHERE id = ?"),
                     { campsiteId });
        if (!row.next())
            return Error(ErrorCode::NotFound, tr("This campsite does not exist."), QStringLiteral("campsite"));
        const Campsite site = Campsite::fromRow(row);
        row.finish();
        const QDate last = first.addMonths(1);
        const RateTables tables = RateTables::load(s, first, last);
        QList<PreviewNight> out;
        for (QDate night = first; night < last; night = night.addDays(1)) {
            Result<StayPrice> price = tables.price(site, night, night.addDays(1), guests, children, vehicles);
            if (!price.ok())
                return price.error();
            out.append({ night, price->lines.first(), tables.holidayName(night), price->total });
        }
        return out;
    });
}

} // namespace campdesk
