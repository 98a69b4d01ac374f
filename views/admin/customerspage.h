#pragma once

#include "tablepage.h"

class QLabel;
class QPushButton;

namespace campdesk {

class CustomerTableModel;
class DataTableView;
class MileageLedgerModel;

// Customers with their points; the selected customer's mileage ledger (running balance) below, and their
// bookings one click away.
class CustomersPage final : public TablePage
{
    Q_OBJECT
public:
    // Takes ownership of both models.
    CustomersPage(CustomerTableModel* model, MileageLedgerModel* ledger, const Actor& actor, QWidget* parent = nullptr);

    CustomerTableModel* model() const { return m_model; }
    MileageLedgerModel* ledgerModel() const { return m_ledger; }
    DataTableView* ledgerView() const { return m_ledgerView; }

signals:
    void adjustPointsRequested(qint64 customerId); // manager only: the page hides the button for others
    void bookingsRequested(const QString& phone); // the customer's bookings, found by their phone
    void editRequested(qint64 customerId); // the customer's details and the staff's notes

private:
    void showLedgerOf(qint64 customerId);

    CustomerTableModel* m_model;
    MileageLedgerModel* m_ledger;
    DataTableView* m_ledgerView;
    QLabel* m_ledgerTitle;
    QPushButton* m_adjust = nullptr;
};

} // namespace campdesk
