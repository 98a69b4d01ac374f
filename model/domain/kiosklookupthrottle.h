#pragma once

#include "core/result.h"
#include "db/database.h"

namespace campdesk {

// Slows down guessing at the kiosk's "my booking" search. Misses are counted in the database per booking code
// (whichever phone is tried with it) and per kiosk (whichever code is tried there): after the first two, each
// further miss makes the next search wait longer, up to a minute. A success does not reset either count (one's own
// booking must not buy a guesser fresh tries), and restarting the kiosk does not either; a count is forgotten after
// an hour without misses.
class KioskLookupThrottle
{
public:
    explicit KioskLookupThrottle(Database& db);

    // Milliseconds until a search for `code` is allowed at this kiosk (0: now).
    Result<qint64> waitMs(const QString& code) const;
    // A wrong code or phone: counts for the code and for this kiosk.
    Status recordMiss(const QString& code);
    // Misses counted for the code and for this kiosk, as the next delay sees them.
    Result<int> misses(const QString& code) const;
    // The delay after `misses` misses in a row: none for the first two, then 2, 4, 8 ... up to 60 seconds.
    static qint64 delayAfterMisses(int misses);
    // A count is forgotten after this long without a miss.
    static constexpr qint64 forgetAfterMs = 60 * 60 * 1000;

private:
    QStringList scopes(const QString& code) const;

    Database& m_db;
};

} // namespace campdesk
