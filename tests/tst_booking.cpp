// BookingService on both databases: quote, hold, pay, confirm or release, validation, holds expiring,
// events after commit, the async BookingFlow, check-in and check-out.
#include "bookingfixture.h"
#include "domain/bookingflow.h"
#include "domain/mileageservice.h"
#include "domain/readmodel.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace campdesk;
using namespace campdesk::test;

class TestBooking : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void bookingConfirmsWithPaymentMileageEventsAndNotification();
    void quoteUsesWeekendPriceOnFridayAndSaturdayNights();
    void badRequestsAreRefusedAndChangeNothing_data();
    void badRequestsAreRefusedAndChangeNothing();
    void checkOutDayCanBeTheNextCheckIn();
    void takenSiteIsAConflictNamingFreeSites();
    void declinedCardLeavesNoReservationAndFreesTheNights();
    void busyPaymentsReleaseTheHoldWithTheFallback();
    void unknownPaymentResultKeepsTheHold();
    void holdExpiresAfterItsMinutes();
    void bookingWhoseHoldRunsOutBeforePaymentIsNeverCharged();
    void approvedAmountMismatchIsCancelledAtTheGateway();
    void eventsAndSignalsComeOnlyAfterCommit();
    void koreanAndEmojiNamesRoundTrip();
    void deskPaymentRecordsTheMethod();
    void pointsAreRedeemedWithinBalanceAndPrice();
    void bookingFlowPaysOffTheGuiThread();
    void bookingFlowReportsTakenSiteWithAlternatives();
    void bookingFlowSaysWhenBusyPaymentsMayBeTriedAgain();
    void checkInFromTheCheckInDateThenCheckOut();
    void aTransitionMadeTwiceIsAlreadyDone();

private:
    std::unique_ptr<BookingFixture> f;
};

void TestBooking::init()
{
    f = std::make_unique<BookingFixture>();
    QVERIFY2(f->ok(), qPrintable(f->t->errorMessage()));
}

void TestBooking::cleanup()
{
    f.reset();
}

void TestBooking::bookingConfirmsWithPaymentMileageEventsAndNotification()
{
    const Campsite site = f->addSite(QStringLiteral("A-01"), 45000);
    QSignalSpy confirmed(&f->bus, &EventBus::reservationConfirmed);
    QSignalSpy approved(&f->bus, &EventBus::paymentApproved);
    QSignalSpy saved(&f->bus, &EventBus::mileageSaved);

    const Reservation r = f->book(f->request(site, 3, 2)); // Thursday and Friday... no weekend price set
    QVERIFY(r.id > 0);
    QCOMPARE(r.status, ReservationStatus::Confirmed);
    QCOMPARE(r.amount, 90000);
    QCOMPARE(r.nights(), 2);
    QCOMPARE(r.channel, QStringLiteral("desk"));
    QVERIFY(r.code.startsWith(QLatin1String("CD-")));
    QCOMPARE(r.code.size(), 9);
    for (const QChar c : r.code.mid(3))
        QVERIFY2(!QStringLiteral("01IO").contains(c), qPrintable(r.code));
    QCOMPARE(r.holdExpiresAt, 0);

    QCOMPARE(f->t->count(QStringLiteral("reservation_nights"), QStringLiteral("reservation_id = %1").arg(r.id)), 2);
    QCOMPARE(f->t->count(QStringLiteral("payments"),
                         QStringLiteral("status = 'approved' AND amount = 90000 AND provider = 'simulated'")),
             1);
    QCOMPARE(f->terminal.orderStatus(r.orderId), PaymentOutcome::Status::Approved);
    // 5% of the amount paid, once.
    Result<qint64> balance = MileageService(f->db()).balance(r.customerId);
    CAMPDESK_VERIFY_OK(balance);
    QCOMPARE(balance.value(), 4500);
    QCOMPARE(f->t->count(QStringLiteral("mileage_ledger"), QStringLiteral("reason = 'payment'")), 1);
    QCOMPARE(f->t->count(QStringLiteral("notifications"), QStringLiteral("reservation_id = %1").arg(r.id)), 1);
    QCOMPARE(confirmed.count(), 1);
    QCOMPARE(approved.count(), 1);
    QCOMPARE(saved.count(), 1);
    QCOMPARE(saved.at(0).at(0).value<DomainEvent>().payload.value(QStringLiteral("points")).toInteger(), 4500);
    // The read model knows at once.
    Result<QList<CampsiteStatusRow>> rows = ReadModel(f->db()).campsiteStatuses();
    CAMPDESK_VERIFY_OK(rows);
    QCOMPARE(rows->size(), 1);
    QCOMPARE(rows->at(0).nextReservationId, r.id);
    QCOMPARE(rows->at(0).nextGuest, QStringLiteral("김민준"));
    QCOMPARE(rows->at(0).bookedNights30, 2);
    QCOMPARE(rows->at(0).revenue, 90000);
    Result<QMap<QDate, DailyDelta>> daily = ReadModel(f->db()).dailyStats(f->today(), f->today());
    CAMPDESK_VERIFY_OK(daily);
    QCOMPARE(daily->value(f->today()).bookings, 1);
    QCOMPARE(daily->value(f->today()).revenue, 90000);
    QCOMPARE(daily->value(f->today()).pointsCredited, 4500);
    Result<QStringList> diff = ReadModel(f->db()).differencesFromRebuild();
    CAMPDESK_VERIFY_OK(diff);
    QVERIFY2(diff->isEmpty(), qPrintable(diff->join(QLatin1Char('\n'))));
}

void TestBooking::quoteUsesWeekendPriceOnFridayAndSaturdayNights()
{
    const Campsite site = f->addSite(QStringLiteral("W-01"), 40000, 60000);
    // Monday 2030-03-04 + 3 = Thursday; Thu, Fri, Sat, Sun nights.
    Result<Quote> q = f->booking->quote(f->request(site, 3, 4));
    CAMPDESK_VERIFY_OK(q);
    QCOMPARE(q->nights, 4);
    QCOMPARE(q->nightlyPrices, (QList<qint64> { 40000, 60000, 60000, 40000 }));
    QCOMPARE(q->total, 200000);
    QCOMPARE(q->payable, 200000);
    QCOMPARE(q->pointsToEarn, 10000);
    // A price check needs no guest details yet.
    BookingRequest anonymous = f->request(site, 3, 1);
    anonymous.customer = Customer();
    anonymous.customer.name.clear();
    Result<Quote> q2 = f->booking->quote(anonymous);
    CAMPDESK_VERIFY_OK(q2);
    QCOMPARE(q2->total, 40000);
}

void TestBooking::badRequestsAreRefusedAndChangeNothing_data()
{
    QTest::addColumn<int>("daysAhead");
    QTest::addColumn<int>("nights");
    QTest::addColumn<int>("guests");
    QTest::addColumn<QString>("site"); // "ok", "maintenance", "retired", "unknown"
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("phone");
    QTest::addColumn<int>("expectedCode");
    QTest::addColumn<QString>("expectedText");
    const int invalid = int(ErrorCode::Invalid);
    const QString name = QStringLiteral("Kim");
    const QString phone = QStringLiteral("01012345678");
    QTest::newRow("zero nights") << 2 << 0 << 2 << "ok" << name << phone << invalid << "at least one night";
    QTest::newRow("61 nights") << 2 << 61 << 2 << "ok" << name << phone << invalid << "at most 60";
    QTest::newRow("check-out before check-in") << 2 << -1 << 2 << "ok" << name << phone << invalid << "before check-in";
    QTest::newRow("past dates") << -1 << 2 << 2 << "ok" << name << phone << invalid << "past";
    QTest::newRow("too many guests") << 2 << 1 << 5 << "ok" << name << phone << invalid << "at most 4 guest";
    QTest::newRow("no guests") << 2 << 1 << 0 << "ok" << name << phone << invalid << "at least one guest";
    QTest::newRow("maintenance") << 2 << 1 << 2 << "maintenance" << name << phone << invalid << "maintenance";
    QTest::newRow("retired") << 2 << 1 << 2 << "retired" << name << phone << invalid << "no longer offered";
    QTest::newRow("unknown campsite") << 2 << 1 << 2 << "unknown" << name << phone << int(ErrorCode::NotFound)
                                      << "does not exist";
    QTest::newRow("bad phone") << 2 << 1 << 2 << "ok" << name << "12345" << invalid << "phone number";
    QTest::newRow("empty name") << 2 << 1 << 2 << "ok"
                                << "  " << phone << invalid << "Name";
}

void TestBooking::badRequestsAreRefusedAndChangeNothing()
{
    QFETCH(int, daysAhead);
    QFETCH(int, nights);
    QFETCH(int, guests);
    QFETCH(QString, site);
    QFETCH(QString, name);
    QFETCH(QString, phone);
    QFETCH(int, expectedCode);
    QFETCH(QString, expectedText);

    Campsite c = f->addSite(QStringLiteral("B-01"), 30000, 0, 4);
    if (site == QLatin1String("maintenance") || site == QLatin1String("retired")) {
        c.status = site == QLatin1String("retired") ? CampsiteStatus::Retired : CampsiteStatus::Maintenance;
        Result<Campsite> changed = f->campsites->modify(BookingFixture::manager(), c);
        CAMPDESK_VERIFY_OK(changed);
        c = changed.value();
    } else if (site == QLatin1String("unknown")) {
        c.id = 9999;
    }
    const qint64 eventsBefore = f->t->count(QStringLiteral("domain_events"));
    BookingRequest request = f->request(c, daysAhead, 1, phone, name, guests);
    request.checkOut = request.checkIn.addDays(nights);
    Result<Reservation> r = f->booking->book(BookingFixture::desk(), request, f->terminal);
    QVERIFY(!r.ok());
    QCOMPARE(int(r.error().code), expectedCode);
    QVERIFY2(r.error().message.contains(expectedText), qPrintable(r.error().message));
    Result<Quote> q = f->booking->quote(request);
    QVERIFY(!q.ok());
    QCOMPARE(f->t->count(QStringLiteral("reservations")), 0);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights")), 0);
    QCOMPARE(f->t->count(QStringLiteral("customers")), 0);
    QCOMPARE(f->t->count(QStringLiteral("payments")), 0);
    QCOMPARE(f->t->count(QStringLiteral("domain_events")), eventsBefore);
    QCOMPARE(f->terminal.confirmCalls(), 0);
}

void TestBooking::checkOutDayCanBeTheNextCheckIn()
{
    const Campsite site = f->addSite(QStringLiteral("C-01"));
    const Reservation first = f->book(f->request(site, 5, 2));
    const Reservation second = f->book(f->request(site, 7, 3, QStringLiteral("010-2222-3333"), QStringLiteral("Lee")));
    QVERIFY(first.id > 0 && second.id > 0);
    QCOMPARE(first.checkOut, second.checkIn);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights")), 5);
}

void TestBooking::takenSiteIsAConflictNamingFreeSites()
{
    const Campsite a = f->addSite(QStringLiteral("D-01"), 30000);
    const Campsite b = f->addSite(QStringLiteral("D-02"), 35000);
    const Campsite small = f->addSite(QStringLiteral("D-03"), 20000, 0, 1);
    QVERIFY(f->book(f->request(a, 4, 3)).id > 0);
    f->book(f->request(b, 10, 1)); // busy on other dates only: still free for ours

    const qint64 before = f->t->count(QStringLiteral("reservations"));
    // Overlaps the last night only.
    Result<Reservation> r
        = f->booking->book(BookingFixture::kiosk(),
                           f->request(a, 6, 2, QStringLiteral("010-9999-0000"), QStringLiteral("Park")), f->terminal);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::SiteTaken);
    QVERIFY2(r.error().message.contains(QLatin1String("just taken")), qPrintable(r.error().message));
    QVERIFY2(r.error().message.contains(QLatin1String("D-02")), qPrintable(r.error().message));
    QVERIFY2(!r.error().message.contains(QLatin1String("D-03")), qPrintable(r.error().message)); // takes 1 guest
    QCOMPARE(f->t->count(QStringLiteral("reservations")), before);
    Result<QList<Campsite>> free = f->booking->freeSites(f->today().addDays(6), f->today().addDays(8), 2, a.id);
    CAMPDESK_VERIFY_OK(free);
    QCOMPARE(free->size(), 1);
    QCOMPARE(free->at(0).id, b.id);
    Q_UNUSED(small)
}

void TestBooking::declinedCardLeavesNoReservationAndFreesTheNights()
{
    const Campsite site = f->addSite(QStringLiteral("E-01"));
    f->terminal.setDeclinedCards({ QStringLiteral("card-declined") });
    QSignalSpy released(&f->bus, &EventBus::holdReleased);
    QSignalSpy failed(&f->bus, &EventBus::paymentFailed);
    QSignalSpy confirmed(&f->bus, &EventBus::reservationConfirmed);
    const BookingRequest request = f->request(site, 2, 2);
    Result<Reservation> r = f->booking->book(BookingFixture::kiosk(), request, f->terminal, QStringLiteral("card"),
                                             QStringLiteral("card-declined"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::Payment);
    QVERIFY2(r.error().message.contains(QLatin1String("declined")), qPrintable(r.error().message));
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights")), 0);
    QCOMPARE(f->t->count(QStringLiteral("reservations"), QStringLiteral("status NOT IN ('expired')")), 0);
    QCOMPARE(f->t->count(QStringLiteral("payments"), QStringLiteral("status = 'failed'")), 1);
    QCOMPARE(f->t->count(QStringLiteral("notifications")), 0);
    QCOMPARE(f->t->count(QStringLiteral("mileage_ledger")), 0);
    QCOMPARE(released.count(), 1);
    QCOMPARE(failed.count(), 1);
    QCOMPARE(confirmed.count(), 0);
    // Not visible anywhere a customer or the desk looks.
    Result<QList<Reservation>> mine = f->booking->forCustomer(1);
    CAMPDESK_VERIFY_OK(mine);
    QVERIFY(mine->isEmpty());
    Result<QList<CampsiteStatusRow>> rows = ReadModel(f->db()).campsiteStatuses();
    CAMPDESK_VERIFY_OK(rows);
    QCOMPARE(rows->at(0).nextReservationId, 0);
    // The nights are free: the next customer gets them.
    QVERIFY(f->book(f->request(site, 2, 2, QStringLiteral("010-5555-6666"))).id > 0);
}

void TestBooking::busyPaymentsReleaseTheHoldWithTheFallback()
{
    const Campsite site = f->addSite(QStringLiteral("F-01"));
    f->terminal.scriptConfirmOutcomes({ PaymentOutcome::Status::Unavailable });
    Result<Reservation> r = f->booking->book(BookingFixture::kiosk(), f->request(site, 2, 1), f->terminal);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::PaymentsBusy);
    QVERIFY2(r.error().message.contains(QLatin1String("front desk")), qPrintable(r.error().message));
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights")), 0);
    QCOMPARE(f->t->count(QStringLiteral("reservations"), QStringLiteral("status = 'held'")), 0);
}

void TestBooking::unknownPaymentResultKeepsTheHold()
{
    const Campsite site = f->addSite(QStringLiteral("G-01"));
    f->terminal.scriptConfirmOutcomes({ PaymentOutcome::Status::Unknown }, true);
    Result<Reservation> r = f->booking->book(BookingFixture::kiosk(), f->request(site, 2, 2), f->terminal);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::PaymentPending);
    QVERIFY2(r.error().message.contains(QLatin1String("pending")), qPrintable(r.error().message));
    QCOMPARE(f->t->count(QStringLiteral("reservations"), QStringLiteral("status = 'held'")), 1);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights")), 2);
    QCOMPARE(f->t->count(QStringLiteral("payments"), QStringLiteral("status = 'pending'")), 1);
    // Long past its expiry, the sweep still leaves it for the reconciler.
    f->clock.advanceSecs(3600);
    Result<int> expired = f->booking->expireHolds();
    CAMPDESK_VERIFY_OK(expired);
    QCOMPARE(expired.value(), 0);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights")), 2);
    // The reconciler learns it was approved and finishes it.
    Result<qint64> id = f->db().read([](SqlSession& s) -> Result<qint64> {
        return s.scalar(QStringLiteral("SELECT id FROM reservations WHERE status = 'held'")).toLongLong();
    });
    CAMPDESK_VERIFY_OK(id);
    Result<Reservation> held = f->booking->get(id.value());
    CAMPDESK_VERIFY_OK(held);
    Result<Reservation> done = f->booking->finishPayment(Actor::system(QStringLiteral("reconciler")), id.value(),
                                                         f->terminal, f->terminal.lookup(held->orderId));
    CAMPDESK_VERIFY_OK(done);
    QCOMPARE(done->status, ReservationStatus::Confirmed);
}

void TestBooking::holdExpiresAfterItsMinutes()
{
    const Campsite site = f->addSite(QStringLiteral("H-01"));
    QSignalSpy released(&f->bus, &EventBus::holdReleased);
    Result<Reservation> held = f->booking->hold(BookingFixture::kiosk(), f->request(site, 1, 3));
    CAMPDESK_VERIFY_OK(held);
    QCOMPARE(held->status, ReservationStatus::Held);
    QCOMPARE(held->holdExpiresAt, f->clock.nowMs() + 10 * 60 * 1000);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights")), 3);

    f->clock.advanceSecs(9 * 60 + 59);
    Result<int> early = f->booking->expireHolds();
    CAMPDESK_VERIFY_OK(early);
    QCOMPARE(early.value(), 0);
    f->clock.advanceSecs(1);
    Result<int> due = f->booking->expireHolds();
    CAMPDESK_VERIFY_OK(due);
    QCOMPARE(due.value(), 1);
    QCOMPARE(released.count(), 1);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights")), 0);
    Result<Reservation> after = f->booking->get(held->id);
    CAMPDESK_VERIFY_OK(after);
    QCOMPARE(after->status, ReservationStatus::Expired);
    // Paying for an expired hold is refused; the gateway is never asked.
    Result<PaymentRequest> late = f->booking->beginPayment(BookingFixture::kiosk(), held->id, f->terminal);
    QVERIFY(!late.ok());
    QVERIFY2(late.error().message.contains(QLatin1String("ran out")), qPrintable(late.error().message));
    QCOMPARE(f->terminal.confirmCalls(), 0);
}

void TestBooking::bookingWhoseHoldRunsOutBeforePaymentIsNeverCharged()
{
    const Campsite site = f->addSite(QStringLiteral("H-02"));
    // The hold is committed and published; before its payment row is written, its minutes run out (a desk PC
    // suspended at the wrong moment). book() writes the payment row only for a current hold.
    QObject::connect(&f->bus, &EventBus::reservationHeld, &f->bus,
                     [this](const DomainEvent&) { f->clock.advanceSecs(10 * 60); });
    QSignalSpy released(&f->bus, &EventBus::holdReleased);
    Result<Reservation> r = f->booking->book(BookingFixture::desk(), f->request(site, 1, 2), f->terminal);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::Conflict);
    QVERIFY2(r.error().message.contains(QLatin1String("ran out")), qPrintable(r.error().message));
    QCOMPARE(f->terminal.confirmCalls(), 0);
    QCOMPARE(f->t->count(QStringLiteral("payments")), 0);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights")), 0);
    QCOMPARE(f->t->count(QStringLiteral("reservations"), QStringLiteral("status = 'expired'")), 1);
    QCOMPARE(released.count(), 1);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestBooking::approvedAmountMismatchIsCancelledAtTheGateway()
{
    const Campsite site = f->addSite(QStringLiteral("I-01"), 50000);
    Result<Reservation> held = f->booking->hold(BookingFixture::kiosk(), f->request(site, 2, 1));
    CAMPDESK_VERIFY_OK(held);
    Result<PaymentRequest> payment = f->booking->beginPayment(BookingFixture::kiosk(), held->id, f->terminal);
    CAMPDESK_VERIFY_OK(payment);
    PaymentRequest tampered = payment.value();
    tampered.amount = 100;
    const PaymentOutcome approved = f->terminal.confirm(tampered);
    QVERIFY(approved.approved());
    Result<Reservation> r = f->booking->finishPayment(BookingFixture::kiosk(), held->id, f->terminal, approved);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::Payment);
    QVERIFY2(r.error().message.contains(QLatin1String("payment was cancelled")), qPrintable(r.error().message));
    QCOMPARE(f->terminal.orderStatus(held->orderId), PaymentOutcome::Status::Cancelled);
    QCOMPARE(f->t->count(QStringLiteral("reservations"), QStringLiteral("status = 'confirmed'")), 0);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights")), 0);
    QCOMPARE(f->t->count(QStringLiteral("payments"), QStringLiteral("status = 'cancelled' AND refund_amount = 100")),
             1);
    Result<QStringList> diff = ReadModel(f->db()).differencesFromRebuild();
    CAMPDESK_VERIFY_OK(diff);
    QVERIFY2(diff->isEmpty(), qPrintable(diff->join(QLatin1Char('\n'))));
}

void TestBooking::eventsAndSignalsComeOnlyAfterCommit()
{
    const Campsite site = f->addSite(QStringLiteral("J-01"));
    std::unique_ptr<Database> observer = f->t->openAnother();
    QVERIFY(observer);
    QStringList seen;
    connect(&f->bus, &EventBus::published, this, [&](const DomainEvent& event) {
        // Another connection sees the change when the signal arrives: it has committed.
        Result<QString> status = observer->read([&](SqlSession& s) -> Result<QString> {
            return s.scalar(QStringLiteral("SELECT status FROM reservations ORDER BY id DESC")).toString();
        });
        seen << eventTypeName(event.type) + QLatin1Char(':') + (status.ok() ? status.value() : QStringLiteral("?"));
    });
    QVERIFY(f->book(f->request(site, 2, 1)).id > 0);
    QVERIFY(seen.contains(QStringLiteral("ReservationHeld:held")));
    QVERIFY(seen.contains(QStringLiteral("PaymentApproved:confirmed")));
    QVERIFY(seen.contains(QStringLiteral("ReservationConfirmed:confirmed")));
    QVERIFY(seen.contains(QStringLiteral("MileageSaved:confirmed")));
    // A confirmation that fails writes no event and sends no signal.
    seen.clear();
    f->terminal.setDeclinedAmounts({ 40000 });
    QVERIFY(!f->booking->book(BookingFixture::desk(), f->request(site, 5, 1), f->terminal).ok());
    QVERIFY(!seen.join(QLatin1Char(',')).contains(QLatin1String("Confirmed")));
    QCOMPARE(f->t->count(QStringLiteral("domain_events"), QStringLiteral("type = 'ReservationConfirmed'")), 1);
}

void TestBooking::koreanAndEmojiNamesRoundTrip()
{
    const Campsite site = f->addSite(QStringLiteral("K-01"));
    const QString name = QStringLiteral("이서연 🏕️ O'Brien");
    const Reservation r = f->book(f->request(site, 2, 1, QStringLiteral("+82 10 7777 8888"), name));
    QVERIFY(r.id > 0);
    Result<Reservation> found = f->booking->findByCode(r.code.toLower(), QStringLiteral("010-7777-8888"));
    CAMPDESK_VERIFY_OK(found);
    QCOMPARE(found->customerName, name);
    QCOMPARE(found->customerPhone, QStringLiteral("01077778888"));
    Result<Reservation> wrongPhone = f->booking->findByCode(r.code, QStringLiteral("010-7777-8889"));
    QVERIFY(!wrongPhone.ok());
    QCOMPARE(wrongPhone.error().code, ErrorCode::NotFound);
}

void TestBooking::deskPaymentRecordsTheMethod()
{
    const Campsite site = f->addSite(QStringLiteral("L-01"), 30000);
    QVERIFY(!f->deskPayment.isSimulated());
    QVERIFY(f->terminal.displayName().contains(QLatin1String("SIMULATED")));
    Result<Reservation> cash
        = f->booking->book(BookingFixture::desk(), f->request(site, 2, 1), f->deskPayment, QStringLiteral("cash"));
    CAMPDESK_VERIFY_OK(cash);
    QCOMPARE(f->t->count(QStringLiteral("payments"),
                         QStringLiteral("provider = 'desk' AND method = 'cash' AND "
                                        "status = 'approved'")),
             1);
    // The desk cannot take "card" as if it were a card terminal: declined, nothing kept.
    Result<Reservation> wrong
        = f->booking->book(BookingFixture::desk(), f->request(site, 4, 1), f->deskPayment, QStringLiteral("card"));
    QVERIFY(!wrong.ok());
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights")), 1);
}

void TestBooking::pointsAreRedeemedWithinBalanceAndPrice()
{
    const Campsite site = f->addSite(QStringLiteral("M-01"), 100000);
    const Reservation first = f->book(f->request(site, 2, 2)); // earns 10,000
    QVERIFY(first.id > 0);
    BookingRequest tooMany = f->request(site, 10, 1);
    tooMany.pointsToRedeem = 10001;
    Result<Reservation> refused = f->booking->book(BookingFixture::desk(), tooMany, f->terminal);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().field, QStringLiteral("pointsToRedeem"));

    BookingRequest redeem = f->request(site, 10, 1);
    redeem.pointsToRedeem = 4000;
    Result<Quote> q = f->booking->quote(redeem);
    CAMPDESK_VERIFY_OK(q);
    QCOMPARE(q->balance, 10000);
    QCOMPARE(q->payable, 96000);
    Result<Reservation> second = f->booking->book(BookingFixture::desk(), redeem, f->terminal);
    CAMPDESK_VERIFY_OK(second);
    QCOMPARE(second->amount, 96000);
    QCOMPARE(second->pointsUsed, 4000);
    // 10,000 - 4,000 + 5% of 96,000.
    Result<qint64> balance = MileageService(f->db()).balance(first.customerId);
    CAMPDESK_VERIFY_OK(balance);
    QCOMPARE(balance.value(), 10000 - 4000 + 4800);
    Result<QList<MileageEntry>> ledger = MileageService(f->db()).ledger(first.customerId);
    CAMPDESK_VERIFY_OK(ledger);
    QCOMPARE(ledger->size(), 3);
    QCOMPARE(ledger->last().balanceAfter, balance.value());

    // Points may pay the whole price: no gateway call at all.
    const Campsite cheap = f->addSite(QStringLiteral("M-02"), 5000);
    BookingRequest free = f->request(cheap, 3, 1);
    free.pointsToRedeem = 5000;
    const int calls = f->terminal.confirmCalls();
    Result<Reservation> third = f->booking->book(BookingFixture::desk(), free, f->terminal);
    CAMPDESK_VERIFY_OK(third);
    QCOMPARE(third->amount, 0);
    QCOMPARE(f->terminal.confirmCalls(), calls);
}

void TestBooking::bookingFlowPaysOffTheGuiThread()
{
    const Campsite site = f->addSite(QStringLiteral("N-01"));
    f->terminal.setDelayMs(300);
    BookingFlow flow(*f->booking, f->terminal);
    QSignalSpy held(&flow, &BookingFlow::held);
    QSignalSpy finished(&flow, &BookingFlow::finished);
    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&] { ++ticks; });
    ticker.start(20);
    QVERIFY(flow.start(BookingFixture::kiosk(), f->request(site, 2, 1)));
    QVERIFY(flow.isRunning());
    QVERIFY(!flow.start(BookingFixture::kiosk(), f->request(site, 4, 1))); // one at a time
    QCOMPARE(finished.count(), 0); // never from inside start()
    QCOMPARE(held.count(), 1);
    QVERIFY(finished.wait(5000));
    ticker.stop();
    QVERIFY2(ticks >= 5, qPrintable(QString::number(ticks))); // the event loop kept running while paying
    const BookingOutcome outcome = finished.at(0).at(0).value<BookingOutcome>();
    QVERIFY2(outcome.ok, qPrintable(outcome.error.message));
    QCOMPARE(outcome.reservation.status, ReservationStatus::Confirmed);
    QVERIFY(!flow.isRunning());
}

void TestBooking::bookingFlowReportsTakenSiteWithAlternatives()
{
    const Campsite a = f->addSite(QStringLiteral("O-01"));
    const Campsite b = f->addSite(QStringLiteral("O-02"));
    QVERIFY(f->book(f->request(a, 2, 2)).id > 0);
    BookingFlow flow(*f->booking, f->terminal);
    QSignalSpy finished(&flow, &BookingFlow::finished);
    QVERIFY(flow.start(BookingFixture::kiosk(), f->request(a, 3, 1, QStringLiteral("010-3333-4444"))));
    QVERIFY(finished.wait(5000));
    const BookingOutcome outcome = finished.at(0).at(0).value<BookingOutcome>();
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.error.code, ErrorCode::SiteTaken);
    QCOMPARE(outcome.alternatives.size(), 1);
    QCOMPARE(outcome.alternatives.at(0).id, b.id);
}

void TestBooking::bookingFlowSaysWhenBusyPaymentsMayBeTriedAgain()
{
    const Campsite site = f->addSite(QStringLiteral("P-01"));
    f->terminal.scriptConfirmOutcomes({ PaymentOutcome::Status::Unavailable });
    BookingFlow flow(*f->booking, f->terminal);
    QSignalSpy finished(&flow, &BookingFlow::finished);
    QVERIFY(flow.start(BookingFixture::kiosk(), f->request(site, 2, 1)));
    QVERIFY(finished.wait(5000));
    const BookingOutcome outcome = finished.at(0).at(0).value<BookingOutcome>();
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.error.code, ErrorCode::PaymentsBusy);
    QCOMPARE(outcome.retryAfterSeconds, 30); // what the terminal (or the open breaker) said
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights")), 0);
}

void TestBooking::checkInFromTheCheckInDateThenCheckOut()
{
    const Campsite site = f->addSite(QStringLiteral("P-01"));
    const Reservation r = f->book(f->request(site, 1, 2));
    QVERIFY(r.id > 0);
    QSignalSpy checkedIn(&f->bus, &EventBus::reservationCheckedIn);
    Result<Reservation> early = f->booking->checkIn(BookingFixture::desk(), r.id);
    QVERIFY(!early.ok());
    QVERIFY2(early.error().message.contains(QLatin1String("from")), qPrintable(early.error().message));
    QVERIFY(!f->booking->checkIn(BookingFixture::kiosk(), r.id).ok()); // staff only
    QVERIFY(!f->booking->checkOut(BookingFixture::desk(), r.id).ok()); // not checked in yet

    f->clock.advanceSecs(24 * 3600);
    Result<Reservation> in = f->booking->checkIn(BookingFixture::desk(), r.id);
    CAMPDESK_VERIFY_OK(in);
    QCOMPARE(in->status, ReservationStatus::CheckedIn);
    QCOMPARE(checkedIn.count(), 1);
    Result<QList<CampsiteStatusRow>> rows = ReadModel(f->db()).campsiteStatuses();
    CAMPDESK_VERIFY_OK(rows);
    QCOMPARE(rows->at(0).currentReservationId, r.id);
    QVERIFY(rows->at(0).currentCheckedIn);
    QCOMPARE(rows->at(0).asOf, f->today());

    Result<Reservation> out = f->booking->checkOut(BookingFixture::desk(), r.id);
    CAMPDESK_VERIFY_OK(out);
    QCOMPARE(out->status, ReservationStatus::CheckedOut);
    rows = ReadModel(f->db()).campsiteStatuses();
    CAMPDESK_VERIFY_OK(rows);
    QCOMPARE(rows->at(0).currentReservationId, 0);
    Result<QStringList> diff = ReadModel(f->db()).differencesFromRebuild();
    CAMPDESK_VERIFY_OK(diff);
    QVERIFY2(diff->isEmpty(), qPrintable(diff->join(QLatin1Char('\n'))));
}

void TestBooking::aTransitionMadeTwiceIsAlreadyDone()
{
    // What a second terminal gets when the first was quicker (tst_races runs it with real processes).
    const Campsite site = f->addSite(QStringLiteral("P-02"));
    Result<Reservation> held = f->booking->hold(BookingFixture::desk(), f->request(site, 0, 1));
    CAMPDESK_VERIFY_OK(held);
    Result<PaymentRequest> payment = f->booking->beginPayment(BookingFixture::desk(), held->id, f->terminal);
    CAMPDESK_VERIFY_OK(payment);
    const PaymentOutcome approved = BookingService::charge(f->terminal, payment.value());
    CAMPDESK_VERIFY_OK(f->booking->finishPayment(BookingFixture::desk(), held->id, f->terminal, approved));
    Result<Reservation> again = f->booking->finishPayment(BookingFixture::desk(), held->id, f->terminal, approved);
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, ErrorCode::AlreadyDone);
    QVERIFY2(again.error().message.contains(QLatin1String("already confirmed")), qPrintable(again.error().message));
    QCOMPARE(f->terminal.cancelCalls(), 0); // the payment belongs to the confirmed booking: not refunded
    QCOMPARE(f->t->count(QStringLiteral("domain_events"), QStringLiteral("type = 'ReservationConfirmed'")), 1);

    CAMPDESK_VERIFY_OK(f->booking->checkIn(BookingFixture::desk(), held->id));
    Result<Reservation> in = f->booking->checkIn(BookingFixture::desk(), held->id);
    QCOMPARE(in.error().code, ErrorCode::AlreadyDone);
    CAMPDESK_VERIFY_OK(f->booking->checkOut(BookingFixture::desk(), held->id));
    Result<Reservation> out = f->booking->checkOut(BookingFixture::desk(), held->id);
    QCOMPARE(out.error().code, ErrorCode::AlreadyDone);
    QCOMPARE(f->t->count(QStringLiteral("domain_events"), QStringLiteral("type = 'ReservationCheckedIn'")), 1);
    QCOMPARE(f->t->count(QStringLiteral("domain_events"), QStringLiteral("type = 'ReservationCheckedOut'")), 1);
}

CAMPDESK_DB_TEST_MAIN(TestBooking)
#include "tst_booking.moc"
