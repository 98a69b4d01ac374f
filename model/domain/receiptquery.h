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
    // A booking made with a deposit: the deposit paid when booking and the balance taken at check-in since (the
    // reservation's balanceDue is what is still owed). Both 0 for a booking paid in full.
    qint64 deposit = 0;
    qint64 balancePaid = 0;
};

class ReceiptQuery
{
    Q_DECLARE_TR_FUNCTIONS(ReceiptQuery)

public:
    static Result<ReceiptDetails> details(const BookingService& bookings, qint64 reservationId);
};

} // namespace campdesk
