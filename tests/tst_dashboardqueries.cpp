// DashboardQueries on both databases: every figure of the dashboard from the read model after real bookings,
// check-ins, check-outs, a cancellation and a review; the read model kept in the write transactions equals a
// rebuild; a new day moves the 30-night window.
#include "bookingfixture.h"
#include "domain/dashboardqueries.h"
#include "domain/readmodel.h"

#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

class TestDashboardQueries : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void emptyDatabaseGivesZeros();
    void figuresFollowBookingsStaysCancellationsAndReviews();
    void guestLeavingOnTheDayOfArrivalIsTodaysDeparture();

private:
    std::unique_ptr<BookingFixture> f;
};

void TestDashboardQueries::init()
{
    f = std::make_unique<BookingFixture>();
    QVERIFY2(f->ok(), qPrintable(f->t->errorMessage()));
}

void TestDashboardQueries::cleanup()
{
    f.reset();
}

void TestDashboardQueries::emptyDatabaseGivesZeros()
{
    DashboardQueries queries(f->db());
    Result<DashboardSnapshot> s = queries.snapshot();
    CAMPDESK_VERIFY_OK(s);
    QCOMPARE(s->today, f->today());
    QCOMPARE(s->sites, 0);
    QCOMPARE(s->bookedSites.size(), 30);
    QCOMPARE(s->months.size(), 12);
    QCOMPARE(s->months.last().month, QDate(f->today().year(), f->today().month(), 1));
    QCOMPARE(s->revenueThisMonth, 0);
    QCOMPARE(s->reviewCount(), 0);
    QCOMPARE(s->averageRating(), 0.0);
    QCOMPARE(s->occupancy(0), 0.0);
    Result<QList<CampsiteStatusRow>> rows = queries.campsites();
    CAMPDESK_VERIFY_OK(rows);
    QVERIFY(rows->isEmpty());
}

void TestDashboardQueries::figuresFollowBookingsStaysCancellationsAndReviews()
{
    const QDate today = f->today();
    const QDateTime noon = f->clock.nowUtc();
    const Campsite a1 = f->addSite(QStringLiteral("A-01"), 40000);
    const Campsite a2 = f->addSite(QStringLiteral("A-02"), 50000);
    const Campsite a3 = f->addSite(QStringLiteral("A-03"), 60000);

    // Three days ago: a two-night stay on A-02 that checked in and leaves today.
    f->clock.set(noon.addDays(-3));
    const Reservation leaving = f->book(f->request(a2, 1, 2));
    f->clock.set(noon.addDays(-2));
    CAMPDESK_VERIFY_OK(f->booking->checkIn(BookingFixture::desk(), leaving.id));
    f->clock.set(noon);
    CAMPDESK_VERIFY_OK(f->booking->checkOut(BookingFixture::desk(), leaving.id));

    // Today: a party of three arrives on A-01 and checks in; A-02 is booked in five days; A-03 booked and cancelled.
    const Reservation staying
        = f->book(f->request(a1, 0, 2, QStringLiteral("010-2222-3333"), QStringLiteral("Emma Smith"), 3));
    CAMPDESK_VERIFY_OK(f->booking->checkIn(BookingFixture::desk(), staying.id));
    const Reservation coming = f->book(f->request(a2, 5, 2));
    const Reservation cancelled = f->book(f->request(a3, 10, 1));
    CancelRequest cancel;
    cancel.reservationId = cancelled.id;
    cancel.reason = QStringLiteral("plans changed");
    CAMPDESK_VERIFY_OK(f->booking->cancel(BookingFixture::desk(), cancel));

    DashboardQueries queries(f->db());
    Result<DashboardSnapshot> s = queries.snapshot();
    CAMPDESK_VERIFY_OK(s);
    QCOMPARE(s->sites, 3);
    QCOMPARE(s->occupiedToday, 1);
    QList<int> nights(30, 0);
    nights[0] = nights[1] = 1; // A-01 tonight and tomorrow
    nights[5] = nights[6] = 1; // A-02 in five days; the cancelled A-03 night is free again
    QCOMPARE(s->bookedSites, nights);
    QCOMPARE(s->occupancy(0), 1.0 / 3.0);
    QCOMPARE(s->arrivalsToday, 1);
    QCOMPARE(s->departuresToday, 1);
    QCOMPARE(s->guestsOnSite, 3);
    QCOMPARE(s->statusCounts, (std::array<qint64, 4> { 1, 1, 1, 1 }));

    // All paid this month (the fixture's day is the 4th); A-03 refunded in full (ten days ahead).
    const qint64 paid = 100000 + 80000 + 100000 + 60000;
    QCOMPARE(s->months.last().revenue, paid);
    QCOMPARE(s->months.last().refunds, 60000);
    QCOMPARE(s->revenueThisMonth, paid - 60000);
    QCOMPARE(s->months.last().pointsCredited, paid * 5 / 100);
    QCOMPARE(s->months.last().pointsDeducted, 3000);
    for (int i = 0; i < 11; ++i)
        QCOMPARE(s->months.at(i).revenue, 0);

    // The all-campsites rows agree.
    Result<QList<CampsiteStatusRow>> rows = queries.campsites();
    CAMPDESK_VERIFY_OK(rows);
    QCOMPARE(rows->size(), 3);
    const CampsiteStatusRow& r1 = rows->at(0);
    QCOMPARE(r1.code, QStringLiteral("A-01"));
    QCOMPARE(r1.currentReservationId, staying.id);
    QVERIFY(r1.currentCheckedIn);
    QCOMPARE(r1.currentGuest, QStringLiteral("Emma Smith"));
    QCOMPARE(r1.currentGuests, 3);
    QCOMPARE(r1.nights30, QStringLiteral("11") + QString(28, QLatin1Char('0')));
    QCOMPARE(r1.arrivalsToday, 1);
    const CampsiteStatusRow& r2 = rows->at(1);
    QCOMPARE(r2.currentReservationId, 0);
    QCOMPARE(r2.nextReservationId, coming.id);
    QCOMPARE(r2.nextCheckIn, today.addDays(5));
    QCOMPARE(r2.departuresToday, 1);
    QCOMPARE(r2.statusCounts, (std::array<int, 4> { 1, 0, 1, 0 }));
    QCOMPARE(rows->at(2).statusCounts, (std::array<int, 4> { 0, 0, 0, 1 }));
    QCOMPARE(rows->at(2).revenue, 0);

    // What the write transactions kept equals a rebuild from the tables.
    Result<QStringList> diff = ReadModel(f->db()).differencesFromRebuild();
    CAMPDESK_VERIFY_OK(diff);
    QVERIFY2(diff->isEmpty(), qPrintable(diff->join(QLatin1Char('\n'))));

    // Tomorrow: the window moves by a night, nobody arrives or leaves.
    f->clock.set(noon.addDays(1));
    s = queries.snapshot();
    CAMPDESK_VERIFY_OK(s);
    QCOMPARE(s->today, today.addDays(1));
    nights = QList<int>(30, 0);
    nights[0] = 1;
    nights[4] = nights[5] = 1;
    QCOMPARE(s->bookedSites, nights);
    QCOMPARE(s->arrivalsToday, 0);
    QCOMPARE(s->departuresToday, 0);
    QCOMPARE(s->guestsOnSite, 3);
}

// A guest who arrives and leaves the same day keeps the first night (the stay now ends tomorrow), yet left today:
// one of today's departures, not tomorrow's.
void TestDashboardQueries::guestLeavingOnTheDayOfArrivalIsTodaysDeparture()
{
    const QDateTime noon(f->today(), QTime(12, 0));
    const Campsite site = f->addSite(QStringLiteral("A-01"), 40000);
    const Reservation stay = f->book(f->request(site, 0, 3));
    CAMPDESK_VERIFY_OK(f->booking->checkIn(BookingFixture::desk(), stay.id));
    DashboardQueries queries(f->db());
    Result<DashboardSnapshot> s = queries.snapshot();
    CAMPDESK_VERIFY_OK(s);
    QCOMPARE(s->departuresToday, 0);

    Result<Reservation> left = f->booking->checkOut(BookingFixture::desk(), stay.id);
    CAMPDESK_VERIFY_OK(left);
    QCOMPARE(left->checkOut, f->today().addDays(1));
    s = queries.snapshot();
    CAMPDESK_VERIFY_OK(s);
    QCOMPARE(s->arrivalsToday, 1);
    QCOMPARE(s->departuresToday, 1);
    Result<QStringList> diff = ReadModel(f->db()).differencesFromRebuild();
    CAMPDESK_VERIFY_OK(diff);
    QVERIFY2(diff->isEmpty(), qPrintable(diff->join(QLatin1Char('\n'))));

    f->clock.set(noon.addDays(1));
    s = queries.snapshot();
    CAMPDESK_VERIFY_OK(s);
    QCOMPARE(s->departuresToday, 0);
}

CAMPDESK_DB_TEST_MAIN(TestDashboardQueries)
#include "tst_dashboardqueries.moc"
