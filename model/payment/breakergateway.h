#pragma once

#include "domain/paymentgateway.h"
#include "payment/circuitbreaker.h"

#include <QCoreApplication>
#include <memory>

namespace campdesk {

// Puts a circuit breaker in front of any payment provider: while the breaker is open, calls fail fast with the
// "pay a little later" fallback and never reach the provider.
class BreakerGateway final : public PaymentGateway
{
    Q_DECLARE_TR_FUNCTIONS(BreakerGateway)

public:
    // breaker is not owned: it outlives the gateway (the app and the event recorder hold it too).
    BreakerGateway(std::unique_ptr<PaymentGateway> inner, CircuitBreaker* breaker);

    QString provider() const override { return m_inner->provider(); }
    QString displayName() const override { return m_inner->displayName(); }
    bool isSimulated() const override { return m_inner->isSimulated(); }

    PaymentOutcome confirm(const PaymentRequest& request) override;
    PaymentOutcome cancel(const PaymentCancelRequest& request) override;
    PaymentOutcome lookup(const QString& orderId) override;

    PaymentGateway& inner() { return *m_inner; }
    CircuitBreaker& breaker() { return *m_breaker; }

    // What the customer sees while the breaker is open.
    static QString fallbackMessage(int retryAfterSeconds);
    // Failed, Unknown and Unavailable say the provider is in trouble; a declined card is a healthy answer.
    static bool countsAsFailure(PaymentOutcome::Status status);

private:
    template<typename Call> PaymentOutcome guarded(Call&& call);

    std::unique_ptr<PaymentGateway> m_inner;
    CircuitBreaker* m_breaker;
};

} // namespace campdesk
