#pragma once

#include <QStyledItemDelegate>

class QDate;
class QFontMetrics;

namespace campdesk {

// Shows an ISO date (PagedQueryModel::RawRole) in the locale's short format with its weekday; today in bold.
class DateDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    // The date with its weekday; without its year, then without its weekday, when it does not fit in room pixels
    // (room <= 0: whole).
    static QString text(const QDate& date, const QLocale& locale, const QFontMetrics& metrics, int room);

    // The whole date, wherever it is drawn shorter: the column asks for room for all of it.
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};

} // namespace campdesk
