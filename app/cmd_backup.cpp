// campdesk --backup FILE / --restore FILE: an online backup of the database, and a checked restore.
#include "commands.h"
#include "ops/backupservice.h"
#include "terminalcontext.h"

#include <QCoreApplication>
#include <cstdio>

namespace campdesk::app {

namespace {

void say(FILE* stream, const QString& text)
{
    std::fprintf(stream, "%s\n", text.toUtf8().constData());
}

int runBackup(const QCommandLineParser& parser)
{
    TerminalContext context(parser);
    context.reportProblems();
    Database::Options options;
    options.migrate = false; // a backup copies what is there, whatever its schema
    options.terminal = context.settings().terminalName();
    options.allowPlainConnections = context.settings().allowPlainConnections();
    Result<std::unique_ptr<Database>> db = Database::open(context.databaseSpec(), options);
    if (!db.ok()) {
        say(stderr, db.error().message);
        return 2;
    }
    const QString file = parser.value(QStringLiteral("backup"));
    if (Status status = BackupService::backup(*db.value(), file); !status.ok()) {
        say(stderr, status.error().message);
        return 1;
    }
    say(stdout, QCoreApplication::translate("main", "Backup of %1 written to %2.").arg(db.value()->describe(), file));
    return 0;
}

int runRestore(const QCommandLineParser& parser)
{
    TerminalContext context(parser);
    context.reportProblems();
    const QString file = parser.value(QStringLiteral("restore"));
    Result<QString> restored = BackupService::restore(file, context.databaseSpec());
    if (!restored.ok()) {
        say(stderr, restored.error().message);
        return 1;
    }
    say(stdout, QCoreApplication::translate("main", "Restored from %1.").arg(file));
    if (!restored.value().isEmpty())
        say(stdout, QCoreApplication::translate("main", "The previous database was kept as %1.").arg(restored.value()));
    return 0;
}

const CommandRegistration backup(Command {
    QCommandLineOption(QStringLiteral("backup"),
                       QCoreApplication::translate("main",
                                                   "Write a consistent backup of the database to FILE, even "
                                                   "while terminals are using it."),
                       QStringLiteral("file")),
    runBackup });

const CommandRegistration restore(Command {
    QCommandLineOption(QStringLiteral("restore"),
                       QCoreApplication::translate("main",
                                                   "Replace the database with the backup FILE after checking "
                                                   "it; close every terminal first. The current database is "
                                                   "kept as a .before-restore copy."),
                       QStringLiteral("file")),
    runRestore });

} // namespace

} // namespace campdesk::app
