#pragma once

#include "domain/paymentgateway.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QSet>
#include <QStringList>

namespace campdesk {

// A card terminal that moves no money, for demos, staff training and tests. It approves everything except
// the cards (payment keys) and amounts it is told to decline, and can be told to stall or to answer with a
// scripted outcome. Its name says SIMULATED wherever it is shown.
class SimulatedTerminal final : public PaymentGateway
{
    Q_DECLARE_TR_FUNCTIONS(SimulatedTerminal)

public:
    SimulatedTerminal() = default;

    QString provider() const override { return QStringLiteral("simulated"); }
    QString displayName() const override;
    bool isSimulated() const override { return true; }

    PaymentOutcome confirm(const PaymentRequest& request) override;
    PaymentOutcome cancel(const PaymentCancelRequest& request) override;
    PaymentOutcome lookup(const QString& orderId) override;

    // Test and training controls; safe to call from any thread.
    void setDeclinedCards(const QStringList& paymentKeys);
    void setDeclinedAmounts(const QSet<qint64>& amounts);
    void setDelayMs(int ms);
    // The next confirm() calls answer with these statuses (then back to normal). Unknown and Unavailable
    // record nothing, as a real timeout or refusal would not tell us either; with Unknown the order is
    // still approved behind the scenes when `approveBehindUnknown` is set (the reconciler's case).
    void scriptConfirmOutcomes(const QList<PaymentOutcome::Status>& statuses, bool approveBehindUnknown = false);
    void scriptCancelOutcomes(const QList<PaymentOutcome::Status>& statuses);

    int confirmCalls() const;
    int cancelCalls() const;
    // The state of an order as the terminal sees it: Approved, Cancelled or NotFound.
    PaymentOutcome::Status orderStatus(const QString& orderId) const;
    qint64 refundedAmount(const QString& orderId) const;

private:
    struct Order
    {
        qint64 amount = 0;
        QString txId;
        bool cancelled = false;
        qint64 refunded = 0;
        QHash<QString, qint64> partRefunds; // by the part's order id ("<order>/<n>")
        QHash<QString, qint64> keyedRefunds; // partial refunds of the order, by their idempotency key
        bool refundedWhole = false; // the plain refund (no key) was made
    };

    void stall() const;

    mutable QMutex m_mutex;
    QSet<QString> m_declinedCards;
    QSet<qint64> m_declinedAmounts;
    int m_delayMs = 0;
    QList<PaymentOutcome::Status> m_confirmScript;
    bool m_approveBehindUnknown = false;
    QList<PaymentOutcome::Status> m_cancelScript;
    QHash<QString, Order> m_orders;
    int m_confirmCalls = 0;
    int m_cancelCalls = 0;
    int m_sequence = 0;
};

} // namespace campdesk
