// Money as the payment provider recorded it, on both databases: a partial refund finished by the reconciler after
// the refunding process stopped is recorded with the provider's amount; a refund of another amount than asked, a
// wrong-amount approval whose cancel failed, and a refund that failed after the booking was cancelled are payments
// that need attention: a state with audit rows, retried with backoff, degrading the health check and listed by the
// invariants checker until settled.
#include "bookingfixture.h"
#include "domain/paymentattention.h"
#include "ops/healthcheck.h"
#include "ops/invariantschecker.h"
#include "payment/paymentreconciler.h"

#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

namespace {

// The simulated terminal, but the answer to a refund is lost after the terminal did it (the process stopping
// between the provider's refund and the database commit looks the same to the database). `refundInstead`: the
// terminal gives back this amount instead of the one asked.
class LostRefundGateway final : public PaymentGateway
{
public:
    explicit LostRefundGateway(SimulatedTerminal& terminal)
        : m_terminal(terminal)
    {
    }
    QString provider() const override { return m_terminal.provider(); }
    QString displayName() const override { return m_terminal.displayName(); }
    PaymentOutcome confirm(const PaymentRequest& request) override { return m_terminal.confirm(request); }
    PaymentOutcome cancel(const PaymentCancelRequest& request) override
    {
        PaymentCancelRequest sent = request;
        if (refundInstead >= 0)
            sent.cancelAmount = refundInstead;
        (void)m_terminal.cancel(sent);
        PaymentOutcome lost;
        lost.status = PaymentOutcome::Status::Unknown;
        lost.message = QStringLiteral("no answer");
        return lost;
    }
    PaymentOutcome lookup(const QString& orderId) override { return m_terminal.lookup(orderId); }

    qint64 refundInstead = -1;

private:
    SimulatedTerminal& m_terminal;
};

PaymentReconciler::Config immediately()
{
    PaymentReconciler::Config config;
    config.minimumAgeMs = 0;
    return config;
}

qint64 scalar(Database& db, const QString& sql, const QVariantList& binds = {})
{
    Result<qint64> v = db.read([&](SqlSession& s) -> Result<qint64> { return s.scalar(sql, binds).toLongLong(); });
    return v.ok() ? v.value() : -1;
}

HealthItem::Level paymentsHealth(Database& db)
{
    return HealthCheck::checkPayments(db).level;
}

} // namespace

class TestPaymentAttention : public QObject
{
    Q_OBJECT
private slots:
    void partialRefundFinishedAfterAStopIsRecordedAsTheProviderDidIt();
    void refundOfAnotherAmountNeedsAttentionUntilAManagerSettlesIt();
    void wrongAmountKeptByTheProviderIsOwedAndRetriedWithBackoff();
    void refundFailedAfterCancelIsRetried();
    void refusedRefundLeavesNothingToCompareWith_data();
    void refusedRefundLeavesNothingToCompareWith();
    void refundLostThenNotMadeIsReleased();
    void retryNowAndResolveAreForAManager();
    void backoffGrows();
};

void TestPaymentAttention::partialRefundFinishedAfterAStopIsRecordedAsTheProviderDidIt()
{
    BookingFixture f;
    QVERIFY(f.ok());
    const Campsite site = f.addSite(QStringLiteral("A-01"), 40000);
    const Reservation booked = f.book(f.request(site, 4, 1)); // 4 days before: the 50% band
    QVERIFY(booked.id != 0);
    CancelRequest request;
    request.reservationId = booked.id;
    request.reason = QStringLiteral("plans changed");
    Result<CancelQuote> quote = f.booking->cancellationQuote(BookingFixture::desk(), request);
    CAMPDESK_VERIFY_OK(quote);
    QCOMPARE(quote->refundPercent, 50);
    QCOMPARE(quote->refund, 20000);

    LostRefundGateway lossy(f.terminal);
    f.booking->addGateway(&lossy);
    Result<Reservation> cancelled = f.booking->cancel(BookingFixture::desk(), request);
    QVERIFY(!cancelled.ok()); // the answer was lost: nothing recorded here...
    QCOMPARE(f.booking->get(booked.id)->status, ReservationStatus::Confirmed);
    QCOMPARE(f.terminal.orderStatus(booked.orderId), PaymentOutcome::Status::Cancelled); // ...but refunded there
    QCOMPARE(f.terminal.refundedAmount(booked.orderId), qint64(20000));

    f.booking->addGateway(&f.terminal);
    PaymentReconciler reconciler(f.db(), *f.booking, f.terminal, immediately());
    Result<PaymentReconciler::Report> report = reconciler.reconcileNow();
    CAMPDESK_VERIFY_OK(report);
    QCOMPARE(report->cancelled, 1);
    QCOMPARE(report->needAttention, 0);
    const Reservation now = f.booking->get(booked.id).value();
    QCOMPARE(now.status, ReservationStatus::Cancelled);
    QCOMPARE(now.refundAmount, qint64(20000)); // not the full 40,000
    QCOMPARE(
        scalar(f.db(), QStringLiteral("SELECT refund_amount FROM payments WHERE order_id = ?"), { booked.orderId }),
        qint64(20000));
    QCOMPARE(scalar(f.db(), QStringLiteral("SELECT COALESCE(SUM(refunds), 0) FROM daily_stats")), qint64(20000));
    QCOMPARE(scalar(f.db(), QStringLiteral("SELECT count(*) FROM payments WHERE attention IS NOT NULL")), 0);
    QCOMPARE(paymentsHealth(f.db()), HealthItem::Level::Ok);
    QVERIFY(BookingFixture::invariantsHold(f.db()));

    // Run again: nothing more happens.
    report = reconciler.reconcileNow();
    CAMPDESK_VERIFY_OK(report);
    QCOMPARE(report->cancelled, 0);
    QCOMPARE(f.t->count(QStringLiteral("domain_events"), QStringLiteral("type = 'ReservationCancelled'")), 1);
}

void TestPaymentAttention::refundOfAnotherAmountNeedsAttentionUntilAManagerSettlesIt()
{
    BookingFixture f;
    QVERIFY(f.ok());
    const Campsite site = f.addSite(QStringLiteral("A-01"), 40000);
    const Reservation booked = f.book(f.request(site, 4, 1));
    CancelRequest request;
    request.reservationId = booked.id;
    LostRefundGateway lossy(f.terminal);
    lossy.refundInstead = 15000; // 20,000 asked
    f.booking->addGateway(&lossy);
    QVERIFY(!f.booking->cancel(BookingFixture::desk(), request).ok());

    f.booking->addGateway(&f.terminal);
    PaymentReconciler reconciler(f.db(), *f.booking, f.terminal, immediately());
    Result<PaymentReconciler::Report> report = reconciler.reconcileNow();
    CAMPDESK_VERIFY_OK(report);
    QCOMPARE(report->cancelled, 1);
    QCOMPARE(report->needAttention, 1);
    QCOMPARE(f.booking->get(booked.id)->refundAmount, qint64(15000)); // as the provider did it
    QCOMPARE(scalar(f.db(), QStringLiteral("SELECT count(*) FROM payments WHERE attention = 'refund_differs'")), 1);
    QCOMPARE(f.t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'payment.needs_attention'")), 1);

    // Degraded, listed by the checker, shown with its words.
    const HealthItem health = HealthCheck::checkPayments(f.db());
    QCOMPARE(health.level, HealthItem::Level::Degraded);
    QVERIFY2(health.message.contains(booked.code), qPrintable(health.message));
    Result<QStringList> violations = InvariantsChecker(f.db()).check();
    CAMPDESK_VERIFY_OK(violations);
    QCOMPARE(violations->size(), 1);
    QVERIFY2(violations->first().contains(QLatin1String("needs attention")), qPrintable(violations->first()));

    // Only a manager settles it, with a note; then all is well.
    QCOMPARE(PaymentAttention::resolve(f.db(), BookingFixture::desk(), 1, QStringLiteral("x")).error().code,
             ErrorCode::Forbidden);
    const qint64 paymentId
        = scalar(f.db(), QStringLiteral("SELECT id FROM payments WHERE order_id = ?"), { booked.orderId });
    QCOMPARE(PaymentAttention::resolve(f.db(), BookingFixture::manager(), paymentId, QString()).error().code,
             ErrorCode::Invalid);
    CAMPDESK_VERIFY_OK(PaymentAttention::resolve(f.db(), BookingFixture::manager(), paymentId,
                                                 QStringLiteral("the customer agreed to 15,000")));
    QCOMPARE(
        PaymentAttention::resolve(f.db(), BookingFixture::manager(), paymentId, QStringLiteral("again")).error().code,
        ErrorCode::AlreadyDone);
    QCOMPARE(paymentsHealth(f.db()), HealthItem::Level::Ok);
    QVERIFY(BookingFixture::invariantsHold(f.db()));
}

void TestPaymentAttention::wrongAmountKeptByTheProviderIsOwedAndRetriedWithBackoff()
{
    BookingFixture f;
    QVERIFY(f.ok());
    const Campsite site = f.addSite(QStringLiteral("A-01"), 40000);
    Result<Reservation> held = f.booking->hold(BookingFixture::kiosk(), f.request(site, 10, 1));
    CAMPDESK_VERIFY_OK(held);
    Result<PaymentRequest> payment = f.booking->beginPayment(BookingFixture::kiosk(), held->id, f.terminal);
    CAMPDESK_VERIFY_OK(payment);
    // The provider takes 45,000 for a 40,000 booking and its cancel fails: the gateway declines, keeping 45,000.
    PaymentRequest wrong = payment.value();
    wrong.amount = 45000;
    const PaymentOutcome taken = f.terminal.confirm(wrong);
    QVERIFY(taken.approved());
    PaymentOutcome declined;
    declined.status = PaymentOutcome::Status::Declined;
    declined.providerCode = QStringLiteral("AMOUNT_MISMATCH");
    declined.providerTxId = taken.providerTxId;
    declined.amount = 45000;
    declined.keptByProvider = 45000;
    declined.message = QStringLiteral("The payment service reported 45000 won instead of 40000 won. The payment could "
                                      "not be cancelled automatically: staff will refund it.");
    Result<Reservation> finished = f.booking->finishPayment(BookingFixture::kiosk(), held->id, f.terminal, declined);
    QVERIFY(!finished.ok());
    // One true thing for the customer: not "nothing was charged".
    QVERIFY2(!finished.error().message.contains(QLatin1String("Nothing was charged"), Qt::CaseInsensitive),
             qPrintable(finished.error().message));
    QVERIFY2(finished.error().message.contains(QLatin1String("staff will refund")),
             qPrintable(finished.error().message));
    QCOMPARE(f.booking->get(held->id)->status, ReservationStatus::Expired);
    QCOMPARE(scalar(f.db(),
                    QStringLiteral("SELECT count(*) FROM payments WHERE attention = 'mismatch_not_cancelled' "
                                   "AND refund_requested = 45000")),
             1);
    QCOMPARE(paymentsHealth(f.db()), HealthItem::Level::Degraded);

    PaymentReconciler reconciler(f.db(), *f.booking, f.terminal, immediately());
    // Not due yet: nothing is tried.
    Result<PaymentReconciler::Report> report = reconciler.reconcileNow();
    CAMPDESK_VERIFY_OK(report);
    QCOMPARE(report->refunded + report->retryFailed, 0);
    // Due after a minute; the refund fails: tried again after two more minutes, not before.
    f.clock.advanceSecs(61);
    f.terminal.scriptCancelOutcomes({ PaymentOutcome::Status::Failed });
    report = reconciler.reconcileNow();
    CAMPDESK_VERIFY_OK(report);
    QCOMPARE(report->retryFailed, 1);
    QCOMPARE(
        scalar(f.db(), QStringLiteral("SELECT attention_attempts FROM payments WHERE order_id = ?"), { held->orderId }),
        1);
    f.clock.advanceSecs(61);
    report = reconciler.reconcileNow();
    CAMPDESK_VERIFY_OK(report);
    QCOMPARE(report->refunded + report->retryFailed, 0);
    QCOMPARE(f.terminal.orderStatus(held->orderId), PaymentOutcome::Status::Approved);
    f.clock.advanceSecs(61);
    report = reconciler.reconcileNow();
    CAMPDESK_VERIFY_OK(report);
    QCOMPARE(report->refunded, 1);
    QCOMPARE(f.terminal.orderStatus(held->orderId), PaymentOutcome::Status::Cancelled);
    QCOMPARE(f.terminal.refundedAmount(held->orderId), qint64(45000));
    QCOMPARE(scalar(f.db(), QStringLiteral("SELECT refund_amount FROM payments WHERE order_id = ?"), { held->orderId }),
             qint64(45000));
    // Each step is an audit row.
    QCOMPARE(f.t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'payment.needs_attention'")), 1);
    QCOMPARE(f.t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'payment.retry_failed'")), 1);
    QCOMPARE(f.t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'payment.attention_cleared'")), 1);
    QCOMPARE(paymentsHealth(f.db()), HealthItem::Level::Ok);
    QVERIFY(BookingFixture::invariantsHold(f.db()));
}

void TestPaymentAttention::refundFailedAfterCancelIsRetried()
{
    BookingFixture f;
    QVERIFY(f.ok());
    const Campsite site = f.addSite(QStringLiteral("A-01"), 40000);
    const Reservation booked = f.book(f.request(site, 10, 1));
    // A cancellation that went through in the database while its refund did not (the state a cancel that claims the
    // booking before refunding leaves): the payment records no refund yet, and owes 40,000.
    Status state = f.db().write([&](Transaction& tx) -> Status {
        const qint64 now = tx.nowMs();
        tx.exec(QStringLiteral("UPDATE reservations SET status = 'cancelled', refund_amount = 40000, cancelled_at = ? "
                               "WHERE id = ?"),
                { now, booked.id });
        tx.exec(QStringLiteral("DELETE FROM reservation_nights WHERE reservation_id = ?"), { booked.id });
        tx.exec(QStringLiteral("UPDATE payments SET status = 'cancelled', cancelled_at = ? WHERE order_id = ?"),
                { now, booked.orderId });
        const qint64 paymentId
            = tx.scalar(QStringLiteral("SELECT id FROM payments WHERE order_id = ?"), { booked.orderId }).toLongLong();
        PaymentAttention::flag(tx, BookingFixture::desk(), paymentId, AttentionReason::RefundFailed,
                               QStringLiteral("the card company did not answer"), 40000);
        return {};
    });
    CAMPDESK_VERIFY_OK(state);
    QCOMPARE(paymentsHealth(f.db()), HealthItem::Level::Degraded);
    f.clock.advanceSecs(61);
    PaymentReconciler reconciler(f.db(), *f.booking, f.terminal, immediately());
    Result<PaymentReconciler::Report> report = reconciler.reconcileNow();
    CAMPDESK_VERIFY_OK(report);
    QCOMPARE(report->refunded, 1);
    QCOMPARE(f.terminal.refundedAmount(booked.orderId), qint64(40000));
    QCOMPARE(
        scalar(f.db(), QStringLiteral("SELECT refund_amount FROM payments WHERE order_id = ?"), { booked.orderId }),
        qint64(40000));
    QCOMPARE(paymentsHealth(f.db()), HealthItem::Level::Ok);
}

void TestPaymentAttention::refusedRefundLeavesNothingToCompareWith_data()
{
    QTest::addColumn<int>("answer");
    QTest::addColumn<bool>("atTheProvidersSite");
    QTest::newRow("declined, then cancelled at the provider's site") << int(PaymentOutcome::Status::Declined) << true;
    QTest::newRow("busy, then cancelled at the provider's site") << int(PaymentOutcome::Status::Unavailable) << true;
    QTest::newRow("declined, then the desk cancels the payment") << int(PaymentOutcome::Status::Declined) << false;
}

// The case: cancel() wrote the 50% it asked (refund_requested) and the provider said no. Nothing was refunded, but the
// amount stayed: a full refund made later another way (the customer at the provider's own site, found by the
// reconciler; or the desk cancelling the payment) was then "refunded 40,000 where 20,000 was asked" to the reconciler
// (refund_differs, degraded) and to the checker.
void TestPaymentAttention::refusedRefundLeavesNothingToCompareWith()
{
    QFETCH(int, answer);
    QFETCH(bool, atTheProvidersSite);
    BookingFixture f;
    QVERIFY(f.ok());
    const Campsite site = f.addSite(QStringLiteral("A-01"), 40000);
    const Reservation booked = f.book(f.request(site, 4, 1)); // the 50% band: 20,000 asked
    CancelRequest request;
    request.reservationId = booked.id;
    f.terminal.scriptCancelOutcomes({ PaymentOutcome::Status(answer) });
    Result<Reservation> refused = f.booking->cancel(BookingFixture::desk(), request);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code,
             answer == int(PaymentOutcome::Status::Unavailable) ? ErrorCode::PaymentsBusy : ErrorCode::Payment);
    QCOMPARE(f.booking->get(booked.id)->status, ReservationStatus::Confirmed);
    QCOMPARE(f.terminal.orderStatus(booked.orderId), PaymentOutcome::Status::Approved);

    if (atTheProvidersSite) {
        const PaymentCancelRequest everything { booked.orderId, QString(), 40000, QStringLiteral("customer") };
        QVERIFY(f.terminal.cancel(everything).approved());
        PaymentReconciler reconciler(f.db(), *f.booking, f.terminal, immediately());
        Result<PaymentReconciler::Report> report = reconciler.reconcileNow();
        CAMPDESK_VERIFY_OK(report);
        QCOMPARE(report->cancelled, 1);
        QCOMPARE(report->needAttention, 0);
    } else {
        CAMPDESK_VERIFY_OK(f.booking->cancelByPayment(BookingFixture::desk(), booked.orderId, QStringLiteral("desk")));
    }
    QCOMPARE(f.booking->get(booked.id)->refundAmount, qint64(40000));
    QCOMPARE(scalar(f.db(), QStringLiteral("SELECT count(*) FROM payments WHERE attention IS NOT NULL")), 0);
    QCOMPARE(paymentsHealth(f.db()), HealthItem::Level::Ok);
    QVERIFY(BookingFixture::invariantsHold(f.db()));
}

// No answer to a refund the provider never made: the claim keeps the booking from being checked in until the
// reconciler finds the payment untouched (after the minimum age) and releases it; the booking can then be used.
void TestPaymentAttention::refundLostThenNotMadeIsReleased()
{
    BookingFixture f;
    QVERIFY(f.ok());
    const Campsite site = f.addSite(QStringLiteral("A-01"), 40000);
    const Reservation booked = f.book(f.request(site, 0, 1)); // checking in today
    CancelRequest request;
    request.reservationId = booked.id;
    f.terminal.scriptCancelOutcomes({ PaymentOutcome::Status::Unknown });
    Result<Reservation> lost = f.booking->cancel(BookingFixture::desk(), request);
    QVERIFY(!lost.ok());
    QCOMPARE(lost.error().code, ErrorCode::PaymentPending);
    QCOMPARE(f.terminal.orderStatus(booked.orderId), PaymentOutcome::Status::Approved);
    // While the refund may have been made, neither a check-in nor a second cancel goes ahead.
    QCOMPARE(f.booking->checkIn(BookingFixture::desk(), booked.id).error().code, ErrorCode::AlreadyDone);
    QCOMPARE(f.booking->cancel(BookingFixture::desk(), request).error().code, ErrorCode::AlreadyDone);
    QCOMPARE(f.terminal.cancelCalls(), 1);

    PaymentReconciler::Config config; // the default minimum age: a cancel may still be waiting for its answer
    PaymentReconciler reconciler(f.db(), *f.booking, f.terminal, config);
    Result<PaymentReconciler::Report> report = reconciler.reconcileNow();
    CAMPDESK_VERIFY_OK(report);
    QCOMPARE(report->claimsReleased, 0);
    f.clock.advanceSecs(61);
    report = reconciler.reconcileNow();
    CAMPDESK_VERIFY_OK(report);
    QCOMPARE(report->claimsReleased, 1);
    QCOMPARE(report->cancelled, 0);
    QCOMPARE(f.t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'payment.refund_claim_released'")), 1);
    CAMPDESK_VERIFY_OK(f.booking->checkIn(BookingFixture::desk(), booked.id));
    QVERIFY(BookingFixture::invariantsHold(f.db()));
}

void TestPaymentAttention::retryNowAndResolveAreForAManager()
{
    BookingFixture f;
    QVERIFY(f.ok());
    const Campsite site = f.addSite(QStringLiteral("A-01"), 40000);
    const Reservation booked = f.book(f.request(site, 10, 1));
    const qint64 paymentId
        = scalar(f.db(), QStringLiteral("SELECT id FROM payments WHERE order_id = ?"), { booked.orderId });
    CAMPDESK_VERIFY_OK(f.db().write([&](Transaction& tx) -> Status {
        PaymentAttention::flag(tx, BookingFixture::desk(), paymentId, AttentionReason::RefundFailed,
                               QStringLiteral("no answer"), 40000);
        return {};
    }));
    QCOMPARE(PaymentAttention::retryNow(f.db(), BookingFixture::desk(), paymentId).error().code, ErrorCode::Forbidden);
    CAMPDESK_VERIFY_OK(PaymentAttention::retryNow(f.db(), BookingFixture::manager(), paymentId));
    QCOMPARE(scalar(f.db(), QStringLiteral("SELECT attention_next_at FROM payments WHERE id = ?"), { paymentId }),
             f.clock.nowUtc().toMSecsSinceEpoch());
    // Already due: not asked twice.
    QCOMPARE(PaymentAttention::retryNow(f.db(), BookingFixture::manager(), paymentId).error().code,
             ErrorCode::AlreadyDone);
    QCOMPARE(f.t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'payment.retry_requested'")), 1);
    CAMPDESK_VERIFY_OK(PaymentAttention::resolve(f.db(), BookingFixture::manager(), paymentId, QStringLiteral("ok")));
    QCOMPARE(PaymentAttention::retryNow(f.db(), BookingFixture::manager(), paymentId).error().code,
             ErrorCode::AlreadyDone);
    QCOMPARE(f.t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'payment.attention_cleared'")), 1);
}

void TestPaymentAttention::backoffGrows()
{
    QCOMPARE(PaymentAttention::backoffMs(1), qint64(60000));
    QCOMPARE(PaymentAttention::backoffMs(2), qint64(120000));
    QCOMPARE(PaymentAttention::backoffMs(3), qint64(240000));
    QCOMPARE(PaymentAttention::backoffMs(100), qint64(6 * 3600 * 1000));
}

CAMPDESK_DB_TEST_MAIN(TestPaymentAttention)
#include "tst_paymentattention.moc"
