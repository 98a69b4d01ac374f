#pragma once

#include "core/actor.h"
#include "db/database.h"

#include <QCoreApplication>
#include <QList>

namespace campdesk {

// One band of the cancellation table: cancelling `minDaysBefore` or more days before check-in refunds
// `refundPercent` of what was paid (the band with the largest minDaysBefore that fits wins).
struct CancellationBand
{
    int minDaysBefore = 0;
    int refundPercent = 0;
    bool operator==(const CancellationBand& other) const
    {
        return minDaysBefore == other.minDaysBefore && refundPercent == other.refundPercent;
    }
};

// The booking rules a manager can change; shared by every terminal through the settings table.
struct BookingRules
{
    double mileageRatePercent = 5.0; // of the amount paid
    qint64 reviewPoints = 500; // per review, once per stay
    int holdMinutes = 10; // how long a held site waits for its payment
    bool pointsOnExtras = true; // points are earned on the extras' share of a payment too (issue 19 item 5)
    QList<CancellationBand> cancellation { { 7, 100 }, { 3, 50 }, { 0, 0 } };

    // Points a payment of `amountPaid` earns (rounded down).
    qint64 pointsFor(qint64 amountPaid) const;
    // Points a payment of `amountPaid` towards a booking priced `price` (its lines before points) of which `extras`
    // are extras earns: on all of it, or with pointsOnExtras off on the stay's share only (amountPaid * (price -
    // extras) / price, rounded down), so a deposit, a balance and a change each earn on the same share.
    qint64 pointsFor(qint64 amountPaid, qint64 price, qint64 extras) const;
    // The refund percentage when cancelling `daysBefore` days before check-in (negative: after).
    int refundPercent(int daysBefore) const;
};

// Reads and (manager only) writes the shared booking rules in the settings table.
class RuleSettings
{
    Q_DECLARE_TR_FUNCTIONS(RuleSettings)

public:
    explicit RuleSettings(Database& db);

    static Status validate(const BookingRules& rules);
    // The rules as stored, inside the caller's transaction; defaults for anything not stored.
    static BookingRules load(SqlSession& session);
    // The stored rules as four more columns of another query ("SELECT ..., " + ruleColumns() + " FROM ..."), so a
    // booking reads them in the same round trip as its first row; fromColumns() reads them from column `first` on.
    static QString ruleColumns();
    static BookingRules fromColumns(const QSqlQuery& row, int first);
    // What a payment of `amountPaid` towards booking `reservationId` earns by `rules`: with pointsOnExtras off, the
    // booking's lines are read for the stay's share (the lines must be written).
    static qint64 pointsForBooking(SqlSession& session, const BookingRules& rules, qint64 reservationId,
                                   qint64 amountPaid);

    Result<BookingRules> get() const;
    Status set(const Actor& actor, const BookingRules& rules);

private:
    Database& m_db;
};

} // namespace campdesk
