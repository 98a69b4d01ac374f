// campdesk --set-kiosk-pin: sets the manager's PIN that unlocks the walk-in kiosk. The PIN comes from a prompt
// without echo (asked twice) on a terminal, or from the first line of stdin; never from argv, where other users
// of the machine could read it.
#include "commands.h"
#include "domain/kioskpinguard.h"
#include "secretprompt.h"
#include "startup.h"

#include <QCoreApplication>
#include <unistd.h>

namespace campdesk::app {
namespace {

// Gives lupdate and tr() one context for this file's strings.
struct SetKioskPinCommand
{
    Q_DECLARE_TR_FUNCTIONS(SetKioskPinCommand)
};

int setKioskPin(const QCommandLineParser& parser)
{
    const bool terminal = isatty(STDIN_FILENO);
    std::optional<QString> pin = readSecretLine(SetKioskPinCommand::tr("New kiosk PIN (4 to 8 digits): "), terminal);
    if (!pin) {
        printError(SetKioskPinCommand::tr("No PIN given on standard input."));
        return 2;
    }
    if (Status valid = KioskPinGuard::validatePin(*pin); !valid.ok()) {
        printError(valid.error().message);
        return 2;
    }
    if (terminal) {
        std::optional<QString> again = readSecretLine(SetKioskPinCommand::tr("Repeat the PIN: "), terminal);
        if (!again || *again != *pin) {
            printError(SetKioskPinCommand::tr("The PINs do not match."));
            return 2;
        }
    }
    Result<std::unique_ptr<AppContext>> context = openContext(parser, false);
    if (!context.ok()) {
        printError(context.error().message);
        return 1;
    }
    KioskPinGuard guard(*context.value()->db);
    if (Status set = guard.setPin(Actor::system(QStringLiteral("command line")), *pin); !set.ok()) {
        printError(set.error().message);
        return 1;
    }
    printOut(SetKioskPinCommand::tr("The kiosk PIN is set in %1.\n").arg(context.value()->db->describe()));
    return 0;
}

const CommandRegistration registration(Command {
    QCommandLineOption(QStringLiteral("set-kiosk-pin"),
                       SetKioskPinCommand::tr("Set the manager's kiosk PIN (asks for it, or reads it from stdin).")),
    setKioskPin,
    {} });

} // namespace
} // namespace campdesk::app
