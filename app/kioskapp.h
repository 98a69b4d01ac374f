#pragma once

#include <QCommandLineParser>

namespace campdesk::app {

// campdesk --kiosk: opens the database, builds the kiosk's services and shows the locked-down kiosk window until
// the manager's PIN closes it. Returns the process exit code.
int runKioskApp(const QCommandLineParser& parser);

} // namespace campdesk::app
