#include "domain/groupbookingservice.h"

#include "core/logging.h"
#include "db/sqldates.h"
#include "domain/paymentattention.h"
#include "domain/paymentrecord.h"
#include "domain/rulesettings.h"
#include "domain/statustext.h"

#include <QLoggingCategory>
#include <QUuid>
#include <algorithm>

namespace campdesk {

namespace {

const QString partPrefix = QStringLiteral("parts/");

BookingRequest partRequest(const GroupRequest& request, int i)
{
    const GroupPart& part = request.parts.at(i);
    BookingRequest b;
    b.campsiteId = part.campsiteId;
    b.checkIn = part.checkIn;
    b.checkOut = part.checkOut;
    b.guests = part.guests;
    b.children = part.children;
    b.vehicles = part.vehicles;
    b.customer = request.payer;
    return b;
}

// A part's error: the message says which part, the field names it. The payer's fields are nobody's part.
Error forPart(Error error, int i)
{
    static const QStringList payerFields { QStringLiteral("name"), QStringLiteral("phone"), QStringLiteral("email"),
                                           QStringLiteral("language") };
    if (payerFields.contains(error.field))
        return error;
    error.field = GroupBookingService::partField(i, error.field.isEmpty() ? QStringLiteral("campsiteId") : error.field);
    error.message = GroupBookingService::tr("Site %1 of the group: %2").arg(i + 1).arg(error.message);
    return error;
}

std::optional<BookingGroup> loadGroup(SqlSession& s, const QString& where, const QVariant& key)
{
    SqlRows q = s.exec(QStringLiteral("SELECT g.id, g.code, g.order_id, g.payer_id, c.name, c.phone FROM "
                                      "booking_groups g JOIN customers c ON c.id = g.payer_id WHERE ")
                           + where,
                       { key });
    if (!q.next())
        return std::nullopt;
    BookingGroup g;
    g.id = q.value(0).toLongLong();
    g.code = q.value(1).toString();
    g.orderId = q.value(2).toString();
    g.payerId = q.value(3).toLongLong();
    g.payerName = q.value(4).toString();
    g.payerPhone = q.value(5).toString();
    q.finish();
    SqlRows parts = s.exec(QStringLiteral("SELECT ") + Reservation::columns() + Reservation::tables()
                               + QStringLiteral(" WHERE r.group_id = ? ORDER BY r.id"),
                           { g.id });
    while (parts.next())
        g.parts.append(Reservation::fromRow(parts));
    return g;
}

} // namespace

qint64 BookingGroup::total() const
{
    qint64 sum = 0;
    for (const Reservation& r : parts)
        sum += r.amount;
    return sum;
}

int BookingGroup::count(ReservationStatus status) const
{
    return int(
        std::count_if(parts.cbegin(), parts.cend(), [status](const Reservation& r) { return r.status == status; }));
}

GroupBookingService::GroupBookingService(BookingService& bookings)
    : m_bookings(bookings)
{
}

QString GroupBookingService::newGroupCode()
{
    return QStringLiteral("GR-") + BookingService::newReservationCode().mid(3);
}

QList<qint64> GroupBookingService::pointShares(qint64 points, const QList<qint64>& amounts)
{
    qint64 total = 0;
    for (qint64 amount : amounts)
        total += std::max<qint64>(0, amount);
    QList<qint64> shares(amounts.size(), 0);
    if (total <= 0 || points <= 0)
        return shares;
    QList<QPair<qint64, int>> remainders; // (remainder, part)
    qint64 given = 0;
    for (int i = 0; i < amounts.size(); ++i) {
        const qint64 exact = points * std::max<qint64>(0, amounts.at(i)); // won x points: far below 2^63
        shares[i] = exact / total;
        given += shares.at(i);
        remainders.append({ exact % total, i });
    }
    // The largest remainders get the points the rounding down left over; the earlier part first on a tie.
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const QPair<qint64, int>& a, const QPair<qint64, int>& b) { return a.first > b.first; });
    for (int k = 0; given < points && k < remainders.size(); ++k, ++given)
        shares[remainders.at(k).second] += 1;
    return shares;
}

Result<QList<QPair<int, ChangeRequest>>> GroupBookingService::partChanges(const BookingGroup& group,
                                                                          const GroupChangeRequest& request) const
{
    if (request.shiftDays == 0 && request.nightsDelta == 0)
        return invalidInput(tr("Move the group's dates or change its number of nights."), QStringLiteral("shiftDays"));
    QList<QPair<int, ChangeRequest>> changes;
    for (int i = 0; i < group.parts.size(); ++i) {
        const Reservation& part = group.parts.at(i);
        if (request.seenVersions.value(part.id, part.version) != part.version)
            return Error(ErrorCode::AlreadyDone,
                         tr("Group %1 was changed on another terminal (booking %2); please look at it again.")
                             .arg(group.code, part.code));
        if (part.status != ReservationStatus::Confirmed && part.status != ReservationStatus::CheckedIn)
            continue;
        ChangeRequest c;
        c.reservationId = part.id;
        c.campsiteId = part.campsiteId;
        c.checkIn = part.checkIn.addDays(request.shiftDays);
        c.checkOut = part.checkOut.addDays(request.shiftDays + request.nightsDelta);
        c.guests = part.guests;
        c.method = request.method;
        c.expectedVersion = part.version; // changed meanwhile at another desk: the group's change stops (SQL guard)
        changes.append({ i, c });
    }
    if (changes.isEmpty())
        return Error(ErrorCode::AlreadyDone, tr("Group %1 has no booking left to change.").arg(group.code));
    // Moving later, the latest stay moves first (and earlier, the earliest), so that one part's new nights are never
    // the nights another part of the same site still holds.
    std::stable_sort(changes.begin(), changes.end(), [&](const auto& a, const auto& b) {
        return request.shiftDays > 0 ? a.second.checkIn > b.second.checkIn : a.second.checkIn < b.second.checkIn;
    });
    return changes;
}

namespace {

// A part's error in a group change: which site and booking, in the message and in Error::field.
Error forChangedPart(Error error, int i, const Reservation& part)
{
    error.message
        = GroupBookingService::tr("Site %1 (booking %2): %3").arg(part.campsiteCode, part.code, error.message);
    error.field = GroupBookingService::partField(i, error.field.isEmpty() ? QStringLiteral("campsiteId") : error.field);
    return error;
}

} // namespace

Result<GroupChangeQuote> GroupBookingService::quoteChange(const Actor& actor, const GroupChangeRequest& request) const
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::System }); !allowed.ok())
        return allowed.error();
    Result<BookingGroup> group = get(request.groupId);
    if (!group.ok())
        return group.error();
    Result<QList<QPair<int, ChangeRequest>>> changes = partChanges(group.value(), request);
    if (!changes.ok())
        return changes.error();
    ReservationChangeService changer(m_bookings);
    GroupChangeQuote out;
    QList<QPair<int, ChangeQuote>> quoted;
    for (const auto& [i, c] : changes.value()) {
        Result<ChangeQuote> q = changer.quoteChange(actor, c);
        if (!q.ok())
            return forChangedPart(q.error(), i, group->parts.at(i));
        out.extra += q->extra;
        out.refund += q->refund;
        quoted.append({ i, q.value() });
    }
    std::sort(quoted.begin(), quoted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& part : quoted)
        out.parts.append(part.second);
    return out;
}

Result<BookingGroup> GroupBookingService::changeGroup(const Actor& actor, const GroupChangeRequest& request)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::System }); !allowed.ok())
        return allowed.error();
    Result<BookingGroup> group = get(request.groupId);
    if (!group.ok())
        return group;
    Result<QList<QPair<int, ChangeRequest>>> changes = partChanges(group.value(), request);
    if (!changes.ok())
        return changes.error();
    ReservationChangeService changer(m_bookings);
    // Every part as one booking is changed, each in a savepoint of this one transaction: the first that cannot
    // change (its nights taken, a closed date, changed meanwhile) rolls every part back.
    Status changed = m_bookings.database().write([&](Transaction& tx) -> Status {
        qint64 extra = 0;
        qint64 refund = 0;
        for (const auto& [i, c] : changes.value()) {
            // A part paid through the payment service would be charged or refunded at the provider from inside this
            // transaction, where a later part's failure could not undo it: its price cannot change with the group.
            Result<ChangeQuote> quoted = changer.quoteChange(actor, c);
            if (quoted.ok()
                && ((quoted->extra > 0 && !quoted->chargeProvider.isEmpty())
                    || (quoted->refund > 0 && !quoted->refundProvider.isEmpty())))
                return forChangedPart(invalidInput(tr("This site was paid by card through the payment service, so "
                                                      "its price cannot change with the group; change it on its "
                                                      "own.")),
                                      i, group->parts.at(i));
            Result<Reservation> done = changer.change(actor, c);
            if (!done.ok())
                return forChangedPart(done.error(), i, group->parts.at(i));
            const Reservation& before = group->parts.at(i);
            if (done->amount > before.amount)
                extra += done->amount - before.amount;
            else
                refund += before.amount - done->amount;
        }
        QString details = QStringLiteral("%1 site(s), %2 day(s), %3 night(s)")
                              .arg(changes->size())
                              .arg(request.shiftDays)
                              .arg(request.nightsDelta);
        if (extra > 0 || refund > 0)
            details += QStringLiteral("; charged %1, refunded %2 (%3)").arg(extra).arg(refund).arg(request.method);
        tx.audit(actor, QStringLiteral("group.change"), group->code, details);
        return {};
    });
    if (!changed.ok())
        return changed.error();
    qCInfo(lcBooking).noquote() << "group" << group->code << "changed:" << changes->size() << "site(s),"
                                << request.shiftDays << "day(s)," << request.nightsDelta << "night(s), by"
                                << actor.name;
    return get(request.groupId);
}

QString GroupBookingService::chargedOrderId(const QString& orderId)
{
    return orderId.section(QLatin1Char('/'), 0, 0);
}

QString GroupBookingService::partField(int part, const QString& field)
{
    return partPrefix + QString::number(part) + QLatin1Char('/') + field;
}

int GroupBookingService::partOfField(const QString& field)
{
    if (!field.startsWith(partPrefix))
        return -1;
    bool ok = false;
    const int part = field.section(QLatin1Char('/'), 1, 1).toInt(&ok);
    return ok ? part : -1;
}

Status GroupBookingService::validate(const GroupRequest& request) const
{
    if (request.parts.isEmpty())
        return invalidInput(tr("Add at least one site to the group."), QStringLiteral("parts"));
    if (request.parts.size() > maxParts)
        return invalidInput(tr("A group can book at most %n site(s).", nullptr, maxParts), QStringLiteral("parts"));
    for (int i = 0; i < request.parts.size(); ++i) {
        if (Status valid = m_bookings.validate(partRequest(request, i)); !valid.ok())
            return forPart(valid.error(), i);
    }
    // Two parts on one site and night would take the night from each other: say so before anything is held.
    for (int i = 0; i < request.parts.size(); ++i) {
        for (int j = 0; j < i; ++j) {
            const GroupPart& a = request.parts.at(j);
            const GroupPart& b = request.parts.at(i);
            if (a.campsiteId == b.campsiteId && a.checkIn < b.checkOut && b.checkIn < a.checkOut) {
                return invalidInput(
                    tr("Sites %1 and %2 of the group are the same site on the same nights.").arg(j + 1).arg(i + 1),
                    partField(i, QStringLiteral("campsiteId")));
            }
        }
    }
    return {};
}

Result<GroupQuote> GroupBookingService::quote(const GroupRequest& request) const
{
    if (Status valid = validate(request); !valid.ok()) {
        // A price check before the payer's details are typed in: only the payer's fields may be missing.
        if (partOfField(valid.error().field) >= 0 || valid.error().field == QLatin1String("parts"))
            return valid.error();
    }
    GroupQuote out;
    for (int i = 0; i < request.parts.size(); ++i) {
        BookingRequest part = partRequest(request, i);
        if (!CustomerService::validate(part.customer).ok())
            part.customer = Customer(); // BookingService::quote() prices for anyone
        Result<Quote> q = m_bookings.quote(part);
        if (!q.ok())
            return forPart(q.error(), i);
        out.parts.append(q.value());
        out.total += q->payable;
    }
    return out;
}

Result<BookingGroup> GroupBookingService::hold(const Actor& actor, const GroupRequest& request,
                                               const PaymentGateway& gateway, const QString& method)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::System }); !allowed.ok())
        return allowed.error();
    if (Status valid = validate(request); !valid.ok())
        return valid.error();
    Database& db = m_bookings.database();
    const QString orderId = QStringLiteral("cdg-") + QUuid::createUuid().toString(QUuid::Id128);
    Result<qint64> held = db.write([&](Transaction& tx) -> Result<qint64> {
        // Each part exactly as a single booking is held (a savepoint of this transaction each): the first that
        // fails rolls every part back.
        QList<Reservation> parts;
        for (int i = 0; i < request.parts.size(); ++i) {
            Result<Reservation> part = m_bookings.hold(actor, partRequest(request, i));
            if (!part.ok()) {
                Error error = part.error();
                if (error.code == ErrorCode::SiteTaken) {
                    const QString site = tx.scalar(QStringLiteral("SELECT code FROM campsites WHERE id = ?"),
                                                   { request.parts.at(i).campsiteId })
                                             .toString();
                    error.message
                        = tr("Site %1 is not free for %2 – %3, so nothing was held.")
                              .arg(site, sqlDate(request.parts.at(i).checkIn), sqlDate(request.parts.at(i).checkOut))
                        + QLatin1Char(' ') + error.message;
                }
                return forPart(error, i);
            }
            parts.append(part.value());
        }
        const qint64 now = tx.nowMs();
        qint64 groupId = 0;
        while (groupId == 0) {
            SqlRows inserted = tx.exec(QStringLiteral("INSERT INTO booking_groups (code, order_id, payer_id, "
                                                      "created_by, created_at) VALUES (?, ?, ?, CAST(? AS BIGINT), ?) "
                                                      "ON CONFLICT (code) DO NOTHING RETURNING id"),
                                       { newGroupCode(), orderId, parts.first().customerId,
                                         actor.userId > 0 ? QVariant(actor.userId) : QVariant(), now });
            if (inserted.next())
                groupId = inserted.value(0).toLongLong();
        }
        // Each part's payment row is its share of the one charge, under the part's own order id.
        for (int i = 0; i < parts.size(); ++i) {
            const Reservation& part = parts.at(i);
            const QString partOrder = orderId + QLatin1Char('/') + QString::number(i + 1);
            tx.exec(QStringLiteral("UPDATE reservations SET group_id = ?, order_id = ? WHERE id = ?"),
                    { groupId, partOrder, part.id });
            tx.exec(QStringLiteral("INSERT INTO payments (reservation_id, order_id, provider, method, amount, status, "
                                   "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)"),
                    { part.id, partOrder, gateway.provider(), method, part.amount, now, now });
        }
        return groupId;
    });
    if (!held.ok())
        return held.error();
    return get(held.value());
}

PaymentRequest GroupBookingService::paymentRequest(const BookingGroup& group, const QString& method,
                                                   const QString& paymentKey)
{
    PaymentRequest request;
    request.orderId = group.orderId;
    request.amount = group.total();
    request.orderName = tr("Group %1, %n site(s)", nullptr, int(group.parts.size())).arg(group.code);
    request.customerName = group.payerName;
    request.method = method;
    request.paymentKey = paymentKey;
    return request;
}

Status GroupBookingService::releaseAll(const BookingGroup& group, const QString& reason)
{
    return m_bookings.database().write([&](Transaction&) -> Status {
        for (const Reservation& part : group.parts) {
            if (Status released = m_bookings.releaseWithPayment(part.id, reason); !released.ok())
                return released;
        }
        return {};
    });
}

Result<BookingGroup> GroupBookingService::finishPayment(const Actor& actor, qint64 groupId, PaymentGateway& gateway,
                                                        const PaymentOutcome& outcome)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::System }); !allowed.ok())
        return allowed.error();
    Result<BookingGroup> group = get(groupId);
    if (!group.ok())
        return group;
    using S = PaymentOutcome::Status;
    PaymentOutcome answer = outcome;
    if (answer.status == S::Unknown) {
        // No answer in time: ask once more by order id. What stays unknown is cancelled, so that the group either
        // exists paid or does not exist (the reconciler knows the parts' order ids, not the group's).
        const PaymentOutcome found = gateway.lookup(group->orderId);
        if (found.status == S::Approved && found.amount == group->total()) {
            answer = found;
        } else if (found.status != S::NotFound) {
            PaymentCancelRequest undo { group->orderId, found.providerTxId, group->total(),
                                        QStringLiteral("no answer in time") };
            const PaymentOutcome undone = gateway.cancel(undo);
            answer.status = undone.approved() || undone.status == S::NotFound ? S::Failed : S::Unknown;
        } else {
            answer.status = S::Failed;
        }
        if (answer.status == S::Unknown) {
            (void)releaseAll(group.value(), QStringLiteral("payment result unknown"));
            // Left for a manager on the first part's payment row: the card company may hold the group's money.
            (void)m_bookings.database().write([&](Transaction& tx) -> Status {
                const qint64 payment = tx.scalar(QStringLiteral("SELECT id FROM payments WHERE order_id = ?"),
                                                 { group->parts.first().orderId })
                                           .toLongLong();
                if (payment > 0)
                    PaymentAttention::flag(tx, actor, payment, AttentionReason::PaidWithoutBooking,
                                           QStringLiteral("group %1: no answer, cancel failed").arg(group->code),
                                           group->total());
                return {};
            });
            return Error(ErrorCode::Payment,
                         tr("The card company did not answer, and the payment could not be cancelled. No site was "
                            "booked; staff will check group %1 with the card company.")
                             .arg(group->code));
        }
    }
    if (answer.approved()) {
        if (answer.amount != group->total()) {
            qCWarning(lcBooking) << "group" << group->code << "approved for" << answer.amount << "instead of"
                                 << group->total();
        }
        Status confirmed = m_bookings.database().write([&](Transaction& tx) -> Status {
            if (answer.amount != group->total())
                return Error(ErrorCode::Payment, tr("The amount paid does not match the group booking."));
            // The payer earns what one payment of the total earns (as a single booking earns on what was paid), each
            // part its share: cancelling a part takes back that share, cancelling the group all of it.
            // With points on extras switched off each part earns on its stay alone, as a single booking does (-1).
            const BookingRules rules = RuleSettings::load(tx);
            QList<qint64> amounts;
            for (const Reservation& part : group->parts)
                amounts.append(part.amount);
            const QList<qint64> points = rules.pointsOnExtras ? pointShares(rules.pointsFor(group->total()), amounts)
                                                              : QList<qint64>(amounts.size(), -1);
            for (int i = 0; i < group->parts.size(); ++i) {
                const Reservation& part = group->parts.at(i);
                PaymentOutcome share = answer;
                share.amount = part.amount;
                Result<Reservation> r = m_bookings.confirmPaid(actor, part.id, share, group->code, points.at(i));
                if (!r.ok())
                    return r.error();
            }
            tx.audit(actor, QStringLiteral("group.book"), group->code,
                     QStringLiteral("%1 site(s), %2 won").arg(group->parts.size()).arg(group->total()));
            return {};
        });
        if (confirmed.ok()) {
            qCInfo(lcBooking).noquote() << "group" << group->code << "confirmed:" << group->parts.size() << "site(s),"
                                        << group->total() << "won, by" << actor.name;
            return get(groupId);
        }
        // Money taken but the group cannot be saved: give it all back and book nothing.
        PaymentCancelRequest refund { group->orderId, answer.providerTxId, answer.amount,
                                      QStringLiteral("booking could not be saved") };
        const PaymentOutcome undone = gateway.cancel(refund);
        (void)releaseAll(group.value(), QStringLiteral("compensated"));
        if (!undone.approved()) {
            qCCritical(lcBooking) << "group payment" << group->orderId << "approved but neither booked nor cancelled";
            return Error(ErrorCode::Payment,
                         tr("The payment went through but the group booking could not be saved, and the payment "
                            "could not be cancelled automatically. Please ask the payment service to refund group "
                            "%1.")
                             .arg(group->code));
        }
        return Error(ErrorCode::Payment,
                     tr("The group booking could not be saved (%1), so the payment was cancelled and nothing was "
                        "charged.")
                         .arg(confirmed.error().message));
    }
    const QString why = answer.message.isEmpty() ? tr("The payment did not go through.") : answer.message;
    if (Status released = releaseAll(group.value(), QStringLiteral("payment failed: ") + why); !released.ok())
        return released.error();
    if (answer.status == S::Unavailable)
        return Error(ErrorCode::PaymentsBusy, why);
    return Error(ErrorCode::Payment, why + QLatin1Char(' ') + tr("Nothing was charged and no site was booked."));
}

Result<BookingGroup> GroupBookingService::book(const Actor& actor, const GroupRequest& request, PaymentGateway& gateway,
                                               const QString& method)
{
    Result<BookingGroup> held = hold(actor, request, gateway, method);
    if (!held.ok())
        return held;
    return finishPayment(actor, held->id, gateway,
                         BookingService::charge(gateway, paymentRequest(held.value(), method)));
}

Result<BookingGroup> GroupBookingService::get(qint64 groupId) const
{
    return m_bookings.database().read([&](SqlSession& s) -> Result<BookingGroup> {
        std::optional<BookingGroup> g = loadGroup(s, QStringLiteral("g.id = ?"), groupId);
        if (!g)
            return Error(ErrorCode::NotFound, tr("This group booking could not be found."));
        return *g;
    });
}

Result<BookingGroup> GroupBookingService::forReservation(qint64 reservationId) const
{
    return m_bookings.database().read([&](SqlSession& s) -> Result<BookingGroup> {
        std::optional<BookingGroup> g
            = loadGroup(s, QStringLiteral("g.id = (SELECT group_id FROM reservations WHERE id = ?)"), reservationId);
        if (!g)
            return Error(ErrorCode::NotFound, tr("This booking is not part of a group."));
        return *g;
    });
}

Result<Reservation> GroupBookingService::cancelPart(const Actor& actor, qint64 reservationId, const QString& reason)
{
    CancelRequest request;
    request.reservationId = reservationId;
    request.reason = reason;
    return m_bookings.cancel(actor, request);
}

Result<BookingGroup> GroupBookingService::cancelGroup(const Actor& actor, qint64 groupId, const QString& reason)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::System }); !allowed.ok())
        return allowed.error();
    Result<BookingGroup> group = get(groupId);
    if (!group.ok())
        return group;
    const QString why = reason.trimmed().isEmpty() ? QStringLiteral("group cancelled") : reason.trimmed();

    // What each confirmed part refunds by the rule, and the payment it comes from.
    struct Refund
    {
        CancelQuote quote;
        PaymentRecord payment;
        bool done = false;
    };
    QList<Refund> refunds;
    for (const Reservation& part : group->parts) {
        if (part.status != ReservationStatus::Confirmed)
            continue; // cancelled already, checked in or out: left as it is
        CancelRequest request;
        request.reservationId = part.id;
        Result<CancelQuote> quote = m_bookings.cancellationQuote(actor, request);
        if (!quote.ok())
            return quote.error();
        Result<std::optional<PaymentRecord>> paid
            = m_bookings.database().read([&](SqlSession& s) -> Result<std::optional<PaymentRecord>> {
                  SqlRows q = s.exec(QStringLiteral("SELECT ") + PaymentRecord::columns()
                                         + QStringLiteral(" FROM payments p WHERE p.order_id = ? AND "
                                                          "p.status = 'approved'"),
                                     { part.orderId });
                  if (q.next())
                      return std::optional<PaymentRecord>(PaymentRecord::fromRow(q));
                  q.finish();
                  // Another terminal cancelled this part since the group was read: the whole group is being
                  // cancelled there, and this desk is told so rather than that the money is missing.
                  if (s.scalar(QStringLiteral("SELECT status FROM reservations WHERE id = ?"), { part.id }).toString()
                      == reservationStatusKey(ReservationStatus::Cancelled))
                      return Error(ErrorCode::AlreadyDone,
                                   BookingService::tr("Booking %1 is already cancelled.").arg(part.code));
                  return std::optional<PaymentRecord>();
              });
        if (!paid.ok())
            return paid.error();
        if (!paid.value())
            return Error(ErrorCode::Conflict, tr("Booking %1 has no approved payment to refund.").arg(part.code));
        refunds.append({ quote.value(), *paid.value() });
    }
    if (refunds.isEmpty())
        return Error(ErrorCode::AlreadyDone, tr("Group %1 has no booking left to cancel.").arg(group->code));

    // The refunds are claimed together: a part another terminal is cancelling (or checking in) refuses the lot.
    Status claimed = m_bookings.database().write([&](Transaction&) -> Status {
        for (const Refund& r : refunds) {
            if (Status claim = m_bookings.claimRefund(r.quote.reservation.id, r.payment.id, r.quote.refund,
                                                      r.quote.reservation.version);
                !claim.ok())
                return claim;
        }
        return {};
    });
    if (!claimed.ok())
        return claimed.error();

    // Each part's share of the one payment goes back by its own rule, as a partial refund of its own.
    std::optional<Error> failed;
    for (Refund& r : refunds) {
        PaymentGateway* provider = m_bookings.gateway(r.payment.provider);
        PaymentOutcome outcome;
        outcome.status = PaymentOutcome::Status::Approved;
        if (r.quote.reservation.amount > 0) {
            if (!provider) {
                outcome.status = PaymentOutcome::Status::Unavailable;
                outcome.message = tr("This terminal cannot reach the payment provider %1.").arg(r.payment.provider);
            } else {
                PaymentCancelRequest refund { r.payment.orderId, r.payment.providerTxId, r.quote.refund, why };
                outcome = provider->cancel(refund);
            }
        }
        if (outcome.approved())
            r.done = true;
        else if (!failed)
            failed = m_bookings.refundNotDone(r.quote.reservation, r.payment.id, r.quote.refund, outcome);
        else
            (void)m_bookings.refundNotDone(r.quote.reservation, r.payment.id, r.quote.refund, outcome);
    }

    // The refunded parts are cancelled in one transaction, each by its own guard.
    int cancelled = 0;
    Status saved = m_bookings.database().write([&](Transaction& tx) -> Status {
        for (const Refund& r : refunds) {
            if (!r.done)
                continue;
            const QString details = StatusText::code(
                QStringLiteral("cancel.refund"),
                { r.quote.refund, r.quote.daysBefore, r.quote.refundPercent, r.quote.pointsShortfall, QString() });
            Result<Reservation> done
                = m_bookings.cancelPaid(actor, r.quote.reservation.id, r.quote.refund, why, details);
            if (done.ok())
                ++cancelled;
            else if (done.error().code != ErrorCode::AlreadyDone)
                qCWarning(lcBooking).noquote() << "group" << group->code << "part" << r.quote.reservation.code
                                               << "refunded but not cancelled here:" << done.error().message;
        }
        tx.audit(actor, QStringLiteral("group.cancel"), group->code,
                 QStringLiteral("%1 of %2 site(s) cancelled").arg(cancelled).arg(group->parts.size()));
        return {};
    });
    if (!saved.ok())
        return saved.error();
    if (failed)
        return *failed;
    return get(groupId);
}

} // namespace campdesk
