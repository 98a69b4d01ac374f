#pragma once

#include "ops/appcontext.h"
#include "terminalcontext.h"

#include <QCommandLineParser>
#include <memory>

namespace campdesk::app {

// The application's data folder (QStandardPaths::AppDataLocation), created if missing.
QString dataFolder();
// The log file in the settings' log folder, then the settings file's problems into it. Call before the database
// opens so its errors are in the log too; a log that cannot be opened is reported on stderr, never fatal.
void startLogging(const TerminalContext& terminal);
// Opens the database the command line and settings name (password from the secret store), and builds the services;
// with payments, also the payment gateway the terminal settings configure (AppContext::setUpPayments), which
// one-shot commands skip.
Result<std::unique_ptr<AppContext>> openContext(const TerminalContext& terminal, bool payments = true);
Result<std::unique_ptr<AppContext>> openContext(const QCommandLineParser& parser, bool payments = true);

} // namespace campdesk::app
