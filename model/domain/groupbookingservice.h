#pragma once

#include "domain/bookingservice.h"
#include "domain/reservationchange.h"

#include <QHash>

namespace campdesk {

// One site of a group booking, with its own dates and party.
struct GroupPart
{
    qint64 campsiteId = 0;
    QDate checkIn;
    QDate checkOut; // exclusive
    int guests = 1; // children included
    int children = 0;
    int vehicles = 0;
};

// What the desk asks to change on a whole group: every part still to come (or in house) moves by the same number of
// days and/or gets the same number of nights more (or fewer, at its end). Each part keeps its site and party.
struct GroupChangeRequest
{
    qint64 groupId = 0;
    int shiftDays = 0; // later (> 0) or earlier (< 0)
    int nightsDelta = 0; // longer (> 0) or shorter (< 0)
    // How the difference is settled, as for one booking: "cash" or "desk_card".
    QString method = QStringLiteral("cash");
    // Each part's version as the desk showed it (reservation id -> version). A part changed, cancelled or checked in
    // since refuses the whole change, so that two desks showing the group never both move it. Empty: as it is now.
    QHash<qint64, int> seenVersions;
};

// What such a change costs, part by part (ReservationChangeService's quote of each) and in all.
struct GroupChangeQuote
{
    QList<ChangeQuote> parts; // the parts that change, in the group's order
    qint64 extra = 0; // to take now, all parts together
    qint64 refund = 0; // to give back, by each part's rule
};

// What the desk asks for: one payer (found or created by phone) and the sites.
struct GroupRequest
{
    Customer payer;
    QList<GroupPart> parts;
};

struct GroupQuote
{
    QList<Quote> parts; // in the order of the request
    qint64 total = 0; // what the payer pays: the parts' payable amounts
};

// A group as stored: its code, the gateway order of its one payment, and its parts (ordinary reservations).
struct BookingGroup
{
    qint64 id = 0;
    QString code; // "GR-7K3P9Q"
    QString orderId; // what the gateway charged the total under; each part is refunded from it
    qint64 payerId = 0;
    QString payerName;
    QString payerPhone;
    QList<Reservation> parts; // by id
    qint64 total() const; // paid for the parts, cancelled ones included
    int count(ReservationStatus status) const;
};

// Group bookings (issue 20, item 2): several sites for one payer and one payment, all or nothing. Each part is held,
// confirmed and cancelled by BookingService's own steps, nested in one transaction per group step; the payment is one
// charge of the total through the same PaymentGateway, recorded as one payment row per part (so every part is an
// ordinary paid booking) with the part's order id "<group order>/<n>".
class GroupBookingService
{
    Q_DECLARE_TR_FUNCTIONS(GroupBookingService)

public:
    static constexpr int maxParts = 20;

    explicit GroupBookingService(BookingService& bookings);

    // Every part as BookingService::validate() checks a booking; an error names its part in Error::field
    // (partField()). Two parts of one site may not share a night.
    Status validate(const GroupRequest& request) const;
    // Each part priced as a single booking is (BookingService::quote()), and the total.
    Result<GroupQuote> quote(const GroupRequest& request) const;

    // Step 1: holds every part and records its pending payment, in one transaction. A part whose site is taken,
    // blocked or closed on any night gives ErrorCode::SiteTaken naming the site, and nothing is held.
    Result<BookingGroup> hold(const Actor& actor, const GroupRequest& request, const PaymentGateway& gateway,
                              const QString& method = QStringLiteral("card"));
    // Step 2 (any thread, blocks): the one charge of the group's total.
    static PaymentRequest paymentRequest(const BookingGroup& group, const QString& method = QStringLiteral("card"),
                                         const QString& paymentKey = QString());
    // Step 3: on approval every part is confirmed in one transaction; otherwise every part is released (a result
    // that stays unknown is cancelled at the gateway first). A booking whose payment did not go through never exists.
    Result<BookingGroup> finishPayment(const Actor& actor, qint64 groupId, PaymentGateway& gateway,
                                       const PaymentOutcome& outcome);
    // All three steps, blocking.
    Result<BookingGroup> book(const Actor& actor, const GroupRequest& request, PaymentGateway& gateway,
                              const QString& method = QStringLiteral("card"));

    Result<BookingGroup> get(qint64 groupId) const;
    // The group a booking belongs to; NotFound for a single booking.
    Result<BookingGroup> forReservation(qint64 reservationId) const;

    // One part, refunded by the cancellation rule on that part (BookingService::cancel()).
    Result<Reservation> cancelPart(const Actor& actor, qint64 reservationId, const QString& reason = QString());
    // Every part still confirmed, each refunded by the rule on that part: the refunds are claimed in one
    // transaction (guarded per part), asked of the gateway, and the parts cancelled in one transaction.
    Result<BookingGroup> cancelGroup(const Actor& actor, qint64 groupId, const QString& reason = QString());

    // The points one payment of the parts' amounts earns (the rule on the total), split over the parts in proportion
    // to their amounts, rounded so that the shares add up to exactly `points` (largest remainders first).
    static QList<qint64> pointShares(qint64 points, const QList<qint64>& amounts);

    // The whole group changed at once (issue 20): each part as ReservationChangeService changes one booking (new
    // prices, the difference settled at the desk, a price drop refunded by the rule), all parts in ONE transaction.
    // A part whose new nights are taken (or that cannot change) changes nothing at all; the error names the part's
    // site and booking code, with the part in Error::field. Parts cancelled or checked out are left as they are.
    Result<GroupChangeQuote> quoteChange(const Actor& actor, const GroupChangeRequest& request) const;
    Result<BookingGroup> changeGroup(const Actor& actor, const GroupChangeRequest& request);

    static QString newGroupCode(); // "GR-" and six characters without look-alikes
    // The order the gateway knows: a part's order id without its "/<n>", any other order id as it is.
    static QString chargedOrderId(const QString& orderId);
    // Error::field of a part's field ("parts/2/checkOut"), and the part it names (-1 for none).
    static QString partField(int part, const QString& field);
    static int partOfField(const QString& field);

private:
    Status releaseAll(const BookingGroup& group, const QString& reason);
    // The change of each part that moves, in the order they can be applied (a later stay first when the group moves
    // later, so one part's new nights are not still another's), with its index in the group.
    Result<QList<QPair<int, ChangeRequest>>> partChanges(const BookingGroup& group,
                                                         const GroupChangeRequest& request) const;

    BookingService& m_bookings;
};

} // namespace campdesk
