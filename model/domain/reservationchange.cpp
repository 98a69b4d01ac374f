#include "domain/reservationchange.h"

#include "core/logging.h"
#include "db/sqldates.h"
#include "domain/balanceservice.h"
#include "domain/bookingservice.h"
#include "domain/campsite.h"
#include "domain/guestdetails.h"
#include "domain/mileageservice.h"
#include "domain/notificationqueue.h"
#include "domain/paymentattention.h"
#include "domain/paymentgateway.h"
#include "domain/paymentrecord.h"
#include "domain/readmodel.h"
#include "domain/rulesettings.h"
#include "domain/statustext.h"

#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <algorithm>

namespace campdesk {

namespace {

const QString campsiteField = QStringLiteral("campsiteId");

std::optional<Reservation> loadReservation(SqlSession& s, qint64 id)
{
    SqlRows q = s.exec(QStringLiteral("SELECT ") + Reservation::columns() + Reservation::tables()
                           + QStringLiteral(" WHERE r.id = ?"),
                       { id });
    if (!q.next())
        return std::nullopt;
    return Reservation::fromRow(q);
}

std::optional<Campsite> loadCampsite(SqlSession& s, qint64 id)
{
    SqlRows q = s.exec(QStringLiteral("SELECT ") + Campsite::columns() + QStringLiteral(" FROM campsites WHERE id = ?"),
                       { id });
    if (!q.next())
        return std::nullopt;
    return Campsite::fromRow(q);
}

std::optional<PaymentRecord> approvedPayment(SqlSession& s, const QString& orderId)
{
    SqlRows q = s.exec(QStringLiteral("SELECT ") + PaymentRecord::columns()
                           + QStringLiteral(" FROM payments p WHERE p.order_id = ? AND p.status = 'approved'"),
                       { orderId });
    if (!q.next())
        return std::nullopt;
    return PaymentRecord::fromRow(q);
}

// A checked-in stay whose party changed is priced in parts: its per-night fee lines (extra adults, extra children,
// vehicles) then say from which night they apply (`night`: none = from the check-in; a later night = the party from
// that night on, written by a change). A part runs to the next one of any kind, or to the check-out; a party with
// no fee of a kind writes a zero line of that kind to end the part before it. In a part, the lines of a kind cover
// its nights in the order written, the same persons (or vehicles) each night.
struct FeePart
{
    QDate from;
    QDate until;
    int nights() const { return int(from.daysTo(until)); }
};

QList<FeePart> feeParts(const QList<StayLine>& fees, const Reservation& r)
{
    QList<QDate> starts { r.checkIn };
    for (const StayLine& line : fees) {
        if (line.night.isValid() && line.night > r.checkIn && line.night < r.checkOut && !starts.contains(line.night))
            starts.append(line.night);
    }
    std::sort(starts.begin(), starts.end());
    QList<FeePart> parts;
    for (int i = 0; i < starts.size(); ++i)
        parts.append({ starts.at(i), i + 1 < starts.size() ? starts.at(i + 1) : r.checkOut });
    return parts;
}

QDate partOf(const StayLine& line, const Reservation& r)
{
    return line.night.isValid() && line.night > r.checkIn ? line.night : r.checkIn;
}

QList<StayLine> storedFeeLines(SqlSession& s, qint64 reservationId)
{
    QList<StayLine> fees;
    SqlRows q = s.exec(QStringLiteral("SELECT kind, night, label_code, quantity, unit_price, amount FROM "
                                      "reservation_lines WHERE reservation_id = ? AND kind IN ('extra_adult', "
                                      "'extra_child', 'vehicle') ORDER BY id"),
                       { reservationId });
    while (q.next())
        fees.append(StayLine::fromStored(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                                         q.value(3).toInt(), q.value(4).toLongLong(), q.value(5).toLongLong()));
    return fees;
}

// Persons (or vehicles) of `kind` a night in `part`; -1 when the lines are not per night as this reading knows them.
int perNight(const QList<StayLine>& fees, const QString& kind, const FeePart& part, const Reservation& r)
{
    int total = 0;
    for (const StayLine& line : fees)
        total += line.kind == kind && partOf(line, r) == part.from ? line.quantity : 0;
    if (part.nights() <= 0 || total % part.nights() != 0)
        return -1;
    return total / part.nights();
}

// The party a booking was priced for, as it has it now: children and vehicles are not columns of their own but are
// in its priced lines (extra children and vehicles per night; the last part's, see FeePart) and its plates.
// children = the extra children per night prices the same stay the same (adults fill the base count first);
// vehicles = the extra ones plus those the site includes, or at least one per plate. A booking without lines (before
// migration 19) has neither.
struct Party
{
    int children = 0;
    int vehicles = 0;
};

Party partyOf(SqlSession& s, const Reservation& r, const RateTables& oldRates, const Campsite& oldSite)
{
    Party party;
    const QList<StayLine> fees = storedFeeLines(s, r.id);
    const QList<FeePart> parts = feeParts(fees, r);
    if (!parts.isEmpty()) {
        const FeePart& last = parts.last();
        party.children = std::max(0, perNight(fees, QStringLiteral("extra_child"), last, r));
        const int vehicles = perNight(fees, QStringLiteral("vehicle"), last, r);
        if (vehicles > 0)
            party.vehicles = vehicles + oldRates.feesFor(oldSite).includedVehicles;
    }
    const int plates
        = s.scalar(QStringLiteral("SELECT count(*) FROM reservation_plates WHERE reservation_id = ?"), { r.id })
              .toInt();
    party.vehicles = std::max(party.vehicles, plates);
    return party;
}

// The new lines of a checked-in stay whose end moves or whose party changes: the nights it keeps stay at the price
// they were sold at (their stored night lines), and so do the per-night fees (extra persons, vehicles) of the nights
// before `feesFrom`; the fees from `feesFrom` on are `restFees` (priced by today's rules), and nights added are
// `added`'s night lines. The same party: feesFrom is the end of the nights kept and restFees the added nights' fees;
// a changed party: feesFrom is today (nights already stayed keep their fees) and restFees the new party's fees for
// the rest of the stay. Nights given up leave with their own price. nullopt when the booking has no stored night
// lines (before migration 19): then the whole stay is priced by today's rules.
std::optional<QList<StayLine>> inHouseLines(SqlSession& s, const Reservation& r, const QDate& newCheckOut,
                                            const QDate& feesFrom, bool newParty, const QList<StayLine>& restFees,
                                            const QList<StayLine>& added)
{
    const QDate keptUntil = std::min(r.checkOut, newCheckOut);
    const int keptNights = int(r.checkIn.daysTo(keptUntil));
    const int feeNights = int(std::clamp<qint64>(r.checkIn.daysTo(feesFrom), 0, keptNights));
    QList<StayLine> nights;
    SqlRows q = s.exec(QStringLiteral("SELECT kind, night, label_code, quantity, unit_price, amount FROM "
                                      "reservation_lines WHERE reservation_id = ? AND kind = 'night' ORDER BY id"),
                       { r.id });
    while (q.next()) {
        StayLine line = StayLine::fromStored(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                                             q.value(3).toInt(), q.value(4).toLongLong(), q.value(5).toLongLong());
        if (line.night.isValid() && line.night < keptUntil)
            nights.append(line);
    }
    q.finish();
    if (nights.size() != keptNights)
        return std::nullopt;
    const QList<StayLine> stored = storedFeeLines(s, r.id);
    const QList<FeePart> parts = feeParts(stored, r);
    const QDate feesUntil = r.checkIn.addDays(feeNights);
    QList<StayLine> fees;
    // Per part and kind: persons (or vehicles) a night x the part's nights before feesUntil, taken from its lines in
    // the order written (a stay extended before has its later nights' line after the earlier ones).
    for (const FeePart& part : parts) {
        const int kept = int(std::max<qint64>(0, part.from.daysTo(std::min(part.until, feesUntil))));
        for (const QString kind :
             { QStringLiteral("extra_adult"), QStringLiteral("extra_child"), QStringLiteral("vehicle") }) {
            const int each = perNight(stored, kind, part, r);
            if (each < 0)
                return std::nullopt;
            int left = each * kept;
            for (StayLine line : stored) {
                if (line.kind != kind || partOf(line, r) != part.from || left <= 0)
                    continue;
                line.quantity = std::min(line.quantity, left);
                line.amount = line.unitPrice * line.quantity;
                left -= line.quantity;
                fees.append(line);
            }
        }
    }
    // The fees from feesUntil on: with a new party, a new part (its first night on each line; a zero line when it has
    // no fee at all, so the part before still ends there); else more nights of the last part kept.
    QDate restPart;
    if (newParty)
        restPart = feesUntil > r.checkIn ? feesUntil : QDate();
    else if (!parts.isEmpty() && parts.last().from > r.checkIn && parts.last().from < feesUntil)
        restPart = parts.last().from;
    for (const StayLine& line : added) {
        if (line.kind == QLatin1String("night"))
            nights.append(line);
    }
    bool restHasFees = false;
    for (StayLine line : restFees) {
        if (line.kind == QLatin1String("night"))
            continue;
        line.night = restPart;
        fees.append(line);
        restHasFees = true;
    }
    if (newParty && restPart.isValid() && !restHasFees) {
        StayLine marker;
        marker.kind = QStringLiteral("extra_adult");
        marker.night = restPart;
        marker.quantity = 0;
        fees.append(marker);
    }
    // Fee lines of one kind and price as one line (kept and added nights at an unchanged price), in the order a
    // priced stay has them.
    QList<StayLine> merged;
    for (const QString kind :
         { QStringLiteral("extra_adult"), QStringLiteral("extra_child"), QStringLiteral("vehicle") }) {
        for (const StayLine& line : fees) {
            if (line.kind != kind)
                continue;
            auto same = std::find_if(merged.begin(), merged.end(), [&](const StayLine& m) {
                return m.kind == line.kind && m.unitPrice == line.unitPrice && m.night == line.night;
            });
            if (same == merged.end()) {
                merged.append(line);
            } else {
                same->quantity += line.quantity;
                same->amount += line.amount;
            }
        }
    }
    return nights + merged;
}

QJsonObject describeStay(const Reservation& r)
{
    return { { QStringLiteral("campsiteId"), r.campsiteId },
             { QStringLiteral("campsiteCode"), r.campsiteCode },
             { QStringLiteral("checkIn"), sqlDate(r.checkIn) },
             { QStringLiteral("checkOut"), sqlDate(r.checkOut) },
             { QStringLiteral("guests"), r.guests },
             { QStringLiteral("amount"), r.amount } };
}

Error changedElsewhere(const QString& code)
{
    return Error(
        ErrorCode::AlreadyDone,
        ReservationChangeService::tr("Booking %1 was changed on another terminal; please look at it again.").arg(code));
}

} // namespace

ReservationChangeService::ReservationChangeService(BookingService& booking)
    : m_booking(booking)
    , m_db(booking.database())
{
}

Result<ChangeParty> ReservationChangeService::currentParty(const Actor& actor, qint64 reservationId) const
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::System }); !allowed.ok())
        return allowed.error();
    return m_db.read([&](SqlSession& s) -> Result<ChangeParty> {
        const std::optional<Reservation> r = loadReservation(s, reservationId);
        if (!r || !r->isReal())
            return Error(ErrorCode::NotFound, tr("This booking could not be found."));
        const std::optional<Campsite> site = loadCampsite(s, r->campsiteId);
        if (!site)
            return ChangeParty();
        const Party party = partyOf(s, *r, RateTables::load(s, r->checkIn, r->checkOut), *site);
        return ChangeParty { party.children, party.vehicles };
    });
}

Result<ChangeQuote> ReservationChangeService::quoteChange(const Actor& actor, const ChangeRequest& request) const
{
    return m_db.read([&](SqlSession& s) { return quote(s, actor, request); });
}

Result<ChangeQuote> ReservationChangeService::quote(SqlSession& s, const Actor& actor,
                                                    const ChangeRequest& request) const
{
    // Never the kiosk: a change moves money at the desk and may move a guest to another site.
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::System }); !allowed.ok())
        return allowed.error();
    if (!request.checkIn.isValid() || !request.checkOut.isValid())
        return invalidInput(tr("Choose the check-in and check-out dates."), QStringLiteral("checkIn"));
    if (request.checkOut <= request.checkIn)
        return invalidInput(tr("Check-out must be at least one night after check-in."), QStringLiteral("checkOut"));
    if (request.checkIn.daysTo(request.checkOut) > maxStayNights)
        return invalidInput(tr("A booking can be at most %n night(s).", nullptr, maxStayNights),
                            QStringLiteral("checkOut"));
    if (request.guests < 1)
        return invalidInput(tr("A booking needs at least one guest."), QStringLiteral("guests"));
    if (request.campsiteId <= 0)
        return invalidInput(tr("Choose a campsite."), campsiteField);

    const std::optional<Reservation> r = loadReservation(s, request.reservationId);
    if (!r || !r->isReal())
        return Error(ErrorCode::NotFound, tr("This booking could not be found."));
    // Another desk changed, cancelled or checked it in since this one looked: its answer stands.
    if (request.expectedVersion > 0 && r->version != request.expectedVersion)
        return changedElsewhere(r->code);
    const QDate today = m_db.clock().today();
    const bool checkedIn = r->status == ReservationStatus::CheckedIn;
    if (r->status != ReservationStatus::Confirmed && !checkedIn)
        return invalidInput(
            tr("Booking %1 is %2 and cannot be changed.").arg(r->code, reservationStatusName(r->status)));
    if (checkedIn) {
        // The nights already spent stay where they were: only the end of the stay moves.
        if (request.campsiteId != r->campsiteId)
            return invalidInput(tr("A guest who has checked in cannot be moved to another site here; change the "
                                   "end of the stay only."),
                                campsiteField);
        if (request.checkIn != r->checkIn)
            return invalidInput(tr("The guest has checked in: the check-in date cannot change."),
                                QStringLiteral("checkIn"));
        if (request.checkOut <= today)
            return invalidInput(tr("Check-out must be after today; a guest leaving today checks out."),
                                QStringLiteral("checkOut"));
    } else if (request.checkIn < today) {
        return invalidInput(tr("Check-in cannot be in the past."), QStringLiteral("checkIn"));
    }
    const std::optional<Campsite> site = loadCampsite(s, request.campsiteId);
    if (!site)
        return Error(ErrorCode::NotFound, tr("This campsite does not exist."), campsiteField);
    const std::optional<Campsite> oldSite = site->id == r->campsiteId ? site : loadCampsite(s, r->campsiteId);
    const Party was = oldSite ? partyOf(s, *r, RateTables::load(s, r->checkIn, r->checkOut), *oldSite) : Party();
    // Not given: as they were; fewer guests than that leaves at least one adult.
    const int children = request.children.value_or(std::min(was.children, std::max(0, request.guests - 1)));
    const int vehicles = request.vehicles.value_or(was.vehicles);
    if (request.campsiteId == r->campsiteId && request.checkIn == r->checkIn && request.checkOut == r->checkOut
        && request.guests == r->guests && children == was.children && vehicles == was.vehicles)
        return invalidInput(tr("Nothing was changed."));
    if (site->id != r->campsiteId && site->status != CampsiteStatus::Active)
        return invalidInput(
            tr("Campsite %1 cannot be booked now (%2).").arg(site->code, campsiteStatusName(site->status)),
            campsiteField);
    if (request.guests > site->maxGuests)
        return invalidInput(tr("Campsite %1 takes at most %n guest(s).", nullptr, site->maxGuests).arg(site->code),
                            QStringLiteral("guests"));
    if (site->id != r->campsiteId) {
        // The guest's RV, caravan or trailer must fit the new site (migration 20), as the guest details require.
        SqlRows fit = s.exec(QStringLiteral("SELECT r.equipment_length_dm, c.max_equipment_length_dm FROM reservations "
                                            "r, campsites c WHERE r.id = ? AND c.id = ?"),
                             { r->id, site->id });
        if (fit.next() && !fit.value(0).isNull() && !fit.value(1).isNull()
            && fit.value(0).toInt() > fit.value(1).toInt())
            return invalidInput(tr("The guest's equipment (%1) is longer than campsite %2 takes (%3).")
                                    .arg(GuestDetails::lengthText(fit.value(0).toInt()), site->code,
                                         GuestDetails::lengthText(fit.value(1).toInt())),
                                campsiteField);
    }
    // Closed dates and minimum stays refuse a change as they refuse a new booking (on the dates' field).
    const RateTables rates = RateTables::load(s, request.checkIn, request.checkOut);
    if (Status open = rates.checkStay(request.checkIn, request.checkOut); !open.ok())
        return open.error();

    ChangeQuote q;
    q.reservation = *r;
    q.sameSite = site->id == r->campsiteId;
    q.nightsChanged = !q.sameSite || request.checkIn != r->checkIn || request.checkOut != r->checkOut;
    q.oldPrice = r->price();
    q.newNights = int(request.checkIn.daysTo(request.checkOut));
    q.children = children;
    q.vehicles = vehicles;
    // The whole new stay priced by the one pricing function, as a new booking is (a checked-in stay too: its
    // spent nights are the same site and dates).
    const Result<StayPrice> priced
        = rates.price(*site, request.checkIn, request.checkOut, request.guests, children, vehicles);
    if (!priced.ok())
        return priced.error();
    // Extras stay as booked (their stock taken, consumed marks and names go with them), so the new price
    // includes them as they are; only the stay's own lines are priced again.
    const qint64 extras = s.scalar(QStringLiteral("SELECT COALESCE(SUM(amount), 0) FROM reservation_lines WHERE "
                                                  "reservation_id = ? AND kind = 'extra'"),
                                   { r->id })
                              .toLongLong();
    q.newPrice = priced->total + extras;
    q.lines = priced->lines;
    if (checkedIn) {
        // In house: what was sold stays sold at its price; only added nights are priced now.
        QList<StayLine> added;
        if (request.checkOut > r->checkOut) {
            const Result<StayPrice> more
                = rates.price(*site, r->checkOut, request.checkOut, request.guests, children, vehicles);
            if (!more.ok())
                return more.error();
            added = more->lines;
        }
        const bool sameParty = request.guests == r->guests && children == was.children && vehicles == was.vehicles;
        // A changed party pays its fees from today: the nights already stayed keep the fees they were sold with.
        QDate feesFrom = std::min(r->checkOut, request.checkOut);
        QList<StayLine> restFees = added;
        if (!sameParty) {
            feesFrom = std::clamp(today, r->checkIn, feesFrom);
            const Result<StayPrice> rest
                = rates.price(*site, feesFrom, request.checkOut, request.guests, children, vehicles);
            if (!rest.ok())
                return rest.error();
            restFees = rest->lines;
        }
        if (const std::optional<QList<StayLine>> lines
            = inHouseLines(s, *r, request.checkOut, feesFrom, !sameParty, restFees, added)) {
            q.lines = *lines;
            q.newPrice = extras;
            for (const StayLine& line : q.lines)
                q.newPrice += line.amount;
        }
    }
    if (q.newPrice < r->pointsUsed)
        return invalidInput(tr("The new stay costs %1 won, less than the %2 points used for it. Cancel the booking "
                               "instead.")
                                .arg(q.newPrice)
                                .arg(r->pointsUsed));
    const qint64 due = q.newPrice - r->pointsUsed; // money the new stay costs
    // A deposit booking (balance still due): a dearer or cheaper stay moves the balance taken at check-in; only
    // a stay now cheaper than the deposit paid refunds, as any other price drop.
    const bool owesBalance = r->balanceDue > 0;
    q.extra = owesBalance ? 0 : std::max<qint64>(0, due - r->amount);
    q.priceDrop = std::max<qint64>(0, r->amount - due);
    q.newAmount = r->amount + q.extra;
    q.newBalanceDue = owesBalance ? std::max<qint64>(0, due - r->amount) : 0;
    if (q.priceDrop > 0) {
        // The cancellation rule, counted to the first night given up (or to the stay, when no night is dropped).
        QDate firstDropped;
        for (QDate night = r->checkIn; night < r->checkOut; night = night.addDays(1)) {
            if (!q.sameSite || night < request.checkIn || night >= request.checkOut) {
                firstDropped = night;
                break;
            }
        }
        q.daysBefore = int(today.daysTo(firstDropped.isValid() ? firstDropped : request.checkIn));
        q.refundPercent = RuleSettings::load(s).refundPercent(q.daysBefore);
        q.refund = q.priceDrop * q.refundPercent / 100;
        if (request.refundOverride) {
            if (*request.refundOverride < 0 || *request.refundOverride > q.priceDrop)
                return invalidInput(tr("The refund must be between 0 and %1 won.").arg(q.priceDrop),
                                    QStringLiteral("refundOverride"));
            if (request.reason.trimmed().isEmpty())
                return invalidInput(tr("Give a reason for changing the refund."), QStringLiteral("reason"));
            q.refund = *request.refundOverride;
        }
        q.newAmount = r->amount - q.refund;
    }
    if (q.extra > 0 || q.refund > 0) {
        const std::optional<PaymentRecord> payment = approvedPayment(s, r->orderId);
        if (!payment)
            return Error(ErrorCode::Conflict, tr("Booking %1 has no approved payment.").arg(r->code));
        if (payment->provider != QLatin1String("desk")) {
            // A card payment through a payment service: a refund goes back through the same provider (a partial
            // cancel); a dearer stay is charged to it as a second payment of the booking (change()).
            if (!m_booking.gateway(payment->provider))
                return Error(ErrorCode::Unavailable,
                             q.extra > 0 ? tr("Booking %1 was paid through %2, which this terminal cannot charge. "
                                              "Change it at the front desk.")
                                               .arg(r->code, payment->provider)
                                         : tr("Booking %1 was paid through %2, which this terminal cannot refund. "
                                              "Change it at the front desk.")
                                               .arg(r->code, payment->provider));
            if (q.extra > 0) {
                q.chargeProvider = payment->provider;
            } else {
                q.refundProvider = payment->provider;
                // After a dearer change the money is in two payments; a refund goes back through the booking's own
                // one only, so never more than that one still holds.
                const qint64 left = payment->amount
                    - s.scalar(QStringLiteral("SELECT COALESCE(sum(refund_amount), 0) FROM payments WHERE "
                                              "refund_of = ?"),
                               { payment->id })
                          .toLongLong();
                if (q.refund > left)
                    return invalidInput(tr("Booking %1 was paid in two card payments (the booking and an earlier "
                                           "change). A refund of %2 won is more than the first one can give back "
                                           "(%3 won); give back at most that (staff override), or ask a manager.")
                                            .arg(r->code, QLocale().toString(q.refund), QLocale().toString(left)),
                                        QStringLiteral("refundOverride"));
            }
        } else if (request.method != QLatin1String("cash") && request.method != QLatin1String("desk_card"))
            return invalidInput(tr("Choose how the difference is settled: cash or the desk's card machine."),
                                QStringLiteral("method"));
    }
    return q;
}

Result<Reservation> ReservationChangeService::change(const Actor& actor, const ChangeRequest& request,
                                                     ChangeSettlement* settlement)
{
    // A dearer change of a card-paid booking: its charge is prepared (a pending payment) and asked first.
    Result<std::optional<PendingCharge>> prepared = prepareCharge(actor, request);
    if (!prepared.ok())
        return prepared.error();
    if (prepared->has_value())
        return chargeAndApply(actor, request, *prepared.value(), settlement);
    return apply(actor, request, settlement, nullptr, QString());
}

Result<std::optional<ReservationChangeService::PendingCharge>>
ReservationChangeService::prepareCharge(const Actor& actor, const ChangeRequest& request)
{
    using Prepared = std::optional<PendingCharge>;
    // Most changes charge nothing through a payment service: a read tells, and apply() does all of those (and says
    // what is wrong with a request that cannot be quoted).
    Result<ChangeQuote> looked = quoteChange(actor, request);
    if (!looked.ok() || looked->extra <= 0 || looked->chargeProvider.isEmpty())
        return Prepared();
    return m_db.write([&](Transaction& tx) -> Result<Prepared> {
        lockReservation(tx, request.reservationId);
        Result<ChangeQuote> quoted = quote(tx, actor, request);
        if (!quoted.ok())
            return quoted.error();
        const ChangeQuote& q = quoted.value();
        const Reservation& r = q.reservation;
        if (q.extra <= 0 || q.chargeProvider.isEmpty())
            return Prepared(); // changed meanwhile: nothing to charge now, apply() decides
        if (tx.scalar(QStringLiteral("SELECT count(*) FROM payments WHERE reservation_id = ? AND status = 'approved' "
                                     "AND refund_requested IS NOT NULL"),
                      { r.id })
                .toLongLong()
            > 0)
            return Error(ErrorCode::AlreadyDone,
                         tr("Booking %1 has a refund in progress; change it once that is done.").arg(r.code));
        // The guard of the charge: one payment of a booking in progress at a time (another desk's change, a balance).
        if (tx.scalar(QStringLiteral("SELECT count(*) FROM payments WHERE reservation_id = ? AND status = 'pending'"),
                      { r.id })
                .toLongLong()
            > 0)
            return Error(ErrorCode::AlreadyDone,
                         tr("A payment for booking %1 is already in progress on another terminal; please look at the "
                            "booking again in a moment.")
                             .arg(r.code));
        const qint64 attempt
            = tx.scalar(QStringLiteral("SELECT count(*) FROM payments WHERE reservation_id = ?"), { r.id })
                  .toLongLong();
        PendingCharge charge;
        charge.version = r.version;
        charge.provider = q.chargeProvider;
        charge.request.orderId = r.orderId + QStringLiteral("-chg") + QString::number(attempt);
        charge.request.amount = q.extra;
        charge.request.orderName = tr("Change of booking %1").arg(r.code);
        charge.request.customerName = r.customerName;
        charge.request.method = QStringLiteral("card");
        const qint64 now = tx.nowMs();
        SqlRows inserted = tx.exec(
            QStringLiteral("INSERT INTO payments (reservation_id, order_id, provider, method, amount, status, "
                           "created_at, updated_at, taken_by) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?) RETURNING id"),
            { r.id, charge.request.orderId, charge.provider, charge.request.method, q.extra, now, now,
              PaymentRecord::staffOf(actor) });
        if (!inserted.next())
            return Error(ErrorCode::Database, tr("The payment for the change could not be recorded."));
        charge.paymentId = inserted.value(0).toLongLong();
        return Prepared(charge);
    });
}

Result<Reservation> ReservationChangeService::chargeAndApply(const Actor& actor, const ChangeRequest& request,
                                                             const PendingCharge& charge, ChangeSettlement* settlement)
{
    const QString methodField = QStringLiteral("method");
    const QString won = QLocale().toString(charge.request.amount);
    BalanceService payments(m_booking);
    PaymentGateway* gateway = m_booking.gateway(charge.provider);
    if (!gateway) {
        payments.markFailed(charge.paymentId, QStringLiteral("payment service not set up on this terminal"));
        return Error(ErrorCode::Unavailable,
                     tr("This terminal cannot reach the payment service %1.").arg(charge.provider), methodField);
    }
    // Outside any transaction: the card company may take its time.
    const PaymentOutcome outcome = gateway->confirm(charge.request);
    using S = PaymentOutcome::Status;
    switch (outcome.status) {
    case S::Approved:
        break;
    case S::Unknown:
        // Perhaps taken: the payment stays pending, so nothing else moves this booking's money; the reconciler looks
        // it up and gives it back if it was taken (the booking stays as it was).
        qCWarning(lcBooking).noquote() << "change charge" << charge.request.orderId << "unanswered: left pending";
        return Error(ErrorCode::PaymentPending,
                     tr("The payment service did not answer, so it is not known whether %1 won was taken from the "
                        "guest's card. The booking is unchanged; if the charge went through, it is given back "
                        "automatically. Do not charge it again: try the change in a few minutes.")
                         .arg(won),
                     methodField);
    case S::Unavailable:
        payments.markFailed(charge.paymentId, QStringLiteral("payment unavailable"));
        return Error(
            ErrorCode::PaymentsBusy,
            (outcome.message.isEmpty() ? tr("Payments are busy right now. Please try again shortly.") : outcome.message)
                + QLatin1Char(' ') + tr("The booking is unchanged."),
            methodField);
    case S::Declined:
    case S::Failed:
    case S::NotFound:
    case S::Cancelled: {
        const QString why = outcome.message.isEmpty() ? tr("The payment did not go through.") : outcome.message;
        payments.markFailed(charge.paymentId, QStringLiteral("payment failed: ") + why);
        return Error(ErrorCode::Payment,
                     tr("The card was not charged %1 won: %2 The booking is unchanged.").arg(won, why), methodField);
    }
    }
    Result<Reservation> done = outcome.amount == charge.request.amount
        ? [&] {
              ChangeRequest pinned = request;
              pinned.expectedVersion = charge.version; // as it was when the charge was prepared
              return apply(actor, pinned, settlement, &charge, outcome.providerTxId);
          }()
        : Result<Reservation>(Error(ErrorCode::Payment,
                                    tr("The amount charged does not match the difference (%1 won).").arg(won),
                                    methodField));
    if (done.ok())
        return done;
    // Taken, but the change cannot be made now (its nights taken meanwhile, the booking changed, cancelled or checked
    // in): the money goes back at once, as after a failed confirmation.
    Result<QString> status = m_db.read([&](SqlSession& s) -> Result<QString> {
        return s.scalar(QStringLiteral("SELECT status FROM payments WHERE id = ?"), { charge.paymentId }).toString();
    });
    bool undone = true;
    if (status.ok() && status.value() == QLatin1String("pending"))
        undone = payments.giveBack(actor, request.reservationId, charge.paymentId, *gateway, charge.request.orderId,
                                   outcome, QStringLiteral("the change could not be made"));
    // (Not pending: the reconciler found it and gave it back meanwhile.)
    Error error = done.error();
    error.message += QLatin1Char(' ')
        + (undone ? tr("The %1 won charged to the card was given back.").arg(won)
                  : tr("The %1 won charged to the card could not be given back automatically; it is listed under "
                       "payments that need attention.")
                        .arg(won));
    return error;
}

Result<Reservation> ReservationChangeService::apply(const Actor& actor, const ChangeRequest& request,
                                                    ChangeSettlement* settlement, const PendingCharge* charge,
                                                    const QString& providerTxId)
{
    // A refund through the payment service, claimed by the change's transaction and asked after it commits.
    struct Claim
    {
        qint64 paymentId = 0;
        qint64 refund = 0;
        QString orderId;
        QString providerTxId;
        QString provider;
        QString key;
    };
    std::optional<Claim> claim;
    Result<Reservation> result = m_db.write([&](Transaction& tx) -> Result<Reservation> {
        claim.reset();
        // Locked first (PostgreSQL), as a cancel's refund claim and a check-in lock it: whichever commits first is
        // seen by the other. SQLite's BEGIN IMMEDIATE already serialises writers.
        lockReservation(tx, request.reservationId);
        Result<ChangeQuote> quoted = quote(tx, actor, request);
        if (!quoted.ok())
            return quoted.error();
        const ChangeQuote& q = quoted.value();
        const Reservation& before = q.reservation;
        // A dearer change of a card-paid booking is charged first (prepareCharge): without its approved charge, or
        // for another difference than was charged, nothing changes.
        if (charge ? q.extra != charge->request.amount || q.chargeProvider != charge->provider
                   : q.extra > 0 && !q.chargeProvider.isEmpty())
            return changedElsewhere(before.code);
        // Another payment of this booking in progress (a change's charge, a balance): its terminal finishes first.
        if (tx.scalar(QStringLiteral("SELECT count(*) FROM payments WHERE reservation_id = ? AND status = 'pending' "
                                     "AND id <> ?"),
                      { before.id, charge ? charge->paymentId : 0 })
                .toLongLong()
            > 0)
            return Error(ErrorCode::AlreadyDone,
                         tr("A payment for booking %1 is already in progress on another terminal; please look at the "
                            "booking again in a moment.")
                             .arg(before.code));
        // A refund claimed by a cancel in progress: the booking is on its way out.
        if (tx.scalar(QStringLiteral("SELECT count(*) FROM payments WHERE reservation_id = ? AND status = 'approved' "
                                     "AND refund_requested IS NOT NULL"),
                      { before.id })
                .toLongLong()
            > 0)
            return Error(ErrorCode::AlreadyDone,
                         tr("Booking %1 is already being cancelled: its refund is in progress.").arg(before.code));

        // The guard: from the status and version read above. Of two terminals changing the same booking at once,
        // the second finds the version moved and changes nothing.
        const qint64 now = tx.nowMs();
        SqlRows guarded = tx.exec(
            QStringLiteral("UPDATE reservations SET campsite_id = ?, check_in = ?, check_out = ?, guests = ?, "
                           "amount = ?, balance_due = ?, updated_at = ?, version = version + 1 WHERE id = ? AND "
                           "status = ? AND version = ? RETURNING id"),
            { request.campsiteId, sqlDate(request.checkIn), sqlDate(request.checkOut), request.guests, q.newAmount,
              q.newBalanceDue, now, before.id, reservationStatusKey(before.status), before.version });
        if (!guarded.next())
            return changedElsewhere(before.code);
        guarded.finish();

        if (q.nightsChanged) {
            // The nights given up and the new ones, in this one transaction: no other transaction sees both sets
            // free or both held. A checked-in stay keeps the nights before today.
            const QDate keepBefore
                = before.status == ReservationStatus::CheckedIn ? m_db.clock().today() : before.checkIn;
            tx.exec(QStringLiteral("DELETE FROM reservation_nights WHERE reservation_id = ? AND night >= ?"),
                    { before.id, sqlDate(keepBefore) });
            // A confirmed booking gives up all its nights (it may start earlier than before); a checked-in stay
            // only those from today.
            const QDate from = before.status == ReservationStatus::CheckedIn ? std::max(request.checkIn, keepBefore)
                                                                             : request.checkIn;
            // Someone else's night in the way is the usual lost race: answered cleanly before the insert.
            if (tx.scalar(QStringLiteral("SELECT count(*) FROM reservation_nights WHERE campsite_id = ? AND night >= ? "
                                         "AND night < ?"),
                          { request.campsiteId, sqlDate(from), sqlDate(request.checkOut) })
                    .toLongLong()
                > 0)
                return Error(ErrorCode::SiteTaken, QString(), campsiteField);
            try {
                QString sql = QStringLiteral("INSERT INTO reservation_nights (campsite_id, night, reservation_id) "
                                             "VALUES (?, ?, ?)");
                QVariantList values { request.campsiteId, sqlDate(from), before.id };
                for (QDate night = from.addDays(1); night < request.checkOut; night = night.addDays(1)) {
                    sql += QStringLiteral(", (?, ?, ?)");
                    values << request.campsiteId << sqlDate(night) << before.id;
                }
                tx.exec(sql, values);
            } catch (const DbError& error) {
                if (error.kind() != DbError::Kind::Unique)
                    throw;
                // Another terminal committed one of these nights after our check (PostgreSQL): all rolled back.
                return Error(ErrorCode::SiteTaken, QString(), campsiteField);
            }
        }

        // The booking's priced lines become the new stay's, so they add up to its new amount (InvariantsChecker):
        // the priced lines, the points used, and what was kept of a cheaper stay (the part not refunded). A booking
        // from before migration 19 had none and gets them here.
        {
            QList<StayLine> lines = q.lines;
            if (before.pointsUsed > 0)
                lines.append({ QStringLiteral("points"), QDate(), QString(), QString(), 1, -before.pointsUsed,
                               -before.pointsUsed });
            const qint64 kept = q.newAmount + q.newBalanceDue - (q.newPrice - before.pointsUsed);
            if (kept != 0)
                lines.append({ QStringLiteral("retained"), QDate(), QString(), QString(), 1, kept, kept });
            tx.exec(QStringLiteral("DELETE FROM reservation_lines WHERE reservation_id = ? AND kind <> 'extra'"),
                    { before.id });
            QString sql = QStringLiteral("INSERT INTO reservation_lines (reservation_id, kind, night, label_code, "
                                         "quantity, unit_price, amount) VALUES ");
            QVariantList values;
            for (const StayLine& line : lines) {
                sql += values.isEmpty() ? QStringLiteral("(?, ?, ?, ?, ?, ?, ?)")
                                        : QStringLiteral(", (?, ?, ?, ?, ?, ?, ?)");
                values << before.id << line.kind << (line.night.isValid() ? QVariant(sqlDate(line.night)) : QVariant())
                       << line.labelCode() << line.quantity << line.unitPrice << line.amount;
            }
            tx.exec(sql, values);
        }

        // The difference, settled at the desk: the payment row is the desk's only record, so it follows the money.
        // The day's figures count it on the payment's day, as a rebuild does from the payment row.
        DailyDelta paidDay;
        const std::optional<PaymentRecord> payment = approvedPayment(tx, before.orderId);
        DailyDelta chargedDay;
        if (charge) {
            // The second payment, approved now (guarded: still pending, for exactly the difference); the day's revenue
            // counts it today, as a rebuild does from its approved_at.
            SqlRows approved = tx.exec(
                QStringLiteral("UPDATE payments SET status = 'approved', provider_tx_id = ?, approved_at = ?, "
                               "updated_at = ? WHERE id = ? AND reservation_id = ? AND status = 'pending' AND amount "
                               "= ? RETURNING id"),
                { providerTxId, now, now, charge->paymentId, before.id, q.extra });
            if (!approved.next())
                return Error(ErrorCode::AlreadyDone,
                             tr("The payment for this change is no longer waiting for its result."));
            approved.finish();
            chargedDay.revenue = q.extra;
            ReadModel::addDaily(tx, now, chargedDay);
            tx.recordEvent(EventType::PaymentApproved, QStringLiteral("payment"), charge->paymentId,
                           { { QStringLiteral("reservationId"), before.id },
                             { QStringLiteral("orderId"), charge->request.orderId },
                             { QStringLiteral("provider"), charge->provider },
                             { QStringLiteral("method"), charge->request.method },
                             { QStringLiteral("amount"), q.extra },
                             { QStringLiteral("change"), true } });
        } else if (payment && q.newAmount != before.amount && q.refundProvider.isEmpty()) {
            tx.exec(QStringLiteral("UPDATE payments SET amount = ?, updated_at = ? WHERE id = ? AND status = "
                                   "'approved'"),
                    { q.newAmount, now, payment->id });
            paidDay.revenue = q.newAmount - before.amount;
        } else if (payment && q.refund > 0) {
            // Through the payment service: the payment keeps what the provider took; the refund is claimed on it
            // (the guard: one claim at a time, so no cancel, check-in or other change meanwhile) and recorded as a
            // row of its own once the provider has made it (the day's refunds count it then).
            SqlRows claimed
                = tx.exec(QStringLiteral("UPDATE payments SET refund_requested = ?, refund_kind = 'change', "
                                         "updated_at = ? WHERE id = ? AND status = 'approved' AND refund_requested "
                                         "IS NULL RETURNING id"),
                          { q.refund, now, payment->id });
            if (!claimed.next())
                return changedElsewhere(before.code);
            claimed.finish();
            claim = Claim {
                payment->id,           q.refund,          payment->orderId,
                payment->providerTxId, payment->provider, changeRefundKey(tx, payment->id, payment->orderId)
            };
        }
        // Booked nights are counted on the day the booking was confirmed (as a rebuild counts them).
        paidDay.bookedNights = q.newNights - before.nights();
        ReadModel::addDaily(tx, before.confirmedAt, paidDay);

        // The points follow the money paid: what the new amount earns, less what the booking has earned so far.
        // Never below a zero balance (points already spent are not taken twice).
        const BookingRules rules = RuleSettings::load(tx);
        const QString source = QString::number(before.id);
        const qint64 earnedSoFar = MileageService::earnedBy(tx, before.id);
        qint64 points = RuleSettings::pointsForBooking(tx, rules, before.id, q.newAmount) - earnedSoFar;
        qint64 notTaken = 0;
        if (points < 0) {
            MileageService::lockBalance(tx, before.customerId);
            const qint64 balance = std::max<qint64>(0, MileageService::balance(tx, before.customerId));
            notTaken = -points - std::min(-points, balance);
            points = -std::min(-points, balance);
        }
        if (points != 0)
            MileageService::record(tx, before.customerId, points, QStringLiteral("adjust"),
                                   MileageService::changeSource(before.id, before.version + 1),
                                   QStringLiteral("booking %1 changed").arg(before.code));

        std::optional<Reservation> after = loadReservation(tx, before.id);
        QJsonObject payload = describeStay(*after);
        payload.insert(QStringLiteral("code"), after->code);
        payload.insert(QStringLiteral("before"), describeStay(before));
        payload.insert(QStringLiteral("extraCharged"), q.extra);
        payload.insert(QStringLiteral("refund"), q.refund);
        payload.insert(QStringLiteral("points"), points);
        payload.insert(QStringLiteral("children"), q.children);
        payload.insert(QStringLiteral("vehicles"), q.vehicles);
        if (q.extra > 0 || q.refund > 0)
            payload.insert(QStringLiteral("method"),
                           q.refundProvider.isEmpty() && !charge ? request.method
                                                                 : (payment ? payment->method : QString()));
        const qint64 eventId
            = tx.recordEvent(EventType::ReservationModified, QStringLiteral("reservation"), before.id, payload);
        NotificationQueue::enqueueForReservation(tx, eventId, EventType::ReservationModified, before.id);
        ReadModel::refreshCampsite(tx, after->campsiteId);
        if (after->campsiteId != before.campsiteId)
            ReadModel::refreshCampsite(tx, before.campsiteId);

        QString details = QStringLiteral("%1 %2..%3 x%4 -> %5 %6..%7 x%8")
                              .arg(before.campsiteCode, sqlDate(before.checkIn), sqlDate(before.checkOut))
                              .arg(before.guests)
                              .arg(after->campsiteCode, sqlDate(after->checkIn), sqlDate(after->checkOut))
                              .arg(after->guests);
        if (q.extra > 0 && charge)
            details += QStringLiteral("; charged %1 to the card through %2 (%3)")
                           .arg(q.extra)
                           .arg(charge->provider, charge->request.orderId);
        else if (q.extra > 0)
            details += QStringLiteral("; charged %1 (%2)").arg(q.extra).arg(request.method);
        if (q.priceDrop > 0)
            details += QStringLiteral("; refund %1 of %2 (%3 days before, %4%)")
                           .arg(q.refund)
                           .arg(q.priceDrop)
                           .arg(q.daysBefore)
                           .arg(q.refundPercent);
        if (request.refundOverride)
            details += QStringLiteral("; override by staff: ") + request.reason.trimmed();
        if (points != 0)
            details += QStringLiteral("; points %1").arg(points);
        if (notTaken > 0)
            details += QStringLiteral("; %1 points already spent, balance set to 0").arg(notTaken);
        tx.audit(actor, QStringLiteral("reservation.change"), after->code, details);
        return *after;
    });
    if (!result.ok() && result.error().code == ErrorCode::SiteTaken) {
        Result<QList<Campsite>> others
            = m_booking.freeSites(request.checkIn, request.checkOut, request.guests, request.campsiteId);
        QString message = tr("Sorry, this site was just taken for these dates.");
        // A site block (migration 18) holds nights too: say the site is closed then, and why.
        Result<QString> blocked = m_db.read([&](SqlSession& s) -> Result<QString> {
            SqlRows q = s.exec(QStringLiteral("SELECT b.reason FROM reservation_nights n JOIN site_blocks b ON "
                                              "b.id = n.block_id WHERE n.campsite_id = ? AND n.night >= ? "
                                              "AND n.night < ? ORDER BY n.night"),
                               { request.campsiteId, sqlDate(request.checkIn), sqlDate(request.checkOut) });
            return q.next() ? q.value(0).toString() : QString();
        });
        if (blocked.ok() && !blocked->isEmpty())
            message = tr("This site is closed on some of these dates (%1).").arg(blocked.value());
        if (others.ok() && !others->isEmpty()) {
            QStringList names;
            for (const Campsite& c : others.value())
                names << QStringLiteral("%1 %2").arg(c.code, c.name);
            message += QLatin1Char(' ') + tr("Free for the same dates: %1.").arg(names.join(QStringLiteral(", ")));
        } else {
            message += QLatin1Char(' ') + tr("No other site is free for these dates.");
        }
        return Error(ErrorCode::SiteTaken, message, campsiteField);
    }
    if (result.ok() && charge && settlement) {
        settlement->charged = charge->request.amount;
        settlement->message
            = tr("%1 won was charged to the guest's card.").arg(QLocale().toString(settlement->charged));
    }
    if (result.ok() && claim)
        refundThroughProvider(actor, result.value(), claim->paymentId, claim->refund, claim->orderId,
                              claim->providerTxId, claim->provider, claim->key, settlement);
    if (result.ok())
        qCInfo(lcBooking).noquote() << "booking" << result->code << "changed: site" << result->campsiteCode
                                    << result->nights() << "night(s) from" << result->checkIn.toString(Qt::ISODate)
                                    << "," << result->amount << "won, by" << actor.name;
    return result;
}

void ReservationChangeService::refundThroughProvider(const Actor& actor, const Reservation& r, qint64 paymentId,
                                                     qint64 refund, const QString& orderId, const QString& providerTxId,
                                                     const QString& provider, const QString& idempotencyKey,
                                                     ChangeSettlement* settlement, bool departure)
{
    ChangeSettlement done;
    done.amount = refund;
    const QString won = QLocale().toString(refund);
    PaymentGateway* gateway = m_booking.gateway(provider);
    PaymentOutcome outcome;
    if (gateway) {
        PaymentCancelRequest cancel;
        cancel.orderId = orderId;
        cancel.providerTxId = providerTxId;
        cancel.cancelAmount = refund;
        cancel.reason = departure ? QStringLiteral("booking %1 left early").arg(r.code)
                                  : QStringLiteral("booking %1 changed").arg(r.code);
        // Its own key: this change's refund, not a retry of another refund of the same amount.
        cancel.idempotencyKey = idempotencyKey;
        outcome = gateway->cancel(cancel);
    } else {
        outcome.status = PaymentOutcome::Status::Unavailable;
    }
    using S = PaymentOutcome::Status;
    if (outcome.approved()) {
        Status recorded = m_db.write([&](Transaction& tx) -> Status {
            return recordProviderRefund(tx, actor, paymentId, refund, outcome.providerTxId);
        });
        if (recorded.ok() || recorded.error().code == ErrorCode::AlreadyDone) {
            done.refund = ChangeSettlement::Refund::Done;
            done.message = tr("%1 won was given back to the guest's card.").arg(won);
        } else {
            // Made at the provider, not recorded here: the claim stays, the reconciler finds it and records it.
            qCWarning(lcBooking).noquote()
                << "booking" << r.code << "refund of" << refund
                << "made but not recorded (the reconciler records it):" << recorded.error().message;
            done.refund = ChangeSettlement::Refund::Pending;
            done.message = tr("%1 won was given back to the guest's card; it is recorded shortly.").arg(won);
        }
    } else if (outcome.status == S::Declined || outcome.status == S::Unavailable || outcome.status == S::NotFound) {
        // Not made: the change stands (its nights are the guest's) and the refund is owed: flagged, so the
        // reconciler asks again with a growing pause and the status page lists it until it is made.
        const QString why = outcome.message.isEmpty() ? outcome.providerCode : outcome.message;
        Status flagged = m_db.write([&](Transaction& tx) -> Status {
            PaymentAttention::flag(tx, actor, paymentId, AttentionReason::RefundFailed,
                                   StatusText::code(QStringLiteral("change.refund_failed"), { refund, r.code }),
                                   refund);
            return {};
        });
        if (!flagged.ok())
            qCWarning(lcBooking).noquote()
                << "could not flag the refund of booking" << r.code << ":" << flagged.error().message;
        done.refund = ChangeSettlement::Refund::Retried;
        done.message = departure
            ? tr("The payment service did not give back %1 won (%2). The guest is checked out; the refund is listed "
                 "under payments that need attention and is tried again automatically.")
                  .arg(won, why.isEmpty() ? tr("no answer") : why)
            : tr("The payment service did not give back %1 won (%2). The booking is changed; the refund is "
                 "listed under payments that need attention and is tried again automatically.")
                  .arg(won, why.isEmpty() ? tr("no answer") : why);
    } else {
        // Perhaps made (no answer in time): the claim stays, so nothing else moves this booking's money until the
        // reconciler has asked the provider and recorded what it did.
        done.refund = ChangeSettlement::Refund::Pending;
        done.message = departure
            ? tr("The payment service has not confirmed the refund of %1 won yet. The guest is checked out; the "
                 "refund is checked with the payment service and recorded automatically.")
                  .arg(won)
            : tr("The payment service has not confirmed the refund of %1 won yet. The booking is changed; "
                 "the refund is checked with the payment service and recorded automatically.")
                  .arg(won);
    }
    qCInfo(lcBooking).noquote() << "booking" << r.code << "change refund of" << refund << "won through" << provider
                                << ":" << int(done.refund);
    if (settlement)
        *settlement = done;
}

Status ReservationChangeService::recordProviderRefund(Transaction& tx, const Actor& actor, qint64 paymentId,
                                                      qint64 refund, const QString& providerTxId)
{
    const qint64 now = tx.nowMs();
    // The guard: the claim this refund was asked under, once.
    SqlRows claimed = tx.exec(QStringLiteral("UPDATE payments SET refund_requested = NULL, refund_kind = NULL, "
                                             "updated_at = ? WHERE id = ? AND status = 'approved' AND "
                                             "refund_requested = ? AND (refund_kind IS NULL OR refund_kind = "
                                             "'change') RETURNING "
                                             "reservation_id, order_id, provider, method, provider_tx_id"),
                              { now, paymentId, refund });
    if (!claimed.next())
        return Error(ErrorCode::AlreadyDone, tr("This refund is already recorded."));
    const qint64 reservationId = claimed.value(0).toLongLong();
    const QString orderId = claimed.value(1).toString();
    const QString provider = claimed.value(2).toString();
    const QString method = claimed.value(3).toString();
    const QString txId = providerTxId.isEmpty() ? claimed.value(4).toString() : providerTxId;
    claimed.finish();
    const int n = tx.scalar(QStringLiteral("SELECT count(*) FROM payments WHERE refund_of = ?"), { paymentId }).toInt();
    SqlRows row
        = tx.exec(QStringLiteral("INSERT INTO payments (reservation_id, order_id, provider, method, amount, "
                                 "status, provider_tx_id, refund_amount, failure_reason, created_at, "
                                 "updated_at, cancelled_at, refund_of) VALUES (?, ?, ?, ?, ?, 'cancelled', ?, "
                                 "?, ?, ?, ?, ?, ?) RETURNING id"),
                  { reservationId, QStringLiteral("%1-R%2").arg(orderId).arg(n + 1), provider, method, refund, txId,
                    refund, QStringLiteral("partial refund: booking changed"), now, now, now, paymentId });
    row.next();
    const qint64 refundId = row.value(0).toLongLong();
    row.finish();
    PaymentRecord::creditRefund(tx, actor, refundId);
    // Flagged when the first try failed: settled now.
    PaymentAttention::clear(tx, actor, paymentId,
                            StatusText::code(QStringLiteral("attention.refunded_on_retry"), { refund }));
    DailyDelta stats;
    stats.refunds = refund;
    ReadModel::addDaily(tx, now, stats);
    tx.recordEvent(EventType::PaymentCancelled, QStringLiteral("payment"), refundId,
                   { { QStringLiteral("reservationId"), reservationId },
                     { QStringLiteral("orderId"), orderId },
                     { QStringLiteral("refund"), refund },
                     { QStringLiteral("refundOf"), paymentId },
                     { QStringLiteral("reason"), QStringLiteral("change") } });
    tx.audit(actor, QStringLiteral("payment.partial_refund"), orderId,
             QStringLiteral("%1 refunded through %2 (booking changed)").arg(refund).arg(provider));
    return {};
}

bool ReservationChangeService::isChangeRefundClaim(SqlSession& s, qint64 paymentId)
{
    // Said by the claim since migration 34 (a cancel's or no-show's parts across several payments could not be told
    // by the amounts).
    const QVariant kind = s.scalar(QStringLiteral("SELECT refund_kind FROM payments WHERE id = ? AND status = "
                                                  "'approved' AND refund_requested IS NOT NULL"),
                                   { paymentId });
    if (!kind.isNull())
        return kind.toString() == QLatin1String("change");
    // A claim without a kind (made before migration 34, or an early departure's): a change lowered the booking's
    // amount by its refund when it claimed it; a cancel's claim leaves the amount as it was. A change never claims 0
    // (a cancel refunding nothing may). So: what the approved payments took, less the refunds recorded and the claims,
    // is the booking's amount. An early departure may claim on several payments at once (newest first): all the
    // booking's claims are counted.
    SqlRows q = s.exec(
        QStringLiteral("SELECT r.amount, (SELECT COALESCE(sum(c.refund_requested), 0) FROM payments c WHERE "
                       "c.reservation_id = r.id AND c.status = 'approved'), (SELECT COALESCE(sum(a.amount), 0) FROM "
                       "payments a WHERE "
                       "a.reservation_id = r.id AND a.status = 'approved'), (SELECT COALESCE(sum(x.refund_amount), 0) "
                       "FROM payments x WHERE x.reservation_id = r.id AND x.refund_of IS NOT NULL) FROM payments p "
                       "JOIN reservations r ON r.id = p.reservation_id WHERE p.id = ? AND p.status = 'approved' AND "
                       "p.refund_requested > 0 AND r.status IN ('confirmed', 'checked_in', 'checked_out')"),
        { paymentId });
    if (!q.next())
        return false;
    return q.value(2).toLongLong() - q.value(3).toLongLong() - q.value(1).toLongLong() == q.value(0).toLongLong();
}

bool ReservationChangeService::isChangeCharge(const QString& orderId)
{
    static const QRegularExpression charge(QStringLiteral("-chg\\d+$"));
    return charge.match(orderId).hasMatch();
}

qint64 ReservationChangeService::chargedByChanges(SqlSession& s, qint64 reservationId)
{
    return s
        .scalar(QStringLiteral("SELECT COALESCE(sum(p.amount), 0) FROM payments p JOIN reservations r ON r.id = "
                               "p.reservation_id WHERE p.reservation_id = ? AND p.status = 'approved' AND p.order_id "
                               "LIKE r.order_id || '-chg%'"),
                { reservationId })
        .toLongLong();
}

QString ReservationChangeService::changeRefundKeyFor(qint64 paymentId, const QString& orderId, Database& db)
{
    Result<QString> key
        = db.read([&](SqlSession& s) -> Result<QString> { return changeRefundKey(s, paymentId, orderId); });
    return key.ok() ? key.value() : QStringLiteral("change-%1-x").arg(orderId);
}

QString ReservationChangeService::changeRefundKey(SqlSession& s, qint64 paymentId, const QString& orderId)
{
    const qint64 made
        = s.scalar(QStringLiteral("SELECT count(*) FROM payments WHERE refund_of = ?"), { paymentId }).toLongLong();
    return QStringLiteral("change-%1-%2").arg(orderId).arg(made + 1);
}

Result<MoveOffResult> ReservationChangeService::moveAllOff(const Actor& actor, qint64 campsiteId)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::System }); !allowed.ok())
        return allowed.error();
    Result<QList<Reservation>> upcoming = m_db.read([&](SqlSession& s) -> Result<QList<Reservation>> {
        SqlRows q = s.exec(QStringLiteral("SELECT ") + Reservation::columns() + Reservation::tables()
                               + QStringLiteral(" WHERE r.campsite_id = ? AND r.status IN ('held', 'confirmed', "
                                                "'checked_in') AND r.check_out > ? ORDER BY r.check_in, r.id"),
                           { campsiteId, sqlDate(m_db.clock().today()) });
        QList<Reservation> out;
        while (q.next())
            out.append(Reservation::fromRow(q));
        return out;
    });
    if (!upcoming.ok())
        return upcoming.error();
    Result<std::optional<Campsite>> from
        = m_db.read([&](SqlSession& s) -> Result<std::optional<Campsite>> { return loadCampsite(s, campsiteId); });
    if (!from.ok())
        return from.error();
    if (!from->has_value())
        return Error(ErrorCode::NotFound, tr("This campsite does not exist."), campsiteField);
    const Campsite site = *from.value();

    MoveOffResult result;
    for (const Reservation& r : upcoming.value()) {
        auto notMoved = [&](const QString& why) {
            result.notMoved.append(r);
            result.reasons.append(why);
        };
        if (r.status != ReservationStatus::Confirmed) {
            notMoved(tr("%1 is %2: it cannot be moved.").arg(r.code, reservationStatusName(r.status)));
            continue;
        }
        Result<QList<Campsite>> free = m_booking.freeSites(r.checkIn, r.checkOut, r.guests, campsiteId, 200);
        if (!free.ok()) {
            notMoved(free.error().message);
            continue;
        }
        QList<Campsite> candidates;
        for (const Campsite& c : free.value()) {
            if (c.kind == site.kind && c.id != campsiteId)
                candidates.append(c);
        }
        // A site of the same price first: the move then costs nothing, however the booking was paid.
        std::stable_sort(candidates.begin(), candidates.end(), [&](const Campsite& a, const Campsite& b) {
            return (a.nightlyPrice != site.nightlyPrice) < (b.nightlyPrice != site.nightlyPrice);
        });
        QString lastError
            = tr("%1: no free %2 site for %3 – %4.")
                  .arg(r.code, campsiteKindName(site.kind), QLocale().toString(r.checkIn, QLocale::ShortFormat),
                       QLocale().toString(r.checkOut, QLocale::ShortFormat));
        bool moved = false;
        for (const Campsite& target : candidates) {
            ChangeRequest c;
            c.reservationId = r.id;
            c.campsiteId = target.id;
            c.checkIn = r.checkIn;
            c.checkOut = r.checkOut;
            c.guests = r.guests;
            c.expectedVersion = r.version; // changed meanwhile at a desk: left to the desk
            // The campground moves the guest: a dearer site is never charged to the guest's card by a move of all
            // (a desk may do it, with the guest, from the change dialog).
            if (Result<ChangeQuote> q = quoteChange(actor, c); q.ok() && q->extra > 0 && !q->chargeProvider.isEmpty()) {
                lastError = tr("%1: campsite %2 costs %3 won more, which a move of all does not charge to the guest's "
                               "card.")
                                .arg(r.code, target.code, QLocale().toString(q->extra));
                continue;
            }
            Result<Reservation> done = change(actor, c);
            if (done.ok()) {
                result.moved.append(done.value());
                moved = true;
                break;
            }
            lastError = QStringLiteral("%1: %2").arg(r.code, done.error().message);
            // Taken meanwhile, or a limit of that site (equipment, price): the next one. Anything else stops here.
            if (done.error().code != ErrorCode::SiteTaken && done.error().field != campsiteField
                && done.error().code != ErrorCode::Invalid)
                break;
        }
        if (!moved)
            notMoved(lastError);
    }
    return result;
}

} // namespace campdesk
