#pragma once

#include <QStyledItemDelegate>

namespace campdesk {

// Shows whole won (the raw value, PagedQueryModel::RawRole) formatted for the view's locale, right-aligned,
// with amounts below zero in red.
class MoneyDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};

} // namespace campdesk
