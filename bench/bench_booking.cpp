// Booking throughput: hold + pay + confirm through BookingService with the simulated terminal, against the same
// SQL writes done with raw prepared statements (sqlite3 or libpq) in the same run, on the same kind of database.
//   bench_booking --database SQLITE_FILE --raw-sqlite OTHER_FILE [--bookings N] [--rounds R] [--data-set]
//   bench_booking --database postgresql://... --raw-pg postgresql://... [--bookings N] [--rounds R] [--data-set]
// With --data-set both databases are copies of a campdesk-datagen data set (1,000,000 reservations at scale 1):
// both sides book its first 20 sites after the data's last night, and the bench then compares a booking's median
// time on a site with the data's ~500 past reservations with one on a site given 20,000.
#include "benchreport.h"
#include "core/heap.h"
#include "domain/bookingservice.h"
#include "domain/campsiteservice.h"
#include "domain/customerservice.h"
#include "payment/simulatedterminal.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <cstdio>
#include <functional>
#include <libpq-fe.h>
#include <sqlite3.h>

using namespace campdesk;
using namespace campdesk::bench;

namespace {

constexpr int sites = 20;
// The campsites both sides book (ids); two more follow for the long-history comparison with --data-set.
std::vector<qint64> siteIds;
// With --data-set: bookings start this far ahead, after the data set's last night (it reaches a year ahead).
constexpr int dataSetDaysAhead = 400;

Actor manager()
{
    return Actor { 0, QStringLiteral("bench"), Role::Manager };
}

// The campsites both sides book on, made through the service on a fresh database.
Status prepareSites(Database& db)
{
    CampsiteService service(db);
    for (int i = 0; i < sites; ++i) {
        Campsite c;
        c.code = QStringLiteral("B-%1").arg(i + 1, 2, 10, QLatin1Char('0'));
        c.name = QStringLiteral("Bench %1").arg(i + 1);
        c.kind = CampsiteKind::Tent;
        c.maxGuests = 4;
        c.nightlyPrice = 40000;
        Result<Campsite> made = service.registerCampsite(manager(), c);
        if (!made.ok())
            return made.error();
    }
    return {};
}

// The customer has an e-mail address, so the service writes the confirmation's notification, as the raw side does.
const QString guestEmail = QStringLiteral("guest@example.com");

// The customers who book, in turn: returning ones with a short history each, as at a real front desk. (One customer
// making every booking of a run would sum a ledger that grows with the run, on both sides.)
constexpr int customerCount = 1000;
// Their ids (the same in both databases).
std::vector<qint64> customerIds;

Customer benchCustomer(int i)
{
    Customer c;
    c.name = QStringLiteral("김민준");
    c.phone = QStringLiteral("0107%1").arg(i % customerCount, 7, 10, QLatin1Char('0'));
    c.email = guestEmail;
    return c;
}

// Registers the customers (or finds them, on a data set that has them already); their ids in order.
std::vector<qint64> prepareCustomers(Database& db)
{
    std::vector<qint64> ids;
    Status made = db.write([&](Transaction& tx) -> Status {
        for (int i = 0; i < customerCount; ++i) {
            Result<Customer> c = CustomerService::findOrCreate(tx, Actor::system(), benchCustomer(i), nullptr);
            if (!c.ok())
                return c.error();
            ids.push_back(c->id);
        }
        return {};
    });
    if (!made.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(made.error().message));
        return {};
    }
    return ids;
}

// Books through BookingService with the simulated terminal; run() books the next `count` and gives the seconds.
class ServiceSide
{
public:
    ServiceSide(Database& db, const QDate& first)
        : m_booking(db)
        , m_first(first)
    {
        m_booking.addGateway(&m_terminal);
    }

    double run(int count)
    {
        QElapsedTimer timer;
        timer.start();
        for (int end = m_next + count; m_next < end; ++m_next) {
            BookingRequest request;
            request.campsiteId = siteIds[size_t(m_next % sites)];
            request.checkIn = m_first.addDays(m_next / sites);
            request.checkOut = request.checkIn.addDays(1);
            request.guests = 2;
            request.customer = benchCustomer(m_next);
            Result<Reservation> r = m_booking.book(manager(), request, m_terminal);
            if (!r.ok()) {
                std::fprintf(stderr, "booking failed: %s\n", qPrintable(r.error().message));
                return -1;
            }
        }
        return double(timer.nsecsElapsed()) / 1e9;
    }

    // Books `count` one-night stays in a row on one site from `first`; the time of each, or empty on a failure.
    Timing eachOn(qint64 campsiteId, const QDate& first, int count)
    {
        Timing timing;
        QElapsedTimer timer;
        for (int i = 0; i < count; ++i) {
            BookingRequest request;
            request.campsiteId = campsiteId;
            request.checkIn = first.addDays(i);
            request.checkOut = request.checkIn.addDays(1);
            request.guests = 2;
            request.customer = benchCustomer(m_eachOn++);
            timer.start();
            Result<Reservation> r = m_booking.book(manager(), request, m_terminal);
            if (!r.ok()) {
                std::fprintf(stderr, "booking failed: %s\n", qPrintable(r.error().message));
                return {};
            }
            timing.ms.push_back(double(timer.nsecsElapsed()) / 1e6);
        }
        return timing;
    }

private:
    BookingService m_booking;
    SimulatedTerminal m_terminal;
    QDate m_first;
    int m_next = 0;
    int m_eachOn = 0; // bookings made by eachOn(), for the customer of the next
};

// The statements one booking writes, in its three transactions (hold; pending payment; confirm), with the reads
// that guard them (nights free, code unused, balance). Placeholders are numbered: both sqlite3 and libpq take $n.
const char* const holdStatements[] = {
    "SELECT count(*) FROM reservation_nights WHERE campsite_id = $1 AND night >= $2 AND night < $3",
    "SELECT count(*) FROM reservations WHERE code = $1",
    "INSERT INTO reservations (code, campsite_id, customer_id, check_in, check_out, guests, status, amount, "
    "points_used, channel, order_id, hold_expires_at, version, created_at, updated_at, guest_name) VALUES "
    "($1, $2, $8, $3, $4, 2, 'held', 40000, 0, 'desk', $5, $6, 1, $7, $7, '김민준') RETURNING id",
    "INSERT INTO reservation_nights (campsite_id, night, reservation_id) VALUES ($1, $2, $3)",
    // The priced line of the night, which the receipt and a later change read.
    "INSERT INTO reservation_lines (reservation_id, kind, night, label_code, quantity, unit_price, amount, label, "
    "stock_taken) VALUES ($1, 'night', $2, ':weekday', 1, 40000, 40000, '', 0)",
    "INSERT INTO domain_events (type, aggregate, aggregate_id, payload, origin, occurred_at) VALUES "
    "('ReservationHeld', 'reservation', $1, $2, 'raw', $3) RETURNING id",
};
const char* const payStatements[] = {
    "INSERT INTO payments (reservation_id, order_id, provider, method, amount, status, created_at, updated_at) "
    "VALUES ($1, $2, 'simulated', 'card', 40000, 'pending', $3, $3)",
};
const char* const confirmStatements[] = {
    "UPDATE payments SET status = 'approved', provider_tx_id = $1, approved_at = $2, updated_at = $2 "
    "WHERE order_id = $3",
    "UPDATE reservations SET status = 'confirmed', confirmed_at = $1, hold_expires_at = NULL, updated_at = $1, "
    "version = version + 1 WHERE id = $2",
    "INSERT INTO mileage_ledger (customer_id, delta, reason, source_id, note, created_at) VALUES "
    "($3, 2000, 'payment', $1, '', $2)",
    "SELECT COALESCE(SUM(delta), 0) FROM mileage_ledger WHERE customer_id = $1",
    "INSERT INTO domain_events (type, aggregate, aggregate_id, payload, origin, occurred_at) VALUES "
    "($1, $2, $3, $4, 'raw', $5) RETURNING id",
    "INSERT INTO notifications (event_id, reservation_id, channel, recipient, language, subject, body, status, "
    "attempts, next_attempt_at, created_at) VALUES ($1, $2, 'email', 'guest@example.com', 'ko', $3, $4, "
    "'pending', 0, $5, $5)",
    "INSERT INTO daily_stats (day, bookings, revenue, points_credited, booked_nights) VALUES ($1, 1, 40000, 2000, 1) "
    "ON CONFLICT (day) DO UPDATE SET bookings = daily_stats.bookings + 1, revenue = daily_stats.revenue + 40000, "
    "points_credited = daily_stats.points_credited + 2000, booked_nights = daily_stats.booked_nights + 1",
    // The site's revenue and counts follow the reservation's status by trigger (migration 12), on both sides.
    "UPDATE campsite_status SET next_reservation_id = $1, next_guest = '김민준', next_check_in = $2, "
    "booked_nights_30 = booked_nights_30 + 1, updated_at = $3 WHERE campsite_id = $4",
    // A confirmation by staff is audited (the service's bench actor is a manager).
    "INSERT INTO audit_log (at, actor, role, action, target, details, terminal) VALUES "
    "($1, 'bench', 'manager', 'reservation.confirm', $2, 'card', 'terminal')",
};

// One booking through any driver: exec(statement index, parameters) returns the first column of the first row.
using Exec = std::function<qint64(int group, int index, const QList<QByteArray>& params)>;
using Run = std::function<void(const char* sql)>;

void rawBooking(int i, const QDate& first, const Exec& exec, const Run& run)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QByteArray site = QByteArray::number(siteIds[size_t(i % sites)]);
    const QByteArray customer = QByteArray::number(customerIds[size_t(i % customerCount)]);
    const QDate checkIn = first.addDays(i / sites);
    const QByteArray in = sqlDate(checkIn).toLatin1();
    const QByteArray out = sqlDate(checkIn.addDays(1)).toLatin1();
    const QByteArray code = "CD-R" + QByteArray::number(i);
    const QByteArray order = "raw-" + QByteArray::number(i);
    const QByteArray ms = QByteArray::number(now);
    run("BEGIN");
    exec(0, 0, { site, in, out });
    exec(0, 1, { code });
    const QByteArray id = QByteArray::number(
        exec(0, 2, { code, site, in, out, order, QByteArray::number(now + 600000), ms, customer }));
    exec(0, 3, { site, in, id });
    exec(0, 4, { id, in });
    exec(0, 5, { id, "{\"code\":\"" + code + "\"}", ms });
    run("COMMIT");
    run("BEGIN");
    exec(1, 0, { id, order, ms });
    run("COMMIT");
    run("BEGIN");
    exec(2, 0, { "sim-" + id, ms, order });
    exec(2, 1, { ms, id });
    exec(2, 2, { id, ms, customer });
    exec(2, 3, { customer });
    exec(2, 4, { "PaymentApproved", "payment", id, "{}", ms });
    const QByteArray event = QByteArray::number(exec(2, 4, { "ReservationConfirmed", "reservation", id, "{}", ms }));
    exec(2, 4, { "MileageSaved", "customer", customer, "{}", ms });
    exec(2, 5, { event, id, "예약 확정", "본문", ms });
    exec(2, 6, { in });
    exec(2, 7, { id, in, ms, site });
    exec(2, 8, { ms, code });
    run("COMMIT");
}

const std::vector<std::vector<const char*>> groups {
    { std::begin(holdStatements), std::end(holdStatements) },
    { std::begin(payStatements), std::end(payStatements) },
    { std::begin(confirmStatements), std::end(confirmStatements) },
};

// The raw side: the same statements, prepared once, through sqlite3 or libpq directly.
class RawSide
{
public:
    virtual ~RawSide() = default;
    bool ok() const { return m_ok; }
    // Books the next `count` and gives the seconds, or -1 when a statement failed.
    double run(int count)
    {
        QElapsedTimer timer;
        timer.start();
        for (int end = m_next + count; m_next < end; ++m_next)
            rawBooking(m_next, m_first, m_exec, m_run);
        return m_failed ? -1 : double(timer.nsecsElapsed()) / 1e9;
    }

protected:
    explicit RawSide(const QDate& first)
        : m_first(first)
    {
    }
    Exec m_exec;
    Run m_run;
    bool m_ok = false;
    bool m_failed = false;

private:
    QDate m_first;
    int m_next = 0;
};

class RawSqlite : public RawSide
{
public:
    RawSqlite(const QString& file, const QDate& first)
        : RawSide(first)
    {
        if (sqlite3_open(file.toUtf8().constData(), &m_db) != SQLITE_OK)
            return;
        // The same settings Database uses for SQLite.
        sqlite3_exec(m_db,
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
                     "PRAGMA busy_timeout=5000",
                     nullptr, nullptr, nullptr);
        for (const auto& group : groups) {
            m_prepared.emplace_back();
            for (const char* sql : group) {
                sqlite3_stmt* stmt = nullptr;
                if (sqlite3_prepare_v2(m_db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
                    std::fprintf(stderr, "sqlite3: %s\n", sqlite3_errmsg(m_db));
                    return;
                }
                m_prepared.back().push_back(stmt);
            }
        }
        m_exec = [this](int group, int index, const QList<QByteArray>& params) -> qint64 {
            sqlite3_stmt* stmt = m_prepared[size_t(group)][size_t(index)];
            // By name: sqlite3 numbers $n by where each first appears, not by n.
            for (int p = 0; p < params.size(); ++p) {
                const int index = sqlite3_bind_parameter_index(stmt, "$" + QByteArray::number(p + 1));
                sqlite3_bind_text(stmt, index, params.at(p).constData(), int(params.at(p).size()), SQLITE_TRANSIENT);
            }
            qint64 value = 0;
            const int rc = sqlite3_step(stmt);
            if (rc == SQLITE_ROW)
                value = sqlite3_column_int64(stmt, 0);
            else if (rc != SQLITE_DONE && !m_failed) {
                m_failed = true;
                std::fprintf(stderr, "sqlite3: %s\n", sqlite3_errmsg(m_db));
            }
            sqlite3_reset(stmt);
            return value;
        };
        m_run = [this](const char* sql) {
            sqlite3_exec(m_db, qstrcmp(sql, "BEGIN") == 0 ? "BEGIN IMMEDIATE" : sql, nullptr, nullptr, nullptr);
        };
        m_ok = true;
    }
    ~RawSqlite() override
    {
        for (auto& group : m_prepared) {
            for (sqlite3_stmt* stmt : group)
                sqlite3_finalize(stmt);
        }
        sqlite3_close(m_db);
    }

private:
    sqlite3* m_db = nullptr;
    std::vector<std::vector<sqlite3_stmt*>> m_prepared;
};

class RawPostgres : public RawSide
{
public:
    RawPostgres(const QString& url, const QDate& first)
        : RawSide(first)
        , m_conn(PQconnectdb(url.toUtf8().constData()))
    {
        if (PQstatus(m_conn) != CONNECTION_OK) {
            std::fprintf(stderr, "libpq: %s\n", PQerrorMessage(m_conn));
            return;
        }
        for (size_t g = 0; g < groups.size(); ++g) {
            for (size_t s = 0; s < groups[g].size(); ++s) {
                PGresult* r = PQprepare(m_conn, name(int(g), int(s)).constData(), groups[g][s], 0, nullptr);
                const bool prepared = PQresultStatus(r) == PGRES_COMMAND_OK;
                PQclear(r);
                if (!prepared) {
                    std::fprintf(stderr, "libpq prepare: %s\n", PQerrorMessage(m_conn));
                    return;
                }
            }
        }
        m_exec = [this](int group, int index, const QList<QByteArray>& params) -> qint64 {
            std::vector<const char*> values;
            for (const QByteArray& p : params)
                values.push_back(p.constData());
            PGresult* r = PQexecPrepared(m_conn, name(group, index).constData(), int(values.size()), values.data(),
                                         nullptr, nullptr, 0);
            qint64 value = 0;
            if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0)
                value = QByteArray(PQgetvalue(r, 0, 0)).toLongLong();
            else if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK && !m_failed) {
                m_failed = true;
                std::fprintf(stderr, "libpq: %s\n", PQerrorMessage(m_conn));
            }
            PQclear(r);
            return value;
        };
        m_run = [this](const char* sql) { PQclear(PQexec(m_conn, sql)); };
        m_ok = true;
    }
    ~RawPostgres() override { PQfinish(m_conn); }

private:
    static QByteArray name(int group, int index)
    {
        return "s" + QByteArray::number(group) + "_" + QByteArray::number(index);
    }
    PGconn* m_conn;
};

// The first sites of a data set that take a party of two and are open, ids in order (the same in both copies).
std::vector<qint64> openSites(Database& db, int count)
{
    std::vector<qint64> ids;
    Status read = db.read([&](SqlSession& s) -> Status {
        SqlRows q = s.exec(QStringLiteral("SELECT id FROM campsites WHERE status = 'active' AND max_guests >= 2 "
                                          "ORDER BY id LIMIT ?"),
                           { count });
        while (q.next())
            ids.push_back(q.value(0).toLongLong());
        return {};
    });
    Q_UNUSED(read);
    return ids;
}

// Gives a site `count` more past stays (checked out, one night each, before the data set's first day), as a
// campsite open for decades would have: what a booking costs must not grow with them.
Status addHistory(Database& db, qint64 campsiteId, int count)
{
    const QDate first = db.clock().today().addDays(-800 - count);
    return db.write([&](Transaction& tx) -> Status {
        const qint64 now = tx.nowMs();
        for (int i = 0; i < count; ++i) {
            const QDate in = first.addDays(i);
            tx.exec(QStringLiteral("INSERT INTO reservations (code, campsite_id, customer_id, check_in, check_out, "
                                   "guests, status, amount, channel, order_id, created_at, updated_at, confirmed_at) "
                                   "VALUES (?, ?, 1, ?, ?, 2, 'checked_out', 40000, 'desk', ?, ?, ?, ?)"),
                    { QStringLiteral("BH-%1-%2").arg(campsiteId).arg(i), campsiteId, sqlDate(in),
                      sqlDate(in.addDays(1)), QStringLiteral("bench-history-%1-%2").arg(campsiteId).arg(i), now, now,
                      now });
        }
        return {};
    });
}

qint64 pastStays(Database& db, qint64 campsiteId)
{
    Result<qint64> n = db.read([&](SqlSession& s) -> Result<qint64> {
        return s
            .scalar(QStringLiteral("SELECT count(*) FROM reservations WHERE campsite_id = ? AND check_in < ?"),
                    { campsiteId, sqlDate(db.clock().today()) })
            .toLongLong();
    });
    return n.ok() ? n.value() : -1;
}

} // namespace

int main(int argc, char** argv)
{
    campdesk::keepFreedHeapForReuse(); // as the app does
    QCoreApplication app(argc, argv);
    // The app writes one line per booking to its log file; here it would go to the terminal, which is slower.
    QLoggingCategory::setFilterRules(QStringLiteral("campdesk.*.info=false\ncampdesk.*.debug=false"));
    QCommandLineParser parser;
    const QCommandLineOption database(QStringLiteral("database"), QStringLiteral("Database for the service."),
                                      QStringLiteral("spec"));
    const QCommandLineOption rawSqlite(QStringLiteral("raw-sqlite"), QStringLiteral("SQLite file for raw sqlite3."),
                                       QStringLiteral("file"));
    const QCommandLineOption rawPg(QStringLiteral("raw-pg"), QStringLiteral("PostgreSQL URL for raw libpq."),
                                   QStringLiteral("url"));
    const QCommandLineOption count(QStringLiteral("bookings"), QStringLiteral("Bookings on each side."),
                                   QStringLiteral("n"), QStringLiteral("400"));
    const QCommandLineOption roundCount(QStringLiteral("rounds"), QStringLiteral("Turns each side takes."),
                                        QStringLiteral("n"), QStringLiteral("8"));
    const QCommandLineOption dataSet(QStringLiteral("data-set"),
                                     QStringLiteral("Both databases hold a campdesk-datagen data set: book into it."));
    parser.addOptions({ database, rawSqlite, rawPg, count, roundCount, dataSet });
    parser.process(app);
    const int bookings = parser.value(count).toInt();
    const bool sqlite = parser.isSet(rawSqlite);
    const bool onData = parser.isSet(dataSet);
    const QString rawSpec = sqlite ? parser.value(rawSqlite) : parser.value(rawPg);
    if (sqlite && !onData) {
        for (const QString& file : { parser.value(database), rawSpec }) {
            for (const QString& suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") })
                QFile::remove(file + suffix);
        }
    }

    Result<std::unique_ptr<Database>> service = Database::open(parser.value(database));
    Result<std::unique_ptr<Database>> raw = Database::open(rawSpec); // the same schema, made by the migrations
    if (!service.ok() || !raw.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(service.ok() ? raw.error().message : service.error().message));
        return 1;
    }
    heading(QStringLiteral("Booking throughput (%1%2)")
                .arg(service.value()->describe(),
                     onData ? QStringLiteral(", into a campdesk-datagen data set") : QString()));
    if (onData) {
        siteIds = openSites(*service.value(), sites + 2);
        if (siteIds.size() < size_t(sites + 2) || openSites(*raw.value(), sites + 2) != siteIds) {
            std::fprintf(stderr, "both databases must be copies of one data set with %d open campsites\n", sites + 2);
            return 1;
        }
    } else {
        for (int i = 0; i < sites; ++i)
            siteIds.push_back(i + 1);
        if (Status made = prepareSites(*service.value()); !made.ok())
            return 1;
        if (Status made = prepareSites(*raw.value()); !made.ok())
            return 1;
    }
    customerIds = prepareCustomers(*service.value());
    if (customerIds.size() != size_t(customerCount) || prepareCustomers(*raw.value()) != customerIds) {
        std::fprintf(stderr, "the customers must have the same ids in both databases\n");
        return 1;
    }
    const QDate first = service.value()->clock().today().addDays(onData ? dataSetDaysAhead : 1);
    raw.value().reset(); // the raw side talks to the database on its own connection
    ServiceSide viaService(*service.value(), first);
    std::unique_ptr<RawSide> viaRaw;
    if (sqlite)
        viaRaw = std::make_unique<RawSqlite>(rawSpec, first);
    else
        viaRaw = std::make_unique<RawPostgres>(rawSpec, first);
    if (!viaRaw->ok())
        return 1;
    // In rounds that take turns (each side first every other round), so a busy moment of the machine or a
    // growing table weighs on both sides alike.
    const int rounds = std::max(1, std::min(parser.value(roundCount).toInt(), bookings));
    double serviceSeconds = 0;
    double rawSeconds = 0;
    for (int round = 0; round < rounds; ++round) {
        const int chunk = bookings / rounds + (round < bookings % rounds ? 1 : 0);
        for (int side = 0; side < 2; ++side) {
            const bool serviceTurn = (side == 0) == (round % 2 == 0);
            const double seconds = serviceTurn ? viaService.run(chunk) : viaRaw->run(chunk);
            if (seconds < 0)
                return 1;
            (serviceTurn ? serviceSeconds : rawSeconds) += seconds;
        }
    }
    reportRatio(QStringLiteral("hold + pay + confirm: BookingService vs raw %1")
                    .arg(sqlite ? QStringLiteral("sqlite3") : QStringLiteral("libpq")),
                bookings / serviceSeconds, bookings / rawSeconds, QStringLiteral("/s"), true, 0.5);
    if (!onData)
        return 0;

    // The same bookings on a site with the data set's own history and on one with 20,000 past stays, in turns.
    Database& db = *service.value();
    const qint64 typical = siteIds[sites];
    const qint64 longHistory = siteIds[sites + 1];
    if (Status added = addHistory(db, longHistory, 20000 - int(pastStays(db, longHistory))); !added.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(added.error().message));
        return 1;
    }
    Timing onTypical;
    Timing onLong;
    const int perSite = std::max(20, bookings / 4);
    for (int round = 0; round < 4; ++round) {
        const QDate from = first.addDays(round * perSite / 4);
        for (int side = 0; side < 2; ++side) {
            const bool typicalTurn = (side == 0) == (round % 2 == 0);
            Timing t = viaService.eachOn(typicalTurn ? typical : longHistory, from, perSite / 4);
            if (t.ms.empty())
                return 1;
            Timing& into = typicalTurn ? onTypical : onLong;
            into.ms.insert(into.ms.end(), t.ms.begin(), t.ms.end());
        }
    }
    // Times: the ratio is typical / long history, so 0.83 or more means the long history costs at most 20% more.
    reportRatio(QStringLiteral("booking p50, site with %1 past stays vs %2")
                    .arg(pastStays(db, longHistory))
                    .arg(pastStays(db, typical)),
                onLong.median(), onTypical.median(), QStringLiteral("ms"), false, 1.0 / 1.2);
    return 0;
}
