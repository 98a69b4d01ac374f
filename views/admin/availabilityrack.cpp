#include "availabilityrack.h"

#include "availabilityrackdelegate.h"
#include "itemmodels/availabilityrackmodel.h"

#include <QContextMenuEvent>
#include <QHeaderView>
#include <QMenu>
#include <QMouseEvent>

namespace campdesk {

AvailabilityRack::AvailabilityRack(QWidget* parent)
    : QTableView(parent)
{
    setItemDelegate(new AvailabilityRackDelegate(this));
    setShowGrid(false);
    setSelectionMode(QAbstractItemView::NoSelection); // the drag below selects, one row at a time
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setMouseTracking(true);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setCornerButtonEnabled(false);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    horizontalHeader()->setDefaultSectionSize(dayWidth);
    horizontalHeader()->setDefaultAlignment(Qt::AlignCenter);
    horizontalHeader()->setMinimumHeight(2 * fontMetrics().height() + 10);
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(std::max(30, fontMetrics().height() + 14));
    verticalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    verticalHeader()->setMinimumWidth(160);
}

void AvailabilityRack::setRackModel(AvailabilityRackModel* model)
{
    m_model = model;
    setModel(model);
    setSelectionMode(QAbstractItemView::ContiguousSelection);
    connect(model, &AvailabilityRackModel::staysChanged, this, &AvailabilityRack::rebuildSpans);
    connect(model, &QAbstractItemModel::modelReset, this, &AvailabilityRack::rebuildSpans);
    rebuildSpans();
}

QRect AvailabilityRack::cellRect(int row, int column) const
{
    return visualRect(model()->index(row, column));
}

void AvailabilityRack::rebuildSpans()
{
    clearSpans();
    if (!m_model)
        return;
    for (const AvailabilityRackModel::Stay& stay : m_model->stays()) {
        const int first = std::max(0, m_model->columnOf(stay.checkIn));
        int last = m_model->columnOf(stay.checkOut.addDays(-1));
        if (last < 0)
            last = m_model->days() - 1;
        if (last > first)
            setSpan(stay.row, first, 1, last - first + 1);
    }
    viewport()->update();
}

void AvailabilityRack::selectNights(int row, int fromColumn, int toColumn)
{
    const int first = std::min(fromColumn, toColumn);
    const int last = std::max(fromColumn, toColumn);
    selectionModel()->select(QItemSelection(m_model->index(row, first), m_model->index(row, last)),
                             QItemSelectionModel::ClearAndSelect);
}

void AvailabilityRack::mousePressEvent(QMouseEvent* event)
{
    m_dragRow = -1;
    m_pressedReservation = 0;
    const QModelIndex index = indexAt(event->position().toPoint());
    if (!m_model || !index.isValid() || event->button() != Qt::LeftButton) {
        QTableView::mousePressEvent(event);
        return;
    }
    setFocus(Qt::MouseFocusReason);
    if (const auto* stay = m_model->stayAt(index.row(), index.column())) {
        m_pressedReservation = stay->reservationId;
        m_pressRow = rowAt(event->position().toPoint().y());
        m_pressColumn = columnAt(event->position().toPoint().x());
        m_pressedCheckIn = stay->checkIn;
        m_pressedCheckOut = stay->checkOut;
        // visualRect of a spanned index is the whole bar; its right end (when in view) resizes.
        const QRect bar = visualRect(index);
        m_resizing = m_model->columnOf(stay->checkOut.addDays(-1)) >= 0
            && event->position().toPoint().x() >= bar.right() - grabMargin;
        selectionModel()->select(index, QItemSelectionModel::ClearAndSelect);
        return;
    }
    if (m_model->isBookable(index.row(), index.column())) {
        m_dragRow = index.row();
        m_dragAnchor = m_dragEnd = index.column();
        selectNights(m_dragRow, m_dragAnchor, m_dragEnd);
        return;
    }
    selectionModel()->clearSelection();
}

void AvailabilityRack::mouseMoveEvent(QMouseEvent* event)
{
    if (m_dragRow < 0) {
        // Over a bar's right end, the cursor says it can be stretched.
        const QPoint at = event->position().toPoint();
        const QModelIndex index = indexAt(at);
        const auto* stay = m_model && index.isValid() ? m_model->stayAt(index.row(), index.column()) : nullptr;
        const bool end = m_pressedReservation != 0 ? m_resizing
                                                   : stay && m_model->columnOf(stay->checkOut.addDays(-1)) >= 0
                && at.x() >= visualRect(index).right() - grabMargin;
        if (end)
            viewport()->setCursor(Qt::SizeHorCursor);
        else if (m_pressedReservation != 0)
            viewport()->setCursor(Qt::ClosedHandCursor);
        else
            viewport()->unsetCursor();
        QTableView::mouseMoveEvent(event);
        return;
    }
    // Stays on the row it started on, and stops at the first night that cannot be booked.
    const int column = columnAt(event->position().toPoint().x());
    if (column < 0)
        return;
    const int step = column >= m_dragAnchor ? 1 : -1;
    int end = m_dragAnchor;
    while (end != column && m_model->isBookable(m_dragRow, end + step))
        end += step;
    if (end != m_dragEnd) {
        m_dragEnd = end;
        selectNights(m_dragRow, m_dragAnchor, m_dragEnd);
    }
    // Keep the dragged edge in view while scrolling sideways.
    scrollTo(m_model->index(m_dragRow, m_dragEnd));
}

void AvailabilityRack::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_dragRow >= 0 && event->button() == Qt::LeftButton) {
        const int first = std::min(m_dragAnchor, m_dragEnd);
        const int last = std::max(m_dragAnchor, m_dragEnd);
        const qint64 campsiteId = m_model->campsiteIdAt(m_dragRow);
        m_dragRow = -1;
        emit bookingRequested(campsiteId, m_model->dateOf(first), m_model->dateOf(last + 1));
        return;
    }
    if (m_pressedReservation != 0 && event->button() == Qt::LeftButton) {
        viewport()->unsetCursor();
        const int row = rowAt(event->position().toPoint().y());
        const int column = columnAt(event->position().toPoint().x());
        if (row >= 0 && column >= 0 && (row != m_pressRow || column != m_pressColumn)) {
            const qint64 reservationId = m_pressedReservation;
            m_pressedReservation = 0;
            if (m_resizing) {
                // The night under the pointer becomes the last one; at least one night stays.
                const QDate checkOut = std::max(m_model->dateOf(column + 1), m_pressedCheckIn.addDays(1));
                emit changeRequested(reservationId, m_model->campsiteIdAt(m_pressRow), m_pressedCheckIn, checkOut);
            } else {
                const qint64 days = column - m_pressColumn;
                emit changeRequested(reservationId, m_model->campsiteIdAt(row), m_pressedCheckIn.addDays(days),
                                     m_pressedCheckOut.addDays(days));
            }
            return;
        }
        const QModelIndex index = indexAt(event->position().toPoint());
        const auto* stay = index.isValid() ? m_model->stayAt(index.row(), index.column()) : nullptr;
        const qint64 reservationId = m_pressedReservation;
        m_pressedReservation = 0;
        if (stay && stay->reservationId == reservationId)
            emit reservationClicked(reservationId);
        return;
    }
    QTableView::mouseReleaseEvent(event);
}

void AvailabilityRack::mouseDoubleClickEvent(QMouseEvent* event)
{
    // A double click is two clicks here; the second must not start another drag or open the stay twice.
    event->accept();
}

void AvailabilityRack::contextMenuEvent(QContextMenuEvent* event)
{
    const QModelIndex at = indexAt(event->pos());
    if (!m_model || !at.isValid())
        return;
    // The selected nights of the row under the pointer, or the night under it.
    int first = at.column();
    int last = at.column();
    for (const QModelIndex& index : selectionModel()->selectedIndexes()) {
        if (index.row() != at.row())
            continue;
        first = std::min(first, index.column());
        last = std::max(last, index.column());
    }
    const qint64 campsiteId = m_model->campsiteIdAt(at.row());
    const QDate from = m_model->dateOf(first);
    const QDate to = m_model->dateOf(last + 1);
    QMenu menu(this);
    QAction* block = menu.addAction(tr("Block dates…"));
    block->setObjectName(QStringLiteral("blockDates"));
    block->setEnabled(to > m_model->today());
    connect(block, &QAction::triggered, this,
            [this, campsiteId, from, to] { emit blockRequested(campsiteId, from, to); });
    if (const AvailabilityRackModel::Block* blocked = m_model->blockAt(at.row(), at.column())) {
        QAction* remove = menu.addAction(tr("Open these dates again (%1)").arg(blocked->reason));
        remove->setObjectName(QStringLiteral("removeBlock"));
        const qint64 blockId = blocked->id;
        connect(remove, &QAction::triggered, this, [this, blockId] { emit blockRemovalRequested(blockId); });
    }
    menu.exec(event->globalPos());
}

} // namespace campdesk
