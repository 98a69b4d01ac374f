// PaymentSetup on both databases, from a temporary TerminalSettings and a file-only SecretStore pointing at a
// PaymentSimulator: a booking goes through the HTTP gateway, the breaker's state changes become domain events,
// the reconciler runs, and without a URL (or without the key) nothing replaces the simulated terminal.
#include "bookingfixture.h"
#include "core/secretstore.h"
#include "core/terminalsettings.h"
#include "ops/appcontext.h"
#include "payment/paymentsetup.h"
#include "paymentsimulator.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;
using Mode = PaymentSimulator::Mode;

class TestPaymentSetup : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void bookingGoesThroughTheConfiguredGateway();
    void breakerStateChangesBecomeDomainEvents();
    void withoutAUrlTheSimulatedTerminalStays();
    void aUrlWithoutItsKeyIsAnError();
    void plainHttpGatewayIsRefusedUnlessAllowed();
    void appContextPaysThroughTheGateway();

private:
    SecretStore secrets();
    PaymentSetup::Options fastOptions() const;

    std::unique_ptr<BookingFixture> f;
    std::unique_ptr<PaymentSimulator> m_sim;
    std::unique_ptr<TerminalSettings> m_settings;
    QTemporaryDir m_dir;
    Campsite m_site;
};

void TestPaymentSetup::init()
{
    f = std::make_unique<BookingFixture>();
    QVERIFY2(f->ok(), qPrintable(f->t->errorMessage()));
    m_sim = std::make_unique<PaymentSimulator>(QStringLiteral("test_sk_setup"));
    QVERIFY(m_sim->listen() != 0);
    m_settings = TerminalSettings::createTemporary();
    CAMPDESK_VERIFY_OK(m_settings->setValue(TerminalSettings::Key::GatewayUrl, m_sim->baseUrl().toString()));
    QVERIFY(m_dir.isValid());
    SecretStore store = secrets();
    CAMPDESK_VERIFY_OK(store.write(SecretStore::Secret::GatewayKey, QStringLiteral("test_sk_setup")));
    m_site = f->addSite(QStringLiteral("S-01"), 30000);
}

void TestPaymentSetup::cleanup()
{
    m_settings.reset();
    m_sim.reset();
    f.reset();
    QFile::remove(m_dir.filePath(QStringLiteral("secrets.json")));
}

SecretStore TestPaymentSetup::secrets()
{
    SecretStore::Options options;
    options.useKeychain = false;
    options.fallbackFile = m_dir.filePath(QStringLiteral("secrets.json"));
    return SecretStore(options);
}

PaymentSetup::Options TestPaymentSetup::fastOptions() const
{
    PaymentSetup::Options options;
    options.timeoutMs = 2000;
    options.startReconciler = false;
    return options;
}

void TestPaymentSetup::bookingGoesThroughTheConfiguredGateway()
{
    SecretStore store = secrets();
    Result<std::unique_ptr<PaymentSetup>> setup
        = PaymentSetup::create(f->db(), *f->booking, *m_settings, store, fastOptions());
    CAMPDESK_VERIFY_OK(setup);
    QVERIFY(setup.value());
    PaymentSetup& payments = *setup.value();
    QCOMPARE(f->booking->gateway(QStringLiteral("http")), &payments.gateway());
    QVERIFY(!payments.gateway().isSimulated());

    Result<Reservation> booked
        = f->booking->book(BookingFixture::kiosk(), f->request(m_site, 7, 2), payments.gateway());
    CAMPDESK_VERIFY_OK(booked);
    QCOMPARE(booked->status, ReservationStatus::Confirmed);
    QCOMPARE(m_sim->chargeCount(booked->orderId), 1);
    QCOMPARE(m_sim->order(booked->orderId)->amount, 60000);
    QCOMPARE(f->t->count(QStringLiteral("payments"), QStringLiteral("provider = 'http' AND status = 'approved'")), 1);

    // The reconciler it built asks the same provider: nothing to settle, so it reports an empty run.
    Result<PaymentReconciler::Report> report = payments.reconciler().reconcileNow();
    CAMPDESK_VERIFY_OK(report);
    QCOMPARE(report->cancelled + report->confirmed + report->released + report->unresolved, 0);
}

void TestPaymentSetup::breakerStateChangesBecomeDomainEvents()
{
    SecretStore store = secrets();
    Result<std::unique_ptr<PaymentSetup>> setup
        = PaymentSetup::create(f->db(), *f->booking, *m_settings, store, fastOptions());
    CAMPDESK_VERIFY_OK(setup);
    PaymentSetup& payments = *setup.value();
    m_sim->setMode(Mode::ServerError);
    for (int i = 0; i < 5; ++i) {
        Result<Reservation> failed
            = f->booking->book(BookingFixture::kiosk(), f->request(m_site, 40 + 3 * i, 1), payments.gateway());
        QVERIFY(!failed.ok());
    }
    QCOMPARE(payments.breaker().state(), CircuitBreaker::State::Open);
    QTRY_COMPARE(f->t->count(QStringLiteral("domain_events"),
                             QStringLiteral("type = 'CircuitBreakerStateChanged' AND payload LIKE '%open%'")),
                 1);
    QCOMPARE(m_sim->totalCharges(), 0);

    // While open, the kiosk gets the fallback with the wait, and the provider is not asked.
    const int requests = m_sim->requestCount();
    Result<Reservation> busy = f->booking->book(BookingFixture::kiosk(), f->request(m_site, 70, 1), payments.gateway());
    QVERIFY(!busy.ok());
    QCOMPARE(busy.error().code, ErrorCode::PaymentsBusy);
    QCOMPARE(m_sim->requestCount(), requests);
}

void TestPaymentSetup::withoutAUrlTheSimulatedTerminalStays()
{
    CAMPDESK_VERIFY_OK(m_settings->setValue(TerminalSettings::Key::GatewayUrl, QString()));
    SecretStore store = secrets();
    Result<std::unique_ptr<PaymentSetup>> setup
        = PaymentSetup::create(f->db(), *f->booking, *m_settings, store, fastOptions());
    CAMPDESK_VERIFY_OK(setup);
    QVERIFY(!setup.value());
    QCOMPARE(f->booking->gateway(QStringLiteral("http")), nullptr);
}

void TestPaymentSetup::aUrlWithoutItsKeyIsAnError()
{
    SecretStore store = secrets();
    CAMPDESK_VERIFY_OK(store.remove(SecretStore::Secret::GatewayKey));
    Result<std::unique_ptr<PaymentSetup>> setup
        = PaymentSetup::create(f->db(), *f->booking, *m_settings, store, fastOptions());
    QVERIFY(!setup.ok());
    QVERIFY2(setup.error().message.contains(QLatin1String("gateway-key")), qPrintable(setup.error().message));
    QCOMPARE(f->booking->gateway(QStringLiteral("http")), nullptr);
}

void TestPaymentSetup::plainHttpGatewayIsRefusedUnlessAllowed()
{
    SecretStore store = secrets();
    // A gateway on another machine over http://: the secret key would cross the network in clear text. Nothing is
    // contacted here: the setup refuses before any request.
    CAMPDESK_VERIFY_OK(
        m_settings->setValue(TerminalSettings::Key::GatewayUrl, QStringLiteral("http://pay.campground.example/v1")));
    Result<std::unique_ptr<PaymentSetup>> refused
        = PaymentSetup::create(f->db(), *f->booking, *m_settings, store, fastOptions());
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().field, QStringLiteral("gatewayUrl"));
    QVERIFY2(refused.error().message.contains(QLatin1String("https://")), qPrintable(refused.error().message));
    QCOMPARE(f->booking->gateway(QStringLiteral("http")), nullptr);
    // Allowed explicitly: set up (and logged as a warning).
    CAMPDESK_VERIFY_OK(m_settings->setValue(TerminalSettings::Key::AllowPlainConnections, QStringLiteral("true")));
    Result<std::unique_ptr<PaymentSetup>> allowed
        = PaymentSetup::create(f->db(), *f->booking, *m_settings, store, fastOptions());
    CAMPDESK_VERIFY_OK(allowed);
    QVERIFY(allowed.value() != nullptr);
}

void TestPaymentSetup::appContextPaysThroughTheGateway()
{
    Database::Options options;
    options.clock = &f->clock;
    std::unique_ptr<Database> db = f->t->openAnother(options);
    QVERIFY(db);
    std::unique_ptr<AppContext> context = AppContext::build(std::move(db));
    QVERIFY(!context->payments);
    SecretStore store = secrets();
    CAMPDESK_VERIFY_OK(context->setUpPayments(*m_settings, store));
    QVERIFY(context->payments);
    // It started the reconciler: its first run comes without being asked.
    QSignalSpy reconciled(&context->payments->reconciler(), &PaymentReconciler::finished);
    QVERIFY(reconciled.wait(10000));
    PaymentGateway& card = context->payments->gateway();
    QCOMPARE(context->bookings->gateway(QStringLiteral("http")), &card);
    Result<Reservation> booked = context->bookings->book(Actor::kiosk(), f->request(m_site, 5, 1), card);
    CAMPDESK_VERIFY_OK(booked);
    QCOMPARE(m_sim->chargeCount(booked->orderId), 1);

    // A cancellation from this terminal refunds through the same provider.
    CancelRequest cancel;
    cancel.reservationId = booked->id;
    cancel.reason = QStringLiteral("test");
    Result<Reservation> cancelled = context->bookings->cancel(BookingFixture::desk(), cancel);
    CAMPDESK_VERIFY_OK(cancelled);
    QCOMPARE(m_sim->order(booked->orderId)->cancelledAmount, cancelled->refundAmount);
}

CAMPDESK_DB_TEST_MAIN(TestPaymentSetup)
#include "tst_paymentsetup.moc"
