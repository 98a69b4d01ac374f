#include "terminalcontext.h"

#include "commands.h"
#include "core/secretstore.h"

#include <cstdio>

namespace campdesk::app {

QString TerminalContext::settingsFile(const QCommandLineParser& parser)
{
    return parser.isSet(settingsOption()) ? parser.value(settingsOption()) : TerminalSettings::defaultFilePath();
}

TerminalContext::TerminalContext(const QCommandLineParser& parser)
{
    m_settings = std::make_unique<TerminalSettings>(settingsFile(parser));
    if (parser.isSet(databaseOption())) {
        m_databaseSpec = parser.value(databaseOption());
        return;
    }
    m_databaseSpec = m_settings->databaseSpec();
    if (m_databaseSpec.startsWith(QLatin1String("postgres"))) {
        SecretStore secrets;
        Result<QString> password = secrets.read(SecretStore::Secret::DatabasePassword);
        if (password.ok())
            m_databaseSpec = TerminalSettings::withPassword(m_databaseSpec, password.value());
    }
}

void TerminalContext::reportProblems() const
{
    for (const QString& problem : m_settings->problems())
        std::fprintf(stderr, "%s\n", qPrintable(problem));
}

} // namespace campdesk::app
