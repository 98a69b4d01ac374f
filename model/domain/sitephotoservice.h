#pragma once

#include "core/actor.h"
#include "db/database.h"
#include "domain/imagecodec.h"

#include <QCoreApplication>
#include <QHash>

namespace campdesk {

// One photo of a site, in its order (position 0 is the one the kiosk card shows).
struct SitePhoto
{
    qint64 id = 0;
    qint64 campsiteId = 0;
    int position = 0;
    QString caption;
    QByteArray bytes; // JPEG, long edge at most SitePhotoService::maxEdge
    QString mimeType;
    int width = 0;
    int height = 0;
};

// A few photos per site, stored in the database (both drivers), downscaled on the way in. Manager only to change;
// everyone (the kiosk too) reads.
class SitePhotoService
{
    Q_DECLARE_TR_FUNCTIONS(SitePhotoService)

public:
    static constexpr int maxPhotos = 4;
    static constexpr int maxEdge = 1600;
    static constexpr qint64 maxStoredBytes = 2 * 1024 * 1024; // after the downscale
    static constexpr qint64 maxUploadBytes = 30 * 1024 * 1024; // a camera's file, before it

    explicit SitePhotoService(Database& db, const ImageCodec* codec = nullptr);
    void setImageCodec(const ImageCodec* codec) { m_codec = codec; }

    // Adds a photo at the end; the fifth is refused.
    Result<SitePhoto> addPhoto(const Actor& actor, qint64 campsiteId, const QByteArray& bytes,
                               const QString& caption = QString());
    Status removePhoto(const Actor& actor, qint64 photoId);
    // Moves a photo to position `to` (0 = first), the others close up.
    Status movePhoto(const Actor& actor, qint64 photoId, int to);
    Status setCaption(const Actor& actor, qint64 photoId, const QString& caption);

    // A site's photos in order, with their bytes.
    Result<QList<SitePhoto>> photos(qint64 campsiteId) const;
    // Each site's first photo's id (the kiosk cards), by campsite id: cheap, no bytes. A photo's picture never
    // changes, so a view keeps what it decoded by photo id and reads only photos it has not seen (photoBytes).
    Result<QHash<qint64, qint64>> firstPhotoIds() const;
    Result<QByteArray> photoBytes(qint64 photoId) const;

private:
    Database& m_db;
    const ImageCodec* m_codec;
};

} // namespace campdesk
