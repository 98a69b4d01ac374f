#include "viewresources.h"

#include <QtGlobal>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initCampdeskResources()
{
    Q_INIT_RESOURCE(campdesk);
}

namespace campdesk {

void ensureViewResources()
{
    static const bool done = (initCampdeskResources(), true);
    Q_UNUSED(done);
}

} // namespace campdesk
