#pragma once

#include "core/actor.h"
#include "domain/bookingservice.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace campdesk {

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

    BookingService& m_bookings;
    Reservation m_reservation;
    Actor m_actor;
    CancelQuote m_quote;
    QString m_problem;
    QLabel* m_rule;
    QCheckBox* m_override;
    QSpinBox* m_amount;
    QLineEdit* m_reason;
    QLabel* m_message;
    QDialogButtonBox* m_buttons;
};

} // namespace campdesk
