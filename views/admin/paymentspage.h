#pragma once

#include "tablepage.h"

namespace campdesk {

class PaymentTableModel;

// Every payment attempt with its provider, method, amount, refund and status; opens the booking it paid for.
class PaymentsPage final : public TablePage
{
    Q_OBJECT
public:
    // Takes ownership of model.
    PaymentsPage(PaymentTableModel* model, const Actor& actor, QWidget* parent = nullptr);

    PaymentTableModel* model() const { return m_model; }

private:
    PaymentTableModel* m_model;
};

} // namespace campdesk
