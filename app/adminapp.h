#pragma once

#include <QCommandLineParser>

namespace campdesk::app {

// The admin and front-desk app: opens the database (with --demo, filling demo data into a fresh one; without
// any staff account, asking for the first manager account), asks for a login,
// then shows the main window. Returns the process exit code.
int runAdminApp(const QCommandLineParser& parser);

// Installs the Campdesk and Qt translations for the system's language (Korean or English).
void installTranslations();

} // namespace campdesk::app
