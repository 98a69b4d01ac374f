// The circuit breaker's state changes become domain events, written on the database's thread even when the breaker
// changed state on a payment worker thread.
#include "core/eventbus.h"
#include "payment/breakereventrecorder.h"
#include "payment/breakergateway.h"
#include "payment/circuitbreaker.h"
#include "scriptedgateway.h"
#include "testdatabase.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace campdesk;
using namespace campdesk::test;

class TestBreakerEvents : public QObject
{
    Q_OBJECT
private slots:
    void stateChangesOnAWorkerThreadAreRecorded();
};

void TestBreakerEvents::stateChangesOnAWorkerThreadAreRecorded()
{
    EventBus bus;
    Database::Options options;
    options.bus = &bus;
    TestDatabase t(options);
    QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
    QSignalSpy published(&bus, &EventBus::circuitBreakerStateChanged);

    ManualClock clock;
    CircuitBreaker breaker(CircuitBreaker::Config(), &clock);
    BreakerEventRecorder recorder(t.db(), breaker);
    auto* provider = new ScriptedGateway;
    provider->next = PaymentOutcome::Status::Failed;
    BreakerGateway gateway(std::unique_ptr<PaymentGateway>(provider), &breaker);

    std::unique_ptr<QThread> worker(QThread::create([&] {
        for (int i = 0; i < 5; ++i)
            gateway.confirm(PaymentRequest());
    }));
    worker->start();
    QVERIFY(worker->wait(10000));
    QCOMPARE(breaker.state(), CircuitBreaker::State::Open);

    QTRY_COMPARE(published.size(), 1);
    const DomainEvent event = published.at(0).at(0).value<DomainEvent>();
    QCOMPARE(event.type, EventType::CircuitBreakerStateChanged);
    QCOMPARE(event.aggregate, QStringLiteral("payment_gateway"));
    QCOMPARE(event.payload.value(QLatin1String("from")).toString(), QStringLiteral("closed"));
    QCOMPARE(event.payload.value(QLatin1String("to")).toString(), QStringLiteral("open"));
    QCOMPARE(event.payload.value(QLatin1String("state")).toString(), QStringLiteral("open"));
    QCOMPARE(event.payload.value(QLatin1String("openSeconds")).toInt(), 30);
    QVERIFY(event.payload.value(QLatin1String("reason")).toString().contains(QLatin1String("failure rate")));

    // Half-open and open again: every change is a row, in order.
    clock.advanceSecs(30);
    gateway.confirm(PaymentRequest());
    QTRY_COMPARE(published.size(), 3);
    Result<QStringList> rows = t->read([](SqlSession& s) -> Result<QStringList> {
        SqlRows q = s.exec(QStringLiteral("SELECT payload FROM domain_events WHERE type = ? AND aggregate = ? "
                                          "ORDER BY id"),
                           { eventTypeName(EventType::CircuitBreakerStateChanged), QStringLiteral("payment_gateway") });
        QStringList states;
        while (q.next())
            states << QJsonDocument::fromJson(q.value(0).toString().toUtf8())
                          .object()
                          .value(QLatin1String("to"))
                          .toString();
        return states;
    });
    CAMPDESK_VERIFY_OK(rows);
    QCOMPARE(rows.value(),
             (QStringList { QStringLiteral("open"), QStringLiteral("half_open"), QStringLiteral("open") }));
}

CAMPDESK_DB_TEST_MAIN(TestBreakerEvents)
#include "tst_breakerevents.moc"
