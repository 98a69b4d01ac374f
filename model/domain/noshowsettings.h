#pragma once

#include "core/actor.h"
#include "db/database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTime>

namespace campdesk {

// When a booking nobody arrived for may be closed as a no-show, and what it refunds (issue 18, item 3).
struct NoShowRules
{
    QTime cutoff { 11, 0 }; // on the day after check-in, campground time
    int refundPercent = 0; // of what was paid; by default nothing comes back
    bool autoSweep = false; // the terminal runtime marks due bookings by itself

    // The first moment (local time) booking with this check-in may be marked.
    QDateTime cutoffFor(const QDate& checkIn) const { return QDateTime(checkIn.addDays(1), cutoff); }
    qint64 refundFor(qint64 amountPaid) const { return amountPaid * refundPercent / 100; }
};

// Reads and (manager only) writes the no-show rules in the settings table, like RuleSettings.
class NoShowSettings
{
    Q_DECLARE_TR_FUNCTIONS(NoShowSettings)

public:
    explicit NoShowSettings(Database& db);

    static Status validate(const NoShowRules& rules);
    static NoShowRules load(SqlSession& session); // defaults for anything not stored
    Result<NoShowRules> get() const;
    Status set(const Actor& actor, const NoShowRules& rules);

private:
    Database& m_db;
};

} // namespace campdesk
