#pragma once

#include "core/actor.h"
#include "domain/bookingservice.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace campdesk {

class FieldMessage;
class NumberEdit;

// Cancelling a reservation: shows what the cancellation rule refunds before anything happens; staff may
// override the refund, with a reason. OK stays disabled until the input is valid.
class CancelDialog final : public QDialog
{
    Q_OBJECT
public:
    CancelDialog(BookingService& bookings, const Reservation& reservation, const Actor& actor,
                 QWidget* parent = nullptr);

    CancelRequest request() const;
    QString problem() const { return m_problem; }
    qint64 ruleRefund() const { return m_quote.refund; }

private:
    void revalidate();
    // How the refund goes back across the booking's payments, when it has more than one.
    void showParts(const CancelQuote& quote);

    BookingService& m_bookings;
    Reservation m_reservation;
    Actor m_actor;
    CancelQuote m_quote;
    QString m_problem;
    QLabel* m_rule;
    QLabel* m_parts;
    QCheckBox* m_override;
    NumberEdit* m_amount;
    FieldMessage* m_amountRow;
    QLineEdit* m_reason;
    FieldMessage* m_reasonRow;
    QLabel* m_message;
    QDialogButtonBox* m_buttons;
};

} // namespace campdesk
