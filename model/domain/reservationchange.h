#pragma once

#include "core/actor.h"
#include "db/database.h"
#include "domain/paymentgateway.h"
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
    // The provider of the card payment the refund goes back through (a partial cancel), when the booking was paid
    // through a payment service; empty when it is settled at the desk.
    QString refundProvider;
    // The provider of the card payment a dearer change is charged through (`extra`, a second payment of the booking,
    // hold -> pay -> confirm), when the booking was paid through a payment service; empty when settled at the desk.
    QString chargeProvider;
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

// How the money of a change went, for the desk to tell the guest (change()'s optional answer).
struct ChangeSettlement
{
    enum class Refund {
        None, // nothing to give back through a payment service (or settled at the desk)
        Done, // given back through the provider (a partial cancel of the card payment)
        Pending, // the provider's answer is not known: the payment reconciler looks it up and records it
        Retried, // the provider refused or could not be reached: listed under payments needing attention and
                 // asked again by the reconciler
    };
    Refund refund = Refund::None;
    qint64 amount = 0; // the refund
    qint64 charged = 0; // a dearer change's difference taken from the guest's card through the payment service
    QString message; // translated, for staff: what happened to the money
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
// it follows the amount paid. A booking paid through a card gateway that becomes cheaper gets the refund back
// through the same provider, a partial cancel of its payment: the change commits first with the refund claimed on
// the payment (refund_requested: no cancel, check-in or other change meanwhile), then the provider is asked, outside
// any transaction; its refund is recorded as a payments row of its own (refund_of). Refused or unanswered, the
// change stands and the refund is finished by the payment reconciler (see docs/decisions.md, "A cheaper change of a
// card-paid booking"). One that costs more is charged to the same provider as a second payment of the booking
// (hold -> pay -> confirm): a pending payment row is written first (its own order id, `<order>-chg<n>`; no other
// change, and no balance, of the booking meanwhile), the provider is asked outside any transaction, and only an
// approved charge swaps the nights, in the change's one transaction, which approves that payment; a refused charge
// fails the payment row and changes nothing; a charge approved for a change that can no longer be made (the nights
// taken meanwhile, the booking changed, cancelled or checked in) is given back at once; an unanswered one is left
// pending, and the payment reconciler gives it back if it was taken (the booking unchanged; see docs/decisions.md,
// "A dearer change of a card-paid booking").
class ReservationChangeService
{
    Q_DECLARE_TR_FUNCTIONS(ReservationChangeService)

public:
    explicit ReservationChangeService(BookingService& booking);

    // The booking service it works through (a worker, ServiceFlow, opens its own from it).
    BookingService& bookings() const { return m_booking; }

    Result<ChangeQuote> quoteChange(const Actor& actor, const ChangeRequest& request) const;
    // Blocks while a payment service gives back a refund (the desk runs it on a worker). `settlement`, when given,
    // says how the money went.
    Result<Reservation> change(const Actor& actor, const ChangeRequest& request,
                               ChangeSettlement* settlement = nullptr);
    // What the change dialog starts from. Staff only.
    Result<ChangeParty> currentParty(const Actor& actor, qint64 reservationId) const;
    // Moves each confirmed booking of a site that leaves after today to a free site of the same kind, same dates and
    // party, each in its own change (a site of the same price first, so nothing is to be paid); reports the ones
    // that could not move (checked in, no free site, a price a card payment cannot settle...). Manager only.
    // Many changes in a row: the desk runs it on a worker (RetireSiteDialog, through ServiceFlow).
    Result<MoveOffResult> moveAllOff(const Actor& actor, qint64 campsiteId);

    // Records the partial refund `refund` of payment `paymentId` that its provider made for a change (claimed by it as
    // refund_requested): a payments row of its own (status 'cancelled', refund_of the payment), credited to `actor`,
    // the day's refunds, a PaymentCancelled event and an audit row; clears the claim and any attention flag. Guarded
    // by the claim: AlreadyDone when it was recorded meanwhile (the desk and the reconciler both finish it once).
    static Status recordProviderRefund(Transaction& tx, const Actor& actor, qint64 paymentId, qint64 refund,
                                       const QString& providerTxId);
    // Whether a claimed refund of payment `paymentId` is a change's (the booking's amount already lowered by it),
    // rather than a cancel's.
    static bool isChangeRefundClaim(SqlSession& s, qint64 paymentId);
    // The idempotency key of the next partial refund of payment `paymentId` (one per refund made; its retries
    // send the same one).
    static QString changeRefundKey(SqlSession& s, qint64 paymentId, const QString& orderId);
    // The same, read in a transaction of its own.
    static QString changeRefundKeyFor(qint64 paymentId, const QString& orderId, Database& db);
    // After a change (or an early departure's check-out, `departure`) committed with the refund claimed on the
    // payment: asks the provider for it (blocks) and records what it answered; refused or unanswered, the payment
    // reconciler finishes it.
    void refundThroughProvider(const Actor& actor, const Reservation& r, qint64 paymentId, qint64 refund,
                               const QString& orderId, const QString& providerTxId, const QString& provider,
                               const QString& idempotencyKey, ChangeSettlement* settlement, bool departure = false);
    // Whether `orderId` is a dearer change's second payment (`<order>-chg<n>`): never a balance the booking owes.
    static bool isChangeCharge(const QString& orderId);
    // What dearer changes of booking `reservationId` charged to its card as second payments (approved). Cancel and a
    // refunding no-show refuse such a booking for now: their refund would have to go back across both payments.
    static qint64 chargedByChanges(SqlSession& s, qint64 reservationId);

private:
    // A dearer change's charge through the payment service: its pending payment row and what is sent.
    struct PendingCharge
    {
        qint64 paymentId = 0;
        int version = 0; // the booking's version when it was prepared: the swap is guarded by it
        QString provider;
        PaymentRequest request;
    };
    Result<ChangeQuote> quote(SqlSession& s, const Actor& actor, const ChangeRequest& request) const;
    // The change's one transaction (nights, row, lines, money, points, event, audit). With `charge`, the dearer
    // change's second payment, approved by the provider as `providerTxId`: approved here, guarded by its pending row.
    Result<Reservation> apply(const Actor& actor, const ChangeRequest& request, ChangeSettlement* settlement,
                              const PendingCharge* charge, const QString& providerTxId);
    // Writes the pending payment of a dearer change of a card-paid booking; nullopt when the change charges nothing
    // through a payment service (apply() then does it all).
    Result<std::optional<PendingCharge>> prepareCharge(const Actor& actor, const ChangeRequest& request);
    // Asks the provider for the prepared charge (blocks) and swaps the nights only when it is approved.
    Result<Reservation> chargeAndApply(const Actor& actor, const ChangeRequest& request, const PendingCharge& charge,
                                       ChangeSettlement* settlement);

    BookingService& m_booking;
    Database& m_db;
};

} // namespace campdesk
