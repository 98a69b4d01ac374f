#pragma once

#include <QStyledItemDelegate>

namespace campdesk {

// Colours the all-campsites table's "Today" column by the site's state (free green, occupied blue, arriving or
// leaving orange, out of use grey).
class SiteStateDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};

} // namespace campdesk
