#pragma once

#include "core/actor.h"
#include "core/result.h"
#include "db/database.h"

#include <QCoreApplication>
#include <QList>
#include <optional>

namespace campdesk {

// Why a payment needs a person or another try: money the provider holds or gave back that the books do not match.
enum class AttentionReason {
    MismatchNotCancelled, // approved for another amount, and the automatic cancel failed: the provider kept money
    RefundFailed, // the booking is cancelled but the refund did not go through: refund_requested is still owed
    RefundDiffers, // the provider gave back another amount than was asked: recorded as the provider did it
    PaidWithoutBooking, // the provider took the money but the booking was not confirmed, and the cancel failed
    AmountMismatch, // the reconciler found a held booking approved for another amount: left for a manager
};

QString attentionReasonKey(AttentionReason reason); // stored in payments.attention
std::optional<AttentionReason> attentionReasonFromKey(const QString& key);
QString attentionReasonName(AttentionReason reason); // translated, for the status page
// Retried by the reconciler (a refund it can ask for again, or a held payment it settles again); RefundDiffers and
// AmountMismatch wait for a manager.
bool attentionIsRetried(AttentionReason reason);

struct PaymentAttentionRow
{
    qint64 paymentId = 0;
    qint64 reservationId = 0;
    QString orderId;
    QString reservationCode;
    QString provider;
    QString providerTxId;
    AttentionReason reason = AttentionReason::RefundFailed;
    QString detail;
    qint64 amount = 0; // the payment's amount
    qint64 owed = 0; // refund_requested: what is still to give back (the retried reasons)
    qint64 since = 0; // ms
    int attempts = 0;
    qint64 nextAttemptAt = 0; // ms; 0 when not retried
};

// Payments that need attention: flagged inside the transaction that finds the problem, retried by the reconciler with
// a growing pause, cleared when settled (or by a manager). Each change is an audit row and a domain event.
class PaymentAttention
{
    Q_DECLARE_TR_FUNCTIONS(PaymentAttention)

public:
    // The pause before retry n (1-based): 1, 2, 4, ... minutes, at most 6 hours.
    static qint64 backoffMs(int attempts);

    // Flags payment paymentId; `owed` is stored as refund_requested when >= 0.
    static void flag(Transaction& tx, const Actor& actor, qint64 paymentId, AttentionReason reason,
                     const QString& detail, qint64 owed = -1);
    // One more failed try: the next one after backoffMs(attempts). False when another terminal counted this try.
    static bool retryLater(Transaction& tx, qint64 paymentId, const QString& why);
    // Settled: the flag goes, with an audit row saying how. False (and no audit row) when it was already gone.
    static bool clear(Transaction& tx, const Actor& actor, qint64 paymentId, const QString& how);

    // All flagged payments, oldest first; `dueOnly`: only those due for a retry now, of one provider.
    static QList<PaymentAttentionRow> list(SqlSession& s, bool dueOnly = false, const QString& provider = QString());
    static qint64 count(SqlSession& s);

    // A manager settled it by hand (e.g. refunded at the provider's own site); a note is required. AlreadyDone when
    // it no longer needs attention (settled meanwhile by the reconciler or another manager).
    static Status resolve(Database& db, const Actor& actor, qint64 paymentId, const QString& note);
    // A manager asks for the next try now instead of after the pause (the reconciler's next run makes it). Only for
    // the retried reasons; AlreadyDone when settled or when a try is already due.
    static Status retryNow(Database& db, const Actor& actor, qint64 paymentId);
};

} // namespace campdesk
