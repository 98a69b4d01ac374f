// Group bookings on both databases (issue 20 item 2): one payer and one payment for several sites, all or nothing;
// each part an ordinary booking refunded by its own rule; the whole group cancelled part by part in one go.
#include "bookingfixture.h"
#include "domain/groupbookingservice.h"
#include "domain/siteblockservice.h"

#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

class TestGroupBooking : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void holdsEveryPartUnderOnePayment();
    void differentDatesPerPart();
    void oneTakenPartHoldsNothing();
    void oneBlockedPartHoldsNothing();
    void invalidPartIsNamed();
    void sameSiteTwiceIsRefused();
    void declinedPaymentReleasesEveryPart();
    void busyPaymentReleasesEveryPart();
    void cancelOnePartRefundsItsShareByItsRule();
    void cancelWholeGroupRefundsEachPartByItsRule();
    void cancelWholeGroupTwiceIsAlreadyDone();
    void kioskCannotBookAGroup();

private:
    GroupRequest threeSites(int daysAhead = 10, int nights = 2);
    qint64 countHeldOrBooked() { return f->t->count(QStringLiteral("reservation_nights")); }

    std::unique_ptr<BookingFixture> f;
    std::unique_ptr<GroupBookingService> groups;
    QList<Campsite> sites;
};

void TestGroupBooking::init()
{
    f = std::make_unique<BookingFixture>();
    QVERIFY2(f->ok(), qPrintable(f->t->errorMessage()));
    groups = std::make_unique<GroupBookingService>(*f->booking);
    sites = { f->addSite(QStringLiteral("A-01"), 40000), f->addSite(QStringLiteral("A-02"), 50000),
              f->addSite(QStringLiteral("A-03"), 60000) };
}

void TestGroupBooking::cleanup()
{
    groups.reset();
    f.reset();
}

GroupRequest TestGroupBooking::threeSites(int daysAhead, int nights)
{
    GroupRequest request;
    request.payer.name = QStringLiteral("김민준");
    request.payer.phone = QStringLiteral("010-1234-5678");
    request.payer.email = QStringLiteral("club@example.com");
    for (const Campsite& site : sites) {
        GroupPart part;
        part.campsiteId = site.id;
        part.checkIn = f->today().addDays(daysAhead);
        part.checkOut = part.checkIn.addDays(nights);
        part.guests = 2;
        request.parts.append(part);
    }
    return request;
}

void TestGroupBooking::holdsEveryPartUnderOnePayment()
{
    // 2030-03-14 is a Thursday: two weekday nights at each site's nightly price.
    const GroupRequest request = threeSites();
    Result<GroupQuote> quote = groups->quote(request);
    CAMPDESK_VERIFY_OK(quote);
    QCOMPARE(quote->total, 2 * (40000 + 50000 + 60000));
    Result<BookingGroup> group = groups->book(BookingFixture::desk(), request, f->terminal);
    CAMPDESK_VERIFY_OK(group);
    QVERIFY(group->code.startsWith(QStringLiteral("GR-")));
    QCOMPARE(group->code.size(), 9);
    QCOMPARE(group->parts.size(), 3);
    QCOMPARE(group->count(ReservationStatus::Confirmed), 3);
    QCOMPARE(group->total(), quote->total);
    // One charge at the gateway, for the total; one payment row per part, each its share.
    QCOMPARE(f->terminal.orderStatus(group->orderId), PaymentOutcome::Status::Approved);
    for (int i = 0; i < 3; ++i) {
        const Reservation& part = group->parts.at(i);
        QCOMPARE(part.campsiteId, sites.at(i).id);
        QCOMPARE(part.amount, quote->parts.at(i).payable);
        QCOMPARE(GroupBookingService::chargedOrderId(part.orderId), group->orderId);
        QCOMPARE(f->terminal.orderStatus(part.orderId), PaymentOutcome::Status::NotFound);
        QCOMPARE(f->t->count(QStringLiteral("payments"),
                             QStringLiteral("order_id = '%1' AND status = 'approved' AND amount = %2")
                                 .arg(part.orderId)
                                 .arg(part.amount)),
                 1);
        // Its own lines and points, its own confirmation naming the group.
        QCOMPARE(f->t->count(QStringLiteral("reservation_lines"),
                             QStringLiteral("reservation_id = %1 AND kind = 'night'").arg(part.id)),
                 2);
        QCOMPARE(f->t->count(QStringLiteral("domain_events"),
                             QStringLiteral("type = 'ReservationConfirmed' AND aggregate_id = %1").arg(part.id)),
                 1);
        QCOMPARE(f->t->count(QStringLiteral("notifications"),
                             QStringLiteral("reservation_id = %1 AND body LIKE '%%2%'").arg(part.id).arg(group->code)),
                 1);
        Result<BookingGroup> found = groups->forReservation(part.id);
        CAMPDESK_VERIFY_OK(found);
        QCOMPARE(found->code, group->code);
    }
    QCOMPARE(f->t->count(QStringLiteral("audit_log"),
                         QStringLiteral("action = 'group.book' AND target = '%1'").arg(group->code)),
             1);
    QCOMPARE(countHeldOrBooked(), 6);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestGroupBooking::differentDatesPerPart()
{
    GroupRequest request = threeSites();
    request.parts[1].checkIn = f->today().addDays(20);
    request.parts[1].checkOut = f->today().addDays(23);
    request.parts[2].checkOut = request.parts[2].checkIn.addDays(1);
    request.parts[2].guests = 4;
    request.parts[2].children = 2;
    Result<BookingGroup> group = groups->book(BookingFixture::desk(), request, f->terminal);
    CAMPDESK_VERIFY_OK(group);
    QCOMPARE(group->parts.at(0).nights(), 2);
    QCOMPARE(group->parts.at(1).nights(), 3);
    QCOMPARE(group->parts.at(1).checkIn, f->today().addDays(20));
    QCOMPARE(group->parts.at(2).nights(), 1);
    QCOMPARE(group->parts.at(2).guests, 4);
    QCOMPARE(countHeldOrBooked(), 6);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestGroupBooking::oneTakenPartHoldsNothing()
{
    // The third site's second night is taken by a single booking: nothing of the group is held or charged.
    const Reservation single = f->book(f->request(sites.at(2), 11, 1, QStringLiteral("010-9999-0000")));
    QVERIFY(single.id > 0);
    const qint64 reservationsBefore = f->t->count(QStringLiteral("reservations"));
    Result<BookingGroup> group = groups->book(BookingFixture::desk(), threeSites(), f->terminal);
    QVERIFY(!group.ok());
    QCOMPARE(group.error().code, ErrorCode::SiteTaken);
    QVERIFY2(group.error().message.contains(QStringLiteral("A-03")), qPrintable(group.error().message));
    QCOMPARE(GroupBookingService::partOfField(group.error().field), 2);
    QCOMPARE(f->t->count(QStringLiteral("reservations")), reservationsBefore);
    QCOMPARE(f->t->count(QStringLiteral("booking_groups")), 0);
    QCOMPARE(f->t->count(QStringLiteral("payments"), QStringLiteral("status = 'pending'")), 0);
    QCOMPARE(countHeldOrBooked(), 1);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestGroupBooking::oneBlockedPartHoldsNothing()
{
    SiteBlockService blocks(f->db());
    SiteBlockRequest block;
    block.campsiteId = sites.at(1).id;
    block.from = f->today().addDays(10);
    block.to = f->today().addDays(11);
    block.reason = QStringLiteral("pump repair");
    CAMPDESK_VERIFY_OK(blocks.add(BookingFixture::manager(), block));
    Result<BookingGroup> group = groups->book(BookingFixture::desk(), threeSites(), f->terminal);
    QVERIFY(!group.ok());
    QCOMPARE(group.error().code, ErrorCode::SiteTaken);
    QVERIFY2(group.error().message.contains(QStringLiteral("pump repair")), qPrintable(group.error().message));
    QCOMPARE(GroupBookingService::partOfField(group.error().field), 1);
    QCOMPARE(f->t->count(QStringLiteral("reservations")), 0);
    QCOMPARE(countHeldOrBooked(), 1); // the block's night only
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestGroupBooking::invalidPartIsNamed()
{
    GroupRequest request = threeSites();
    request.parts[1].guests = 9; // the site takes four
    Result<BookingGroup> group = groups->hold(BookingFixture::desk(), request, f->terminal);
    QVERIFY(!group.ok());
    QCOMPARE(group.error().field, GroupBookingService::partField(1, QStringLiteral("guests")));
    QCOMPARE(f->t->count(QStringLiteral("reservations")), 0);
    request = threeSites();
    request.parts[2].checkOut = request.parts[2].checkIn; // validated as a single booking is
    QCOMPARE(groups->validate(request).error().field, GroupBookingService::partField(2, QStringLiteral("checkOut")));
    request = threeSites();
    request.payer.phone.clear();
    QCOMPARE(GroupBookingService::partOfField(groups->validate(request).error().field), -1);
    QVERIFY(groups->quote(request).ok()); // a price before the payer is typed in
    request.parts.clear();
    QCOMPARE(groups->validate(request).error().field, QStringLiteral("parts"));
}

void TestGroupBooking::sameSiteTwiceIsRefused()
{
    GroupRequest request = threeSites();
    request.parts[2].campsiteId = sites.at(0).id;
    request.parts[2].checkIn = request.parts[0].checkIn.addDays(1);
    request.parts[2].checkOut = request.parts[2].checkIn.addDays(2);
    Status valid = groups->validate(request);
    QVERIFY(!valid.ok());
    QCOMPARE(valid.error().field, GroupBookingService::partField(2, QStringLiteral("campsiteId")));
    // The same site on the nights after is two stays, fine.
    request.parts[2].checkIn = request.parts[0].checkOut;
    request.parts[2].checkOut = request.parts[2].checkIn.addDays(1);
    CAMPDESK_VERIFY_OK(groups->book(BookingFixture::desk(), request, f->terminal));
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestGroupBooking::declinedPaymentReleasesEveryPart()
{
    f->terminal.scriptConfirmOutcomes({ PaymentOutcome::Status::Declined });
    Result<BookingGroup> group = groups->book(BookingFixture::desk(), threeSites(), f->terminal);
    QVERIFY(!group.ok());
    QCOMPARE(group.error().code, ErrorCode::Payment);
    QCOMPARE(countHeldOrBooked(), 0);
    QCOMPARE(f->t->count(QStringLiteral("reservations"), QStringLiteral("status = 'expired'")), 3);
    QCOMPARE(f->t->count(QStringLiteral("reservations"), QStringLiteral("status <> 'expired'")), 0);
    QCOMPARE(f->t->count(QStringLiteral("payments"), QStringLiteral("status = 'failed'")), 3);
    QCOMPARE(f->t->count(QStringLiteral("domain_events"), QStringLiteral("type = 'ReservationConfirmed'")), 0);
    QCOMPARE(f->t->count(QStringLiteral("notifications")), 0);
    // The sites are free again: the same group books.
    CAMPDESK_VERIFY_OK(groups->book(BookingFixture::desk(), threeSites(), f->terminal));
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestGroupBooking::busyPaymentReleasesEveryPart()
{
    f->terminal.scriptConfirmOutcomes({ PaymentOutcome::Status::Unavailable });
    Result<BookingGroup> group = groups->book(BookingFixture::desk(), threeSites(), f->terminal);
    QVERIFY(!group.ok());
    QCOMPARE(group.error().code, ErrorCode::PaymentsBusy);
    QCOMPARE(countHeldOrBooked(), 0);
    // No answer in time, and the card company never saw the order: released too, nothing owed.
    f->terminal.scriptConfirmOutcomes({ PaymentOutcome::Status::Unknown });
    group = groups->book(BookingFixture::desk(), threeSites(), f->terminal);
    QVERIFY(!group.ok());
    QCOMPARE(countHeldOrBooked(), 0);
    QCOMPARE(f->t->count(QStringLiteral("payments"), QStringLiteral("status = 'pending'")), 0);
    // No answer in time, but the money was taken: looked up and confirmed.
    f->terminal.scriptConfirmOutcomes({ PaymentOutcome::Status::Unknown }, true);
    group = groups->book(BookingFixture::desk(), threeSites(), f->terminal);
    CAMPDESK_VERIFY_OK(group);
    QCOMPARE(group->count(ReservationStatus::Confirmed), 3);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestGroupBooking::cancelOnePartRefundsItsShareByItsRule()
{
    // Part 1 in 10 days (100%), part 2 in 5 days (50%).
    GroupRequest request = threeSites();
    request.parts[1].checkIn = f->today().addDays(5);
    request.parts[1].checkOut = f->today().addDays(7);
    Result<BookingGroup> group = groups->book(BookingFixture::desk(), request, f->terminal);
    CAMPDESK_VERIFY_OK(group);
    const Reservation first = group->parts.at(0);
    const Reservation second = group->parts.at(1);
    Result<Reservation> cancelled = groups->cancelPart(BookingFixture::desk(), second.id);
    CAMPDESK_VERIFY_OK(cancelled);
    QCOMPARE(cancelled->status, ReservationStatus::Cancelled);
    QCOMPARE(cancelled->refundAmount, second.amount / 2);
    QCOMPARE(f->terminal.refundedAmount(group->orderId), second.amount / 2);
    cancelled = groups->cancelPart(BookingFixture::desk(), first.id);
    CAMPDESK_VERIFY_OK(cancelled);
    QCOMPARE(cancelled->refundAmount, first.amount);
    // Two partial refunds of the one payment, each once.
    QCOMPARE(f->terminal.refundedAmount(group->orderId), second.amount / 2 + first.amount);
    QVERIFY(!groups->cancelPart(BookingFixture::desk(), first.id).ok());
    QCOMPARE(f->terminal.refundedAmount(group->orderId), second.amount / 2 + first.amount);
    Result<BookingGroup> now = groups->get(group->id);
    CAMPDESK_VERIFY_OK(now);
    QCOMPARE(now->count(ReservationStatus::Cancelled), 2);
    QCOMPARE(now->count(ReservationStatus::Confirmed), 1);
    QCOMPARE(countHeldOrBooked(), 2);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestGroupBooking::cancelWholeGroupRefundsEachPartByItsRule()
{
    // 10 days (100%), 5 days (50%), 1 day (0%).
    GroupRequest request = threeSites();
    request.parts[1].checkIn = f->today().addDays(5);
    request.parts[1].checkOut = f->today().addDays(6);
    request.parts[2].checkIn = f->today().addDays(1);
    request.parts[2].checkOut = f->today().addDays(2);
    Result<BookingGroup> group = groups->book(BookingFixture::desk(), request, f->terminal);
    CAMPDESK_VERIFY_OK(group);
    Result<BookingGroup> cancelled = groups->cancelGroup(BookingFixture::desk(), group->id, QStringLiteral("rain"));
    CAMPDESK_VERIFY_OK(cancelled);
    QCOMPARE(cancelled->count(ReservationStatus::Cancelled), 3);
    const qint64 expected[] = { group->parts.at(0).amount, group->parts.at(1).amount / 2, 0 };
    for (int i = 0; i < 3; ++i)
        QCOMPARE(cancelled->parts.at(i).refundAmount, expected[i]);
    QCOMPARE(f->terminal.refundedAmount(group->orderId), expected[0] + expected[1]);
    QCOMPARE(countHeldOrBooked(), 0);
    QCOMPARE(f->t->count(QStringLiteral("domain_events"), QStringLiteral("type = 'ReservationCancelled'")), 3);
    QCOMPARE(f->t->count(QStringLiteral("audit_log"),
                         QStringLiteral("action = 'group.cancel' AND target = '%1'").arg(group->code)),
             1);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestGroupBooking::cancelWholeGroupTwiceIsAlreadyDone()
{
    Result<BookingGroup> group = groups->book(BookingFixture::desk(), threeSites(), f->terminal);
    CAMPDESK_VERIFY_OK(group);
    // One part cancelled alone first: the group's cancel takes the other two, once.
    CAMPDESK_VERIFY_OK(groups->cancelPart(BookingFixture::desk(), group->parts.at(0).id));
    CAMPDESK_VERIFY_OK(groups->cancelGroup(BookingFixture::desk(), group->id));
    Result<BookingGroup> again = groups->cancelGroup(BookingFixture::desk(), group->id);
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, ErrorCode::AlreadyDone);
    QCOMPARE(f->terminal.refundedAmount(group->orderId), group->total());
    QCOMPARE(f->t->count(QStringLiteral("domain_events"), QStringLiteral("type = 'ReservationCancelled'")), 3);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestGroupBooking::kioskCannotBookAGroup()
{
    Result<BookingGroup> group = groups->book(BookingFixture::kiosk(), threeSites(), f->terminal);
    QVERIFY(!group.ok());
    QCOMPARE(group.error().code, ErrorCode::Forbidden);
    QCOMPARE(f->t->count(QStringLiteral("reservations")), 0);
}

CAMPDESK_DB_TEST_MAIN(TestGroupBooking)
#include "tst_groupbooking.moc"
