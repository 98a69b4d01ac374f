// One terminal in its own process, for tst_races: opens the database, prints READY, waits for the start barrier
// (a file appearing) so that every actor of a round starts at the same moment, does one thing and prints one line:
// "OK <detail>", "ALREADY <message>" (ErrorCode::AlreadyDone) or "REFUSED <error code> <message>".
// Usage: race_actor <database spec> <barrier file> <action> [<reservation id>] [<clock offset ms>]
// Actions:
//   confirm <id>   the gateway approved the hold's pending payment: finishPayment() with that approval
//   pay <id>       pays an existing hold: beginPayment(), the gateway approves, finishPayment()
//   cancel <id>    the desk cancels by the rule (refund through the gateway)
//   checkin <id> [<delay us>]  the desk checks the guest in, after waiting <delay> microseconds
//   balance <id>   the desk takes a deposit booking's balance in cash and checks the guest in
//   pay-balance <id>  the desk takes a balance still due (the guest let in without it) in cash, no check-in
//   checkout <id>  the desk checks the guest out (before the last night: an early departure, refunded by the rule)
//   checkout-refund <id> <amount>  the same with staff's refund of the unused nights (reason "race"):
//                  "OK checked out until <date> refund <amount>"
//   book <campsite id> [<days ahead>] [<delay us>]  a walk-in books one night on that site (tonight by default) and
//                  pays, after waiting <delay> microseconds
//   book-group <campsite ids, comma-separated> <days ahead>  a group books one night on each of those sites, all or
//                  nothing, and pays once: "OK group <group id>"
//   change <id> <campsite id> <days ahead> <nights> <version>  the desk moves the booking it saw at <version>
//   change-group <group id> <shift days> <nights delta> [<delay us>]  the desk changes the whole group as it saw it
//                  before the start (GroupBookingService::changeGroup(), the difference in cash), after waiting
//                  <delay> microseconds: "OK group changed"
//   cancel-group <group id>  the desk cancels the whole group, each part refunded by the rule: "OK group cancelled"
//   book-extra <campsite id> <extra id> <days ahead>  a walk-in books one night on that site with one of that
//                  extra (the last bundle of firewood) and pays
//   expire         expireHolds(), on a clock running <offset> ms ahead (the hold's time ran out there)
//   reconcile      PaymentReconciler::reconcileNow(): every pending payment is found approved at the gateway
//   resolve <payment id>    a manager settles a payment that needs attention by hand
//   retry-now <payment id>  a manager asks for the next try of a payment that needs attention now
//   waitlist-sweep  one terminal's waitlist sweep (WaitlistService::sweep()): "OK offered <n>"
// The gateway's refunds are kept in files when CAMPDESK_RACE_GATEWAY names a folder (one "<order>.refunds" file per
// order, a line per refund; a '/' in the order id becomes '_'): a lookup of an order with refunds reports it cancelled,
// refunded their sum. With CAMPDESK_RACE_STOP_AFTER_REFUND=1 an actor prints "REFUNDED" after the gateway's refund and
// waits there, before anything is committed, to be killed (kill -9 in the middle of a refund).
#include "domain/balanceservice.h"
#include "domain/bookingservice.h"
#include "domain/groupbookingservice.h"
#include "domain/paymentattention.h"
#include "domain/reservationchange.h"
#include "domain/waitlistservice.h"
#include "payment/deskpayment.h"
#include "payment/paymentreconciler.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QThread>
#include <cstdio>

using namespace campdesk;

namespace {

// A gateway that approves everything: a charge, a refund, and a lookup (for the amount the payment row asked).
class ApprovingGateway final : public PaymentGateway
{
public:
    explicit ApprovingGateway(Database& db)
        : m_db(db)
    {
    }
    QString provider() const override { return QStringLiteral("simulated"); }
    QString displayName() const override { return QStringLiteral("race"); }
    PaymentOutcome confirm(const PaymentRequest& request) override { return approved(request.orderId, request.amount); }
    PaymentOutcome cancel(const PaymentCancelRequest& request) override
    {
        if (!m_books.isEmpty()) {
            QFile refunds(refundsFile(request.orderId));
            if (!refunds.open(QIODevice::Append | QIODevice::Text))
                return PaymentOutcome();
            refunds.write(QByteArray::number(request.cancelAmount) + '\n');
            refunds.close();
        }
        if (qEnvironmentVariableIntValue("CAMPDESK_RACE_STOP_AFTER_REFUND") == 1) {
            // Refunded at the provider, nothing committed here: the test kills this process now.
            std::printf("REFUNDED\n");
            std::fflush(stdout);
            for (;;)
                QThread::sleep(1);
        }
        return approved(request.orderId, request.cancelAmount);
    }
    PaymentOutcome lookup(const QString& orderId) override
    {
        Result<qint64> amount = m_db.read([&](SqlSession& s) -> Result<qint64> {
            return s.scalar(QStringLiteral("SELECT amount FROM payments WHERE order_id = ?"), { orderId }).toLongLong();
        });
        PaymentOutcome o = approved(orderId, amount.ok() ? amount.value() : 0);
        QFile refunds(m_books.isEmpty() ? QString() : refundsFile(orderId));
        if (refunds.open(QIODevice::ReadOnly | QIODevice::Text)) {
            o.status = PaymentOutcome::Status::Cancelled;
            o.refunded = 0;
            for (const QByteArray& line : refunds.readAll().split('\n'))
                o.refunded += line.trimmed().toLongLong();
        }
        return o;
    }
    static PaymentOutcome approved(const QString& orderId, qint64 amount)
    {
        PaymentOutcome o;
        o.status = PaymentOutcome::Status::Approved;
        o.providerTxId = QStringLiteral("tx-") + orderId;
        o.amount = amount;
        return o;
    }

private:
    QString refundsFile(const QString& orderId) const
    {
        // A group part's order id is "<group order>/<n>": one file per part all the same.
        return m_books + QLatin1Char('/') + QString(orderId).replace(QLatin1Char('/'), QLatin1Char('_'))
            + QStringLiteral(".refunds");
    }

    Database& m_db;
    const QString m_books = qEnvironmentVariable("CAMPDESK_RACE_GATEWAY");
};

class OffsetClock final : public Clock
{
public:
    explicit OffsetClock(qint64 offsetMs)
        : m_offsetMs(offsetMs)
    {
    }
    QDateTime nowUtc() const override { return QDateTime::currentDateTimeUtc().addMSecs(m_offsetMs); }

private:
    qint64 m_offsetMs;
};

template<typename T> void report(const Result<T>& result, const QString& detail)
{
    if (result.ok())
        std::printf("OK %s\n", qPrintable(detail));
    else if (result.error().code == ErrorCode::AlreadyDone)
        std::printf("ALREADY %s\n", qPrintable(result.error().message));
    else
        std::printf("REFUSED %d %s\n", int(result.error().code), qPrintable(result.error().message));
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 4) {
        std::fprintf(stderr, "usage: race_actor <database spec> <barrier file> <action> [<id>] [<offset ms>]\n");
        return 2;
    }
    const QString action = args.at(3);
    const qint64 id = args.size() > 4 ? args.at(4).toLongLong() : 0;
    const bool offsetArgument = action != QLatin1String("checkin") && action != QLatin1String("book")
        && action != QLatin1String("change") && action != QLatin1String("book-extra")
        && action != QLatin1String("book-group") && action != QLatin1String("change-group");
    OffsetClock clock(args.size() > 5 && offsetArgument ? args.at(5).toLongLong() : 0);
    Database::Options options;
    options.terminal = QStringLiteral("race-%1").arg(QCoreApplication::applicationPid());
    options.migrate = false;
    options.clock = &clock;
    Result<std::unique_ptr<Database>> opened = Database::open(args.at(1), options);
    if (!opened.ok()) {
        std::fprintf(stderr, "cannot open the database: %s\n", qPrintable(opened.error().message));
        return 1;
    }
    Database& db = *opened.value();
    ApprovingGateway gateway(db);
    DeskPayment till; // refunds what was paid at the desk
    BookingService booking(db);
    booking.addGateway(&gateway);
    booking.addGateway(&till);
    const Actor desk { 0, QStringLiteral("race desk"), Role::FrontDesk };
    // What the desk saw before the start, as a desk shows a group before it is changed.
    GroupBookingService groups(booking);
    const Result<BookingGroup> seenGroup
        = action == QLatin1String("change-group") ? groups.get(id) : Result<BookingGroup>(Error());

    std::printf("READY\n");
    std::fflush(stdout);
    const QDeadlineTimer deadline(30000);
    while (!QFile::exists(args.at(2))) {
        if (deadline.hasExpired()) {
            std::fprintf(stderr, "no start signal\n");
            return 1;
        }
        QThread::usleep(200);
    }

    if (action == QLatin1String("confirm")) {
        Result<Reservation> r = booking.get(id);
        if (!r.ok()) {
            report(r, QString());
            return 0;
        }
        report(booking.finishPayment(desk, id, gateway, ApprovingGateway::approved(r->orderId, r->amount)),
               QStringLiteral("confirmed"));
    } else if (action == QLatin1String("pay")) {
        Result<PaymentRequest> request = booking.beginPayment(desk, id, gateway);
        if (!request.ok()) {
            report(request, QString());
            return 0;
        }
        report(booking.finishPayment(desk, id, gateway, BookingService::charge(gateway, request.value())),
               QStringLiteral("paid"));
    } else if (action == QLatin1String("cancel")) {
        CancelRequest request;
        request.reservationId = id;
        request.reason = QStringLiteral("race");
        Result<Reservation> r = booking.cancel(desk, request);
        report(r, r.ok() ? QStringLiteral("refund %1").arg(r->refundAmount) : QString());
    } else if (action == QLatin1String("checkin")) {
        if (args.size() > 5) // so that the cancel, which has more to do, sometimes comes first
            QThread::usleep(args.at(5).toULong());
        report(booking.checkIn(desk, id), QStringLiteral("checked in"));
    } else if (action == QLatin1String("balance")) {
        DeskPayment till;
        Result<Reservation> r = BalanceService(booking).payAndCheckIn(desk, id, till, QStringLiteral("cash"));
        report(r, r.ok() ? QStringLiteral("balance paid, checked in") : QString());
    } else if (action == QLatin1String("pay-balance")) {
        DeskPayment till;
        Result<Reservation> r = BalanceService(booking).payBalance(desk, id, till, QStringLiteral("cash"));
        report(r, r.ok() ? QStringLiteral("balance paid") : QString());
    } else if (action == QLatin1String("checkout") || action == QLatin1String("checkout-refund")) {
        CheckOutOptions options;
        if (action == QLatin1String("checkout-refund")) {
            options.refundOverride = args.value(5).toLongLong();
            options.reason = QStringLiteral("race");
        }
        ChangeSettlement settled;
        Result<Reservation> r = booking.checkOut(desk, id, options, &settled);
        report(r,
               r.ok() ? QStringLiteral("checked out until %1 refund %2")
                            .arg(r->checkOut.toString(Qt::ISODate))
                            .arg(settled.amount)
                      : QString());
    } else if (action == QLatin1String("book") || action == QLatin1String("book-extra")) {
        const bool extra = action == QLatin1String("book-extra");
        if (!extra && args.size() > 6) // so that a slower competitor sometimes comes first
            QThread::usleep(args.at(6).toULong());
        BookingRequest request;
        request.campsiteId = id;
        const int daysArgument = extra ? 6 : 5;
        request.checkIn = db.clock().today().addDays(args.size() > daysArgument ? args.at(daysArgument).toInt() : 0);
        if (extra)
            request.extras = { { args.value(5).toLongLong(), 1 } };
        request.checkOut = request.checkIn.addDays(1);
        request.guests = 2;
        request.customer = Customer { 0,
                                      QStringLiteral("Walk-in"),
                                      QStringLiteral("010-6%1").arg(QCoreApplication::applicationPid() % 10000000, 7,
                                                                    10, QLatin1Char('0')),
                                      QString(),
                                      QStringLiteral("ko"),
                                      false };
        Result<Reservation> r = booking.book(desk, request, gateway);
        report(r, r.ok() ? QStringLiteral("booked %1").arg(r->id) : QString());
    } else if (action == QLatin1String("book-group")) {
        GroupRequest request;
        request.payer = Customer { 0,
                                   QStringLiteral("Club"),
                                   QStringLiteral("010-5%1").arg(QCoreApplication::applicationPid() % 10000000, 7, 10,
                                                                 QLatin1Char('0')),
                                   QString(),
                                   QStringLiteral("ko"),
                                   false };
        for (const QString& site : args.at(4).split(QLatin1Char(','))) {
            GroupPart part;
            part.campsiteId = site.toLongLong();
            part.checkIn = db.clock().today().addDays(args.value(5).toInt());
            part.checkOut = part.checkIn.addDays(1);
            part.guests = 2;
            request.parts.append(part);
        }
        Result<BookingGroup> g = groups.book(desk, request, gateway);
        report(g, g.ok() ? QStringLiteral("group %1").arg(g->id) : QString());
    } else if (action == QLatin1String("change")) {
        Result<Reservation> r = booking.get(id);
        if (!r.ok() || args.size() < 9) {
            report(r, QString());
            return 0;
        }
        ChangeRequest request;
        request.reservationId = id;
        request.campsiteId = args.at(5).toLongLong();
        request.checkIn = db.clock().today().addDays(args.at(6).toInt());
        request.checkOut = request.checkIn.addDays(args.at(7).toInt());
        request.guests = r->guests;
        request.expectedVersion = args.at(8).toInt();
        ReservationChangeService changes(booking);
        Result<Reservation> changed = changes.change(desk, request);
        report(changed, changed.ok() ? QStringLiteral("changed to %1").arg(changed->campsiteId) : QString());
    } else if (action == QLatin1String("change-group")) {
        if (!seenGroup.ok() || args.size() < 7) {
            report(seenGroup, QString());
            return 0;
        }
        GroupChangeRequest request;
        request.groupId = id;
        request.shiftDays = args.at(5).toInt();
        request.nightsDelta = args.at(6).toInt();
        for (const Reservation& part : seenGroup->parts)
            request.seenVersions.insert(part.id, part.version);
        if (args.size() > 7)
            QThread::usleep(args.at(7).toULong());
        report(groups.changeGroup(desk, request), QStringLiteral("group changed"));
    } else if (action == QLatin1String("cancel-group")) {
        Result<BookingGroup> cancelled = groups.cancelGroup(desk, id, QStringLiteral("race"));
        report(cancelled, QStringLiteral("group cancelled"));
    } else if (action == QLatin1String("resolve")) {
        const Actor manager { 0, QStringLiteral("race manager"), Role::Manager };
        report(PaymentAttention::resolve(db, manager, id, QStringLiteral("refunded at the provider's site")),
               QStringLiteral("resolved"));
    } else if (action == QLatin1String("retry-now")) {
        const Actor manager { 0, QStringLiteral("race manager"), Role::Manager };
        report(PaymentAttention::retryNow(db, manager, id), QStringLiteral("retry due"));
    } else if (action == QLatin1String("expire")) {
        Result<int> released = booking.expireHolds();
        report(released, released.ok() ? QStringLiteral("expired %1").arg(released.value()) : QString());
    } else if (action == QLatin1String("reconcile")) {
        PaymentReconciler::Config config;
        config.minimumAgeMs = 0;
        PaymentReconciler reconciler(db, booking, gateway, config);
        Result<PaymentReconciler::Report> r = reconciler.reconcileNow();
        report(r,
               r.ok() ? QStringLiteral("confirmed %1 released %2 cancelled %3 refunded %4 balances %5 unresolved %6")
                            .arg(r->confirmed)
                            .arg(r->released)
                            .arg(r->cancelled)
                            .arg(r->refunded)
                            .arg(r->balancesPaid)
                            .arg(r->unresolved)
                      : QString());
    } else if (action == QLatin1String("waitlist-sweep")) {
        WaitlistService waitlist(booking);
        Result<int> offered = waitlist.sweep();
        report(offered, offered.ok() ? QStringLiteral("offered %1").arg(offered.value()) : QString());
    } else {
        std::fprintf(stderr, "unknown action %s\n", qPrintable(action));
        return 2;
    }
    std::fflush(stdout);
    return 0;
}
