#pragma once

#include "domain/paymentgateway.h"

#include <QCoreApplication>

namespace campdesk {

// Payment taken by the front desk itself: cash, or the desk's own card machine, recorded by staff.
// Approves at once with the method recorded; a refund is handed back the same way.
class DeskPayment final : public PaymentGateway
{
    Q_DECLARE_TR_FUNCTIONS(DeskPayment)

public:
    DeskPayment() = default;

    QString provider() const override { return QStringLiteral("desk"); }
    QString displayName() const override;

    static bool isDeskMethod(const QString& method); // "cash" or "desk_card"

    PaymentOutcome confirm(const PaymentRequest& request) override;
    PaymentOutcome cancel(const PaymentCancelRequest& request) override;
    // The desk keeps no separate books: Campdesk's own payments table is the record.
    PaymentOutcome lookup(const QString& orderId) override;
};

} // namespace campdesk
