// A booking terminal in its own process, for the concurrency tests: makes <count> bookings of random sites and
// nights (overlapping on purpose) through BookingService::book with the simulated terminal, and prints one line
// per attempt: "OK <reservation id> <campsite id> <check-in> <check-out>", "TAKEN <message>" (ErrorCode::SiteTaken)
// or "ERROR <message>".
// Usage: booking_driver <database spec> <seed> <count>
#include "domain/bookingservice.h"
#include "payment/simulatedterminal.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <cstdio>

using namespace campdesk;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 4) {
        std::fprintf(stderr, "usage: booking_driver <database spec> <seed> <count>\n");
        return 2;
    }
    const int seed = args.at(2).toInt();
    Database::Options options;
    options.terminal = QStringLiteral("driver-%1").arg(seed);
    options.migrate = false;
    Result<std::unique_ptr<Database>> db = Database::open(args.at(1), options);
    if (!db.ok()) {
        std::fprintf(stderr, "cannot open the database: %s\n", qPrintable(db.error().message));
        return 1;
    }
    Result<QList<qint64>> sites = db.value()->read([](SqlSession& s) -> Result<QList<qint64>> {
        SqlRows q = s.exec(QStringLiteral("SELECT id FROM campsites WHERE status = 'active' ORDER BY id"));
        QList<qint64> ids;
        while (q.next())
            ids.append(q.value(0).toLongLong());
        return ids;
    });
    if (!sites.ok() || sites->isEmpty()) {
        std::fprintf(stderr, "no campsites\n");
        return 1;
    }
    SimulatedTerminal terminal;
    BookingService booking(*db.value());
    booking.addGateway(&terminal);
    const Actor desk { 0, QStringLiteral("driver"), Role::FrontDesk };
    QRandomGenerator random(static_cast<quint32>(seed));
    const int count = args.at(3).toInt();
    for (int i = 0; i < count; ++i) {
        BookingRequest request;
        request.campsiteId = sites->at(int(random.bounded(sites->size())));
        request.checkIn = db.value()->clock().today().addDays(1 + random.bounded(6));
        request.checkOut = request.checkIn.addDays(1 + random.bounded(2));
        request.guests = 2;
        request.customer.name = QStringLiteral("Driver %1").arg(seed);
        request.customer.phone = QStringLiteral("010-%1-%2").arg(2000 + seed).arg(1000 + i);
        Result<Reservation> r = booking.book(desk, request, terminal);
        if (r.ok()) {
            std::printf("OK %lld %lld %s %s\n", r->id, r->campsiteId, qPrintable(sqlDate(r->checkIn)),
                        qPrintable(sqlDate(r->checkOut)));
        } else if (r.error().code == ErrorCode::SiteTaken) {
            std::printf("TAKEN %s\n", qPrintable(r.error().message));
        } else {
            std::printf("ERROR %s\n", qPrintable(r.error().message));
        }
        std::fflush(stdout);
    }
    return 0;
}
