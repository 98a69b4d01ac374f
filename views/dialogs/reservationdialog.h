#pragma once

#include "core/actor.h"
#include "domain/reservation.h"

#include <QDialog>

class QLabel;
class QPushButton;

namespace campdesk {

class BookingService;

// One reservation's details with the desk's actions on it: check in, check out, cancel (with the refund shown
// first) and print or save the receipt. Stays current when another terminal changes the booking.
class ReservationDialog final : public QDialog
{
    Q_OBJECT
public:
    ReservationDialog(BookingService& bookings, qint64 reservationId, const Actor& actor, QWidget* parent = nullptr);

    const Reservation& reservation() const { return m_reservation; }
    bool reload();

public slots:
    void checkIn();
    void checkOut();
    void cancelReservation();
    void printReceipt();
    void saveReceiptPdf();

private:
    void show(const Reservation& r);

    BookingService& m_bookings;
    Actor m_actor;
    Reservation m_reservation;
    QLabel* m_details;
    QLabel* m_message;
    QPushButton* m_checkIn;
    QPushButton* m_checkOut;
    QPushButton* m_cancel;
};

} // namespace campdesk
