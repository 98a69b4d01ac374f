// campdesk --create-user NAME --role manager|frontdesk: creates a staff account from the command line.
// The password comes from a prompt without echo on a terminal, or from the first line of stdin otherwise;
// never from argv, where other users of the machine could read it.
#include "commands.h"
#include "startup.h"

#include <QCoreApplication>
#include <cstdio>
#include <iostream>
#include <string>
#include <termios.h>
#include <unistd.h>

namespace campdesk::app {
namespace {

// Gives lupdate and tr() one context for this file's strings.
struct CreateUserCommand
{
    Q_DECLARE_TR_FUNCTIONS(CreateUserCommand)
};

QCommandLineOption roleOption()
{
    return QCommandLineOption(QStringLiteral("role"),
                              CreateUserCommand::tr("Role of the new user: manager or frontdesk."),
                              QStringLiteral("role"), QStringLiteral("frontdesk"));
}

void print(FILE* stream, const QString& text)
{
    std::fputs(text.toLocal8Bit().constData(), stream);
    std::fflush(stream);
}

void printError(const QString& message)
{
    print(stderr, message + QLatin1Char('\n'));
}

// One line from stdin without the trailing newline; with echo off when stdin is a terminal.
std::optional<QString> readSecretLine(const QString& prompt, bool terminal)
{
    termios saved {};
    if (terminal) {
        print(stderr, prompt);
        tcgetattr(STDIN_FILENO, &saved);
        termios silent = saved;
        silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
    }
    std::string line;
    const bool ok = static_cast<bool>(std::getline(std::cin, line));
    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        print(stderr, QStringLiteral("\n"));
    }
    if (!ok)
        return std::nullopt;
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return QString::fromStdString(line);
}

int createUser(const QCommandLineParser& parser)
{
    const QString username = parser.value(QStringLiteral("create-user"));
    const std::optional<Role> role = roleFromName(parser.value(roleOption()));
    if (!role || (*role != Role::Manager && *role != Role::FrontDesk)) {
        printError(CreateUserCommand::tr("--role must be manager or frontdesk."));
        return 2;
    }
    if (Status valid = UserService::validateUsername(username); !valid.ok()) {
        printError(valid.error().message);
        return 2;
    }

    const bool terminal = isatty(STDIN_FILENO);
    std::optional<QString> password
        = readSecretLine(CreateUserCommand::tr("Password for %1: ").arg(username), terminal);
    if (!password) {
        printError(CreateUserCommand::tr("No password given on standard input."));
        return 2;
    }
    if (terminal) {
        std::optional<QString> again = readSecretLine(CreateUserCommand::tr("Repeat the password: "), terminal);
        if (!again || *again != *password) {
            printError(CreateUserCommand::tr("The passwords do not match."));
            return 2;
        }
    }

    Result<std::unique_ptr<AppContext>> context = openContext(parser, false);
    if (!context.ok()) {
        printError(context.error().message);
        return 1;
    }
    Result<User> user = context.value()->users->createUser(Actor::system(QStringLiteral("command line")), username,
                                                           QString(), *role, *password);
    if (!user.ok()) {
        printError(user.error().message);
        return 1;
    }
    print(stdout,
          CreateUserCommand::tr("Created %1 (%2) in %3.\n")
              .arg(user->username, roleDisplayName(user->role), context.value()->db->describe()));
    return 0;
}

const CommandRegistration registration(Command {
    QCommandLineOption(QStringLiteral("create-user"),
                       CreateUserCommand::tr("Create a staff user (asks for the password, or reads it from stdin)."),
                       QStringLiteral("name")),
    createUser,
    { roleOption() } });

} // namespace
} // namespace campdesk::app
