#pragma once

#include "core/actor.h"
#include "db/database.h"
#include "domain/campsite.h"
#include "domain/imagecodec.h"

#include <QCoreApplication>
#include <optional>

namespace campdesk {

// Today's state of a site as the map colours it.
enum class SiteMapState { Free, Occupied, Arriving, Departing, Blocked };
QString siteMapStateKey(SiteMapState state); // "free", "occupied", "arriving", "departing", "blocked"

// The picture of the campground the manager chose.
struct SiteMapImage
{
    QByteArray bytes;
    QString mimeType;
    int width = 0;
    int height = 0;
    qint64 updatedAt = 0; // ms since the epoch
};

// A marker position on the picture, relative (0..1 of width and height) so the picture can be scaled.
struct SiteMarker
{
    qint64 campsiteId = 0;
    double x = 0;
    double y = 0;
};

// One site on the map: where it is (if placed) and what it is doing today.
struct SiteMapEntry
{
    qint64 campsiteId = 0;
    QString code;
    QString name;
    CampsiteKind kind = CampsiteKind::Tent;
    CampsiteStatus status = CampsiteStatus::Active;
    bool placed = false;
    double x = 0;
    double y = 0;
    SiteMapState state = SiteMapState::Free;
};

// The site map: the manager's picture of the campground and each site's marker on it (manager only to change,
// readable by everyone, the kiosk included), and today's state per site in one indexed query.
class SiteMapService
{
    Q_DECLARE_TR_FUNCTIONS(SiteMapService)

public:
    static constexpr qint64 maxMapBytes = 5 * 1024 * 1024;

    explicit SiteMapService(Database& db, const ImageCodec* codec = nullptr);
    // The decoder (views/ has it); not owned. Without one every picture is refused.
    void setImageCodec(const ImageCodec* codec) { m_codec = codec; }

    // Replaces the picture; markers keep their relative places.
    Result<SiteMapImage> setMapImage(const Actor& actor, const QByteArray& bytes);
    // The picture, or nothing when none was chosen yet.
    Result<std::optional<SiteMapImage>> mapImage() const;
    // When the picture last changed (0: no picture): a view reads the picture again only when this moves.
    Result<qint64> mapImageUpdatedAt() const;
    // Places, moves (and with `removed`, takes off the map) markers in one transaction. Positions outside 0..1,
    // unknown and retired sites are refused and nothing is saved.
    Status saveMarkers(const Actor& actor, const QList<SiteMarker>& placed, const QList<qint64>& removed = {});
    // Every site that is not retired, placed or not, with today's state, by code.
    Result<QList<SiteMapEntry>> sites() const;
    // Only the sites on the map that are not retired, by code, without today's state (left Free): what the kiosk
    // draws. It reads the markers alone, not every site's stays.
    Result<QList<SiteMapEntry>> placedSites() const;
    static Status checkPosition(double x, double y);
    const Clock& clock() const { return m_db.clock(); }
    const Database& database() const { return m_db; }

private:
    Database& m_db;
    const ImageCodec* m_codec;
};

} // namespace campdesk
