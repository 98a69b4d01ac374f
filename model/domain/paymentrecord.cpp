#include "domain/paymentrecord.h"

#include "core/actor.h"
#include "db/sqlrows.h"
#include "db/transaction.h"

namespace campdesk {

QString PaymentRecord::columns()
{
    return QStringLiteral("p.id AS payment_id, p.order_id AS payment_order_id, p.provider AS payment_provider, "
                          "p.method AS payment_method, p.amount AS payment_amount, p.status AS payment_status, "
                          "p.provider_tx_id AS payment_provider_tx_id");
}

std::optional<PaymentRecord> PaymentRecord::fromRow(const SqlRows& row)
{
    const QVariant id = row.value(QStringLiteral("payment_id"));
    if (id.isNull())
        return std::nullopt;
    PaymentRecord p;
    p.id = id.toLongLong();
    p.orderId = row.value(QStringLiteral("payment_order_id")).toString();
    p.provider = row.value(QStringLiteral("payment_provider")).toString();
    p.method = row.value(QStringLiteral("payment_method")).toString();
    p.amount = row.value(QStringLiteral("payment_amount")).toLongLong();
    p.status = row.value(QStringLiteral("payment_status")).toString();
    p.providerTxId = row.value(QStringLiteral("payment_provider_tx_id")).toString();
    return p;
}

QVariant PaymentRecord::staffOf(const Actor& actor)
{
    const bool staff = actor.role == Role::Manager || actor.role == Role::FrontDesk || actor.role == Role::System;
    return staff && actor.userId > 0 ? QVariant(actor.userId) : QVariant();
}

QVariant PaymentRecord::systemOf(const Actor& actor)
{
    // The reconciler's actor (PaymentReconciler, PaymentAttention) is named so; any other system actor refunds
    // nothing today.
    if (actor.role == Role::System && actor.userId <= 0 && actor.name == QLatin1String("payment reconciler"))
        return reconcilerKey();
    return {};
}

void PaymentRecord::creditRefund(Transaction& tx, const Actor& actor, qint64 paymentId)
{
    if (const QVariant staff = staffOf(actor); !staff.isNull())
        tx.exec(QStringLiteral("UPDATE payments SET refunded_by = ? WHERE id = ?"), { staff, paymentId });
    else if (const QVariant system = systemOf(actor); !system.isNull())
        tx.exec(QStringLiteral("UPDATE payments SET refunded_by = NULL, refunded_by_system = ? WHERE id = ?"),
                { system, paymentId });
}

} // namespace campdesk
