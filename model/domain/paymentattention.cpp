#include "domain/paymentattention.h"

#include "core/logging.h"
#include "domain/statustext.h"

#include <QLoggingCategory>

namespace campdesk {

namespace {

const QString attentionColumns = QStringLiteral(
    "SELECT p.id, p.reservation_id, p.order_id, COALESCE(r.code, ''), p.provider, COALESCE(p.provider_tx_id, ''), "
    "p.attention, p.attention_detail, p.amount, COALESCE(p.refund_requested, 0), COALESCE(p.attention_since, 0), "
    "p.attention_attempts, COALESCE(p.attention_next_at, 0) FROM payments p LEFT JOIN reservations r ON "
    "r.id = p.reservation_id WHERE p.attention IS NOT NULL");

QString auditTarget(SqlSession& s, qint64 paymentId)
{
    return s.scalar(QStringLiteral("SELECT order_id FROM payments WHERE id = ?"), { paymentId }).toString();
}

} // namespace

QString attentionReasonKey(AttentionReason reason)
{
    switch (reason) {
    case AttentionReason::MismatchNotCancelled:
        return QStringLiteral("mismatch_not_cancelled");
    case AttentionReason::RefundFailed:
        return QStringLiteral("refund_failed");
    case AttentionReason::RefundDiffers:
        return QStringLiteral("refund_differs");
    case AttentionReason::PaidWithoutBooking:
        return QStringLiteral("paid_without_booking");
    case AttentionReason::AmountMismatch:
        return QStringLiteral("amount_mismatch");
    }
    return QString();
}

std::optional<AttentionReason> attentionReasonFromKey(const QString& key)
{
    for (AttentionReason r :
         { AttentionReason::MismatchNotCancelled, AttentionReason::RefundFailed, AttentionReason::RefundDiffers,
           AttentionReason::PaidWithoutBooking, AttentionReason::AmountMismatch }) {
        if (attentionReasonKey(r) == key)
            return r;
    }
    return std::nullopt;
}

QString attentionReasonName(AttentionReason reason)
{
    switch (reason) {
    case AttentionReason::MismatchNotCancelled:
        return PaymentAttention::tr("Approved for a wrong amount and not cancelled");
    case AttentionReason::RefundFailed:
        return PaymentAttention::tr("Booking cancelled or changed, refund not done");
    case AttentionReason::RefundDiffers:
        return PaymentAttention::tr("Refunded amount differs from the one asked");
    case AttentionReason::PaidWithoutBooking:
        return PaymentAttention::tr("Paid without a booking");
    case AttentionReason::AmountMismatch:
        return PaymentAttention::tr("Approved for another amount than the booking");
    }
    return QString();
}

bool attentionIsRetried(AttentionReason reason)
{
    return reason != AttentionReason::RefundDiffers && reason != AttentionReason::AmountMismatch;
}

qint64 PaymentAttention::backoffMs(int attempts)
{
    const qint64 minute = 60 * 1000;
    const qint64 cap = 6 * 60 * minute;
    if (attempts <= 0)
        return 0;
    if (attempts > 20)
        return cap;
    return std::min(cap, minute << (attempts - 1));
}

void PaymentAttention::flag(Transaction& tx, const Actor& actor, qint64 paymentId, AttentionReason reason,
                            const QString& detail, qint64 owed)
{
    const qint64 now = tx.nowMs();
    const QVariant next = attentionIsRetried(reason) ? QVariant(now + backoffMs(1)) : QVariant();
    tx.exec(QStringLiteral("UPDATE payments SET attention = ?, attention_detail = ?, attention_since = ?, "
                           "attention_attempts = 0, attention_next_at = CAST(? AS BIGINT), refund_requested = "
                           "CASE WHEN ? >= 0 THEN ? ELSE refund_requested END, updated_at = ? WHERE id = ?"),
            { attentionReasonKey(reason), detail, now, next, owed, owed, now, paymentId });
    tx.audit(actor, QStringLiteral("payment.needs_attention"), auditTarget(tx, paymentId),
             StatusText::code(QStringLiteral("attention.flagged"), { attentionReasonKey(reason), detail }));
    qCWarning(lcPayment).noquote() << "payment" << paymentId << "needs attention:" << attentionReasonKey(reason)
                                   << detail;
}

bool PaymentAttention::retryLater(Transaction& tx, qint64 paymentId, const QString& why)
{
    const int attempts
        = tx.scalar(QStringLiteral("SELECT attention_attempts FROM payments WHERE id = ?"), { paymentId }).toInt() + 1;
    // Guarded by the count read above: of two reconcilers failing the same try at once, one counts it.
    SqlRows counted = tx.exec(QStringLiteral("UPDATE payments SET attention_attempts = ?, attention_next_at = ?, "
                                             "updated_at = ? WHERE id = ? AND attention IS NOT NULL AND "
                                             "attention_attempts = ? RETURNING id"),
                              { attempts, tx.nowMs() + backoffMs(attempts + 1), tx.nowMs(), paymentId, attempts - 1 });
    if (!counted.next())
        return false;
    counted.finish();
    tx.audit(Actor::system(QStringLiteral("payment reconciler")), QStringLiteral("payment.retry_failed"),
             auditTarget(tx, paymentId), StatusText::code(QStringLiteral("payment.retry_failed"), { attempts, why }));
    return true;
}

bool PaymentAttention::clear(Transaction& tx, const Actor& actor, qint64 paymentId, const QString& how)
{
    // The guard: of two terminals (a manager and a reconciler, or two managers) settling it at once, one does.
    SqlRows cleared = tx.exec(QStringLiteral("UPDATE payments SET attention = NULL, attention_next_at = NULL, "
                                             "updated_at = ? WHERE id = ? AND attention IS NOT NULL RETURNING id"),
                              { tx.nowMs(), paymentId });
    if (!cleared.next())
        return false;
    cleared.finish();
    tx.audit(actor, QStringLiteral("payment.attention_cleared"), auditTarget(tx, paymentId), how);
    return true;
}

QList<PaymentAttentionRow> PaymentAttention::list(SqlSession& s, bool dueOnly, const QString& provider)
{
    QString sql = attentionColumns;
    QVariantList binds;
    if (dueOnly) {
        sql += QStringLiteral(" AND p.attention_next_at IS NOT NULL AND p.attention_next_at <= ? AND p.provider = ?");
        binds << s.nowMs() << provider;
    }
    sql += QStringLiteral(" ORDER BY p.attention_since, p.id");
    SqlRows q = s.exec(sql, binds);
    QList<PaymentAttentionRow> rows;
    while (q.next()) {
        PaymentAttentionRow row;
        row.paymentId = q.value(0).toLongLong();
        row.reservationId = q.value(1).toLongLong();
        row.orderId = q.value(2).toString();
        row.reservationCode = q.value(3).toString();
        row.provider = q.value(4).toString();
        row.providerTxId = q.value(5).toString();
        row.reason = attentionReasonFromKey(q.value(6).toString()).value_or(AttentionReason::RefundDiffers);
        row.detail = q.value(7).toString();
        row.amount = q.value(8).toLongLong();
        row.owed = q.value(9).toLongLong();
        row.since = q.value(10).toLongLong();
        row.attempts = q.value(11).toInt();
        row.nextAttemptAt = q.value(12).toLongLong();
        rows.append(row);
    }
    return rows;
}

qint64 PaymentAttention::count(SqlSession& s)
{
    return s.scalar(QStringLiteral("SELECT count(*) FROM payments WHERE attention IS NOT NULL")).toLongLong();
}

Status PaymentAttention::resolve(Database& db, const Actor& actor, qint64 paymentId, const QString& note)
{
    if (Status allowed = requireRole(actor, { Role::Manager }); !allowed.ok())
        return allowed;
    if (note.trimmed().isEmpty())
        return invalidInput(tr("Say how the payment was settled."), QStringLiteral("note"));
    return db.write([&](Transaction& tx) -> Status {
        if (!clear(tx, actor, paymentId,
                   StatusText::code(QStringLiteral("attention.settled_by_hand"), { note.trimmed() })))
            return Error(ErrorCode::AlreadyDone, tr("This payment no longer needs attention."));
        return {};
    });
}

Status PaymentAttention::retryNow(Database& db, const Actor& actor, qint64 paymentId)
{
    if (Status allowed = requireRole(actor, { Role::Manager }); !allowed.ok())
        return allowed;
    return db.write([&](Transaction& tx) -> Status {
        SqlRows q
            = tx.exec(QStringLiteral("SELECT attention, attention_next_at FROM payments WHERE id = ?"), { paymentId });
        const std::optional<AttentionReason> reason
            = q.next() ? attentionReasonFromKey(q.value(0).toString()) : std::nullopt;
        const QVariant next = reason ? q.value(1) : QVariant();
        q.finish();
        if (!reason)
            return Error(ErrorCode::AlreadyDone, tr("This payment no longer needs attention."));
        if (!attentionIsRetried(*reason) || next.isNull())
            return invalidInput(tr("This payment is not retried automatically: settle it by hand and say how."));
        const qint64 now = tx.nowMs();
        if (next.toLongLong() <= now)
            return Error(ErrorCode::AlreadyDone, tr("A new try of this payment is already due."));
        // Guarded by the time read above: of two managers asking at once, one moves it (and writes the audit row).
        SqlRows due = tx.exec(QStringLiteral("UPDATE payments SET attention_next_at = ?, updated_at = ? WHERE id = ? "
                                             "AND attention IS NOT NULL AND attention_next_at = ? RETURNING id"),
                              { now, now, paymentId, next.toLongLong() });
        if (!due.next())
            return Error(ErrorCode::AlreadyDone, tr("A new try of this payment is already due."));
        due.finish();
        tx.audit(actor, QStringLiteral("payment.retry_requested"), auditTarget(tx, paymentId),
                 StatusText::code(QStringLiteral("payment.retry_now")));
        return {};
    });
}

} // namespace campdesk
