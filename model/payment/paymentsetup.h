#pragma once

#include "core/result.h"
#include "payment/breakereventrecorder.h"
#include "payment/breakergateway.h"
#include "payment/circuitbreaker.h"
#include "payment/paymentreconciler.h"

#include <QCoreApplication>
#include <memory>

namespace campdesk {

class BookingService;
class Database;
class SecretStore;
class TerminalSettings;

// The online payment service as this terminal's settings configure it: the HTTP gateway behind a circuit breaker
// whose state changes become domain events, registered on the booking service, and the reconciler that settles
// payments whose answer never came. Without a gateway URL there is none and the simulated terminal stays in use.
class PaymentSetup final
{
    Q_DECLARE_TR_FUNCTIONS(PaymentSetup)

public:
    struct Options
    {
        int timeoutMs = 10000; // per HTTP request
        CircuitBreaker::Config breaker;
        PaymentReconciler::Config reconciler;
        bool startReconciler = true;
    };

    // Null when no gateway URL is configured; an error when one is but its secret key is missing or unreadable.
    // db and bookings must outlive the result, which lives on the database's thread.
    static Result<std::unique_ptr<PaymentSetup>> create(Database& db, BookingService& bookings,
                                                        const TerminalSettings& settings, SecretStore& secrets,
                                                        Options options);
    static Result<std::unique_ptr<PaymentSetup>> create(Database& db, BookingService& bookings,
                                                        const TerminalSettings& settings, SecretStore& secrets);

    PaymentSetup(Database& db, BookingService& bookings, std::unique_ptr<PaymentGateway> gateway,
                 const Options& options);

    // The card provider to pay with: the HTTP gateway behind the breaker.
    PaymentGateway& gateway() { return m_gateway; }
    CircuitBreaker& breaker() { return m_breaker; }
    PaymentReconciler& reconciler() { return m_reconciler; }

private:
    // Declared in the order they depend on each other: the reconciler goes first and waits for its lookups.
    CircuitBreaker m_breaker;
    BreakerGateway m_gateway;
    BreakerEventRecorder m_recorder;
    PaymentReconciler m_reconciler;
};

} // namespace campdesk
