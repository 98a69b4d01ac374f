#include "itemmodels/sitemapmodel.h"

#include "core/backgroundpool.h"
#include "core/clock.h"
#include "db/database.h"
#include "itemmodels/coalescedrefresh.h"

#include <QtConcurrent/QtConcurrentRun>

namespace campdesk {

namespace {
bool same(const SiteMapEntry& a, const SiteMapEntry& b)
{
    return a.campsiteId == b.campsiteId && a.code == b.code && a.name == b.name && a.kind == b.kind
        && a.status == b.status && a.placed == b.placed && a.x == b.x && a.y == b.y && a.state == b.state;
}
} // namespace

SiteMapModel::SiteMapModel(SiteMapService& service, EventBus* bus, QObject* parent, Reads reads)
    : QAbstractListModel(parent)
    , m_service(service)
    , m_refresh(new CoalescedRefresh(
          bus, service.clock(), coalesceMs, [this] { return m_day; }, [this] { refresh(); }, this))
    , m_reads(reads)
{
    connect(&m_watcher, &QFutureWatcher<Read>::finished, this, [this] {
        applyRead(m_watcher.result());
        if (std::exchange(m_readAgain, false))
            refresh();
    });
    refresh();
}

SiteMapModel::~SiteMapModel()
{
    m_watcher.waitForFinished(); // the worker reads through m_service's database
}

int SiteMapModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant SiteMapModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const SiteMapEntry& e = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return e.name.isEmpty() ? e.code : QStringLiteral("%1 %2").arg(e.code, e.name);
    case CampsiteIdRole:
        return e.campsiteId;
    case CodeRole:
        return e.code;
    case StateRole:
        return int(e.state);
    case PlacedRole:
        return e.placed;
    case XRole:
        return e.x;
    case YRole:
        return e.y;
    default:
        return {};
    }
}

int SiteMapModel::rowOf(qint64 campsiteId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).campsiteId == campsiteId)
            return i;
    }
    return -1;
}

RefreshGate* SiteMapModel::refreshGate() const
{
    return m_refresh->gate();
}

void SiteMapModel::refresh()
{
    m_refresh->cancelPending();
    m_day = m_service.clock().today();
    if (m_reads == Reads::Here) {
        applyRead(read(m_service, m_pictureVersion));
        return;
    }
    if (m_watcher.isRunning()) {
        m_readAgain = true;
        return;
    }
    const Database* db = &m_service.database();
    const qint64 known = m_pictureVersion;
    m_watcher.setFuture(QtConcurrent::run(backgroundPool(), [db, known]() -> Read {
        Result<std::unique_ptr<Database>> own = db->openAnother(QStringLiteral("-sitemap"));
        if (!own.ok()) {
            Read failed;
            failed.sites = own.error();
            return failed;
        }
        return read(SiteMapService(*own.value()), known);
    }));
}

SiteMapModel::Read SiteMapModel::read(const SiteMapService& service, qint64 knownVersion)
{
    Read done;
    done.sites = service.sites();
    if (!done.sites.ok())
        return done;
    Result<qint64> version = service.mapImageUpdatedAt();
    if (version.ok() && version.value() != knownVersion) {
        Result<std::optional<SiteMapImage>> image = service.mapImage();
        if (image.ok())
            done.picture = image.value();
    }
    return done;
}

void SiteMapModel::applyRead(const Read& done)
{
    if (!done.sites.ok()) {
        m_lastError = done.sites.error().message;
        return;
    }
    m_lastError.clear();
    apply(done.sites.value());
    if (done.picture) {
        const std::optional<SiteMapImage>& image = *done.picture;
        m_picture = image ? image->bytes : QByteArray();
        m_pictureVersion = image ? image->updatedAt : 0;
        emit pictureChanged();
    }
    emit refreshed();
}

// Brings the rows to `fresh` with removes, moves, inserts and changes (never a reset), so views keep their place.
void SiteMapModel::apply(const QList<SiteMapEntry>& fresh)
{
    QSet<qint64> wanted;
    for (const SiteMapEntry& e : fresh)
        wanted.insert(e.campsiteId);
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (!wanted.contains(m_rows.at(i).campsiteId)) {
            beginRemoveRows({}, i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    for (int i = 0; i < fresh.size(); ++i) {
        const SiteMapEntry& e = fresh.at(i);
        const int at = rowOf(e.campsiteId);
        if (at < 0) {
            beginInsertRows({}, i, i);
            m_rows.insert(i, e);
            endInsertRows();
            continue;
        }
        if (at != i) {
            beginMoveRows({}, at, at, {}, i);
            m_rows.move(at, i);
            endMoveRows();
        }
        if (!same(m_rows.at(i), e)) {
            m_rows[i] = e;
            emit dataChanged(index(i), index(i));
        }
    }
}

} // namespace campdesk
