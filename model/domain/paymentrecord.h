#pragma once

#include <QString>
#include <optional>

namespace campdesk {

class SqlRows;

// One row of payments as the booking engine reads it: one attempt to take (or refund) a reservation's amount.
struct PaymentRecord
{
    qint64 id = 0;
    QString orderId;
    QString provider;
    QString method;
    qint64 amount = 0; // won
    // As stored: "pending", "approved", "cancelled", "failed". Kept as text, so a status this version does not know
    // matches none of the states the engine acts on (nothing is confirmed, charged or refunded on it).
    QString status;
    QString providerTxId;

    // The one reader of a payments row, by column name. columns() names them payment_id, payment_order_id, ... (the
    // table as `p`), so they can sit beside a reservation's columns in one query. nullopt when the row has no
    // payment (a LEFT JOIN that found none).
    static QString columns();
    static std::optional<PaymentRecord> fromRow(const SqlRows& row);
};

} // namespace campdesk
