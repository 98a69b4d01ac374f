#include "campsitespage.h"

#include "columnfitter.h"
#include "core/csv.h"
#include "dialogs/campsiteeditordialog.h"
#include "domain/campsiteservice.h"
#include "itemmodels/campsitefilterproxy.h"
#include "itemmodels/campsitetablemodel.h"
#include "messagebox.h"
#include "retiresitedialog.h"

#include <QAction>
#include <QComboBox>
#include <QDate>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QShortcut>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace campdesk {

namespace {
// Zones already in use, offered as completions in the editor.
QStringList zonesOf(const CampsiteTableModel& model)
{
    QStringList zones;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QString zone = model.campsiteAt(row).zone;
        if (!zone.isEmpty() && !zones.contains(zone))
            zones.append(zone);
    }
    return zones;
}
} // namespace

CampsitesPage::CampsitesPage(CampsiteService& service, EventBus* bus, const Actor& actor, QWidget* parent)
    : Page(parent)
    , m_service(service)
    , m_actor(actor)
    , m_canEdit(actor.role == Role::Manager)
    , m_model(new CampsiteTableModel(service, bus, this))
    , m_proxy(new CampsiteFilterProxy(this))
    , m_toolBar(new QToolBar(this))
    , m_filter(new QLineEdit(this))
    , m_statusFilter(new QComboBox(this))
    , m_view(new QTableView(this))
    , m_count(new QLabel(this))
{
    m_proxy->setSourceModel(m_model);

    m_toolBar->setObjectName(QStringLiteral("campsiteToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setIconSize(QSize(18, 18));
    if (m_canEdit) {
        m_newAction = m_toolBar->addAction(QIcon::fromTheme(QStringLiteral("list-add")), tr("&New…"), this,
                                           &CampsitesPage::newCampsite);
        m_newAction->setObjectName(QStringLiteral("newCampsite"));
        m_newAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N)); // Ctrl+N is a new booking
        m_editAction = m_toolBar->addAction(QIcon::fromTheme(QStringLiteral("document-edit")), tr("&Edit…"), this,
                                            &CampsitesPage::editSelected);
        m_editAction->setObjectName(QStringLiteral("editCampsite"));
        m_removeAction = m_toolBar->addAction(QIcon::fromTheme(QStringLiteral("edit-delete")), tr("&Remove…"), this,
                                              &CampsitesPage::removeSelected);
        m_removeAction->setObjectName(QStringLiteral("removeCampsite"));
        m_removeAction->setShortcut(QKeySequence::Delete);
        m_removeAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_removeAction->setToolTip(tr("Delete a campsite without history, retire one with history"));
    }

    m_filter->setObjectName(QStringLiteral("campsiteFilter"));
    m_filter->setPlaceholderText(tr("Filter by code, name, zone or kind"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMinimumWidth(220);
    m_statusFilter->setObjectName(QStringLiteral("statusFilter"));
    m_statusFilter->addItem(tr("All statuses"), QString());
    for (CampsiteStatus status : { CampsiteStatus::Active, CampsiteStatus::Maintenance, CampsiteStatus::Retired })
        m_statusFilter->addItem(campsiteStatusName(status), campsiteStatusKey(status));
    auto* filterShortcut = new QAction(this);
    filterShortcut->setShortcut(QKeySequence::Find);
    connect(filterShortcut, &QAction::triggered, m_filter, [this] {
        m_filter->setFocus();
        m_filter->selectAll();
    });
    addAction(filterShortcut);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_toolBar);
    bar->addStretch(1);
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_statusFilter);

    m_view->setObjectName(QStringLiteral("campsiteTable"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(CampsiteTableModel::Code, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setMinimumSectionSize(40);
    // Sized to the contents and then to the page: names, zones and amenities elide (the tooltip has them whole),
    // the code and the status always show.
    new ColumnFitter(m_view, { CampsiteTableModel::Name, CampsiteTableModel::Zone, CampsiteTableModel::Amenities },
                     { CampsiteTableModel::Code, CampsiteTableModel::Status });
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);

    m_count->setObjectName(QStringLiteral("campsiteCount"));
    auto* title = new QLabel(QStringLiteral("<h2>%1</h2>").arg(tr("Campsites")), this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_count);
    m_blocks = new QLabel(this);
    m_blocks->setObjectName(QStringLiteral("siteBlocks"));
    m_blocks->setWordWrap(true);
    m_blocks->hide();
    layout->addWidget(m_blocks);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &CampsiteFilterProxy::setText);
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setStatus(m_statusFilter->currentData().toString()); });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &CampsitesPage::updateActions);
    // The proxy drops a row when the source is about to: the source's own count is right only once it has.
    for (QAbstractItemModel* model :
         { static_cast<QAbstractItemModel*>(m_proxy), static_cast<QAbstractItemModel*>(m_model) }) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &CampsitesPage::updateCount);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &CampsitesPage::updateCount);
    }
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &CampsitesPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &CampsitesPage::updateCount);
    connect(m_model, &CampsiteTableModel::refreshFailed, this,
            [this](const QString& message) { MessageBox::warning(this, tr("Campsites"), message); });
    if (m_canEdit) {
        connect(m_view, &QTableView::doubleClicked, this, &CampsitesPage::editSelected);
        // Enter edits only from the table: in the filter box it must not open the editor.
        auto* enter = new QShortcut(QKeySequence(Qt::Key_Return), m_view, nullptr, nullptr, Qt::WidgetShortcut);
        connect(enter, &QShortcut::activated, this, &CampsitesPage::editSelected);
    }
    updateActions();
    updateCount();
}

void CampsitesPage::refresh()
{
    m_model->refresh();
}

bool CampsitesPage::exportCsv(QTextStream& out, QString* error) const
{
    Q_UNUSED(error);
    // Prices and guests as plain numbers for spreadsheets.
    writeModelAsCsv(*m_proxy, out, [](const QModelIndex& index) -> QString {
        switch (index.column()) {
        case CampsiteTableModel::NightlyPrice:
        case CampsiteTableModel::WeekendPrice:
        case CampsiteTableModel::MaxGuests:
            return QString::number(index.data(CampsiteTableModel::SortRole).toLongLong());
        default:
            return QString();
        }
    });
    return true;
}

QString CampsitesPage::exportFileName() const
{
    return tr("campsites-%1.csv").arg(QDate::currentDate().toString(Qt::ISODate));
}

qint64 CampsitesPage::selectedId() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : rows.first().data(CampsiteTableModel::IdRole).toLongLong();
}

void CampsitesPage::select(qint64 campsiteId)
{
    const int row = m_model->rowOfId(campsiteId);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return;
    m_view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
}

void CampsitesPage::updateActions()
{
    const bool selected = selectedId() != 0;
    if (m_editAction)
        m_editAction->setEnabled(selected);
    if (m_removeAction)
        m_removeAction->setEnabled(selected);
    updateBlocks();
}

void CampsitesPage::setSiteBlocks(std::unique_ptr<SiteBlockService> blocks)
{
    m_siteBlocks = std::move(blocks);
    connect(m_model, &QAbstractItemModel::modelReset, this, &CampsitesPage::updateBlocks);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &CampsitesPage::updateBlocks);
    updateBlocks();
}

void CampsitesPage::setBookingChanges(std::unique_ptr<ReservationChangeService> changes)
{
    m_changes = std::move(changes);
}

void CampsitesPage::bookingChanged(qint64 reservationId)
{
    Q_UNUSED(reservationId)
    if (m_retireDialog)
        m_retireDialog->reload();
}

void CampsitesPage::updateBlocks()
{
    const qint64 id = selectedId();
    if (!m_siteBlocks || id == 0) {
        m_blocks->hide();
        return;
    }
    const Result<QList<SiteBlock>> blocks = m_siteBlocks->forCampsite(id, QDate::currentDate());
    if (!blocks.ok()) {
        m_blocks->setText(blocks.error().message);
        m_blocks->show();
        return;
    }
    const QLocale locale;
    QStringList lines;
    for (const SiteBlock& b : blocks.value()) {
        lines << tr("%1 – %2 · %3: %4")
                     .arg(locale.toString(b.from, QLocale::ShortFormat), locale.toString(b.to, QLocale::ShortFormat),
                          SiteBlockService::kindName(b.kind), b.reason)
                     .toHtmlEscaped();
    }
    m_blocks->setText(lines.isEmpty()
                          ? tr("No dates blocked ahead for this campsite.")
                          : QStringLiteral("<b>%1</b><br>%2")
                                .arg(tr("Blocked dates ahead:").toHtmlEscaped(), lines.join(QStringLiteral("<br>"))));
    m_blocks->show();
}

void CampsitesPage::updateCount()
{
    m_count->setText(tr("%1 of %n campsite(s) shown", nullptr, m_model->rowCount()).arg(m_proxy->rowCount()));
}

void CampsitesPage::newCampsite()
{
    if (!m_canEdit)
        return;
    CampsiteEditorDialog dialog(m_service, m_actor, std::nullopt, zonesOf(*m_model), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_model->refresh();
    select(dialog.saved().id);
}

void CampsitesPage::editSelected()
{
    const qint64 id = selectedId();
    if (!m_canEdit || id == 0)
        return;
    Result<Campsite> current = m_service.get(id); // the newest version, not what the table showed
    if (!current.ok()) {
        MessageBox::warning(this, tr("Edit campsite"), current.error().message);
        m_model->refresh();
        return;
    }
    CampsiteEditorDialog dialog(m_service, m_actor, current.value(), zonesOf(*m_model), this);
    dialog.setPhotoService(m_photos);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_model->refresh();
    select(id);
}

void CampsitesPage::removeSelected()
{
    const qint64 id = selectedId();
    if (!m_canEdit || id == 0)
        return;
    const Campsite& c = m_model->campsiteAt(m_model->rowOfId(id));
    if (m_changes) {
        // Coming bookings: offer to move them, then retire, instead of only refusing.
        const Result<QList<Reservation>> upcoming = m_service.upcomingReservations(id);
        if (upcoming.ok() && !upcoming->isEmpty()) {
            RetireSiteDialog dialog(m_service, *m_changes, c, m_actor, this);
            connect(&dialog, &RetireSiteDialog::moveRequested, this, &CampsitesPage::moveRequested);
            m_retireDialog = &dialog;
            dialog.exec();
            m_retireDialog = nullptr;
            m_model->refresh();
            select(id);
            return;
        }
    }
    const bool confirmed = MessageBox::confirm(
        this, tr("Remove campsite"),
        tr("Remove campsite %1 (%2)?\n\nA campsite that was never booked or reviewed is deleted. One with history "
           "is retired instead: it stays in reports but can no longer be booked.")
            .arg(c.code, c.name),
        tr("Remove"));
    if (!confirmed)
        return;
    const QString code = c.code;
    Result<CampsiteService::Removal> removed = m_service.remove(m_actor, id);
    if (!removed.ok()) {
        MessageBox::warning(this, tr("Remove campsite"), removed.error().message);
        return;
    }
    m_model->refresh();
    MessageBox::information(this, tr("Remove campsite"),
                            removed.value() == CampsiteService::Removal::Deleted
                                ? tr("Campsite %1 was deleted.").arg(code)
                                : tr("Campsite %1 has bookings or reviews, so it was retired.").arg(code));
}

} // namespace campdesk
