#pragma once

#include <QStyledItemDelegate>

namespace campdesk {

// Paints one rack cell: a stay's bar (rounded, status colour, guest name) over its whole span, or a free
// night (weekend tint, past grey, maintenance hatching, selection while dragging).
class AvailabilityRackDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace campdesk
