// The front desk's day (issue 18), on both databases: a guest leaving before the last night frees the nights from
// tonight on (a walk-in can have them), the stay ends that day, and the read model, the rack's nights and the
// invariants agree; leaving on the day of arrival keeps the first night; a check-out on the last morning changes
// nothing.
#include "bookingfixture.h"
#include "domain/readmodel.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

class TestFrontDesk : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void earlyDepartureFreesTheRemainingNights();
    void checkOutOnTheLastMorningChangesNothing();
    void leavingOnTheDayOfArrivalKeepsTheFirstNight();

private:
    QJsonObject lastCheckOutPayload(qint64 reservationId);
    std::unique_ptr<BookingFixture> f;
};

void TestFrontDesk::init()
{
    f = std::make_unique<BookingFixture>();
    QVERIFY2(f->ok(), qPrintable(f->t->errorMessage()));
}

void TestFrontDesk::cleanup()
{
    f.reset();
}

QJsonObject TestFrontDesk::lastCheckOutPayload(qint64 reservationId)
{
    Result<QString> payload = f->db().read([&](SqlSession& s) -> Result<QString> {
        return s
            .scalar(QStringLiteral("SELECT payload FROM domain_events WHERE type = 'ReservationCheckedOut' AND "
                                   "aggregate_id = ? ORDER BY id DESC LIMIT 1"),
                    { reservationId })
            .toString();
    });
    return payload.ok() ? QJsonDocument::fromJson(payload.value().toUtf8()).object() : QJsonObject();
}

void TestFrontDesk::earlyDepartureFreesTheRemainingNights()
{
    const Campsite site = f->addSite(QStringLiteral("E-01"), 40000);
    const Reservation stay = f->book(f->request(site, 0, 4)); // four nights from today
    CAMPDESK_VERIFY_OK(f->booking->checkIn(BookingFixture::desk(), stay.id));
    // A walk-in for the third night: taken.
    const QDate third = f->today().addDays(2);
    BookingRequest walkIn = f->request(site, 2, 1, QStringLiteral("010-2222-3333"));
    QCOMPARE(f->booking->hold(BookingFixture::desk(), walkIn).error().code, ErrorCode::SiteTaken);

    // The guest leaves on the second day, before its night.
    f->clock.advanceSecs(24 * 3600);
    Result<Reservation> out = f->booking->checkOut(BookingFixture::desk(), stay.id);
    CAMPDESK_VERIFY_OK(out);
    QCOMPARE(out->status, ReservationStatus::CheckedOut);
    QCOMPARE(out->checkIn, stay.checkIn);
    QCOMPARE(out->checkOut, f->today()); // the stay ends today
    QCOMPARE(out->amount, stay.amount); // no refund unless staff give one
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights"), QStringLiteral("reservation_id = %1").arg(stay.id)), 1);
    const QJsonObject payload = lastCheckOutPayload(stay.id);
    QCOMPARE(payload.value(QStringLiteral("earlyDeparture")).toBool(), true);
    QCOMPARE(payload.value(QStringLiteral("nightsFreed")).toInteger(), 3);
    QCOMPARE(payload.value(QStringLiteral("bookedCheckOut")).toString(), sqlDate(stay.checkOut));
    QCOMPARE(f->t->count(QStringLiteral("audit_log"),
                         QStringLiteral("action = 'reservation.check_out' AND details LIKE 'left early: 3 night(s)%'")),
             1);

    // Tonight and the nights after are free again.
    Result<Reservation> tonight = f->booking->book(
        BookingFixture::desk(), f->request(site, 0, 1, QStringLiteral("010-4444-5555")), f->terminal);
    CAMPDESK_VERIFY_OK(tonight);
    Result<Reservation> thirdNight = f->booking->hold(BookingFixture::desk(), walkIn);
    CAMPDESK_VERIFY_OK(thirdNight);
    QCOMPARE(thirdNight->checkIn, third);
    // A second check-out is already done, and frees nothing more.
    QCOMPARE(f->booking->checkOut(BookingFixture::desk(), stay.id).error().code, ErrorCode::AlreadyDone);
    QCOMPARE(f->t->count(QStringLiteral("domain_events"),
                         QStringLiteral("type = 'ReservationCheckedOut' AND aggregate_id = %1").arg(stay.id)),
             1);
    // The checker (and the read model against a rebuild) agree.
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestFrontDesk::checkOutOnTheLastMorningChangesNothing()
{
    const Campsite site = f->addSite(QStringLiteral("E-02"), 40000);
    const Reservation stay = f->book(f->request(site, 0, 2));
    CAMPDESK_VERIFY_OK(f->booking->checkIn(BookingFixture::desk(), stay.id));
    f->clock.advanceSecs(2 * 24 * 3600); // the morning of the booked check-out day
    Result<Reservation> out = f->booking->checkOut(BookingFixture::desk(), stay.id);
    CAMPDESK_VERIFY_OK(out);
    QCOMPARE(out->checkOut, stay.checkOut);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights"), QStringLiteral("reservation_id = %1").arg(stay.id)), 2);
    QVERIFY(!lastCheckOutPayload(stay.id).contains(QStringLiteral("earlyDeparture")));
    QCOMPARE(
        f->t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'reservation.check_out' AND details = ''")),
        1);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestFrontDesk::leavingOnTheDayOfArrivalKeepsTheFirstNight()
{
    const Campsite site = f->addSite(QStringLiteral("E-03"), 40000);
    const Reservation stay = f->book(f->request(site, 0, 3));
    CAMPDESK_VERIFY_OK(f->booking->checkIn(BookingFixture::desk(), stay.id));
    Result<Reservation> out = f->booking->checkOut(BookingFixture::desk(), stay.id);
    CAMPDESK_VERIFY_OK(out);
    QCOMPARE(out->checkOut, f->today().addDays(1));
    QCOMPARE(lastCheckOutPayload(stay.id).value(QStringLiteral("nightsFreed")).toInteger(), 2);
    QVERIFY(
        f->booking->hold(BookingFixture::desk(), f->request(site, 0, 1, QStringLiteral("010-2222-3333"))).error().code
        == ErrorCode::SiteTaken);
    CAMPDESK_VERIFY_OK(
        f->booking->hold(BookingFixture::desk(), f->request(site, 1, 2, QStringLiteral("010-2222-3333"))));
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

CAMPDESK_DB_TEST_MAIN(TestFrontDesk)
#include "tst_frontdesk.moc"
