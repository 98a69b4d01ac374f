// campdesk-datagen: fills a Campdesk database with a campground chain at scale, deterministically from a seed.
#include "core/heap.h"
#include "datagenerator.h"
#include "progressbar.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstdio>

using namespace campdesk;

int main(int argc, char** argv)
{
    campdesk::keepFreedHeapForReuse(); // as the app does
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("campdesk-datagen"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Fills an empty Campdesk database with campsites, customers and three years of reservations (with payments, "
        "mileage, reviews, nights and events), then rebuilds the read model. The same seed gives the same data."));
    parser.addHelpOption();
    const QCommandLineOption database(QStringLiteral("database"),
                                      QStringLiteral("SQLite file or postgresql://user@host:port/db (required)."),
                                      QStringLiteral("spec"));
    const QCommandLineOption scale(QStringLiteral("scale"),
                                   QStringLiteral("Multiplies the default counts (2,000 campsites, 300,000 customers, "
                                                  "1,000,000 reservations)."),
                                   QStringLiteral("factor"), QStringLiteral("1"));
    const QCommandLineOption campsites(QStringLiteral("campsites"), QStringLiteral("Number of campsites."),
                                       QStringLiteral("n"));
    const QCommandLineOption customers(QStringLiteral("customers"), QStringLiteral("Number of customers."),
                                       QStringLiteral("n"));
    const QCommandLineOption reservations(QStringLiteral("reservations"), QStringLiteral("Number of reservations."),
                                          QStringLiteral("n"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Random seed."), QStringLiteral("n"),
                                  QStringLiteral("1"));
    const QCommandLineOption today(QStringLiteral("today"),
                                   QStringLiteral("The data set's today, YYYY-MM-DD (default: today)."),
                                   QStringLiteral("date"));
    const QCommandLineOption quiet(QStringLiteral("quiet"), QStringLiteral("No progress bar."));
    parser.addOptions({ database, scale, campsites, customers, reservations, seed, today, quiet });
    parser.process(app);

    if (!parser.isSet(database)) {
        std::fprintf(stderr, "campdesk-datagen: --database is required (see --help)\n");
        return 2;
    }
    bool ok = true;
    DataGenConfig config = DataGenConfig::scaled(parser.value(scale).toDouble(&ok));
    auto number = [&](const QCommandLineOption& option, qint64 fallback) {
        if (!parser.isSet(option))
            return fallback;
        bool valid = false;
        const qint64 n = parser.value(option).toLongLong(&valid);
        ok = ok && valid && n >= 0;
        return n;
    };
    config.campsites = int(number(campsites, config.campsites));
    config.customers = number(customers, config.customers);
    config.reservations = number(reservations, config.reservations);
    config.seed = quint64(number(seed, 1));
    if (parser.isSet(today)) {
        config.today = QDate::fromString(parser.value(today), Qt::ISODate);
        ok = ok && config.today.isValid();
    }
    if (!ok) {
        std::fprintf(stderr, "campdesk-datagen: a count, the seed, the scale or the date is not valid\n");
        return 2;
    }
    const QDate day = config.today.isValid() ? config.today : QDate::currentDate();
    config.today = day;
    // The data set's "now" is noon of its day, so the read model is computed for that day.
    ManualClock clock(QDateTime(day, QTime(12, 0)).toUTC());
    Database::Options options;
    options.terminal = QStringLiteral("datagen");
    options.clock = &clock;
    Result<std::unique_ptr<Database>> db = Database::open(parser.value(database), options);
    if (!db.ok()) {
        std::fprintf(stderr, "campdesk-datagen: %s\n", qPrintable(db.error().message));
        return 1;
    }
    ProgressBar progress(parser.isSet(quiet));
    DataGenerator generator(*db.value(), config);
    Result<DataGenSummary> summary = generator.run(&progress);
    if (!summary.ok()) {
        std::fprintf(stderr, "campdesk-datagen: %s\n", qPrintable(summary.error().message));
        return 1;
    }
    const DataGenSummary& s = summary.value();
    std::printf("%s: %lld campsites, %lld customers, %lld reservations, %lld nights, %lld payments, %lld mileage "
                "entries, %lld reviews, %lld events in %.1f s (read model %.1f s)\n",
                qPrintable(db.value()->describe()), static_cast<long long>(s.campsites),
                static_cast<long long>(s.customers), static_cast<long long>(s.reservations),
                static_cast<long long>(s.nights), static_cast<long long>(s.payments),
                static_cast<long long>(s.ledgerEntries), static_cast<long long>(s.reviews),
                static_cast<long long>(s.events), s.seconds, s.readModelSeconds);
    return 0;
}
