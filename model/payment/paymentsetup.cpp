#include "payment/paymentsetup.h"

#include "core/logging.h"
#include "core/secretstore.h"
#include "core/terminalsettings.h"
#include "core/transportsecurity.h"
#include "db/database.h"
#include "domain/bookingservice.h"
#include "payment/httppaymentgateway.h"

#include <algorithm>

namespace campdesk {

namespace {

PaymentReconciler::Config reconcilerConfig(const PaymentSetup::Options& options)
{
    PaymentReconciler::Config config = options.reconciler;
    // A confirm whose answer is unreadable is followed by a lookup, each with its own timeout: the booking flow
    // may wait that long for a payment the reconciler must not decide before it.
    config.minimumAgeMs = std::max<qint64>(config.minimumAgeMs, 3LL * options.timeoutMs);
    return config;
}

} // namespace

Result<std::unique_ptr<PaymentSetup>> PaymentSetup::create(Database& db, BookingService& bookings,
                                                           const TerminalSettings& settings, SecretStore& secrets)
{
    return create(db, bookings, settings, secrets, Options());
}

Result<std::unique_ptr<PaymentSetup>> PaymentSetup::create(Database& db, BookingService& bookings,
                                                           const TerminalSettings& settings, SecretStore& secrets,
                                                           Options options)
{
    const QString url = settings.gatewayUrl().trimmed();
    if (url.isEmpty())
        return std::unique_ptr<PaymentSetup>();
    // The secret key goes with every request: never in clear text over a network unless the settings say so.
    if (const QString plain = TransportSecurity::plainHttp(tr("The payment gateway"), QUrl(url)); !plain.isEmpty()) {
        if (!settings.allowPlainConnections()) {
            return Error(ErrorCode::Invalid,
                         tr("%1: its secret key would be sent in clear text. Use an https:// address, or allow plain "
                            "connections with security/allowPlainConnections=true in this terminal's settings.")
                             .arg(plain),
                         QStringLiteral("gatewayUrl"));
        }
        qCWarning(lcPayment).noquote() << plain << "- allowed by security/allowPlainConnections";
    }
    Result<QString> key = secrets.read(SecretStore::Secret::GatewayKey);
    if (!key.ok())
        return key.error();
    if (key.value().isEmpty()) {
        return Error(ErrorCode::Invalid,
                     tr("A payment gateway is set (%1) but its secret key (%2) is not in this terminal's keyring "
                        "or secrets file. Payments use the simulated terminal until it is stored.")
                         .arg(url, SecretStore::secretName(SecretStore::Secret::GatewayKey)),
                     QStringLiteral("gatewayKey"));
    }
    HttpPaymentGateway::Config config;
    config.baseUrl = QUrl(url);
    config.secretKey = key.value();
    config.timeoutMs = options.timeoutMs;
    auto setup = std::make_unique<PaymentSetup>(db, bookings, std::make_unique<HttpPaymentGateway>(config), options);
    qCInfo(lcPayment).noquote() << "paying through the payment gateway at" << config.baseUrl.toDisplayString();
    return setup;
}

PaymentSetup::PaymentSetup(Database& db, BookingService& bookings, std::unique_ptr<PaymentGateway> gateway,
                           const Options& options)
    : m_breaker(options.breaker, &db.clock())
    , m_gateway(std::move(gateway), &m_breaker)
    , m_recorder(db, m_breaker)
    , m_reconciler(db, bookings, m_gateway, reconcilerConfig(options))
{
    bookings.addGateway(&m_gateway);
    if (options.startReconciler)
        m_reconciler.start();
}

} // namespace campdesk
