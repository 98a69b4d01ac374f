#pragma once

#include "core/actor.h"
#include "db/database.h"
#include "domain/campsite.h"
#include "domain/customerservice.h"
#include "domain/earlydeparture.h"
#include "domain/extras.h"
#include "domain/paymentgateway.h"
#include "domain/rateplan.h"
#include "domain/reservation.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <functional>
#include <optional>

namespace campdesk {

struct ChangeSettlement;

// What a customer (or the desk for them) asks for.
struct BookingRequest
{
    qint64 campsiteId = 0;
    QDate checkIn;
    QDate checkOut; // exclusive
    int guests = 1; // everyone, children included
    int children = 0; // of the guests; adults = guests - children
    int vehicles = 0;
    Customer customer; // name, phone, e-mail, language, consent; found or created by phone
    qint64 pointsToRedeem = 0;
    QList<ExtraChoice> extras; // from the catalogue (see extras.h); the kiosk only those sold there
    // Desk and phone bookings: pay the deposit rule's amount now and the rest at check-in (never the kiosk).
    bool deposit = false;
};

// The price of a request, from priceStay(): each night by season band and day type, extra persons and vehicles.
struct Quote
{
    int nights = 0;
    QList<qint64> nightlyPrices; // one per night, in order
    QList<StayLine> lines; // the nights, then extra adults, extra children, vehicles, extras (not the points)
    qint64 total = 0; // before points: the sum of the lines
    qint64 points = 0; // redeemed
    qint64 payable = 0; // total - points
    qint64 pointsToEarn = 0; // what paying `payable` earns
    qint64 balance = 0; // the customer's points now (0 for a new customer)
    qint64 deposit = 0; // with BookingRequest::deposit: what is paid now (payable otherwise)
    qint64 balanceDue = 0; // payable - deposit: taken at check-in
};

// A free site with its price for a stay, from BookingService::freeSitesQuoted().
struct SiteQuote
{
    Campsite site;
    Quote quote; // before points, without a customer (balance 0)
};

// A cancellation, by id (staff) or by booking code + phone (kiosk: only one's own booking).
struct CancelRequest
{
    qint64 reservationId = 0;
    QString code;
    QString phone;
    QString reason;
    std::optional<qint64> refundOverride; // staff only, with a reason: replaces the rule's refund
};

// One payment's share of a refund that goes back across a booking's payments (a cancel or a no-show): the booking's
// own payment, a dearer change's charge (<order>-chg<n>), a balance taken before arrival (<order>-bal<n>). The
// newest payment gives back first, each at most what it still holds.
struct RefundPart
{
    qint64 paymentId = 0;
    QString orderId;
    QString provider;
    QString providerTxId;
    qint64 holds = 0; // what the payment still holds: its amount less the partial refunds of cheaper changes
    qint64 refund = 0; // its share of the refund (0: it keeps all it holds)
};

// What cancelling would refund, by the rule table.
struct CancelQuote
{
    Reservation reservation;
    int daysBefore = 0;
    int refundPercent = 0;
    // Points the booking earned that the customer has spent since: they cannot be taken back, so they come off
    // the refund (1 point = 1 won) and the balance ends at 0. Never negative, never farmed.
    qint64 pointsShortfall = 0;
    qint64 refund = 0; // by the rule (or the staff override), less pointsShortfall
    // How `refund` goes back across the booking's payments, newest first (what cancel() asks the providers for).
    QList<RefundPart> parts;
};

// How a check-in settles a balance due (BalanceService): the balance payment the gateway approved, or a manager's
// reason to let the guest in without it.
struct CheckInOptions
{
    qint64 balancePaymentId = 0; // a pending payment row for the balance, approved by the gateway
    QString providerTxId;
    QString balanceOverrideReason; // manager only
};

// The booking engine: quote, hold, pay, confirm or release, cancel with refund, check-in/out, hold expiry.
// Every change is one write transaction that also writes its events, the mileage ledger, the customer's
// notification and the read model. Payment calls block: hold(), beginPayment() and finishPayment() are
// separate so the UI can run the gateway call off the GUI thread (see BookingFlow); book() does all three.
class BookingService
{
    Q_DECLARE_TR_FUNCTIONS(BookingService)

public:
    explicit BookingService(Database& db);

    // Providers that cancel() and cancelByPayment() can refund through, by PaymentGateway::provider().
    // Not owned.
    void addGateway(PaymentGateway* gateway);
    PaymentGateway* gateway(const QString& provider) const;
    QList<PaymentGateway*> gateways() const { return m_gateways.values(); }
    // The connection this service works on (ServiceFlow opens another one on its worker thread).
    Database& database() const { return m_db; }

    // Checks what can be checked without the database (dates, guests >= 1, customer details, points >= 0).
    Status validate(const BookingRequest& request) const;
    Result<Quote> quote(const BookingRequest& request) const;
    // Active sites that take `guests` and are free every night of [checkIn, checkOut), cheapest first.
    Result<QList<Campsite>> freeSites(const QDate& checkIn, const QDate& checkOut, int guests,
                                      qint64 excludeCampsiteId = 0, int limit = 5) const;
    // freeSites() with each site's price for the stay, all in one read (the kiosk's site list).
    Result<QList<SiteQuote>> freeSitesQuoted(const QDate& checkIn, const QDate& checkOut, int guests,
                                             int limit = 200) const;

    // Step 1: holds the site (status held, expiring after the rule's hold minutes). A site taken meanwhile
    // gives ErrorCode::Conflict ("just taken") naming the next free sites.
    Result<Reservation> hold(const Actor& actor, const BookingRequest& request);
    // Step 2a: records the pending payment and gives the request to send to the gateway.
    Result<PaymentRequest> beginPayment(const Actor& actor, qint64 reservationId, const PaymentGateway& gateway,
                                        const QString& method = QStringLiteral("card"),
                                        const QString& paymentKey = QString());
    // Step 2b (any thread, blocks): asks the gateway; a booking paid fully with points needs no gateway.
    static PaymentOutcome charge(PaymentGateway& gateway, const PaymentRequest& request);
    // What a payment that did not go through (declined, failed, payments busy) does to the hold.
    enum class OnFailure {
        Release, // a walk-in booking: the nights go back at once
        // A waitlist offer's hold: the payment fails, the booking takes a fresh order id for the next try, and the
        // nights stay held until the hold's own expiry (the offer's), so the customer can use another card.
        KeepHold,
    };
    // Step 3: confirms on approval, otherwise releases the hold (or keeps it when the result is unknown, or by
    // onFailure). When the confirmation cannot be saved after an approval, the payment is cancelled at the gateway.
    Result<Reservation> finishPayment(const Actor& actor, qint64 reservationId, PaymentGateway& gateway,
                                      const PaymentOutcome& outcome, OnFailure onFailure = OnFailure::Release);
    // All three steps, blocking: for tests and the command line.
    Result<Reservation> book(const Actor& actor, const BookingRequest& request, PaymentGateway& gateway,
                             const QString& method = QStringLiteral("card"), const QString& paymentKey = QString());
    // The customer walked away before paying: frees the nights now.
    Status releaseHold(const Actor& actor, qint64 reservationId);
    // Frees holds past their expiry whose payment is not awaiting a result (the app calls this on a timer).
    // Returns how many were released.
    Result<int> expireHolds();

    Result<CancelQuote> cancellationQuote(const Actor& actor, const CancelRequest& request) const;
    // Claims the refund (no check-in while it stands), refunds through the payment's provider by the rule table (or
    // the staff override), then cancels. No answer from the provider: PaymentPending, the reconciler finishes it.
    Result<Reservation> cancel(const Actor& actor, const CancelRequest& request);
    // A payment cancelled from the desk's payments side, or found cancelled at the gateway
    // (alreadyCancelledAtGateway), cancels its reservation the same way, with a full refund, or with what the
    // gateway reports it gave back (refundedAtGateway >= 0, e.g. a partial cancel finished after a crash).
    Result<Reservation> cancelByPayment(const Actor& actor, const QString& orderId, const QString& reason,
                                        bool alreadyCancelledAtGateway = false, qint64 refundedAtGateway = -1);

    // Refunds across a booking's payments (cancel, no-show; decisions.md "Refunds across a booking's payments").
    // The claim kinds stored in payments.refund_kind.
    static QString cancelKind() { return QStringLiteral("cancel"); }
    static QString noShowKind() { return QStringLiteral("no_show"); }
    // `refund` split across the booking's approved payments, newest first; empty when they hold less than it.
    static QList<RefundPart> refundParts(SqlSession& s, qint64 reservationId, qint64 refund);
    // Claims every part in one transaction (the reservation locked as check-in locks it): the booking must pass
    // `check` (e.g. still confirmed), be at quotedVersion (> 0) and still have quotedAmount, no payment of it may be
    // claimed or pending, and each approved payment gets refund_requested = its share and refund_kind = kind.
    Result<QList<RefundPart>> claimRefundParts(qint64 reservationId, qint64 refund, const QString& kind,
                                               int quotedVersion, qint64 quotedAmount,
                                               const std::function<Status(const Reservation&)>& check);
    // What finishes the booking once every part is recorded (cancelled, no-show), in the recording's transaction.
    using RefundFinish = std::function<Result<Reservation>(Transaction& tx)>;
    // Asks the provider for each claimed part, newest first, outside any transaction, then records in one
    // transaction what came back: all parts given back -> recorded and `finish`ed. The first part refused (nothing
    // given back yet) -> every claim released, the booking as it was. Refused or unanswered after a part was given
    // back -> what was given back is recorded, a refused part (and those not asked yet) flagged RefundFailed for the
    // reconciler to ask again, an unanswered one left claimed for it to look up; PaymentPending.
    Result<Reservation> refundAcross(const Actor& actor, const Reservation& r, const QList<RefundPart>& parts,
                                     const QString& kind, const QString& reason, const RefundFinish& finish);
    // Records payment paymentId's part of a `kind` refund, given back by the provider (status cancelled,
    // refund_amount, its event, the day's refunds, who gave it back). Guarded by its claim: false when it was
    // recorded or released meanwhile.
    static bool recordRefundPart(Transaction& tx, const Actor& actor, qint64 paymentId, const QString& kind,
                                 qint64 refunded);
    // The booking's payments still claimed by a `kind` refund, with a share > 0 (not yet given back).
    static int openRefundParts(SqlSession& s, qint64 reservationId, const QString& kind);
    // What the recorded parts of a `kind` refund gave back in all.
    static qint64 recordedRefund(SqlSession& s, qint64 reservationId, const QString& kind);
    // When no part with a share is left open: records the parts that keep their money (share 0) and runs `finish`.
    // nullopt while some part is still to be given back.
    static Result<std::optional<Reservation>> finishWhenRefunded(Transaction& tx, const Actor& actor,
                                                                 qint64 reservationId, const QString& kind,
                                                                 const RefundFinish& finish);
    // The cancel itself once its parts are recorded: confirmed -> cancelled with what they gave back, the nights
    // freed, points undone, events, notification, read model, audit.
    Result<Reservation> finishCancel(Transaction& tx, const Actor& actor, qint64 reservationId, const QString& reason,
                                     QString auditDetails);

    // A booking with a balance due is refused unless `options` carries its payment or a manager's override.
    Result<Reservation> checkIn(const Actor& actor, qint64 reservationId, const CheckInOptions& options = {});
    // Before the last night (an early departure), the nights from today on are freed and the stay ends today; the
    // refund of the unused nights (by the rule, or staff's with a reason) is decided in the same guarded transaction
    // and given back after the commit: at the desk at once, through a payment service as a partial cancel of each
    // payment, newest first (blocks while it is asked; the desk runs it on a worker). `settlement` says how it went.
    Result<Reservation> checkOut(const Actor& actor, qint64 reservationId, const CheckOutOptions& options = {},
                                 ChangeSettlement* settlement = nullptr);
    // What checkOut() frees and gives back with these options, without doing it. Staff only.
    Result<DepartureQuote> quoteCheckOut(const Actor& actor, qint64 reservationId,
                                         const CheckOutOptions& options = {}) const;

    Result<Reservation> get(qint64 reservationId) const;
    // The kiosk's "find my booking": the code and the phone must both match.
    Result<Reservation> findByCode(const QString& code, const QString& phone) const;
    // Real reservations (not holds) of one customer, newest check-in first.
    Result<QList<Reservation>> forCustomer(qint64 customerId) const;

    static QString newReservationCode(); // "CD-" and six characters without look-alikes (no 0/O, 1/I)
    // The start of a booking code as typed into a search, trimmed and in capitals (an order id is the same in small
    // letters). Empty unless it is the "CD-" every code and order id starts with and two more characters: anything
    // else finds no code, so a search leaves codes out, and a shorter start hands over nearly every booking, which
    // the screens would then sort (18 s at a million).
    static QString codeSearchPrefix(const QString& typed);

private:
    // A group booking holds, confirms and cancels its parts with the steps below, in transactions of its own.
    friend class GroupBookingService;

    // With groupCode, the part of a group booking: its confirmation names the group, and it earns pointsShare (its
    // share of what the group's one payment earns) instead of the rule on its own amount.
    Result<Reservation> confirmPaid(const Actor& actor, qint64 reservationId, const PaymentOutcome& outcome,
                                    const QString& groupCode = QString(), qint64 pointsShare = -1);
    // beginPayment() for a hold book() has just made, without reading it back.
    Result<PaymentRequest> beginPaymentForNewHold(const Actor& actor, const Reservation& held,
                                                  const PaymentGateway& gateway, const QString& method,
                                                  const QString& paymentKey);
    Status releaseWithPayment(qint64 reservationId, const QString& reason);
    // OnFailure::KeepHold: fails the pending payment and keeps a current hold for another try (a lapsed one is
    // released as usual). True when the hold was kept.
    Result<bool> failPaymentKeepHold(qint64 reservationId, const QString& reason);
    Result<CancelQuote> quoteCancel(SqlSession& s, const Actor& actor, const CancelRequest& request) const;
    // Marks the booking's approved payment as being refunded (refund_requested), only while the booking is
    // confirmed and no other refund is claimed; check-in refuses while it stands. AlreadyDone when another cancel
    // holds it, Invalid after check-in. With quotedVersion (> 0), the version the refund was worked out from: a booking
    // changed since refuses (AlreadyDone), as its refund would be the old price's.
    Status claimRefund(qint64 reservationId, qint64 paymentId, qint64 refund, int quotedVersion = 0);
    // The answer to a refund that did not go through: a definite "no" releases the claim, no answer keeps it.
    Error refundNotDone(const Reservation& r, qint64 paymentId, qint64 refund, const PaymentOutcome& outcome);
    Status releaseRefundClaim(qint64 paymentId, qint64 refund);
    Result<Reservation> cancelPaid(const Actor& actor, qint64 reservationId, qint64 refund, const QString& reason,
                                   QString auditDetails);
    // The guarded confirmed -> cancelled of a cancel (the row as it was before), and the rest of what a cancel writes
    // (nights, stock, points, events, notification, read model, audit) once its payments are recorded.
    Result<Reservation> guardCancel(Transaction& tx, qint64 reservationId, qint64 refund, const QString& reason);
    Reservation closeCancelled(Transaction& tx, const Actor& actor, const Reservation& before, qint64 refund,
                               const QString& reason, QString auditDetails, qint64 refundsToday);
    Result<Reservation> moveStay(const Actor& actor, qint64 reservationId, ReservationStatus to,
                                 const CheckInOptions& options = {}, const CheckOutOptions& leaving = {},
                                 QList<DepartureRefundPart>* claims = nullptr, DepartureQuote* departure = nullptr);

    Database& m_db;
    QHash<QString, PaymentGateway*> m_gateways;
};

} // namespace campdesk
