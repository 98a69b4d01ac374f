#include "domain/rateplan.h"

#include "db/sqldates.h"
#include "db/sqlsession.h"

#include <algorithm>

namespace campdesk {

namespace {

// Month-days are compared as days of a leap year, so 02-29 has a place of its own.
constexpr int referenceYear = 2024;

int dayNumber(int month, int day)
{
    const QDate d(referenceYear, month, day);
    return d.isValid() ? d.dayOfYear() : 0;
}

void parseMonthDay(const QString& text, int& month, int& day)
{
    month = text.left(2).toInt();
    day = text.mid(3, 2).toInt();
}

} // namespace

QString rateBandName(const QString& band)
{
    if (band == QLatin1String("peak"))
        return QCoreApplication::translate("campdesk::RatePlan", "Peak season");
    if (band == QLatin1String("shoulder"))
        return QCoreApplication::translate("campdesk::RatePlan", "Shoulder season");
    if (band == QLatin1String("off"))
        return QCoreApplication::translate("campdesk::RatePlan", "Off season");
    return QCoreApplication::translate("campdesk::RatePlan", "Standard rate");
}

QStringList rateBandCodes()
{
    return { QStringLiteral("peak"), QStringLiteral("shoulder"), QStringLiteral("off") };
}

QString dayTypeName(const QString& dayType)
{
    if (dayType == QLatin1String("holiday"))
        return QCoreApplication::translate("campdesk::RatePlan", "holiday");
    if (dayType == QLatin1String("weekend"))
        return QCoreApplication::translate("campdesk::RatePlan", "weekend");
    return QCoreApplication::translate("campdesk::RatePlan", "weekday");
}

QString SeasonPrice::kindScope(CampsiteKind kind)
{
    return QStringLiteral("kind:") + campsiteKindKey(kind);
}

QString SeasonPrice::siteScope(qint64 campsiteId)
{
    return QStringLiteral("site:") + QString::number(campsiteId);
}

bool Season::contains(const QDate& night) const
{
    const int day = dayNumber(night.month(), night.day());
    const int from = dayNumber(fromMonth, fromDay);
    const int to = dayNumber(toMonth, toDay);
    return from <= to ? day >= from && day <= to : day >= from || day <= to;
}

QList<int> Season::days() const
{
    QList<int> out;
    const int from = dayNumber(fromMonth, fromDay);
    const int to = dayNumber(toMonth, toDay);
    if (from == 0 || to == 0)
        return out;
    for (int d = 1; d <= 366; ++d) {
        if (from <= to ? d >= from && d <= to : d >= from || d <= to)
            out.append(d);
    }
    return out;
}

QString StayLine::labelCode() const
{
    if (kind == QLatin1String("extra"))
        return band; // the extra's pricing unit
    return kind == QLatin1String("night") ? band + QLatin1Char(':') + dayType : QString();
}

StayLine StayLine::fromStored(const QString& kind, const QString& night, const QString& labelCode, int quantity,
                              qint64 unitPrice, qint64 amount)
{
    StayLine line;
    line.kind = kind;
    line.night = dateFromSql(night);
    const int colon = int(labelCode.indexOf(QLatin1Char(':')));
    if (kind == QLatin1String("extra")) {
        line.band = labelCode;
    } else if (colon >= 0) {
        line.band = labelCode.left(colon);
        line.dayType = labelCode.mid(colon + 1);
    }
    line.quantity = quantity;
    line.unitPrice = unitPrice;
    line.amount = amount;
    return line;
}

QString StayLine::label() const
{
    if (kind == QLatin1String("night"))
        return QStringLiteral("%1 %2").arg(rateBandName(band), dayTypeName(dayType));
    if (kind == QLatin1String("extra_adult"))
        return QCoreApplication::translate("campdesk::RatePlan", "Extra adult");
    if (kind == QLatin1String("extra_child"))
        return QCoreApplication::translate("campdesk::RatePlan", "Extra child");
    if (kind == QLatin1String("vehicle"))
        return QCoreApplication::translate("campdesk::RatePlan", "Extra vehicle");
    if (kind == QLatin1String("points"))
        return QCoreApplication::translate("campdesk::RatePlan", "Points used");
    if (kind == QLatin1String("retained")) // a changed booking: what was kept of the nights given up
        return QCoreApplication::translate("campdesk::RatePlan", "Kept for the nights given up");
    if (kind == QLatin1String("extra"))
        return name;
    return kind;
}

QString stayLineText(const StayLine& line)
{
    if (line.kind == QLatin1String("night"))
        return QCoreApplication::translate("campdesk::RatePlan", "%1 × %n night(s)", nullptr, line.quantity)
            .arg(line.label());
    if (line.kind == QLatin1String("points") || line.kind == QLatin1String("retained"))
        return line.label();
    //: an extra person or vehicle line: "Extra adult × 4" (persons or vehicles times nights)
    return QCoreApplication::translate("campdesk::RatePlan", "%1 × %2").arg(line.label()).arg(line.quantity);
}

QList<qint64> StayPrice::nightlyPrices() const
{
    QList<qint64> prices;
    for (const StayLine& line : lines) {
        if (line.kind == QLatin1String("night"))
            prices.append(line.amount);
    }
    return prices;
}

QList<StayLine> groupedLines(const QList<StayLine>& lines)
{
    QList<StayLine> out;
    for (const StayLine& line : lines) {
        if (line.kind == QLatin1String("night")) {
            auto same = std::find_if(out.begin(), out.end(), [&](const StayLine& g) {
                return g.kind == line.kind && g.band == line.band && g.dayType == line.dayType
                    && g.unitPrice == line.unitPrice;
            });
            if (same != out.end()) {
                same->quantity += line.quantity;
                same->amount += line.amount;
                continue;
            }
            StayLine group = line;
            group.night = QDate();
            out.append(group);
        } else {
            out.append(line);
        }
    }
    return out;
}

RateTables RateTables::load(SqlSession& s, const QDate& from, const QDate& to)
{
    // The five tables in one statement: every booking and every quote prices its stay, and on PostgreSQL each
    // statement is a round trip to the server. Each part fills the same columns (n1..n4 numbers, t1..t4 text);
    // the ORDER BY gives the seasons by start and id, a season's prices by scope, the closures by first day.
    // The day after the last night too: the night before a holiday is a weekend night.
    SqlRows q = s.exec(
        QStringLiteral(
            "SELECT 0 AS part, id AS n1, min_nights_weekday AS n2, min_nights_weekend AS n3, 0 AS n4, name AS t1, "
            "band AS t2, from_md AS t3, to_md AS t4 FROM rate_seasons "
            "UNION ALL SELECT 1, season_id, weekday_price, weekend_price, holiday_price, scope, '', '', '' "
            "FROM rate_season_prices "
            "UNION ALL SELECT 2, 0, 0, 0, 0, day, name, '', '' FROM holidays WHERE day >= ? AND day <= ? "
            "UNION ALL SELECT 3, id, 0, 0, 0, reason, to_day, from_day, '' FROM closed_dates "
            "WHERE to_day >= ? AND from_day <= ? "
            "UNION ALL SELECT 4, adult_fee, child_fee, vehicle_fee, included_vehicles, scope, '', '', '' "
            "FROM occupancy_fees "
            "ORDER BY part, t3, n1, t1"),
        { sqlDate(from), sqlDate(to.addDays(1)), sqlDate(from), sqlDate(to) });
    RateTables t;
    while (q.next()) {
        const qint64 n1 = q.value(1).toLongLong();
        switch (q.value(0).toInt()) {
        case 0: {
            Season season;
            season.id = n1;
            season.minNightsWeekday = q.value(2).toInt();
            season.minNightsWeekend = q.value(3).toInt();
            season.name = q.value(5).toString();
            season.band = q.value(6).toString();
            parseMonthDay(q.value(7).toString(), season.fromMonth, season.fromDay);
            parseMonthDay(q.value(8).toString(), season.toMonth, season.toDay);
            t.m_seasons.append(season);
            break;
        }
        case 1:
            for (Season& season : t.m_seasons) {
                if (season.id == n1)
                    season.prices.append({ q.value(5).toString(), q.value(2).toLongLong(), q.value(3).toLongLong(),
                                           q.value(4).toLongLong() });
            }
            break;
        case 2:
            t.m_holidays.insert(dateFromSql(q.value(5)), q.value(6).toString());
            break;
        case 3:
            t.m_closed.append({ n1, dateFromSql(q.value(7)), dateFromSql(q.value(6)), q.value(5).toString() });
            break;
        case 4: {
            OccupancyFees fees { q.value(5).toString(), n1, q.value(2).toLongLong(), q.value(3).toLongLong(),
                                 q.value(4).toInt() };
            t.m_fees.insert(fees.scope, fees);
            break;
        }
        default:
            break;
        }
    }
    return t;
}

QString RateTables::dayType(const QDate& night) const
{
    if (isHoliday(night))
        return QStringLiteral("holiday");
    const int day = night.dayOfWeek();
    if (day == Qt::Friday || day == Qt::Saturday || isHoliday(night.addDays(1)))
        return QStringLiteral("weekend");
    return QStringLiteral("weekday");
}

const Season* RateTables::seasonOf(const QDate& night) const
{
    for (const Season& season : m_seasons) {
        if (season.contains(night))
            return &season;
    }
    return nullptr;
}

OccupancyFees RateTables::feesFor(const Campsite& site) const
{
    if (auto it = m_fees.constFind(SeasonPrice::siteScope(site.id)); it != m_fees.constEnd())
        return *it;
    if (auto it = m_fees.constFind(SeasonPrice::kindScope(site.kind)); it != m_fees.constEnd())
        return *it;
    return OccupancyFees {};
}

StayLine RateTables::night(const Campsite& site, const QDate& night) const
{
    StayLine line;
    line.kind = QStringLiteral("night");
    line.night = night;
    const SeasonPrice* price = nullptr;
    if (const Season* season = seasonOf(night)) {
        for (const QString& scope : { SeasonPrice::siteScope(site.id), SeasonPrice::kindScope(site.kind) }) {
            auto found = std::find_if(season->prices.cbegin(), season->prices.cend(),
                                      [&](const SeasonPrice& p) { return p.scope == scope; });
            if (found != season->prices.cend()) {
                price = &*found;
                line.band = season->band;
                break;
            }
        }
    }
    if (price) {
        line.dayType = dayType(night);
        const qint64 weekend = price->weekend > 0 ? price->weekend : price->weekday;
        if (line.dayType == QLatin1String("holiday"))
            line.unitPrice = price->holiday > 0 ? price->holiday : weekend;
        else if (line.dayType == QLatin1String("weekend"))
            line.unitPrice = weekend;
        else
            line.unitPrice = price->weekday;
    } else {
        // Outside every season the site's own two prices, as before rate plans: Friday and Saturday are weekends.
        const int day = night.dayOfWeek();
        line.dayType = site.weekendPrice > 0 && (day == Qt::Friday || day == Qt::Saturday) ? QStringLiteral("weekend")
                                                                                           : QStringLiteral("weekday");
        line.unitPrice = site.priceFor(night);
    }
    line.amount = line.unitPrice;
    return line;
}

Result<StayPrice> RateTables::price(const Campsite& site, const QDate& checkIn, const QDate& checkOut, int guests,
                                    int children, int vehicles) const
{
    if (!checkIn.isValid() || !checkOut.isValid() || checkOut <= checkIn)
        return invalidInput(tr("Choose the check-in and check-out dates."), QStringLiteral("checkIn"));
    if (children < 0 || children >= guests)
        return invalidInput(tr("Children cannot be more than the guests less one adult."), QStringLiteral("children"));
    if (vehicles < 0 || vehicles > 10)
        return invalidInput(tr("Vehicles must be between 0 and 10."), QStringLiteral("vehicles"));
    StayPrice stay;
    for (QDate d = checkIn; d < checkOut; d = d.addDays(1))
        stay.lines.append(night(site, d));
    const int nights = int(checkIn.daysTo(checkOut));
    const OccupancyFees fees = feesFor(site);
    // Adults fill the base count first (the dearer fee), children what is left; 0 = every guest included.
    const int adults = guests - children;
    const int base = site.baseGuests > 0 ? site.baseGuests : guests;
    const int extraAdults = std::max(0, adults - base);
    const int extraChildren = std::max(0, children - std::max(0, base - adults));
    const int extraVehicles = std::max(0, vehicles - fees.includedVehicles);
    auto extra = [&](const char* kind, int count, qint64 fee) {
        if (count > 0 && fee > 0) {
            StayLine line;
            line.kind = QString::fromLatin1(kind);
            line.quantity = count * nights;
            line.unitPrice = fee;
            line.amount = fee * line.quantity;
            stay.lines.append(line);
        }
    };
    extra("extra_adult", extraAdults, fees.adultFee);
    extra("extra_child", extraChildren, fees.childFee);
    extra("vehicle", extraVehicles, fees.vehicleFee);
    for (const StayLine& line : stay.lines)
        stay.total += line.amount;
    return stay;
}

Status RateTables::checkStay(const QDate& checkIn, const QDate& checkOut) const
{
    for (const ClosedDates& closed : m_closed) {
        if (closed.from < checkOut && checkIn <= closed.to) {
            const QDate first = std::max(closed.from, checkIn);
            return invalidInput(
                closed.reason.isEmpty()
                    ? tr("The campground is closed on %1.").arg(first.toString(Qt::ISODate))
                    : tr("The campground is closed on %1 (%2).").arg(first.toString(Qt::ISODate), closed.reason),
                QStringLiteral("checkIn"));
        }
    }
    const int nights = int(checkIn.daysTo(checkOut));
    for (const Season& season : m_seasons) {
        bool touched = false;
        bool saturday = false;
        for (QDate d = checkIn; d < checkOut; d = d.addDays(1)) {
            if (season.contains(d)) {
                touched = true;
                saturday = saturday || d.dayOfWeek() == Qt::Saturday;
            }
        }
        const int needed = saturday ? season.minNightsWeekend : season.minNightsWeekday;
        if (touched && nights < needed) {
            return invalidInput(saturday
                                    ? tr("A stay with a Saturday night in %1 is at least %n night(s).", nullptr, needed)
                                          .arg(season.name)
                                    : tr("A stay in %1 is at least %n night(s).", nullptr, needed).arg(season.name),
                                QStringLiteral("checkIn"));
        }
    }
    return {};
}

Result<StayPrice> priceStay(SqlSession& s, const Campsite& site, const QDate& checkIn, const QDate& checkOut,
                            int guests, int children, int vehicles)
{
    if (!checkIn.isValid() || !checkOut.isValid())
        return invalidInput(RateTables::tr("Choose the check-in and check-out dates."), QStringLiteral("checkIn"));
    return RateTables::load(s, checkIn, checkOut).price(site, checkIn, checkOut, guests, children, vehicles);
}

} // namespace campdesk
