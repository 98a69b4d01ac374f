// campdesk --create-kiosk-role NAME: creates the PostgreSQL login a kiosk connects with, allowed only the kiosk's
// booking flow (db/kioskrole.h). Runs on an admin connection (--database or this terminal's settings), which owns the
// schema. The new role's password comes from a prompt without echo (asked twice) on a terminal, or from the first line
// of stdin; never from argv, and it is never printed or logged.
#include "commands.h"
#include "db/kioskrole.h"
#include "secretprompt.h"
#include "startup.h"

#include <QCoreApplication>
#include <unistd.h>

namespace campdesk::app {
namespace {

// Gives lupdate and tr() one context for this file's strings.
struct CreateKioskRoleCommand
{
    Q_DECLARE_TR_FUNCTIONS(CreateKioskRoleCommand)
};

int createKioskRole(const QCommandLineParser& parser)
{
    const QString name = parser.value(QStringLiteral("create-kiosk-role"));
    if (!KioskRole::isValidName(name)) {
        printError(CreateKioskRoleCommand::tr("\"%1\" is not a role name: use lower-case letters, digits and _ (at "
                                              "most 63).")
                       .arg(name));
        return 2;
    }
    const bool terminal = isatty(STDIN_FILENO);
    std::optional<QString> password
        = readSecretLine(CreateKioskRoleCommand::tr("Password for %1 (at least 12 characters): ").arg(name), terminal);
    if (!password) {
        printError(CreateKioskRoleCommand::tr("No password given on standard input."));
        return 2;
    }
    if (terminal) {
        std::optional<QString> again = readSecretLine(CreateKioskRoleCommand::tr("Repeat the password: "), terminal);
        if (!again || *again != *password) {
            printError(CreateKioskRoleCommand::tr("The passwords do not match; nothing was changed."));
            return 2;
        }
    }
    Result<std::unique_ptr<AppContext>> context = openContext(parser, false);
    if (!context.ok()) {
        printError(context.error().message);
        return 1;
    }
    Database& db = *context.value()->db;
    if (Status created = KioskRole::create(db, name, *password); !created.ok()) {
        printError(created.error().message);
        return 1;
    }
    printOut(CreateKioskRoleCommand::tr("The kiosk role %1 is ready in %2. On the kiosk, put %1 in database/spec and "
                                        "store the password with --set-secret database-password.\n")
                 .arg(name, db.describe()));
    return 0;
}

const CommandRegistration registration(Command {
    QCommandLineOption(QStringLiteral("create-kiosk-role"),
                       CreateKioskRoleCommand::tr("Create the PostgreSQL role a kiosk connects with, allowed only the "
                                                  "kiosk's booking flow (asks for its password, or reads it from "
                                                  "stdin). Run again after an upgrade."),
                       QStringLiteral("name")),
    createKioskRole,
    {} });

} // namespace
} // namespace campdesk::app
