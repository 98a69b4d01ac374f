#include "itemmodels/availabilityrackmodel.h"

#include "core/eventbus.h"
#include "db/database.h"
#include "db/readerthread.h"
#include "db/sqldates.h"
#include "domain/reservation.h"
#include "domain/siteblockservice.h"
#include "itemmodels/refreshgate.h"

#include <QLocale>
#include <QSqlQuery>

namespace campdesk {

AvailabilityRackModel::AvailabilityRackModel(Database& db, EventBus* bus, QObject* parent, bool active)
    : QAbstractTableModel(parent)
    , m_db(db)
    , m_start(QDate::currentDate())
    , m_today(QDate::currentDate())
    , m_gate(new RefreshGate([this] { refresh(); }, this))
{
    m_gate->setOpen(active);
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(0);
    connect(&m_refreshTimer, &QTimer::timeout, this, &AvailabilityRackModel::refresh);
    connect(&m_watcher, &QFutureWatcher<Result<Loaded>>::finished, this, &AvailabilityRackModel::backgroundLoadDone);
    if (bus) {
        connect(bus, &EventBus::published, this, [this](const DomainEvent& event) {
            if (event.aggregate == QLatin1String("customer")) {
                m_guestNames.clear(); // a name may have changed: read them all again
                ++m_customerChanges;
            }
            if (event.aggregate == QLatin1String("reservation") || event.aggregate == QLatin1String("campsite")
                || event.aggregate == QLatin1String("payment") || event.aggregate == QLatin1String("customer"))
                m_refreshTimer.start();
        });
    }
    refresh();
}

AvailabilityRackModel::~AvailabilityRackModel()
{
    // The worker reads through its own connection but was given the database to open it from.
    m_watcher.waitForFinished();
    m_reader.reset();
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
    // The stays already known keep their place on the new nights while the new range is read.
    rebuildCells();
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
    const int stay = m_stayOfCell.at(row, column);
    return stay < 0 ? nullptr : &m_stays.at(stay);
}

const AvailabilityRackModel::Block* AvailabilityRackModel::blockAt(int row, int column) const
{
    const int block = m_blockOfCell.at(row, column);
    return block < 0 ? nullptr : &m_blocks.at(block);
}

void AvailabilityRackModel::CellIndex::reset(qsizetype rows, int rangeDays)
{
    days = rangeDays;
    entries.fill(-1, rows * rangeDays);
}

int AvailabilityRackModel::CellIndex::at(int row, int column) const
{
    if (row < 0 || column < 0 || column >= days)
        return -1;
    return entries.value(qsizetype(row) * days + column, -1);
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

QString AvailabilityRackModel::staysSql(SqlDriver driver)
{
    // Stays overlapping the range, found by check-in from the longest stay before it to its end, in one index that
    // holds what is drawn (migrations 35 and 36). A drawn stay's nights are exactly its check-in to check-out (an early
    // departure or a no-show moves its check-out), so these are the stays with a booked night in the range; cancelled
    // stays have freed theirs and are not drawn either.
    // On SQLite each guest's name comes with its stay from a narrow index (a look-up costs about a microsecond), and
    // "+r.status" keeps the (status, check-in) index, which holds nothing else, from being chosen instead. On
    // PostgreSQL a look-up costs several: the names of 40,000 stays doubled the read, so they are read apart, and only
    // those the last read did not already know.
    if (driver == SqlDriver::Sqlite)
        return QStringLiteral("SELECT r.id, r.campsite_id, r.check_in, r.check_out, r.status, c.name, r.code "
                              "FROM reservations r JOIN customers c INDEXED BY customers_name_by_id ON c.id = "
                              "r.customer_id WHERE r.check_in >= ? AND r.check_in < ? AND r.check_out > ? "
                              "AND +r.status IN ('confirmed', 'checked_in', 'checked_out', 'no_show')");
    return QStringLiteral("SELECT r.id, r.campsite_id, r.check_in, r.check_out, r.status, r.customer_id, r.code "
                          "FROM reservations r WHERE r.check_in >= ? AND r.check_in < ? AND r.check_out > ? "
                          "AND r.status IN ('confirmed', 'checked_in', 'checked_out', 'no_show')");
}

Result<AvailabilityRackModel::Loaded> AvailabilityRackModel::load(Database& db, const QDate& start, int days,
                                                                  const QHash<qint64, QString>& knownNames)
{
    const QString from = sqlDate(start);
    const QString to = sqlDate(start.addDays(days)); // exclusive
    const bool namesApart = db.driver() == SqlDriver::Postgres;
    return db.read([&](SqlSession& s) -> Result<Loaded> {
        Loaded loaded;
        SqlRows sites = s.exec(
            QStringLiteral("SELECT id, code, name, status FROM campsites WHERE status <> 'retired' ORDER BY code, id"));
        QHash<qint64, int> rowOf;
        while (sites.next()) {
            rowOf.insert(sites.value(0).toLongLong(), int(loaded.sites.size()));
            loaded.sites.append(Site { sites.value(0).toLongLong(), sites.value(1).toString(),
                                       sites.value(2).toString(), sites.value(3).toString() });
        }
        QList<qint64> guestOf; // by stay, when the names are read apart
        SqlRows stays = s.exec(staysSql(db.driver()), { sqlDate(start.addDays(-maxStayNights)), to, from });
        while (stays.next()) {
            const auto row = rowOf.constFind(stays.value(1).toLongLong());
            if (row == rowOf.constEnd())
                continue;
            loaded.stays.append(Stay { stays.value(0).toLongLong(), row.value(), dateFromSql(stays.value(2)),
                                       dateFromSql(stays.value(3)), stays.value(4).toString(),
                                       namesApart ? QString() : stays.value(5).toString(), stays.value(6).toString() });
            if (namesApart)
                guestOf.append(stays.value(5).toLongLong());
        }
        stays.finish();
        if (namesApart) {
            QStringList unknown;
            for (const qint64 guest : std::as_const(guestOf)) {
                if (loaded.guestNames.contains(guest))
                    continue;
                const auto known = knownNames.constFind(guest);
                if (known != knownNames.constEnd()) {
                    loaded.guestNames.insert(guest, known.value());
                } else {
                    loaded.guestNames.insert(guest, QString());
                    unknown.append(QString::number(guest));
                }
            }
            if (!unknown.isEmpty()) {
                // Joined to the list rather than "id = ANY(list)": for a long list the planner reads the customers
                // whole instead of their index (a list of 40,000 took 60-140 ms; joined, one pass of the index, 33-65).
                SqlRows names = s.exec(QStringLiteral("SELECT c.id, c.name FROM unnest(CAST(? AS bigint[])) AS u(id) "
                                                      "JOIN customers c ON c.id = u.id"),
                                       { QLatin1Char('{') + unknown.join(QLatin1Char(',')) + QLatin1Char('}') });
                while (names.next())
                    loaded.guestNames.insert(names.value(0).toLongLong(), names.value(1).toString());
            }
            for (qsizetype i = 0; i < loaded.stays.size(); ++i)
                loaded.stays[i].guest = loaded.guestNames.value(guestOf.at(i));
        }
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
        indexCells(loaded, loaded.sites.size(), start, days);
        signRows(loaded);
        return loaded;
    });
}

void AvailabilityRackModel::setLoadsInBackground(bool background)
{
    m_background = background;
    if (background && !m_reader) {
        // The page is built at login and shown later: its reader connects meanwhile (PostgreSQL).
        m_reader = std::make_unique<ReaderThread>(m_db, QStringLiteral("-rack"), Database::FileReads::Mapped);
        m_reader->connectAhead();
    }
}

void AvailabilityRackModel::setActive(bool active)
{
    m_gate->setOpen(active);
}

bool AvailabilityRackModel::refresh()
{
    m_refreshTimer.stop();
    if (!m_gate->admit())
        return true; // read when shown
    if (m_background) {
        loadInBackground();
        return true;
    }
    return apply(load(m_db, m_start, m_days, m_guestNames));
}

void AvailabilityRackModel::loadInBackground()
{
    if (m_loading) {
        m_reloadWhenDone = true;
        return;
    }
    m_loading = true;
    m_readStart = m_start;
    m_readDays = m_days;
    m_readCustomerChanges = m_customerChanges;
    m_watcher.setFuture(m_reader->read<Loaded>(
        [start = m_start, days = m_days, names = m_guestNames](Database& db) { return load(db, start, days, names); }));
    emit loadingChanged(true);
}

void AvailabilityRackModel::backgroundLoadDone()
{
    // Rows of another range, or rows older than a change announced meanwhile, are read again instead.
    if (m_reloadWhenDone || m_readStart != m_start || m_readDays != m_days) {
        m_reloadWhenDone = false;
        if (m_gate->admit()) {
            m_loading = false;
            loadInBackground();
            return;
        }
        // The page was hidden meanwhile (admit() noted it): read when it shows again.
    }
    m_loading = false;
    emit loadingChanged(false);
    if (m_gate->isStale())
        return;
    Result<Loaded> loaded = m_watcher.result();
    if (loaded.ok() && m_readCustomerChanges != m_customerChanges)
        loaded.value().guestNames.clear(); // read before a customer changed: not kept for the next read
    apply(std::move(loaded));
}

bool AvailabilityRackModel::apply(Result<Loaded> loaded)
{
    if (!loaded.ok()) {
        m_lastError = loaded.error();
        emit loadFailed(m_lastError.message);
        return false;
    }
    m_lastError = Error();
    Loaded& rows = loaded.value();
    bool sameSites = rows.sites.size() == m_sites.size();
    for (int row = 0; sameSites && row < rows.sites.size(); ++row)
        sameSites = rows.sites.at(row).id == m_sites.at(row).id;
    // The cells and each row's signature were worked out with the rows (on the worker, for the page): here the
    // lists are swapped in and only the rows whose signature changed are announced.
    if (rows.cellsStart != m_start || rows.cellsDays != m_days)
        indexCells(rows, rows.sites.size(), m_start, m_days);

    // Campsites added or removed change the rows: a reset. Otherwise changed rows are updated in place.
    if (!sameSites)
        beginResetModel();
    const QList<size_t> before = std::exchange(m_rowSignatures, std::move(rows.rowSignatures));
    m_sites = std::move(rows.sites);
    m_stays = std::move(rows.stays);
    m_guestNames = std::move(rows.guestNames);
    m_blocks = std::move(rows.blocks);
    m_stayOfCell = std::move(rows.stayOfCell);
    m_blockOfCell = std::move(rows.blockOfCell);
    if (!sameSites) {
        endResetModel();
    } else {
        for (int row = 0; row < m_rowSignatures.size(); ++row) {
            if (m_rowSignatures.at(row) != before.value(row)) {
                emit dataChanged(index(row, 0), index(row, m_days - 1));
                emit headerDataChanged(Qt::Vertical, row, row);
            }
        }
    }
    emit staysChanged();
    return true;
}

void AvailabilityRackModel::indexCells(Loaded& rows, qsizetype siteCount, const QDate& start, int days)
{
    rows.cellsStart = start;
    rows.cellsDays = days;
    const auto fill = [&](CellIndex& cells, int i, int row, const QDate& from, const QDate& to) {
        const qint64 first = std::max<qint64>(start.daysTo(from), 0);
        const qint64 end = std::min<qint64>(start.daysTo(to), days);
        if (row < 0 || row >= siteCount)
            return;
        for (qint64 column = first; column < end; ++column)
            cells.entries[qsizetype(row) * days + column] = i;
    };
    rows.blockOfCell.reset(siteCount, days);
    for (int i = 0; i < rows.blocks.size(); ++i)
        fill(rows.blockOfCell, i, rows.blocks.at(i).row, rows.blocks.at(i).from, rows.blocks.at(i).to);
    rows.stayOfCell.reset(siteCount, days);
    for (int i = 0; i < rows.stays.size(); ++i)
        fill(rows.stayOfCell, i, rows.stays.at(i).row, rows.stays.at(i).checkIn, rows.stays.at(i).checkOut);
}

void AvailabilityRackModel::signRows(Loaded& rows)
{
    // What each row shows, to tell which rows changed. A row's stays and blocks are summed, so the order the
    // database returned them in (none is asked for) does not matter.
    rows.rowSignatures = QList<size_t>(rows.sites.size());
    for (int row = 0; row < rows.sites.size(); ++row) {
        const Site& site = rows.sites.at(row);
        rows.rowSignatures[row] = qHashMulti(0, site.code, site.name, site.status);
    }
    for (const Stay& stay : std::as_const(rows.stays)) {
        size_t& sign = rows.rowSignatures[stay.row];
        sign += qHashMulti(0, stay.reservationId, stay.checkIn, stay.checkOut, stay.status, stay.guest);
    }
    for (const Block& block : std::as_const(rows.blocks)) {
        size_t& sign = rows.rowSignatures[block.row];
        sign += qHashMulti(1, block.id, block.from, block.to, block.kind, block.reason);
    }
}

void AvailabilityRackModel::rebuildCells()
{
    Loaded rows;
    rows.stays = std::move(m_stays);
    rows.blocks = std::move(m_blocks);
    indexCells(rows, m_sites.size(), m_start, m_days);
    m_stays = std::move(rows.stays);
    m_blocks = std::move(rows.blocks);
    m_stayOfCell = std::move(rows.stayOfCell);
    m_blockOfCell = std::move(rows.blockOfCell);
}

} // namespace campdesk
