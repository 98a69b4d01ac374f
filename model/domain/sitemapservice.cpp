#include "domain/sitemapservice.h"

#include <QLocale>
#include <QSet>

namespace campdesk {

namespace {

Error noCodec()
{
    return Error(ErrorCode::Unavailable, SiteMapService::tr("Pictures cannot be read on this terminal."));
}

// Today's state per site in one statement: each EXISTS is a short walk of reservations_site_status
// (campsite_id, status, check_in) for that site. Blocked wins, then a guest on the site (leaving today or
// staying), then a guest expected today (or late: a confirmed stay that covers today but is not checked in).
// %1: "+" on SQLite. Without statistics SQLite answered "departing" and "arriving" through the check-out index,
// walking every past (or future) stay of each site: 15.7 s for 2,000 sites at a million bookings, 0.11 s with the
// check-out test kept off the index so that (campsite, status, check-in) finds the one stay there is.
const QString stateSql
    = QStringLiteral("SELECT c.id, c.code, c.name, c.kind, c.status, m.x, m.y, "
                     "CASE WHEN c.status = 'maintenance' "
                     // A site block covering tonight: its night row (the primary key of reservation_nights).
                     "OR EXISTS (SELECT 1 FROM reservation_nights n WHERE n.campsite_id = c.id AND n.night = ? "
                     "AND n.block_id IS NOT NULL) "
                     "THEN 'blocked' "
                     "WHEN EXISTS (SELECT 1 FROM reservations r WHERE r.campsite_id = c.id AND r.status = 'checked_in' "
                     "AND r.check_in <= ? AND %1r.check_out <= ?) THEN 'departing' "
                     "WHEN EXISTS (SELECT 1 FROM reservations r WHERE r.campsite_id = c.id AND r.status = 'checked_in' "
                     "AND r.check_in <= ?) THEN 'occupied' "
                     "WHEN EXISTS (SELECT 1 FROM reservations r WHERE r.campsite_id = c.id AND r.status = 'confirmed' "
                     "AND r.check_in <= ? AND %1r.check_out > ?) THEN 'arriving' "
                     "ELSE 'free' END AS state "
                     "FROM campsites c LEFT JOIN site_markers m ON m.campsite_id = c.id "
                     "WHERE c.status <> 'retired' ORDER BY c.code");

// The columns both reads start with: id, code, name, kind, status, and the marker's x and y (null when not placed).
SiteMapEntry entryFromRow(const SqlRows& rows)
{
    SiteMapEntry e;
    e.campsiteId = rows.value(0).toLongLong();
    e.code = rows.value(1).toString();
    e.name = rows.value(2).toString();
    e.kind = campsiteKindFromKey(rows.value(3).toString()).value_or(CampsiteKind::Tent);
    e.status = campsiteStatusFromKey(rows.value(4).toString()).value_or(CampsiteStatus::Retired);
    e.placed = !rows.isNull(5);
    if (e.placed) {
        e.x = rows.value(5).toDouble();
        e.y = rows.value(6).toDouble();
    }
    return e;
}

SiteMapState stateFromKey(const QString& key)
{
    if (key == QLatin1String("blocked"))
        return SiteMapState::Blocked;
    if (key == QLatin1String("departing"))
        return SiteMapState::Departing;
    if (key == QLatin1String("occupied"))
        return SiteMapState::Occupied;
    if (key == QLatin1String("arriving"))
        return SiteMapState::Arriving;
    return SiteMapState::Free;
}

} // namespace

QString siteMapStateKey(SiteMapState state)
{
    switch (state) {
    case SiteMapState::Free:
        return QStringLiteral("free");
    case SiteMapState::Occupied:
        return QStringLiteral("occupied");
    case SiteMapState::Arriving:
        return QStringLiteral("arriving");
    case SiteMapState::Departing:
        return QStringLiteral("departing");
    case SiteMapState::Blocked:
        return QStringLiteral("blocked");
    }
    return QStringLiteral("free");
}

SiteMapService::SiteMapService(Database& db, const ImageCodec* codec)
    : m_db(db)
    , m_codec(codec)
{
}

Status SiteMapService::checkPosition(double x, double y)
{
    // Written so that NaN fails too.
    if (!(x >= 0.0 && x <= 1.0 && y >= 0.0 && y <= 1.0))
        return invalidInput(tr("A marker must lie on the picture."), QStringLiteral("position"));
    return {};
}

Result<SiteMapImage> SiteMapService::setMapImage(const Actor& actor, const QByteArray& bytes)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::System }); !allowed.ok())
        return allowed.error();
    if (bytes.isEmpty())
        return invalidInput(tr("The file is empty."), QStringLiteral("image"));
    if (bytes.size() > maxMapBytes) {
        return invalidInput(tr("The picture is %1 MB; a map can be at most %2 MB.")
                                .arg(QLocale().toString(double(bytes.size()) / (1024 * 1024), 'f', 1))
                                .arg(maxMapBytes / (1024 * 1024)),
                            QStringLiteral("image"));
    }
    if (!m_codec)
        return noCodec();
    Result<ImageCodec::Image> decoded = m_codec->prepare(bytes, 0);
    if (!decoded.ok())
        return decoded.error();
    const ImageCodec::Image& image = decoded.value();

    return m_db.write([&](Transaction& tx) -> Result<SiteMapImage> {
        const qint64 now = tx.nowMs();
        tx.exec(QStringLiteral("INSERT INTO site_map (id, image, mime_type, width, height, updated_at) "
                               "VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET image = excluded.image, "
                               "mime_type = excluded.mime_type, width = excluded.width, height = excluded.height, "
                               "updated_at = excluded.updated_at"),
                { image.bytes, image.mimeType, image.width, image.height, now });
        const QString size = QStringLiteral("%1x%2 %3, %4 bytes")
                                 .arg(image.width)
                                 .arg(image.height)
                                 .arg(image.mimeType)
                                 .arg(image.bytes.size());
        // Other terminals' map pages read the map again on any event; CampsiteModified is the closest kind.
        tx.recordEvent(EventType::CampsiteModified, QStringLiteral("site_map"), 1,
                       { { QStringLiteral("change"), QStringLiteral("map_image") } });
        tx.audit(actor, QStringLiteral("sitemap.image"), QStringLiteral("site map"), size);
        return SiteMapImage { image.bytes, image.mimeType, image.width, image.height, now };
    });
}

Result<std::optional<SiteMapImage>> SiteMapService::mapImage() const
{
    return m_db.read([&](SqlSession& s) -> Result<std::optional<SiteMapImage>> {
        SqlRows row
            = s.exec(QStringLiteral("SELECT image, mime_type, width, height, updated_at FROM site_map WHERE id = 1"));
        if (!row.next())
            return std::optional<SiteMapImage>();
        return std::optional<SiteMapImage>(SiteMapImage { row.value(0).toByteArray(), row.value(1).toString(),
                                                          row.value(2).toInt(), row.value(3).toInt(),
                                                          row.value(4).toLongLong() });
    });
}

Result<qint64> SiteMapService::mapImageUpdatedAt() const
{
    return m_db.read([&](SqlSession& s) -> Result<qint64> {
        return s.scalar(QStringLiteral("SELECT updated_at FROM site_map WHERE id = 1")).toLongLong();
    });
}

Status SiteMapService::saveMarkers(const Actor& actor, const QList<SiteMarker>& placed, const QList<qint64>& removed)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::System }); !allowed.ok())
        return allowed.error();
    for (const SiteMarker& marker : placed) {
        if (Status s = checkPosition(marker.x, marker.y); !s.ok())
            return s;
    }
    if (placed.isEmpty() && removed.isEmpty())
        return {};

    return m_db.write([&](Transaction& tx) -> Status {
        QStringList codes;
        QSet<qint64> seen;
        for (const SiteMarker& marker : placed) {
            if (seen.contains(marker.campsiteId))
                return invalidInput(tr("A site can have only one marker."), QStringLiteral("position"));
            seen.insert(marker.campsiteId);
            SqlRows site
                = tx.exec(QStringLiteral("SELECT code, status FROM campsites WHERE id = ?"), { marker.campsiteId });
            if (!site.next())
                return Error(ErrorCode::NotFound, tr("This campsite no longer exists."));
            const QString code = site.value(0).toString();
            if (site.value(1).toString() == QLatin1String("retired"))
                return invalidInput(tr("Site %1 is retired and is not shown on the map.").arg(code),
                                    QStringLiteral("position"));
            site.finish();
            tx.exec(QStringLiteral("INSERT INTO site_markers (campsite_id, x, y, updated_at) VALUES (?, ?, ?, ?) "
                                   "ON CONFLICT (campsite_id) DO UPDATE SET x = excluded.x, y = excluded.y, "
                                   "updated_at = excluded.updated_at"),
                    { marker.campsiteId, marker.x, marker.y, tx.nowMs() });
            codes << code;
        }
        for (qint64 id : removed) {
            const QString code
                = tx.scalar(QStringLiteral("SELECT code FROM campsites WHERE id = ?"), { id }).toString();
            tx.exec(QStringLiteral("DELETE FROM site_markers WHERE campsite_id = ?"), { id });
            if (!code.isEmpty())
                codes << code;
        }
        tx.recordEvent(EventType::CampsiteModified, QStringLiteral("site_map"), 1,
                       { { QStringLiteral("change"), QStringLiteral("markers") },
                         { QStringLiteral("sites"), codes.join(QLatin1Char(',')) } });
        tx.audit(actor, QStringLiteral("sitemap.markers"), QStringLiteral("site map"),
                 QStringLiteral("placed %1, removed %2: %3")
                     .arg(placed.size())
                     .arg(removed.size())
                     .arg(codes.join(QStringLiteral(", "))));
        return {};
    });
}

Result<QList<SiteMapEntry>> SiteMapService::sites() const
{
    return m_db.read([&](SqlSession& s) -> Result<QList<SiteMapEntry>> {
        const QString today = sqlDate(s.database().clock().today());
        SqlRows rows = s.exec(stateSql.arg(s.driver() == SqlDriver::Sqlite ? QStringLiteral("+") : QString()),
                              { today, today, today, today, today, today });
        QList<SiteMapEntry> entries;
        while (rows.next()) {
            SiteMapEntry e = entryFromRow(rows);
            e.state = stateFromKey(rows.value(7).toString());
            entries.append(e);
        }
        return entries;
    });
}

Result<QList<SiteMapEntry>> SiteMapService::placedSites() const
{
    return m_db.read([&](SqlSession& s) -> Result<QList<SiteMapEntry>> {
        SqlRows rows
            = s.exec(QStringLiteral("SELECT c.id, c.code, c.name, c.kind, c.status, m.x, m.y FROM site_markers m "
                                    "JOIN campsites c ON c.id = m.campsite_id WHERE c.status <> 'retired' "
                                    "ORDER BY c.code"));
        QList<SiteMapEntry> entries;
        while (rows.next())
            entries.append(entryFromRow(rows));
        return entries;
    });
}

} // namespace campdesk
