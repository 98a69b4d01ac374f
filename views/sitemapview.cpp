#include "sitemapview.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

namespace campdesk {

SiteMapView::SiteMapView(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("siteMapView"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void SiteMapView::setPicture(const QImage& picture)
{
    m_picture = picture;
    update();
}

void SiteMapView::setMarkers(const QList<Marker>& markers)
{
    m_markers = markers;
    if (m_pressed >= m_markers.size())
        m_pressed = -1;
    update();
}

void SiteMapView::setEditing(bool editing)
{
    m_editing = editing;
    m_pressed = -1;
    setCursor(editing ? Qt::CrossCursor : Qt::ArrowCursor);
    update();
}

void SiteMapView::setMarkerRadius(int radius)
{
    m_radius = radius;
    update();
}

QColor SiteMapView::stateColor(SiteMapState state)
{
    // Okabe-Ito colours: told apart with the common colour-vision deficiencies; the shapes say it again.
    switch (state) {
    case SiteMapState::Free:
        return QColor(0x00, 0x9e, 0x73); // bluish green
    case SiteMapState::Occupied:
        return QColor(0x00, 0x72, 0xb2); // blue
    case SiteMapState::Arriving:
        return QColor(0xe6, 0x9f, 0x00); // orange
    case SiteMapState::Departing:
        return QColor(0xcc, 0x79, 0xa7); // reddish purple
    case SiteMapState::Blocked:
        return QColor(0x55, 0x55, 0x55); // dark grey
    }
    return Qt::black;
}

QString SiteMapView::stateName(SiteMapState state)
{
    switch (state) {
    case SiteMapState::Free:
        return tr("Free");
    case SiteMapState::Occupied:
        return tr("Occupied");
    case SiteMapState::Arriving:
        return tr("Arriving today");
    case SiteMapState::Departing:
        return tr("Departing today");
    case SiteMapState::Blocked:
        return tr("Blocked (maintenance)");
    }
    return QString();
}

void SiteMapView::drawMarker(QPainter& painter, const QPointF& c, qreal r, SiteMapState state, bool enabled,
                             bool highlighted)
{
    const QColor fill = enabled ? stateColor(state) : QColor(0xbd, 0xbd, 0xbd);
    QPainterPath path;
    switch (state) {
    case SiteMapState::Free: // circle
        path.addEllipse(c, r, r);
        break;
    case SiteMapState::Occupied: // square
        path.addRect(QRectF(c.x() - r * 0.9, c.y() - r * 0.9, r * 1.8, r * 1.8));
        break;
    case SiteMapState::Arriving: // triangle pointing down (coming in)
        path.moveTo(c.x() - r, c.y() - r * 0.8);
        path.lineTo(c.x() + r, c.y() - r * 0.8);
        path.lineTo(c.x(), c.y() + r);
        path.closeSubpath();
        break;
    case SiteMapState::Departing: // triangle pointing up (going out)
        path.moveTo(c.x() - r, c.y() + r * 0.8);
        path.lineTo(c.x() + r, c.y() + r * 0.8);
        path.lineTo(c.x(), c.y() - r);
        path.closeSubpath();
        break;
    case SiteMapState::Blocked: // diamond
        path.moveTo(c.x(), c.y() - r);
        path.lineTo(c.x() + r, c.y());
        path.lineTo(c.x(), c.y() + r);
        path.lineTo(c.x() - r, c.y());
        path.closeSubpath();
        break;
    }
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(highlighted ? QColor(Qt::black) : QColor(Qt::white), highlighted ? 3 : 2));
    painter.setBrush(fill);
    painter.drawPath(path);
    if (state == SiteMapState::Blocked) {
        painter.setPen(QPen(Qt::white, 2));
        painter.drawLine(QPointF(c.x() - r * 0.4, c.y() - r * 0.4), QPointF(c.x() + r * 0.4, c.y() + r * 0.4));
    }
    painter.restore();
}

QRectF SiteMapView::pictureRect() const
{
    if (m_picture.isNull())
        return QRectF(rect());
    QSizeF size = m_picture.size();
    size.scale(QSizeF(width(), height()), Qt::KeepAspectRatio);
    return QRectF(QPointF((width() - size.width()) / 2, (height() - size.height()) / 2), size);
}

QPointF SiteMapView::centreOf(const Marker& marker) const
{
    const QRectF r = pictureRect();
    return { r.left() + marker.x * r.width(), r.top() + marker.y * r.height() };
}

QPointF SiteMapView::relative(const QPointF& pos) const
{
    const QRectF r = pictureRect();
    if (r.width() <= 0 || r.height() <= 0)
        return {};
    return { std::clamp((pos.x() - r.left()) / r.width(), 0.0, 1.0),
             std::clamp((pos.y() - r.top()) / r.height(), 0.0, 1.0) };
}

QRect SiteMapView::markerRect(qint64 campsiteId) const
{
    for (const Marker& marker : m_markers) {
        if (marker.campsiteId == campsiteId) {
            // Odd-sized, so that center() is the marker's centre, rounded.
            const QPoint c = centreOf(marker).toPoint();
            return QRect(c.x() - m_radius, c.y() - m_radius, 2 * m_radius + 1, 2 * m_radius + 1);
        }
    }
    return {};
}

int SiteMapView::markerAt(const QPointF& pos) const
{
    // The topmost (last drawn) marker wins; a finger gets a little more room than the drawn shape.
    const qreal reach = m_radius * 1.3;
    for (int i = int(m_markers.size()) - 1; i >= 0; --i) {
        const QPointF d = centreOf(m_markers.at(i)) - pos;
        if (d.x() * d.x() + d.y() * d.y() <= reach * reach)
            return i;
    }
    return -1;
}

void SiteMapView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    if (m_picture.isNull())
        return;
    painter.drawImage(pictureRect(), m_picture);
    QFont font = painter.font();
    font.setBold(true);
    font.setPixelSize(std::clamp(m_radius * 9 / 10, 11, 20));
    painter.setFont(font);
    const QFontMetrics metrics(font);
    for (int i = 0; i < m_markers.size(); ++i)
        drawMarker(painter, centreOf(m_markers.at(i)), m_radius, m_markers.at(i).state, m_markers.at(i).enabled,
                   i == m_pressed);
    // The codes after every shape, centred under their marker on a light plate: readable on any picture, and a
    // neighbour's marker never covers one.
    for (const Marker& marker : std::as_const(m_markers)) {
        const QPointF c = centreOf(marker);
        QRectF label = metrics.boundingRect(marker.code);
        label.adjust(-3, 0, 3, 0);
        label.moveCenter(QPointF(c.x(), c.y() + m_radius + 2 + label.height() / 2));
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(255, 255, 255, 215));
        painter.drawRoundedRect(label, 3, 3);
        painter.setPen(marker.enabled ? QColor(Qt::black) : QColor(0x61, 0x61, 0x61));
        painter.drawText(label, Qt::AlignCenter, marker.code);
    }
}

void SiteMapView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_pressed = markerAt(event->position());
    m_pressPos = event->position();
    m_dragged = false;
    update();
}

void SiteMapView::mouseMoveEvent(QMouseEvent* event)
{
    if (!m_editing || m_pressed < 0 || !(event->buttons() & Qt::LeftButton))
        return;
    if (!m_dragged && (event->position() - m_pressPos).manhattanLength() < 4)
        return;
    m_dragged = true;
    const QPointF r = relative(event->position());
    m_markers[m_pressed].x = r.x();
    m_markers[m_pressed].y = r.y();
    update();
}

void SiteMapView::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const int pressed = m_pressed;
    m_pressed = -1;
    update();
    if (pressed >= 0 && m_editing && m_dragged) {
        const Marker& marker = m_markers.at(pressed);
        emit markerMoved(marker.campsiteId, marker.x, marker.y);
    } else if (pressed >= 0 && pressed == markerAt(event->position())) {
        // Disabled markers report their click too: the kiosk says why that site cannot be chosen.
        emit markerClicked(m_markers.at(pressed).campsiteId);
    } else if (pressed < 0 && m_editing && pictureRect().contains(event->position())) {
        const QPointF r = relative(event->position());
        emit pictureClicked(r.x(), r.y());
    }
}

bool SiteMapView::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int at = markerAt(help->pos());
        if (at >= 0)
            QToolTip::showText(help->globalPos(), m_markers.at(at).tip, this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace campdesk
