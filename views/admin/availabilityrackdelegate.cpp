#include "availabilityrackdelegate.h"

#include "itemmodels/availabilityrackmodel.h"
#include "statusdelegate.h"

#include <QPainter>
#include <QPainterPath>

namespace campdesk {

void AvailabilityRackDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                     const QModelIndex& index) const
{
    const auto* model = qobject_cast<const AvailabilityRackModel*>(index.model());
    const QDate date = index.data(AvailabilityRackModel::DateRole).toDate();
    const bool maintenance = index.data(AvailabilityRackModel::SiteStatusRole).toString() != QLatin1String("active");
    const bool past = model && date < model->today();
    const bool weekend = date.dayOfWeek() >= 5 && date.dayOfWeek() <= 6; // Friday and Saturday nights
    const QRect rect = option.rect;

    painter->save();
    QColor background = option.palette.color(QPalette::Base);
    if (weekend)
        background = QColor(0xf3, 0xf6, 0xfb);
    if (past)
        background = QColor(0xee, 0xee, 0xee);
    painter->fillRect(rect, background);
    if (maintenance) {
        painter->fillRect(rect, QBrush(QColor(0xbd, 0xbd, 0xbd), Qt::BDiagPattern));
    }
    // A site block (a date range closed, with its reason as the tooltip): hatched in the kind's colour.
    if (const QString block = index.data(AvailabilityRackModel::BlockKindRole).toString(); !block.isEmpty()) {
        const QColor hatch = block == QLatin1String("private_event") ? QColor(0x6a, 0x1b, 0x9a)
            : block == QLatin1String("closure")                      ? QColor(0x8d, 0x6e, 0x63)
                                                                     : QColor(0xef, 0x6c, 0x00);
        painter->fillRect(rect.adjusted(0, 3, 0, -3), QColor(hatch.red(), hatch.green(), hatch.blue(), 40));
        painter->fillRect(rect.adjusted(0, 3, 0, -3), QBrush(hatch, Qt::BDiagPattern));
    }
    if (model && date == model->today())
        painter->fillRect(QRect(rect.left(), rect.top(), 2, rect.height()), QColor(0xd8, 0x43, 0x15));

    const qint64 reservationId = index.data(AvailabilityRackModel::ReservationIdRole).toLongLong();
    if (reservationId != 0) {
        const QString status = index.data(AvailabilityRackModel::StatusKeyRole).toString();
        QColor color = StatusDelegate::color(QStringLiteral("reservation"), status);
        if (past || status == QLatin1String("checked_out"))
            color = color.lighter(135);
        // A stay that began before the first column (or ends after the last) runs off that edge square.
        const QDate stayStart = index.data(AvailabilityRackModel::StayStartRole).toDate();
        const QDate stayEnd = index.data(AvailabilityRackModel::StayEndRole).toDate();
        const bool openLeft = model && stayStart < model->start();
        const bool openRight = model && stayEnd > model->start().addDays(model->days());
        QRectF bar = QRectF(rect).adjusted(openLeft ? 0 : 3, 4, openRight ? 0 : -3, -4);
        painter->setRenderHint(QPainter::Antialiasing);
        QPainterPath path;
        path.addRoundedRect(bar, 6, 6);
        painter->fillPath(path, color);
        if (option.state & QStyle::State_Selected)
            painter->setPen(QPen(option.palette.color(QPalette::Highlight), 2));
        else
            painter->setPen(Qt::NoPen);
        painter->drawPath(path);
        painter->setPen(Qt::white);
        QFont font = option.font;
        font.setBold(true);
        painter->setFont(font);
        const QRectF textRect = bar.adjusted(8, 0, -6, 0);
        painter->drawText(
            textRect, Qt::AlignVCenter | Qt::AlignLeft,
            QFontMetrics(font).elidedText(index.data().toString(), Qt::ElideRight, int(textRect.width())));
    } else if (option.state & QStyle::State_Selected) {
        QColor highlight = option.palette.color(QPalette::Highlight);
        highlight.setAlpha(120);
        painter->fillRect(rect.adjusted(0, 3, 0, -3), highlight);
    }
    painter->setPen(QColor(0xdd, 0xdd, 0xdd));
    painter->drawLine(rect.topRight(), rect.bottomRight());
    painter->drawLine(rect.bottomLeft(), rect.bottomRight());
    painter->restore();
}

} // namespace campdesk
