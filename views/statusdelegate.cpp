#include "statusdelegate.h"

#include "itemmodels/pagedquerymodel.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace campdesk {

QColor StatusDelegate::color(const QString& domain, const QString& key)
{
    // Green: money taken or guest here; blue: done; red: cancelled or failed; amber: waiting; grey: the rest.
    static const QHash<QString, QColor> colors {
        { QStringLiteral("reservation/confirmed"), QColor(0x2e, 0x7d, 0x32) },
        { QStringLiteral("reservation/checked_in"), QColor(0x00, 0x69, 0x7c) },
        { QStringLiteral("reservation/checked_out"), QColor(0x45, 0x5a, 0x64) },
        { QStringLiteral("reservation/cancelled"), QColor(0xc6, 0x28, 0x28) },
        { QStringLiteral("reservation/held"), QColor(0xef, 0x8f, 0x00) },
        { QStringLiteral("reservation/expired"), QColor(0x9e, 0x9e, 0x9e) },
        { QStringLiteral("payment/approved"), QColor(0x2e, 0x7d, 0x32) },
        { QStringLiteral("payment/pending"), QColor(0xef, 0x8f, 0x00) },
        { QStringLiteral("payment/cancelled"), QColor(0xc6, 0x28, 0x28) },
        { QStringLiteral("payment/failed"), QColor(0x8e, 0x24, 0xaa) },
        { QStringLiteral("campsite/active"), QColor(0x2e, 0x7d, 0x32) },
        { QStringLiteral("campsite/maintenance"), QColor(0xef, 0x8f, 0x00) },
        { QStringLiteral("campsite/retired"), QColor(0x75, 0x75, 0x75) },
        { QStringLiteral("notification/pending"), QColor(0xef, 0x8f, 0x00) },
        { QStringLiteral("notification/sent"), QColor(0x2e, 0x7d, 0x32) },
        { QStringLiteral("notification/dead"), QColor(0xc6, 0x28, 0x28) },
        { QStringLiteral("review/visible"), QColor(0x2e, 0x7d, 0x32) },
        { QStringLiteral("review/hidden"), QColor(0x75, 0x75, 0x75) },
    };
    return colors.value(domain + QLatin1Char('/') + key, QColor(0x75, 0x75, 0x75));
}

void StatusDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget); // selection and focus as usual
    if (text.isEmpty())
        return;

    const QColor background = color(index.data(PagedQueryModel::StatusDomainRole).toString(),
                                    index.data(PagedQueryModel::RawRole).toString());
    const QFontMetrics metrics(opt.font);
    const int height = std::min(opt.rect.height() - 4, metrics.height() + 4);
    const int width = std::min(opt.rect.width() - 8, metrics.horizontalAdvance(text) + 16);
    const QRectF badge(opt.rect.left() + 4, opt.rect.center().y() - height / 2.0 + 0.5, width, height);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    path.addRoundedRect(badge, height / 2.0, height / 2.0);
    painter->fillPath(path, background);
    painter->setPen(background.lightnessF() > 0.6 ? Qt::black : Qt::white);
    painter->setFont(opt.font);
    painter->drawText(badge, Qt::AlignCenter, metrics.elidedText(text, Qt::ElideRight, int(badge.width()) - 8));
    painter->restore();
}

QSize StatusDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.rwidth() += 24;
    return size;
}

} // namespace campdesk
