#pragma once

#include "core/actor.h"
#include "domain/bookingservice.h"
#include "domain/noshowsettings.h"

#include <QCoreApplication>

namespace campdesk {

// Closes a confirmed booking nobody arrived for (issue 18, item 3; decisions.md "No-show"): after the cutoff staff
// mark it, or the sweep does when switched on. The guarded move confirmed -> no_show frees the nights from the day
// it is marked, refunds by the rule through the refund claim when not zero, takes back the points it earned (at most
// the balance) and notifies the customer, in one transaction with its event, audit row and read model.
class NoShowService
{
    Q_DECLARE_TR_FUNCTIONS(NoShowService)

public:
    // The bookings' database and payment gateways (for a refund) are used.
    explicit NoShowService(BookingService& bookings);

    // What marking would refund now, and whether it may be marked yet (Invalid with the cutoff when not).
    Result<qint64> refundIfMarked(const Actor& actor, qint64 reservationId) const;
    Result<Reservation> markNoShow(const Actor& actor, qint64 reservationId);
    // Marks every confirmed booking past its cutoff when the rules switch the sweep on (0 when off); safe when two
    // terminals sweep at once: the guarded transition lets one of them mark each booking. Returns how many it marked.
    Result<int> sweep(const Actor& actor);
    // What finishes a no-show whose refund went back across its payments, once every part is recorded (also the
    // reconciler's, when it records the last part of a no-show's refund whose answer was lost).
    BookingService::RefundFinish finisher(const Actor& actor, qint64 reservationId);
    // The guarded confirmed -> no_show in tx; `refunded`: its payments' parts of `refund` are recorded already.
    Result<Reservation> mark(Transaction& tx, const Actor& actor, qint64 reservationId, qint64 refund, bool refunded);

private:
    Status check(SqlSession& s, const Reservation& r, const NoShowRules& rules) const;
    Result<Reservation> transition(const Actor& actor, qint64 reservationId, qint64 refund);

    BookingService& m_bookings;
    Database& m_db;
};

} // namespace campdesk
