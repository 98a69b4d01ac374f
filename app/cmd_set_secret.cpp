// campdesk --set-secret NAME: stores one of this terminal's secrets (payment gateway key, SMTP password, database
// password, webhook Authorization value) in the desktop keyring, or in the 0600 secrets file where no keyring runs.
// The value comes from a prompt without echo (asked twice) on a terminal, or from the first line of stdin; never
// from argv, where other users of the machine could read it, and it is never printed or logged.
#include "commands.h"
#include "core/secretstore.h"
#include "secretprompt.h"

#include <QCoreApplication>
#include <QDir>
#include <QStringList>
#include <unistd.h>

namespace campdesk::app {
namespace {

// Gives lupdate and tr() one context for this file's strings.
struct SetSecretCommand
{
    Q_DECLARE_TR_FUNCTIONS(SetSecretCommand)
};

QStringList secretNames()
{
    QStringList names;
    for (SecretStore::Secret secret : SecretStore::allSecrets())
        names << SecretStore::secretName(secret);
    return names;
}

int setSecret(const QCommandLineParser& parser)
{
    const QString name = parser.value(QStringLiteral("set-secret"));
    const std::optional<SecretStore::Secret> secret = SecretStore::secretFromName(name);
    if (!secret) {
        printError(SetSecretCommand::tr("Unknown secret \"%1\". Choose one of: %2.")
                       .arg(name, secretNames().join(QStringLiteral(", "))));
        return 2;
    }
    const bool terminal = isatty(STDIN_FILENO);
    std::optional<QString> value = readSecretLine(SetSecretCommand::tr("Value of %1: ").arg(name), terminal);
    if (!value) {
        printError(SetSecretCommand::tr("No value given on standard input."));
        return 2;
    }
    if (value->trimmed().isEmpty()) {
        printError(SetSecretCommand::tr("The value is empty; nothing was stored."));
        return 2;
    }
    if (terminal) {
        std::optional<QString> again = readSecretLine(SetSecretCommand::tr("Repeat the value: "), terminal);
        if (!again || *again != *value) {
            printError(SetSecretCommand::tr("The values do not match; nothing was stored."));
            return 2;
        }
    }
    SecretStore store;
    if (Status stored = store.write(*secret, *value); !stored.ok()) {
        printError(stored.error().message);
        return 1;
    }
    if (store.lastBackend() == QLatin1String("keychain"))
        printOut(SetSecretCommand::tr("%1 is stored in the desktop keyring.\n").arg(name));
    else
        printOut(SetSecretCommand::tr("%1 is stored in %2 (readable by you only).\n")
                     .arg(name, QDir::toNativeSeparators(store.fallbackFile())));
    return 0;
}

const CommandRegistration registration(Command {
    QCommandLineOption(QStringLiteral("set-secret"),
                       SetSecretCommand::tr("Store a secret of this terminal (gateway-key, smtp-password, "
                                            "database-password or webhook-auth); asks for the value, or reads it "
                                            "from stdin."),
                       QStringLiteral("name")),
    setSecret,
    {} });

} // namespace
} // namespace campdesk::app
