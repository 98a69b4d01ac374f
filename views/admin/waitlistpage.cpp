#include "waitlistpage.h"

#include "columnfitter.h"
#include "domain/paymentgateway.h"
#include "domain/waitlistservice.h"
#include "itemmodels/waitlisttablemodel.h"
#include "messagebox.h"
#include "refreshwhileshown.h"
#include "tablepage.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace campdesk {

WaitlistPage::WaitlistPage(WaitlistService& service, WaitlistTableModel* model, PaymentGateway* deskPayment,
                           const Actor& actor, QWidget* parent)
    : Page(parent)
    , m_service(service)
    , m_deskPayment(deskPayment)
    , m_actor(actor)
    , m_model(model)
    , m_sorted(new QSortFilterProxyModel(this))
    , m_status(new QComboBox(this))
    , m_text(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_count(new QLabel(this))
{
    setObjectName(QStringLiteral("waitlistPage"));
    m_model->setParent(this);
    refreshWhileShown(this, m_model->refreshGate());
    auto* toolBar = new QToolBar(this);
    toolBar->setObjectName(QStringLiteral("waitlistToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->setIconSize(QSize(18, 18));
    m_up = toolBar->addAction(QIcon::fromTheme(QStringLiteral("go-up")), tr("Move &up"), this, &WaitlistPage::moveUp);
    m_up->setObjectName(QStringLiteral("waitlistUp"));
    m_down = toolBar->addAction(QIcon::fromTheme(QStringLiteral("go-down")), tr("Move &down"), this,
                                &WaitlistPage::moveDown);
    m_down->setObjectName(QStringLiteral("waitlistDown"));
    m_offer = toolBar->addAction(QIcon::fromTheme(QStringLiteral("mail-send")), tr("&Offer a site…"), this,
                                 &WaitlistPage::offerSelected);
    m_offer->setObjectName(QStringLiteral("waitlistOffer"));
    m_offer->setToolTip(tr("Hold a free site for this customer now and send them the offer"));
    m_convert = toolBar->addAction(QIcon::fromTheme(QStringLiteral("wallet-open")), tr("&Take payment…"), this,
                                   &WaitlistPage::convertSelected);
    m_convert->setObjectName(QStringLiteral("waitlistConvert"));
    m_convert->setToolTip(tr("The customer pays the offered booking at the desk: it is confirmed"));
    m_remove = toolBar->addAction(QIcon::fromTheme(QStringLiteral("edit-delete")), tr("&Remove…"), this,
                                  &WaitlistPage::removeSelected);
    m_remove->setObjectName(QStringLiteral("waitlistRemove"));

    m_status->setObjectName(QStringLiteral("waitlistStatus"));
    m_status->addItem(tr("Waiting and offered"), QStringLiteral("live"));
    for (WaitlistStatus s : { WaitlistStatus::Waiting, WaitlistStatus::Offered, WaitlistStatus::Booked,
                              WaitlistStatus::Expired, WaitlistStatus::Removed })
        m_status->addItem(waitlistStatusName(s), waitlistStatusKey(s));
    m_status->addItem(tr("All entries"), QString());
    m_text->setObjectName(QStringLiteral("waitlistText"));
    m_text->setPlaceholderText(tr("Name or phone"));
    m_text->setClearButtonEnabled(true);
    TablePage::widenForHint(m_text, 0);

    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(WaitlistTableModel::SortRole);
    m_sorted->setFilterKeyColumn(-1);
    m_sorted->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_table->setObjectName(QStringLiteral("waitlistTable"));
    m_table->setModel(m_sorted);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(WaitlistTableModel::Position, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    new ColumnFitter(m_table, { WaitlistTableModel::Name, WaitlistTableModel::Offer }, { WaitlistTableModel::Status });
    m_count->setObjectName(QStringLiteral("waitlistCount"));

    auto* title = new QLabel(QStringLiteral("<h2>%1</h2>").arg(tr("Waitlist").toHtmlEscaped()), this);
    auto* bar = new QHBoxLayout;
    bar->addWidget(toolBar);
    bar->addStretch(1);
    bar->addWidget(m_text);
    bar->addWidget(m_status);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_count);

    connect(m_status, &QComboBox::currentIndexChanged, this,
            [this] { m_model->setStatusFilter(m_status->currentData().toString()); });
    connect(m_text, &QLineEdit::textChanged, m_sorted, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_sorted, &QAbstractItemModel::modelReset, this, &WaitlistPage::updateActions);
    connect(m_sorted, &QAbstractItemModel::layoutChanged, this, &WaitlistPage::updateActions);
    connect(m_sorted, &QAbstractItemModel::rowsRemoved, this, &WaitlistPage::updateActions);
    connect(m_sorted, &QAbstractItemModel::rowsInserted, this, &WaitlistPage::updateActions);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &WaitlistPage::updateActions);
    updateActions();
}

void WaitlistPage::refresh()
{
    const qint64 keep = selectedId();
    m_model->refresh();
    select(keep);
}

void WaitlistPage::select(qint64 entryId)
{
    const int row = m_model->rowOfId(entryId);
    if (row < 0) {
        m_table->clearSelection();
        return;
    }
    const QModelIndex index = m_sorted->mapFromSource(m_model->index(row, 0));
    if (index.isValid())
        m_table->selectRow(index.row());
}

int WaitlistPage::selectedRow() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : m_sorted->mapToSource(rows.first()).row();
}

qint64 WaitlistPage::selectedId() const
{
    const int row = selectedRow();
    return row < 0 ? 0 : m_model->entry(row).id;
}

void WaitlistPage::updateActions()
{
    const int row = selectedRow();
    const WaitlistStatus status = row < 0 ? WaitlistStatus::Removed : m_model->entry(row).status;
    const bool waiting = status == WaitlistStatus::Waiting;
    m_up->setEnabled(waiting);
    m_down->setEnabled(waiting);
    m_offer->setEnabled(waiting);
    m_convert->setEnabled(status == WaitlistStatus::Offered && m_deskPayment);
    m_remove->setEnabled(waiting || status == WaitlistStatus::Offered);
    m_count->setText(m_model->lastError().isEmpty() ? tr("%n entries", nullptr, m_model->rowCount())
                                                    : m_model->lastError());
}

void WaitlistPage::moveUp()
{
    move(true);
}

void WaitlistPage::moveDown()
{
    move(false);
}

void WaitlistPage::move(bool up)
{
    const qint64 id = selectedId();
    if (id <= 0)
        return;
    if (Status moved = m_service.move(m_actor, id, up); !moved.ok()) {
        MessageBox::warning(this, tr("Waitlist"), moved.error().message);
        return;
    }
    refresh();
}

void WaitlistPage::offerSelected()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    const WaitlistEntry e = m_model->entry(row);
    if (!MessageBox::confirm(this, tr("Offer a site"),
                             tr("Hold a free site for %1 (%2, %n night(s) from %3) and send them the offer now, ahead "
                                "of the entries before them?",
                                nullptr, e.nights())
                                 .arg(e.name, e.phone, QLocale().toString(e.checkIn, QLocale::ShortFormat)),
                             tr("Offer")))
        return;
    Result<WaitlistEntry> offered = m_service.offer(m_actor, e.id);
    if (!offered.ok()) {
        MessageBox::warning(this, tr("Offer a site"), offered.error().message);
        refresh();
        return;
    }
    refresh();
    MessageBox::information(this, tr("Offer a site"),
                            tr("Site %1 is held for %2 as booking %3; the offer was sent.")
                                .arg(offered->campsiteCode, offered->name, offered->reservationCode));
}

void WaitlistPage::convertSelected()
{
    const int row = selectedRow();
    if (row < 0 || !m_deskPayment)
        return;
    const WaitlistEntry e = m_model->entry(row);
    if (!MessageBox::confirm(this, tr("Take payment"),
                             tr("Take the payment for booking %1 (site %2) from %3 at the desk and confirm it?")
                                 .arg(e.reservationCode, e.campsiteCode, e.name),
                             tr("Take payment")))
        return;
    Result<Reservation> paid = m_service.convert(m_actor, e.id, *m_deskPayment, QStringLiteral("cash"));
    refresh();
    if (!paid.ok()) {
        MessageBox::warning(this, tr("Take payment"), paid.error().message);
        return;
    }
    MessageBox::information(this, tr("Take payment"), tr("Booking %1 is confirmed.").arg(paid->code));
}

void WaitlistPage::removeSelected()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    const WaitlistEntry e = m_model->entry(row);
    const QString text = e.status == WaitlistStatus::Offered
        ? tr("Remove %1 (%2) from the waitlist? The site held for them (%3) is released for the next entry.")
              .arg(e.name, e.phone, e.campsiteCode)
        : tr("Remove %1 (%2) from the waitlist?").arg(e.name, e.phone);
    if (!MessageBox::confirm(this, tr("Remove from the waitlist"), text, tr("Remove")))
        return;
    if (Status removed = m_service.remove(m_actor, e.id); !removed.ok())
        MessageBox::warning(this, tr("Remove from the waitlist"), removed.error().message);
    refresh();
}

} // namespace campdesk
