#pragma once

#include "core/actor.h"
#include "domain/bookingflow.h"
#include "domain/extras.h"

#include <QDate>
#include <QDialog>
#include <memory>

class QButtonGroup;
class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;

namespace campdesk {

class BookingFlow;
class CampsiteService;
class CustomerService;
class FieldMessage;
class GuestDetailsForm;
class GuestDetailsService;
class NumberEdit;
class PayerForm;
class UnsavedChanges;
class PaymentGateway;
class WaitlistService;

// A desk booking for a walk-in or phone customer: find or create the customer by phone, choose the site and
// dates (or arrive prefilled from the rack), see the quote, redeem points, and pay at the desk (cash, card
// machine) or on the simulated card terminal. The payment runs through BookingFlow, off the GUI thread; the
// dialog waits without blocking and closes with the confirmed reservation.
class DeskBookingDialog final : public QDialog
{
    Q_OBJECT
public:
    struct Gateways
    {
        PaymentGateway* desk = nullptr; // cash and card machine
        // The card payment (the online payment service, or the simulated terminal); may be null: not offered.
        PaymentGateway* simulated = nullptr;
    };

    DeskBookingDialog(BookingService& bookings, CustomerService& customers, CampsiteService& campsites,
                      Gateways gateways, const Actor& actor, QWidget* parent = nullptr);
    ~DeskBookingDialog() override;

    void prefill(qint64 campsiteId, const QDate& checkIn, const QDate& checkOut);
    // Adds the optional guest details (name, plates, equipment, notes), checked before paying and saved once paid.
    void setGuestDetailsService(GuestDetailsService* guestDetails);
    // Offers "Join the waitlist" when no site is free for the dates and party (issue 20, item 1).
    void setWaitlistService(WaitlistService* waitlist);
    // Whether the dialog offers joining the waitlist now (no site free for the dates and party).
    bool offersWaitlist() const;
    void joinWaitlist(); // asks, adds the customer for these dates, and closes
    const Reservation& reservation() const { return m_reservation; }
    bool isPaying() const { return m_paying; }
    QString problem() const; // why OK is disabled, empty when it is enabled

public slots:
    void accept() override; // starts the payment; the dialog closes when it is confirmed
    void reject() override; // refused while a payment is under way; asks before dropping typed details

private:
    void revalidate();
    BookingRequest request() const;
    void paymentFinished(const BookingOutcome& outcome);
    void setPaying(bool paying);
    void buildExtras(QGroupBox* stay);
    void updateWaitlistOffer();

    BookingService& m_bookings;
    CustomerService& m_customers;
    CampsiteService& m_campsites;
    Gateways m_gateways;
    Actor m_actor;
    std::unique_ptr<BookingFlow> m_flow;
    Reservation m_reservation;
    bool m_paying = false;
    qint64 m_balance = 0;
    QString m_problem;

    PayerForm* m_payer;
    QComboBox* m_campsite;
    QDateEdit* m_checkIn;
    QDateEdit* m_checkOut;
    NumberEdit* m_guests;
    NumberEdit* m_children;
    NumberEdit* m_vehicles;
    NumberEdit* m_points;
    FieldMessage* m_checkInRow;
    FieldMessage* m_checkOutRow;
    FieldMessage* m_guestsRow;
    FieldMessage* m_childrenRow;
    FieldMessage* m_vehiclesRow;
    FieldMessage* m_pointsRow;
    std::unique_ptr<UnsavedChanges> m_unsaved;
    QLabel* m_quote;
    QRadioButton* m_cash;
    QRadioButton* m_cardMachine;
    QRadioButton* m_simulated = nullptr;
    QRadioButton* m_payInFull = nullptr;
    QRadioButton* m_payDeposit = nullptr; // disabled while the deposit rule is off
    QLabel* m_message;
    QProgressBar* m_progress;
    QDialogButtonBox* m_buttons;
    GuestDetailsService* m_guestDetails = nullptr;
    QGroupBox* m_guestBox = nullptr;
    GuestDetailsForm* m_guestForm = nullptr;
    // Extras offered at the desk: a quantity field per item (empty or 0: not taken).
    std::unique_ptr<ExtrasService> m_extras;
    QList<std::pair<Extra, NumberEdit*>> m_extraFields;
    FieldMessage* m_extrasRow = nullptr;
    WaitlistService* m_waitlist = nullptr;
    QWidget* m_waitlistRow = nullptr;
    QLabel* m_waitlistText = nullptr;
    QPushButton* m_joinWaitlist = nullptr;
    QComboBox* m_waitlistKind = nullptr; // any kind, or the one the customer waits for
};

} // namespace campdesk
