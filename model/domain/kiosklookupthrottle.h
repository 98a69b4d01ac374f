#pragma once

#include "core/clock.h"

#include <QtGlobal>

namespace campdesk {

// Slows down guessing at the kiosk's "my booking" search: after each miss (wrong code or phone) the next
// search must wait a growing delay; a hit resets it. Held once per kiosk process, so it applies to every
// customer at that kiosk, not only to one screen.
class KioskLookupThrottle
{
public:
    explicit KioskLookupThrottle(const Clock& clock = Clock::system());

    // Milliseconds until the next search is allowed (0: now).
    qint64 waitMs() const;
    void recordMiss();
    void recordHit();
    int misses() const { return m_misses; }
    // The delay after `misses` consecutive misses: none for the first two, then 2, 4, 8 ... up to 60 seconds.
    static qint64 delayAfterMisses(int misses);

private:
    const Clock& m_clock;
    int m_misses = 0;
    qint64 m_blockedUntilMs = 0;
};

} // namespace campdesk
