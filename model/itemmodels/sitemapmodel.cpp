#include "itemmodels/sitemapmodel.h"

#include "core/clock.h"
#include "itemmodels/coalescedrefresh.h"

namespace campdesk {

namespace {
bool same(const SiteMapEntry& a, const SiteMapEntry& b)
{
    return a.campsiteId == b.campsiteId && a.code == b.code && a.name == b.name && a.kind == b.kind
        && a.status == b.status && a.placed == b.placed && a.x == b.x && a.y == b.y && a.state == b.state;
}
} // namespace

SiteMapModel::SiteMapModel(SiteMapService& service, EventBus* bus, QObject* parent)
    : QAbstractListModel(parent)
    , m_service(service)
    , m_refresh(new CoalescedRefresh(
          bus, service.clock(), coalesceMs, [this] { return m_day; }, [this] { refresh(); }, this))
{
    refresh();
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
    Result<QList<SiteMapEntry>> fresh = m_service.sites();
    if (!fresh.ok()) {
        m_lastError = fresh.error().message;
        return;
    }
    m_lastError.clear();
    apply(fresh.value());
    Result<qint64> version = m_service.mapImageUpdatedAt();
    if (version.ok() && version.value() != m_pictureVersion) {
        Result<std::optional<SiteMapImage>> image = m_service.mapImage();
        if (image.ok()) {
            m_picture = image.value() ? image.value()->bytes : QByteArray();
            m_pictureVersion = image.value() ? image.value()->updatedAt : 0;
            emit pictureChanged();
        }
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
