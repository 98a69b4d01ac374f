#include "itemmodels/campsitetablemodel.h"

#include "core/eventbus.h"
#include "core/money.h"
#include "domain/campsiteservice.h"

#include <QHash>

namespace campdesk {

CampsiteTableModel::CampsiteTableModel(CampsiteService& service, EventBus* bus, QObject* parent)
    : QAbstractTableModel(parent)
    , m_service(service)
{
    if (bus) {
        // A reload is cheap (a campground has tens to hundreds of sites) and always right, whatever changed.
        for (auto signal : { &EventBus::campsiteRegistered, &EventBus::campsiteModified, &EventBus::campsiteDeleted })
            connect(bus, signal, this, &CampsiteTableModel::refresh);
    }
    refresh();
}

int CampsiteTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CampsiteTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int CampsiteTableModel::rowOfId(qint64 id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == id)
            return row;
    }
    return -1;
}

QVariant CampsiteTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Campsite& c = m_rows.at(index.row());
    switch (role) {
    case IdRole:
        return c.id;
    case StatusKeyRole:
        return campsiteStatusKey(c.status);
    case FilterTextRole:
        return QStringList { c.code, c.name, c.zone, campsiteKindName(c.kind) }.join(QLatin1Char('\n'));
    case Qt::TextAlignmentRole:
        if (index.column() == MaxGuests || index.column() == NightlyPrice || index.column() == WeekendPrice)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant();
    case Qt::ToolTipRole:
        if (index.column() == Amenities)
            return c.amenities.join(QStringLiteral(", "));
        if (index.column() == Name)
            return c.description.isEmpty() ? QVariant() : QVariant(c.description);
        return QVariant();
    case SortRole:
        switch (index.column()) {
        case MaxGuests:
            return c.maxGuests;
        case NightlyPrice:
            return c.nightlyPrice;
        case WeekendPrice:
            return c.weekendPrice > 0 ? c.weekendPrice : c.nightlyPrice;
        case Status:
            return int(c.status);
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case Code:
            return c.code;
        case Name:
            return c.name;
        case Kind:
            return campsiteKindName(c.kind);
        case Zone:
            return c.zone;
        case MaxGuests:
            return c.maxGuests;
        case NightlyPrice:
            return formatWon(c.nightlyPrice);
        case WeekendPrice:
            return c.weekendPrice > 0 ? formatWon(c.weekendPrice) : QString();
        case Amenities:
            return c.amenities.join(QStringLiteral(", "));
        case Status:
            return campsiteStatusName(c.status);
        }
        return QVariant();
    default:
        return QVariant();
    }
}

QVariant CampsiteTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Code:
        return tr("Code");
    case Name:
        return tr("Name");
    case Kind:
        return tr("Kind");
    case Zone:
        return tr("Zone");
    case MaxGuests:
        return tr("Guests");
    case NightlyPrice:
        return tr("Nightly");
    case WeekendPrice:
        return tr("Weekend");
    case Amenities:
        return tr("Amenities");
    case Status:
        return tr("Status");
    }
    return QVariant();
}

bool CampsiteTableModel::refresh()
{
    Result<QList<Campsite>> loaded = m_service.list(true);
    if (!loaded.ok()) {
        m_lastError = loaded.error();
        emit refreshFailed(m_lastError.message);
        return false;
    }
    m_lastError = Error();
    QHash<qint64, Campsite> fresh;
    QList<qint64> order;
    for (const Campsite& c : loaded.value()) {
        fresh.insert(c.id, c);
        order.append(c.id);
    }
    // Gone rows first, from the bottom so row numbers above stay valid.
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (!fresh.contains(m_rows.at(row).id)) {
            beginRemoveRows(QModelIndex(), row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
    }
    // Changed rows in place.
    for (int row = 0; row < m_rows.size(); ++row) {
        Campsite& current = m_rows[row];
        const Campsite& next = fresh.value(current.id);
        if (next.version != current.version || next.code != current.code) {
            current = next;
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
        fresh.remove(current.id);
    }
    // New rows at the end, in the service's order (by code).
    QList<Campsite> added;
    for (qint64 id : order) {
        if (fresh.contains(id))
            added.append(fresh.value(id));
    }
    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows(QModelIndex(), first, first + int(added.size()) - 1);
        m_rows.append(added);
        endInsertRows();
    }
    return true;
}

} // namespace campdesk
