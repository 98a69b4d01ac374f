#pragma once

#include "core/actor.h"
#include "domain/bookingservice.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace campdesk {

class FieldMessage;
class NumberEdit;

// Checking out a guest who leaves before the last night (issue 18, item 2): says which nights become free and what
// they were sold for, the refund the cancellation rule gives on the day, and what the guest gets back; staff may give
// back another amount (0 = none) with a reason. Nothing happens until "Check out"; OK stays disabled while the input
// is wrong, and what is wrong is said next to its field.
class CheckOutDialog final : public QDialog
{
    Q_OBJECT
public:
    CheckOutDialog(BookingService& bookings, const Reservation& reservation, const Actor& actor, const QString& stay,
                   QWidget* parent = nullptr);

    CheckOutOptions options() const;
    const DepartureQuote& quote() const { return m_quote; }
    QString problem() const { return m_problem; }

private:
    void revalidate();

    BookingService& m_bookings;
    Reservation m_reservation;
    Actor m_actor;
    DepartureQuote m_quote;
    bool m_quoted = false;
    bool m_atDesk = false; // some of a refund would be handed back at the desk
    QString m_problem;
    QFormLayout* m_form = nullptr;
    QLabel* m_summary;
    QLabel* m_rule;
    QCheckBox* m_override;
    NumberEdit* m_amount;
    FieldMessage* m_amountRow;
    QLineEdit* m_reason;
    FieldMessage* m_reasonRow;
    QComboBox* m_method;
    FieldMessage* m_methodRow;
    QLabel* m_back;
    QLabel* m_message;
    QDialogButtonBox* m_buttons;
};

} // namespace campdesk
