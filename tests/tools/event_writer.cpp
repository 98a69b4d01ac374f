// Another terminal in its own process, for the event feed tests: writes <count> events, one write
// transaction each, <interval ms> apart, and prints each event's id.
// Usage: event_writer <database spec> <terminal name> <count> <interval ms>
#include "db/database.h"

#include <QCoreApplication>
#include <QThread>
#include <cstdio>

using namespace campdesk;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 5) {
        std::fprintf(stderr, "usage: event_writer <database spec> <terminal name> <count> <interval ms>\n");
        return 2;
    }
    Database::Options options;
    options.terminal = args.at(2);
    options.migrate = false;
    Result<std::unique_ptr<Database>> db = Database::open(args.at(1), options);
    if (!db.ok()) {
        std::fprintf(stderr, "cannot open the database: %s\n", qPrintable(db.error().message));
        return 1;
    }
    const int count = args.at(3).toInt();
    for (int i = 1; i <= count; ++i) {
        Result<qint64> id = db.value()->write([i](Transaction& tx) -> Result<qint64> {
            return tx.recordEvent(EventType::CampsiteModified, QStringLiteral("campsite"), i,
                                  QJsonObject { { QStringLiteral("seq"), i } });
        });
        if (!id.ok()) {
            std::fprintf(stderr, "write failed: %s\n", qPrintable(id.error().message));
            return 1;
        }
        std::printf("wrote %lld\n", id.value());
        std::fflush(stdout);
        QThread::msleep(args.at(4).toULong());
    }
    return 0;
}
