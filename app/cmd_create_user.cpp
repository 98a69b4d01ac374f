// campdesk --create-user NAME --role manager|frontdesk: creates a staff account from the command line.
// The password comes from a prompt without echo on a terminal, or from the first line of stdin otherwise;
// never from argv, where other users of the machine could read it.
#include "commands.h"
#include "secretprompt.h"
#include "startup.h"

#include <QCoreApplication>
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
    printOut(CreateUserCommand::tr("Created %1 (%2) in %3.\n")
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
