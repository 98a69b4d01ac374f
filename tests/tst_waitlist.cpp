// The waitlist on both databases (issue 20, item 1): joining (validated, no duplicates, the kiosk too), an offer when
// a cancellation frees nights (a hold on the nights and the customer's message in the outbox), never the same nights to
// two entries, an offer that lapses going to the next entry, entries that expire, entries that do not fit skipped, the
// staff's reorder, remove, manual offer and convert, and the checker content throughout.
#include "bookingfixture.h"
#include "ops/waitlistofferer.h"

#include <QSignalSpy>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

class TestWaitlist : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void joinsAndRefusesDuplicatesAndBadInput();
    void cancellationOffersTheFirstFittingEntry();
    void theOffererReactsToTheEvent();
    void lapsedOfferGoesToTheNextEntry();
    void entriesExpireAfterTheirCheckIn();
    void entriesThatDoNotFitAreSkipped();
    void staffReorderRemoveOfferAndConvert();
    void offerTimeIsASetting();
    void anOfferIsPaidByItsCode();
    void aLapsedOfferIsNotPaid();
    void aDeclinedCardKeepsTheOffer();
    void aHoldThatLapsedDuringTheDeclineIsReleased();

private:
    WaitlistRequest wish(int daysAhead, int nights, const QString& phone, int guests = 2) const;
    WaitlistEntry entryByPhone(const QString& phone);
    std::unique_ptr<BookingFixture> f;
    std::unique_ptr<WaitlistService> waitlist;
};

void TestWaitlist::init()
{
    f = std::make_unique<BookingFixture>();
    QVERIFY2(f->ok(), qPrintable(f->t->errorMessage()));
    waitlist = std::make_unique<WaitlistService>(*f->booking);
}

void TestWaitlist::cleanup()
{
    waitlist.reset();
    f.reset();
}

WaitlistRequest TestWaitlist::wish(int daysAhead, int nights, const QString& phone, int guests) const
{
    WaitlistRequest r;
    r.checkIn = f->today().addDays(daysAhead);
    r.checkOut = r.checkIn.addDays(nights);
    r.guests = guests;
    r.customer.name = QStringLiteral("이서연");
    r.customer.phone = phone;
    r.customer.email = QStringLiteral("wait@example.com");
    return r;
}

WaitlistEntry TestWaitlist::entryByPhone(const QString& phone)
{
    Result<QList<WaitlistEntry>> all = waitlist->list(BookingFixture::desk());
    if (!all.ok())
        return WaitlistEntry();
    const QString digits = CustomerService::normalizePhone(phone).value_or(phone);
    for (const WaitlistEntry& e : all.value()) {
        if (e.phone == digits)
            return e;
    }
    return WaitlistEntry();
}

void TestWaitlist::joinsAndRefusesDuplicatesAndBadInput()
{
    CAMPDESK_VERIFY_OK(waitlist->join(BookingFixture::desk(), wish(3, 2, QStringLiteral("010-2222-3333"))));
    QCOMPARE(f->t->count(QStringLiteral("waitlist_entries"), QStringLiteral("status = 'waiting' AND channel = 'desk'")),
             1);
    // The same phone and dates, written another way: refused, nothing added.
    Status again = waitlist->join(BookingFixture::desk(), wish(3, 2, QStringLiteral("01022223333")));
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, ErrorCode::AlreadyDone);
    QCOMPARE(f->t->count(QStringLiteral("waitlist_entries")), 1);
    // Other dates are another entry; the kiosk may join.
    CAMPDESK_VERIFY_OK(waitlist->join(BookingFixture::desk(), wish(4, 2, QStringLiteral("010-2222-3333"))));
    CAMPDESK_VERIFY_OK(waitlist->join(BookingFixture::kiosk(), wish(3, 2, QStringLiteral("010-7777-8888"))));
    QCOMPARE(f->t->count(QStringLiteral("waitlist_entries"), QStringLiteral("channel = 'kiosk'")), 1);
    // Validated like a booking request.
    WaitlistRequest bad = wish(3, 2, QStringLiteral("010-5555-6666"));
    bad.checkOut = bad.checkIn;
    QCOMPARE(waitlist->join(BookingFixture::desk(), bad).error().code, ErrorCode::Invalid);
    bad = wish(-1, 2, QStringLiteral("010-5555-6666"));
    QCOMPARE(waitlist->join(BookingFixture::desk(), bad).error().code, ErrorCode::Invalid);
    bad = wish(3, 2, QStringLiteral("010-5555-6666"), 0);
    QCOMPARE(waitlist->join(BookingFixture::desk(), bad).error().code, ErrorCode::Invalid);
    bad = wish(3, 2, QStringLiteral("12"));
    QCOMPARE(waitlist->join(BookingFixture::desk(), bad).error().code, ErrorCode::Invalid);
    QCOMPARE(f->t->count(QStringLiteral("waitlist_entries")), 3);
    // The kiosk reads nobody's entries.
    QCOMPARE(waitlist->list(BookingFixture::kiosk()).error().code, ErrorCode::Forbidden);
}

void TestWaitlist::cancellationOffersTheFirstFittingEntry()
{
    const Campsite site = f->addSite(QStringLiteral("A-01"));
    const Reservation booked = f->book(f->request(site, 5, 2));
    CAMPDESK_VERIFY_OK(waitlist->join(BookingFixture::desk(), wish(5, 2, QStringLiteral("010-1111-0001"))));
    f->clock.advanceSecs(1);
    CAMPDESK_VERIFY_OK(waitlist->join(BookingFixture::desk(), wish(5, 2, QStringLiteral("010-1111-0002"))));
    Result<int> none = waitlist->sweep();
    CAMPDESK_VERIFY_OK(none);
    QCOMPARE(none.value(), 0); // nothing is free yet

    CancelRequest cancel;
    cancel.reservationId = booked.id;
    cancel.reason = QStringLiteral("plans changed");
    CAMPDESK_VERIFY_OK(f->booking->cancel(BookingFixture::desk(), cancel));
    const qint64 notificationsBefore = f->t->count(QStringLiteral("notifications"));
    Result<int> offers = waitlist->sweep();
    CAMPDESK_VERIFY_OK(offers);
    QCOMPARE(offers.value(), 1);

    const WaitlistEntry first = entryByPhone(QStringLiteral("010-1111-0001"));
    QCOMPARE(first.status, WaitlistStatus::Offered);
    QVERIFY(first.reservationId > 0);
    QCOMPARE(first.campsiteCode, QStringLiteral("A-01"));
    const qint64 twoHours = 2 * 60 * 60 * 1000;
    QCOMPARE(first.offerExpiresAt, f->clock.nowUtc().toMSecsSinceEpoch() + twoHours);
    // The offer is a hold on the nights, for this customer, lasting the offer time.
    Result<Reservation> held = f->booking->get(first.reservationId);
    CAMPDESK_VERIFY_OK(held);
    QCOMPARE(held->status, ReservationStatus::Held);
    QCOMPARE(held->customerPhone, QStringLiteral("01011110001"));
    QCOMPARE(held->holdExpiresAt, first.offerExpiresAt);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights"),
                         QStringLiteral("reservation_id = %1").arg(first.reservationId)),
             2);
    // The message: e-mail and SMS, with the booking code.
    QCOMPARE(f->t->count(QStringLiteral("notifications")), notificationsBefore + 2);
    QCOMPARE(f->t->count(QStringLiteral("notifications"),
                         QStringLiteral("reservation_id = %1 AND body LIKE '%%2%' AND channel IN ('email', 'webhook')")
                             .arg(first.reservationId)
                             .arg(held->code)),
             2);
    QCOMPARE(f->t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'waitlist.offer'")), 1);

    // The second entry is not offered the same nights, however often the sweep runs.
    offers = waitlist->sweep();
    CAMPDESK_VERIFY_OK(offers);
    QCOMPARE(offers.value(), 0);
    QCOMPARE(entryByPhone(QStringLiteral("010-1111-0002")).status, WaitlistStatus::Waiting);
    QCOMPARE(f->t->count(QStringLiteral("reservations"), QStringLiteral("status = 'held'")), 1);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestWaitlist::theOffererReactsToTheEvent()
{
    const Campsite site = f->addSite(QStringLiteral("B-01"));
    const Reservation booked = f->book(f->request(site, 2, 1));
    CAMPDESK_VERIFY_OK(waitlist->join(BookingFixture::desk(), wish(2, 1, QStringLiteral("010-3333-0001"))));
    WaitlistOfferer::Options options;
    options.sweepIntervalMs = 60 * 60 * 1000; // the event, not the timer, must bring the offer
    options.reactDelayMs = 10;
    WaitlistOfferer offerer(*waitlist, &f->bus, options);
    offerer.start();
    QCOMPARE(entryByPhone(QStringLiteral("010-3333-0001")).status, WaitlistStatus::Waiting);
    QSignalSpy offered(&offerer, &WaitlistOfferer::offered);
    CancelRequest cancel;
    cancel.reservationId = booked.id;
    CAMPDESK_VERIFY_OK(f->booking->cancel(BookingFixture::desk(), cancel));
    QTRY_COMPARE(offered.count(), 1);
    QCOMPARE(entryByPhone(QStringLiteral("010-3333-0001")).status, WaitlistStatus::Offered);
}

void TestWaitlist::lapsedOfferGoesToTheNextEntry()
{
    const Campsite site = f->addSite(QStringLiteral("C-01"));
    CAMPDESK_VERIFY_OK(waitlist->join(BookingFixture::desk(), wish(3, 2, QStringLiteral("010-4444-0001"))));
    f->clock.advanceSecs(1);
    CAMPDESK_VERIFY_OK(waitlist->join(BookingFixture::desk(), wish(3, 2, QStringLiteral("010-4444-0002"))));
    Result<int> offers = waitlist->sweep();
    CAMPDESK_VERIFY_OK(offers);
    QCOMPARE(offers.value(), 1);
    const WaitlistEntry first = entryByPhone(QStringLiteral("010-4444-0001"));
    QCOMPARE(first.status, WaitlistStatus::Offered);

    // Still within the two hours: nothing moves.
    f->clock.advanceSecs(119 * 60);
    CAMPDESK_VERIFY_OK(waitlist->sweep());
    QCOMPARE(entryByPhone(QStringLiteral("010-4444-0001")).status, WaitlistStatus::Offered);
    QCOMPARE(entryByPhone(QStringLiteral("010-4444-0002")).status, WaitlistStatus::Waiting);

    f->clock.advanceSecs(2 * 60);
    offers = waitlist->sweep();
    CAMPDESK_VERIFY_OK(offers);
    QCOMPARE(offers.value(), 1);
    QCOMPARE(entryByPhone(QStringLiteral("010-4444-0001")).status, WaitlistStatus::Expired);
    Result<Reservation> lapsed = f->booking->get(first.reservationId);
    CAMPDESK_VERIFY_OK(lapsed);
    QCOMPARE(lapsed->status, ReservationStatus::Expired);
    const WaitlistEntry second = entryByPhone(QStringLiteral("010-4444-0002"));
    QCOMPARE(second.status, WaitlistStatus::Offered);
    QCOMPARE(second.campsiteCode, site.code);
    QVERIFY(second.reservationId != first.reservationId);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights")), 2);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestWaitlist::entriesExpireAfterTheirCheckIn()
{
    const Campsite site = f->addSite(QStringLiteral("D-01"));
    f->book(f->request(site, 1, 1));
    CAMPDESK_VERIFY_OK(waitlist->join(BookingFixture::desk(), wish(1, 1, QStringLiteral("010-5555-0001"))));
    CAMPDESK_VERIFY_OK(waitlist->sweep());
    QCOMPARE(entryByPhone(QStringLiteral("010-5555-0001")).status, WaitlistStatus::Waiting);
    f->clock.advanceSecs(24 * 60 * 60); // check-in day: still waiting
    CAMPDESK_VERIFY_OK(waitlist->sweep());
    QCOMPARE(entryByPhone(QStringLiteral("010-5555-0001")).status, WaitlistStatus::Waiting);
    f->clock.advanceSecs(24 * 60 * 60);
    CAMPDESK_VERIFY_OK(waitlist->sweep());
    QCOMPARE(entryByPhone(QStringLiteral("010-5555-0001")).status, WaitlistStatus::Expired);
    // An expired entry no longer blocks joining again for the same dates (they are past anyway) or others.
    QCOMPARE(f->t->count(QStringLiteral("waitlist_entries"), QStringLiteral("status = 'waiting'")), 0);
}

void TestWaitlist::entriesThatDoNotFitAreSkipped()
{
    f->addSite(QStringLiteral("E-01"), 40000, 0, 4);
    CAMPDESK_VERIFY_OK(waitlist->join(BookingFixture::desk(), wish(3, 1, QStringLiteral("010-6666-0001"), 6)));
    f->clock.advanceSecs(1);
    WaitlistRequest cabin = wish(3, 1, QStringLiteral("010-6666-0002"));
    cabin.kind = CampsiteKind::Cabin; // the fixture's sites are auto-camping
    CAMPDESK_VERIFY_OK(waitlist->join(BookingFixture::desk(), cabin));
    f->clock.advanceSecs(1);
    CAMPDESK_VERIFY_OK(waitlist->join(BookingFixture::desk(), wish(3, 1, QStringLiteral("010-6666-0003"))));
    Result<int> offers = waitlist->sweep();
    CAMPDESK_VERIFY_OK(offers);
    QCOMPARE(offers.value(), 1);
    QCOMPARE(entryByPhone(QStringLiteral("010-6666-0001")).status, WaitlistStatus::Waiting); // party of six
    QCOMPARE(entryByPhone(QStringLiteral("010-6666-0002")).status, WaitlistStatus::Waiting); // wants a cabin
    QCOMPARE(entryByPhone(QStringLiteral("010-6666-0003")).status, WaitlistStatus::Offered);
}

void TestWaitlist::staffReorderRemoveOfferAndConvert()
{
    const Campsite site = f->addSite(QStringLiteral("F-01"));
    const Reservation booked = f->book(f->request(site, 3, 1));
    for (int i = 1; i <= 3; ++i) {
        CAMPDESK_VERIFY_OK(waitlist->join(BookingFixture::desk(), wish(3, 1, QStringLiteral("010-8888-000%1").arg(i))));
    }
    // Joined in the same millisecond: the order is by id; the third moves up twice to the top.
    const WaitlistEntry third = entryByPhone(QStringLiteral("010-8888-0003"));
    CAMPDESK_VERIFY_OK(waitlist->move(BookingFixture::desk(), third.id, true));
    CAMPDESK_VERIFY_OK(waitlist->move(BookingFixture::desk(), third.id, true));
    CAMPDESK_VERIFY_OK(waitlist->move(BookingFixture::desk(), third.id, true)); // already first: no change
    Result<QList<WaitlistEntry>> order = waitlist->list(BookingFixture::desk());
    CAMPDESK_VERIFY_OK(order);
    QCOMPARE(order->size(), 3);
    QCOMPARE(order->at(0).id, third.id);
    QCOMPARE(order->at(1).phone, QStringLiteral("01088880001"));
    QCOMPARE(order->at(2).phone, QStringLiteral("01088880002"));
    QCOMPARE(waitlist->move(BookingFixture::kiosk(), third.id, false).error().code, ErrorCode::Forbidden);

    // A manual offer while nothing is free says so.
    QCOMPARE(waitlist->offer(BookingFixture::desk(), third.id).error().code, ErrorCode::SiteTaken);
    CancelRequest cancel;
    cancel.reservationId = booked.id;
    CAMPDESK_VERIFY_OK(f->booking->cancel(BookingFixture::desk(), cancel));
    // Out of turn: the second in line is offered by hand.
    const WaitlistEntry first = entryByPhone(QStringLiteral("010-8888-0001"));
    Result<WaitlistEntry> offered = waitlist->offer(BookingFixture::desk(), first.id);
    CAMPDESK_VERIFY_OK(offered);
    QCOMPARE(offered->status, WaitlistStatus::Offered);
    QCOMPARE(waitlist->offer(BookingFixture::desk(), first.id).error().code, ErrorCode::AlreadyDone);

    // Removing the offered entry releases its hold; the sweep offers the nights to the top entry.
    CAMPDESK_VERIFY_OK(waitlist->remove(BookingFixture::desk(), first.id));
    QCOMPARE(f->booking->get(offered->reservationId)->status, ReservationStatus::Expired);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights")), 0);
    QCOMPARE(waitlist->remove(BookingFixture::desk(), first.id).error().code, ErrorCode::AlreadyDone);
    CAMPDESK_VERIFY_OK(waitlist->sweep());
    const WaitlistEntry top = entryByPhone(QStringLiteral("010-8888-0003"));
    QCOMPARE(top.status, WaitlistStatus::Offered);

    // Converted at the desk: paid through the usual step, booked.
    Result<Reservation> paid = waitlist->convert(BookingFixture::desk(), top.id, f->terminal);
    CAMPDESK_VERIFY_OK(paid);
    QCOMPARE(paid->status, ReservationStatus::Confirmed);
    QCOMPARE(paid->id, top.reservationId);
    QCOMPARE(entryByPhone(QStringLiteral("010-8888-0003")).status, WaitlistStatus::Booked);
    CAMPDESK_VERIFY_OK(waitlist->sweep());
    QCOMPARE(entryByPhone(QStringLiteral("010-8888-0002")).status, WaitlistStatus::Waiting);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestWaitlist::offerTimeIsASetting()
{
    QCOMPARE(waitlist->offerMinutes().value(), WaitlistService::defaultOfferMinutes);
    QCOMPARE(waitlist->setOfferMinutes(BookingFixture::desk(), 30).error().code, ErrorCode::Forbidden);
    QCOMPARE(waitlist->setOfferMinutes(BookingFixture::manager(), 1).error().code, ErrorCode::Invalid);
    CAMPDESK_VERIFY_OK(waitlist->setOfferMinutes(BookingFixture::manager(), 30));
    QCOMPARE(waitlist->offerMinutes().value(), 30);
    f->addSite(QStringLiteral("G-01"));
    CAMPDESK_VERIFY_OK(waitlist->join(BookingFixture::desk(), wish(2, 1, QStringLiteral("010-9999-0001"))));
    CAMPDESK_VERIFY_OK(waitlist->sweep());
    QCOMPARE(entryByPhone(QStringLiteral("010-9999-0001")).offerExpiresAt,
             f->clock.nowUtc().toMSecsSinceEpoch() + 30 * 60 * 1000);
}

void TestWaitlist::anOfferIsPaidByItsCode()
{
    const Campsite site = f->addSite(QStringLiteral("G-01"), 45000);
    CAMPDESK_VERIFY_OK(waitlist->join(BookingFixture::kiosk(), wish(4, 2, QStringLiteral("010-6161-0001"))));
    CAMPDESK_VERIFY_OK(waitlist->sweep());
    const WaitlistEntry entry = entryByPhone(QStringLiteral("010-6161-0001"));
    QCOMPARE(entry.status, WaitlistStatus::Offered);
    QVERIFY(!entry.reservationCode.isEmpty());

    // Only the code and the phone it was offered to, together, find it (typed in any case and format).
    for (const auto& [code, phone] :
         QList<QPair<QString, QString>> { { entry.reservationCode, QStringLiteral("010-6161-0002") },
                                          { QStringLiteral("CD-XXXXXX"), QStringLiteral("010-6161-0001") },
                                          { QString(), QStringLiteral("010-6161-0001") },
                                          { entry.reservationCode, QStringLiteral("12") } }) {
        Result<Reservation> miss = waitlist->findOffer(BookingFixture::kiosk(), code, phone);
        QVERIFY2(!miss.ok(), qPrintable(code + QLatin1Char(' ') + phone));
        QCOMPARE(miss.error().code, ErrorCode::NotFound);
    }
    // A real booking's code is no offer.
    const Reservation other = f->book(f->request(f->addSite(QStringLiteral("G-02")), 10, 1));
    QCOMPARE(waitlist->findOffer(BookingFixture::kiosk(), other.code, other.customerPhone).error().code,
             ErrorCode::NotFound);
    Result<Reservation> found
        = waitlist->findOffer(BookingFixture::kiosk(), entry.reservationCode.toLower(), QStringLiteral("01061610001"));
    CAMPDESK_VERIFY_OK(found);
    QCOMPARE(found->id, entry.reservationId);
    QCOMPARE(found->campsiteCode, site.code);
    QCOMPARE(found->checkIn, entry.checkIn);
    QCOMPARE(found->checkOut, entry.checkOut);
    QCOMPARE(found->amount, 2 * 45000);

    // Paid through the usual pay step at the kiosk: the booking is confirmed and the entry booked at once.
    const qint64 approvedBefore = f->t->count(QStringLiteral("payments"), QStringLiteral("status = 'approved'"));
    Result<Reservation> paid = waitlist->payOffer(BookingFixture::kiosk(), entry.reservationCode,
                                                  QStringLiteral("010-6161-0001"), f->terminal);
    CAMPDESK_VERIFY_OK(paid);
    QCOMPARE(paid->status, ReservationStatus::Confirmed);
    QCOMPARE(paid->id, entry.reservationId);
    QCOMPARE(f->t->count(QStringLiteral("payments"), QStringLiteral("status = 'approved'")), approvedBefore + 1);
    QCOMPARE(entryByPhone(QStringLiteral("010-6161-0001")).status, WaitlistStatus::Booked);
    // Once paid it is no offer any more: nothing is charged twice.
    Result<Reservation> again = waitlist->payOffer(BookingFixture::kiosk(), entry.reservationCode,
                                                   QStringLiteral("010-6161-0001"), f->terminal);
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, ErrorCode::AlreadyDone);
    QCOMPARE(f->t->count(QStringLiteral("payments"), QStringLiteral("reservation_id = %1").arg(entry.reservationId)),
             1);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestWaitlist::aLapsedOfferIsNotPaid()
{
    f->addSite(QStringLiteral("H-01"));
    CAMPDESK_VERIFY_OK(waitlist->join(BookingFixture::desk(), wish(4, 1, QStringLiteral("010-6262-0001"))));
    CAMPDESK_VERIFY_OK(waitlist->sweep());
    const WaitlistEntry entry = entryByPhone(QStringLiteral("010-6262-0001"));
    QCOMPARE(entry.status, WaitlistStatus::Offered);
    // Past the offer time (before any sweep released it): a clear "expired", and no payment is asked for.
    f->clock.advanceSecs(WaitlistService::defaultOfferMinutes * 60 + 1);
    Result<Reservation> lapsed
        = waitlist->findOffer(BookingFixture::kiosk(), entry.reservationCode, QStringLiteral("010-6262-0001"));
    QVERIFY(!lapsed.ok());
    QCOMPARE(lapsed.error().code, ErrorCode::AlreadyDone);
    QVERIFY(lapsed.error().message.contains(QStringLiteral("expired")));
    Result<Reservation> paid = waitlist->payOffer(BookingFixture::kiosk(), entry.reservationCode,
                                                  QStringLiteral("010-6262-0001"), f->terminal);
    QCOMPARE(paid.error().code, ErrorCode::AlreadyDone);
    QCOMPARE(f->t->count(QStringLiteral("payments")), 0);
    // After the sweep released it, the same answer.
    CAMPDESK_VERIFY_OK(waitlist->sweep());
    QCOMPARE(entryByPhone(QStringLiteral("010-6262-0001")).status, WaitlistStatus::Expired);
    QCOMPARE(waitlist->findOffer(BookingFixture::kiosk(), entry.reservationCode, QStringLiteral("010-6262-0001"))
                 .error()
                 .code,
             ErrorCode::AlreadyDone);
}

void TestWaitlist::aDeclinedCardKeepsTheOffer()
{
    f->addSite(QStringLiteral("J-01"), 40000);
    CAMPDESK_VERIFY_OK(waitlist->join(BookingFixture::kiosk(), wish(5, 2, QStringLiteral("010-6363-0001"))));
    CAMPDESK_VERIFY_OK(waitlist->sweep());
    const WaitlistEntry entry = entryByPhone(QStringLiteral("010-6363-0001"));
    QCOMPARE(entry.status, WaitlistStatus::Offered);
    const QString firstOrder = f->booking->get(entry.reservationId)->orderId;
    // A second customer waits for the same nights: a declined card must not hand them over.
    CAMPDESK_VERIFY_OK(waitlist->join(BookingFixture::kiosk(), wish(5, 2, QStringLiteral("010-6363-0002"))));
    const QString nights = QStringLiteral("reservation_id = %1").arg(entry.reservationId);

    f->terminal.scriptConfirmOutcomes({ PaymentOutcome::Status::Declined });
    Result<Reservation> declined = waitlist->payOffer(BookingFixture::kiosk(), entry.reservationCode,
                                                      QStringLiteral("010-6363-0001"), f->terminal);
    QVERIFY(!declined.ok());
    QCOMPARE(declined.error().code, ErrorCode::Payment);
    QCOMPARE(declined.error().field, QStringLiteral("holdKept"));
    Result<Reservation> held = f->booking->get(entry.reservationId);
    QCOMPARE(held->status, ReservationStatus::Held);
    QCOMPARE(held->holdExpiresAt, entry.offerExpiresAt); // the offer's own deadline, not a new one
    QVERIFY(held->orderId != firstOrder); // the refused order is spent; the next try is a new order
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights"), nights), 2);
    QCOMPARE(f->t->count(QStringLiteral("payments"),
                         QStringLiteral("status = 'failed' AND order_id = '%1'").arg(firstOrder)),
             1);
    CAMPDESK_VERIFY_OK(waitlist->sweep());
    QCOMPARE(entryByPhone(QStringLiteral("010-6363-0001")).status, WaitlistStatus::Offered);
    QCOMPARE(entryByPhone(QStringLiteral("010-6363-0002")).status, WaitlistStatus::Waiting);
    CAMPDESK_VERIFY_OK(
        waitlist->findOffer(BookingFixture::kiosk(), entry.reservationCode, QStringLiteral("010-6363-0001")));

    // Payments busy (the breaker's answer): the same, the offer stands.
    f->terminal.scriptConfirmOutcomes({ PaymentOutcome::Status::Unavailable });
    Result<Reservation> busy = waitlist->payOffer(BookingFixture::kiosk(), entry.reservationCode,
                                                  QStringLiteral("010-6363-0001"), f->terminal);
    QCOMPARE(busy.error().code, ErrorCode::PaymentsBusy);
    QCOMPARE(busy.error().field, QStringLiteral("holdKept"));
    QCOMPARE(f->booking->get(entry.reservationId)->status, ReservationStatus::Held);

    // Another card, some minutes later, with the same code: booked.
    f->clock.advanceSecs(10 * 60);
    Result<Reservation> paid = waitlist->payOffer(BookingFixture::kiosk(), entry.reservationCode,
                                                  QStringLiteral("010-6363-0001"), f->terminal);
    CAMPDESK_VERIFY_OK(paid);
    QCOMPARE(paid->status, ReservationStatus::Confirmed);
    QCOMPARE(paid->amount, 2 * 40000);
    QCOMPARE(entryByPhone(QStringLiteral("010-6363-0001")).status, WaitlistStatus::Booked);
    QCOMPARE(f->t->count(QStringLiteral("payments"),
                         QStringLiteral("reservation_id = %1 AND status = 'approved'").arg(entry.reservationId)),
             1);
    QCOMPARE(f->t->count(QStringLiteral("payments"),
                         QStringLiteral("reservation_id = %1 AND status = 'failed'").arg(entry.reservationId)),
             2);
    CAMPDESK_VERIFY_OK(waitlist->sweep());
    QCOMPARE(entryByPhone(QStringLiteral("010-6363-0002")).status, WaitlistStatus::Waiting);
    QVERIFY(BookingFixture::invariantsHold(f->db()));

    // A walk-in booking's declined card still frees its nights at once (the usual rule).
    const Campsite walkIn = f->addSite(QStringLiteral("J-02"), 30000);
    f->terminal.scriptConfirmOutcomes({ PaymentOutcome::Status::Declined });
    Result<Reservation> notBooked = f->booking->book(BookingFixture::kiosk(), f->request(walkIn, 20, 1), f->terminal);
    QCOMPARE(notBooked.error().code, ErrorCode::Payment);
    QVERIFY(notBooked.error().field.isEmpty());
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights"), QStringLiteral("campsite_id = %1").arg(walkIn.id)), 0);
}

void TestWaitlist::aHoldThatLapsedDuringTheDeclineIsReleased()
{
    f->addSite(QStringLiteral("K-01"));
    CAMPDESK_VERIFY_OK(waitlist->join(BookingFixture::desk(), wish(6, 1, QStringLiteral("010-6464-0001"))));
    CAMPDESK_VERIFY_OK(waitlist->sweep());
    const WaitlistEntry entry = entryByPhone(QStringLiteral("010-6464-0001"));
    QCOMPARE(entry.status, WaitlistStatus::Offered);
    // The payment begins in time; the card company answers "declined" after the offer's deadline.
    Result<PaymentRequest> request
        = f->booking->beginPayment(BookingFixture::kiosk(), entry.reservationId, f->terminal);
    CAMPDESK_VERIFY_OK(request);
    f->clock.advanceSecs(WaitlistService::defaultOfferMinutes * 60 + 1);
    PaymentOutcome no;
    no.status = PaymentOutcome::Status::Declined;
    Result<Reservation> late = f->booking->finishPayment(BookingFixture::kiosk(), entry.reservationId, f->terminal, no,
                                                         BookingService::OnFailure::KeepHold);
    QCOMPARE(late.error().code, ErrorCode::Payment);
    QVERIFY(late.error().field.isEmpty()); // not kept
    QCOMPARE(f->booking->get(entry.reservationId)->status, ReservationStatus::Expired);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights"),
                         QStringLiteral("reservation_id = %1").arg(entry.reservationId)),
             0);
    QCOMPARE(f->t->count(QStringLiteral("payments"), QStringLiteral("status = 'pending'")), 0);
    CAMPDESK_VERIFY_OK(waitlist->sweep());
    QCOMPARE(entryByPhone(QStringLiteral("010-6464-0001")).status, WaitlistStatus::Expired);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

CAMPDESK_DB_TEST_MAIN(TestWaitlist)
#include "tst_waitlist.moc"
