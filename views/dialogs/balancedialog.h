#pragma once

#include "core/actor.h"
#include "domain/reservation.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;

namespace campdesk {

class BookingService;
class FieldMessage;
class PaymentGateway;
class ServiceFlow;
struct ServiceOutcome;

// Checking in a deposit booking: shows the balance due and asks how it is paid (cash, the desk's card machine, or a
// card through the payment service when the terminal has one); a manager may instead check the guest in without it,
// with a reason. OK takes the balance and checks in on a worker (a busy bar meanwhile); a declined card or any other
// refusal shows under the payment choice and changes nothing, and the dialog stays open for another way to pay.
// It closes (accepted) once the guest is checked in. With Purpose::Payment it takes a balance still owed on its own
// (from the booking, or before a check-out), the same ways, without checking anyone in.
class BalanceDialog final : public QDialog
{
    Q_OBJECT

public:
    enum class Purpose {
        CheckIn, // the balance, then the check-in (or, for a manager, the check-in without it)
        Payment, // the balance only
    };
    // card: the card gateway the desk offers for new bookings (the online payment service or the simulated terminal),
    // registered on `bookings`; null: not offered.
    BalanceDialog(BookingService& bookings, const Reservation& reservation, const Actor& actor,
                  const PaymentGateway* card = nullptr, QWidget* parent = nullptr, Purpose purpose = Purpose::CheckIn);

    Purpose purpose() const { return m_purpose; }
    ~BalanceDialog() override;

    QString method() const; // "cash", "desk_card" or "card" (through the payment service)
    bool withoutBalance() const; // a manager lets the guest in owing it
    QString reason() const;
    QString problem() const { return m_problem; }
    // The booking as the check-in (or the payment) left it (when accepted).
    const Reservation& reservation() const { return m_reservation; }
    // What went wrong last (empty when nothing did): the caller shows it when the dialog is closed without checking in.
    QString lastError() const { return m_lastError; }
    bool isPaying() const { return m_paying; }
    ServiceFlow* flow() const { return m_flow; }

public slots:
    void accept() override;
    void reject() override; // not while the money may be moving

private:
    void revalidate();
    void setPaying(bool paying);
    void finished(const ServiceOutcome& outcome);

    BookingService& m_bookings;
    Reservation m_reservation;
    Actor m_actor;
    Purpose m_purpose;
    QString m_cardProvider;
    QString m_problem;
    QString m_lastError;
    bool m_paying = false;
    bool m_pending = false; // the payment service did not answer: the payment is left for the reconciler
    QComboBox* m_method;
    FieldMessage* m_methodRow;
    QCheckBox* m_skip = nullptr;
    QLineEdit* m_reason = nullptr;
    FieldMessage* m_reasonRow = nullptr;
    QProgressBar* m_progress;
    QDialogButtonBox* m_buttons;
    ServiceFlow* m_flow;
};

} // namespace campdesk
