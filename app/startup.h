#pragma once

#include "appcontext.h"

#include <QCommandLineParser>
#include <memory>

namespace campdesk::app {

// What this terminal's settings say. Read in one place (readTerminalConfig) so the typed TerminalSettings
// can take over without touching the callers.
struct TerminalConfig
{
    QString databaseSpec; // empty: the default SQLite file
    QString terminalName;
};

TerminalConfig readTerminalConfig(const QCommandLineParser& parser);
// The application's data folder (QStandardPaths::AppDataLocation), created if missing.
QString dataFolder();
// --database, else the settings value, else campdesk.db in the data folder.
QString databaseSpec(const QCommandLineParser& parser, const TerminalConfig& config);
// Opens the database the command line and settings name, and builds the services; with payments, also the
// payment gateway the terminal settings configure (AppContext::setUpPayments), which one-shot commands skip.
Result<std::unique_ptr<AppContext>> openContext(const QCommandLineParser& parser, bool payments = true);

} // namespace campdesk::app
