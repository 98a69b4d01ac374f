#include "notificationfixture.h"

#include "domain/notificationqueue.h"

namespace campdesk::test {

qint64 writeBooking(Transaction& tx, int n, const Guest& guest, EventType type)
{
    const qint64 now = tx.nowMs();
    const qint64 site
        = tx.insert(QStringLiteral("INSERT INTO campsites (code, name, kind, max_guests, nightly_price, "
                                   "created_at, updated_at) VALUES (?, ?, 'tent', 4, 26000, ?, ?) "
                                   "RETURNING id"),
                    { QStringLiteral("T-%1").arg(n), QStringLiteral("솔숲 %1번 사이트").arg(n), now, now });
    const qint64 customer = tx.insert(
        QStringLiteral("INSERT INTO customers (name, phone, email, language, message_consent, created_at, updated_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        { guest.name, QStringLiteral("010-5555-%1").arg(n, 4, 10, QLatin1Char('0')),
          guest.email.isEmpty() ? QStringLiteral("") : guest.email, guest.language, guest.messageConsent ? 1 : 0, now,
          now });
    const bool cancelled = type == EventType::ReservationCancelled;
    const QString order = QStringLiteral("order-%1").arg(n);
    const qint64 reservation = tx.insert(
        QStringLiteral("INSERT INTO reservations (code, campsite_id, customer_id, check_in, check_out, guests, status, "
                       "amount, points_used, channel, order_id, refund_amount, created_at, updated_at) "
                       "VALUES (?, ?, ?, '2026-12-24', '2026-12-26', 3, ?, 52000, 1000, 'kiosk', ?, ?, ?, ?) "
                       "RETURNING id"),
        { QStringLiteral("CD-T%1").arg(n, 5, 10, QLatin1Char('0')), site, customer,
          cancelled ? QStringLiteral("cancelled") : QStringLiteral("confirmed"), order, cancelled ? 41600 : 0, now,
          now });
    tx.exec(QStringLiteral("INSERT INTO mileage_ledger (customer_id, delta, reason, source_id, created_at) "
                           "VALUES (?, 2600, 'payment', ?, ?)"),
            { customer, QString::number(reservation), now });
    const qint64 event = tx.recordEvent(type, QStringLiteral("reservation"), reservation);
    NotificationQueue::enqueueForReservation(tx, event, type, reservation);
    return reservation;
}

Guest emailOnlyGuest(int n)
{
    return Guest { QStringLiteral("김민수"), QStringLiteral("guest%1@example.com").arg(n), QStringLiteral("ko"),
                   false };
}

Guest smsOnlyGuest()
{
    return Guest { QStringLiteral("김민수"), QString(), QStringLiteral("ko"), true };
}

Status writeBookings(Database& db, int first, int count, Guest (*guest)(int))
{
    return db.write([&](Transaction& tx) -> Status {
        for (int n = first; n < first + count; ++n)
            writeBooking(tx, n, guest(n));
        return {};
    });
}

} // namespace campdesk::test
