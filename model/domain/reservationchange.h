#pragma once

#include "core/actor.h"
#include "db/database.h"
#include "domain/rateplan.h"
#include "domain/reservation.h"

#include <QCoreApplication>
#include <QDate>
#include <optional>

namespace campdesk {

class BookingService;

// What the desk asks to change on a reservation: the whole new stay (site, dates, guests), not a delta.
struct ChangeRequest
{
    qint64 reservationId = 0;
    qint64 campsiteId = 0;
    QDate checkIn;
    QDate checkOut; // exclusive
    int guests = 1;
    // Of the guests, and the vehicles; not given = as the booking has them (read from its priced lines and plates).
    std::optional<int> children;
    std::optional<int> vehicles;
    // Staff only, with a reason: replaces the rule's refund of a cheaper stay (0 .. priceDrop).
    std::optional<qint64> refundOverride;
    QString reason;
    // How the desk takes or gives back the difference ("cash" or "desk_card"); recorded in the event and audit.
    QString method = QStringLiteral("cash");
    // The reservation's version the desk was looking at (0: not checked). A booking changed since is AlreadyDone,
    // so of two desks changing the same booking at once exactly one wins, whatever each asked for.
    int expectedVersion = 0;
};

// What a change costs, by the same pricing rules as a new booking.
struct ChangeQuote
{
    Reservation reservation; // as it is now
    qint64 oldPrice = 0; // what the stay was priced at (amount + points used)
    qint64 newPrice = 0; // the new stay's price by priceStay (nights, extra persons, vehicles)
    QList<StayLine> lines; // the new stay's priced lines, written to reservation_lines by the change
    int children = 0; // the party the new stay was priced for
    int vehicles = 0;
    int newNights = 0;
    qint64 newAmount = 0; // money paid after the change (what mileage is earned on)
    qint64 newBalanceDue = 0; // a deposit booking's balance after the change: the difference goes there
    qint64 extra = 0; // to pay now (newPrice - points used - amount, when above 0)
    qint64 priceDrop = 0; // how much cheaper the stay became, in money paid
    int daysBefore = 0; // to the first night given up (the cancellation rule's band)
    int refundPercent = 0;
    qint64 refund = 0; // by the rule or the staff override
    bool sameSite = true;
    bool nightsChanged = false;
};

// The children and vehicles a booking is priced for now: not columns of their own, read from its priced lines
// (extra children per night) and its plates, as a change request that does not give them takes them.
struct ChangeParty
{
    int children = 0;
    int vehicles = 0;
};

// What "Move all" did with a site's coming bookings: each moved in its own change, or why it could not be.
struct MoveOffResult
{
    QList<Reservation> moved; // as they are now
    QList<Reservation> notMoved; // as they were
    QStringList reasons; // one per booking not moved, translated
};

// Changes a confirmed reservation (move to another site, shift its dates, extend, shorten, change the party) or
// the rest of a checked-in stay (extend or shorten; its past nights and its site stay). Front desk and manager only.
//
// One write transaction: guarded by the status and the version read (of two terminals changing the same booking, one
// wins, the other gets AlreadyDone), deletes the nights given up and inserts the new ones (a clash on the nights'
// key is SiteTaken "just taken", with free sites for the same dates), updates the row, settles the difference at the
// desk, makes the points follow the new amount paid, writes the ReservationModified event, the audit row, the
// customer's notification and the read model of both sites. Signals go out after commit (the event bus).
//
// Money: a change that keeps the price needs no payment. One that costs more or less is settled at the front
// desk (cash or the desk's card machine): for a booking paid at the desk the payment row is the only record, so
// it follows the amount paid. A booking paid through a card gateway cannot take a different price yet (see
// docs/decisions.md, "Changing a booking").
class ReservationChangeService
{
    Q_DECLARE_TR_FUNCTIONS(ReservationChangeService)

public:
    explicit ReservationChangeService(BookingService& booking);

    // The booking service it works through (a worker, ServiceFlow, opens its own from it).
    BookingService& bookings() const { return m_booking; }

    Result<ChangeQuote> quoteChange(const Actor& actor, const ChangeRequest& request) const;
    Result<Reservation> change(const Actor& actor, const ChangeRequest& request);
    // What the change dialog starts from. Staff only.
    Result<ChangeParty> currentParty(const Actor& actor, qint64 reservationId) const;
    // Moves each confirmed booking of a site that leaves after today to a free site of the same kind, same dates and
    // party, each in its own change (a site of the same price first, so nothing is to be paid); reports the ones
    // that could not move (checked in, no free site, a price a card payment cannot settle...). Manager only.
    // Many changes in a row: the desk runs it on a worker (RetireSiteDialog, through ServiceFlow).
    Result<MoveOffResult> moveAllOff(const Actor& actor, qint64 campsiteId);

private:
    Result<ChangeQuote> quote(SqlSession& s, const Actor& actor, const ChangeRequest& request) const;

    BookingService& m_booking;
    Database& m_db;
};

} // namespace campdesk
