#include "startup.h"

#include "logging.h"
#include "operationsruntime.h"

#include <QDir>
#include <QStandardPaths>

namespace campdesk::app {

QString dataFolder()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(folder);
    return folder;
}

void startLogging(const TerminalContext& terminal)
{
    if (Status logging = OperationsRuntime::installLogging(terminal.settings()); !logging.ok())
        qCWarning(lcOps).noquote() << "no log file:" << logging.error().message;
    for (const QString& problem : terminal.settings().problems())
        qCWarning(lcOps).noquote() << "settings file" << terminal.settings().filePath() << ":" << problem;
}

Result<std::unique_ptr<AppContext>> openContext(const TerminalContext& terminal)
{
    Database::Options options;
    options.terminal = terminal.settings().terminalName();
    return AppContext::open(terminal.databaseSpec(), options);
}

Result<std::unique_ptr<AppContext>> openContext(const QCommandLineParser& parser)
{
    return openContext(TerminalContext(parser));
}

} // namespace campdesk::app
