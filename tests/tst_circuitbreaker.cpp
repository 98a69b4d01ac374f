// The circuit breaker on its own, with a manual clock: when it opens, how long it stays open, how probing works.
#include "payment/breakergateway.h"
#include "payment/circuitbreaker.h"
#include "scriptedgateway.h"

#include <QSignalSpy>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;
using State = CircuitBreaker::State;

namespace {

void call(CircuitBreaker& breaker, bool failed, qint64 durationMs = 10)
{
    const CircuitBreaker::Permit permit = breaker.tryAcquire();
    QVERIFY(permit);
    breaker.record(permit, failed, durationMs);
}

} // namespace

class TestCircuitBreaker : public QObject
{
    Q_OBJECT
private slots:
    void defaultsSuitAKiosk();
    void staysClosedBelowTheMinimumNumberOfCalls();
    void opensAtTheFailureRateAndFailsFast();
    void onlyTheLastWindowOfCallsCounts();
    void slowCallsOpenItToo();
    void halfOpensAfterTheWaitAndClosesAfterGoodProbes();
    void aBadProbeReopens();
    void halfOpenLetsOnlyTheProbesThrough();
    void lateResultsFromBeforeAStateChangeAreIgnored();
    void gatewayFallbackNeverTouchesTheProvider();
    void aDeclinedCardIsNotAFailure();
};

void TestCircuitBreaker::defaultsSuitAKiosk()
{
    const CircuitBreaker::Config config;
    QCOMPARE(config.windowSize, 10);
    QCOMPARE(config.minimumCalls, 5);
    QCOMPARE(config.failureRatePercent, 50);
    QCOMPARE(config.slowCallMs, 5000);
    QCOMPARE(config.openMs, 30000);
    QCOMPARE(config.halfOpenProbes, 2);
    CircuitBreaker breaker;
    QCOMPARE(breaker.state(), State::Closed);
    QCOMPARE(breaker.retryAfterSeconds(), 0);
}

void TestCircuitBreaker::staysClosedBelowTheMinimumNumberOfCalls()
{
    ManualClock clock;
    CircuitBreaker breaker(CircuitBreaker::Config(), &clock);
    for (int i = 0; i < 4; ++i)
        call(breaker, true);
    QCOMPARE(breaker.state(), State::Closed); // 4 of 4 failed, but 5 calls are needed for a verdict
    QVERIFY(breaker.tryAcquire());
}

void TestCircuitBreaker::opensAtTheFailureRateAndFailsFast()
{
    ManualClock clock;
    CircuitBreaker breaker(CircuitBreaker::Config(), &clock);
    QSignalSpy changes(&breaker, &CircuitBreaker::stateChanged);
    call(breaker, false);
    call(breaker, false);
    call(breaker, false);
    call(breaker, true);
    QCOMPARE(breaker.state(), State::Closed);
    call(breaker, true); // 2 of 5 = 40%
    QCOMPARE(breaker.state(), State::Closed);
    call(breaker, true); // 3 of 6 = 50%
    QCOMPARE(breaker.state(), State::Open);
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.at(0).at(0).value<State>(), State::Closed);
    QCOMPARE(changes.at(0).at(1).value<State>(), State::Open);
    QVERIFY(changes.at(0).at(2).toString().contains(QLatin1String("failure rate 50%")));

    QVERIFY(!breaker.tryAcquire());
    QCOMPARE(breaker.retryAfterSeconds(), 30);
    clock.advanceMs(12500);
    QVERIFY(!breaker.tryAcquire());
    QCOMPARE(breaker.retryAfterSeconds(), 18); // 17.5 s rounded up: never "try again in 0 seconds" while open
    QCOMPARE(breaker.state(), State::Open);
}

void TestCircuitBreaker::onlyTheLastWindowOfCallsCounts()
{
    ManualClock clock;
    CircuitBreaker::Config config;
    config.windowSize = 4;
    config.minimumCalls = 4;
    CircuitBreaker breaker(config, &clock);
    call(breaker, true);
    call(breaker, false);
    call(breaker, false);
    call(breaker, false); // 1 of 4
    call(breaker, false); // the failure has left the window: 0 of 4
    call(breaker, true); // 1 of 4
    QCOMPARE(breaker.state(), State::Closed);
    call(breaker, true); // 2 of 4
    QCOMPARE(breaker.state(), State::Open);
}

void TestCircuitBreaker::slowCallsOpenItToo()
{
    ManualClock clock;
    CircuitBreaker breaker(CircuitBreaker::Config(), &clock);
    QSignalSpy changes(&breaker, &CircuitBreaker::stateChanged);
    call(breaker, false, 100);
    call(breaker, false, 100);
    call(breaker, false, 4999); // just under the slow-call duration
    call(breaker, false, 5000);
    QCOMPARE(breaker.state(), State::Closed);
    call(breaker, false, 7000); // 2 slow of 5 = 40%
    QCOMPARE(breaker.state(), State::Closed);
    call(breaker, false, 9000); // 3 slow of 6 = 50%, although every call succeeded
    QCOMPARE(breaker.state(), State::Open);
    QVERIFY(changes.at(0).at(2).toString().contains(QLatin1String("slow")));
}

void TestCircuitBreaker::halfOpensAfterTheWaitAndClosesAfterGoodProbes()
{
    ManualClock clock;
    CircuitBreaker breaker(CircuitBreaker::Config(), &clock);
    QSignalSpy changes(&breaker, &CircuitBreaker::stateChanged);
    for (int i = 0; i < 5; ++i)
        call(breaker, true);
    QCOMPARE(breaker.state(), State::Open);
    clock.advanceMs(29999);
    QVERIFY(!breaker.tryAcquire());
    clock.advanceMs(1);
    QCOMPARE(breaker.retryAfterSeconds(), 0);

    const CircuitBreaker::Permit first = breaker.tryAcquire();
    QVERIFY(first);
    QCOMPARE(breaker.state(), State::HalfOpen);
    breaker.record(first, false, 50);
    QCOMPARE(breaker.state(), State::HalfOpen); // one good probe is not enough
    call(breaker, false);
    QCOMPARE(breaker.state(), State::Closed);

    QCOMPARE(changes.size(), 3);
    QCOMPARE(changes.at(1).at(1).value<State>(), State::HalfOpen);
    QCOMPARE(changes.at(2).at(1).value<State>(), State::Closed);

    // Closed again with a fresh window: four new failures are below the minimum number of calls.
    for (int i = 0; i < 4; ++i)
        call(breaker, true);
    QCOMPARE(breaker.state(), State::Closed);
}

void TestCircuitBreaker::aBadProbeReopens()
{
    ManualClock clock;
    CircuitBreaker breaker(CircuitBreaker::Config(), &clock);
    for (int i = 0; i < 5; ++i)
        call(breaker, true);
    clock.advanceSecs(30);
    call(breaker, false);
    QCOMPARE(breaker.state(), State::HalfOpen);
    call(breaker, true);
    QCOMPARE(breaker.state(), State::Open);
    QCOMPARE(breaker.retryAfterSeconds(), 30); // a full new wait
    QVERIFY(!breaker.tryAcquire());

    // A slow probe counts as bad too.
    clock.advanceSecs(30);
    call(breaker, false, 6000);
    QCOMPARE(breaker.state(), State::Open);
}

void TestCircuitBreaker::halfOpenLetsOnlyTheProbesThrough()
{
    ManualClock clock;
    CircuitBreaker breaker(CircuitBreaker::Config(), &clock);
    for (int i = 0; i < 5; ++i)
        call(breaker, true);
    clock.advanceSecs(30);
    const CircuitBreaker::Permit a = breaker.tryAcquire();
    const CircuitBreaker::Permit b = breaker.tryAcquire();
    QVERIFY(a);
    QVERIFY(b);
    QVERIFY(!breaker.tryAcquire()); // both probes are out: everyone else still gets the fallback
    QVERIFY(breaker.retryAfterSeconds() >= 1);
    breaker.record(a, false, 10);
    breaker.record(b, false, 10);
    QCOMPARE(breaker.state(), State::Closed);
    QVERIFY(breaker.tryAcquire());
}

void TestCircuitBreaker::lateResultsFromBeforeAStateChangeAreIgnored()
{
    ManualClock clock;
    CircuitBreaker breaker(CircuitBreaker::Config(), &clock);
    const CircuitBreaker::Permit slowCaller = breaker.tryAcquire(); // admitted while closed
    for (int i = 0; i < 5; ++i)
        call(breaker, true);
    QCOMPARE(breaker.state(), State::Open);
    clock.advanceSecs(30);
    call(breaker, false);
    QCOMPARE(breaker.state(), State::HalfOpen);
    breaker.record(slowCaller, true, 20000); // answers now; it says nothing about the service since it reopened
    QCOMPARE(breaker.state(), State::HalfOpen);
    call(breaker, false);
    QCOMPARE(breaker.state(), State::Closed);
}

void TestCircuitBreaker::gatewayFallbackNeverTouchesTheProvider()
{
    ManualClock clock;
    CircuitBreaker breaker(CircuitBreaker::Config(), &clock);
    auto* provider = new ScriptedGateway;
    provider->clock = &clock;
    BreakerGateway gateway(std::unique_ptr<PaymentGateway>(provider), &breaker);
    PaymentRequest request;
    request.orderId = QStringLiteral("CD-1");
    request.amount = 50000;

    provider->next = PaymentOutcome::Status::Failed;
    for (int i = 0; i < 5; ++i)
        QCOMPARE(gateway.confirm(request).status, PaymentOutcome::Status::Failed);
    QCOMPARE(provider->calls, 5);
    QCOMPARE(breaker.state(), State::Open);

    provider->next = PaymentOutcome::Status::Approved;
    clock.advanceSecs(10);
    for (int i = 0; i < 3; ++i) {
        const PaymentOutcome outcome
            = i == 0 ? gateway.confirm(request) : (i == 1 ? gateway.lookup(request.orderId) : gateway.cancel({}));
        QCOMPARE(outcome.status, PaymentOutcome::Status::Unavailable);
        QVERIFY(!outcome.approved());
        QCOMPARE(outcome.retryAfterSeconds, 20);
        QCOMPARE(outcome.message, BreakerGateway::fallbackMessage(20));
        QVERIFY(outcome.message.contains(QLatin1String("20 seconds")));
        QVERIFY(outcome.message.contains(QLatin1String("front desk")));
    }
    QCOMPARE(provider->calls, 5); // fail fast: the provider was not asked

    clock.advanceSecs(20);
    QVERIFY(gateway.confirm(request).approved());
    QVERIFY(gateway.confirm(request).approved());
    QCOMPARE(breaker.state(), State::Closed);
    QCOMPARE(provider->calls, 7);

    // Calls that take too long count as slow through the gateway as well.
    provider->takesMs = 6000;
    for (int i = 0; i < 5; ++i)
        QVERIFY(gateway.confirm(request).approved());
    QCOMPARE(breaker.state(), State::Open);
}

void TestCircuitBreaker::aDeclinedCardIsNotAFailure()
{
    ManualClock clock;
    CircuitBreaker breaker(CircuitBreaker::Config(), &clock);
    auto* provider = new ScriptedGateway;
    BreakerGateway gateway(std::unique_ptr<PaymentGateway>(provider), &breaker);
    for (PaymentOutcome::Status status :
         { PaymentOutcome::Status::Declined, PaymentOutcome::Status::NotFound, PaymentOutcome::Status::Cancelled }) {
        provider->next = status;
        for (int i = 0; i < 10; ++i)
            QCOMPARE(gateway.lookup(QStringLiteral("CD-2")).status, status);
    }
    QCOMPARE(breaker.state(), State::Closed);
    for (PaymentOutcome::Status status :
         { PaymentOutcome::Status::Failed, PaymentOutcome::Status::Unknown, PaymentOutcome::Status::Unavailable }) {
        QVERIFY(BreakerGateway::countsAsFailure(status));
    }
    provider->next = PaymentOutcome::Status::Unknown;
    for (int i = 0; i < 5; ++i)
        gateway.lookup(QStringLiteral("CD-2"));
    QCOMPARE(breaker.state(), State::Open);
}

QTEST_GUILESS_MAIN(TestCircuitBreaker)
#include "tst_circuitbreaker.moc"
