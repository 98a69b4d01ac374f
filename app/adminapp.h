#pragma once

#include <QCommandLineParser>

namespace campdesk::app {

// The admin and front-desk app: opens the database (filling demo data on a fresh one), asks for a login,
// then shows the main window. Returns the process exit code.
int runAdminApp(const QCommandLineParser& parser);

// Installs the Campdesk and Qt translations for the system's language (Korean or English).
void installTranslations();

} // namespace campdesk::app
