#pragma once

#include <QStyledItemDelegate>

namespace campdesk {

// Shows an ISO date (PagedQueryModel::RawRole) in the locale's short format with its weekday; today in bold.
class DateDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};

} // namespace campdesk
