#pragma once

namespace campdesk {

// Registers the icons and style sheets of resources/campdesk.qrc. A .qrc compiled into a static library is
// not registered on its own; every window calls this, so tests and the app need not remember to.
void ensureViewResources();

} // namespace campdesk
