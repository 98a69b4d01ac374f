#include "kioskphotocache.h"

#include "domain/sitephotoservice.h"

#include <QBuffer>
#include <QImage>
#include <QImageReader>

namespace campdesk {

KioskPhotoCache::KioskPhotoCache(SitePhotoService* service)
    : m_service(service)
{
}

void KioskPhotoCache::refresh()
{
    if (!m_service)
        return;
    Result<QHash<qint64, qint64>> first = m_service->firstPhotoIds();
    if (!first.ok())
        return; // the cards show their icons; the booking goes on
    m_first = first.value();
    // Forget photos no longer first anywhere (removed or moved back).
    QSet<qint64> wanted(m_first.cbegin(), m_first.cend());
    for (auto it = m_pixmaps.begin(); it != m_pixmaps.end();)
        it = wanted.contains(it.key()) ? std::next(it) : m_pixmaps.erase(it);
}

QPixmap KioskPhotoCache::cardPhoto(qint64 campsiteId)
{
    const qint64 photoId = m_first.value(campsiteId);
    if (!m_service || photoId == 0)
        return {};
    if (auto it = m_pixmaps.constFind(photoId); it != m_pixmaps.cend())
        return it.value();
    Result<QByteArray> bytes = m_service->photoBytes(photoId);
    if (!bytes.ok())
        return {};
    // Decoded straight at card size (JPEG scales while decoding): a few milliseconds on the GUI thread, not the
    // tens a 1600 px photo takes.
    QBuffer buffer;
    buffer.setData(bytes.value());
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    QSize size = reader.size();
    if (size.isValid()) {
        size.scale(width, height, Qt::KeepAspectRatioByExpanding);
        reader.setScaledSize(size);
    }
    const QImage image = reader.read();
    if (image.isNull())
        return {};
    // Filled and cropped to the card's frame, centred.
    const QImage scaled = image.size() == size
        ? image
        : image.scaled(width, height, Qt::KeepAspectRatioByExpanding, Qt::SmoothTransformation);
    const QPixmap pixmap
        = QPixmap::fromImage(scaled.copy((scaled.width() - width) / 2, (scaled.height() - height) / 2, width, height));
    ++m_decoded;
    m_pixmaps.insert(photoId, pixmap);
    return pixmap;
}

} // namespace campdesk
