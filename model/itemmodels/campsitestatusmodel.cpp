#include "itemmodels/campsitestatusmodel.h"

#include "core/eventbus.h"
#include "domain/campsite.h"
#include "domain/dashboardqueries.h"
#include "itemmodels/coalescedrefresh.h"

#include <QLocale>

namespace campdesk {

namespace {

bool sameRow(const CampsiteStatusRow& a, const CampsiteStatusRow& b)
{
    return a.campsiteId == b.campsiteId && a.code == b.code && a.name == b.name && a.kind == b.kind && a.zone == b.zone
        && a.siteStatus == b.siteStatus && a.currentReservationId == b.currentReservationId
        && a.currentGuest == b.currentGuest && a.currentCheckOut == b.currentCheckOut
        && a.currentCheckedIn == b.currentCheckedIn && a.currentGuests == b.currentGuests
        && a.nextReservationId == b.nextReservationId && a.nextGuest == b.nextGuest && a.nextCheckIn == b.nextCheckIn
        && a.bookedNights30 == b.bookedNights30 && a.revenue == b.revenue && a.reviewCount == b.reviewCount
        && a.ratingSum == b.ratingSum && a.asOf == b.asOf && a.arrivalsToday == b.arrivalsToday
        && a.departuresToday == b.departuresToday;
}

} // namespace

CampsiteStatusModel::CampsiteStatusModel(DashboardQueries& queries, EventBus* bus, QObject* parent)
    : QAbstractTableModel(parent)
    , m_queries(queries)
    , m_refresh(new CoalescedRefresh(
          bus, queries.database().clock(), coalesceMs, [this] { return m_day; }, [this] { refresh(); }, this))
{
    refresh();
}

int CampsiteStatusModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CampsiteStatusModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

CampsiteStatusModel::SiteState CampsiteStatusModel::stateOf(const CampsiteStatusRow& r)
{
    if (r.siteStatus == QLatin1String("retired"))
        return SiteState::Retired;
    if (r.currentReservationId) {
        if (r.currentCheckedIn)
            return r.currentCheckOut <= r.asOf ? SiteState::DepartingToday : SiteState::Occupied;
        return SiteState::ArrivingToday;
    }
    if (r.siteStatus == QLatin1String("maintenance"))
        return SiteState::Maintenance;
    return SiteState::Free;
}

QString CampsiteStatusModel::stateName(SiteState state)
{
    switch (state) {
    case SiteState::Free:
        return tr("Available");
    case SiteState::ArrivingToday:
        return tr("Arriving today");
    case SiteState::Occupied:
        return tr("Occupied");
    case SiteState::DepartingToday:
        return tr("Departing today");
    case SiteState::Maintenance:
        return tr("Maintenance");
    case SiteState::Retired:
        return tr("Retired");
    }
    return QString();
}

QVariant CampsiteStatusModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const CampsiteStatusRow& r = m_rows.at(index.row());
    const QLocale locale;
    const SiteState state = stateOf(r);
    if (role == CampsiteIdRole)
        return r.campsiteId;
    if (role == StateRole)
        return int(state);
    // Text that may be elided to fit the page is shown whole in the tooltip.
    if (role == Qt::ToolTipRole)
        return index.column() == Name || index.column() == Zone || index.column() == CurrentGuest
                || index.column() == NextArrival
            ? data(index, Qt::DisplayRole)
            : QVariant();
    if (role == Qt::DisplayRole || role == SortRole) {
        const bool sort = role == SortRole;
        switch (Column(index.column())) {
        case Code:
            return r.code;
        case Name:
            return r.name;
        case Kind:
            if (const std::optional<CampsiteKind> kind = campsiteKindFromKey(r.kind))
                return campsiteKindName(*kind);
            return r.kind;
        case Zone:
            return r.zone;
        case State:
            return sort ? QVariant(int(state)) : QVariant(stateName(state));
        case CurrentGuest:
            if (!r.currentReservationId)
                return sort ? QVariant(QString()) : QVariant();
            if (sort)
                return r.currentGuest;
            return tr("%1 (%n guest(s), until %2)", nullptr, r.currentGuests)
                .arg(r.currentGuest, locale.toString(r.currentCheckOut, QLocale::ShortFormat));
        case NextArrival:
            if (!r.nextReservationId)
                return sort ? QVariant(QDate(9999, 12, 31)) : QVariant();
            if (sort)
                return r.nextCheckIn;
            return tr("%1, %2").arg(locale.toString(r.nextCheckIn, QLocale::ShortFormat), r.nextGuest);
        case Occupancy:
            if (sort)
                return r.bookedNights30;
            return tr("%1% (%n night(s))", nullptr, r.bookedNights30)
                .arg(locale.toString(r.bookedNights30 * 100.0 / 30.0, 'f', 0));
        case Revenue:
            return sort ? QVariant(r.revenue) : QVariant(tr("₩%1").arg(locale.toString(r.revenue)));
        case Rating:
            if (sort)
                return r.averageRating();
            if (!r.reviewCount)
                return QVariant();
            return tr("%1 (%n review(s))", nullptr, r.reviewCount).arg(locale.toString(r.averageRating(), 'f', 1));
        case ColumnCount:
            break;
        }
        return QVariant();
    }
    if (role == Qt::TextAlignmentRole) {
        if (index.column() == Occupancy || index.column() == Revenue || index.column() == Rating)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    }
    return QVariant();
}

QVariant CampsiteStatusModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Code:
        return tr("Code");
    case Name:
        return tr("Name");
    case Kind:
        return tr("Kind");
    case Zone:
        return tr("Zone");
    case State:
        return tr("Today");
    case CurrentGuest:
        return tr("Current guest");
    case NextArrival:
        return tr("Next arrival");
    case Occupancy:
        return tr("Next 30 nights");
    case Revenue:
        return tr("Revenue");
    case Rating:
        return tr("Rating");
    case ColumnCount:
        break;
    }
    return QVariant();
}

RefreshGate* CampsiteStatusModel::refreshGate() const
{
    return m_refresh->gate();
}

void CampsiteStatusModel::refresh()
{
    m_refresh->cancelPending();
    Result<QList<CampsiteStatusRow>> fresh = m_queries.campsites();
    if (!fresh.ok()) {
        m_lastError = fresh.error().message;
        return;
    }
    m_lastError.clear();
    m_day = m_queries.database().clock().today();
    const QList<CampsiteStatusRow>& rows = fresh.value();
    // Both lists are sorted by code: walk them together, removing, inserting and updating row by row.
    int i = 0;
    int j = 0;
    while (i < m_rows.size() || j < rows.size()) {
        if (j >= rows.size() || (i < m_rows.size() && m_rows.at(i).code < rows.at(j).code)) {
            beginRemoveRows(QModelIndex(), i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        } else if (i >= m_rows.size() || rows.at(j).code < m_rows.at(i).code) {
            beginInsertRows(QModelIndex(), i, i);
            m_rows.insert(i, rows.at(j));
            endInsertRows();
            ++i;
            ++j;
        } else {
            if (!sameRow(m_rows.at(i), rows.at(j))) {
                m_rows[i] = rows.at(j);
                emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
            }
            ++i;
            ++j;
        }
    }
    emit refreshed();
}

} // namespace campdesk
