#include "kioskoverlay.h"

#include <QEvent>
#include <QPainter>
#include <QVBoxLayout>

namespace campdesk {

KioskOverlay::KioskOverlay(QWidget* window)
    : QWidget(window)
    , m_panel(new QWidget(this))
    , m_panelLayout(new QVBoxLayout(m_panel))
{
    m_panel->setObjectName(QStringLiteral("kioskOverlayPanel"));
    m_panel->setAttribute(Qt::WA_StyledBackground);
    m_panelLayout->setContentsMargins(48, 40, 48, 40);
    m_panelLayout->setSpacing(24);
    auto* layout = new QVBoxLayout(this);
    layout->addStretch();
    layout->addWidget(m_panel, 0, Qt::AlignHCenter);
    layout->addStretch();
    window->installEventFilter(this);
    hide();
}

void KioskOverlay::showOverlay()
{
    setGeometry(parentWidget()->rect());
    retranslate();
    show();
    raise();
}

bool KioskOverlay::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize)
        setGeometry(parentWidget()->rect());
    return QWidget::eventFilter(watched, event);
}

void KioskOverlay::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void KioskOverlay::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(0, 0, 0, 170));
}

} // namespace campdesk
