#include "startup.h"

#include "core/logging.h"
#include "core/secretstore.h"
#include "ops/operationsruntime.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace campdesk::app {

QString dataFolder()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(folder);
    // The database, the log and backups live here: nobody else may list or read them.
    QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return folder;
}

void startLogging(const TerminalContext& terminal)
{
    if (Status logging = OperationsRuntime::installLogging(terminal.settings()); !logging.ok())
        qCWarning(lcOps).noquote() << "no log file:" << logging.error().message;
    for (const QString& problem : terminal.settings().problems())
        qCWarning(lcOps).noquote() << "settings file" << terminal.settings().filePath() << ":" << problem;
}

Result<std::unique_ptr<AppContext>> openContext(const TerminalContext& terminal, bool payments)
{
    Database::Options options;
    options.terminal = terminal.settings().terminalName();
    options.allowPlainConnections = terminal.settings().allowPlainConnections();
    Result<std::unique_ptr<AppContext>> context = AppContext::open(terminal.databaseSpec(), options);
    if (context.ok() && payments) {
        SecretStore secrets;
        // A problem is logged; the terminal still works, with the simulated terminal for cards.
        (void)context.value()->setUpPayments(terminal.settings(), secrets);
    }
    return context;
}

Result<std::unique_ptr<AppContext>> openContext(const QCommandLineParser& parser, bool payments)
{
    return openContext(TerminalContext(parser), payments);
}

} // namespace campdesk::app
