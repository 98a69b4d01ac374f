#pragma once

#include "domain/campgroundsettings.h"
#include "domain/rateplan.h"
#include "domain/reservation.h"

#include <QCoreApplication>

namespace campdesk {

class BookingService;

// Everything a receipt prints, read in one go: the booking, the campground's details (settings), the lines it was
// priced with when it was booked (each night with its band and day type, extra persons, vehicles, points), and how
// and when it was paid.
struct ReceiptDetails
{
    Reservation reservation;
    CampgroundInfo campground;
    QList<StayLine> lines; // as stored; empty for a booking made before rate plans (the total is shown alone)
    QString method; // the approved payment's method key ("cash", "card", ...), empty when nothing was paid
    qint64 paidAt = 0; // ms since the epoch
};

class ReceiptQuery
{
    Q_DECLARE_TR_FUNCTIONS(ReceiptQuery)

public:
    static Result<ReceiptDetails> details(const BookingService& bookings, qint64 reservationId);
};

} // namespace campdesk
