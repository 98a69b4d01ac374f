#include "payment/breakergateway.h"

namespace campdesk {

BreakerGateway::BreakerGateway(std::unique_ptr<PaymentGateway> inner, CircuitBreaker* breaker)
    : m_inner(std::move(inner))
    , m_breaker(breaker)
{
}

QString BreakerGateway::fallbackMessage(int retryAfterSeconds)
{
    return tr("Payments are busy right now. Please try again in %n seconds, or pay at the front desk.", nullptr,
              retryAfterSeconds);
}

bool BreakerGateway::countsAsFailure(PaymentOutcome::Status status)
{
    switch (status) {
    case PaymentOutcome::Status::Failed:
    case PaymentOutcome::Status::Unknown:
    case PaymentOutcome::Status::Unavailable:
        return true;
    case PaymentOutcome::Status::Approved:
    case PaymentOutcome::Status::Declined:
    case PaymentOutcome::Status::NotFound:
    case PaymentOutcome::Status::Cancelled:
        return false;
    }
    return true;
}

template<typename Call> PaymentOutcome BreakerGateway::guarded(Call&& call)
{
    const CircuitBreaker::Permit permit = m_breaker->tryAcquire();
    if (!permit) {
        PaymentOutcome outcome;
        outcome.status = PaymentOutcome::Status::Unavailable;
        outcome.retryAfterSeconds = std::max(1, m_breaker->retryAfterSeconds());
        outcome.message = fallbackMessage(outcome.retryAfterSeconds);
        outcome.providerCode = QStringLiteral("CIRCUIT_OPEN");
        return outcome;
    }
    const qint64 startedMs = m_breaker->clock().nowMs();
    PaymentOutcome outcome = call();
    m_breaker->record(permit, countsAsFailure(outcome.status), m_breaker->clock().nowMs() - startedMs);
    return outcome;
}

PaymentOutcome BreakerGateway::confirm(const PaymentRequest& request)
{
    return guarded([&] { return m_inner->confirm(request); });
}

PaymentOutcome BreakerGateway::cancel(const PaymentCancelRequest& request)
{
    return guarded([&] { return m_inner->cancel(request); });
}

PaymentOutcome BreakerGateway::lookup(const QString& orderId)
{
    return guarded([&] { return m_inner->lookup(orderId); });
}

} // namespace campdesk
