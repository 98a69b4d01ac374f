#pragma once

#include "core/actor.h"
#include "domain/reservation.h"

#include <QDialog>
#include <QList>
#include <functional>
#include <memory>

class QGroupBox;
class QLabel;
class QPushButton;

namespace campdesk {

class BookingService;
class GuestDetailsForm;
class GuestDetailsService;
class PaymentGateway;
class ServiceFlow;
struct ServiceOutcome;

// One reservation's details with the desk's actions on it: check in, check out (each confirmed first, and the day's
// last one can be undone), take a balance still due, mark a no-show, cancel (with the refund shown first) and print or
// save the receipt. Stays current when another terminal changes the booking.
class ReservationDialog final : public QDialog
{
    Q_OBJECT
public:
    ReservationDialog(BookingService& bookings, qint64 reservationId, const Actor& actor, QWidget* parent = nullptr);
    // With the guest details (name, plates, equipment, staff notes), shown and edited in the dialog.
    ReservationDialog(BookingService& bookings, GuestDetailsService& guestDetails, qint64 reservationId,
                      const Actor& actor, QWidget* parent = nullptr);

    const Reservation& reservation() const { return m_reservation; }
    bool reload();
    // True while a refund runs at the payment provider (off the GUI thread); the actions are disabled meanwhile.
    bool isBusy() const;
    ServiceFlow* flow() const { return m_flow; }
    // The card payment the desk offers (DeskActions: the online payment service, else the simulated terminal),
    // registered on the BookingService; offered for a balance due at check-in. Null: cash and card machine only.
    void setCardGateway(const PaymentGateway* card) { m_cardGateway = card; }

public slots:
    // Each asks first (naming the guest, site and dates), then runs off the GUI thread.
    void checkIn();
    // A stay with a balance due asks first whether to take it now (the balance dialog), else checks out owing it.
    void checkOut();
    // The balance still owed (after a manager let the guest in without it, or before arrival), in the balance dialog;
    // true when it was taken.
    bool takeBalance();
    void markNoShow();
    void undoLastStep(); // the last check-in or check-out, the same day
    void cancelReservation();
    // A part of a group booking: every site of the group still booked, each refunded by its own rule (asks first).
    void cancelGroup();
    // A part of a group booking: every site of the group moved or made longer or shorter at once (GroupChangeDialog
    // shows each site's new stay and price first).
    void changeGroup();
    void saveGuestDetails();
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
    // Runs `call` on the flow's worker with `progress` shown meanwhile.
    void run(const QString& progress, std::function<Result<Reservation>(BookingService&)> call);
    QString stayDescription() const; // "김민준 at A-01 숲속 1 (3/4 – 3/6)"
    void loadGuestDetails();
    void loadExtras(); // the extra lines with a "consumed" box each (staff)

    BookingService& m_bookings;
    Actor m_actor;
    Reservation m_reservation;
    QLabel* m_details;
    QLabel* m_message;
    QLabel* m_outcome; // what happened to the money of the last action (not an error)
    QLabel* m_saved = nullptr; // where the last receipt was saved
    QPushButton* m_checkIn;
    QPushButton* m_checkOut;
    QPushButton* m_takeBalance;
    QPushButton* m_cancel;
    QPushButton* m_change;
    QPushButton* m_noShow;
    QPushButton* m_undo;
    QPushButton* m_cancelGroup;
    QPushButton* m_changeGroup;
    qint64 m_groupId = 0; // the group this booking is part of, 0 for a single booking
    // Said after the running action succeeds (written by its worker, read once it has finished).
    std::shared_ptr<QString> m_outcomeNote = std::make_shared<QString>();
    QList<QPushButton*> m_others; // print, PDF, close: also off while a refund runs
    ServiceFlow* m_flow;
    const PaymentGateway* m_cardGateway = nullptr;
    GuestDetailsService* m_guestDetails = nullptr;
    GuestDetailsForm* m_guestForm = nullptr;
    QPushButton* m_saveGuestDetails = nullptr;
    QLabel* m_guestDetailsState = nullptr;
    QGroupBox* m_extrasBox = nullptr;
};

} // namespace campdesk
