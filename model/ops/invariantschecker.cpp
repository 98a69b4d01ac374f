#include "ops/invariantschecker.h"

#include "core/domainevent.h"
#include "domain/paymentattention.h"
#include "domain/readmodel.h"
#include "domain/rulesettings.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace campdesk {

namespace {

// Statuses whose nights stay booked (a checked-out stay keeps its nights as history, a no-show those before it was
// marked).
const QString bookedStatuses = QStringLiteral("('held', 'confirmed', 'checked_in', 'checked_out', 'no_show')");
const QString paidStatuses = QStringLiteral("('confirmed', 'checked_in', 'checked_out')");

// Runs `sql` and adds one message per row (at most maxPerKind), made by `describe` from the row.
void collect(SqlSession& s, QStringList& out, const QString& sql, const QVariantList& params,
             const std::function<QString(const QSqlQuery&)>& describe)
{
    SqlRows q = s.exec(sql + QStringLiteral(" LIMIT %1").arg(InvariantsChecker::maxPerKind), params);
    while (q.next())
        out.append(describe(q));
}

QString id(const QSqlQuery& q, int column)
{
    return q.value(column).toString();
}

void checkDoubleBooking(SqlSession& s, QStringList& out)
{
    // reservation_nights' primary key stops two rows for one night; this catches reservations that overlap
    // while their nights rows disagree.
    collect(s, out,
            QStringLiteral("SELECT a.id, b.id, a.campsite_id FROM reservations a JOIN reservations b "
                           "ON b.campsite_id = a.campsite_id AND b.id > a.id AND b.check_in < a.check_out "
                           "AND a.check_in < b.check_out WHERE a.status IN %1 AND b.status IN %1 ORDER BY a.id, b.id")
                .arg(bookedStatuses),
            {}, [](const QSqlQuery& q) {
                return InvariantsChecker::tr("Campsite %1 is booked twice: reservations %2 and %3 overlap.")
                    .arg(id(q, 2), id(q, 0), id(q, 1));
            });
}

void checkNights(SqlSession& s, QStringList& out)
{
    collect(s, out,
            QStringLiteral("SELECT n.reservation_id, n.night, r.status FROM reservation_nights n "
                           "JOIN reservations r ON r.id = n.reservation_id "
                           "WHERE r.status NOT IN %1 OR n.campsite_id <> r.campsite_id OR n.night < r.check_in "
                           "OR n.night >= r.check_out ORDER BY n.reservation_id, n.night")
                .arg(bookedStatuses),
            {}, [](const QSqlQuery& q) {
                return InvariantsChecker::tr("Reservation %1 (%2) holds a night row it should not: %3.")
                    .arg(id(q, 0), id(q, 2), id(q, 1));
            });
    // The count per reservation: compared in C++ because SQLite and PostgreSQL subtract dates differently.
    SqlRows q = s.exec(QStringLiteral("SELECT r.id, r.check_in, r.check_out, count(n.night) FROM reservations r "
                                      "LEFT JOIN reservation_nights n ON n.reservation_id = r.id "
                                      "WHERE r.status IN %1 GROUP BY r.id, r.check_in, r.check_out ORDER BY r.id")
                           .arg(bookedStatuses));
    int found = 0;
    while (q.next() && found < InvariantsChecker::maxPerKind) {
        const int nights = int(dateFromSql(q.value(1)).daysTo(dateFromSql(q.value(2))));
        const int rows = q.value(3).toInt();
        if (rows != nights) {
            out.append(InvariantsChecker::tr("Reservation %1 has %2 night rows for %3 nights.")
                           .arg(id(q, 0))
                           .arg(rows)
                           .arg(nights));
            ++found;
        }
    }
}

void checkPayments(SqlSession& s, QStringList& out)
{
    // A cancelled (or refunded no-show) booking's refund is recorded on its payments: on its own payment alone, or,
    // refunded across several (refund_kind, migration 34), the parts add up to it and its own payment is one of them.
    const QString refundRecorded = QStringLiteral(
        "(CASE WHEN EXISTS (SELECT 1 FROM payments p WHERE p.reservation_id = r.id AND p.refund_of IS NULL AND "
        "p.refund_kind = '%1') THEN (SELECT COALESCE(sum(p.refund_amount), 0) FROM payments p WHERE p.reservation_id = "
        "r.id AND p.status = 'cancelled' AND p.refund_of IS NULL AND p.refund_kind = '%1') = r.refund_amount AND "
        "EXISTS (SELECT 1 FROM payments p WHERE p.reservation_id = r.id AND p.order_id = r.order_id AND p.status = "
        "'cancelled' AND p.refund_kind = '%1') ELSE (SELECT count(*) FROM payments p WHERE p.reservation_id = r.id "
        "AND p.status = 'cancelled' AND p.refund_of IS NULL AND p.refund_amount = r.refund_amount) = 1 END)");
    // The booking's own payment (its order id) is approved once; a deposit booking's balance, once taken, is one more
    // approved payment, and together, less the partial refunds made for changes (rows of their own, refund_of, and a
    // change's refund still claimed on its payment), they are the amount paid.
    // A cancel or no-show refunding across several payments (refund_kind) that has given back some of them and not
    // yet the others: the parts given back still count as the booking's until it is cancelled.
    const QString taking = QStringLiteral(
        "(p.status = 'approved' OR (p.status = 'cancelled' AND p.refund_of IS NULL AND p.refund_kind IN ('cancel', "
        "'no_show') AND r.status = 'confirmed'))");
    const QString kept
        = QStringLiteral("(SELECT COALESCE(sum(p.amount), 0) FROM payments p WHERE p.reservation_id = r.id AND %1) "
                         "- (SELECT COALESCE(sum(x.refund_amount), 0) FROM payments x WHERE x.reservation_id = r.id "
                         "AND x.refund_of IS "
                         "NOT NULL)")
              .arg(taking);
    const QString claimed = QStringLiteral("(SELECT COALESCE(sum(p.refund_requested), 0) FROM payments p WHERE "
                                           "p.reservation_id = r.id AND p.status = 'approved')");
    collect(s, out,
            QStringLiteral("SELECT r.id, r.amount, (SELECT count(*) FROM payments p WHERE p.reservation_id = r.id "
                           "AND %4 AND p.order_id = r.order_id), %2 FROM reservations r "
                           "WHERE r.status IN %1 AND NOT ((SELECT count(*) FROM payments p "
                           "WHERE p.reservation_id = r.id AND %4 AND p.order_id = r.order_id) = 1 "
                           "AND (%2 = r.amount OR %2 - %3 = r.amount)) ORDER BY r.id")
                .arg(paidStatuses, kept, claimed, taking),
            {}, [](const QSqlQuery& q) {
                return InvariantsChecker::tr("Paid reservation %1 (amount %2) has %3 approved booking payment(s) and "
                                             "approved payments of %4 in all; it needs exactly one, and the payments "
                                             "must add up to the amount.")
                    .arg(id(q, 0), id(q, 1), id(q, 2), id(q, 3));
            });
    // A balance due is never negative, and a guest who arrived owing one was let in by a manager (audited).
    collect(s, out,
            QStringLiteral("SELECT r.id, r.balance_due, r.status FROM reservations r WHERE r.balance_due < 0 OR "
                           "(r.balance_due > 0 AND r.status IN ('checked_in', 'checked_out') AND NOT EXISTS (SELECT 1 "
                           "FROM audit_log a WHERE a.action = 'reservation.check_in_balance_unpaid' AND a.target = "
                           "r.code)) ORDER BY r.id"),
            {}, [](const QSqlQuery& q) {
                return InvariantsChecker::tr("Reservation %1 (%3) has a balance due of %2 that cannot be right.")
                    .arg(id(q, 0), id(q, 1), id(q, 2));
            });
    collect(s, out,
            QStringLiteral("SELECT r.id, r.refund_amount FROM reservations r WHERE r.status = 'cancelled' "
                           "AND (NOT %1 "
                           "OR EXISTS (SELECT 1 FROM payments p WHERE p.reservation_id = r.id "
                           "AND p.status = 'approved')) ORDER BY r.id")
                .arg(refundRecorded.arg(QStringLiteral("cancel"))),
            {}, [](const QSqlQuery& q) {
                return InvariantsChecker::tr("Cancelled reservation %1 has no cancelled payment recording its refund "
                                             "of %2.")
                    .arg(id(q, 0), id(q, 1));
            });
    // A no-show keeps its payment approved, or (refunded by the rule) cancelled with the refund it records.
    collect(s, out,
            // Kept (refund 0): its own payment approved, and with a change's second payment (a dearer change charged
            // to the card) the approved payments less the partial refunds are its amount.
            QStringLiteral("SELECT r.id, r.refund_amount FROM reservations r WHERE r.status = 'no_show' AND NOT "
                           "(CASE WHEN r.refund_amount = 0 THEN (SELECT count(*) FROM payments p WHERE "
                           "p.reservation_id = r.id AND p.status = 'approved' AND p.order_id = r.order_id) = 1 AND "
                           "%1 = r.amount "
                           "ELSE %2 AND NOT EXISTS "
                           "(SELECT 1 FROM payments p WHERE p.reservation_id = r.id AND p.status = 'approved') END) "
                           "ORDER BY r.id")
                .arg(kept, refundRecorded.arg(QStringLiteral("no_show"))),
            {}, [](const QSqlQuery& q) {
                return InvariantsChecker::tr("No-show reservation %1 has no payment recording its refund of %2.")
                    .arg(id(q, 0), id(q, 1));
            });
}

// A booking's priced lines (nights, extra persons, vehicles, less the points) add up to its amount. Bookings made
// before rate plans have no lines and are not checked.
void checkLines(SqlSession& s, QStringList& out)
{
    collect(s, out,
            QStringLiteral("SELECT r.id, r.amount, l.total FROM reservations r JOIN (SELECT reservation_id, "
                           "sum(amount) AS total FROM reservation_lines GROUP BY reservation_id) l "
                           "ON l.reservation_id = r.id WHERE l.total <> r.amount + r.balance_due ORDER BY r.id"),
            {}, [](const QSqlQuery& q) {
                // The amount paid and the balance due (after a deposit) together.
                return InvariantsChecker::tr("Reservation %1 has an amount of %2 but its lines add up to %3.")
                    .arg(id(q, 0), id(q, 1), id(q, 2));
            });
}

void checkLedger(SqlSession& s, QStringList& out)
{
    const BookingRules rules = RuleSettings::load(s);
    // Booking rows belong to a real booking of the same customer. The source is the reservation id as text.
    collect(s, out,
            QStringLiteral("SELECT m.id, m.reason, m.source_id FROM mileage_ledger m "
                           "LEFT JOIN reservations r ON r.id = CAST(m.source_id AS BIGINT) "
                           "WHERE m.reason IN ('payment', 'redeem', 'cancel', 'review', 'review_deleted') "
                           "AND (r.id IS NULL OR r.customer_id <> m.customer_id OR r.status NOT IN %1) ORDER BY m.id")
                .arg(QStringLiteral("('confirmed', 'checked_in', 'checked_out', 'cancelled', 'no_show')")),
            {}, [](const QSqlQuery& q) {
                return InvariantsChecker::tr("Mileage row %1 (%2) points to reservation %3, which is not a paid "
                                             "booking of the same customer.")
                    .arg(id(q, 0), id(q, 1), id(q, 2));
            });
    // Each paid booking: its redeem row is exactly the points used; its payment credit exists when the earn
    // rule gives points for the amount (the rule may have changed since, so only presence is checked). What it
    // earned is MileageService::earnedBy: the payment credit, its changes' rows and its balance's.
    SqlRows q = s.exec(
        QStringLiteral("SELECT r.id, r.status, r.amount, r.points_used, "
                       "(SELECT sum(delta) FROM mileage_ledger m WHERE (m.reason = 'payment' AND m.source_id = "
                       "CAST(r.id AS TEXT)) OR (m.reason = 'adjust' AND (m.source_id LIKE 'change:' || CAST(r.id AS "
                       "TEXT) || ':%' OR m.source_id = 'balance-' || CAST(r.id AS TEXT)))), (SELECT sum(delta) FROM "
                       "mileage_ledger m WHERE m.reason = 'redeem' AND "
                       "m.source_id = CAST(r.id AS TEXT)), (SELECT sum(delta) FROM mileage_ledger m WHERE m.reason = "
                       "'cancel' AND m.source_id = CAST(r.id AS TEXT)) FROM reservations r "
                       "WHERE r.status IN ('confirmed', 'checked_in', 'checked_out', 'cancelled', 'no_show') "
                       "ORDER BY r.id"));
    int found = 0;
    while (q.next() && found < InvariantsChecker::maxPerKind) {
        const QString reservation = id(q, 0);
        const bool cancelled = q.value(1).toString() == QLatin1String("cancelled");
        const bool noShow = q.value(1).toString() == QLatin1String("no_show");
        const qint64 amount = q.value(2).toLongLong();
        const qint64 used = q.value(3).toLongLong();
        const qint64 credit = q.value(4).toLongLong();
        const qint64 redeem = q.value(5).toLongLong();
        const bool hasCancel = !q.value(6).isNull();
        const qint64 cancel = q.value(6).toLongLong();
        QStringList problems;
        if (redeem != -used)
            problems << InvariantsChecker::tr("its redeem row is %1 for %2 points used").arg(redeem).arg(used);
        // With points on the stay only, a booking that is nearly all extras may rightly earn nothing: presence is
        // then not checked (the share needs its lines).
        const bool shouldEarn = rules.pointsOnExtras && rules.pointsFor(amount) > 0;
        if (credit < 0 || (credit == 0 && shouldEarn && !cancelled && !noShow))
            problems << InvariantsChecker::tr("its payment credit is %1").arg(credit);
        // A cancel row may take back less than was earned when the points were spent since (the refund paid it).
        // A no-show takes back what it earned (its cancel row), and returns none of the points used.
        const qint64 due = noShow ? -credit : used - credit;
        if (cancelled || noShow
                ? (due == 0 ? hasCancel : !hasCancel || cancel < due || cancel > std::max<qint64>(due, 0))
                : hasCancel)
            problems << InvariantsChecker::tr("its cancel row is %1 where %2 is due")
                            .arg(cancel)
                            .arg(cancelled || noShow ? due : 0);
        if (!problems.isEmpty()) {
            out.append(InvariantsChecker::tr("Mileage of reservation %1 breaks the rules: %2.")
                           .arg(reservation, problems.join(QStringLiteral("; "))));
            ++found;
        }
    }
    // Each review: earned once while it stands, taken back exactly once deleted.
    q = s.exec(QStringLiteral(
        "SELECT v.id, v.reservation_id, v.deleted_at, (SELECT sum(delta) FROM mileage_ledger m WHERE m.reason = "
        "'review' AND m.source_id = CAST(v.reservation_id AS TEXT)), (SELECT sum(delta) FROM mileage_ledger m "
        "WHERE m.reason = 'review_deleted' AND m.source_id = CAST(v.reservation_id AS TEXT)) FROM reviews v "
        "ORDER BY v.id"));
    found = 0;
    while (q.next() && found < InvariantsChecker::maxPerKind) {
        const bool deleted = !q.value(2).isNull();
        const qint64 credit = q.value(3).toLongLong();
        const bool hasTakeBack = !q.value(4).isNull();
        const qint64 takeBack = q.value(4).toLongLong();
        QString problem;
        if (credit < 0 || (credit == 0 && !deleted && rules.reviewPoints > 0))
            problem = InvariantsChecker::tr("its review credit is %1").arg(credit);
        // Taken back in full, or less when the points were spent since (a balance never goes below 0).
        else if (deleted ? (credit > 0 ? !hasTakeBack || takeBack < -credit || takeBack > 0 : hasTakeBack)
                         : hasTakeBack)
            problem = InvariantsChecker::tr("its review_deleted row is %1 where %2 is due")
                          .arg(takeBack)
                          .arg(deleted ? -credit : 0);
        if (!problem.isEmpty()) {
            out.append(InvariantsChecker::tr("Mileage of review %1 (reservation %2) breaks the rules: %3.")
                           .arg(id(q, 0), id(q, 1), problem));
            ++found;
        }
    }
    collect(s, out,
            QStringLiteral("SELECT m.id, m.reason, m.source_id FROM mileage_ledger m WHERE m.reason IN ('review', "
                           "'review_deleted') AND NOT EXISTS (SELECT 1 FROM reviews v WHERE "
                           "v.reservation_id = CAST(m.source_id AS BIGINT) AND v.customer_id = m.customer_id) "
                           "ORDER BY m.id"),
            {}, [](const QSqlQuery& q) {
                return InvariantsChecker::tr("Mileage row %1 (%2) has no review of reservation %3 behind it.")
                    .arg(id(q, 0), id(q, 1), id(q, 2));
            });
}

// A reservation moves through each transition once: two events of one kind mean it happened twice (two terminals
// confirming or cancelling the same booking at once), with its messages and figures counted twice.
void checkTransitionsOnce(SqlSession& s, QStringList& out)
{
    // A check-in or check-out the desk undid (StayUndoService) may happen once more: those count below.
    for (const auto& [done, undone] :
         { std::pair { EventType::ReservationCheckedIn, EventType::ReservationCheckInUndone },
           std::pair { EventType::ReservationCheckedOut, EventType::ReservationCheckOutUndone } }) {
        collect(s, out,
                QStringLiteral("SELECT aggregate_id, SUM(CASE WHEN type = '%1' THEN 1 ELSE 0 END), "
                               "SUM(CASE WHEN type = '%2' THEN 1 ELSE 0 END) FROM domain_events WHERE aggregate = "
                               "'reservation' AND type IN ('%1', '%2') GROUP BY aggregate_id HAVING "
                               "SUM(CASE WHEN type = '%1' THEN 1 ELSE 0 END) - SUM(CASE WHEN type = '%2' THEN 1 ELSE "
                               "0 END) NOT IN (0, 1) ORDER BY aggregate_id")
                    .arg(eventTypeName(done), eventTypeName(undone)),
                {}, [done = done](const QSqlQuery& q) {
                    return InvariantsChecker::tr("Reservation %1 has %2 %3 events and %4 undone; a transition happens "
                                                 "once.")
                        .arg(id(q, 0), id(q, 1), eventTypeName(done), id(q, 2));
                });
    }
    QStringList types;
    for (EventType type : { EventType::ReservationConfirmed, EventType::ReservationCancelled, EventType::HoldReleased,
                            EventType::ReservationNoShow })
        types << QStringLiteral("'%1'").arg(eventTypeName(type));
    collect(s, out,
            QStringLiteral("SELECT aggregate_id, type, count(*) FROM domain_events WHERE aggregate = 'reservation' "
                           "AND type IN (%1) GROUP BY aggregate_id, type HAVING count(*) > 1 ORDER BY aggregate_id")
                .arg(types.join(QStringLiteral(", "))),
            {}, [](const QSqlQuery& q) {
                return InvariantsChecker::tr("Reservation %1 has %2 %3 events; a transition happens once.")
                    .arg(id(q, 0), id(q, 2), id(q, 1));
            });
}

// Points: never spent beyond the balance before the redemption, and no balance below zero.
void checkBalances(SqlSession& s, QStringList& out)
{
    collect(s, out,
            QStringLiteral("SELECT m.id, m.customer_id, -m.delta, (SELECT COALESCE(SUM(b.delta), 0) FROM "
                           "mileage_ledger b WHERE b.customer_id = m.customer_id AND b.id < m.id) FROM "
                           "mileage_ledger m WHERE m.reason = 'redeem' AND -m.delta > (SELECT COALESCE(SUM(b.delta), "
                           "0) FROM mileage_ledger b WHERE b.customer_id = m.customer_id AND b.id < m.id) "
                           "ORDER BY m.id"),
            {}, [](const QSqlQuery& q) {
                return InvariantsChecker::tr("Mileage row %1 of customer %2 redeems %3 points with a balance of %4 "
                                             "before it.")
                    .arg(id(q, 0), id(q, 1), id(q, 2), id(q, 3));
            });
    collect(s, out,
            QStringLiteral("SELECT customer_id, SUM(delta) FROM mileage_ledger GROUP BY customer_id "
                           "HAVING SUM(delta) < 0 ORDER BY customer_id"),
            {}, [](const QSqlQuery& q) {
                return InvariantsChecker::tr("Customer %1 has a negative points balance: %2.").arg(id(q, 0), id(q, 1));
            });
}

// Refunds: what each PaymentCancelled event says was given back is what its payment records, never more than was
// paid; a refund that differs from the one asked is flagged; and every payment needing attention is listed.
void checkRefunds(SqlSession& s, QStringList& out)
{
    collect(s, out,
            QStringLiteral("SELECT id, refund_amount, amount FROM payments WHERE refund_amount > amount ORDER BY id"),
            {}, [](const QSqlQuery& q) {
                return InvariantsChecker::tr("Payment %1 records a refund of %2, more than its %3.")
                    .arg(id(q, 0), id(q, 1), id(q, 2));
            });
    collect(s, out,
            QStringLiteral("SELECT id, refund_requested, refund_amount FROM payments WHERE status = 'cancelled' AND "
                           "refund_requested IS NOT NULL AND refund_requested <> refund_amount AND attention IS NULL "
                           "AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'payment.attention_cleared' AND "
                           "a.target = payments.order_id) ORDER BY id"),
            {}, [](const QSqlQuery& q) {
                return InvariantsChecker::tr("Payment %1 was refunded %3 where %2 was asked, and nobody was told.")
                    .arg(id(q, 0), id(q, 1), id(q, 2));
            });
    SqlRows q = s.exec(QStringLiteral("SELECT e.aggregate_id, e.payload, p.refund_amount, p.status FROM "
                                      "domain_events e JOIN payments p ON p.id = e.aggregate_id WHERE e.aggregate = "
                                      "'payment' AND e.type = ? ORDER BY e.id"),
                       { eventTypeName(EventType::PaymentCancelled) });
    int found = 0;
    QHash<qint64, int> cancels;
    while (q.next() && found < InvariantsChecker::maxPerKind) {
        const qint64 payment = q.value(0).toLongLong();
        const QJsonObject payload = QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object();
        const qint64 refund = payload.value(QStringLiteral("refund")).toInteger();
        if (++cancels[payment] == 2) {
            out.append(InvariantsChecker::tr("Payment %1 was cancelled more than once.").arg(payment));
            ++found;
        } else if (refund != q.value(2).toLongLong() || q.value(3).toString() != QLatin1String("cancelled")) {
            out.append(
                InvariantsChecker::tr("Payment %1 records a refund of %2 (%3), but its cancellation gave back %4.")
                    .arg(payment)
                    .arg(q.value(2).toLongLong())
                    .arg(q.value(3).toString())
                    .arg(refund));
            ++found;
        }
    }
    q.finish();
    const QList<PaymentAttentionRow> flagged = PaymentAttention::list(s);
    for (int i = 0; i < flagged.size() && i < InvariantsChecker::maxPerKind; ++i) {
        const PaymentAttentionRow& row = flagged.at(i);
        out.append(InvariantsChecker::tr("Payment %1 (%2) needs attention: %3. %4")
                       .arg(row.orderId, row.reservationCode, attentionReasonName(row.reason), row.detail));
    }
}

} // namespace

InvariantsChecker::InvariantsChecker(Database& db)
    : m_db(db)
{
}

Result<QStringList> InvariantsChecker::check() const
{
    Result<QStringList> found = m_db.read([&](SqlSession& s) -> Result<QStringList> {
        QStringList out;
        checkDoubleBooking(s, out);
        checkNights(s, out);
        checkPayments(s, out);
        checkLines(s, out);
        checkLedger(s, out);
        checkTransitionsOnce(s, out);
        checkBalances(s, out);
        checkRefunds(s, out);
        return out;
    });
    if (!found.ok())
        return found;
    Result<QStringList> readModel = ReadModel(m_db).differencesFromRebuild();
    if (!readModel.ok())
        return readModel.error();
    for (const QString& difference : readModel.value())
        found.value().append(tr("The read model differs from a rebuild: %1").arg(difference));
    return found;
}

Result<QStringList> InvariantsChecker::run(Database& db)
{
    return InvariantsChecker(db).check();
}

} // namespace campdesk
