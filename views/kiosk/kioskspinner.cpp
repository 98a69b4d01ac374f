#include "kioskspinner.h"

#include <QPainter>
#include <QtMath>

namespace campdesk {

namespace {
constexpr int dots = 12;
}

KioskSpinner::KioskSpinner(QWidget* parent)
    : QWidget(parent)
{
    setMinimumSize(120, 120);
    m_timer.setInterval(80);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_step = (m_step + 1) % dots;
        update();
    });
}

void KioskSpinner::start()
{
    m_timer.start();
    show();
}

void KioskSpinner::stop()
{
    m_timer.stop();
}

void KioskSpinner::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const qreal side = std::min(width(), height());
    const qreal radius = side * 0.38;
    const qreal dot = side * 0.07;
    painter.translate(width() / 2.0, height() / 2.0);
    for (int i = 0; i < dots; ++i) {
        const int age = (m_step - i + dots) % dots;
        QColor color(QStringLiteral("#2e7d32"));
        color.setAlphaF(1.0 - age / qreal(dots));
        painter.setBrush(color);
        painter.setPen(Qt::NoPen);
        const qreal angle = 2 * M_PI * i / dots;
        painter.drawEllipse(QPointF(radius * qCos(angle), radius * qSin(angle)), dot, dot);
    }
}

} // namespace campdesk
