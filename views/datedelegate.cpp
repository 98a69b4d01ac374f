#include "datedelegate.h"

#include "db/database.h"
#include "itemmodels/pagedquerymodel.h"

namespace campdesk {

void DateDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QDate date = dateFromSql(index.data(PagedQueryModel::RawRole));
    if (!date.isValid())
        return;
    option->text = QStringLiteral("%1 (%2)").arg(option->locale.toString(date, QLocale::ShortFormat),
                                                 option->locale.dayName(date.dayOfWeek(), QLocale::ShortFormat));
    if (date == QDate::currentDate())
        option->font.setBold(true);
}

} // namespace campdesk
