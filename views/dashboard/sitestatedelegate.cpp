#include "sitestatedelegate.h"

#include "itemmodels/campsitestatusmodel.h"

namespace campdesk {

void SiteStateDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    using State = CampsiteStatusModel::SiteState;
    QColor color;
    switch (State(index.data(CampsiteStatusModel::StateRole).toInt())) {
    case State::Free:
        color = QColor(0x2e, 0x7d, 0x32);
        break;
    case State::ArrivingToday:
    case State::DepartingToday:
        color = QColor(0xe6, 0x51, 0x00);
        break;
    case State::Occupied:
        color = QColor(0x15, 0x65, 0xc0);
        break;
    case State::Maintenance:
    case State::Retired:
        color = QColor(0x75, 0x75, 0x75);
        break;
    }
    option->palette.setColor(QPalette::Text, color);
    option->palette.setColor(QPalette::HighlightedText, option->palette.color(QPalette::HighlightedText));
    option->font.setBold(true);
}

} // namespace campdesk
