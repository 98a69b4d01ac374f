#include "startup.h"

#include "commands.h"
#include "secretstore.h"
#include "terminalcontext.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QSysInfo>

namespace campdesk::app {

TerminalConfig readTerminalConfig(const QCommandLineParser& parser)
{
    const QString file = parser.value(settingsOption());
    std::unique_ptr<QSettings> settings
        = file.isEmpty() ? std::make_unique<QSettings>() : std::make_unique<QSettings>(file, QSettings::IniFormat);
    TerminalConfig config;
    config.databaseSpec = settings->value(QStringLiteral("database")).toString().trimmed();
    config.terminalName = settings->value(QStringLiteral("terminal"), QSysInfo::machineHostName()).toString();
    if (config.terminalName.isEmpty())
        config.terminalName = QStringLiteral("terminal");
    return config;
}

QString dataFolder()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(folder);
    return folder;
}

QString databaseSpec(const QCommandLineParser& parser, const TerminalConfig& config)
{
    if (parser.isSet(databaseOption()))
        return parser.value(databaseOption());
    if (!config.databaseSpec.isEmpty())
        return config.databaseSpec;
    return QDir(dataFolder()).filePath(QStringLiteral("campdesk.db"));
}

Result<std::unique_ptr<AppContext>> openContext(const QCommandLineParser& parser, bool payments)
{
    const TerminalConfig config = readTerminalConfig(parser);
    Database::Options options;
    options.terminal = config.terminalName;
    Result<std::unique_ptr<AppContext>> context = AppContext::open(databaseSpec(parser, config), options);
    if (context.ok() && payments) {
        const TerminalSettings settings(TerminalContext::settingsFile(parser));
        SecretStore secrets;
        // A problem is logged; the terminal still works, with the simulated terminal for cards.
        (void)context.value()->setUpPayments(settings, secrets);
    }
    return context;
}

} // namespace campdesk::app
