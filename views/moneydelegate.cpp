#include "moneydelegate.h"

#include "itemmodels/pagedquerymodel.h"

namespace campdesk {

void MoneyDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QVariant raw = index.data(PagedQueryModel::RawRole);
    if (raw.isNull())
        return;
    const qint64 amount = raw.toLongLong();
    option->text = PagedQueryModel::displayText(CellKind::Money, amount);
    option->displayAlignment = Qt::AlignRight | Qt::AlignVCenter;
    if (amount < 0)
        option->palette.setColor(QPalette::Text, QColor(0xc6, 0x28, 0x28));
}

} // namespace campdesk
