#pragma once

#include "domain/sitemapservice.h"

#include <QImage>
#include <QWidget>

namespace campdesk {

// The campground picture scaled to fit, with a marker per placed site. A marker's shape and colour say the site's
// state (the legend names them: never colour alone), its code is written beside it. Read-only markers report a
// click; in edit mode they are dragged, and a click on the picture reports where (to place a site there).
class SiteMapView final : public QWidget
{
    Q_OBJECT
public:
    struct Marker
    {
        qint64 campsiteId = 0;
        QString code;
        QString tip; // tooltip: name and state
        double x = 0; // 0..1 of the picture
        double y = 0;
        SiteMapState state = SiteMapState::Free;
        bool enabled = true; // a disabled marker is drawn grey and cannot be chosen
    };

    explicit SiteMapView(QWidget* parent = nullptr);

    void setPicture(const QImage& picture);
    bool hasPicture() const { return !m_picture.isNull(); }
    void setMarkers(const QList<Marker>& markers);
    const QList<Marker>& markers() const { return m_markers; }
    void setEditing(bool editing);
    bool editing() const { return m_editing; }
    // Marker radius in pixels: small on the office screen, finger-sized on the kiosk.
    void setMarkerRadius(int radius);
    int markerRadius() const { return m_radius; }

    // Where a marker is drawn now (widget coordinates); empty when not shown.
    QRect markerRect(qint64 campsiteId) const;
    // The rectangle the picture is drawn in.
    QRectF pictureRect() const;

    static QColor stateColor(SiteMapState state);
    static QString stateName(SiteMapState state);
    // Draws a state's marker shape (also used by the legend).
    static void drawMarker(QPainter& painter, const QPointF& centre, qreal radius, SiteMapState state, bool enabled,
                           bool highlighted = false);

signals:
    void markerClicked(qint64 campsiteId);
    // Edit mode: a marker was dropped at (x, y), relative to the picture.
    void markerMoved(qint64 campsiteId, double x, double y);
    // Edit mode: the picture was clicked where no marker is.
    void pictureClicked(double x, double y);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;
    QSize sizeHint() const override { return { 640, 420 }; }
    QSize minimumSizeHint() const override { return { 200, 150 }; }

private:
    int markerAt(const QPointF& pos) const;
    QPointF centreOf(const Marker& marker) const;
    QPointF relative(const QPointF& pos) const;

    QImage m_picture;
    QList<Marker> m_markers;
    bool m_editing = false;
    int m_radius = 11;
    int m_pressed = -1;
    bool m_dragged = false;
    QPointF m_pressPos;
};

} // namespace campdesk
