#include "customerspage.h"

#include "columnfitter.h"
#include "datatableview.h"
#include "itemmodels/customertablemodel.h"
#include "itemmodels/mileageledgermodel.h"
#include "refreshwhileshown.h"

#include <QAction>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QToolBar>
#include <QVBoxLayout>

namespace campdesk {

CustomersPage::CustomersPage(CustomerTableModel* model, MileageLedgerModel* ledger, const Actor& actor, QWidget* parent)
    : TablePage(tr("Customers and mileage"), QStringLiteral("customers"), model, actor, parent)
    , m_model(static_cast<CustomerTableModel*>(view()->pagedModel()))
    , m_ledger(ledger)
    , m_ledgerView(new DataTableView(this))
    , m_ledgerTitle(new QLabel(this))
{
    m_ledger->setParent(this);
    refreshWhileShown(this, m_ledger->refreshGate());
    QAction* bookings = toolBar()->addAction(tr("Show &bookings"), this, [this] {
        const int row = m_model->rowOfId(view()->selectedId());
        if (row >= 0)
            emit bookingsRequested(m_model->index(row, CustomerTableModel::Phone).data().toString());
    });
    bookings->setObjectName(QStringLiteral("showBookings"));
    QAction* edit = toolBar()->addAction(tr("&Edit…"), this, [this] {
        if (const qint64 id = view()->selectedId(); id != 0)
            emit editRequested(id);
    });
    edit->setObjectName(QStringLiteral("editCustomer"));
    for (QAction* action : { bookings, edit }) {
        action->setEnabled(false); // until a customer is selected
        connect(view()->selectionModel(), &QItemSelectionModel::selectionChanged, action,
                [this, action] { action->setEnabled(view()->selectedId() != 0); });
    }
    connect(view(), &QAbstractItemView::doubleClicked, edit, &QAction::trigger);
    addTextFilter(tr("Name, phone or e-mail"), [this](const QString& text) { m_model->setText(text); });

    auto* ledgerPanel = new QWidget(this);
    auto* header = new QHBoxLayout;
    m_ledgerTitle->setObjectName(QStringLiteral("ledgerTitle"));
    header->addWidget(m_ledgerTitle, 1);
    if (actor.role == Role::Manager) {
        m_adjust = new QPushButton(tr("Adjust points…"), ledgerPanel);
        m_adjust->setObjectName(QStringLiteral("adjustPoints"));
        m_adjust->setEnabled(false);
        connect(m_adjust, &QPushButton::clicked, this, [this] {
            if (m_ledger->customerId() > 0)
                emit adjustPointsRequested(m_ledger->customerId());
        });
        header->addWidget(m_adjust);
    }
    m_ledgerView->setObjectName(QStringLiteral("ledgerTable"));
    m_ledgerView->setPagedModel(m_ledger);
    m_ledgerView->rememberLayout(actor.name, QStringLiteral("ledger"));
    ColumnFitter::forPagedView(m_ledgerView);
    auto* layout = new QVBoxLayout(ledgerPanel);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addLayout(header);
    layout->addWidget(m_ledgerView, 1);
    setDetailWidget(ledgerPanel);

    connect(view()->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { showLedgerOf(view()->selectedId()); });
    connect(m_ledger, &PagedQueryModel::refreshed, this, [this] { showLedgerOf(m_ledger->customerId()); });
    showLedgerOf(0);
}

void CustomersPage::showLedgerOf(qint64 customerId)
{
    if (customerId != m_ledger->customerId())
        m_ledger->setCustomer(customerId);
    if (m_adjust)
        m_adjust->setEnabled(customerId > 0);
    const int row = m_model->rowOfId(customerId);
    if (customerId <= 0 || row < 0) {
        m_ledgerTitle->setText(tr("<b>Mileage ledger</b> — select a customer"));
        return;
    }
    m_ledgerTitle->setText(tr("<b>Mileage ledger of %1</b> — balance %2 points")
                               .arg(m_model->index(row, CustomerTableModel::Name).data().toString().toHtmlEscaped(),
                                    m_model->index(row, CustomerTableModel::Points).data().toString()));
}

} // namespace campdesk
