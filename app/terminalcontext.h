#pragma once

#include "core/terminalsettings.h"

#include <QCommandLineParser>
#include <memory>

namespace campdesk::app {

// What a command-line tool needs to know about this terminal: its settings (--settings FILE or the default file)
// and the database to use (--database SPEC, else the settings, with the password from the secret store).
class TerminalContext
{
public:
    explicit TerminalContext(const QCommandLineParser& parser);
    // --settings FILE, else the default settings file.
    static QString settingsFile(const QCommandLineParser& parser);
    TerminalSettings& settings() const { return *m_settings; }
    QString databaseSpec() const { return m_databaseSpec; }
    // Prints the settings file's problems to stderr (they never stop a command-line tool).
    void reportProblems() const;

private:
    std::unique_ptr<TerminalSettings> m_settings;
    QString m_databaseSpec;
};

} // namespace campdesk::app
