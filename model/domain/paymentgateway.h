#pragma once

#include <QString>

namespace campdesk {

// What the booking engine asks a payment provider to do. Amounts are integer won.
struct PaymentRequest
{
    QString orderId; // unique per reservation attempt; the idempotency key
    qint64 amount = 0; // what the customer pays now
    QString orderName; // e.g. "A-07 Pine Grove, 2 nights"
    QString customerName;
    QString method = QStringLiteral("card"); // "card", "cash", "desk_card"
    QString paymentKey; // the provider's token for the card/session, when it has one
};

struct PaymentCancelRequest
{
    QString orderId;
    QString providerTxId; // the paymentKey / transaction id the provider gave at approval
    qint64 cancelAmount = 0; // 0 is allowed: nothing to refund (cancellation rule gives 0%)
    QString reason;
    // Empty: a refund of the payment ("cancel-<orderId>-<amount>", so a retried refund is not made twice). A partial
    // refund of its own (a change that made the stay cheaper) names itself, so a later refund of the same amount of
    // the same payment is not taken for a retry of it.
    QString idempotencyKey;
};

// The provider's answer. Every call returns one; none throws.
struct PaymentOutcome
{
    enum class Status {
        Approved, // money taken (confirm) or returned (cancel); lookup: the order was approved
        Declined, // the provider said no (card declined, limit, amount mismatch): nothing happened
        Unavailable, // not attempted or refused for load (circuit breaker open, 429/503): try later
        Unknown, // sent, but no answer in time (timeout): the result must be reconciled by order id
        NotFound, // lookup: the provider never saw this order (or it expired/aborted)
        Cancelled, // lookup: the order was approved and later cancelled at the provider
        Failed, // the provider answered garbage or the connection broke before anything was sent
    };
    Status status = Status::Failed;
    QString providerTxId;
    qint64 amount = 0; // what the provider reports for the order
    // lookup of a cancelled order: what the provider gave back (a partial cancel is less than amount); -1 when the
    // provider did not say, which is taken as all of it.
    qint64 refunded = -1;
    // Declined after the provider took money it could not give back (approved for another amount, cancel failed):
    // what it keeps. The booking engine records it as owed instead of telling the customer nothing was charged.
    qint64 keptByProvider = 0;
    QString message; // translated, for the customer or staff
    QString providerCode; // the provider's own error code, for logs and staff
    int retryAfterSeconds = 0; // with Unavailable: when to try again

    bool approved() const { return status == Status::Approved; }
};

// One payment provider: the HTTP gateway, the simulated card terminal, or the desk's own payment.
// Calls block until the provider answers or times out, so the booking flow runs them off the GUI thread;
// implementations must be safe to call from any one thread at a time.
class PaymentGateway
{
public:
    virtual ~PaymentGateway() = default;
    virtual QString provider() const = 0; // stored in payments.provider: "http", "simulated", "desk"
    virtual QString displayName() const = 0; // translated, e.g. "Card terminal (SIMULATED — training)"
    virtual bool isSimulated() const { return false; }

    virtual PaymentOutcome confirm(const PaymentRequest& request) = 0;
    virtual PaymentOutcome cancel(const PaymentCancelRequest& request) = 0;
    virtual PaymentOutcome lookup(const QString& orderId) = 0;
};

} // namespace campdesk
