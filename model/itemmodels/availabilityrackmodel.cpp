#include "itemmodels/availabilityrackmodel.h"

#include "core/eventbus.h"
#include "db/database.h"
#include "domain/siteblockservice.h"

#include <QLocale>
#include <QSqlQuery>

namespace campdesk {

namespace {
quint64 cellKey(int row, int column)
{
    return (quint64(quint32(row)) << 32) | quint32(column);
}
} // namespace

AvailabilityRackModel::AvailabilityRackModel(Database& db, EventBus* bus, QObject* parent, bool active)
    : QAbstractTableModel(parent)
    , m_db(db)
    , m_start(QDate::currentDate())
    , m_today(QDate::currentDate())
    , m_active(active)
{
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(0);
    connect(&m_refreshTimer, &QTimer::timeout, this, &AvailabilityRackModel::refresh);
    if (bus) {
        connect(bus, &EventBus::published, this, [this](const DomainEvent& event) {
            if (event.aggregate == QLatin1String("reservation") || event.aggregate == QLatin1String("campsite")
                || event.aggregate == QLatin1String("payment") || event.aggregate == QLatin1String("customer"))
                m_refreshTimer.start();
        });
    }
    refresh();
}

int AvailabilityRackModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_sites.size());
}

int AvailabilityRackModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_days;
}

void AvailabilityRackModel::setRange(const QDate& start, int days)
{
    if (!start.isValid() || days < 1 || (start == m_start && days == m_days))
        return;
    const int oldDays = m_days;
    if (days != oldDays) {
        if (days > oldDays)
            beginInsertColumns(QModelIndex(), oldDays, days - 1);
        else
            beginRemoveColumns(QModelIndex(), days, oldDays - 1);
    }
    m_start = start;
    m_days = days;
    if (days > oldDays)
        endInsertColumns();
    else if (days < oldDays)
        endRemoveColumns();
    emit headerDataChanged(Qt::Horizontal, 0, m_days - 1);
    refresh();
    // Every cell now stands for another night, even where refresh() found the same rows.
    if (!m_sites.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, m_days - 1));
}

void AvailabilityRackModel::setToday(const QDate& today)
{
    m_today = today;
    if (!m_sites.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, m_days - 1));
}

int AvailabilityRackModel::columnOf(const QDate& date) const
{
    const qint64 column = m_start.daysTo(date);
    return column >= 0 && column < m_days ? int(column) : -1;
}

qint64 AvailabilityRackModel::campsiteIdAt(int row) const
{
    return row >= 0 && row < m_sites.size() ? m_sites.at(row).id : 0;
}

int AvailabilityRackModel::rowOfCampsite(qint64 campsiteId) const
{
    for (int row = 0; row < m_sites.size(); ++row) {
        if (m_sites.at(row).id == campsiteId)
            return row;
    }
    return -1;
}

const AvailabilityRackModel::Stay* AvailabilityRackModel::stayAt(int row, int column) const
{
    const auto it = m_stayOfCell.constFind(cellKey(row, column));
    return it == m_stayOfCell.constEnd() ? nullptr : &m_stays.at(it.value());
}

const AvailabilityRackModel::Block* AvailabilityRackModel::blockAt(int row, int column) const
{
    const auto it = m_blockOfCell.constFind(cellKey(row, column));
    return it == m_blockOfCell.constEnd() ? nullptr : &m_blocks.at(it.value());
}

bool AvailabilityRackModel::isBookable(int row, int column) const
{
    if (row < 0 || row >= m_sites.size() || column < 0 || column >= m_days)
        return false;
    return m_sites.at(row).status == QLatin1String("active") && !stayAt(row, column) && !blockAt(row, column)
        && dateOf(column) >= m_today;
}

QVariant AvailabilityRackModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Site& site = m_sites.at(index.row());
    const Stay* stay = stayAt(index.row(), index.column());
    const Block* block = stay ? nullptr : blockAt(index.row(), index.column());
    switch (role) {
    case Qt::DisplayRole:
        return stay ? stay->guest : QString();
    case Qt::ToolTipRole:
        if (stay)
            return tr("%1 · %2\n%3 – %4")
                .arg(stay->code, stay->guest, QLocale().toString(stay->checkIn, QLocale::ShortFormat),
                     QLocale().toString(stay->checkOut, QLocale::ShortFormat));
        if (block)
            return tr("%1 closed (%2): %3\n%4 – %5")
                .arg(site.code, SiteBlockService::kindName(block->kind), block->reason,
                     QLocale().toString(block->from, QLocale::ShortFormat),
                     QLocale().toString(block->to, QLocale::ShortFormat));
        if (site.status != QLatin1String("active"))
            return tr("%1 is under maintenance").arg(site.code);
        return QVariant();
    case CampsiteIdRole:
        return site.id;
    case DateRole:
        return dateOf(index.column());
    case ReservationIdRole:
        return stay ? stay->reservationId : qint64(0);
    case StatusKeyRole:
        return stay ? stay->status : QString();
    case GuestRole:
        return stay ? stay->guest : QString();
    case StayStartRole:
        return stay ? stay->checkIn : QDate();
    case StayEndRole:
        return stay ? stay->checkOut : QDate();
    case SiteStatusRole:
        return site.status;
    case BookableRole:
        return isBookable(index.row(), index.column());
    case BlockKindRole:
        return block ? block->kind : QString();
    default:
        return QVariant();
    }
}

QVariant AvailabilityRackModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal) {
        if (section < 0 || section >= m_days)
            return QVariant();
        const QDate date = dateOf(section);
        if (role == Qt::DisplayRole)
            return QStringLiteral("%1\n%2")
                .arg(date.day())
                .arg(QLocale().dayName(date.dayOfWeek(), QLocale::ShortFormat));
        if (role == Qt::ToolTipRole)
            return QLocale().toString(date, QLocale::LongFormat);
        if (role == DateRole)
            return date;
        return QVariant();
    }
    if (section < 0 || section >= m_sites.size())
        return QVariant();
    const Site& site = m_sites.at(section);
    if (role == Qt::DisplayRole)
        return QStringLiteral("%1  %2").arg(site.code, site.name);
    if (role == CampsiteIdRole)
        return site.id;
    if (role == SiteStatusRole)
        return site.status;
    return QVariant();
}

Result<AvailabilityRackModel::Loaded> AvailabilityRackModel::load() const
{
    const QString from = sqlDate(m_start);
    const QString to = sqlDate(m_start.addDays(m_days)); // exclusive
    return m_db.read([&](SqlSession& s) -> Result<Loaded> {
        Loaded loaded;
        SqlRows sites = s.exec(
            QStringLiteral("SELECT id, code, name, status FROM campsites WHERE status <> 'retired' ORDER BY code, id"));
        QHash<qint64, int> rowOf;
        while (sites.next()) {
            rowOf.insert(sites.value(0).toLongLong(), int(loaded.sites.size()));
            loaded.sites.append(Site { sites.value(0).toLongLong(), sites.value(1).toString(),
                                       sites.value(2).toString(), sites.value(3).toString() });
        }
        // Stays overlapping the range: those with a booked night in it, found through the nights' index (by check-in
        // and check-out, every past stay qualified as "started before the end"). Cancelled stays have freed their
        // nights and are not drawn either.
        SqlRows stays = s.exec(
            QStringLiteral("SELECT r.id, r.campsite_id, r.check_in, r.check_out, r.status, c.name, r.code "
                           "FROM reservations r JOIN customers c ON c.id = r.customer_id "
                           "WHERE r.id IN (SELECT reservation_id FROM reservation_nights WHERE night >= ? "
                           "AND night < ?) AND r.status IN ('confirmed', 'checked_in', 'checked_out', 'no_show') "
                           "ORDER BY r.campsite_id, r.check_in"),
            { from, to });
        while (stays.next()) {
            const auto row = rowOf.constFind(stays.value(1).toLongLong());
            if (row == rowOf.constEnd())
                continue;
            loaded.stays.append(Stay { stays.value(0).toLongLong(), row.value(), dateFromSql(stays.value(2)),
                                       dateFromSql(stays.value(3)), stays.value(4).toString(),
                                       stays.value(5).toString(), stays.value(6).toString() });
        }
        stays.finish();
        SqlRows blocks
            = s.exec(QStringLiteral("SELECT id, campsite_id, date_from, date_to, kind, reason FROM site_blocks "
                                    "WHERE date_to > ? AND date_from < ? ORDER BY campsite_id, date_from"),
                     { from, to });
        while (blocks.next()) {
            const auto row = rowOf.constFind(blocks.value(1).toLongLong());
            if (row == rowOf.constEnd())
                continue;
            loaded.blocks.append(Block { blocks.value(0).toLongLong(), row.value(), dateFromSql(blocks.value(2)),
                                         dateFromSql(blocks.value(3)), blocks.value(4).toString(),
                                         blocks.value(5).toString() });
        }
        return loaded;
    });
}

void AvailabilityRackModel::setActive(bool active)
{
    m_active = active;
    if (m_active && m_stale)
        refresh();
}

bool AvailabilityRackModel::refresh()
{
    m_refreshTimer.stop();
    if (!m_active) {
        m_stale = true;
        return true;
    }
    m_stale = false;
    auto loaded = load();
    if (!loaded.ok()) {
        m_lastError = loaded.error();
        emit loadFailed(m_lastError.message);
        return false;
    }
    m_lastError = Error();
    QList<Site> sites = loaded->sites;
    bool sameSites = sites.size() == m_sites.size();
    for (int row = 0; sameSites && row < sites.size(); ++row)
        sameSites = sites.at(row).id == m_sites.at(row).id;

    // What each row shows, to tell which rows changed.
    auto signatures = [this]() {
        QList<QString> rows(m_sites.size());
        for (int row = 0; row < m_sites.size(); ++row)
            rows[row] = m_sites.at(row).code + QLatin1Char('|') + m_sites.at(row).name + QLatin1Char('|')
                + m_sites.at(row).status;
        for (const Stay& stay : std::as_const(m_stays))
            rows[stay.row] += QStringLiteral("|%1:%2:%3:%4:%5")
                                  .arg(stay.reservationId)
                                  .arg(sqlDate(stay.checkIn), sqlDate(stay.checkOut), stay.status, stay.guest);
        for (const Block& block : std::as_const(m_blocks))
            rows[block.row] += QStringLiteral("|b%1:%2:%3:%4")
                                   .arg(block.id)
                                   .arg(sqlDate(block.from), sqlDate(block.to), block.reason);
        return rows;
    };
    const QList<QString> before = signatures();

    // Campsites added or removed change the rows: a reset. Otherwise changed rows are updated in place.
    if (!sameSites)
        beginResetModel();
    m_sites = sites;
    m_stays = loaded->stays;
    m_blocks = loaded->blocks;
    m_blockOfCell.clear();
    for (int i = 0; i < m_blocks.size(); ++i) {
        const Block& block = m_blocks.at(i);
        for (QDate night = std::max(block.from, m_start); night < block.to; night = night.addDays(1)) {
            const int column = columnOf(night);
            if (column < 0)
                break;
            m_blockOfCell.insert(cellKey(block.row, column), i);
        }
    }
    m_stayOfCell.clear();
    for (int i = 0; i < m_stays.size(); ++i) {
        const Stay& stay = m_stays.at(i);
        for (QDate night = std::max(stay.checkIn, m_start); night < stay.checkOut; night = night.addDays(1)) {
            const int column = columnOf(night);
            if (column < 0)
                break;
            m_stayOfCell.insert(cellKey(stay.row, column), i);
        }
    }
    if (!sameSites) {
        endResetModel();
    } else {
        const QList<QString> after = signatures();
        for (int row = 0; row < after.size(); ++row) {
            if (after.at(row) != before.at(row)) {
                emit dataChanged(index(row, 0), index(row, m_days - 1));
                emit headerDataChanged(Qt::Vertical, row, row);
            }
        }
    }
    emit staysChanged();
    return true;
}

} // namespace campdesk
