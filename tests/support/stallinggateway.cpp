#include "stallinggateway.h"

#include <QDeadlineTimer>

namespace campdesk::test {

PaymentOutcome StallingGateway::confirm(const PaymentRequest& request)
{
    return pass(request.amount, QStringLiteral("stall-") + request.orderId);
}

PaymentOutcome StallingGateway::cancel(const PaymentCancelRequest& request)
{
    return pass(request.cancelAmount, request.providerTxId);
}

PaymentOutcome StallingGateway::lookup(const QString& orderId)
{
    return pass(0, QStringLiteral("stall-") + orderId);
}

PaymentOutcome StallingGateway::pass(qint64 amount, const QString& txId)
{
    QMutexLocker lock(&m_mutex);
    ++m_calls;
    m_lastThread = QThread::currentThread();
    ++m_waiting;
    QDeadlineTimer limit(m_stallLimitMs);
    while (m_stalled && !limit.hasExpired())
        m_released.wait(&m_mutex, limit);
    --m_waiting;
    PaymentOutcome outcome;
    outcome.status = PaymentOutcome::Status::Approved;
    outcome.amount = amount;
    outcome.providerTxId = txId;
    return outcome;
}

void StallingGateway::stall()
{
    QMutexLocker lock(&m_mutex);
    m_stalled = true;
}

void StallingGateway::release()
{
    QMutexLocker lock(&m_mutex);
    m_stalled = false;
    m_released.wakeAll();
}

int StallingGateway::waiting() const
{
    QMutexLocker lock(&m_mutex);
    return m_waiting;
}

int StallingGateway::calls() const
{
    QMutexLocker lock(&m_mutex);
    return m_calls;
}

QThread* StallingGateway::lastThread() const
{
    QMutexLocker lock(&m_mutex);
    return m_lastThread;
}

} // namespace campdesk::test
