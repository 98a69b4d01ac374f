#pragma once

#include "core/actor.h"

#include <QDate>
#include <QObject>
#include <functional>

class QDialog;
class QWidget;

namespace campdesk {

class ChangeDialog;
class ReservationDialog;
class PaymentGateway;

struct AppContext;

// The front desk's workflows, opened from any page: a new desk booking (optionally prefilled from the rack),
// a reservation's detail (check-in/out, cancel, receipt) and a manager's points adjustment.
class DeskActions final : public QObject
{
    Q_OBJECT
public:
    DeskActions(AppContext& context, const Actor& actor, QWidget* window);

    // Test seam: called with every dialog right after it is shown (non-modal, so a test can drive it).
    using DialogObserver = std::function<void(QDialog*)>;
    static void setDialogObserverForTesting(DialogObserver observer);

public slots:
    void newBooking();
    void newBookingFor(qint64 campsiteId, const QDate& checkIn, const QDate& checkOut);
    // Several sites for one payer and one payment (issue 20, item 2).
    void newGroupBooking();
    // Returns the dialog (shown, non-modal) or null.
    ReservationDialog* openReservation(qint64 reservationId);
    // The reservation's dialog with its balance dialog open over it (the Reservations and day sheet menus).
    void takeBalance(qint64 reservationId);
    // The change dialog for a reservation; with a campsite and dates, pre-filled (a drag on the rack).
    void changeReservation(qint64 reservationId);
    // The change dialog with its site field first: moving a booking off a site being retired.
    void moveReservation(qint64 reservationId);
    void changeReservationTo(qint64 reservationId, qint64 campsiteId, const QDate& checkIn, const QDate& checkOut);
    void adjustPoints(qint64 customerId);
    void editCustomer(qint64 customerId);
    // A site block for a date range (the rack's "Block dates…"), with its kind and reason.
    void blockDates(qint64 campsiteId, const QDate& from, const QDate& to);
    void removeBlock(qint64 blockId); // asks first

signals:
    void booked(qint64 reservationId);
    void changed(qint64 reservationId);

private:
    void present(QDialog* dialog);
    // The card payment the desk offers: the online payment service, else the simulated terminal.
    PaymentGateway* cardGateway() const;
    ChangeDialog* openChange(qint64 reservationId, qint64 campsiteId, const QDate& checkIn, const QDate& checkOut);

    AppContext& m_context;
    Actor m_actor;
    QWidget* m_window;
};

} // namespace campdesk
