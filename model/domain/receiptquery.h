#pragma once

#include "domain/campgroundsettings.h"
#include "domain/reservation.h"

#include <QCoreApplication>

namespace campdesk {

class BookingService;

// Everything a receipt prints, read in one go: the booking, the campground's details (settings), one line per
// night with its price band, and how and when it was paid.
struct ReceiptDetails
{
    struct Night
    {
        QDate night;
        qint64 price = 0;
        bool weekend = false;
    };
    Reservation reservation;
    CampgroundInfo campground;
    QList<Night> nights; // empty when today's rates no longer add up to what was paid (the total is shown alone)
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
