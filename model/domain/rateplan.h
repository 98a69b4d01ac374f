#pragma once

#include "core/result.h"
#include "domain/campsite.h"

#include <QCoreApplication>
#include <QDate>
#include <QHash>
#include <QList>
#include <QString>

namespace campdesk {

class SqlSession;

// Price bands and day types are stored as codes and translated only for display.
QString rateBandName(const QString& band); // "peak" -> 성수기 / Peak season; "" -> the site's own rate
QStringList rateBandCodes(); // peak, shoulder, off
QString dayTypeName(const QString& dayType); // "weekday", "weekend", "holiday"

// A season's prices for one site kind ("kind:tent") or one site ("site:12", which wins over its kind).
// weekend and holiday may be 0: the weekend price falls back to the weekday one, the holiday price to the weekend one.
struct SeasonPrice
{
    QString scope;
    qint64 weekday = 0;
    qint64 weekend = 0;
    qint64 holiday = 0;
    static QString kindScope(CampsiteKind kind);
    static QString siteScope(qint64 campsiteId);
};

// A named range of month-days that repeats every year, inclusive at both ends; from after to wraps over New Year.
struct Season
{
    qint64 id = 0;
    QString name;
    QString band = QStringLiteral("peak");
    int fromMonth = 1;
    int fromDay = 1;
    int toMonth = 12;
    int toDay = 31;
    int minNightsWeekday = 1; // a stay touching this season is at least this long
    int minNightsWeekend = 1; // ... or this long when it has a Saturday night in the season
    QList<SeasonPrice> prices;

    bool contains(const QDate& night) const;
    // The day numbers (1..366 of a leap year) the season covers.
    QList<int> days() const;
};

struct Holiday
{
    QDate day;
    QString name;
};

struct ClosedDates
{
    qint64 id = 0;
    QDate from;
    QDate to; // inclusive
    QString reason;
};

// Extra-person and extra-vehicle fees per night, for a kind ("kind:tent") or a site ("site:12").
struct OccupancyFees
{
    QString scope;
    qint64 adultFee = 0; // per adult above the site's base count, per night
    qint64 childFee = 0;
    qint64 vehicleFee = 0; // per vehicle above includedVehicles, per night
    int includedVehicles = 1;
};

// One line of a priced stay; the same lines are stored in reservation_lines and shown on every screen.
struct StayLine
{
    QString kind; // "night", "extra_adult", "extra_child", "vehicle", "extra", "points"
    QDate night; // "night" lines; a fee line of a checked-in stay whose party changed: its first night (see
                 // ReservationChangeService)
    QString band; // peak / shoulder / off; "" = the site's own prices (outside every season)
    QString dayType; // weekday / weekend / holiday; "night" lines only
    int quantity = 1; // nights, or persons x nights, or vehicles x nights
    qint64 unitPrice = 0;
    qint64 amount = 0;
    // "extra" lines (see extras.h): the catalogue item, its name when booked, how many it took from stock (per
    // stay), whether staff marked it consumed, and its stored row.
    qint64 extraId = 0;
    QString name;
    int stockTaken = 0;
    bool consumed = false;
    qint64 id = 0;

    QString labelCode() const; // stored: "peak:weekend"; an extra's unit ("night"); "" for the other lines
    static StayLine fromStored(const QString& kind, const QString& night, const QString& labelCode, int quantity,
                               qint64 unitPrice, qint64 amount);
    QString label() const; // translated: "성수기 주말", "추가 인원(성인)", ...
};

struct StayPrice
{
    QList<StayLine> lines; // nights in order, then extra adults, extra children, vehicles
    qint64 total = 0;
    QList<qint64> nightlyPrices() const;
};

// A line as a screen shows it, translated, without its amount: "Peak season weekend × 2 nights", "Extra child × 4".
QString stayLineText(const StayLine& line);

// The night lines grouped by band, day type and price, each with its count of nights; other lines as they are.
QList<StayLine> groupedLines(const QList<StayLine>& lines);

// Everything the price of a stay depends on, read once (several sites or a whole month price from one read).
class RateTables
{
    Q_DECLARE_TR_FUNCTIONS(RateTables)

public:
    static RateTables load(SqlSession& s, const QDate& from, const QDate& to);

    const QList<Season>& seasons() const { return m_seasons; }
    bool isHoliday(const QDate& day) const { return m_holidays.contains(day); }
    QString holidayName(const QDate& day) const { return m_holidays.value(day); }
    QString dayType(const QDate& night) const; // holiday; weekend (Friday, Saturday, the night before a holiday)
    const Season* seasonOf(const QDate& night) const;
    OccupancyFees feesFor(const Campsite& site) const;
    StayLine night(const Campsite& site, const QDate& night) const;
    Result<StayPrice> price(const Campsite& site, const QDate& checkIn, const QDate& checkOut, int guests, int children,
                            int vehicles) const;
    // Closed dates and minimum stays: an Invalid error on the "checkIn" field, translated.
    Status checkStay(const QDate& checkIn, const QDate& checkOut) const;

private:
    QList<Season> m_seasons;
    QHash<QDate, QString> m_holidays;
    QList<ClosedDates> m_closed;
    QHash<QString, OccupancyFees> m_fees;
};

// The one pricing function: quotes, holds, the preview and a changed stay all price through it.
Result<StayPrice> priceStay(SqlSession& s, const Campsite& site, const QDate& checkIn, const QDate& checkOut,
                            int guests, int children = 0, int vehicles = 0);

} // namespace campdesk
