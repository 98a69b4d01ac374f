#include "datedelegate.h"

#include "itemmodels/pagedquerymodel.h"

#include <QDate>

namespace campdesk {

void DateDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QDate date = index.data(PagedQueryModel::DateRole).toDate();
    if (!date.isValid())
        return;
    option->text = QStringLiteral("%1 (%2)").arg(option->locale.toString(date, QLocale::ShortFormat),
                                                 option->locale.dayName(date.dayOfWeek(), QLocale::ShortFormat));
    if (date == QDate::currentDate())
        option->font.setBold(true);
}

} // namespace campdesk
