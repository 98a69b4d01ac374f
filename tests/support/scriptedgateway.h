#pragma once

#include "core/clock.h"
#include "domain/paymentgateway.h"

namespace campdesk::test {

// A payment provider that answers whatever status it is told to, counts the calls that reached it, and can take
// its time on a manual clock: for testing what sits in front of a provider (the circuit breaker).
class ScriptedGateway : public PaymentGateway
{
public:
    QString provider() const override { return QStringLiteral("scripted"); }
    QString displayName() const override { return QStringLiteral("scripted"); }
    PaymentOutcome confirm(const PaymentRequest&) override { return answer(); }
    PaymentOutcome cancel(const PaymentCancelRequest&) override { return answer(); }
    PaymentOutcome lookup(const QString&) override { return answer(); }

    PaymentOutcome::Status next = PaymentOutcome::Status::Approved;
    qint64 takesMs = 0; // how far each call moves `clock`
    ManualClock* clock = nullptr;
    int calls = 0;

private:
    PaymentOutcome answer();
};

} // namespace campdesk::test
