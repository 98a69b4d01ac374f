#pragma once

#include "core/actor.h"
#include "db/database.h"
#include "domain/rateplan.h"

#include <QCoreApplication>

namespace campdesk {

// One night of the rates preview: what a one-night stay starting that night costs.
struct PreviewNight
{
    QDate night;
    StayLine line; // the night's band, day type and price
    QString holidayName; // empty unless the night is a holiday
    qint64 total = 0; // the night with the party's extra-person and vehicle fees
};

// The manager's rate plans: seasons and their prices, the holiday calendar, closed dates, occupancy fees and base
// guest counts. Reads for everyone, changes for the manager only, each one transaction with an audit row.
class RatePlanService
{
    Q_DECLARE_TR_FUNCTIONS(RatePlanService)

public:
    explicit RatePlanService(Database& db);

    // Without the database: the name, band, month-days, minimum stays and every price (0 < weekday <= maxPrice,
    // weekend and holiday 0 = fall back, never negative nor above maxPrice). Error::field names the input:
    // "name", "band", "from", "to", "minNightsWeekday", "minNightsWeekend", "<scope>/weekday" (or weekend, holiday).
    static Status validateSeason(const Season& season, qint64 maxPrice);
    static Status validateFees(const OccupancyFees& fees, qint64 maxPrice);

    Result<QList<Season>> seasons() const;
    // Inserts (id 0) or replaces a season with its prices; refused when it overlaps another season ("from").
    Result<Season> saveSeason(const Actor& actor, const Season& season);
    Status removeSeason(const Actor& actor, qint64 seasonId);

    Result<QList<Holiday>> holidays() const;
    Status setHoliday(const Actor& actor, const Holiday& holiday); // adds, or renames the day
    Status removeHoliday(const Actor& actor, const QDate& day);

    Result<QList<ClosedDates>> closedDates() const;
    Result<ClosedDates> addClosedDates(const Actor& actor, const ClosedDates& closed);
    Status removeClosedDates(const Actor& actor, qint64 id);

    Result<QList<OccupancyFees>> occupancyFees() const;
    Status setOccupancyFees(const Actor& actor, const OccupancyFees& fees);
    // The guests a site's price includes (0 = all of them, up to its maximum).
    Status setBaseGuests(const Actor& actor, qint64 campsiteId, int baseGuests);

    // Every night of a month at a site, priced as a one-night stay for the party (closed dates are not skipped).
    Result<QList<PreviewNight>> preview(qint64 campsiteId, int year, int month, int guests, int children = 0,
                                        int vehicles = 0) const;

private:
    Database& m_db;
};

} // namespace campdesk
