#pragma once

#include <QString>
#include <QVariant>
#include <optional>

namespace campdesk {

class SqlRows;
class Transaction;
struct Actor;

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
    // The member of staff a payment is credited to (payments.taken_by, refunded_by): the actor's user, or NULL for
    // the kiosk and the system, which take money through no one at the desk.
    static QVariant staffOf(const Actor& actor);
    // The system actor a refund is credited to when no member of staff made it (payments.refunded_by_system,
    // migration 31): "reconciler" for the payment reconciler; NULL for staff and the kiosk.
    static QVariant systemOf(const Actor& actor);
    static QString reconcilerKey() { return QStringLiteral("reconciler"); }
    // Credits the refund of payment `paymentId` to `actor` (refunded_by, or refunded_by_system): for the cash-up. Its
    // own statement, made only when there is someone to credit: the kiosk's role may not write these columns.
    static void creditRefund(Transaction& tx, const Actor& actor, qint64 paymentId);
};

} // namespace campdesk
