#pragma once

#include "core/actor.h"
#include "db/database.h"

#include <QCoreApplication>

namespace campdesk {

// How much of a desk or phone booking may be taken up front, the rest at check-in. The kiosk always pays in full.
struct DepositRule
{
    enum class Mode { Off, Percent, Fixed };
    static constexpr qint64 maxFixed = 10'000'000; // won: above this a "deposit" is a typing mistake

    Mode mode = Mode::Off;
    int percent = 30; // of the amount to pay (price minus points), 1..100, with Mode::Percent
    qint64 fixed = 50000; // won, 1..maxFixed, with Mode::Fixed

    // The deposit for a booking that pays `payable` (rounded down to whole won, at least 1 won); 0 when off.
    qint64 depositFor(qint64 payable) const;
    bool operator==(const DepositRule& o) const { return mode == o.mode && percent == o.percent && fixed == o.fixed; }
};

QString depositModeKey(DepositRule::Mode mode); // stored: "off", "percent", "fixed"

// Reads and (manager only) writes the deposit rule in the settings table (keys booking.deposit_*).
class DepositSettings
{
    Q_DECLARE_TR_FUNCTIONS(DepositSettings)

public:
    explicit DepositSettings(Database& db);

    // Errors name the field: "depositPercent" or "depositFixed".
    static Status validate(const DepositRule& rule);
    static DepositRule load(SqlSession& session);

    Result<DepositRule> get() const;
    Status set(const Actor& actor, const DepositRule& rule);

private:
    Database& m_db;
};

} // namespace campdesk
