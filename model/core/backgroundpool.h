#pragma once

class QThreadPool;

namespace campdesk {

// The threads that run Campdesk's work off the window's thread: database reads, exports, backups, gateway calls.
// Never QThreadPool::globalInstance(): Qt's raster painter splits its fills over the global pool and waits for
// them, so a read holding a global thread for half a second froze every repaint of the window for as long.
QThreadPool* backgroundPool();

} // namespace campdesk
