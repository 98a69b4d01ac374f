#pragma once

#include "core/actor.h"
#include "page.h"

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace campdesk {

class PaymentGateway;
class WaitlistService;
class WaitlistTableModel;

// The waitlist for the desk (issue 20, item 1): who waits for which dates, in offer order, what they were offered and
// until when. Staff move an entry up or down, offer a free site now, take the payment of an offer at the desk (the
// booking is then confirmed) or remove an entry; each change is asked first.
class WaitlistPage final : public Page
{
    Q_OBJECT
public:
    // Takes ownership of model; deskPayment takes the payment of an offer (cash at the desk).
    WaitlistPage(WaitlistService& service, WaitlistTableModel* model, PaymentGateway* deskPayment, const Actor& actor,
                 QWidget* parent = nullptr);

    void refresh() override;
    WaitlistTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    // Selects the entry by id (tests and the desk dialog after joining).
    void select(qint64 entryId);

public slots:
    void moveUp();
    void moveDown();
    void offerSelected();
    void convertSelected();
    void removeSelected();

private:
    qint64 selectedId() const;
    int selectedRow() const; // in the model, -1 when none
    void move(bool up);
    void updateActions();

    WaitlistService& m_service;
    PaymentGateway* m_deskPayment;
    Actor m_actor;
    WaitlistTableModel* m_model;
    QSortFilterProxyModel* m_sorted;
    QComboBox* m_status;
    QLineEdit* m_text;
    QTableView* m_table;
    QLabel* m_count;
    QAction* m_up;
    QAction* m_down;
    QAction* m_offer;
    QAction* m_convert;
    QAction* m_remove;
};

} // namespace campdesk
