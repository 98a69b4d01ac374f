#include "notificationspage.h"

#include "columnfitter.h"
#include "core/csv.h"
#include "domain/notificationservice.h"
#include "itemmodels/notificationtablemodel.h"
#include "messagebox.h"
#include "refreshwhileshown.h"

#include <QAction>
#include <QComboBox>
#include <QDate>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace campdesk {

NotificationsPage::NotificationsPage(NotificationService& service, NotificationTableModel* model, const Actor& actor,
                                     QWidget* parent)
    : Page(parent)
    , m_service(service)
    , m_actor(actor)
    , m_model(model)
    , m_status(new QComboBox(this))
    , m_table(new QTableView(this))
    , m_count(new QLabel(this))
{
    setObjectName(QStringLiteral("notificationsPage"));
    m_model->setParent(this);
    refreshWhileShown(this, m_model->refreshGate());
    auto* toolBar = new QToolBar(this);
    toolBar->setObjectName(QStringLiteral("notificationsToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->setIconSize(QSize(18, 18));
    m_retry = toolBar->addAction(QIcon::fromTheme(QStringLiteral("mail-send")), tr("&Send again"), this,
                                 &NotificationsPage::retrySelected);
    m_retry->setObjectName(QStringLiteral("retryNotification"));
    m_retry->setToolTip(tr("Put a message that could not be sent back in the queue for a fresh set of attempts"));

    m_status->setObjectName(QStringLiteral("notificationsStatus"));
    m_status->addItem(tr("All messages"), QString());
    for (const char* key : { "pending", "sent", "dead" }) {
        const QString k = QLatin1String(key);
        m_status->addItem(NotificationTableModel::statusDisplayName(k), k);
    }

    // Sorting happens on the loaded rows (at most the newest 500), by the model's sort role.
    auto* sorted = new QSortFilterProxyModel(this);
    sorted->setSourceModel(m_model);
    sorted->setSortRole(NotificationTableModel::SortRole);
    m_table->setObjectName(QStringLiteral("notificationsTable"));
    m_table->setModel(sorted);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(NotificationTableModel::CreatedColumn, Qt::DescendingOrder);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    new ColumnFitter(m_table,
                     { NotificationTableModel::RecipientColumn, NotificationTableModel::ResultColumn,
                       NotificationTableModel::EventColumn },
                     { NotificationTableModel::StatusColumn });
    m_count->setObjectName(QStringLiteral("notificationsCount"));

    auto* title = new QLabel(QStringLiteral("<h2>%1</h2>").arg(tr("Notifications").toHtmlEscaped()), this);
    auto* bar = new QHBoxLayout;
    bar->addWidget(toolBar);
    bar->addStretch(1);
    bar->addWidget(new QLabel(tr("Status"), this));
    bar->addWidget(m_status);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_count);

    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        m_model->setStatusFilter(m_status->currentData().toString());
        updateActions();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &NotificationsPage::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { updateActions(); });
    refresh();
}

void NotificationsPage::refresh()
{
    Status loaded = m_model->refresh();
    if (!loaded.ok())
        m_count->setText(loaded.error().message);
}

qint64 NotificationsPage::selectedId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : rows.first().data(NotificationTableModel::IdRole).toLongLong();
}

QString NotificationsPage::selectedStatus() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(NotificationTableModel::StatusRole).toString();
}

void NotificationsPage::updateActions()
{
    m_retry->setEnabled(selectedStatus() == QLatin1String("dead"));
    m_count->setText(tr("%n messages", nullptr, m_model->rowCount()));
}

void NotificationsPage::retrySelected()
{
    const qint64 id = selectedId();
    if (id <= 0 || selectedStatus() != QLatin1String("dead"))
        return;
    Status sent = m_service.retry(m_actor, id);
    if (!sent.ok()) {
        MessageBox::warning(this, tr("Send again"), sent.error().message);
        return;
    }
    refresh();
    // Keep the message selected (when the filter still shows it) so staff see it is waiting again.
    for (int row = 0; row < m_table->model()->rowCount(); ++row) {
        const QModelIndex index = m_table->model()->index(row, 0);
        if (index.data(NotificationTableModel::IdRole).toLongLong() == id) {
            m_table->selectRow(row);
            break;
        }
    }
}

bool NotificationsPage::exportCsv(QTextStream& out, QString* error) const
{
    Q_UNUSED(error);
    writeModelAsCsv(*m_table->model(), out);
    return true;
}

QString NotificationsPage::exportFileName() const
{
    return QStringLiteral("notifications-%1.csv").arg(QDate::currentDate().toString(Qt::ISODate));
}

} // namespace campdesk
