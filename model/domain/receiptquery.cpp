#include "domain/receiptquery.h"

#include "domain/bookingservice.h"
#include "domain/campsite.h"

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
        // The nights at the site's rates (weekday or weekend band); shown only when they add up to the price
        // paid, so a rate changed since the booking never prints a wrong line.
        SqlRows site = s.exec(QStringLiteral("SELECT nightly_price, COALESCE(weekend_price, 0) FROM campsites "
                                             "WHERE id = ?"),
                              { d.reservation.campsiteId });
        if (site.next()) {
            Campsite c;
            c.nightlyPrice = site.value(0).toLongLong();
            c.weekendPrice = site.value(1).toLongLong();
            qint64 sum = 0;
            for (QDate night = d.reservation.checkIn; night < d.reservation.checkOut; night = night.addDays(1)) {
                const qint64 price = c.priceFor(night);
                const bool weekend
                    = c.weekendPrice > 0 && (night.dayOfWeek() == Qt::Friday || night.dayOfWeek() == Qt::Saturday);
                d.nights.append({ night, price, weekend });
                sum += price;
            }
            if (sum != d.reservation.price())
                d.nights.clear();
        }
        return d;
    });
}

} // namespace campdesk
