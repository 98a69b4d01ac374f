// Cancellation on both databases: refunds by the manager's rule table, staff overrides, the kiosk's own
// bookings only, mileage undone, payments cancelled from the desk or at the gateway, and what is refused.
#include "bookingfixture.h"
#include "domain/mileageservice.h"
#include "domain/readmodel.h"
#include "domain/rulesettings.h"
#include "domain/statustext.h"

#include <QSignalSpy>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

class TestCancellation : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void refundFollowsTheRuleBand_data();
    void refundFollowsTheRuleBand();
    void cancelFreesNightsUndoesMileageAndQueuesTheNotice();
    void doubleCancelIsRefused();
    void cancelAfterCheckInIsRefused();
    void kioskCancelsOnlyItsOwnBooking();
    void staffOverrideNeedsAReasonAndIsAudited();
    void managerEditsTheRuleTable();
    void refusedRefundChangesNothing();
    void paymentCancelledAtTheDeskCancelsTheReservation();
    void paymentFoundCancelledAtTheGatewayCancelsTheReservation();
    void usedPointsComeBackAndSpentPointsComeOffTheRefund();

private:
    std::unique_ptr<BookingFixture> f;
};

void TestCancellation::init()
{
    f = std::make_unique<BookingFixture>();
    QVERIFY2(f->ok(), qPrintable(f->t->errorMessage()));
}

void TestCancellation::cleanup()
{
    f.reset();
}

void TestCancellation::refundFollowsTheRuleBand_data()
{
    QTest::addColumn<int>("daysBefore");
    QTest::addColumn<int>("percent");
    QTest::newRow("30 days") << 30 << 100;
    QTest::newRow("7 days") << 7 << 100;
    QTest::newRow("6 days") << 6 << 50;
    QTest::newRow("3 days") << 3 << 50;
    QTest::newRow("2 days") << 2 << 0;
    QTest::newRow("same day") << 0 << 0;
}

void TestCancellation::refundFollowsTheRuleBand()
{
    QFETCH(int, daysBefore);
    QFETCH(int, percent);
    const Campsite site = f->addSite(QStringLiteral("A-01"), 50000);
    const Reservation r = f->book(f->request(site, daysBefore, 2));
    QVERIFY(r.id > 0);
    CancelRequest request;
    request.reservationId = r.id;
    Result<CancelQuote> quote = f->booking->cancellationQuote(BookingFixture::desk(), request);
    CAMPDESK_VERIFY_OK(quote);
    QCOMPARE(quote->daysBefore, daysBefore);
    QCOMPARE(quote->refundPercent, percent);
    Result<Reservation> cancelled = f->booking->cancel(BookingFixture::desk(), request);
    CAMPDESK_VERIFY_OK(cancelled);
    const qint64 refund = 100000 * percent / 100;
    QCOMPARE(cancelled->status, ReservationStatus::Cancelled);
    QCOMPARE(cancelled->refundAmount, refund);
    QCOMPARE(f->terminal.orderStatus(r.orderId), PaymentOutcome::Status::Cancelled);
    QCOMPARE(f->terminal.refundedAmount(r.orderId), refund);
    QCOMPARE(f->t->count(QStringLiteral("payments"),
                         QStringLiteral("status = 'cancelled' AND refund_amount = %1").arg(refund)),
             1);
    Result<QStringList> diff = ReadModel(f->db()).differencesFromRebuild();
    CAMPDESK_VERIFY_OK(diff);
    QVERIFY2(diff->isEmpty(), qPrintable(diff->join(QLatin1Char('\n'))));
}

void TestCancellation::cancelFreesNightsUndoesMileageAndQueuesTheNotice()
{
    const Campsite site = f->addSite(QStringLiteral("B-01"), 40000);
    const Reservation r = f->book(f->request(site, 10, 3));
    QVERIFY(r.id > 0);
    QSignalSpy paymentCancelled(&f->bus, &EventBus::paymentCancelled);
    QSignalSpy reservationCancelled(&f->bus, &EventBus::reservationCancelled);
    QSignalSpy deducted(&f->bus, &EventBus::mileageDeducted);
    CancelRequest request;
    request.reservationId = r.id;
    request.reason = QStringLiteral("plans changed");
    CAMPDESK_VERIFY_OK(f->booking->cancel(BookingFixture::desk(), request));
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights")), 0);
    QCOMPARE(paymentCancelled.count(), 1);
    QCOMPARE(reservationCancelled.count(), 1);
    QCOMPARE(deducted.count(), 1);
    QCOMPARE(deducted.at(0).at(0).value<DomainEvent>().payload.value(QStringLiteral("points")).toInteger(), 6000);
    Result<qint64> balance = MileageService(f->db()).balance(r.customerId);
    CAMPDESK_VERIFY_OK(balance);
    QCOMPARE(balance.value(), 0);
    QCOMPARE(f->t->count(QStringLiteral("mileage_ledger"), QStringLiteral("reason = 'cancel' AND delta = -6000")), 1);
    QCOMPARE(f->t->count(QStringLiteral("notifications"),
                         QStringLiteral("subject LIKE '%cancel%' OR subject LIKE '%취소%'")),
             1);
    QCOMPARE(f->t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'reservation.cancel'")), 1);
    // The site is free again for someone else.
    QVERIFY(f->book(f->request(site, 10, 3, QStringLiteral("010-4444-5555"))).id > 0);
}

void TestCancellation::doubleCancelIsRefused()
{
    const Campsite site = f->addSite(QStringLiteral("C-01"));
    const Reservation r = f->book(f->request(site, 10, 1));
    CancelRequest request;
    request.reservationId = r.id;
    CAMPDESK_VERIFY_OK(f->booking->cancel(BookingFixture::desk(), request));
    const int refundsAsked = f->terminal.cancelCalls();
    Result<Reservation> again = f->booking->cancel(BookingFixture::desk(), request);
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, ErrorCode::AlreadyDone);
    QVERIFY2(again.error().message.contains(QLatin1String("already cancelled")), qPrintable(again.error().message));
    QCOMPARE(f->terminal.cancelCalls(), refundsAsked); // never refunded twice
    QCOMPARE(f->t->count(QStringLiteral("mileage_ledger"), QStringLiteral("reason = 'cancel'")), 1);
    QCOMPARE(f->t->count(QStringLiteral("domain_events"), QStringLiteral("type = 'ReservationCancelled'")), 1);
}

void TestCancellation::cancelAfterCheckInIsRefused()
{
    const Campsite site = f->addSite(QStringLiteral("D-01"));
    const Reservation r = f->book(f->request(site, 0, 2));
    CAMPDESK_VERIFY_OK(f->booking->checkIn(BookingFixture::desk(), r.id));
    CancelRequest request;
    request.reservationId = r.id;
    Result<Reservation> refused = f->booking->cancel(BookingFixture::manager(), request);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(QLatin1String("after check-in")), qPrintable(refused.error().message));
    QCOMPARE(f->terminal.cancelCalls(), 0);
    Result<Reservation> byPayment
        = f->booking->cancelByPayment(BookingFixture::manager(), r.orderId, QStringLiteral("test"));
    QVERIFY(!byPayment.ok());
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights")), 2);
}

void TestCancellation::kioskCancelsOnlyItsOwnBooking()
{
    const Campsite site = f->addSite(QStringLiteral("E-01"));
    const Reservation mine = f->book(f->request(site, 10, 1, QStringLiteral("010-1111-2222")));
    const Reservation theirs
        = f->book(f->request(site, 12, 1, QStringLiteral("010-3333-4444"), QStringLiteral("Choi")));
    CancelRequest byId;
    byId.reservationId = theirs.id; // a kiosk cannot name a booking by id
    byId.phone = QStringLiteral("010-1111-2222");
    Result<Reservation> refused = f->booking->cancel(BookingFixture::kiosk(), byId);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::NotFound);
    CancelRequest wrongPhone;
    wrongPhone.code = theirs.code;
    wrongPhone.phone = QStringLiteral("010-1111-2222");
    QCOMPARE(f->booking->cancel(BookingFixture::kiosk(), wrongPhone).error().code, ErrorCode::NotFound);
    CancelRequest override;
    override.code = mine.code;
    override.phone = QStringLiteral("01011112222");
    override.refundOverride = 1;
    override.reason = QStringLiteral("please");
    QCOMPARE(f->booking->cancel(BookingFixture::kiosk(), override).error().code, ErrorCode::Forbidden);
    QCOMPARE(f->terminal.cancelCalls(), 0);

    CancelRequest own;
    own.code = mine.code.toLower();
    own.phone = QStringLiteral("010 1111 2222");
    Result<Reservation> ok = f->booking->cancel(BookingFixture::kiosk(), own);
    CAMPDESK_VERIFY_OK(ok);
    QCOMPARE(ok->id, mine.id);
    Result<Reservation> other = f->booking->get(theirs.id);
    CAMPDESK_VERIFY_OK(other);
    QCOMPARE(other->status, ReservationStatus::Confirmed);
}

void TestCancellation::staffOverrideNeedsAReasonAndIsAudited()
{
    const Campsite site = f->addSite(QStringLiteral("F-01"), 60000);
    const Reservation r = f->book(f->request(site, 1, 1)); // 0% by the rules
    CancelRequest request;
    request.reservationId = r.id;
    request.refundOverride = 60000;
    Result<Reservation> noReason = f->booking->cancel(BookingFixture::desk(), request);
    QVERIFY(!noReason.ok());
    QCOMPARE(noReason.error().field, QStringLiteral("reason"));
    request.refundOverride = 60001;
    request.reason = QStringLiteral("storm warning");
    QCOMPARE(f->booking->cancel(BookingFixture::desk(), request).error().field, QStringLiteral("refundOverride"));
    QCOMPARE(f->terminal.cancelCalls(), 0);

    request.refundOverride = 60000;
    Result<Reservation> done = f->booking->cancel(BookingFixture::desk(), request);
    CAMPDESK_VERIFY_OK(done);
    QCOMPARE(done->refundAmount, 60000);
    // Stored as a code with the staff's reason, shown as a sentence in the reader's language.
    Result<QString> details = f->db().read([](SqlSession& s) -> Result<QString> {
        return s.scalar(QStringLiteral("SELECT details FROM audit_log WHERE action = 'reservation.cancel'")).toString();
    });
    CAMPDESK_VERIFY_OK(details);
    QVERIFY2(details->contains(QLatin1String("\"cancel.refund\"")), qPrintable(details.value()));
    const QString shown = StatusText::name(QStringLiteral("auditDetails"), details.value());
    QVERIFY2(shown.startsWith(QLatin1String("Refund 60,000 (1 day")) && shown.endsWith(QLatin1String("storm warning")),
             qPrintable(shown));
}

void TestCancellation::managerEditsTheRuleTable()
{
    RuleSettings settings(f->db());
    Result<BookingRules> defaults = settings.get();
    CAMPDESK_VERIFY_OK(defaults);
    QCOMPARE(defaults->cancellation, (QList<CancellationBand> { { 7, 100 }, { 3, 50 }, { 0, 0 } }));
    BookingRules rules = defaults.value();
    rules.cancellation = { { 0, 20 }, { 14, 90 } };
    QCOMPARE(settings.set(BookingFixture::desk(), rules).error().code, ErrorCode::Forbidden);
    BookingRules broken = rules;
    broken.cancellation.append({ 14, 80 });
    QVERIFY(!settings.set(BookingFixture::manager(), broken).ok());
    QSignalSpy changed(&f->bus, &EventBus::settingsChanged);
    CAMPDESK_VERIFY_OK(settings.set(BookingFixture::manager(), rules));
    QCOMPARE(changed.count(), 1);
    Result<BookingRules> stored = settings.get();
    CAMPDESK_VERIFY_OK(stored);
    QCOMPARE(stored->cancellation, (QList<CancellationBand> { { 14, 90 }, { 0, 20 } }));

    const Campsite site = f->addSite(QStringLiteral("G-01"), 10000);
    const Reservation r = f->book(f->request(site, 10, 1));
    CancelRequest request;
    request.reservationId = r.id;
    Result<Reservation> cancelled = f->booking->cancel(BookingFixture::desk(), request);
    CAMPDESK_VERIFY_OK(cancelled);
    QCOMPARE(cancelled->refundAmount, 2000);
}

void TestCancellation::refusedRefundChangesNothing()
{
    const Campsite site = f->addSite(QStringLiteral("H-01"));
    const Reservation r = f->book(f->request(site, 10, 1));
    f->terminal.scriptCancelOutcomes({ PaymentOutcome::Status::Declined });
    CancelRequest request;
    request.reservationId = r.id;
    const qint64 events = f->t->count(QStringLiteral("domain_events"));
    Result<Reservation> failed = f->booking->cancel(BookingFixture::desk(), request);
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().code, ErrorCode::Payment);
    QCOMPARE(f->t->count(QStringLiteral("domain_events")), events);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights")), 1);
    Result<Reservation> still = f->booking->get(r.id);
    CAMPDESK_VERIFY_OK(still);
    QCOMPARE(still->status, ReservationStatus::Confirmed);
    // A definite no releases the refund's claim: the booking can be checked in, or cancelled again.
    QCOMPARE(f->t->count(QStringLiteral("payments"), QStringLiteral("refund_requested IS NOT NULL")), 0);

    // A failure that may have refunded (a dropped connection, an unreadable answer) keeps the claim for the
    // reconciler: pending, the booking unchanged, no second refund asked meanwhile.
    f->terminal.scriptCancelOutcomes({ PaymentOutcome::Status::Failed });
    Result<Reservation> unsure = f->booking->cancel(BookingFixture::desk(), request);
    QVERIFY(!unsure.ok());
    QCOMPARE(unsure.error().code, ErrorCode::PaymentPending);
    QVERIFY2(unsure.error().message.contains(r.code), qPrintable(unsure.error().message));
    QCOMPARE(f->booking->get(r.id)->status, ReservationStatus::Confirmed);
    QCOMPARE(f->t->count(QStringLiteral("payments"), QStringLiteral("refund_requested IS NOT NULL")), 1);
    const int asked = f->terminal.cancelCalls();
    QCOMPARE(f->booking->cancel(BookingFixture::desk(), request).error().code, ErrorCode::AlreadyDone);
    QCOMPARE(f->terminal.cancelCalls(), asked);
    QCOMPARE(f->t->count(QStringLiteral("domain_events")), events);
}

void TestCancellation::paymentCancelledAtTheDeskCancelsTheReservation()
{
    const Campsite site = f->addSite(QStringLiteral("I-01"), 30000);
    const Reservation r = f->book(f->request(site, 1, 2)); // 0% by the rules, but a payment cancel is full
    QVERIFY(!f->booking->cancelByPayment(BookingFixture::kiosk(), r.orderId, QString()).ok());
    Result<Reservation> cancelled
        = f->booking->cancelByPayment(BookingFixture::desk(), r.orderId, QStringLiteral("charged twice"));
    CAMPDESK_VERIFY_OK(cancelled);
    QCOMPARE(cancelled->status, ReservationStatus::Cancelled);
    QCOMPARE(cancelled->refundAmount, 60000);
    QCOMPARE(f->terminal.refundedAmount(r.orderId), 60000);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights")), 0);
    QCOMPARE(f->t->count(QStringLiteral("mileage_ledger"), QStringLiteral("reason = 'cancel' AND delta = -3000")), 1);
    QCOMPARE(f->booking->cancelByPayment(BookingFixture::desk(), r.orderId, QString()).error().code,
             ErrorCode::AlreadyDone);
}

void TestCancellation::paymentFoundCancelledAtTheGatewayCancelsTheReservation()
{
    const Campsite site = f->addSite(QStringLiteral("J-01"), 30000);
    const Reservation r = f->book(f->request(site, 20, 1));
    // Someone cancelled it in the card company's portal; the reconciler finds out.
    PaymentCancelRequest outside { r.orderId, QString(), 30000, QStringLiteral("portal") };
    QVERIFY(f->terminal.cancel(outside).approved());
    QCOMPARE(f->terminal.lookup(r.orderId).status, PaymentOutcome::Status::Cancelled);
    const int calls = f->terminal.cancelCalls();
    Result<Reservation> cancelled = f->booking->cancelByPayment(Actor::system(QStringLiteral("reconciler")), r.orderId,
                                                                QStringLiteral("cancelled at the gateway"), true);
    CAMPDESK_VERIFY_OK(cancelled);
    QCOMPARE(cancelled->status, ReservationStatus::Cancelled);
    QCOMPARE(f->terminal.cancelCalls(), calls); // not asked again
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights")), 0);
}

void TestCancellation::usedPointsComeBackAndSpentPointsComeOffTheRefund()
{
    const Campsite site = f->addSite(QStringLiteral("K-01"), 100000);
    const Reservation first = f->book(f->request(site, 10, 2)); // pays 200,000, earns 10,000
    BookingRequest redeem = f->request(site, 20, 1);
    redeem.pointsToRedeem = 10000;
    Result<Reservation> second = f->booking->book(BookingFixture::desk(), redeem, f->terminal);
    CAMPDESK_VERIFY_OK(second); // pays 90,000, earns 4,500; balance 4,500
    MileageService mileage(f->db());
    QCOMPARE(mileage.balance(first.customerId).value(), 4500);

    // The first earned 10,000 but 5,500 of them are spent: they cannot come back, so they come off the refund,
    // shown in the quote before anyone confirms. Otherwise book, spend, cancel would turn points into money.
    CancelRequest cancelFirst;
    cancelFirst.reservationId = first.id;
    Result<CancelQuote> quote = f->booking->cancellationQuote(BookingFixture::desk(), cancelFirst);
    CAMPDESK_VERIFY_OK(quote);
    QCOMPARE(quote->refundPercent, 100);
    QCOMPARE(quote->pointsShortfall, 5500);
    QCOMPARE(quote->refund, 200000 - 5500);
    // Not even a staff override refunds them.
    CancelRequest tooMuch = cancelFirst;
    tooMuch.refundOverride = 200000;
    tooMuch.reason = QStringLiteral("goodwill");
    QCOMPARE(f->booking->cancellationQuote(BookingFixture::desk(), tooMuch).error().field,
             QStringLiteral("refundOverride"));
    Result<Reservation> cancelled = f->booking->cancel(BookingFixture::desk(), cancelFirst);
    CAMPDESK_VERIFY_OK(cancelled);
    QCOMPARE(cancelled->refundAmount, 200000 - 5500);
    QCOMPARE(f->terminal.refundedAmount(first.orderId), 200000 - 5500);
    QCOMPARE(mileage.balance(first.customerId).value(), 0); // never below 0
    QCOMPARE(f->t->count(QStringLiteral("mileage_ledger"),
                         QStringLiteral("reason = 'cancel' AND source_id = '%1' AND delta = -4500").arg(first.id)),
             1);

    // Cancelling the second gives back the 10,000 it used and takes the 4,500 it earned, in one row.
    CancelRequest cancelSecond;
    cancelSecond.reservationId = second->id;
    QCOMPARE(f->booking->cancellationQuote(BookingFixture::desk(), cancelSecond)->pointsShortfall, 0);
    CAMPDESK_VERIFY_OK(f->booking->cancel(BookingFixture::desk(), cancelSecond));
    QCOMPARE(f->t->count(QStringLiteral("mileage_ledger"),
                         QStringLiteral("reason = 'cancel' AND source_id = '%1' AND delta = 5500").arg(second->id)),
             1);
    // 290,000 paid, 284,500 refunded and 5,500 points left: the points are worth exactly what was kept back.
    QCOMPARE(mileage.balance(first.customerId).value(), 5500);
    Result<QList<MileageEntry>> ledger = mileage.ledger(first.customerId);
    CAMPDESK_VERIFY_OK(ledger);
    for (const MileageEntry& e : ledger.value())
        QVERIFY2(e.balanceAfter >= 0, qPrintable(QString::number(e.balanceAfter)));
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

CAMPDESK_DB_TEST_MAIN(TestCancellation)
#include "tst_cancellation.moc"
