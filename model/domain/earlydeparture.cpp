#include "domain/earlydeparture.h"

#include "db/sqldates.h"
#include "db/transaction.h"
#include "domain/bookingservice.h"
#include "domain/mileageservice.h"
#include "domain/readmodel.h"
#include "domain/rulesettings.h"

#include <QLocale>
#include <algorithm>

namespace campdesk {

namespace {
// Lines priced per person or vehicle and night (RateTables::price).
const QString perNightFeeKinds = QStringLiteral("'extra_adult', 'extra_child', 'vehicle'");
} // namespace

Result<DepartureQuote> EarlyDeparture::quote(SqlSession& s, const BookingService& booking, const Reservation& r,
                                             const QDate& today, const CheckOutOptions& options)
{
    DepartureQuote q;
    q.reservation = r;
    q.leaveOn = r.checkOut;
    q.newAmount = r.amount;
    q.newBalanceDue = r.balanceDue;
    // A stay keeps its first night (the site was the guest's that day), so one that ends on the day of arrival frees
    // the nights after it.
    if (today < r.checkOut && r.checkIn.addDays(1) < r.checkOut) {
        q.leaveOn = std::max(today, r.checkIn.addDays(1));
        q.nightsFreed = int(q.leaveOn.daysTo(r.checkOut));
    }
    const auto refundField = QStringLiteral("refundOverride");
    if (!q.early()) {
        if (options.refundOverride && *options.refundOverride != 0)
            return invalidInput(tr("The guest leaves on the last day: there are no unused nights to refund."),
                                refundField);
        return q;
    }
    // The freed nights as they were sold: their stored night lines. A booking from before those lines (migration 19)
    // has none: its price per night, on average.
    SqlRows nights = s.exec(QStringLiteral("SELECT COALESCE(sum(amount), 0), count(*) FROM reservation_lines WHERE "
                                           "reservation_id = ? AND kind = 'night' AND night >= ?"),
                            { r.id, sqlDate(q.leaveOn) });
    nights.next();
    const bool soldByNight = nights.value(1).toInt() == q.nightsFreed;
    if (soldByNight) {
        q.freedPrice = nights.value(0).toLongLong();
    } else {
        const qint64 extras = s.scalar(QStringLiteral("SELECT COALESCE(sum(amount), 0) FROM reservation_lines WHERE "
                                                      "reservation_id = ? AND kind = 'extra'"),
                                       { r.id })
                                  .toLongLong();
        q.freedPrice = std::max<qint64>(0, r.price() - extras) * q.nightsFreed / std::max(1, r.nights());
    }
    nights.finish();
    if (soldByNight) {
        // The fees per night (extra persons, vehicles) of the freed nights: each such line is its count times every
        // night of the stay.
        q.freedPrice += s.scalar(QStringLiteral("SELECT COALESCE(sum(amount), 0) FROM reservation_lines WHERE "
                                                "reservation_id = ? AND kind IN (%1)")
                                     .arg(perNightFeeKinds),
                                 { r.id })
                            .toLongLong()
            * q.nightsFreed / std::max(1, r.nights());
    }
    // What the freed nights cost in money, paid or still owed (points used stay used): the most that can be let off.
    // The rule's share of it (or staff's amount) comes off a balance still due first; only the rest is money given
    // back, so a guest who owes the balance is treated as one who paid it.
    q.freedMoney = std::min(q.freedPrice, r.amount + r.balanceDue);
    q.refundPercent = RuleSettings::load(s).refundPercent(0);
    q.ruleRefund = q.freedMoney * q.refundPercent / 100;
    q.credit = q.ruleRefund;
    if (options.refundOverride) {
        if (*options.refundOverride < 0 || *options.refundOverride > q.freedMoney)
            return invalidInput(tr("The refund must be between 0 and %1 won (what the unused nights cost).")
                                    .arg(QLocale().toString(q.freedMoney)),
                                refundField);
        if (options.reason.trimmed().isEmpty())
            return invalidInput(tr("Give a reason for changing the refund."), QStringLiteral("reason"));
        q.credit = *options.refundOverride;
        q.overridden = true;
    }
    q.offBalance = std::min(r.balanceDue, q.credit);
    q.newBalanceDue = r.balanceDue - q.offBalance;
    q.refund = q.credit - q.offBalance;
    q.newAmount = r.amount - q.refund;
    if (q.refund <= 0)
        return q;

    // Newest payment first (a deposit booking's balance, taken at check-in, before its deposit), each no more than it
    // still holds: a card payment less the partial refunds already made of it; a desk payment is its amount.
    SqlRows paid = s.exec(
        QStringLiteral("SELECT p.id, p.order_id, p.provider, p.method, p.provider_tx_id, COALESCE(p.approved_at, "
                       "p.created_at), p.amount - (SELECT COALESCE(sum(x.refund_amount), 0) FROM payments x WHERE "
                       "x.refund_of = p.id) FROM payments p WHERE p.reservation_id = ? AND p.status = 'approved' "
                       "ORDER BY COALESCE(p.approved_at, p.created_at) DESC, p.id DESC"),
        { r.id });
    qint64 left = q.refund;
    qint64 holds = 0;
    bool atDesk = false;
    while (paid.next()) {
        DepartureRefundPart part;
        part.paymentId = paid.value(0).toLongLong();
        part.orderId = paid.value(1).toString();
        part.provider = paid.value(2).toString();
        part.method = paid.value(3).toString();
        part.providerTxId = paid.value(4).toString();
        part.approvedAt = paid.value(5).toLongLong();
        const qint64 available = std::max<qint64>(0, paid.value(6).toLongLong());
        holds += available;
        part.amount = std::min(left, available);
        if (part.amount <= 0)
            continue;
        left -= part.amount;
        atDesk = atDesk || part.atDesk();
        q.parts.append(part);
    }
    paid.finish();
    if (left > 0)
        return invalidInput(tr("The payments of booking %1 hold %2 won that can be given back now; a refund of %3 won "
                               "is more than that. Give back at most %2 won, or ask a manager.")
                                .arg(r.code, QLocale().toString(holds), QLocale().toString(q.refund)),
                            refundField);
    for (const DepartureRefundPart& part : std::as_const(q.parts)) {
        if (!part.atDesk() && !booking.gateway(part.provider))
            return Error(ErrorCode::Unavailable,
                         tr("Booking %1 was paid through %2, which this terminal cannot refund. Check the guest out "
                            "at the front desk.")
                             .arg(r.code, part.provider),
                         refundField);
    }
    if (atDesk && options.method != QLatin1String("cash") && options.method != QLatin1String("desk_card"))
        return invalidInput(tr("Choose how the refund is given back: cash or the desk's card machine."),
                            QStringLiteral("method"));
    return q;
}

Result<QList<DepartureRefundPart>> EarlyDeparture::settle(Transaction& tx, const Actor& actor, const DepartureQuote& q)
{
    QList<DepartureRefundPart> claims;
    const Reservation& r = q.reservation;
    // Nothing to give back and nothing off a balance: the money and the lines stay as sold (an undo of the check-out
    // then has nothing to put back but the nights).
    if (!q.movesMoney())
        return claims;
    const qint64 now = tx.nowMs();
    // Another payment of this booking in progress (a balance being taken): its terminal finishes first.
    if (q.refund > 0
        && tx.scalar(QStringLiteral("SELECT count(*) FROM payments WHERE reservation_id = ? AND status = 'pending'"),
                     { r.id })
                .toLongLong()
            > 0)
        return Error(ErrorCode::AlreadyDone,
                     tr("A payment for booking %1 is in progress on another terminal; please "
                        "look at the booking again in a moment.")
                         .arg(r.code));

    // The lines follow: the freed nights' lines go, and what was kept of them (the part not refunded, less what came
    // off a balance due) stays as a "retained" line, so the lines add up to the amount and the balance.
    if (tx.scalar(QStringLiteral("SELECT count(*) FROM reservation_lines WHERE reservation_id = ?"), { r.id })
            .toLongLong()
        > 0) {
        tx.exec(
            QStringLiteral("DELETE FROM reservation_lines WHERE reservation_id = ? AND kind = 'night' AND night >= ?"),
            { r.id, sqlDate(q.leaveOn) });
        // The per-night fees keep the nights stayed (a count times nights divides exactly).
        tx.exec(QStringLiteral("UPDATE reservation_lines SET quantity = quantity - quantity * ? / ?, amount = amount - "
                               "amount * ? / ? WHERE reservation_id = ? AND kind IN (%1)")
                    .arg(perNightFeeKinds),
                { q.nightsFreed, r.nights(), q.nightsFreed, r.nights(), r.id });
        const qint64 lines
            = tx.scalar(
                    QStringLiteral("SELECT COALESCE(sum(amount), 0) FROM reservation_lines WHERE reservation_id = ?"),
                    { r.id })
                  .toLongLong();
        const qint64 kept = q.newAmount + q.newBalanceDue - lines;
        if (kept != 0)
            tx.exec(QStringLiteral("INSERT INTO reservation_lines (reservation_id, kind, night, label_code, quantity, "
                                   "unit_price, amount) VALUES (?, 'retained', NULL, '', 1, ?, ?)"),
                    { r.id, kept, kept });
    }
    if (q.newAmount != r.amount || q.newBalanceDue != r.balanceDue)
        tx.exec(QStringLiteral("UPDATE reservations SET amount = ?, balance_due = ? WHERE id = ?"),
                { q.newAmount, q.newBalanceDue, r.id });

    for (const DepartureRefundPart& part : q.parts) {
        if (part.atDesk()) {
            // Handed back at the desk now: the payment row is the desk's only record, so it follows the money, and
            // the revenue of the day it was taken with it (as a rebuild counts it).
            SqlRows lowered = tx.exec(QStringLiteral("UPDATE payments SET amount = amount - ?, updated_at = ? WHERE id "
                                                     "= ? AND status = 'approved' AND amount >= ? RETURNING id"),
                                      { part.amount, now, part.paymentId, part.amount });
            if (!lowered.next())
                return Error(ErrorCode::AlreadyDone,
                             tr("Booking %1 was changed on another terminal; please look at it again.").arg(r.code));
            lowered.finish();
            DailyDelta day;
            day.revenue = -part.amount;
            ReadModel::addDaily(tx, part.approvedAt, day);
        } else {
            // Through the payment service: claimed here (no cancel, change or other refund of it meanwhile), asked
            // after the commit, recorded as a row of its own once made (ReservationChangeService's partial refund).
            SqlRows claimed
                = tx.exec(QStringLiteral("UPDATE payments SET refund_requested = ?, updated_at = ? WHERE id = ? AND "
                                         "status = 'approved' AND refund_requested IS NULL RETURNING id"),
                          { part.amount, now, part.paymentId });
            if (!claimed.next())
                return Error(
                    ErrorCode::AlreadyDone,
                    tr("Booking %1 has a refund in progress; check the guest out once that is done.").arg(r.code));
            claimed.finish();
            claims.append(part);
        }
    }

    // The points follow the money kept, as after a cheaper change: never below a zero balance.
    const BookingRules rules = RuleSettings::load(tx);
    qint64 points = RuleSettings::pointsForBooking(tx, rules, r.id, q.newAmount) - MileageService::earnedBy(tx, r.id);
    if (points < 0) {
        MileageService::lockBalance(tx, r.customerId);
        const qint64 balance = std::max<qint64>(0, MileageService::balance(tx, r.customerId));
        points = -std::min(-points, balance);
    }
    if (points != 0)
        MileageService::record(tx, r.customerId, points, QStringLiteral("adjust"),
                               MileageService::changeSource(r.id, r.version + 1),
                               QStringLiteral("booking %1 left early").arg(r.code));
    (void)actor;
    return claims;
}

} // namespace campdesk
