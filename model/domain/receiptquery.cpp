#include "domain/receiptquery.h"

#include "domain/bookingservice.h"

namespace campdesk {

Result<ReceiptDetails> ReceiptQuery::details(const BookingService& bookings, qint64 reservationId)
{
    return bookings.database().read([&](SqlSession& s) -> Result<ReceiptDetails> {
        ReceiptDetails d;
        SqlRows r = s.exec(QStringLiteral("SELECT ") + Reservation::columns() + Reservation::tables()
                               + QStringLiteral(" WHERE r.id = ?"),
                           { reservationId });
        if (!r.next())
            return Error(ErrorCode::NotFound, tr("This booking no longer exists."));
        d.reservation = Reservation::fromRow(r);
        d.campground = CampgroundSettings::load(s);
        SqlRows p = s.exec(QStringLiteral("SELECT method, COALESCE(approved_at, created_at) FROM payments WHERE "
                                          "reservation_id = ? AND status IN ('approved', 'cancelled') ORDER BY id "
                                          "LIMIT 1"),
                           { reservationId });
        if (p.next()) {
            d.method = p.value(0).toString();
            d.paidAt = p.value(1).toLongLong();
        }
        // The deposit: the booking's own payment (its order id), when a balance was or is due besides.
        SqlRows paid = s.exec(QStringLiteral("SELECT COALESCE(SUM(CASE WHEN order_id = ? THEN amount ELSE 0 END), 0), "
                                             "COALESCE(SUM(CASE WHEN order_id <> ? THEN amount ELSE 0 END), 0) FROM "
                                             "payments WHERE reservation_id = ? AND status = 'approved'"),
                              { d.reservation.orderId, d.reservation.orderId, reservationId });
        if (paid.next() && (d.reservation.balanceDue > 0 || paid.value(1).toLongLong() > 0)) {
            d.deposit = paid.value(0).toLongLong();
            d.balancePaid = paid.value(1).toLongLong();
        }
        paid.finish();
        // The lines stored when the booking was held: what was charged, whatever the rates say today.
        SqlRows lines
            = s.exec(QStringLiteral("SELECT kind, night, label_code, quantity, unit_price, amount, label FROM "
                                    "reservation_lines WHERE reservation_id = ? ORDER BY id"),
                     { reservationId });
        while (lines.next()) {
            d.lines.append(StayLine::fromStored(lines.value(0).toString(), lines.value(1).toString(),
                                                lines.value(2).toString(), lines.value(3).toInt(),
                                                lines.value(4).toLongLong(), lines.value(5).toLongLong()));
            d.lines.last().name = lines.value(6).toString(); // an extra's name when it was booked
        }
        return d;
    });
}

} // namespace campdesk
