#include "commands.h"

#include <QCoreApplication>

namespace campdesk::app {

std::vector<Command>& commands()
{
    static std::vector<Command> all;
    return all;
}

QCommandLineOption databaseOption()
{
    return QCommandLineOption(
        QStringLiteral("database"),
        QCoreApplication::translate("main", "Database to use: a SQLite file path or postgresql://user@host:port/db."),
        QStringLiteral("spec"));
}

QCommandLineOption settingsOption()
{
    return QCommandLineOption(QStringLiteral("settings"),
                              QCoreApplication::translate("main", "This terminal's settings file."),
                              QStringLiteral("file"));
}

QCommandLineOption demoOption()
{
    return QCommandLineOption(QStringLiteral("demo"),
                              QCoreApplication::translate("main",
                                                          "Fill a fresh database with a demo campground and two demo "
                                                          "accounts, and print their passwords (admin app only)."));
}

} // namespace campdesk::app
