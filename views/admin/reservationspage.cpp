#include "reservationspage.h"

#include "datatableview.h"
#include "domain/statustext.h"
#include "itemmodels/reservationtablemodel.h"

#include <QAction>
#include <QComboBox>
#include <QIcon>
#include <QMenu>
#include <QToolBar>

namespace campdesk {

ReservationsPage::ReservationsPage(ReservationTableModel* model, const Actor& actor, QWidget* parent)
    : TablePage(tr("Reservations"), QStringLiteral("reservations"), model, actor, parent)
    , m_model(static_cast<ReservationTableModel*>(view()->pagedModel()))
{
    QAction* open = toolBar()->addAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open…"), this, [this] {
        if (const qint64 id = view()->selectedId())
            emit reservationRequested(id);
    });
    open->setObjectName(QStringLiteral("openReservation"));
    open->setEnabled(false); // until a booking is selected
    // The extras and the points used are in the CSV (the model's columns) and in the booking's dialog; the
    // 1024-pixel office screen has no room for them beside the balance due, which the desk needs at a glance.
    view()->setColumnHidden(ReservationTableModel::Extras, true);
    view()->setColumnHidden(ReservationTableModel::PointsUsed, true);
    connect(view()->selectionModel(), &QItemSelectionModel::selectionChanged, open,
            [this, open] { open->setEnabled(view()->selectedId() != 0); });
    connect(view(), &DataTableView::activatedId, this, &ReservationsPage::reservationRequested);
    view()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view(), &QWidget::customContextMenuRequested, this, &ReservationsPage::showContextMenu);

    addTextFilter(tr("Guest, phone or booking code"), [this](const QString& text) { m_model->setText(text); });
    QList<std::pair<QString, QString>> statuses { { tr("All bookings"), QString() } };
    for (const char* key : { "confirmed", "checked_in", "checked_out", "cancelled" }) {
        const QString k = QLatin1String(key);
        statuses.append({ StatusText::name(QStringLiteral("reservation"), k), k });
    }
    addStatusFilter(statuses, [this](const QString& key) { m_model->setStatus(key); });
    addDateRange([this](const QDate& from, const QDate& to) { m_model->setDateRange(from, to); });

    m_campsiteFilter = toolBar()->addAction(QIcon::fromTheme(QStringLiteral("edit-clear")), QString(), this,
                                            [this] { showCampsite(0); });
    m_campsiteFilter->setObjectName(QStringLiteral("campsiteFilter"));
    m_campsiteFilter->setVisible(false);
}

void ReservationsPage::showContextMenu(const QPoint& pos)
{
    const QModelIndex at = view()->indexAt(pos);
    if (!at.isValid())
        return;
    view()->selectRow(at.row());
    const qint64 id = view()->selectedId();
    if (id == 0)
        return;
    const qint64 balance
        = m_model->index(at.row(), ReservationTableModel::BalanceDue).data(PagedQueryModel::RawRole).toLongLong();
    auto* menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("reservationMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(tr("&Open…"), this, [this, id] { emit reservationRequested(id); })
        ->setObjectName(QStringLiteral("openAction"));
    QAction* take = menu->addAction(tr("Take the &balance…"), this, [this, id] { emit balanceRequested(id); });
    take->setObjectName(QStringLiteral("takeBalanceAction"));
    take->setEnabled(balance > 0);
    menu->popup(view()->viewport()->mapToGlobal(pos));
}

void ReservationsPage::showCampsite(qint64 campsiteId, const QString& code)
{
    m_model->setCampsite(campsiteId);
    //: a filter button: only site A-01's bookings are shown; clicking shows every site again
    m_campsiteFilter->setText(tr("Site %1 only (show all)").arg(code));
    m_campsiteFilter->setVisible(campsiteId != 0);
}

} // namespace campdesk
