#include "core/clock.h"

namespace campdesk {

const Clock& Clock::system()
{
    static const Clock clock;
    return clock;
}

} // namespace campdesk
