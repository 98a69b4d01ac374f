#include "payment/simulatedterminal.h"

#include <QMutexLocker>
#include <QThread>

namespace campdesk {

QString SimulatedTerminal::displayName() const
{
    return tr("Card terminal (SIMULATED — training, no money is taken)");
}

void SimulatedTerminal::stall() const
{
    int delay = 0;
    {
        QMutexLocker lock(&m_mutex);
        delay = m_delayMs;
    }
    if (delay > 0)
        QThread::msleep(static_cast<unsigned long>(delay));
}

PaymentOutcome SimulatedTerminal::confirm(const PaymentRequest& request)
{
    stall();
    QMutexLocker lock(&m_mutex);
    ++m_confirmCalls;
    PaymentOutcome out;
    out.amount = request.amount;
    if (!m_confirmScript.isEmpty()) {
        out.status = m_confirmScript.takeFirst();
        switch (out.status) {
        case PaymentOutcome::Status::Approved:
            break;
        case PaymentOutcome::Status::Unavailable:
            out.retryAfterSeconds = 30;
            out.message = tr("The card terminal is busy. Please try again in %1 seconds, or pay at the front desk.")
                              .arg(out.retryAfterSeconds);
            return out;
        case PaymentOutcome::Status::Unknown:
            if (m_approveBehindUnknown)
                m_orders.insert(request.orderId, Order { request.amount, QStringLiteral("sim-%1").arg(++m_sequence) });
            out.message = tr("The card terminal did not answer in time.");
            return out;
        case PaymentOutcome::Status::Declined:
            out.providerCode = QStringLiteral("SCRIPTED_DECLINE");
            out.message = tr("The card was declined (simulated).");
            return out;
        default:
            out.message = tr("The card terminal failed (simulated).");
            return out;
        }
    }
    if (m_declinedCards.contains(request.paymentKey) || m_declinedAmounts.contains(request.amount)) {
        out.status = PaymentOutcome::Status::Declined;
        out.providerCode = QStringLiteral("REJECT_CARD_PAYMENT");
        out.message = tr("The card was declined (simulated).");
        return out;
    }
    if (auto it = m_orders.constFind(request.orderId); it != m_orders.cend()) {
        // The same order twice (a retry): answer as before, take nothing twice.
        out.status = it->cancelled ? PaymentOutcome::Status::Declined : PaymentOutcome::Status::Approved;
        out.providerTxId = it->txId;
        out.amount = it->amount;
        return out;
    }
    Order order { request.amount, QStringLiteral("sim-%1").arg(++m_sequence) };
    m_orders.insert(request.orderId, order);
    out.status = PaymentOutcome::Status::Approved;
    out.providerTxId = order.txId;
    return out;
}

PaymentOutcome SimulatedTerminal::cancel(const PaymentCancelRequest& request)
{
    stall();
    QMutexLocker lock(&m_mutex);
    ++m_cancelCalls;
    PaymentOutcome out;
    if (!m_cancelScript.isEmpty()) {
        out.status = m_cancelScript.takeFirst();
        if (out.status != PaymentOutcome::Status::Approved) {
            out.message = tr("The card terminal could not refund the payment (simulated).");
            return out;
        }
    }
    // A part of a group payment ("<order>/<n>") is refunded from the order charged.
    const QString charged = request.orderId.section(QLatin1Char('/'), 0, 0);
    auto it = m_orders.find(charged);
    if (it == m_orders.end()) {
        out.status = PaymentOutcome::Status::NotFound;
        out.message = tr("The card terminal has no payment with this order number.");
        return out;
    }
    if (request.cancelAmount < 0 || request.cancelAmount > it->amount) {
        out.status = PaymentOutcome::Status::Declined;
        out.message = tr("The refund is larger than the payment.");
        return out;
    }
    if (charged != request.orderId) {
        // One of several partial refunds (parts of a group booking): each once, never more than was paid in all.
        if (!it->partRefunds.contains(request.orderId)) {
            if (it->refunded + request.cancelAmount > it->amount) {
                out.status = PaymentOutcome::Status::Declined;
                out.message = tr("The refund is larger than the payment.");
                return out;
            }
            it->partRefunds.insert(request.orderId, request.cancelAmount);
            it->refunded += request.cancelAmount;
        }
        out.status = PaymentOutcome::Status::Approved;
        out.providerTxId = it->txId;
        out.amount = it->partRefunds.value(request.orderId);
        return out;
    }
    if (!request.idempotencyKey.isEmpty()) {
        // A partial refund of its own (a cheaper changed stay): once per key; the order is then partly cancelled,
        // as a real provider's PARTIAL_CANCELED (a lookup says Cancelled, refunded less than the amount).
        if (!it->keyedRefunds.contains(request.idempotencyKey)) {
            if (it->refundedWhole || it->refunded + request.cancelAmount > it->amount) {
                out.status = PaymentOutcome::Status::Declined;
                out.message = tr("The refund is larger than the payment.");
                return out;
            }
            it->keyedRefunds.insert(request.idempotencyKey, request.cancelAmount);
            it->refunded += request.cancelAmount;
            it->cancelled = true;
        }
        out.status = PaymentOutcome::Status::Approved;
        out.providerTxId = it->txId;
        out.amount = it->keyedRefunds.value(request.idempotencyKey);
        return out;
    }
    if (!it->refundedWhole && it->keyedRefunds.isEmpty()) {
        it->refundedWhole = true;
        it->cancelled = true;
        it->refunded = request.cancelAmount;
    } else if (!it->refundedWhole) {
        // After partial refunds of its own: what is left, never more (once; a repeat is a retry).
        qint64 partly = 0;
        for (const qint64 part : std::as_const(it->keyedRefunds))
            partly += part;
        if (partly + request.cancelAmount > it->amount) {
            out.status = PaymentOutcome::Status::Declined;
            out.message = tr("The refund is larger than the payment.");
            return out;
        }
        it->refundedWhole = true;
        it->refunded = partly + request.cancelAmount;
    }
    out.status = PaymentOutcome::Status::Approved;
    out.providerTxId = it->txId;
    out.amount = it->refunded;
    return out;
}

PaymentOutcome SimulatedTerminal::lookup(const QString& orderId)
{
    stall();
    QMutexLocker lock(&m_mutex);
    PaymentOutcome out;
    auto it = m_orders.constFind(orderId);
    if (it == m_orders.cend()) {
        out.status = PaymentOutcome::Status::NotFound;
        return out;
    }
    out.status = it->cancelled ? PaymentOutcome::Status::Cancelled : PaymentOutcome::Status::Approved;
    out.providerTxId = it->txId;
    out.amount = it->amount;
    if (it->cancelled)
        out.refunded = it->refunded;
    return out;
}

void SimulatedTerminal::setDeclinedCards(const QStringList& paymentKeys)
{
    QMutexLocker lock(&m_mutex);
    m_declinedCards = QSet<QString>(paymentKeys.cbegin(), paymentKeys.cend());
}

void SimulatedTerminal::setDeclinedAmounts(const QSet<qint64>& amounts)
{
    QMutexLocker lock(&m_mutex);
    m_declinedAmounts = amounts;
}

void SimulatedTerminal::setDelayMs(int ms)
{
    QMutexLocker lock(&m_mutex);
    m_delayMs = ms;
}

void SimulatedTerminal::scriptConfirmOutcomes(const QList<PaymentOutcome::Status>& statuses, bool approveBehindUnknown)
{
    QMutexLocker lock(&m_mutex);
    m_confirmScript = statuses;
    m_approveBehindUnknown = approveBehindUnknown;
}

void SimulatedTerminal::scriptCancelOutcomes(const QList<PaymentOutcome::Status>& statuses)
{
    QMutexLocker lock(&m_mutex);
    m_cancelScript = statuses;
}

int SimulatedTerminal::confirmCalls() const
{
    QMutexLocker lock(&m_mutex);
    return m_confirmCalls;
}

int SimulatedTerminal::cancelCalls() const
{
    QMutexLocker lock(&m_mutex);
    return m_cancelCalls;
}

PaymentOutcome::Status SimulatedTerminal::orderStatus(const QString& orderId) const
{
    QMutexLocker lock(&m_mutex);
    auto it = m_orders.constFind(orderId);
    if (it == m_orders.cend())
        return PaymentOutcome::Status::NotFound;
    return it->cancelled ? PaymentOutcome::Status::Cancelled : PaymentOutcome::Status::Approved;
}

qint64 SimulatedTerminal::refundedAmount(const QString& orderId) const
{
    QMutexLocker lock(&m_mutex);
    return m_orders.value(orderId).refunded;
}

} // namespace campdesk
