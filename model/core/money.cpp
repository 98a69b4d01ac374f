#include "core/money.h"

#include <QCoreApplication>

namespace campdesk {

QString formatWon(qint64 amount, const QLocale& locale)
{
    //: %1 is an amount with digit grouping; Korean puts 원 after it: "%1원"
    return QCoreApplication::translate("campdesk::Money", "₩%1").arg(locale.toString(qlonglong(amount)));
}

} // namespace campdesk
