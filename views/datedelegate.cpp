#include "datedelegate.h"

#include "itemmodels/pagedquerymodel.h"

#include <QApplication>
#include <QDate>
#include <QFontMetrics>
#include <QRegularExpression>
#include <QStyle>
#include <algorithm>

namespace campdesk {

namespace {

// The locale's short date format with the year and its separator taken off the start or the end ("yy. M. d." gives
// "M. d.", "d MMM y" gives "d MMM"); a year in the middle stays.
QString formatWithoutYear(const QLocale& locale)
{
    QString format = locale.dateFormat(QLocale::ShortFormat);
    static const QRegularExpression leading(QStringLiteral("^y+[^dM]*"));
    static const QRegularExpression trailing(QStringLiteral("[^dM]*y+$"));
    format.remove(leading);
    format.remove(trailing);
    return format;
}

} // namespace

QString DateDelegate::text(const QDate& date, const QLocale& locale, const QFontMetrics& metrics, int room)
{
    const QString weekday = locale.dayName(date.dayOfWeek(), QLocale::ShortFormat);
    const QString whole = QStringLiteral("%1 (%2)").arg(locale.toString(date, QLocale::ShortFormat), weekday);
    if (room <= 0)
        return whole;
    // Measured with the widest weekday, so a column shows every row in one form ("Wed" is wider than "Tue").
    int widestWeekday = 0;
    for (int day = 1; day <= 7; ++day)
        widestWeekday = std::max(widestWeekday, metrics.horizontalAdvance(locale.dayName(day, QLocale::ShortFormat)));
    const int weekdaySlack = widestWeekday - metrics.horizontalAdvance(weekday);
    if (metrics.horizontalAdvance(whole) + weekdaySlack <= room)
        return whole;
    // A table squeezed to a small screen: the year goes first (it is this year's or the next), then the weekday;
    // the day and month never.
    const QString dayAndMonth = locale.toString(date, formatWithoutYear(locale));
    const QString withWeekday = QStringLiteral("%1 (%2)").arg(dayAndMonth, weekday);
    return metrics.horizontalAdvance(withWeekday) + weekdaySlack <= room ? withWeekday : dayAndMonth;
}

QSize DateDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    // A view asks with its own rect (QStyleOption::initFrom), not the cell's: no rect means no room limit.
    QStyleOptionViewItem whole = option;
    whole.rect = QRect();
    return QStyledItemDelegate::sizeHint(whole, index);
}

void DateDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QDate date = index.data(PagedQueryModel::DateRole).toDate();
    if (!date.isValid())
        return;
    if (date == QDate::currentDate())
        option->font.setBold(true);
    const QStyle* style = option->widget ? option->widget->style() : QApplication::style();
    const int margins = 2 * (style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, option->widget) + 1);
    const int room = option->rect.isValid() ? std::max(1, option->rect.width() - margins) : 0;
    option->text = text(date, option->locale, QFontMetrics(option->font), room);
}

} // namespace campdesk
