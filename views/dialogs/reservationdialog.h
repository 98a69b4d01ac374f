#pragma once

#include "core/actor.h"
#include "domain/reservation.h"

#include <QDialog>
#include <QList>

class QLabel;
class QPushButton;

namespace campdesk {

class BookingService;
class ServiceFlow;
struct ServiceOutcome;

// One reservation's details with the desk's actions on it: check in, check out, cancel (with the refund shown
// first) and print or save the receipt. Stays current when another terminal changes the booking.
class ReservationDialog final : public QDialog
{
    Q_OBJECT
public:
    ReservationDialog(BookingService& bookings, qint64 reservationId, const Actor& actor, QWidget* parent = nullptr);

    const Reservation& reservation() const { return m_reservation; }
    bool reload();
    // True while a refund runs at the payment provider (off the GUI thread); the actions are disabled meanwhile.
    bool isBusy() const;
    ServiceFlow* flow() const { return m_flow; }

public slots:
    void checkIn();
    void checkOut();
    void cancelReservation();
    void printReceipt();
    void saveReceiptPdf();
    // Closing waits for a running refund's answer: its outcome must be seen.
    void reject() override;

signals:
    // "Change…": the desk wants to move this booking, change its dates or its party (DeskActions opens the dialog).
    void changeRequested(qint64 reservationId);

private:
    void show(const Reservation& r);
    void setBusy(bool busy);
    void cancelFinished(const ServiceOutcome& outcome);

    BookingService& m_bookings;
    Actor m_actor;
    Reservation m_reservation;
    QLabel* m_details;
    QLabel* m_message;
    QLabel* m_saved = nullptr; // where the last receipt was saved
    QPushButton* m_checkIn;
    QPushButton* m_checkOut;
    QPushButton* m_cancel;
    QPushButton* m_change;
    QList<QPushButton*> m_others; // print, PDF, close: also off while a refund runs
    ServiceFlow* m_flow;
};

} // namespace campdesk
