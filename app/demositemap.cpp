#include "demositemap.h"

#include "ops/appcontext.h"
#include "qtimagecodec.h"

#include <QBuffer>
#include <QImage>
#include <QMap>
#include <QPainter>

namespace campdesk {

namespace {

constexpr int pictureWidth = 1600;
constexpr int pictureHeight = 1000;

// Where each zone (the code's first letter) lies on the picture, relative: three above the road, three below.
const QRectF zoneAreas[]
    = { QRectF(0.03, 0.08, 0.29, 0.32), QRectF(0.355, 0.08, 0.29, 0.32), QRectF(0.68, 0.08, 0.29, 0.32),
        QRectF(0.03, 0.58, 0.29, 0.32), QRectF(0.355, 0.58, 0.29, 0.32), QRectF(0.68, 0.58, 0.29, 0.32) };

QRectF scaled(const QRectF& r)
{
    return { r.x() * pictureWidth, r.y() * pictureHeight, r.width() * pictureWidth, r.height() * pictureHeight };
}

QByteArray paintCampground(const QStringList& zones)
{
    QImage image(pictureWidth, pictureHeight, QImage::Format_RGB32);
    image.fill(QColor(0xdc, 0xea, 0xc8));
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    // The road through the middle, and trees along the edges.
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0xcf, 0xbf, 0x9f));
    p.drawRect(QRectF(0, 0.45 * pictureHeight, pictureWidth, 0.08 * pictureHeight));
    p.setBrush(QColor(0x7f, 0xb0, 0x6a));
    for (int i = 0; i < 23; ++i) {
        p.drawEllipse(QPointF((0.02 + i * 0.043) * pictureWidth, 0.035 * pictureHeight), 16, 16);
        p.drawEllipse(QPointF((0.02 + i * 0.043) * pictureWidth, 0.96 * pictureHeight), 16, 16);
    }
    // The zones, each with its letter.
    QFont font = p.font();
    font.setPixelSize(40);
    font.setBold(true);
    p.setFont(font);
    for (int i = 0; i < zones.size() && i < int(std::size(zoneAreas)); ++i) {
        const QRectF area = scaled(zoneAreas[i]);
        p.setPen(QPen(QColor(0x8a, 0xa8, 0x70), 3, Qt::DashLine));
        p.setBrush(QColor(0xc4, 0xdc, 0xa8));
        p.drawRoundedRect(area, 24, 24);
        p.setPen(QColor(0x4a, 0x68, 0x38));
        p.drawText(area.adjusted(16, 8, -16, -8), Qt::AlignLeft | Qt::AlignTop, zones.at(i));
    }
    p.end();
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "png");
    return png;
}

} // namespace

Status addDemoSiteMap(AppContext& context)
{
    static const QtImageCodec codec;
    context.siteMap->setImageCodec(&codec);
    Result<qint64> existing = context.siteMap->mapImageUpdatedAt();
    if (!existing.ok())
        return existing.error();
    if (existing.value() != 0)
        return {}; // the manager's own map stays
    Result<QList<SiteMapEntry>> sites = context.siteMap->sites();
    if (!sites.ok())
        return sites.error();
    QMap<QString, QList<qint64>> byZone;
    for (const SiteMapEntry& site : sites.value())
        byZone[site.code.left(1)].append(site.campsiteId);
    const QStringList zones = byZone.keys();
    Result<SiteMapImage> stored
        = context.siteMap->setMapImage(Actor::system(QStringLiteral("demo")), paintCampground(zones));
    if (!stored.ok())
        return stored.error();
    // The sites of a zone in rows of up to four inside its area; zones beyond the sixth stay unplaced.
    QList<SiteMarker> markers;
    for (int z = 0; z < zones.size() && z < int(std::size(zoneAreas)); ++z) {
        const QRectF area = zoneAreas[z];
        const QList<qint64>& ids = byZone.value(zones.at(z));
        const int rows = int((ids.size() + 3) / 4);
        for (int i = 0; i < ids.size(); ++i) {
            const int column = i % 4;
            const int row = i / 4;
            markers << SiteMarker { ids.at(i), area.x() + area.width() * (column + 0.7) / 4.4,
                                    area.y() + area.height() * (row + 0.75) / (rows + 0.5) };
        }
    }
    return context.siteMap->saveMarkers(Actor::system(QStringLiteral("demo")), markers);
}

} // namespace campdesk
