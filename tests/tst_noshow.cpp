// No-shows on both databases (issue 18, item 3): the cutoff, the guarded move confirmed -> no_show that frees the
// nights from the day it is marked, the refund by the rule, points taken back, the customer's notice, the read model
// and the checker; the sweep when switched on; a no-show racing a check-in on two connections.
#include "bookingfixture.h"
#include "domain/mileageservice.h"
#include "domain/noshowservice.h"
#include "domain/readmodel.h"
#include "domain/reservationchange.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace campdesk;
using namespace campdesk::test;

class TestNoShow : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void refusedBeforeTheCutoff();
    void marksFreesNightsTakesBackPointsAndNotifies();
    void refundsByTheRule();
    void refundsAcrossTheBookingsPayments();
    void checkedInOrAlreadyMarkedIsRefused();
    void pointsAlreadySpentStopAtZero();
    void sweepIsOffByDefaultAndMarksEachOnce();
    void noShowRacingCheckInOnTwoConnections();
    void settingsAreValidatedAndManagerOnly();

private:
    // Moves the fixture's clock to `time` (campground time) on the day `days` after today.
    void at(int days, const QTime& time);
    std::unique_ptr<BookingFixture> f;
    std::unique_ptr<NoShowService> noShows;
};

void TestNoShow::init()
{
    f = std::make_unique<BookingFixture>();
    QVERIFY2(f->ok(), qPrintable(f->t->errorMessage()));
    noShows = std::make_unique<NoShowService>(*f->booking);
}

void TestNoShow::cleanup()
{
    noShows.reset();
    f.reset();
}

void TestNoShow::at(int days, const QTime& time)
{
    f->clock.set(QDateTime(f->today().addDays(days), time));
}

void TestNoShow::refusedBeforeTheCutoff()
{
    const Campsite site = f->addSite(QStringLiteral("A-01"));
    const Reservation r = f->book(f->request(site, 0, 3));
    Result<Reservation> early = noShows->markNoShow(BookingFixture::desk(), r.id);
    QVERIFY(!early.ok());
    QCOMPARE(early.error().code, ErrorCode::Invalid);
    at(1, QTime(10, 59));
    early = noShows->markNoShow(BookingFixture::desk(), r.id);
    QVERIFY(!early.ok());
    QCOMPARE(early.error().code, ErrorCode::Invalid);
    QCOMPARE(f->t->count(QStringLiteral("reservations"), QStringLiteral("status = 'confirmed'")), 1);
    f->clock.advanceSecs(60); // 11:00, the default cutoff
    CAMPDESK_VERIFY_OK(noShows->markNoShow(BookingFixture::desk(), r.id));
    // A kiosk may not.
    const Reservation other = f->book(f->request(f->addSite(QStringLiteral("A-02")), 0, 1));
    QCOMPARE(noShows->markNoShow(Actor::kiosk(), other.id).error().code, ErrorCode::Forbidden);
}

void TestNoShow::marksFreesNightsTakesBackPointsAndNotifies()
{
    const Campsite site = f->addSite(QStringLiteral("B-01"), 40000);
    const Reservation r = f->book(f->request(site, 0, 3)); // 120,000 won, 6,000 points earned
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights")), 3);
    QSignalSpy published(&f->bus, &EventBus::published);
    at(1, QTime(12, 0));
    Result<Reservation> marked = noShows->markNoShow(BookingFixture::desk(), r.id);
    CAMPDESK_VERIFY_OK(marked);
    QCOMPARE(marked->status, ReservationStatus::NoShow);
    QCOMPARE(marked->refundAmount, 0);
    QCOMPARE(marked->checkOut, r.checkIn.addDays(1)); // the first night stays the guest's
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights")), 1);
    // Nothing refunded by default; the payment stays approved.
    QCOMPARE(f->terminal.refundedAmount(r.orderId), 0);
    QCOMPARE(f->t->count(QStringLiteral("payments"), QStringLiteral("status = 'approved'")), 1);
    Result<qint64> balance = MileageService(f->db()).balance(r.customerId);
    CAMPDESK_VERIFY_OK(balance);
    QCOMPARE(balance.value(), 0);
    QCOMPARE(f->t->count(QStringLiteral("mileage_ledger"), QStringLiteral("reason = 'cancel' AND delta = -6000")), 1);
    QCOMPARE(f->t->count(QStringLiteral("domain_events"), QStringLiteral("type = 'ReservationNoShow'")), 1);
    QCOMPARE(f->t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'reservation.no_show'")), 1);
    QCOMPARE(f->t->count(QStringLiteral("notifications"),
                         QStringLiteral("subject LIKE '%no-show%' OR subject LIKE '%노쇼%'")),
             1);
    bool seen = false;
    for (const QList<QVariant>& args : published)
        seen = seen || args.at(0).value<DomainEvent>().type == EventType::ReservationNoShow;
    QVERIFY(seen); // after commit
    // The read model counts it and agrees with a rebuild; the checker is content.
    CAMPDESK_VERIFY_OK(ReadModel(f->db()).refreshStale());
    QCOMPARE(
        f->t->count(QStringLiteral("campsite_status"), QStringLiteral("no_show_count = 1 AND confirmed_count = 0")), 1);
    Result<QStringList> diff = ReadModel(f->db()).differencesFromRebuild();
    CAMPDESK_VERIFY_OK(diff);
    QVERIFY2(diff->isEmpty(), qPrintable(diff->join(QLatin1Char('\n'))));
    QVERIFY(BookingFixture::invariantsHold(f->db()));
    // Tonight is free for a walk-in.
    QVERIFY(f->book(f->request(site, 0, 2, QStringLiteral("010-4444-5555"))).id > 0);
}

void TestNoShow::refundsByTheRule()
{
    NoShowRules rules;
    rules.refundPercent = 50;
    CAMPDESK_VERIFY_OK(NoShowSettings(f->db()).set(BookingFixture::manager(), rules));
    const Campsite site = f->addSite(QStringLiteral("C-01"), 40000);
    const Reservation r = f->book(f->request(site, 0, 2));
    at(1, QTime(11, 30));
    Result<qint64> quoted = noShows->refundIfMarked(BookingFixture::desk(), r.id);
    CAMPDESK_VERIFY_OK(quoted);
    QCOMPARE(quoted.value(), 40000);
    Result<Reservation> marked = noShows->markNoShow(BookingFixture::desk(), r.id);
    CAMPDESK_VERIFY_OK(marked);
    QCOMPARE(marked->refundAmount, 40000);
    QCOMPARE(f->terminal.refundedAmount(r.orderId), 40000);
    QCOMPARE(f->t->count(QStringLiteral("payments"), QStringLiteral("status = 'cancelled' AND refund_amount = 40000")),
             1);
    Result<QStringList> diff = ReadModel(f->db()).differencesFromRebuild();
    CAMPDESK_VERIFY_OK(diff);
    QVERIFY2(diff->isEmpty(), qPrintable(diff->join(QLatin1Char('\n'))));
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

// Issues 18/19: a booking made dearer by a change charged to the card is paid in two payments; a no-show refunding
// by the rule gives back across both, newest first (one refund each at the provider), each recorded on its payment.
void TestNoShow::refundsAcrossTheBookingsPayments()
{
    NoShowRules rules;
    rules.refundPercent = 50;
    CAMPDESK_VERIFY_OK(NoShowSettings(f->db()).set(BookingFixture::manager(), rules));
    const Campsite site = f->addSite(QStringLiteral("C-02"), 40000);
    const Reservation booked = f->book(f->request(site, 0, 2)); // 80,000 by card
    ChangeRequest longer;
    longer.reservationId = booked.id;
    longer.campsiteId = site.id;
    longer.checkIn = booked.checkIn;
    longer.checkOut = booked.checkOut.addDays(1);
    longer.guests = booked.guests;
    ChangeSettlement settled;
    Result<Reservation> r = ReservationChangeService(*f->booking).change(BookingFixture::desk(), longer, &settled);
    CAMPDESK_VERIFY_OK(r);
    QCOMPARE(settled.charged, 40000); // a second card payment
    const QString chargeOrder = f->db()
                                    .read([&](SqlSession& s) -> Result<QString> {
                                        return s
                                            .scalar(QStringLiteral("SELECT order_id FROM payments WHERE "
                                                                   "reservation_id = ? AND order_id <> ?"),
                                                    { booked.id, booked.orderId })
                                            .toString();
                                    })
                                    .value();
    at(1, QTime(11, 30));
    Result<qint64> quoted = noShows->refundIfMarked(BookingFixture::desk(), booked.id);
    CAMPDESK_VERIFY_OK(quoted);
    QCOMPARE(quoted.value(), 60000); // half of the 120,000 paid
    const int cancels = f->terminal.cancelCalls();
    Result<Reservation> marked = noShows->markNoShow(BookingFixture::desk(), booked.id);
    CAMPDESK_VERIFY_OK(marked);
    QCOMPARE(marked->status, ReservationStatus::NoShow);
    QCOMPARE(marked->refundAmount, 60000);
    QCOMPARE(f->terminal.cancelCalls(), cancels + 2);
    QCOMPARE(f->terminal.refundedAmount(chargeOrder), 40000); // the newest first, all of it
    QCOMPARE(f->terminal.refundedAmount(booked.orderId), 20000); // the rest from the booking's own
    QCOMPARE(
        f->t->count(
            QStringLiteral("payments"),
            QStringLiteral("reservation_id = %1 AND status = 'cancelled' AND refund_kind = 'no_show'").arg(booked.id)),
        2);
    QCOMPARE(f->t->count(QStringLiteral("payments"), QStringLiteral("status = 'approved'")), 0);
    QCOMPARE(f->t->count(QStringLiteral("domain_events"), QStringLiteral("type = 'ReservationNoShow'")), 1);
    QCOMPARE(f->t->count(QStringLiteral("domain_events"), QStringLiteral("type = 'PaymentCancelled'")), 2);
    Result<QStringList> diff = ReadModel(f->db()).differencesFromRebuild();
    CAMPDESK_VERIFY_OK(diff);
    QVERIFY2(diff->isEmpty(), qPrintable(diff->join(QLatin1Char('\n'))));
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestNoShow::checkedInOrAlreadyMarkedIsRefused()
{
    const Campsite site = f->addSite(QStringLiteral("D-01"));
    const Reservation in = f->book(f->request(site, 0, 3));
    CAMPDESK_VERIFY_OK(f->booking->checkIn(BookingFixture::desk(), in.id));
    const Reservation away = f->book(f->request(f->addSite(QStringLiteral("D-02")), 0, 3));
    at(1, QTime(12, 0));
    Result<Reservation> refused = noShows->markNoShow(BookingFixture::desk(), in.id);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Invalid);
    CAMPDESK_VERIFY_OK(noShows->markNoShow(BookingFixture::desk(), away.id));
    Result<Reservation> again = noShows->markNoShow(BookingFixture::desk(), away.id);
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, ErrorCode::AlreadyDone);
    // A no-show cannot be checked in afterwards.
    QVERIFY(!f->booking->checkIn(BookingFixture::desk(), away.id).ok());
    QCOMPARE(f->t->count(QStringLiteral("domain_events"), QStringLiteral("type = 'ReservationNoShow'")), 1);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestNoShow::pointsAlreadySpentStopAtZero()
{
    const Campsite site = f->addSite(QStringLiteral("E-01"), 40000);
    const Campsite later = f->addSite(QStringLiteral("E-02"), 4000);
    const Reservation r = f->book(f->request(site, 0, 3)); // earns 6,000
    BookingRequest spend = f->request(later, 20, 1);
    spend.pointsToRedeem = 4000; // spends 4,000 of them
    f->book(spend);
    at(1, QTime(12, 0));
    CAMPDESK_VERIFY_OK(noShows->markNoShow(BookingFixture::desk(), r.id));
    Result<qint64> balance = MileageService(f->db()).balance(r.customerId);
    CAMPDESK_VERIFY_OK(balance);
    QCOMPARE(balance.value(), 0); // 2,000 taken back, never below zero
    QCOMPARE(f->t->count(QStringLiteral("mileage_ledger"), QStringLiteral("reason = 'cancel' AND delta = -2000")), 1);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestNoShow::sweepIsOffByDefaultAndMarksEachOnce()
{
    const Campsite site = f->addSite(QStringLiteral("F-01"));
    const Reservation due = f->book(f->request(site, 0, 2));
    const Reservation tomorrow = f->book(f->request(f->addSite(QStringLiteral("F-02")), 1, 2));
    at(1, QTime(12, 0));
    Result<int> swept = noShows->sweep(Actor::system());
    CAMPDESK_VERIFY_OK(swept);
    QCOMPARE(swept.value(), 0);
    NoShowRules rules;
    rules.autoSweep = true;
    CAMPDESK_VERIFY_OK(NoShowSettings(f->db()).set(BookingFixture::manager(), rules));
    // A second terminal sweeping at the same moment on its own connection: one of them marks it.
    Result<int> second = Error(ErrorCode::Database, QStringLiteral("not run"));
    QThread* thread = QThread::create([&] {
        Result<std::unique_ptr<Database>> mine = f->db().openAnother(QStringLiteral("-2"));
        if (!mine.ok())
            return;
        BookingService bookings(*mine.value());
        second = NoShowService(bookings).sweep(Actor::system());
    });
    thread->start();
    swept = noShows->sweep(Actor::system());
    thread->wait();
    delete thread;
    CAMPDESK_VERIFY_OK(swept);
    CAMPDESK_VERIFY_OK(second);
    QCOMPARE(swept.value() + second.value(), 1);
    CAMPDESK_VERIFY_OK(noShows->sweep(Actor::system()));
    QCOMPARE(noShows->sweep(Actor::system()).value(), 0);
    QCOMPARE(f->booking->get(due.id)->status, ReservationStatus::NoShow);
    QCOMPARE(f->booking->get(tomorrow.id)->status, ReservationStatus::Confirmed);
    QCOMPARE(f->t->count(QStringLiteral("domain_events"), QStringLiteral("type = 'ReservationNoShow'")), 1);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestNoShow::noShowRacingCheckInOnTwoConnections()
{
    // Staff at one terminal mark the booking a no-show while the guest checks in at another: one wins.
    const Campsite site = f->addSite(QStringLiteral("G-01"));
    const Reservation r = f->book(f->request(site, 0, 3));
    at(1, QTime(12, 0));
    Result<Reservation> checkedIn = Error(ErrorCode::Database, QString());
    QThread* thread = QThread::create([&] {
        // Its own connection, opened on this thread.
        Result<std::unique_ptr<Database>> mine = f->db().openAnother(QStringLiteral("-2"));
        if (!mine.ok())
            return;
        BookingService bookings(*mine.value());
        checkedIn = bookings.checkIn(BookingFixture::desk(), r.id);
    });
    thread->start();
    Result<Reservation> marked = noShows->markNoShow(BookingFixture::desk(), r.id);
    thread->wait();
    delete thread;
    QVERIFY2(marked.ok() != checkedIn.ok(),
             qPrintable(QStringLiteral("no-show: %1 / check-in: %2")
                            .arg(marked.ok() ? QStringLiteral("ok") : marked.error().message,
                                 checkedIn.ok() ? QStringLiteral("ok") : checkedIn.error().message)));
    const ReservationStatus now = f->booking->get(r.id)->status;
    QCOMPARE(now, marked.ok() ? ReservationStatus::NoShow : ReservationStatus::CheckedIn);
    QCOMPARE(f->t->count(QStringLiteral("domain_events"),
                         QStringLiteral("type IN ('ReservationNoShow', 'ReservationCheckedIn')")),
             1);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestNoShow::settingsAreValidatedAndManagerOnly()
{
    NoShowRules rules;
    rules.refundPercent = 101;
    QCOMPARE(NoShowSettings(f->db()).set(BookingFixture::manager(), rules).error().field,
             QStringLiteral("refundPercent"));
    rules.refundPercent = 10;
    QCOMPARE(NoShowSettings(f->db()).set(BookingFixture::desk(), rules).error().code, ErrorCode::Forbidden);
    rules.cutoff = QTime(9, 30);
    CAMPDESK_VERIFY_OK(NoShowSettings(f->db()).set(BookingFixture::manager(), rules));
    Result<NoShowRules> stored = NoShowSettings(f->db()).get();
    CAMPDESK_VERIFY_OK(stored);
    QCOMPARE(stored->cutoff, QTime(9, 30));
    QCOMPARE(stored->refundPercent, 10);
    QCOMPARE(stored->autoSweep, false);
}

CAMPDESK_DB_TEST_MAIN(TestNoShow)
#include "tst_noshow.moc"
