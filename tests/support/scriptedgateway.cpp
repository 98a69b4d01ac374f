#include "scriptedgateway.h"

namespace campdesk::test {

PaymentOutcome ScriptedGateway::answer()
{
    ++calls;
    if (clock)
        clock->advanceMs(takesMs);
    PaymentOutcome outcome;
    outcome.status = next;
    return outcome;
}

} // namespace campdesk::test
