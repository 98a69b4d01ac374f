// campdesk --rebuild-read-model: recomputes campsite_status and daily_stats from the tables.
#include "commands.h"
#include "db/database.h"
#include "domain/readmodel.h"

#include <QCoreApplication>
#include <QTextStream>

namespace campdesk::app {

namespace {

int rebuildReadModel(const QCommandLineParser& parser)
{
    QTextStream err(stderr);
    QTextStream out(stdout);
    const QString spec = parser.value(databaseOption());
    if (spec.isEmpty()) {
        err << QCoreApplication::translate("main", "Give the database with --database.") << Qt::endl;
        return 2;
    }
    Result<std::unique_ptr<Database>> db = Database::open(spec);
    if (!db.ok()) {
        err << db.error().message << Qt::endl;
        return 1;
    }
    ReadModel model(*db.value());
    if (Status rebuilt = model.rebuild(); !rebuilt.ok()) {
        err << rebuilt.error().message << Qt::endl;
        return 1;
    }
    Result<QStringList> differences = model.differencesFromRebuild();
    if (!differences.ok() || !differences->isEmpty()) {
        err << (differences.ok() ? differences->join(QLatin1Char('\n')) : differences.error().message) << Qt::endl;
        return 1;
    }
    out << QCoreApplication::translate("main", "The read model was rebuilt from %1.").arg(db.value()->describe())
        << Qt::endl;
    return 0;
}

const CommandRegistration registration(Command {
    QCommandLineOption(QStringLiteral("rebuild-read-model"),
                       QCoreApplication::translate("main",
                                                   "Recompute the campsite overview and daily statistics "
                                                   "from the reservations, payments and reviews.")),
    rebuildReadModel });

} // namespace

} // namespace campdesk::app
