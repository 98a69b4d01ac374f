#pragma once

#include "core/result.h"

namespace campdesk {

struct AppContext;

// The demo database's site map (campdesk --demo): a campground picture painted here, so the repository holds no
// picture file, with every site placed in its zone. Does nothing when a map exists already.
Status addDemoSiteMap(AppContext& context);

} // namespace campdesk
