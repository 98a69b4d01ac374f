#pragma once

#include "db/database.h"

namespace campdesk::test {

struct Guest
{
    QString name = QStringLiteral("김민수");
    QString email = QStringLiteral("minsu@example.com"); // empty: no e-mail
    QString language = QStringLiteral("ko");
    bool messageConsent = true; // a webhook (SMS) notification too
};

// Writes what a confirmed (or cancelled) booking leaves behind, the way the booking engine's transaction does:
// a campsite, the customer, the reservation (2 nights, 52,000 won, 2,600 points earned, 1,000 used), its
// event and, through NotificationQueue, its notifications. n makes codes unique. Returns the reservation id.
qint64 writeBooking(Transaction& tx, int n, const Guest& guest = Guest(),
                    EventType type = EventType::ReservationConfirmed);

// A guest reachable by e-mail only (guestN@example.com), or by SMS/webhook only.
Guest emailOnlyGuest(int n);
Guest smsOnlyGuest();

// writeBooking for n = first .. first + count - 1 with guest(n), in one write transaction.
Status writeBookings(Database& db, int first, int count, Guest (*guest)(int));

} // namespace campdesk::test
