#include "qrcodewidget.h"

#include <QImage>
#include <QPainter>

namespace campdesk {

namespace {
constexpr int quietZone = 4; // modules of white around the symbol, as the QR standard asks

void paintCode(QPainter& painter, const QrCode& code, const QRectF& area)
{
    const int modules = code.size() + 2 * quietZone;
    const qreal side = std::min(area.width(), area.height());
    const qreal unit = side / modules;
    const QPointF origin(area.center().x() - side / 2, area.center().y() - side / 2);
    painter.fillRect(QRectF(origin, QSizeF(side, side)), Qt::white);
    for (int y = 0; y < code.size(); ++y) {
        for (int x = 0; x < code.size(); ++x) {
            if (code.isDark(x, y))
                painter.fillRect(QRectF(origin.x() + (x + quietZone) * unit, origin.y() + (y + quietZone) * unit,
                                        unit + 0.5, unit + 0.5),
                                 Qt::black);
        }
    }
}
} // namespace

QrCodeWidget::QrCodeWidget(QWidget* parent)
    : QWidget(parent)
{
    setMinimumSize(200, 200);
}

void QrCodeWidget::setText(const QString& text)
{
    m_text = text;
    m_code = QrCode::encode(text.toUtf8());
    update();
}

QImage QrCodeWidget::toImage(int scale) const
{
    if (!m_code)
        return QImage();
    const int side = (m_code->size() + 2 * quietZone) * scale;
    QImage image(side, side, QImage::Format_RGB32);
    QPainter painter(&image);
    paintCode(painter, *m_code, QRectF(0, 0, side, side));
    return image;
}

void QrCodeWidget::paintEvent(QPaintEvent*)
{
    if (!m_code)
        return;
    QPainter painter(this);
    paintCode(painter, *m_code, rect());
}

} // namespace campdesk
