// The kiosk's session without its window: the search priced in one read, the chosen site and guest, the payment and
// the refund off the calling thread, which screen each outcome leads to, and the wipe. Every case on both databases.
#include "bookingfixture.h"
#include "domain/kiosksession.h"
#include "scriptedgateway.h"
#include "stallinggateway.h"

#include <QSignalSpy>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

class TestKioskSession : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void searchPricesTheFreeSitesInOneRead();
    void siteAndGuestGiveTheAmountsAndPayingBooks();
    void siteTakenMeanwhileGoesBackToTheListWithTheOthers();
    void paymentOutcomesChooseTheScreen_data();
    void paymentOutcomesChooseTheScreen();
    void refundRunsOffTheCallingThreadAndResetWaitsForIt();
    void resetForgetsWhatTheCustomerEntered();

private:
    // Searches, chooses `site` and enters a guest; fails the test when a step does not go forward.
    void walkTo(KioskSession& session, const Campsite& site);

    std::unique_ptr<BookingFixture> f;
    Campsite m_a;
    Campsite m_b;
    Campsite m_c;
};

void TestKioskSession::init()
{
    f = std::make_unique<BookingFixture>();
    QVERIFY2(f->ok(), qPrintable(f->t->errorMessage()));
    m_a = f->addSite(QStringLiteral("A-01"), 45000);
    m_b = f->addSite(QStringLiteral("B-02"), 60000, 80000, 6);
    m_c = f->addSite(QStringLiteral("C-03"), 120000, 0, 2);
}

void TestKioskSession::cleanup()
{
    f.reset();
}

void TestKioskSession::walkTo(KioskSession& session, const Campsite& site)
{
    QList<KioskSiteOffer> offers;
    connect(
        &session, &KioskSession::sitesFound, this, [&](const QList<KioskSiteOffer>& found) { offers = found; },
        Qt::SingleShotConnection);
    session.search(f->today().addDays(3), f->today().addDays(5), 2);
    KioskSiteOffer chosen;
    for (const KioskSiteOffer& offer : offers) {
        if (offer.site.id == site.id)
            chosen = offer;
    }
    QVERIFY2(chosen.site.id == site.id, qPrintable(site.code));
    session.chooseSite(chosen);
    QSignalSpy amounts(&session, &KioskSession::amountsReady);
    Customer guest;
    guest.name = QStringLiteral("김민준");
    guest.phone = QStringLiteral("010-2222-3333");
    session.enterGuest(guest);
    QCOMPARE(amounts.size(), 1);
}

void TestKioskSession::searchPricesTheFreeSitesInOneRead()
{
    // A-01 is taken on the second night; C-03 takes only two guests, so three guests leave B-02 alone.
    f->book(f->request(m_a, 4, 1));
    const QDate in = f->today().addDays(3); // Thursday
    const QDate out = in.addDays(3); // Thursday, Friday and Saturday nights
    Result<QList<SiteQuote>> quoted = f->booking->freeSitesQuoted(in, out, 2);
    CAMPDESK_VERIFY_OK(quoted);
    QCOMPARE(quoted->size(), 2);
    QCOMPARE(quoted->at(0).site.id, m_b.id); // cheapest first
    QCOMPARE(quoted->at(0).quote.total, 60000 + 80000 + 80000); // the weekend price on Friday and Saturday
    QCOMPARE(quoted->at(1).site.id, m_c.id);
    QCOMPARE(quoted->at(1).quote.total, 3 * 120000);
    for (const SiteQuote& q : quoted.value()) {
        BookingRequest one;
        one.campsiteId = q.site.id;
        one.checkIn = in;
        one.checkOut = out;
        one.guests = 2;
        Result<Quote> single = f->booking->quote(one);
        CAMPDESK_VERIFY_OK(single);
        QCOMPARE(q.quote.total, single->total);
        QCOMPARE(q.quote.nightlyPrices, single->nightlyPrices);
    }

    KioskSession session(*f->booking, f->terminal, nullptr);
    QSignalSpy found(&session, &KioskSession::sitesFound);
    session.search(in, out, 3);
    QCOMPARE(found.size(), 1);
    const auto offers = found.at(0).at(0).value<QList<KioskSiteOffer>>();
    QCOMPARE(offers.size(), 1);
    QCOMPARE(offers.at(0).site.id, m_b.id);
    QCOMPARE(offers.at(0).total, 220000);
    QCOMPARE(session.request().guests, 3);
    QCOMPARE(session.request().checkIn, in);

    QSignalSpy problem(&session, &KioskSession::sitesProblem);
    session.search(out, in, 2); // backwards
    QCOMPARE(problem.size(), 1);
    QCOMPARE(found.size(), 1);
}

void TestKioskSession::siteAndGuestGiveTheAmountsAndPayingBooks()
{
    KioskSession session(*f->booking, f->terminal, nullptr);
    walkTo(session, m_a);
    QCOMPARE(session.request().campsiteId, m_a.id);
    QCOMPARE(session.offer().total, 90000);
    QCOMPARE(session.request().customer.name, QStringLiteral("김민준"));

    QSignalSpy paying(&session, &KioskSession::paying);
    QSignalSpy booked(&session, &KioskSession::booked);
    QVERIFY(session.pay(0));
    QCOMPARE(paying.size(), 1);
    QCOMPARE(paying.at(0).at(0).toLongLong(), 90000);
    QVERIFY(session.isBusy());
    QVERIFY(!session.pay(0)); // one at a time
    QTRY_COMPARE(booked.size(), 1);
    const auto r = booked.at(0).at(0).value<Reservation>();
    QCOMPARE(r.status, ReservationStatus::Confirmed);
    QCOMPARE(r.campsiteId, m_a.id);
    QVERIFY(booked.at(0).at(1).toLongLong() > 0); // points earned
    QVERIFY(session.request().customer.name.isEmpty()); // the typed details are gone once booked
    QVERIFY(!session.isBusy());
}

void TestKioskSession::siteTakenMeanwhileGoesBackToTheListWithTheOthers()
{
    KioskSession session(*f->booking, f->terminal, nullptr);
    walkTo(session, m_a);
    // Another terminal books A-01 for the same nights between choosing and paying.
    std::unique_ptr<Database> other = f->t->openAnother();
    BookingService otherDesk(*other);
    otherDesk.addGateway(&f->terminal);
    BookingRequest request = f->request(m_a, 3, 2, QStringLiteral("010-9999-0000"));
    CAMPDESK_VERIFY_OK(otherDesk.book(BookingFixture::desk(), request, f->terminal));
    const int charges = f->terminal.confirmCalls();

    QSignalSpy found(&session, &KioskSession::sitesFound);
    QSignalSpy problem(&session, &KioskSession::paymentProblem);
    QVERIFY(session.pay(0));
    QTRY_COMPARE(found.size(), 1);
    QCOMPARE(problem.size(), 0);
    const auto offers = found.at(0).at(0).value<QList<KioskSiteOffer>>();
    QCOMPARE(offers.size(), 2);
    for (const KioskSiteOffer& offer : offers)
        QVERIFY(offer.site.id != m_a.id);
    const QString notice = found.at(0).at(4).toString();
    QVERIFY2(notice.contains(m_a.code), qPrintable(notice));
    QCOMPARE(f->terminal.confirmCalls(), charges); // nothing charged
}

void TestKioskSession::paymentOutcomesChooseTheScreen_data()
{
    QTest::addColumn<int>("answer");
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("canRetry");
    QTest::newRow("declined") << int(PaymentOutcome::Status::Declined) << int(KioskPaymentProblem::Kind::Declined)
                              << true;
    QTest::newRow("payments busy") << int(PaymentOutcome::Status::Unavailable) << int(KioskPaymentProblem::Kind::Busy)
                                   << true;
    QTest::newRow("no answer") << int(PaymentOutcome::Status::Unknown) << int(KioskPaymentProblem::Kind::Pending)
                               << false;
}

void TestKioskSession::paymentOutcomesChooseTheScreen()
{
    QFETCH(int, answer);
    QFETCH(int, kind);
    QFETCH(bool, canRetry);
    ScriptedGateway gateway;
    gateway.next = PaymentOutcome::Status(answer);
    f->booking->addGateway(&gateway);
    KioskSession session(*f->booking, gateway, nullptr);
    walkTo(session, m_b);
    QSignalSpy problems(&session, &KioskSession::paymentProblem);
    QSignalSpy unavailable(&session, &KioskSession::unavailable);
    QVERIFY(session.pay(0));
    QTRY_COMPARE(problems.size(), 1);
    QCOMPARE(unavailable.size(), 0);
    const auto problem = problems.at(0).at(0).value<KioskPaymentProblem>();
    QCOMPARE(int(problem.kind), kind);
    QCOMPARE(problem.canRetry, canRetry);
    QVERIFY(!problem.title.isEmpty());
    QVERIFY(!problem.message.isEmpty());
    if (problem.kind == KioskPaymentProblem::Kind::Pending) {
        // "We are confirming your payment": the held booking's code for the front desk.
        QVERIFY(!problem.reservation.code.isEmpty());
        QVERIFY2(problem.message.contains(problem.reservation.code), qPrintable(problem.message));
        QCOMPARE(problem.reservation.status, ReservationStatus::Held);
    } else {
        QVERIFY(problem.reservation.code.isEmpty());
    }
    QCOMPARE(gateway.calls, 1);
}

void TestKioskSession::refundRunsOffTheCallingThreadAndResetWaitsForIt()
{
    StallingGateway gateway;
    f->booking->addGateway(&gateway);
    const QString phone = QStringLiteral("010-4444-5555");
    Result<Reservation> booked = f->booking->book(BookingFixture::kiosk(), f->request(m_a, 10, 2, phone), gateway);
    CAMPDESK_VERIFY_OK(booked);

    KioskSession session(*f->booking, gateway, nullptr);
    QSignalSpy refunding(&session, &KioskSession::refunding);
    QSignalSpy cancelled(&session, &KioskSession::cancelled);
    QSignalSpy events(&f->bus, &EventBus::reservationCancelled);
    gateway.stall();
    QVERIFY(session.cancelBooking(booked->code, phone));
    QCOMPARE(refunding.size(), 1);
    QTRY_COMPARE(gateway.waiting(), 1); // the refund waits at the provider, and this thread goes on
    QVERIFY(gateway.lastThread() != QThread::currentThread());
    QVERIFY(session.isBusy());
    QVERIFY(!session.reset()); // its outcome must reach the screen first
    QVERIFY(!session.cancelBooking(booked->code, phone));
    QCOMPARE(f->booking->get(booked->id)->status, ReservationStatus::Confirmed);
    gateway.release();
    QTRY_COMPARE(cancelled.size(), 1);
    const auto r = cancelled.at(0).at(0).value<Reservation>();
    QCOMPARE(r.status, ReservationStatus::Cancelled);
    QCOMPARE(r.refundAmount, booked->amount);
    QCOMPARE(f->booking->get(booked->id)->status, ReservationStatus::Cancelled);
    // The worker's events reach this thread's bus, once.
    QCOMPARE(events.size(), 1);
    QVERIFY(!session.isBusy());
    QVERIFY(session.reset());
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestKioskSession::resetForgetsWhatTheCustomerEntered()
{
    KioskSession session(*f->booking, f->terminal, nullptr);
    walkTo(session, m_c);
    QVERIFY(session.request().checkIn.isValid());
    QVERIFY(session.reset());
    QVERIFY(!session.request().checkIn.isValid());
    QVERIFY(!session.request().checkOut.isValid());
    QCOMPARE(session.request().guests, 1);
    QCOMPARE(session.request().campsiteId, 0);
    QVERIFY(session.request().customer.name.isEmpty());
    QVERIFY(session.request().customer.phone.isEmpty());
    QCOMPARE(session.offer().site.id, 0);
    QCOMPARE(session.offer().total, 0);
}

CAMPDESK_DB_TEST_MAIN(TestKioskSession)

#include "tst_kiosksession.moc"
