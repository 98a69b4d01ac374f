// Races between real processes, on both databases: race_actor processes open the database, wait behind a start
// barrier (a file the test creates once every one of them is ready) and then act on the same booking at the same
// moment. Each scenario runs many rounds; afterwards exactly one of the competing changes happened, with one set of
// events, messages, ledger rows and statistics, the others were told it was already done, and InvariantsChecker
// finds nothing. SQLite serialises writers (BEGIN IMMEDIATE); these catch PostgreSQL at READ COMMITTED.
#include "bookingfixture.h"
#include "builtprograms.h"
#include "domain/customerservice.h"
#include "domain/mileageservice.h"
#include "ops/invariantschecker.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

namespace {

Actor manager()
{
    return BookingFixture::manager();
}

// How many rounds each scenario runs (CAMPDESK_RACE_ROUNDS overrides, e.g. for a long soak).
int rounds()
{
    const int fromEnvironment = qEnvironmentVariableIntValue("CAMPDESK_RACE_ROUNDS");
    return fromEnvironment > 0 ? fromEnvironment : 20;
}

} // namespace

class TestRaces : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void doubleConfirmConfirmsOnce();
    void doubleCancelCancelsOnce();
    void doubleRedemptionSpendsTheBalanceOnce();
    void confirmCancelAndExpiryNeverMix();
    void twoReconcilersSettleEachOrderOnce();

private:
    // Starts one race_actor per argument list, waits until all are ready, opens the barrier and returns each one's
    // output line, in order.
    QStringList race(const QList<QStringList>& actors);
    // A one-night stay on site `slot`, for the customer of `customer` (default: the slot's own).
    BookingRequest request(int round, int slot = 0, qint64 points = 0, int customer = -1) const;
    Reservation holdWithPendingPayment(const BookingRequest& request);
    qint64 count(const QString& sql, const QVariantList& binds = {});
    qint64 events(const QString& type, qint64 reservationId);
    // Each channel got exactly one message of this event type for the reservation (two channels: e-mail and the
    // consented text message).
    bool oneMessagePerChannel(const QString& eventType, qint64 reservationId);
    bool checkerFindsNothing();

    std::unique_ptr<TestDatabase> t;
    std::unique_ptr<CampsiteService> m_campsites;
    std::unique_ptr<BookingService> m_booking;
    SimulatedTerminal m_terminal;
    QList<Campsite> m_sites;
    QTemporaryDir m_dir;
    int m_barrier = 0;
};

void TestRaces::init()
{
    // On the system clock, as the actors are.
    t = std::make_unique<TestDatabase>();
    QVERIFY2(t->ok(), qPrintable(t->errorMessage()));
    m_campsites = std::make_unique<CampsiteService>(t->db());
    m_booking = std::make_unique<BookingService>(t->db());
    m_booking->addGateway(&m_terminal);
    m_sites.clear();
    for (const char* code : { "R-01", "R-02", "R-03" }) {
        Campsite c;
        c.code = QString::fromLatin1(code);
        c.name = c.code;
        c.kind = CampsiteKind::AutoCamping;
        c.zone = QStringLiteral("R");
        c.maxGuests = 4;
        c.nightlyPrice = 40000;
        Result<Campsite> added = m_campsites->registerCampsite(manager(), c);
        QVERIFY2(added.ok(), qPrintable(added.error().message));
        m_sites.append(added.value());
    }
}

void TestRaces::cleanup()
{
    m_booking.reset();
    m_campsites.reset();
    t.reset();
}

QStringList TestRaces::race(const QList<QStringList>& actors)
{
    const QString barrier = m_dir.filePath(QStringLiteral("start-%1").arg(++m_barrier));
    std::vector<std::unique_ptr<QProcess>> processes;
    for (const QStringList& args : actors) {
        auto process = std::make_unique<QProcess>();
        process->start(builtProgram(QStringLiteral("tests/race_actor")), QStringList { t->spec(), barrier } + args);
        processes.push_back(std::move(process));
    }
    for (const auto& process : processes) {
        while (!process->canReadLine()) {
            if (!process->waitForReadyRead(20000)) {
                qWarning() << "an actor did not get ready:" << process->readAllStandardError();
                return {};
            }
        }
        if (process->readLine().trimmed() != "READY")
            return {};
    }
    QFile start(barrier);
    if (!start.open(QIODevice::WriteOnly))
        return {};
    start.close();
    QStringList lines;
    for (const auto& process : processes) {
        if (!process->waitForFinished(30000) || process->exitCode() != 0) {
            qWarning() << "an actor failed:" << process->readAllStandardError();
            return {};
        }
        lines.append(QString::fromUtf8(process->readAllStandardOutput()).trimmed());
    }
    return lines;
}

BookingRequest TestRaces::request(int round, int slot, qint64 points, int customer) const
{
    BookingRequest r;
    r.campsiteId = m_sites.at(slot).id;
    r.checkIn = t->db().clock().today().addDays(10 + round);
    r.checkOut = r.checkIn.addDays(1);
    r.guests = 2;
    const QString phone = QStringLiteral("010-%1-%2").arg(7000 + (customer < 0 ? slot : customer)).arg(1000 + round);
    r.customer = Customer {
        0, QStringLiteral("Racer %1").arg(round), phone, QStringLiteral("racer@example.com"), QStringLiteral("ko"), true
    };
    r.pointsToRedeem = points;
    return r;
}

Reservation TestRaces::holdWithPendingPayment(const BookingRequest& request)
{
    Result<Reservation> held = m_booking->hold(BookingFixture::desk(), request);
    if (!held.ok()) {
        qWarning() << held.error().message;
        return Reservation();
    }
    Result<PaymentRequest> payment = m_booking->beginPayment(BookingFixture::desk(), held->id, m_terminal);
    if (!payment.ok()) {
        qWarning() << payment.error().message;
        return Reservation();
    }
    return held.value();
}

qint64 TestRaces::count(const QString& sql, const QVariantList& binds)
{
    Result<qint64> n = t->db().read([&](SqlSession& s) -> Result<qint64> { return s.scalar(sql, binds).toLongLong(); });
    return n.ok() ? n.value() : -1;
}

qint64 TestRaces::events(const QString& type, qint64 reservationId)
{
    return count(QStringLiteral("SELECT count(*) FROM domain_events WHERE type = ? AND aggregate = 'reservation' "
                                "AND aggregate_id = ?"),
                 { type, reservationId });
}

bool TestRaces::oneMessagePerChannel(const QString& eventType, qint64 reservationId)
{
    for (const QString channel : { QStringLiteral("email"), QStringLiteral("webhook") }) {
        const qint64 n = count(QStringLiteral("SELECT count(*) FROM notifications n JOIN domain_events e ON e.id = "
                                              "n.event_id WHERE e.type = ? AND n.reservation_id = ? AND n.channel = ?"),
                               { eventType, reservationId, channel });
        if (n != 1) {
            qWarning() << "reservation" << reservationId << "has" << n << channel << "messages for" << eventType;
            return false;
        }
    }
    return true;
}

bool TestRaces::checkerFindsNothing()
{
    Result<QStringList> found = InvariantsChecker(t->db()).check();
    if (!found.ok()) {
        qWarning() << found.error().message;
        return false;
    }
    if (!found->isEmpty())
        qWarning().noquote() << found->join(QLatin1Char('\n'));
    return found->isEmpty();
}

void TestRaces::doubleConfirmConfirmsOnce()
{
    qint64 revenue = 0;
    for (int round = 0; round < rounds(); ++round) {
        const Reservation held = holdWithPendingPayment(request(round));
        QVERIFY(held.id > 0);
        const QString id = QString::number(held.id);
        const QStringList out = race({ { QStringLiteral("confirm"), id }, { QStringLiteral("confirm"), id } });
        QCOMPARE(out.size(), 2);
        QCOMPARE(out.filter(QRegularExpression(QStringLiteral("^OK"))).size(), 1);
        QVERIFY2(out.filter(QRegularExpression(QStringLiteral("^ALREADY .*already confirmed"))).size() == 1,
                 qPrintable(out.join(QStringLiteral(" | "))));
        QCOMPARE(events(QStringLiteral("ReservationConfirmed"), held.id), qint64(1));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM domain_events WHERE type = 'PaymentApproved'")),
                 qint64(round + 1));
        QVERIFY(oneMessagePerChannel(QStringLiteral("ReservationConfirmed"), held.id));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM mileage_ledger WHERE source_id = ?"), { id }), qint64(1));
        revenue += held.amount;
    }
    QCOMPARE(count(QStringLiteral("SELECT sum(bookings) FROM daily_stats")), qint64(rounds()));
    QCOMPARE(count(QStringLiteral("SELECT sum(revenue) FROM daily_stats")), revenue);
    QVERIFY(checkerFindsNothing());
}

void TestRaces::doubleCancelCancelsOnce()
{
    qint64 refunds = 0;
    for (int round = 0; round < rounds(); ++round) {
        Result<Reservation> booked = m_booking->book(BookingFixture::desk(), request(round), m_terminal);
        QVERIFY2(booked.ok(), qPrintable(booked.error().message));
        const QString id = QString::number(booked->id);
        const QStringList out = race({ { QStringLiteral("cancel"), id }, { QStringLiteral("cancel"), id } });
        QCOMPARE(out.size(), 2);
        QVERIFY2(out.filter(QRegularExpression(QStringLiteral("^OK"))).size() == 1,
                 qPrintable(out.join(QStringLiteral(" | "))));
        QVERIFY2(out.filter(QRegularExpression(QStringLiteral("^ALREADY .*already cancelled"))).size() == 1,
                 qPrintable(out.join(QStringLiteral(" | "))));
        QCOMPARE(events(QStringLiteral("ReservationCancelled"), booked->id), qint64(1));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM domain_events WHERE type = 'PaymentCancelled'")),
                 qint64(round + 1));
        QVERIFY(oneMessagePerChannel(QStringLiteral("ReservationCancelled"), booked->id));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM mileage_ledger WHERE source_id = ? AND reason = "
                                      "'cancel'"),
                       { id }),
                 qint64(1));
        Result<Reservation> now = m_booking->get(booked->id);
        QVERIFY(now.ok());
        refunds += now->refundAmount;
    }
    QCOMPARE(count(QStringLiteral("SELECT sum(cancellations) FROM daily_stats")), qint64(rounds()));
    QCOMPARE(count(QStringLiteral("SELECT sum(refunds) FROM daily_stats")), refunds);
    QVERIFY(refunds > 0);
    QVERIFY(checkerFindsNothing());
}

void TestRaces::doubleRedemptionSpendsTheBalanceOnce()
{
    CustomerService customers(t->db());
    MileageService mileage(t->db());
    for (int round = 0; round < rounds(); ++round) {
        BookingRequest first = request(round, 0, 5000);
        Result<Customer> customer = customers.findOrCreate(BookingFixture::desk(), first.customer);
        QVERIFY2(customer.ok(), qPrintable(customer.error().message));
        CAMPDESK_VERIFY_OK(mileage.adjust(manager(), customer->id, 5000, QStringLiteral("welcome")));
        // Both holds may redeem the 5,000 (each is checked against the balance alone); only one may spend them.
        const Reservation a = holdWithPendingPayment(first);
        const Reservation b = holdWithPendingPayment(request(round, 1, 5000, 0));
        QVERIFY(a.id > 0 && b.id > 0);
        QCOMPARE(a.customerId, b.customerId);
        const QStringList out = race({ { QStringLiteral("confirm"), QString::number(a.id) },
                                       { QStringLiteral("confirm"), QString::number(b.id) } });
        QCOMPARE(out.size(), 2);
        QVERIFY2(out.filter(QRegularExpression(QStringLiteral("^OK"))).size() == 1,
                 qPrintable(out.join(QStringLiteral(" | "))));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM mileage_ledger WHERE customer_id = ? AND reason = "
                                      "'redeem'"),
                       { a.customerId }),
                 qint64(1));
        const qint64 balance = mileage.balance(a.customerId).value();
        QVERIFY2(balance >= 0, qPrintable(QString::number(balance)));
        QCOMPARE(events(QStringLiteral("ReservationConfirmed"), a.id)
                     + events(QStringLiteral("ReservationConfirmed"), b.id),
                 qint64(1));
    }
    QCOMPARE(count(QStringLiteral("SELECT sum(bookings) FROM daily_stats")), qint64(rounds()));
    QVERIFY(checkerFindsNothing());
}

void TestRaces::confirmCancelAndExpiryNeverMix()
{
    int paid = 0;
    int expired = 0;
    for (int round = 0; round < rounds(); ++round) {
        Result<Reservation> held = m_booking->hold(BookingFixture::desk(), request(round));
        QVERIFY2(held.ok(), qPrintable(held.error().message));
        // The hold runs out in 30 s by the payer's clock, and has run out by the expiring terminal's (an hour ahead).
        CAMPDESK_VERIFY_OK(t->db().write([&](Transaction& tx) -> Status {
            tx.exec(QStringLiteral("UPDATE reservations SET hold_expires_at = ? WHERE id = ?"),
                    { tx.nowMs() + 30000, held->id });
            return {};
        }));
        const QString id = QString::number(held->id);
        const QStringList out
            = race({ { QStringLiteral("pay"), id },
                     { QStringLiteral("cancel"), id },
                     { QStringLiteral("expire"), QStringLiteral("0"), QString::number(3600 * 1000) } });
        QCOMPARE(out.size(), 3);
        const bool payOk = out.at(0).startsWith(QLatin1String("OK"));
        const bool cancelOk = out.at(1).startsWith(QLatin1String("OK"));
        const qint64 confirmedEvents = events(QStringLiteral("ReservationConfirmed"), held->id);
        const qint64 releasedEvents = events(QStringLiteral("HoldReleased"), held->id);
        QVERIFY2(confirmedEvents + releasedEvents == 1, qPrintable(out.join(QStringLiteral(" | "))));
        QCOMPARE(confirmedEvents == 1, payOk);
        QVERIFY2(!cancelOk || payOk, qPrintable(out.join(QStringLiteral(" | "))));
        QCOMPARE(events(QStringLiteral("ReservationCancelled"), held->id), qint64(cancelOk ? 1 : 0));
        const ReservationStatus status = m_booking->get(held->id)->status;
        if (payOk) {
            ++paid;
            QCOMPARE(status, cancelOk ? ReservationStatus::Cancelled : ReservationStatus::Confirmed);
            QVERIFY(oneMessagePerChannel(QStringLiteral("ReservationConfirmed"), held->id));
        } else {
            ++expired;
            // Refused before anything was charged (the hold had run out), not charged and then refunded because
            // the expiry released the hold under a payment just begun.
            QVERIFY2(out.at(0).startsWith(QStringLiteral("REFUSED %1 ").arg(int(ErrorCode::Conflict))),
                     qPrintable(out.join(QStringLiteral(" | "))));
            QCOMPARE(status, ReservationStatus::Expired);
            QCOMPARE(count(QStringLiteral("SELECT count(*) FROM payments WHERE reservation_id = ? AND status IN "
                                          "('approved', 'pending')"),
                           { held->id }),
                     qint64(0));
        }
    }
    qDebug() << backendName() << paid << "paid," << expired << "expired first";
    QCOMPARE(count(QStringLiteral("SELECT sum(bookings) FROM daily_stats")), qint64(paid));
    QVERIFY(checkerFindsNothing());
}

void TestRaces::twoReconcilersSettleEachOrderOnce()
{
    constexpr int ordersPerRound = 3;
    for (int round = 0; round < rounds(); ++round) {
        QList<Reservation> held;
        for (int slot = 0; slot < ordersPerRound; ++slot) {
            held.append(holdWithPendingPayment(request(round, slot)));
            QVERIFY(held.last().id > 0);
        }
        const QStringList out = race({ { QStringLiteral("reconcile") }, { QStringLiteral("reconcile") } });
        QCOMPARE(out.size(), 2);
        int confirmed = 0;
        for (const QString& line : out) {
            QVERIFY2(line.startsWith(QLatin1String("OK confirmed ")), qPrintable(line));
            confirmed += line.section(QLatin1Char(' '), 2, 2).toInt();
            QVERIFY2(line.endsWith(QLatin1String("unresolved 0")), qPrintable(line));
        }
        QCOMPARE(confirmed, ordersPerRound);
        for (const Reservation& r : held) {
            QCOMPARE(m_booking->get(r.id)->status, ReservationStatus::Confirmed);
            QCOMPARE(events(QStringLiteral("ReservationConfirmed"), r.id), qint64(1));
            QVERIFY(oneMessagePerChannel(QStringLiteral("ReservationConfirmed"), r.id));
        }
    }
    QCOMPARE(count(QStringLiteral("SELECT sum(bookings) FROM daily_stats")), qint64(rounds() * ordersPerRound));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM domain_events WHERE type = 'PaymentApproved'")),
             qint64(rounds() * ordersPerRound));
    QVERIFY(checkerFindsNothing());
}

CAMPDESK_DB_TEST_MAIN(TestRaces)
#include "tst_races.moc"
