// campdesk --rebuild-read-model: recomputes campsite_status and daily_stats from the tables, saying which counters it
// changed and from what to what, and what a rebuild cannot fix (duplicate events and messages, refunds, points).
#include "commands.h"
#include "db/database.h"
#include "domain/readmodel.h"
#include "ops/invariantschecker.h"

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
    // What the rebuild is about to change: a count that was wrong is a finding, not a detail to smooth over.
    Result<QStringList> before = model.differencesFromRebuild();
    if (!before.ok()) {
        err << before.error().message << Qt::endl;
        return 1;
    }
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
    if (before->isEmpty()) {
        out << QCoreApplication::translate("main", "Nothing needed correcting.") << Qt::endl;
    } else {
        out << QCoreApplication::translate("main", "Corrected %n figure(s):", nullptr, int(before->size())) << Qt::endl;
        for (const QString& line : before.value())
            out << "  " << line << Qt::endl;
    }
    // A count can be recomputed; a booking confirmed twice, its messages sent twice or a refund recorded wrongly
    // cannot, and a corrected count is often the sign of one.
    Result<QStringList> remaining = InvariantsChecker::run(*db.value());
    if (!remaining.ok()) {
        err << remaining.error().message << Qt::endl;
        return 1;
    }
    if (!remaining->isEmpty()) {
        err << QCoreApplication::translate(
            "main", "Not fixed by a rebuild (%n problem(s)); see campdesk --check:", nullptr, int(remaining->size()))
            << Qt::endl;
        for (const QString& line : remaining.value())
            err << "  " << line << Qt::endl;
        return 1;
    }
    return 0;
}

const CommandRegistration registration(Command {
    QCommandLineOption(QStringLiteral("rebuild-read-model"),
                       QCoreApplication::translate("main",
                                                   "Recompute the campsite overview and daily statistics "
                                                   "from the reservations, payments and reviews, and list what "
                                                   "changed (exit 1 when problems a rebuild cannot fix remain).")),
    rebuildReadModel });

} // namespace

} // namespace campdesk::app
