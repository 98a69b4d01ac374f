#pragma once

#include "core/actor.h"
#include "core/result.h"
#include "domain/reservation.h"

#include <QCoreApplication>
#include <QDate>
#include <QList>
#include <optional>

namespace campdesk {

class BookingService;
class SqlSession;
class Transaction;

// What the desk decides at a check-out: the refund of the nights a guest leaving early does not stay (issue 18,
// item 2). Not given: by the cancellation rule with 0 days before the first night freed.
struct CheckOutOptions
{
    // Staff only, with a reason: replaces the rule's refund (0 .. what was paid for the freed nights; 0 = none).
    std::optional<qint64> refundOverride;
    QString reason;
    // How the desk hands back a refund of a payment taken at the desk ("cash" or "desk_card").
    QString method = QStringLiteral("cash");
};

// One payment a refund goes back through: the newest first, each no more than it still holds.
struct DepartureRefundPart
{
    qint64 paymentId = 0;
    QString orderId;
    QString provider; // "desk": handed back at the desk, recorded at once; else a partial cancel at the provider
    QString providerTxId;
    QString method;
    qint64 approvedAt = 0; // ms
    qint64 amount = 0; // the part of the refund given back through it
    bool atDesk() const { return provider == QLatin1String("desk"); }
};

// What a check-out frees and gives back, worked out from the booking as it is (BookingService::quoteCheckOut).
struct DepartureQuote
{
    Reservation reservation; // as it is now
    QDate leaveOn; // the stay's check-out after it (today, or the day after arrival: a stay keeps its first night)
    int nightsFreed = 0;
    qint64 freedPrice = 0; // the freed nights as sold (their stored night lines)
    // What the freed nights cost in money, paid or still owed (not points): the most staff can let the guest off.
    qint64 freedMoney = 0;
    int refundPercent = 0; // the cancellation rule with 0 days before
    qint64 ruleRefund = 0; // the rule's share of freedMoney
    qint64 credit = 0; // let off for the freed nights: the rule's, or staff's (0 .. freedMoney)
    bool overridden = false;
    qint64 offBalance = 0; // of the credit, taken off a balance still due first
    qint64 refund = 0; // the rest of the credit: money given back
    qint64 newAmount = 0; // money kept after the refund
    qint64 newBalanceDue = 0; // a deposit booking's balance after the freed nights came off it
    QList<DepartureRefundPart> parts; // where the refund goes, newest payment first
    bool early() const { return nightsFreed > 0; }
    // Whether the check-out gives money back or takes the freed nights off a balance due.
    bool movesMoney() const { return early() && (refund > 0 || newBalanceDue != reservation.balanceDue); }
};

// The money side of an early departure, run inside BookingService::checkOut's guarded transaction.
class EarlyDeparture
{
    Q_DECLARE_TR_FUNCTIONS(EarlyDeparture)

public:
    // The nights `r` frees when it checks out `today`, their price, and the refund (validated: 0 .. freedMoney,
    // a reason with an override, a desk method). Refused next to "refundOverride" when the payments cannot give it
    // back (never capped silently).
    static Result<DepartureQuote> quote(SqlSession& s, const BookingService& booking, const Reservation& r,
                                        const QDate& today, const CheckOutOptions& options);
    // Writes the money of a quote whose nights were just freed under the status guard: the lines, the amount and
    // balance, desk payments lowered, a claim (refund_requested) on each card payment (AlreadyDone when one stands),
    // the points. Returns the card parts to ask their provider for after the commit.
    static Result<QList<DepartureRefundPart>> settle(Transaction& tx, const Actor& actor, const DepartureQuote& q);
};

} // namespace campdesk
