#pragma once

#include "core/actor.h"
#include "domain/reservation.h"
#include "domain/reservationchange.h"

#include <QDialog>
#include <memory>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace campdesk {

class BookingService;
class CampsiteService;
class FieldMessage;
class NumberEdit;
class ServiceFlow;
struct ServiceOutcome;

// Changes a reservation: its site, dates and party, with the new price, the difference to take at the desk or the
// refund of the nights given up (by the rule, or overridden with a reason) shown before anything is done. Opened from
// the reservation's dialog, or pre-filled from a drag on the rack; never changes anything until "Change booking".
// The change runs on a worker (ServiceFlow); errors appear next to the field they are about.
class ChangeDialog final : public QDialog
{
    Q_OBJECT
public:
    ChangeDialog(BookingService& bookings, CampsiteService& campsites, const Reservation& reservation,
                 const Actor& actor, QWidget* parent = nullptr);

    // What a drag on the rack proposes: another site and/or other dates.
    void prefill(qint64 campsiteId, const QDate& checkIn, const QDate& checkOut);
    ChangeRequest request() const;
    // Opens on the site field (moving a booking off a site being retired).
    void focusSite();
    const Reservation& changed() const { return m_changed; }
    bool isBusy() const;
    // The last quote shown (for tests): empty when the request is not valid.
    QString quoteText() const;
    // How the money of the change went (a refund through the payment service), once it is done.
    const ChangeSettlement& settlement() const { return *m_settlement; }

public slots:
    void requote();
    void confirm();
    void reject() override;

private:
    void finished(const ServiceOutcome& outcome);
    void showError(const Error& error);
    void clearErrors();
    // The party's limits follow the chosen site (its max guests) and the guests (at least one adult).
    void updateLimits();

    BookingService& m_bookings;
    Actor m_actor;
    Reservation m_reservation;
    Reservation m_changed;
    QComboBox* m_site;
    QDateEdit* m_checkIn;
    QDateEdit* m_checkOut;
    QSpinBox* m_guests;
    QSpinBox* m_children;
    QSpinBox* m_vehicles;
    ChangeParty m_party; // as the booking has it now
    QComboBox* m_method;
    QCheckBox* m_override;
    NumberEdit* m_refund;
    QLineEdit* m_reason;
    FieldMessage* m_siteRow;
    FieldMessage* m_checkInRow;
    FieldMessage* m_checkOutRow;
    FieldMessage* m_guestsRow;
    FieldMessage* m_childrenRow;
    FieldMessage* m_vehiclesRow;
    FieldMessage* m_refundRow;
    FieldMessage* m_reasonRow;
    FieldMessage* m_methodRow;
    QLabel* m_quote;
    QLabel* m_message;
    QPushButton* m_confirm;
    ServiceFlow* m_flow;
    // Written by the worker's change, read after finished().
    std::shared_ptr<ChangeSettlement> m_settlement = std::make_shared<ChangeSettlement>();
    bool m_charging = false; // the quote charges the guest's card through the payment service
};

} // namespace campdesk
