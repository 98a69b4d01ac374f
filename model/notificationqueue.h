#pragma once

#include "database.h"

namespace campdesk {

// Queues the customer's notifications for a reservation event inside the caller's write transaction
// (the outbox): one row per channel the customer can be reached on. Sending happens later, elsewhere.
class NotificationQueue
{
public:
    // type: ReservationConfirmed or ReservationCancelled. Returns how many notifications were queued.
    static int enqueueForReservation(Transaction& tx, qint64 eventId, EventType type, qint64 reservationId);
};

} // namespace campdesk
