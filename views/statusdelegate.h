#pragma once

#include <QStyledItemDelegate>

namespace campdesk {

// Draws a status as a coloured, rounded badge with its translated name (the model's display text); the colour
// comes from the raw status key and its domain (PagedQueryModel::RawRole / StatusDomainRole).
class StatusDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    // Background colour of the badge for a status ("reservation"/"confirmed" ...); text is white or black.
    static QColor color(const QString& domain, const QString& key);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace campdesk
