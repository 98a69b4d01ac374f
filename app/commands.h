#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <functional>
#include <vector>

namespace campdesk::app {

// A command-line action that runs without a window (--check, --backup, --create-user, ...).
// Each lives in its own app/cmd_*.cpp and registers itself with a static CommandRegistration.
struct Command
{
    QCommandLineOption option;
    // Runs the command after parsing; returns the process exit code.
    std::function<int(const QCommandLineParser& parser)> run;
    // Further options only this command reads (e.g. --role for --create-user).
    QList<QCommandLineOption> extraOptions = {};
};

std::vector<Command>& commands();

struct CommandRegistration
{
    explicit CommandRegistration(Command command) { commands().push_back(std::move(command)); }
};

// Options every command and the GUI share.
QCommandLineOption databaseOption(); // --database SPEC: SQLite path or postgresql:// URL
QCommandLineOption settingsOption(); // --settings FILE: this terminal's settings file
QCommandLineOption demoOption(); // --demo: fill a fresh database with the demo campground and its accounts

} // namespace campdesk::app
