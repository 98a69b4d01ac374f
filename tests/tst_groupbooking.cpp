// Group bookings on both databases (issue 20 item 2): one payer and one payment for several sites, all or nothing;
// each part an ordinary booking refunded by its own rule; the whole group cancelled part by part in one go.
#include "bookingfixture.h"
#include "db/sqldates.h"
#include "domain/groupbookingservice.h"
#include "domain/mileageservice.h"
#include "domain/siteblockservice.h"

#include <QTest>
#include <numeric>

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
    void pointSharesAddUpToThePaymentsPoints();
    void paymentEarnsPointsOnTheTotalAndCancelsTakeThemBack();
    void changeWholeGroupShiftsEveryPartInOneGo();
    void changeWholeGroupExtendsAndShortensByTheRules();
    void changeWholeGroupIsAllOrNothingAndNamesThePart();
    void changeOfAGroupAnotherDeskChangedSinceIsRefused();

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

void TestGroupBooking::pointSharesAddUpToThePaymentsPoints()
{
    using Shares = QList<qint64>;
    QCOMPARE(GroupBookingService::pointShares(5000, { 33333, 33333, 33334 }), (Shares { 1667, 1666, 1667 }));
    QCOMPARE(GroupBookingService::pointShares(15000, { 80000, 100000, 120000 }), (Shares { 4000, 5000, 6000 }));
    QCOMPARE(GroupBookingService::pointShares(1, { 10, 10 }), (Shares { 1, 0 }));
    QCOMPARE(GroupBookingService::pointShares(0, { 10, 10 }), (Shares { 0, 0 }));
    QCOMPARE(GroupBookingService::pointShares(7, { 0, 0 }), (Shares { 0, 0 }));
    const Shares odd = GroupBookingService::pointShares(997, { 12345, 67891, 1, 99999 });
    QCOMPARE(std::accumulate(odd.cbegin(), odd.cend(), qint64(0)), qint64(997));
}

void TestGroupBooking::paymentEarnsPointsOnTheTotalAndCancelsTakeThemBack()
{
    // Three sites whose prices do not divide evenly: at 5%, each part alone would earn 1,666 (4,998 in all), while
    // one payment of 100,000 earns 5,000.
    sites = { f->addSite(QStringLiteral("P-01"), 33333), f->addSite(QStringLiteral("P-02"), 33333),
              f->addSite(QStringLiteral("P-03"), 33334) };
    GroupRequest request = threeSites(10, 1);
    Result<BookingGroup> group = groups->book(BookingFixture::desk(), request, f->terminal);
    CAMPDESK_VERIFY_OK(group);
    QCOMPARE(group->total(), 100000);
    MileageService mileage(f->db());
    QCOMPARE(mileage.balance(group->payerId).value(), 5000);
    const QList<qint64> shares { 1667, 1666, 1667 };
    for (int i = 0; i < 3; ++i) {
        const Reservation& part = group->parts.at(i);
        QCOMPARE(part.customerId, group->payerId);
        QCOMPARE(f->t->count(QStringLiteral("mileage_ledger"),
                             QStringLiteral("reason = 'payment' AND source_id = '%1' AND delta = %2")
                                 .arg(part.id)
                                 .arg(shares.at(i))),
                 1);
    }
    // A part cancelled (10 days ahead: full refund) takes back its share only.
    CAMPDESK_VERIFY_OK(groups->cancelPart(BookingFixture::desk(), group->parts.at(1).id));
    QCOMPARE(mileage.balance(group->payerId).value(), 5000 - 1666);
    // The rest of the group: everything it earned.
    CAMPDESK_VERIFY_OK(groups->cancelGroup(BookingFixture::desk(), group->id));
    QCOMPARE(mileage.balance(group->payerId).value(), 0);
    QCOMPARE(f->t->count(QStringLiteral("mileage_ledger"), QStringLiteral("reason = 'cancel'")), 3);
    QVERIFY(BookingFixture::invariantsHold(f->db()));

    // A second group of the same payer, cancelled whole at once: all its points back, the balance where it was.
    Result<BookingGroup> second = groups->book(BookingFixture::desk(), threeSites(20, 1), f->terminal);
    CAMPDESK_VERIFY_OK(second);
    QCOMPARE(mileage.balance(group->payerId).value(), 5000);
    CAMPDESK_VERIFY_OK(groups->cancelGroup(BookingFixture::desk(), second->id));
    QCOMPARE(mileage.balance(group->payerId).value(), 0);
}

void TestGroupBooking::changeWholeGroupShiftsEveryPartInOneGo()
{
    // Two parts on one site, one after the other, and a third elsewhere; paid at the desk in cash.
    GroupRequest request = threeSites(10, 2);
    request.parts[1].campsiteId = sites.at(0).id;
    request.parts[1].checkIn = f->today().addDays(12);
    request.parts[1].checkOut = f->today().addDays(14);
    Result<BookingGroup> group = groups->book(BookingFixture::desk(), request, f->deskPayment, QStringLiteral("cash"));
    CAMPDESK_VERIFY_OK(group);
    GroupChangeRequest change;
    change.groupId = group->id;
    change.shiftDays = 2; // the first part moves onto the nights the second gives up, in the same transaction
    Result<GroupChangeQuote> quote = groups->quoteChange(BookingFixture::desk(), change);
    CAMPDESK_VERIFY_OK(quote);
    QCOMPARE(quote->parts.size(), 3);
    QCOMPARE(quote->parts.at(0).reservation.id, group->parts.at(0).id); // in the group's order
    Result<BookingGroup> changed = groups->changeGroup(BookingFixture::desk(), change);
    CAMPDESK_VERIFY_OK(changed);
    for (int i = 0; i < 3; ++i) {
        const Reservation& was = group->parts.at(i);
        const Reservation& now = changed->parts.at(i);
        QCOMPARE(now.status, ReservationStatus::Confirmed);
        QCOMPARE(now.campsiteId, was.campsiteId);
        QCOMPARE(now.checkIn, was.checkIn.addDays(2));
        QCOMPARE(now.checkOut, was.checkOut.addDays(2));
        QCOMPARE(now.amount, quote->parts.at(i).newAmount);
        QCOMPARE(f->t->count(QStringLiteral("reservation_nights"),
                             QStringLiteral("reservation_id = %1 AND night >= '%2' AND night < '%3'")
                                 .arg(now.id)
                                 .arg(sqlDate(now.checkIn), sqlDate(now.checkOut))),
                 2);
        QCOMPARE(f->t->count(QStringLiteral("domain_events"),
                             QStringLiteral("type = 'ReservationModified' AND aggregate_id = %1").arg(now.id)),
                 1);
    }
    QCOMPARE(countHeldOrBooked(), 6);
    QCOMPARE(f->t->count(QStringLiteral("audit_log"),
                         QStringLiteral("action = 'group.change' AND target = '%1'").arg(group->code)),
             1);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
    // Nothing asked: refused, nothing written.
    change.shiftDays = 0;
    QCOMPARE(groups->changeGroup(BookingFixture::desk(), change).error().code, ErrorCode::Invalid);
    change.shiftDays = 1;
    QCOMPARE(groups->changeGroup(BookingFixture::kiosk(), change).error().code, ErrorCode::Forbidden);
}

void TestGroupBooking::changeWholeGroupExtendsAndShortensByTheRules()
{
    Result<BookingGroup> group
        = groups->book(BookingFixture::desk(), threeSites(10, 2), f->deskPayment, QStringLiteral("cash"));
    CAMPDESK_VERIFY_OK(group);
    MileageService mileage(f->db());
    const qint64 pointsBefore = mileage.balance(group->payerId).value();
    // One night more for everyone (a Saturday night: each site's weekend price), taken at the desk's card machine.
    GroupChangeRequest change;
    change.groupId = group->id;
    change.nightsDelta = 1;
    change.method = QStringLiteral("desk_card");
    Result<GroupChangeQuote> quote = groups->quoteChange(BookingFixture::desk(), change);
    CAMPDESK_VERIFY_OK(quote);
    QVERIFY(quote->extra > 0);
    QCOMPARE(quote->refund, 0);
    Result<BookingGroup> longer = groups->changeGroup(BookingFixture::desk(), change);
    CAMPDESK_VERIFY_OK(longer);
    qint64 paid = 0;
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(longer->parts.at(i).nights(), 3);
        QCOMPARE(longer->parts.at(i).amount, group->parts.at(i).amount + quote->parts.at(i).extra);
        // The payment row follows the money, as for one booking paid at the desk.
        QCOMPARE(f->t->count(QStringLiteral("payments"),
                             QStringLiteral("order_id = '%1' AND status = 'approved' "
                                            "AND amount = %2")
                                 .arg(longer->parts.at(i).orderId)
                                 .arg(longer->parts.at(i).amount)),
                 1);
        paid += longer->parts.at(i).amount;
    }
    QCOMPARE(longer->total(), group->total() + quote->extra);
    QVERIFY(mileage.balance(group->payerId).value() > pointsBefore); // the points follow the money
    // Two nights fewer, 10 days ahead: the price drop refunded by the rule (100%), the points taken back with it.
    change.nightsDelta = -2;
    change.method = QStringLiteral("cash");
    Result<GroupChangeQuote> shorter = groups->quoteChange(BookingFixture::desk(), change);
    CAMPDESK_VERIFY_OK(shorter);
    QCOMPARE(shorter->extra, 0);
    QVERIFY(shorter->refund > 0);
    Result<BookingGroup> oneNight = groups->changeGroup(BookingFixture::desk(), change);
    CAMPDESK_VERIFY_OK(oneNight);
    QCOMPARE(oneNight->total(), paid - shorter->refund);
    for (const Reservation& part : oneNight->parts)
        QCOMPARE(part.nights(), 1);
    QCOMPARE(countHeldOrBooked(), 3);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
    // Shorter than one night: refused on the part, nothing changed.
    change.nightsDelta = -1;
    Result<BookingGroup> none = groups->changeGroup(BookingFixture::desk(), change);
    QVERIFY(!none.ok());
    QVERIFY(GroupBookingService::partOfField(none.error().field) >= 0);
    QCOMPARE(countHeldOrBooked(), 3);
}

void TestGroupBooking::changeWholeGroupIsAllOrNothingAndNamesThePart()
{
    Result<BookingGroup> group
        = groups->book(BookingFixture::desk(), threeSites(10, 2), f->deskPayment, QStringLiteral("cash"));
    CAMPDESK_VERIFY_OK(group);
    // Someone else books the second site for the nights the group would move onto.
    const Reservation other = f->book(f->request(sites.at(1), 12, 1));
    GroupChangeRequest change;
    change.groupId = group->id;
    change.shiftDays = 1;
    const qint64 eventsBefore = f->t->count(QStringLiteral("domain_events"));
    Result<BookingGroup> refused = groups->changeGroup(BookingFixture::desk(), change);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::SiteTaken);
    QCOMPARE(GroupBookingService::partOfField(refused.error().field), 1);
    QVERIFY2(refused.error().message.contains(sites.at(1).code)
                 && refused.error().message.contains(group->parts.at(1).code),
             qPrintable(refused.error().message));
    // Nothing changed: every part on its old nights, no event, no audit row, the other booking untouched.
    Result<BookingGroup> now = groups->get(group->id);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(now->parts.at(i).checkIn, group->parts.at(i).checkIn);
        QCOMPARE(now->parts.at(i).version, group->parts.at(i).version);
        QCOMPARE(f->t->count(QStringLiteral("reservation_nights"),
                             QStringLiteral("reservation_id = %1 AND night = '%2'")
                                 .arg(group->parts.at(i).id)
                                 .arg(sqlDate(group->parts.at(i).checkIn))),
                 1);
    }
    QCOMPARE(f->t->count(QStringLiteral("domain_events")), eventsBefore);
    QCOMPARE(f->t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'group.change'")), 0);
    QCOMPARE(f->booking->get(other.id)->status, ReservationStatus::Confirmed);
    QCOMPARE(countHeldOrBooked(), 6 + 1);
    QVERIFY(BookingFixture::invariantsHold(f->db()));

    // A part paid by card through the payment service cannot take a different price here (as one booking cannot):
    // the error names it and nothing changes.
    Result<BookingGroup> byCard = groups->book(BookingFixture::desk(), threeSites(30, 1), f->terminal);
    CAMPDESK_VERIFY_OK(byCard);
    change.groupId = byCard->id;
    change.shiftDays = 0;
    change.nightsDelta = 1;
    Result<BookingGroup> card = groups->changeGroup(BookingFixture::desk(), change);
    QVERIFY(!card.ok());
    QVERIFY2(card.error().message.contains(byCard->parts.at(0).code), qPrintable(card.error().message));
    QCOMPARE(groups->get(byCard->id)->parts.at(0).nights(), 1);
    // Nor was the card charged for it (a charge from inside the group's transaction could not be undone).
    QCOMPARE(f->t->count(QStringLiteral("payments"), QStringLiteral("order_id LIKE '%-chg%'")), 0);
}

// Two desks showed the group; one moves it a day later. The other's change (made from what it showed) is refused and
// moves nothing: the group never moves twice for one move each desk saw. The same change asked afresh goes through.
void TestGroupBooking::changeOfAGroupAnotherDeskChangedSinceIsRefused()
{
    Result<BookingGroup> group
        = groups->book(BookingFixture::desk(), threeSites(10, 1), f->deskPayment, QStringLiteral("cash"));
    CAMPDESK_VERIFY_OK(group);
    GroupChangeRequest shown;
    shown.groupId = group->id;
    shown.shiftDays = 1;
    for (const Reservation& part : group->parts)
        shown.seenVersions.insert(part.id, part.version);
    CAMPDESK_VERIFY_OK(groups->changeGroup(BookingFixture::desk(), shown)); // the first desk
    Result<BookingGroup> second = groups->changeGroup(BookingFixture::desk(), shown);
    QVERIFY(!second.ok());
    QCOMPARE(second.error().code, ErrorCode::AlreadyDone);
    QVERIFY2(second.error().message.contains(group->code), qPrintable(second.error().message));
    Result<BookingGroup> now = groups->get(group->id);
    CAMPDESK_VERIFY_OK(now);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(now->parts.at(i).checkIn, group->parts.at(i).checkIn.addDays(1));
        QCOMPARE(now->parts.at(i).version, group->parts.at(i).version + 1);
    }
    // A part cancelled since the desk looked stops the change too.
    GroupChangeRequest fresh = shown;
    fresh.seenVersions.clear();
    for (const Reservation& part : now->parts)
        fresh.seenVersions.insert(part.id, part.version);
    CAMPDESK_VERIFY_OK(groups->cancelPart(BookingFixture::desk(), now->parts.at(2).id));
    QCOMPARE(groups->changeGroup(BookingFixture::desk(), fresh).error().code, ErrorCode::AlreadyDone);
    QCOMPARE(groups->get(group->id)->parts.at(0).checkIn, group->parts.at(0).checkIn.addDays(1));
    fresh.seenVersions.clear(); // as it is now: the two parts still booked move
    Result<BookingGroup> moved = groups->changeGroup(BookingFixture::desk(), fresh);
    CAMPDESK_VERIFY_OK(moved);
    QCOMPARE(moved->parts.at(0).checkIn, group->parts.at(0).checkIn.addDays(2));
    QCOMPARE(moved->parts.at(2).status, ReservationStatus::Cancelled);
    QCOMPARE(f->t->count(QStringLiteral("audit_log"),
                         QStringLiteral("action = 'group.change' AND target = '%1'").arg(group->code)),
             2);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

CAMPDESK_DB_TEST_MAIN(TestGroupBooking)
#include "tst_groupbooking.moc"
