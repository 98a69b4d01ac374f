#include "domain/paymentrecord.h"

#include "core/actor.h"
#include "db/sqlrows.h"

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

} // namespace campdesk
