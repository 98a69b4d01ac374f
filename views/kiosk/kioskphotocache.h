#pragma once

#include <QHash>
#include <QPixmap>

namespace campdesk {

class SitePhotoService;

// The site cards' photos, decoded and scaled once: kept by photo id (a stored photo never changes), so showing the
// free sites again costs one small query for which photo comes first, and bytes only for a photo not seen yet.
class KioskPhotoCache
{
public:
    static constexpr int width = 128;
    static constexpr int height = 96;

    explicit KioskPhotoCache(SitePhotoService* service = nullptr);
    void setService(SitePhotoService* service) { m_service = service; }

    // Reads which photo is each site's first; call before showing cards.
    void refresh();
    // The card-sized photo of a site, or a null pixmap.
    QPixmap cardPhoto(qint64 campsiteId);
    int decodedCount() const { return m_decoded; }

private:
    SitePhotoService* m_service;
    QHash<qint64, qint64> m_first; // campsite id -> photo id
    QHash<qint64, QPixmap> m_pixmaps; // photo id -> card-sized
    int m_decoded = 0;
};

} // namespace campdesk
