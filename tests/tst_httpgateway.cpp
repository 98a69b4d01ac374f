// The HTTP payment gateway client against the payment simulator, a real HTTP server on 127.0.0.1: approvals,
// declines, timeouts, garbage, broken connections, idempotent retries, refunds, the circuit breaker in front of it,
// and a secret key that never reaches the log.
#include "payment/breakergateway.h"
#include "payment/circuitbreaker.h"
#include "payment/httppaymentgateway.h"
#include "paymentsimulator.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTcpServer>
#include <QTest>
#include <QThread>
#include <memory>

using namespace campdesk;
using Status = PaymentOutcome::Status;
using Mode = PaymentSimulator::Mode;

namespace {

const QString kSecret = QStringLiteral("test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R");

QMutex g_logMutex;
QStringList g_log;
QtMessageHandler g_previousHandler = nullptr;
QLoggingCategory::CategoryFilter g_previousFilter = nullptr;

void captureMessages(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_log << QString::fromLatin1(context.category ? context.category : "") + QLatin1Char(' ') + message;
    }
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

// Every payment message, debug included, whatever QT_LOGGING_RULES says: the key must not be in any of them.
void enablePaymentLogging(QLoggingCategory* category)
{
    if (g_previousFilter)
        g_previousFilter(category);
    if (qstrcmp(category->categoryName(), "campdesk.payment") == 0) {
        category->setEnabled(QtDebugMsg, true);
        category->setEnabled(QtInfoMsg, true);
        category->setEnabled(QtWarningMsg, true);
    }
}

PaymentRequest request(const QString& orderId, qint64 amount = 84000)
{
    PaymentRequest r;
    r.orderId = orderId;
    r.amount = amount;
    r.orderName = QStringLiteral("A-07 Pine Grove, 2 nights");
    r.customerName = QStringLiteral("김민준");
    return r;
}

quint16 unusedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort(); // closed again when probe goes away
}

} // namespace

class TestHttpGateway : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void approvesAndLooksUp();
    void oneChargePerOrderUnderRetries();
    void aDeclinedCardIsDeclined();
    void timeoutIsUnknownAndTheLookupFindsTheApproval();
    void brokenAnswersGiveAClearError_data();
    void brokenAnswersGiveAClearError();
    void aLostAnswerIsRecoveredByLookup();
    void tooManyRequestsIsUnavailableWithRetryAfter();
    void amountMismatchIsDeclinedAndCancelled();
    void amountMismatchNotCancelledIsKeptByTheProvider();
    void partialCancelShowsItsRefundInLookup();
    void wrongSecretKeyFails();
    void unreachableServiceFails();
    void refundsOnceAndLooksUpTheKeyWhenMissing();
    void cancellationAtTheProviderShowsInLookup();
    void worksFromAWorkerThread();
    void breakerOpensFailsFastAndRecovers();
    void secretKeyIsNeverLogged();
    void theCommandLineSimulatorIsControlledOverHttp();

private:
    HttpPaymentGateway::Config config(int timeoutMs = 3000) const;
    std::unique_ptr<PaymentSimulator> m_sim;
};

void TestHttpGateway::initTestCase()
{
    g_previousHandler = qInstallMessageHandler(captureMessages);
    g_previousFilter = QLoggingCategory::installFilter(enablePaymentLogging);
}

void TestHttpGateway::init()
{
    m_sim = std::make_unique<PaymentSimulator>(kSecret);
    QVERIFY(m_sim->listen() != 0);
}

void TestHttpGateway::cleanup()
{
    m_sim.reset();
}

void TestHttpGateway::cleanupTestCase()
{
    qInstallMessageHandler(g_previousHandler);
}

HttpPaymentGateway::Config TestHttpGateway::config(int timeoutMs) const
{
    HttpPaymentGateway::Config c;
    c.baseUrl = m_sim->baseUrl();
    c.secretKey = kSecret;
    c.timeoutMs = timeoutMs;
    return c;
}

void TestHttpGateway::approvesAndLooksUp()
{
    HttpPaymentGateway gateway(config());
    QCOMPARE(gateway.provider(), QStringLiteral("http"));
    const PaymentOutcome approved = gateway.confirm(request(QStringLiteral("CD-ORDER-1")));
    QVERIFY2(approved.approved(), qPrintable(approved.message));
    QCOMPARE(approved.amount, 84000);
    QCOMPARE(approved.providerTxId, QStringLiteral("campdesk-CD-ORDER-1"));
    QCOMPARE(m_sim->chargeCount(QStringLiteral("CD-ORDER-1")), 1);

    const PaymentOutcome found = gateway.lookup(QStringLiteral("CD-ORDER-1"));
    QCOMPARE(found.status, Status::Approved);
    QCOMPARE(found.amount, 84000);
    QCOMPARE(found.providerTxId, approved.providerTxId);
    QCOMPARE(gateway.lookup(QStringLiteral("CD-NEVER-SEEN")).status, Status::NotFound);

    // The card reader's token is passed on when there is one; path characters in ids are encoded.
    PaymentRequest withKey = request(QStringLiteral("CD ORDER+2"));
    withKey.paymentKey = QStringLiteral("tgen_2026 11+é");
    const PaymentOutcome second = gateway.confirm(withKey);
    QVERIFY2(second.approved(), qPrintable(second.message));
    QCOMPARE(second.providerTxId, QStringLiteral("tgen_2026 11+é"));
    QCOMPARE(gateway.lookup(QStringLiteral("CD ORDER+2")).status, Status::Approved);
    PaymentCancelRequest refund;
    refund.orderId = withKey.orderId;
    refund.providerTxId = second.providerTxId;
    refund.cancelAmount = withKey.amount;
    QVERIFY(gateway.cancel(refund).approved());
    QCOMPARE(gateway.lookup(QStringLiteral("CD ORDER+2")).status, Status::Cancelled);
}

void TestHttpGateway::oneChargePerOrderUnderRetries()
{
    HttpPaymentGateway gateway(config(500));
    const PaymentRequest order = request(QStringLiteral("CD-RETRY"));
    for (int i = 0; i < 3; ++i)
        QVERIFY(gateway.confirm(order).approved());
    QCOMPARE(m_sim->chargeCount(order.orderId), 1);
    QCOMPARE(m_sim->chargesForKey(order.orderId), 1);

    // The first attempt is charged but its answer comes too late; the retry gets the first answer, no new charge.
    const PaymentRequest slow = request(QStringLiteral("CD-RETRY-SLOW"), 120000);
    m_sim->setMode(Mode::Stall, 1500);
    QCOMPARE(gateway.confirm(slow).status, Status::Unknown);
    QCOMPARE(m_sim->chargeCount(slow.orderId), 1);
    m_sim->setMode(Mode::Approve);
    const PaymentOutcome retried = gateway.confirm(slow);
    QVERIFY2(retried.approved(), qPrintable(retried.message));
    QCOMPARE(retried.amount, 120000);
    QCOMPARE(m_sim->chargeCount(slow.orderId), 1);
    QCOMPARE(m_sim->totalCharges(), 2);
}

void TestHttpGateway::aDeclinedCardIsDeclined()
{
    HttpPaymentGateway gateway(config());
    m_sim->setMode(Mode::Decline);
    const PaymentOutcome declined = gateway.confirm(request(QStringLiteral("CD-DECLINE")));
    QCOMPARE(declined.status, Status::Declined);
    QCOMPARE(declined.providerCode, QStringLiteral("REJECT_CARD_PAYMENT"));
    QVERIFY2(declined.message.contains(QLatin1String("declined")), qPrintable(declined.message));
    QCOMPARE(m_sim->totalCharges(), 0);
    // The provider keeps the aborted attempt; for Campdesk it was never paid.
    QCOMPARE(gateway.lookup(QStringLiteral("CD-DECLINE")).status, Status::NotFound);
}

void TestHttpGateway::timeoutIsUnknownAndTheLookupFindsTheApproval()
{
    HttpPaymentGateway gateway(config(300));
    m_sim->setMode(Mode::Stall, 2000);
    QElapsedTimer timer;
    timer.start();
    const PaymentOutcome unknown = gateway.confirm(request(QStringLiteral("CD-SLOW")));
    QVERIFY2(timer.elapsed() < 1500, "the client must give up at its timeout");
    QCOMPARE(unknown.status, Status::Unknown);
    QVERIFY(!unknown.approved());
    QVERIFY2(unknown.message.contains(QLatin1String("held")), qPrintable(unknown.message));

    const PaymentOutcome found = gateway.lookup(QStringLiteral("CD-SLOW"));
    QCOMPARE(found.status, Status::Approved);
    QCOMPARE(found.amount, 84000);

    // A lookup that times out is unknown too.
    m_sim->setLookupMode(Mode::Stall, 2000);
    QCOMPARE(gateway.lookup(QStringLiteral("CD-SLOW")).status, Status::Unknown);
}

void TestHttpGateway::brokenAnswersGiveAClearError_data()
{
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<QString>("expected");
    QTest::newRow("500") << Mode::ServerError << QStringLiteral("internal error (HTTP 500)");
    QTest::newRow("garbage") << Mode::Garbage << QStringLiteral("cannot read");
    QTest::newRow("dropped") << Mode::Drop << QStringLiteral("broke off");
}

void TestHttpGateway::brokenAnswersGiveAClearError()
{
    QFETCH(Mode, mode);
    QFETCH(QString, expected);
    HttpPaymentGateway gateway(config());
    m_sim->setMode(mode);
    const PaymentOutcome failed = gateway.confirm(request(QStringLiteral("CD-BROKEN")));
    QCOMPARE(failed.status, Status::Failed);
    QVERIFY(!failed.approved());
    QVERIFY2(failed.message.contains(expected), qPrintable(failed.message));
    // It asked the provider before saying so.
    QVERIFY2(failed.message.contains(QLatin1String("Nothing was charged")), qPrintable(failed.message));
    QCOMPARE(m_sim->totalCharges(), 0);

    // Refunds and lookups in the same state fail clearly too.
    m_sim->setLookupMode(mode);
    const PaymentOutcome lookup = gateway.lookup(QStringLiteral("CD-BROKEN"));
    QCOMPARE(lookup.status, Status::Failed);
    QVERIFY2(lookup.message.contains(expected), qPrintable(lookup.message));
    PaymentCancelRequest refund;
    refund.orderId = QStringLiteral("CD-BROKEN");
    refund.providerTxId = QStringLiteral("campdesk-CD-BROKEN");
    refund.cancelAmount = 1000;
    const PaymentOutcome cancelled = gateway.cancel(refund);
    QCOMPARE(cancelled.status, Status::Failed);
    QVERIFY2(cancelled.message.contains(QLatin1String("refund")), qPrintable(cancelled.message));
}

void TestHttpGateway::aLostAnswerIsRecoveredByLookup()
{
    HttpPaymentGateway gateway(config());
    m_sim->setMode(Mode::ChargeThenDrop);
    const PaymentOutcome recovered = gateway.confirm(request(QStringLiteral("CD-LOST")));
    QVERIFY2(recovered.approved(), qPrintable(recovered.message));
    QCOMPARE(recovered.amount, 84000);
    QCOMPARE(m_sim->chargeCount(QStringLiteral("CD-LOST")), 1);

    // When the lookup cannot tell either, the result is unknown: the hold stays and gets reconciled.
    m_sim->setLookupMode(Mode::ServerError);
    const PaymentOutcome unknown = gateway.confirm(request(QStringLiteral("CD-LOST-2")));
    QCOMPARE(unknown.status, Status::Unknown);
    QVERIFY(!unknown.approved());
}

void TestHttpGateway::tooManyRequestsIsUnavailableWithRetryAfter()
{
    HttpPaymentGateway gateway(config());
    m_sim->setMode(Mode::TooManyRequests);
    const PaymentOutcome busy = gateway.confirm(request(QStringLiteral("CD-BUSY")));
    QCOMPARE(busy.status, Status::Unavailable);
    QCOMPARE(busy.retryAfterSeconds, 7);
    QVERIFY2(busy.message.contains(QLatin1String("7 seconds")), qPrintable(busy.message));
    QCOMPARE(m_sim->totalCharges(), 0);
}

void TestHttpGateway::amountMismatchIsDeclinedAndCancelled()
{
    HttpPaymentGateway gateway(config());
    m_sim->setMode(Mode::WrongAmount);
    const PaymentOutcome mismatch = gateway.confirm(request(QStringLiteral("CD-MISMATCH"), 50000));
    QCOMPARE(mismatch.status, Status::Declined);
    QCOMPARE(mismatch.providerCode, QStringLiteral("AMOUNT_MISMATCH"));
    QVERIFY2(mismatch.message.contains(QLatin1String("51000")) && mismatch.message.contains(QLatin1String("50000")),
             qPrintable(mismatch.message));
    QVERIFY2(mismatch.message.contains(QLatin1String("was cancelled")), qPrintable(mismatch.message));
    const auto order = m_sim->order(QStringLiteral("CD-MISMATCH"));
    QVERIFY(order);
    QCOMPARE(order->status, QStringLiteral("CANCELED"));
    QCOMPARE(order->cancelledAmount, 51000);
    QCOMPARE(mismatch.keptByProvider, 0);
}

void TestHttpGateway::amountMismatchNotCancelledIsKeptByTheProvider()
{
    HttpPaymentGateway gateway(config());
    m_sim->setMode(Mode::WrongAmount);
    m_sim->setCancelsRefused(true);
    const PaymentOutcome mismatch = gateway.confirm(request(QStringLiteral("CD-KEPT"), 50000));
    m_sim->setCancelsRefused(false);
    QCOMPARE(mismatch.status, Status::Declined);
    QCOMPARE(mismatch.keptByProvider, 51000); // the booking engine records it as owed, and says so
    QVERIFY2(mismatch.message.contains(QLatin1String("staff will refund")), qPrintable(mismatch.message));
    QVERIFY2(!mismatch.message.contains(QLatin1String("Nothing was charged")), qPrintable(mismatch.message));
    QCOMPARE(m_sim->order(QStringLiteral("CD-KEPT"))->status, QStringLiteral("DONE"));
}

void TestHttpGateway::partialCancelShowsItsRefundInLookup()
{
    HttpPaymentGateway gateway(config());
    const PaymentOutcome paid = gateway.confirm(request(QStringLiteral("CD-PARTIAL"), 84000));
    QVERIFY(paid.approved());
    const PaymentOutcome refunded
        = gateway.cancel({ QStringLiteral("CD-PARTIAL"), paid.providerTxId, 42000, QStringLiteral("50% band") });
    QVERIFY2(refunded.approved(), qPrintable(refunded.message));
    const PaymentOutcome found = gateway.lookup(QStringLiteral("CD-PARTIAL"));
    QCOMPARE(found.status, Status::Cancelled);
    QCOMPARE(found.amount, 84000);
    QCOMPARE(found.refunded, 42000); // PARTIAL_CANCELED: what was given back, not the whole payment
}

void TestHttpGateway::wrongSecretKeyFails()
{
    HttpPaymentGateway::Config wrong = config();
    wrong.secretKey = QStringLiteral("test_sk_wrong");
    HttpPaymentGateway gateway(wrong);
    const PaymentOutcome refused = gateway.confirm(request(QStringLiteral("CD-AUTH")));
    QCOMPARE(refused.status, Status::Failed);
    QVERIFY2(refused.message.contains(QLatin1String("secret key")), qPrintable(refused.message));
    QCOMPARE(m_sim->totalCharges(), 0);
    QVERIFY(!m_sim->order(QStringLiteral("CD-AUTH")));
}

void TestHttpGateway::unreachableServiceFails()
{
    HttpPaymentGateway::Config nowhere = config();
    nowhere.baseUrl.setPort(unusedPort());
    HttpPaymentGateway gateway(nowhere);
    const PaymentOutcome failed = gateway.confirm(request(QStringLiteral("CD-NOWHERE")));
    QCOMPARE(failed.status, Status::Failed);
    QVERIFY2(failed.message.contains(QLatin1String("Cannot reach")), qPrintable(failed.message));
}

void TestHttpGateway::refundsOnceAndLooksUpTheKeyWhenMissing()
{
    HttpPaymentGateway gateway(config());
    const PaymentOutcome paid = gateway.confirm(request(QStringLiteral("CD-REFUND"), 90000));
    QVERIFY(paid.approved());

    PaymentCancelRequest partial;
    partial.orderId = QStringLiteral("CD-REFUND");
    partial.providerTxId = paid.providerTxId;
    partial.cancelAmount = 45000;
    partial.reason = QStringLiteral("Cancelled 3 days before check-in: 50%");
    for (int i = 0; i < 2; ++i) { // a retried refund is not refunded twice
        const PaymentOutcome refunded = gateway.cancel(partial);
        QVERIFY2(refunded.approved(), qPrintable(refunded.message));
        QCOMPARE(refunded.amount, 45000);
    }
    QCOMPARE(m_sim->order(QStringLiteral("CD-REFUND"))->cancelledAmount, 45000);
    QCOMPARE(m_sim->order(QStringLiteral("CD-REFUND"))->status, QStringLiteral("PARTIAL_CANCELED"));

    // Nothing to refund: the provider is not asked at all.
    const int requests = m_sim->requestCount();
    PaymentCancelRequest nothing = partial;
    nothing.cancelAmount = 0;
    QVERIFY(gateway.cancel(nothing).approved());
    QCOMPARE(m_sim->requestCount(), requests);

    // Without the provider's key the gateway finds it by order id.
    const PaymentOutcome other = gateway.confirm(request(QStringLiteral("CD-REFUND-2"), 30000));
    QVERIFY(other.approved());
    PaymentCancelRequest byOrder;
    byOrder.orderId = QStringLiteral("CD-REFUND-2");
    byOrder.cancelAmount = 30000;
    QVERIFY(gateway.cancel(byOrder).approved());
    QCOMPARE(gateway.lookup(QStringLiteral("CD-REFUND-2")).status, Status::Cancelled);
    // Too much to refund is a refusal, not a failure.
    byOrder.orderId = QStringLiteral("CD-REFUND");
    byOrder.cancelAmount = 90000;
    QCOMPARE(gateway.cancel(byOrder).status, Status::Declined);
}

void TestHttpGateway::cancellationAtTheProviderShowsInLookup()
{
    HttpPaymentGateway gateway(config());
    QVERIFY(gateway.confirm(request(QStringLiteral("CD-CANCELLED-THERE"))).approved());
    QVERIFY(m_sim->cancelAtProvider(QStringLiteral("CD-CANCELLED-THERE")));
    const PaymentOutcome found = gateway.lookup(QStringLiteral("CD-CANCELLED-THERE"));
    QCOMPARE(found.status, Status::Cancelled);
    QCOMPARE(found.amount, 84000);
    QCOMPARE(found.refunded, 84000);
}

void TestHttpGateway::worksFromAWorkerThread()
{
    HttpPaymentGateway gateway(config());
    PaymentOutcome outcome;
    std::unique_ptr<QThread> worker(
        QThread::create([&] { outcome = gateway.confirm(request(QStringLiteral("CD-THREAD"))); }));
    worker->start();
    // The simulator answers on this thread while the worker waits in its own event loop.
    QTRY_VERIFY_WITH_TIMEOUT(worker->isFinished(), 10000);
    QVERIFY2(outcome.approved(), qPrintable(outcome.message));
    QCOMPARE(m_sim->chargeCount(QStringLiteral("CD-THREAD")), 1);
}

void TestHttpGateway::breakerOpensFailsFastAndRecovers()
{
    ManualClock clock;
    CircuitBreaker breaker(CircuitBreaker::Config(), &clock);
    BreakerGateway gateway(std::make_unique<HttpPaymentGateway>(config()), &breaker);

    m_sim->setMode(Mode::ServerError);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(gateway.confirm(request(QStringLiteral("CD-B%1").arg(i))).status, Status::Failed);
    QCOMPARE(breaker.state(), CircuitBreaker::State::Open);

    // Open: the simulator's request count does not move, and nothing is marked paid.
    m_sim->setMode(Mode::Approve);
    const int requests = m_sim->requestCount();
    clock.advanceSecs(5);
    for (int i = 0; i < 3; ++i) {
        const PaymentOutcome fallback = gateway.confirm(request(QStringLiteral("CD-FAST")));
        QCOMPARE(fallback.status, Status::Unavailable);
        QVERIFY(!fallback.approved());
        QCOMPARE(fallback.retryAfterSeconds, 25);
        QCOMPARE(
            fallback.message,
            QStringLiteral("Payments are busy right now. Please try again in 25 seconds, or pay at the front desk."));
    }
    QCOMPARE(m_sim->requestCount(), requests);
    QCOMPARE(m_sim->totalCharges(), 0);
    QVERIFY(!m_sim->order(QStringLiteral("CD-FAST")));

    // After the wait a bad probe re-opens it...
    clock.advanceSecs(25);
    m_sim->setMode(Mode::Garbage);
    QCOMPARE(gateway.confirm(request(QStringLiteral("CD-PROBE-1"))).status, Status::Failed);
    QCOMPARE(breaker.state(), CircuitBreaker::State::Open);
    QCOMPARE(gateway.confirm(request(QStringLiteral("CD-PROBE-1"))).status, Status::Unavailable);

    // ...and two good probes close it.
    clock.advanceSecs(30);
    m_sim->setMode(Mode::Approve);
    QVERIFY(gateway.confirm(request(QStringLiteral("CD-PROBE-2"))).approved());
    QCOMPARE(breaker.state(), CircuitBreaker::State::HalfOpen);
    QVERIFY(gateway.lookup(QStringLiteral("CD-PROBE-2")).approved());
    QCOMPARE(breaker.state(), CircuitBreaker::State::Closed);
    QCOMPARE(m_sim->totalCharges(), 1);
}

void TestHttpGateway::secretKeyIsNeverLogged()
{
    {
        QMutexLocker lock(&g_logMutex);
        g_log.clear();
    }
    HttpPaymentGateway gateway(config(300));
    gateway.confirm(request(QStringLiteral("CD-LOG-1")));
    gateway.lookup(QStringLiteral("CD-LOG-1"));
    for (Mode mode :
         { Mode::Decline, Mode::ServerError, Mode::Garbage, Mode::Drop, Mode::TooManyRequests, Mode::WrongAmount }) {
        m_sim->setMode(mode);
        gateway.confirm(request(QStringLiteral("CD-LOG-%1").arg(PaymentSimulator::modeName(mode))));
    }
    m_sim->setMode(Mode::Stall, 1000);
    gateway.confirm(request(QStringLiteral("CD-LOG-STALL")));
    HttpPaymentGateway::Config wrong = config();
    wrong.secretKey = kSecret + QStringLiteral("x");
    HttpPaymentGateway(wrong).lookup(QStringLiteral("CD-LOG-1"));

    QMutexLocker lock(&g_logMutex);
    const QString all = g_log.join(QLatin1Char('\n'));
    QVERIFY2(all.contains(QLatin1String("campdesk.payment")), "the payment calls were logged");
    QVERIFY2(all.contains(QLatin1String("/v1/payments/confirm")), qPrintable(all));
    const QString base64 = QString::fromLatin1((kSecret + QLatin1Char(':')).toUtf8().toBase64());
    QVERIFY2(!all.contains(kSecret.mid(8)), qPrintable(all));
    QVERIFY2(!all.contains(base64.left(20)), qPrintable(all));
}

void TestHttpGateway::theCommandLineSimulatorIsControlledOverHttp()
{
    QProcess paysim;
    paysim.start(QStringLiteral(CAMPDESK_BINARY_DIR "/tools/paysim/campdesk-paysim"),
                 { QStringLiteral("0"), QStringLiteral("--secret"), kSecret });
    QVERIFY2(paysim.waitForStarted(5000), qPrintable(paysim.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(paysim.canReadLine(), 10000);
    const QString banner = QString::fromUtf8(paysim.readLine()).trimmed();
    QVERIFY2(banner.startsWith(QLatin1String("campdesk-paysim listening on http://127.0.0.1:")), qPrintable(banner));
    HttpPaymentGateway::Config c = config();
    c.baseUrl = QUrl(banner.section(QLatin1Char(' '), -1));

    HttpPaymentGateway gateway(c);
    QVERIFY(gateway.confirm(request(QStringLiteral("CD-CLI-1"))).approved());

    QNetworkAccessManager network;
    QNetworkRequest control(c.baseUrl.resolved(QUrl(QStringLiteral("/sim/mode"))));
    control.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    std::unique_ptr<QNetworkReply> reply(network.post(control, QByteArrayLiteral(R"({"mode": "decline"})")));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(gateway.confirm(request(QStringLiteral("CD-CLI-2"))).status, Status::Declined);

    HttpPaymentGateway::Config wrongKey = c;
    wrongKey.secretKey = QStringLiteral("test_sk_campdesk");
    QCOMPARE(HttpPaymentGateway(wrongKey).lookup(QStringLiteral("CD-CLI-1")).status, Status::Failed);

    paysim.kill();
    QVERIFY(paysim.waitForFinished(5000));
}

QTEST_GUILESS_MAIN(TestHttpGateway)
#include "tst_httpgateway.moc"
