#pragma once

#include "core/actor.h"
#include "domain/bookingservice.h"
#include "domain/waitlistentry.h"

#include <QCoreApplication>
#include <QList>
#include <optional>

namespace campdesk {

// What the desk or the kiosk asks for when no site fits.
struct WaitlistRequest
{
    QDate checkIn;
    QDate checkOut; // exclusive
    int guests = 1;
    std::optional<CampsiteKind> kind; // none: any kind
    Customer customer; // name and phone; e-mail and language optional
};

// The waitlist (issue 20, item 1; decisions.md "Waitlist"): customers join when nothing fits; when nights free up the
// first waiting entry that fits a free site is offered it as a hold (the booking engine's held reservation, so its
// nights rows guard it like any hold) that lasts the offer time, with a message through the outbox. An offer that
// lapses releases the hold and the next entry is offered. Every terminal may sweep at once: the nights' primary key
// lets one hold win each night, and the guarded move waiting -> offered lets one offer win each entry.
class WaitlistService
{
    Q_DECLARE_TR_FUNCTIONS(WaitlistService)

public:
    static constexpr int defaultOfferMinutes = 120;
    static constexpr int minOfferMinutes = 5;
    static constexpr int maxOfferMinutes = 7 * 24 * 60;

    explicit WaitlistService(BookingService& bookings);

    Status validate(const WaitlistRequest& request) const;
    // Adds an entry (staff or kiosk). The same phone and dates already waiting or offered: AlreadyDone.
    Status join(const Actor& actor, const WaitlistRequest& request);

    // Staff: the entries, in offer order (live ones first), optionally of one status.
    Result<QList<WaitlistEntry>> list(const Actor& actor, std::optional<WaitlistStatus> status = std::nullopt) const;
    Result<WaitlistEntry> get(const Actor& actor, qint64 entryId) const;
    // Staff: swaps a waiting entry with the waiting entry before (up) or after it.
    Status move(const Actor& actor, qint64 entryId, bool up);
    // Staff: takes an entry off the list; an open offer's hold is released.
    Status remove(const Actor& actor, qint64 entryId);
    // Staff: offers this waiting entry a free site now, out of turn. SiteTaken when none fits.
    Result<WaitlistEntry> offer(const Actor& actor, qint64 entryId);
    // Staff: pays an offer's held booking through gateway (the usual pay step) and marks the entry booked.
    Result<Reservation> convert(const Actor& actor, qint64 entryId, PaymentGateway& gateway,
                                const QString& method = QStringLiteral("card"));

    // The kiosk (or the desk): the held booking of an open offer, by the booking code the offer's message carries and
    // the phone the customer joined with. NotFound for any other code or phone (the caller counts it as a miss);
    // AlreadyDone with a message when the offer lapsed or was already paid. Reads nothing of the entry but its status.
    Result<Reservation> findOffer(const Actor& actor, const QString& code, const QString& phone) const;
    // Pays that held booking through gateway (the usual pay step; blocks on the gateway) and marks the entry booked.
    // A card declined (or payments busy) fails that payment only: the offer stays offered and its nights held until
    // the offer's expiry (ErrorCode::Payment / PaymentsBusy with field "holdKept"), and the same code pays again.
    Result<Reservation> payOffer(const Actor& actor, const QString& code, const QString& phone, PaymentGateway& gateway,
                                 const QString& method = QStringLiteral("card"));

    // The sweep (every terminal, on a timer and when nights free up): lapsed holds are released, offers whose booking
    // was paid become booked and lapsed ones expired, entries past their check-in expire, then waiting entries are
    // offered in order. Returns how many offers it made.
    Result<int> sweep();

    // How long an offer's hold lasts (the settings table, "waitlist.offer_minutes"); manager only to change.
    Result<int> offerMinutes() const;
    Status setOfferMinutes(const Actor& actor, int minutes);

private:
    // Tries each free site that fits the entry; false when none could be held.
    Result<bool> tryOffer(const WaitlistEntry& entry, int offerMinutes);
    Status settle();
    // beginPayment / charge / finishPayment on the offer's held booking; a confirmed one makes its entry booked.
    Result<Reservation> payHeld(const Actor& actor, qint64 reservationId, PaymentGateway& gateway,
                                const QString& method);

    BookingService& m_bookings;
    Database& m_db;
};

} // namespace campdesk
