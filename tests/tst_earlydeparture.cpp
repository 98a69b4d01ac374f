// The refund of an early departure (issue 18, item 2), on both databases: the nights freed at check-out, their price
// as sold, the refund by the cancellation rule with 0 days before (or staff's, with a reason), given back at the desk
// or through the payment service (newest payment first, split across payments), in the one guarded check-out.
#include "bookingfixture.h"
#include "domain/balanceservice.h"
#include "domain/depositsettings.h"
#include "domain/mileageservice.h"
#include "domain/readmodel.h"
#include "domain/reservationchange.h"
#include "domain/rulesettings.h"
#include "domain/stayundoservice.h"
#include "payment/paymentreconciler.h"

#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

class TestEarlyDeparture : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void theDefaultRuleRefundsNothing();
    void aDeskPaidStayGetsTheRulesRefundAtTheDesk();
    void staffOverrideNeedsAReasonAndStaysInRange();
    void aCardPaidStayIsRefundedThroughTheProvider();
    void aRefundLargerThanTheNewestPaymentIsSplitNewestFirst();
    void anUnansweredRefundIsFinishedByTheReconciler();
    void anUnansweredSplitRefundIsFinishedOnEachPayment();
    void aBalanceStillDueTakesTheFreedNightsFirst();
    void aCreditBeyondTheBalanceIsGivenBack();
    void twoCheckOutsRefundOnce();
    void leavingOnTheLastDayRefundsNothing();
    void theFreedNightsFeesForExtraGuestsAndVehiclesCount();

private:
    void setRefundAtZeroDays(int percent);
    // Checked in today for `nights`, and a day later (the second day: the nights after today are freed).
    Reservation inHouse(const QString& code, int nights, bool atDesk, bool deposit = false);
    qint64 linesTotal(qint64 reservationId);
    qint64 notifications(qint64 reservationId);
    bool clean();

    std::unique_ptr<BookingFixture> f;
};

void TestEarlyDeparture::init()
{
    f = std::make_unique<BookingFixture>();
    QVERIFY2(f->ok(), qPrintable(f->t->errorMessage()));
}

void TestEarlyDeparture::cleanup()
{
    f.reset();
}

void TestEarlyDeparture::setRefundAtZeroDays(int percent)
{
    BookingRules rules = RuleSettings(f->db()).get().value();
    rules.cancellation = { { 7, 100 }, { 3, 50 }, { 0, percent } };
    CAMPDESK_VERIFY_OK(RuleSettings(f->db()).set(BookingFixture::manager(), rules));
}

Reservation TestEarlyDeparture::inHouse(const QString& code, int nights, bool atDesk, bool deposit)
{
    const Campsite site = f->addSite(code, 40000);
    BookingRequest request = f->request(site, 0, nights);
    request.deposit = deposit;
    Result<Reservation> r = atDesk
        ? f->booking->book(BookingFixture::desk(), request, f->deskPayment, QStringLiteral("cash"))
        : f->booking->book(BookingFixture::desk(), request, f->terminal);
    if (!r.ok()) {
        QTest::qFail(qPrintable(r.error().message), __FILE__, __LINE__);
        return Reservation();
    }
    if (!deposit) {
        Result<Reservation> in = f->booking->checkIn(BookingFixture::desk(), r->id);
        if (!in.ok())
            QTest::qFail(qPrintable(in.error().message), __FILE__, __LINE__);
    }
    return f->booking->get(r->id).value();
}

qint64 TestEarlyDeparture::linesTotal(qint64 reservationId)
{
    Result<qint64> total = f->db().read([&](SqlSession& s) -> Result<qint64> {
        return s
            .scalar(QStringLiteral("SELECT COALESCE(sum(amount), 0) FROM reservation_lines WHERE reservation_id = ?"),
                    { reservationId })
            .toLongLong();
    });
    return total.ok() ? total.value() : -1;
}

qint64 TestEarlyDeparture::notifications(qint64 reservationId)
{
    return f->t->count(QStringLiteral("notifications"),
                       QStringLiteral("reservation_id = %1 AND event_id IN (SELECT id FROM domain_events WHERE type = "
                                      "'ReservationCheckedOut')")
                           .arg(reservationId));
}

bool TestEarlyDeparture::clean()
{
    if (!BookingFixture::invariantsHold(f->db()))
        return false;
    Result<QStringList> diff = ReadModel(f->db()).differencesFromRebuild();
    if (!diff.ok() || !diff->isEmpty()) {
        QTest::qFail(qPrintable(diff.ok() ? diff->join(QLatin1Char('\n')) : diff.error().message), __FILE__, __LINE__);
        return false;
    }
    return true;
}

// The rule as shipped gives 0 % on the day itself: the nights are freed, the money and the lines stay as they were,
// no message, and the check-out can still be undone.
void TestEarlyDeparture::theDefaultRuleRefundsNothing()
{
    const Reservation r = inHouse(QStringLiteral("A-01"), 3, true);
    f->clock.advanceSecs(24 * 3600);
    Result<DepartureQuote> q = f->booking->quoteCheckOut(BookingFixture::desk(), r.id);
    CAMPDESK_VERIFY_OK(q);
    QCOMPARE(q->nightsFreed, 2);
    QCOMPARE(q->freedPrice, 80000);
    QCOMPARE(q->freedMoney, 80000);
    QCOMPARE(q->refundPercent, 0);
    QCOMPARE(q->refund, 0);
    CAMPDESK_VERIFY_OK(f->booking->checkOut(BookingFixture::desk(), r.id));
    const Reservation out = f->booking->get(r.id).value();
    QCOMPARE(out.amount, 120000);
    QCOMPARE(linesTotal(r.id), 120000);
    QCOMPARE(notifications(r.id), 0);
    QCOMPARE(StayUndoService(f->db()).canUndo(r.id).value(), true);
    QVERIFY(clean());
}

void TestEarlyDeparture::aDeskPaidStayGetsTheRulesRefundAtTheDesk()
{
    setRefundAtZeroDays(50);
    const Reservation r = inHouse(QStringLiteral("B-01"), 3, true); // 120,000 in cash
    const qint64 pointsBefore = MileageService(f->db()).balance(r.customerId).value();
    QVERIFY(pointsBefore > 0);
    f->clock.advanceSecs(24 * 3600);
    Result<DepartureQuote> q = f->booking->quoteCheckOut(BookingFixture::desk(), r.id);
    CAMPDESK_VERIFY_OK(q);
    QCOMPARE(q->leaveOn, r.checkIn.addDays(1));
    QCOMPARE(q->refund, 40000); // 50 % of the two nights freed
    QCOMPARE(q->parts.size(), 1);
    QVERIFY(q->parts.first().atDesk());
    ChangeSettlement settled;
    Result<Reservation> out = f->booking->checkOut(BookingFixture::desk(), r.id, {}, &settled);
    CAMPDESK_VERIFY_OK(out);
    QCOMPARE(out->status, ReservationStatus::CheckedOut);
    QCOMPARE(out->checkOut, r.checkIn.addDays(1));
    QCOMPARE(out->amount, 80000);
    QVERIFY2(settled.message.contains(QStringLiteral("40,000")), qPrintable(settled.message));
    // The desk's payment row follows the money handed back; the lines add up to the amount kept.
    QCOMPARE(f->t->count(QStringLiteral("payments"),
                         QStringLiteral("reservation_id = %1 AND status = 'approved' AND amount = 80000").arg(r.id)),
             1);
    QCOMPARE(linesTotal(r.id), 80000);
    QCOMPARE(f->t->count(QStringLiteral("reservation_lines"),
                         QStringLiteral("reservation_id = %1 AND kind = 'night'").arg(r.id)),
             1);
    // The points of the refunded part come back off.
    QVERIFY(MileageService(f->db()).balance(r.customerId).value() < pointsBefore);
    QCOMPARE(f->t->count(QStringLiteral("domain_events"),
                         QStringLiteral("type = 'ReservationCheckedOut' AND payload LIKE '%\"refund\":40000%'")),
             1);
    QCOMPARE(f->t->count(QStringLiteral("audit_log"),
                         QStringLiteral("action = 'reservation.check_out' AND details LIKE '%refund 40000%'")),
             1);
    // The guest is told, in their language.
    QVERIFY(notifications(r.id) >= 1);
    QCOMPARE(f->t->count(QStringLiteral("notifications"),
                         QStringLiteral("reservation_id = %1 AND body LIKE '%40,000%'").arg(r.id)),
             notifications(r.id));
    // Money went back: the check-out is not undone behind it.
    QCOMPARE(StayUndoService(f->db()).canUndo(r.id).value(), false);
    Result<Reservation> undone = StayUndoService(f->db()).undoCheckOut(BookingFixture::desk(), r.id);
    QVERIFY(!undone.ok());
    QCOMPARE(f->booking->get(r.id)->status, ReservationStatus::CheckedOut);
    QVERIFY(clean());
}

void TestEarlyDeparture::staffOverrideNeedsAReasonAndStaysInRange()
{
    setRefundAtZeroDays(50);
    const Reservation r = inHouse(QStringLiteral("C-01"), 3, true);
    f->clock.advanceSecs(24 * 3600);
    auto refused = [&](std::optional<qint64> amount, const QString& reason, const QString& field) {
        CheckOutOptions o;
        o.refundOverride = amount;
        o.reason = reason;
        Result<Reservation> out = f->booking->checkOut(BookingFixture::desk(), r.id, o);
        QVERIFY(!out.ok());
        QCOMPARE(out.error().code, ErrorCode::Invalid);
        QCOMPARE(out.error().field, field);
        QVERIFY(!out.error().message.isEmpty());
        // Nothing changed.
        const Reservation now = f->booking->get(r.id).value();
        QCOMPARE(now.status, ReservationStatus::CheckedIn);
        QCOMPARE(now.amount, 120000);
        QCOMPARE(now.checkOut, r.checkOut);
        QCOMPARE(f->t->count(QStringLiteral("reservation_nights"), QStringLiteral("reservation_id = %1").arg(r.id)), 3);
    };
    refused(-1, QStringLiteral("typo"), QStringLiteral("refundOverride"));
    refused(80001, QStringLiteral("more than the nights"), QStringLiteral("refundOverride"));
    refused(60000, QStringLiteral("  "), QStringLiteral("reason"));
    {
        CheckOutOptions o;
        o.method = QStringLiteral("voucher");
        Result<Reservation> out = f->booking->checkOut(BookingFixture::desk(), r.id, o);
        QVERIFY(!out.ok());
        QCOMPARE(out.error().field, QStringLiteral("method"));
    }
    // 0 is allowed: "no refund", with a reason.
    CheckOutOptions none;
    none.refundOverride = 0;
    none.reason = QStringLiteral("left the site damaged");
    Result<DepartureQuote> q = f->booking->quoteCheckOut(BookingFixture::desk(), r.id, none);
    CAMPDESK_VERIFY_OK(q);
    QCOMPARE(q->ruleRefund, 40000);
    QCOMPARE(q->refund, 0);
    CAMPDESK_VERIFY_OK(f->booking->checkOut(BookingFixture::desk(), r.id, none));
    QCOMPARE(f->booking->get(r.id)->amount, 120000);
    QCOMPARE(f->t->count(QStringLiteral("audit_log"),
                         QStringLiteral("action = 'reservation.check_out' AND details LIKE '%left the site damaged%'")),
             1);
    QVERIFY(clean());
}

void TestEarlyDeparture::aCardPaidStayIsRefundedThroughTheProvider()
{
    const Reservation r = inHouse(QStringLiteral("D-01"), 3, false); // 120,000 through the simulated terminal
    f->clock.advanceSecs(24 * 3600);
    CheckOutOptions o;
    o.refundOverride = 60000;
    o.reason = QStringLiteral("family emergency");
    ChangeSettlement settled;
    Result<Reservation> out = f->booking->checkOut(BookingFixture::desk(), r.id, o, &settled);
    CAMPDESK_VERIFY_OK(out);
    QCOMPARE(settled.refund, ChangeSettlement::Refund::Done);
    QCOMPARE(settled.amount, 60000);
    QCOMPARE(out->amount, 60000);
    QCOMPARE(f->terminal.cancelCalls(), 1);
    QCOMPARE(f->terminal.refundedAmount(r.orderId), 60000);
    QCOMPARE(f->t->count(QStringLiteral("payments"),
                         QStringLiteral("reservation_id = %1 AND refund_of IS NOT NULL AND refund_amount = 60000 AND "
                                        "status = 'cancelled'")
                             .arg(r.id)),
             1);
    QCOMPARE(f->t->count(QStringLiteral("payments"), QStringLiteral("refund_requested IS NOT NULL")), 0);
    QVERIFY(clean());
    // The provider now reports the order partly cancelled: the reconciler leaves the stay alone.
    f->clock.advanceSecs(600);
    PaymentReconciler reconciler(f->db(), *f->booking, f->terminal);
    Result<PaymentReconciler::Report> report = reconciler.reconcileNow();
    CAMPDESK_VERIFY_OK(report);
    QCOMPARE(report->cancelled, 0);
    QCOMPARE(report->needAttention, 0);
    QCOMPARE(f->booking->get(r.id)->status, ReservationStatus::CheckedOut);
    QVERIFY(clean());
}

// A deposit booking paid by card (70 % now, the balance at check-in): two card payments. A refund larger than the
// newest (the balance) takes all of it and the rest from the deposit, each its own claim and partial refund.
void TestEarlyDeparture::aRefundLargerThanTheNewestPaymentIsSplitNewestFirst()
{
    DepositRule rule;
    rule.mode = DepositRule::Mode::Percent;
    rule.percent = 70;
    CAMPDESK_VERIFY_OK(DepositSettings(f->db()).set(BookingFixture::manager(), rule));
    const Reservation booked = inHouse(QStringLiteral("E-01"), 3, false, true);
    QCOMPARE(booked.amount, 84000);
    QCOMPARE(booked.balanceDue, 36000);
    CAMPDESK_VERIFY_OK(BalanceService(*f->booking)
                           .payAndCheckIn(BookingFixture::desk(), booked.id, f->terminal, QStringLiteral("card")));
    const Reservation r = f->booking->get(booked.id).value();
    QCOMPARE(r.amount, 120000);
    f->clock.advanceSecs(24 * 3600);
    CheckOutOptions o;
    o.refundOverride = 80000;
    o.reason = QStringLiteral("whole unused nights back");
    Result<DepartureQuote> q = f->booking->quoteCheckOut(BookingFixture::desk(), r.id, o);
    CAMPDESK_VERIFY_OK(q);
    QCOMPARE(q->parts.size(), 2);
    QVERIFY(q->parts.at(0).orderId.contains(QStringLiteral("-bal")));
    QCOMPARE(q->parts.at(0).amount, 36000);
    QCOMPARE(q->parts.at(1).orderId, r.orderId);
    QCOMPARE(q->parts.at(1).amount, 44000);
    ChangeSettlement settled;
    Result<Reservation> out = f->booking->checkOut(BookingFixture::desk(), r.id, o, &settled);
    CAMPDESK_VERIFY_OK(out);
    QCOMPARE(settled.refund, ChangeSettlement::Refund::Done);
    QCOMPARE(out->amount, 40000);
    QCOMPARE(f->terminal.refundedAmount(r.orderId), 44000);
    QCOMPARE(f->terminal.refundedAmount(q->parts.at(0).orderId), 36000);
    QCOMPARE(f->t->count(QStringLiteral("payments"),
                         QStringLiteral("reservation_id = %1 AND refund_of IS NOT NULL").arg(r.id)),
             2);
    QVERIFY(clean());
}

// No answer from the provider: the claim stays (nothing else moves this booking's money) and the reconciler's sweep
// of checked-out stays looks the order up and records the refund it finds.
void TestEarlyDeparture::anUnansweredRefundIsFinishedByTheReconciler()
{
    setRefundAtZeroDays(50);
    const Reservation r = inHouse(QStringLiteral("F-01"), 3, false);
    f->clock.advanceSecs(24 * 3600);
    f->terminal.scriptCancelOutcomes({ PaymentOutcome::Status::Unknown });
    ChangeSettlement settled;
    Result<Reservation> out = f->booking->checkOut(BookingFixture::desk(), r.id, {}, &settled);
    CAMPDESK_VERIFY_OK(out);
    QCOMPARE(settled.refund, ChangeSettlement::Refund::Pending);
    QCOMPARE(f->t->count(QStringLiteral("payments"), QStringLiteral("refund_requested = 40000")), 1);
    QVERIFY(clean());
    f->clock.advanceSecs(600);
    PaymentReconciler reconciler(f->db(), *f->booking, f->terminal);
    Result<PaymentReconciler::Report> report = reconciler.reconcileNow();
    CAMPDESK_VERIFY_OK(report);
    QCOMPARE(report->cancelled, 0);
    QCOMPARE(report->needAttention, 1); // not made at the provider: owed, asked again after the pause
    QCOMPARE(f->terminal.refundedAmount(r.orderId), 0);
    f->clock.advanceSecs(3 * 60);
    report = reconciler.reconcileNow();
    CAMPDESK_VERIFY_OK(report);
    QCOMPARE(report->refunded, 1);
    QCOMPARE(f->terminal.refundedAmount(r.orderId), 40000);
    QCOMPARE(f->t->count(QStringLiteral("payments"), QStringLiteral("refund_requested IS NOT NULL")), 0);
    QCOMPARE(
        f->t->count(QStringLiteral("payments"),
                    QStringLiteral("reservation_id = %1 AND refund_of IS NOT NULL AND refund_amount > 0").arg(r.id)),
        1);
    QCOMPARE(f->booking->get(r.id)->status, ReservationStatus::CheckedOut);
    QVERIFY(clean());
}

// Both parts of a split refund unanswered: the balance payment's was made behind (all of it), the deposit's was not.
// The reconciler looks each order up: the first recorded (a payment given back whole by exactly its claim is not a
// cancelled booking), the second owed and made on the next run.
void TestEarlyDeparture::anUnansweredSplitRefundIsFinishedOnEachPayment()
{
    DepositRule rule;
    rule.mode = DepositRule::Mode::Percent;
    rule.percent = 70;
    CAMPDESK_VERIFY_OK(DepositSettings(f->db()).set(BookingFixture::manager(), rule));
    const Reservation booked = inHouse(QStringLiteral("K-01"), 3, false, true);
    CAMPDESK_VERIFY_OK(BalanceService(*f->booking)
                           .payAndCheckIn(BookingFixture::desk(), booked.id, f->terminal, QStringLiteral("card")));
    f->clock.advanceSecs(24 * 3600);
    CheckOutOptions o;
    o.refundOverride = 80000;
    o.reason = QStringLiteral("storm");
    Result<DepartureQuote> q = f->booking->quoteCheckOut(BookingFixture::desk(), booked.id, o);
    CAMPDESK_VERIFY_OK(q);
    QCOMPARE(q->parts.size(), 2);
    const QString balanceOrder = q->parts.at(0).orderId;
    f->terminal.scriptCancelOutcomes({ PaymentOutcome::Status::Unknown, PaymentOutcome::Status::Unknown });
    ChangeSettlement settled;
    CAMPDESK_VERIFY_OK(f->booking->checkOut(BookingFixture::desk(), booked.id, o, &settled));
    QCOMPARE(settled.refund, ChangeSettlement::Refund::Pending);
    QCOMPARE(f->t->count(QStringLiteral("payments"), QStringLiteral("refund_requested IS NOT NULL")), 2);
    QCOMPARE(f->terminal.refundedAmount(balanceOrder), 0);
    QVERIFY(clean());
    // What the unanswered call did at the provider for the balance payment: its whole 36,000.
    PaymentCancelRequest made { balanceOrder, QString(), 36000, QStringLiteral("behind"),
                                QStringLiteral("change-%1-1").arg(balanceOrder) };
    QVERIFY(f->terminal.cancel(made).approved());
    f->clock.advanceSecs(600);
    PaymentReconciler reconciler(f->db(), *f->booking, f->terminal);
    Result<PaymentReconciler::Report> report = reconciler.reconcileNow();
    CAMPDESK_VERIFY_OK(report);
    QCOMPARE(report->cancelled, 0);
    QCOMPARE(report->changeRefunds, 1);
    QCOMPARE(report->needAttention, 1);
    f->clock.advanceSecs(3 * 60);
    report = reconciler.reconcileNow();
    CAMPDESK_VERIFY_OK(report);
    QCOMPARE(report->refunded, 1);
    QCOMPARE(f->terminal.refundedAmount(balanceOrder), 36000);
    QCOMPARE(f->terminal.refundedAmount(booked.orderId), 44000);
    QCOMPARE(f->t->count(QStringLiteral("payments"), QStringLiteral("refund_requested IS NOT NULL")), 0);
    QCOMPARE(f->t->count(QStringLiteral("payments"),
                         QStringLiteral("reservation_id = %1 AND refund_of IS NOT NULL").arg(booked.id)),
             2);
    QCOMPARE(f->booking->get(booked.id)->status, ReservationStatus::CheckedOut);
    QVERIFY(clean());
}

// Let in owing the balance: what the rule (or staff) lets the guest off for the freed nights comes off what is still
// owed first, and only the rest is money given back; by the shipped rule (0 %) the balance stays.
void TestEarlyDeparture::aBalanceStillDueTakesTheFreedNightsFirst()
{
    DepositRule rule;
    rule.mode = DepositRule::Mode::Percent;
    rule.percent = 30;
    CAMPDESK_VERIFY_OK(DepositSettings(f->db()).set(BookingFixture::manager(), rule));
    const Reservation r = inHouse(QStringLiteral("G-01"), 3, true, true);
    QCOMPARE(r.amount, 36000);
    QCOMPARE(r.balanceDue, 84000);
    CAMPDESK_VERIFY_OK(
        BalanceService(*f->booking).checkInWithoutBalance(BookingFixture::manager(), r.id, QStringLiteral("regular")));
    f->clock.advanceSecs(24 * 3600);
    Result<DepartureQuote> q = f->booking->quoteCheckOut(BookingFixture::desk(), r.id);
    CAMPDESK_VERIFY_OK(q);
    QCOMPARE(q->freedPrice, 80000);
    QCOMPARE(q->freedMoney, 80000);
    QCOMPARE(q->refund, 0);
    QCOMPARE(q->newBalanceDue, 84000); // the rule lets nothing off
    setRefundAtZeroDays(100);
    q = f->booking->quoteCheckOut(BookingFixture::desk(), r.id);
    CAMPDESK_VERIFY_OK(q);
    QCOMPARE(q->credit, 80000);
    QCOMPARE(q->offBalance, 80000);
    QCOMPARE(q->refund, 0);
    QCOMPARE(q->newBalanceDue, 4000);
    CheckOutOptions tooMuch;
    tooMuch.refundOverride = 80001;
    tooMuch.reason = QStringLiteral("goodwill");
    QCOMPARE(f->booking->checkOut(BookingFixture::desk(), r.id, tooMuch).error().field,
             QStringLiteral("refundOverride"));
    // Staff let off more than is owed: the balance goes to 0 and the rest comes back in cash.
    CheckOutOptions all;
    all.refundOverride = 80000;
    all.reason = QStringLiteral("storm");
    setRefundAtZeroDays(0);
    q = f->booking->quoteCheckOut(BookingFixture::desk(), r.id, all);
    CAMPDESK_VERIFY_OK(q);
    QCOMPARE(q->newBalanceDue, 4000);
    QCOMPARE(q->refund, 0);
    Result<Reservation> out = f->booking->checkOut(BookingFixture::desk(), r.id, all);
    CAMPDESK_VERIFY_OK(out);
    QCOMPARE(out->amount, 36000);
    QCOMPARE(out->balanceDue, 4000);
    QCOMPARE(linesTotal(r.id), 40000);
    QVERIFY(clean());
}

// A balance owed smaller than what is let off: it goes to 0 and the rest is given back from what was paid.
void TestEarlyDeparture::aCreditBeyondTheBalanceIsGivenBack()
{
    DepositRule rule;
    rule.mode = DepositRule::Mode::Percent;
    rule.percent = 70;
    CAMPDESK_VERIFY_OK(DepositSettings(f->db()).set(BookingFixture::manager(), rule));
    const Reservation r = inHouse(QStringLiteral("G-02"), 3, true, true);
    QCOMPARE(r.amount, 84000);
    QCOMPARE(r.balanceDue, 36000);
    CAMPDESK_VERIFY_OK(
        BalanceService(*f->booking).checkInWithoutBalance(BookingFixture::manager(), r.id, QStringLiteral("regular")));
    f->clock.advanceSecs(24 * 3600);
    CheckOutOptions o;
    o.refundOverride = 50000;
    o.reason = QStringLiteral("noise from the road works");
    ChangeSettlement settled;
    Result<Reservation> out = f->booking->checkOut(BookingFixture::desk(), r.id, o, &settled);
    CAMPDESK_VERIFY_OK(out);
    QCOMPARE(out->balanceDue, 0);
    QCOMPARE(out->amount, 70000); // 14,000 given back in cash
    QVERIFY2(settled.message.contains(QStringLiteral("14,000")), qPrintable(settled.message));
    QCOMPARE(linesTotal(r.id), 70000);
    QVERIFY(clean());
}

void TestEarlyDeparture::twoCheckOutsRefundOnce()
{
    setRefundAtZeroDays(50);
    const Reservation r = inHouse(QStringLiteral("H-01"), 3, false);
    f->clock.advanceSecs(24 * 3600);
    CAMPDESK_VERIFY_OK(f->booking->checkOut(BookingFixture::desk(), r.id));
    Result<Reservation> again = f->booking->checkOut(BookingFixture::desk(), r.id);
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, ErrorCode::AlreadyDone);
    QCOMPARE(f->terminal.cancelCalls(), 1);
    QCOMPARE(f->terminal.refundedAmount(r.orderId), 40000);
    QCOMPARE(f->booking->get(r.id)->amount, 80000);
    QVERIFY(clean());
}

void TestEarlyDeparture::leavingOnTheLastDayRefundsNothing()
{
    setRefundAtZeroDays(100);
    const Reservation r = inHouse(QStringLiteral("J-01"), 2, true);
    f->clock.advanceSecs(2 * 24 * 3600);
    Result<DepartureQuote> q = f->booking->quoteCheckOut(BookingFixture::desk(), r.id);
    CAMPDESK_VERIFY_OK(q);
    QVERIFY(!q->early());
    CheckOutOptions o;
    o.refundOverride = 1000;
    o.reason = QStringLiteral("why not");
    QCOMPARE(f->booking->checkOut(BookingFixture::desk(), r.id, o).error().field, QStringLiteral("refundOverride"));
    CAMPDESK_VERIFY_OK(f->booking->checkOut(BookingFixture::desk(), r.id));
    QCOMPARE(f->booking->get(r.id)->amount, 80000);
    QVERIFY(clean());
}

CAMPDESK_DB_TEST_MAIN(TestEarlyDeparture)
// Three adults where two are included, and two cars where one is: the fees of the nights not stayed are part of what
// the nights freed cost, and the lines keep those of the night stayed.
void TestEarlyDeparture::theFreedNightsFeesForExtraGuestsAndVehiclesCount()
{
    setRefundAtZeroDays(50);
    const Campsite site = f->addSite(QStringLiteral("C-01"), 40000);
    OccupancyFees fees;
    fees.adultFee = 10000;
    fees.vehicleFee = 3000;
    fees.includedVehicles = 1;
    f->setOccupancyFees(site, fees, 2);
    BookingRequest request = f->request(site, 0, 3, QStringLiteral("010-3333-4444"), QStringLiteral("박서연"), 3);
    request.vehicles = 2;
    Result<Reservation> booked
        = f->booking->book(BookingFixture::desk(), request, f->deskPayment, QStringLiteral("cash"));
    CAMPDESK_VERIFY_OK(booked);
    QCOMPARE(booked->amount, 3 * 40000 + 3 * 10000 + 3 * 3000); // 159,000
    CAMPDESK_VERIFY_OK(f->booking->checkIn(BookingFixture::desk(), booked->id));
    f->clock.advanceSecs(24 * 3600);

    Result<DepartureQuote> q = f->booking->quoteCheckOut(BookingFixture::desk(), booked->id);
    CAMPDESK_VERIFY_OK(q);
    QCOMPARE(q->nightsFreed, 2);
    QCOMPARE(q->freedPrice, 2 * 40000 + 2 * 10000 + 2 * 3000); // 106,000
    QCOMPARE(q->refund, 53000);
    CAMPDESK_VERIFY_OK(f->booking->checkOut(BookingFixture::desk(), booked->id));
    const Reservation out = f->booking->get(booked->id).value();
    QCOMPARE(out.amount, 159000 - 53000);
    QCOMPARE(linesTotal(out.id), out.amount);
    // The night stayed keeps its fees: one extra adult and one extra car for one night.
    QCOMPARE(f->t->count(QStringLiteral("reservation_lines"),
                         QStringLiteral("reservation_id = %1 AND kind = 'extra_adult' AND quantity = 1 AND amount = "
                                        "10000")
                             .arg(out.id)),
             1);
    QCOMPARE(
        f->t->count(
            QStringLiteral("reservation_lines"),
            QStringLiteral("reservation_id = %1 AND kind = 'vehicle' AND quantity = 1 AND amount = 3000").arg(out.id)),
        1);
    QVERIFY(clean());
}

#include "tst_earlydeparture.moc"
