#include "domain/sitephotoservice.h"

#include "core/validation.h"

#include <QLocale>

namespace campdesk {

namespace {

const QString photoColumns
    = QStringLiteral("id, campsite_id, position, caption, image, mime_type, width, height FROM site_photos");

SitePhoto photoFromRow(const SqlRows& row)
{
    SitePhoto p;
    p.id = row.value(0).toLongLong();
    p.campsiteId = row.value(1).toLongLong();
    p.position = row.value(2).toInt();
    p.caption = row.value(3).toString();
    p.bytes = row.value(4).toByteArray();
    p.mimeType = row.value(5).toString();
    p.width = row.value(6).toInt();
    p.height = row.value(7).toInt();
    return p;
}

Status checkCaption(const QString& caption)
{
    return checkText(caption, SitePhotoService::tr("Caption"), QStringLiteral("caption"), 0, 80);
}

Error photoNotFound()
{
    return Error(ErrorCode::NotFound, SitePhotoService::tr("This photo no longer exists."));
}

// The site's row is locked on PostgreSQL so that two managers adding at once cannot both see three photos (SQLite's
// BEGIN IMMEDIATE already runs writers one at a time). Returns the site's code, empty when it does not exist.
QString lockSite(Transaction& tx, qint64 campsiteId)
{
    const QString forUpdate = tx.driver() == SqlDriver::Postgres ? QStringLiteral(" FOR UPDATE") : QString();
    return tx.scalar(QStringLiteral("SELECT code FROM campsites WHERE id = ?") + forUpdate, { campsiteId }).toString();
}

// Numbers a site's photos 0, 1, 2 ... in the order given.
void renumber(Transaction& tx, const QList<qint64>& ids)
{
    for (int i = 0; i < ids.size(); ++i)
        tx.exec(QStringLiteral("UPDATE site_photos SET position = ? WHERE id = ?"), { i, ids.at(i) });
}

QList<qint64> photoIds(Transaction& tx, qint64 campsiteId)
{
    QList<qint64> ids;
    SqlRows rows = tx.exec(QStringLiteral("SELECT id FROM site_photos WHERE campsite_id = ? ORDER BY position, id"),
                           { campsiteId });
    while (rows.next())
        ids << rows.value(0).toLongLong();
    return ids;
}

void recordChange(Transaction& tx, const Actor& actor, qint64 campsiteId, const QString& code, const QString& action,
                  const QString& details)
{
    tx.recordEvent(EventType::CampsiteModified, QStringLiteral("campsite"), campsiteId,
                   { { QStringLiteral("code"), code }, { QStringLiteral("change"), QStringLiteral("photos") } });
    tx.audit(actor, action, code, details);
}

} // namespace

SitePhotoService::SitePhotoService(Database& db, const ImageCodec* codec)
    : m_db(db)
    , m_codec(codec)
{
}

Result<SitePhoto> SitePhotoService::addPhoto(const Actor& actor, qint64 campsiteId, const QByteArray& bytes,
                                             const QString& caption)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::System }); !allowed.ok())
        return allowed.error();
    if (Status s = checkCaption(caption); !s.ok())
        return s.error();
    if (bytes.isEmpty())
        return invalidInput(tr("The file is empty."), QStringLiteral("image"));
    if (bytes.size() > maxUploadBytes)
        return invalidInput(tr("The file is larger than %1 MB.").arg(maxUploadBytes / (1024 * 1024)),
                            QStringLiteral("image"));
    if (!m_codec)
        return Error(ErrorCode::Unavailable, tr("Pictures cannot be read on this terminal."));
    Result<ImageCodec::Image> prepared = m_codec->prepare(bytes, maxEdge);
    if (!prepared.ok())
        return prepared.error();
    const ImageCodec::Image& image = prepared.value();
    if (image.bytes.size() > maxStoredBytes) {
        return invalidInput(tr("Even scaled down the photo is %1 MB; a photo can be at most %2 MB.")
                                .arg(QLocale().toString(double(image.bytes.size()) / (1024 * 1024), 'f', 1))
                                .arg(maxStoredBytes / (1024 * 1024)),
                            QStringLiteral("image"));
    }

    return m_db.write([&](Transaction& tx) -> Result<SitePhoto> {
        const QString code = lockSite(tx, campsiteId);
        if (code.isEmpty())
            return Error(ErrorCode::NotFound, tr("This campsite no longer exists."));
        const int count
            = tx.scalar(QStringLiteral("SELECT count(*) FROM site_photos WHERE campsite_id = ?"), { campsiteId })
                  .toInt();
        if (count >= maxPhotos)
            return invalidInput(tr("A site can have at most %1 photos. Remove one first.").arg(maxPhotos),
                                QStringLiteral("image"));
        SitePhoto p { 0, campsiteId, count, caption.trimmed(), image.bytes, image.mimeType, image.width, image.height };
        p.id = tx.insert(QStringLiteral("INSERT INTO site_photos (campsite_id, position, caption, image, mime_type, "
                                        "width, height, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
                         { campsiteId, p.position, p.caption, p.bytes, p.mimeType, p.width, p.height, tx.nowMs() });
        recordChange(
            tx, actor, campsiteId, code, QStringLiteral("campsite.photo_add"),
            QStringLiteral("photo %1 (%2x%3, %4 bytes)").arg(p.id).arg(p.width).arg(p.height).arg(p.bytes.size()));
        return p;
    });
}

Status SitePhotoService::removePhoto(const Actor& actor, qint64 photoId)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::System }); !allowed.ok())
        return allowed;
    return m_db.write([&](Transaction& tx) -> Status {
        const qint64 campsiteId
            = tx.scalar(QStringLiteral("SELECT campsite_id FROM site_photos WHERE id = ?"), { photoId }).toLongLong();
        if (campsiteId == 0)
            return photoNotFound();
        const QString code = lockSite(tx, campsiteId);
        tx.exec(QStringLiteral("DELETE FROM site_photos WHERE id = ?"), { photoId });
        renumber(tx, photoIds(tx, campsiteId));
        recordChange(tx, actor, campsiteId, code, QStringLiteral("campsite.photo_remove"),
                     QStringLiteral("photo %1").arg(photoId));
        return {};
    });
}

Status SitePhotoService::movePhoto(const Actor& actor, qint64 photoId, int to)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::System }); !allowed.ok())
        return allowed;
    return m_db.write([&](Transaction& tx) -> Status {
        const qint64 campsiteId
            = tx.scalar(QStringLiteral("SELECT campsite_id FROM site_photos WHERE id = ?"), { photoId }).toLongLong();
        if (campsiteId == 0)
            return photoNotFound();
        const QString code = lockSite(tx, campsiteId);
        QList<qint64> ids = photoIds(tx, campsiteId);
        if (to < 0 || to >= ids.size())
            return invalidInput(tr("There is no place %1 to move the photo to.").arg(to + 1),
                                QStringLiteral("position"));
        ids.move(ids.indexOf(photoId), to);
        renumber(tx, ids);
        recordChange(tx, actor, campsiteId, code, QStringLiteral("campsite.photo_move"),
                     QStringLiteral("photo %1 to place %2").arg(photoId).arg(to + 1));
        return {};
    });
}

Status SitePhotoService::setCaption(const Actor& actor, qint64 photoId, const QString& caption)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::System }); !allowed.ok())
        return allowed;
    if (Status s = checkCaption(caption); !s.ok())
        return s;
    return m_db.write([&](Transaction& tx) -> Status {
        const qint64 campsiteId
            = tx.scalar(QStringLiteral("SELECT campsite_id FROM site_photos WHERE id = ?"), { photoId }).toLongLong();
        if (campsiteId == 0)
            return photoNotFound();
        const QString code = lockSite(tx, campsiteId);
        tx.exec(QStringLiteral("UPDATE site_photos SET caption = ? WHERE id = ?"), { caption.trimmed(), photoId });
        recordChange(tx, actor, campsiteId, code, QStringLiteral("campsite.photo_caption"),
                     QStringLiteral("photo %1: %2").arg(photoId).arg(caption.trimmed()));
        return {};
    });
}

Result<QList<SitePhoto>> SitePhotoService::photos(qint64 campsiteId) const
{
    return m_db.read([&](SqlSession& s) -> Result<QList<SitePhoto>> {
        SqlRows rows = s.exec(QStringLiteral("SELECT ") + photoColumns
                                  + QStringLiteral(" WHERE campsite_id = ? ORDER BY position, id"),
                              { campsiteId });
        QList<SitePhoto> list;
        while (rows.next())
            list << photoFromRow(rows);
        return list;
    });
}

Result<QHash<qint64, qint64>> SitePhotoService::firstPhotoIds() const
{
    return m_db.read([&](SqlSession& s) -> Result<QHash<qint64, qint64>> {
        SqlRows rows = s.exec(QStringLiteral("SELECT campsite_id, id FROM site_photos WHERE position = 0"));
        QHash<qint64, qint64> first;
        while (rows.next())
            first.insert(rows.value(0).toLongLong(), rows.value(1).toLongLong());
        return first;
    });
}

Result<QByteArray> SitePhotoService::photoBytes(qint64 photoId) const
{
    return m_db.read([&](SqlSession& s) -> Result<QByteArray> {
        SqlRows row = s.exec(QStringLiteral("SELECT image FROM site_photos WHERE id = ?"), { photoId });
        if (!row.next())
            return photoNotFound();
        return row.value(0).toByteArray();
    });
}

} // namespace campdesk
