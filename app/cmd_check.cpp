// campdesk --check [--json]: the health check for systemd and monitoring. Exit 0 healthy, 1 degraded, 2 down.
#include "commands.h"
#include "core/secretstore.h"
#include "ops/healthcheck.h"
#include "ops/invariantschecker.h"
#include "terminalcontext.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <cstdio>

namespace campdesk::app {

namespace {

QCommandLineOption jsonOption()
{
    return QCommandLineOption(QStringLiteral("json"),
                              QCoreApplication::translate("main", "With --check: print the report as JSON."));
}

// Which of this terminal's secrets are stored (never their values): informational, the channels that need one
// report their own failures.
HealthItem secretsItem()
{
    HealthItem item;
    item.name = QStringLiteral("secrets");
    SecretStore store;
    QStringList set;
    QStringList missing;
    for (SecretStore::Secret secret : SecretStore::allSecrets()) {
        const QString name = SecretStore::secretName(secret);
        const Result<QString> value = store.read(secret);
        const bool stored = value.ok() && !value.value().isEmpty();
        item.details.insert(name, stored);
        (stored ? set : missing) << name;
    }
    const QString none = QCoreApplication::translate("main", "none");
    item.message = QCoreApplication::translate("main", "set: %1; not set: %2")
                       .arg(set.isEmpty() ? none : set.join(QStringLiteral(", ")),
                            missing.isEmpty() ? none : missing.join(QStringLiteral(", ")));
    return item;
}

int runCheck(const QCommandLineParser& parser)
{
    TerminalContext context(parser);
    HealthCheck::Options options;
    options.gatewayUrl = context.settings().gatewayUrl();
    options.allowPlainConnections = context.settings().allowPlainConnections();
    options.invariants = &InvariantsChecker::run;
    HealthReport report = HealthCheck::run(context.databaseSpec(), options);
    report.items.append(secretsItem());
    if (parser.isSet(jsonOption())) {
        const QByteArray json = QJsonDocument(report.toJson()).toJson(QJsonDocument::Indented);
        std::fwrite(json.constData(), 1, static_cast<size_t>(json.size()), stdout);
    } else {
        context.reportProblems();
        std::fputs(report.toText().toUtf8().constData(), stdout);
    }
    return report.exitCode();
}

const CommandRegistration check(Command {
    QCommandLineOption(QStringLiteral("check"),
                       QCoreApplication::translate("main",
                                                   "Check the database, schema, payment gateway and outbox; "
                                                   "exit 0 healthy, 1 degraded, 2 down.")),
    runCheck });
// --json alone also runs the check, so the order the commands registered in does not matter.
const CommandRegistration json(Command { jsonOption(), runCheck });

} // namespace

} // namespace campdesk::app
