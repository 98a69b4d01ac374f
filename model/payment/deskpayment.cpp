#include "payment/deskpayment.h"

namespace campdesk {

QString DeskPayment::displayName() const
{
    return tr("Front desk (cash or the desk's card machine)");
}

bool DeskPayment::isDeskMethod(const QString& method)
{
    return method == QLatin1String("cash") || method == QLatin1String("desk_card");
}

PaymentOutcome DeskPayment::confirm(const PaymentRequest& request)
{
    PaymentOutcome out;
    out.amount = request.amount;
    if (!isDeskMethod(request.method)) {
        out.status = PaymentOutcome::Status::Declined;
        out.message = tr("At the front desk, choose cash or the desk's card machine.");
        return out;
    }
    out.status = PaymentOutcome::Status::Approved;
    out.providerTxId = QStringLiteral("desk-%1-%2").arg(request.method, request.orderId);
    return out;
}

PaymentOutcome DeskPayment::cancel(const PaymentCancelRequest& request)
{
    PaymentOutcome out;
    out.status = PaymentOutcome::Status::Approved;
    out.providerTxId = request.providerTxId;
    out.amount = request.cancelAmount;
    return out;
}

PaymentOutcome DeskPayment::lookup(const QString& orderId)
{
    Q_UNUSED(orderId)
    PaymentOutcome out;
    out.status = PaymentOutcome::Status::NotFound;
    out.message = tr("Desk payments are recorded in Campdesk only.");
    return out;
}

} // namespace campdesk
