#include "domain/kiosklookupthrottle.h"

#include <algorithm>

namespace campdesk {

KioskLookupThrottle::KioskLookupThrottle(const Clock& clock)
    : m_clock(clock)
{
}

qint64 KioskLookupThrottle::waitMs() const
{
    return std::max<qint64>(0, m_blockedUntilMs - m_clock.nowMs());
}

void KioskLookupThrottle::recordMiss()
{
    ++m_misses;
    m_blockedUntilMs = m_clock.nowMs() + delayAfterMisses(m_misses);
}

void KioskLookupThrottle::recordHit()
{
    m_misses = 0;
    m_blockedUntilMs = 0;
}

qint64 KioskLookupThrottle::delayAfterMisses(int misses)
{
    // A typo or two costs nothing; a guessing run soon waits a minute per try.
    if (misses <= 2)
        return 0;
    const int doublings = std::min(misses - 2, 6);
    return std::min<qint64>(60000, 1000LL << doublings);
}

} // namespace campdesk
