#pragma once

#include "domain/paymentgateway.h"

#include <QMutex>
#include <QThread>
#include <QWaitCondition>

namespace campdesk::test {

// A payment provider that approves everything, but while stalled holds every call until the test releases it (a
// provider that hangs), and notes the thread each call ran on: for showing that nothing waits on the GUI thread.
class StallingGateway : public PaymentGateway
{
public:
    explicit StallingGateway(QString provider = QStringLiteral("stalling"))
        : m_provider(std::move(provider))
    {
    }
    ~StallingGateway() override { release(); }

    QString provider() const override { return m_provider; }
    QString displayName() const override { return QStringLiteral("stalling"); }
    PaymentOutcome confirm(const PaymentRequest& request) override;
    PaymentOutcome cancel(const PaymentCancelRequest& request) override;
    PaymentOutcome lookup(const QString& orderId) override;

    // Calls from now on wait until release(), or at most stallLimitMs (so code that waits for the call on the
    // thread meant to release it fails a test instead of hanging it).
    void stall();
    void release();
    int waiting() const; // calls held right now
    int calls() const;
    QThread* lastThread() const; // where the last call ran
    void setStallLimitMs(int ms) { m_stallLimitMs = ms; }

private:
    PaymentOutcome pass(qint64 amount, const QString& txId);

    QString m_provider;
    mutable QMutex m_mutex;
    QWaitCondition m_released;
    bool m_stalled = false;
    int m_waiting = 0;
    int m_stallLimitMs = 10000;
    int m_calls = 0;
    QThread* m_lastThread = nullptr;
};

} // namespace campdesk::test
