#include "itemmodels/pagedquerymodel.h"

#include "core/backgroundpool.h"
#include "core/eventbus.h"
#include "core/money.h"
#include "core/validation.h"
#include "db/database.h"
#include "domain/customerservice.h"
#include "domain/statustext.h"
#include "itemmodels/refreshgate.h"

#include <QDateTime>
#include <QHash>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <limits>
#include <optional>

namespace campdesk {

PagedQueryModel::PagedQueryModel(Database& db, QObject* parent)
    : QAbstractTableModel(parent)
    , m_db(db)
{
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(0);
    m_gate = new RefreshGate([this] { refresh(); }, this);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] {
        if (m_gate->admit())
            refresh();
    });
    connect(&m_watcher, &QFutureWatcher<BackgroundRead>::finished, this, &PagedQueryModel::backgroundReadDone);
}

PagedQueryModel::~PagedQueryModel()
{
    // The worker reads through its own connection but was given the database to open it from.
    m_watcher.waitForFinished();
}

void PagedQueryModel::setQuery(const QString& idSql, const QString& fromSql, const QList<QueryColumn>& columns,
                               const QVariantList& fromBinds)
{
    beginResetModel();
    m_idSql = idSql;
    m_fromSql = fromSql;
    m_fromBinds = fromBinds;
    m_columns = columns;
    m_rows.clear();
    m_atEnd = false;
    endResetModel();
}

void PagedQueryModel::setDefaultSort(int column, Qt::SortOrder order)
{
    m_sortColumn = column;
    m_sortOrder = order;
}

void PagedQueryModel::setDerivedColumn(int column, std::function<QVariant(const QVariantList& values)> compute)
{
    m_derived.insert(column, std::move(compute));
}

void SqlFilter::add(const QString& condition, const QVariantList& conditionBinds)
{
    conditions << condition;
    binds << conditionBinds;
}

void SqlFilter::addText(const QString& text, const QStringList& columns, const QString& phoneColumn)
{
    const QString needle = text.trimmed().toLower();
    if (needle.isEmpty())
        return;
    QStringList any;
    for (const QString& column : columns) {
        any << QStringLiteral("lower(%1) LIKE ? ESCAPE '\\'").arg(column);
        binds << likeContains(needle);
    }
    QString digits = needle;
    digits.remove(QRegularExpression(QStringLiteral("[^0-9]")));
    if (!phoneColumn.isEmpty() && digits.size() >= 3) {
        any << phoneColumn + QStringLiteral(" LIKE ?");
        binds << likeContains(digits);
    }
    conditions << QLatin1Char('(') + any.join(QStringLiteral(" OR ")) + QLatin1Char(')');
}

QVariantList SqlFilter::startsWith(const QString& start)
{
    return { start, start.isEmpty() ? start : start + QChar(0xFFFF) };
}

void SqlFilter::addCustomerText(const QString& text, const QString& prefix)
{
    addCustomerText(text, prefix, QString(), {});
}

void SqlFilter::addCustomerText(const QString& text, const QString& prefix, const QString& orCondition,
                                const QVariantList& orBinds)
{
    const QString needle = text.trimmed().toLower();
    if (needle.isEmpty())
        return;
    // A prefix as a range: lower(x) >= needle AND lower(x) < needle + the last character, which the expression
    // indexes of migration 12 answer (LIKE 'x%' would not use them on SQLite).
    const QString end = needle + QChar(0xFFFF);
    QStringList any { QStringLiteral("(lower(%1name) >= ? AND lower(%1name) < ?)").arg(prefix) };
    QVariantList anyBinds { needle, end };
    QString digits = needle;
    digits.remove(QRegularExpression(QStringLiteral("[^0-9]")));
    if (digits.size() >= 3 && digits.startsWith(QLatin1Char('0'))) {
        any << QStringLiteral("(%1phone >= ? AND %1phone < ?)").arg(prefix);
        anyBinds << digits << digits + QLatin1Char(':'); // ':' follows '9'
    } else if (digits.size() == 4) {
        // The last four digits, or the middle four of a mobile number (010-XXXX-YYYY).
        any << QStringLiteral("substr(%1phone, length(%1phone) - 3) = ?").arg(prefix)
            << QStringLiteral("substr(%1phone, 4, 4) = ?").arg(prefix);
        anyBinds << digits << digits;
    }
    if (needle.contains(QLatin1Char('@'))) {
        any << QStringLiteral("(lower(%1email) >= ? AND lower(%1email) < ?)").arg(prefix);
        anyBinds << needle << end;
    }
    if (!orCondition.isEmpty()) {
        any << orCondition;
        anyBinds << orBinds;
    }
    conditions << QLatin1Char('(') + any.join(QStringLiteral(" OR ")) + QLatin1Char(')');
    binds << anyBinds;
}

void PagedQueryModel::setFilter(const SqlFilter& filter)
{
    if (filter.conditions == m_conditions && filter.binds == m_binds && !m_rows.isEmpty())
        return;
    m_conditions = filter.conditions;
    m_binds = filter.binds;
    reload();
}

void PagedQueryModel::watch(EventBus* bus, const QStringList& aggregates)
{
    if (!bus)
        return;
    m_watched = aggregates;
    connect(bus, &EventBus::published, this, [this](const DomainEvent& event) {
        if (m_watched.isEmpty() || m_watched.contains(event.aggregate))
            m_refreshTimer.start();
    });
}

int PagedQueryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PagedQueryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QString PagedQueryModel::displayText(CellKind kind, const QVariant& value, const QString& statusDomain)
{
    if (value.isNull())
        return QString();
    const QLocale locale;
    switch (kind) {
    case CellKind::Money:
        return formatWon(value.toLongLong(), locale);
    case CellKind::Number:
        return locale.toString(value.toLongLong());
    case CellKind::Date:
        return locale.toString(dateFromSql(value), QLocale::ShortFormat);
    case CellKind::DateTime:
        return locale.toString(QDateTime::fromMSecsSinceEpoch(value.toLongLong()).toLocalTime(), QLocale::ShortFormat);
    case CellKind::Status:
    case CellKind::Key:
        return StatusText::name(statusDomain, value.toString());
    case CellKind::Bool:
        return value.toBool() ? QCoreApplication::translate("campdesk::PagedQueryModel", "Yes")
                              : QCoreApplication::translate("campdesk::PagedQueryModel", "No");
    case CellKind::Phone:
        return CustomerService::formatPhone(value.toString());
    case CellKind::Text:
        break;
    }
    return value.toString();
}

QString PagedQueryModel::csvText(CellKind kind, const QVariant& value, const QString& statusDomain)
{
    if (value.isNull())
        return QStringLiteral("");
    switch (kind) {
    case CellKind::Money:
    case CellKind::Number:
        return QString::number(value.toLongLong());
    case CellKind::Date:
        return value.toString().left(10);
    case CellKind::DateTime: {
        // Local time as toLocalTime() gives it, without asking the C library per row (it stats /etc/localtime
        // every call: a million rows spent more on that than on reading them). Offsets change on quarter-hours.
        thread_local qint64 quarter = std::numeric_limits<qint64>::min();
        thread_local qint64 offsetMs = 0;
        const qint64 ms = value.toLongLong();
        if (ms / (15 * 60 * 1000) != quarter) {
            quarter = ms / (15 * 60 * 1000);
            offsetMs = qint64(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().offsetFromUtc()) * 1000;
        }
        const QDateTime local = QDateTime::fromMSecsSinceEpoch(ms + offsetMs, Qt::UTC);
        return local.date().toString(Qt::ISODate) + QLatin1Char('T') + local.time().toString(Qt::ISODate);
    }
    default:
        return displayText(kind, value, statusDomain);
    }
}

QVariant PagedQueryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Row& row = m_rows.at(index.row());
    const QueryColumn& column = m_columns.at(index.column());
    const QVariant& value = row.values.at(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(column.kind, value, column.statusDomain);
    case Qt::ToolTipRole:
        // Long text is elided in its cell; the tooltip shows all of it.
        if (column.kind == CellKind::Text)
            return value.toString();
        return column.kind == CellKind::Key ? QVariant(displayText(column.kind, value, column.statusDomain))
                                            : QVariant();
    case Qt::TextAlignmentRole:
        if (column.kind == CellKind::Money || column.kind == CellKind::Number)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case IdRole:
        return row.id;
    case RawRole:
        if (const auto derived = m_derived.constFind(index.column()); derived != m_derived.constEnd())
            return derived.value()(row.values);
        return value;
    case DateRole:
        return column.kind == CellKind::Date ? QVariant(dateFromSql(value)) : QVariant();
    case KindRole:
        return int(column.kind);
    case StatusDomainRole:
        return column.statusDomain;
    default:
        return QVariant();
    }
}

QVariant PagedQueryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_columns.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return m_columns.at(section).header;
    if (role == KindRole)
        return int(m_columns.at(section).kind);
    return QVariant();
}

qint64 PagedQueryModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

int PagedQueryModel::rowOfId(qint64 id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == id)
            return row;
    }
    return -1;
}

QVariant PagedQueryModel::rawValue(int row, int column) const
{
    if (row < 0 || row >= m_rows.size() || column < 0 || column >= m_columns.size())
        return QVariant();
    return m_rows.at(row).values.at(column);
}

PagedQuery PagedQueryModel::query() const
{
    PagedQuery query;
    query.idSql = m_idSql;
    query.fromSql = m_fromSql;
    query.fromBinds = m_fromBinds;
    query.columns = m_columns;
    query.conditions = m_conditions;
    query.binds = m_binds;
    query.sortColumn = m_sortColumn;
    query.sortOrder = m_sortOrder;
    query.derived = m_derived;
    return query;
}

QString PagedQuery::pageSql(const Key* after, int limit, QVariantList* pageBinds) const
{
    const QString direction = sortOrder == Qt::AscendingOrder ? QStringLiteral("ASC") : QStringLiteral("DESC");
    const QString sortKey = bySortKey() ? columns.at(sortColumn).sortSql : idSql;
    QStringList selects { idSql, sortKey };
    for (const QueryColumn& column : columns)
        selects << column.sql;

    QStringList where = conditions;
    *pageBinds = fromBinds + binds;
    if (after) {
        // Keyset paging: rows after the last loaded one in (sort key, id) order, so deep pages stay as quick
        // as the first.
        const QString op = sortOrder == Qt::AscendingOrder ? QStringLiteral(">") : QStringLiteral("<");
        if (bySortKey() && sortKey != idSql) {
            // The leading closed range is what lets the planner start the sort key's index at the last row; the OR
            // alone makes SQLite walk from the first row again, or sort everything after it.
            where << QStringLiteral("%1 %2= ? AND (%1 %2 ? OR (%1 = ? AND %3 %2 ?))").arg(sortKey, op, idSql);
            *pageBinds << after->sortKey << after->sortKey << after->sortKey << after->id;
        } else {
            where << QStringLiteral("%1 %2 ?").arg(idSql, op);
            *pageBinds << after->id;
        }
    }
    const QString from
        = bySortKey() && !columns.at(sortColumn).sortFromSql.isEmpty() ? columns.at(sortColumn).sortFromSql : fromSql;
    QString sql = QStringLiteral("SELECT ") + selects.join(QStringLiteral(", ")) + QStringLiteral(" FROM ") + from;
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY ");
    if (bySortKey() && sortKey != idSql)
        sql += sortKey + QLatin1Char(' ') + direction + QStringLiteral(", ");
    sql += idSql + QLatin1Char(' ') + direction;
    if (limit > 0)
        sql += QStringLiteral(" LIMIT ") + QString::number(limit);
    return sql;
}

Result<QList<PagedQueryModel::Row>> PagedQueryModel::readPage(Database& db, const PagedQuery& query, const Row* after,
                                                              int limit)
{
    const PagedQuery::Key key = after ? PagedQuery::Key { after->sortKey, after->id } : PagedQuery::Key();
    QVariantList binds;
    const QString sql = query.pageSql(after ? &key : nullptr, limit, &binds);
    const int columns = int(query.columns.size());
    return db.read([&](SqlSession& s) -> Result<QList<Row>> {
        SqlRows rows = s.exec(sql, binds);
        QList<Row> page;
        while (rows.next()) {
            Row row;
            row.id = rows.value(0).toLongLong();
            row.sortKey = rows.value(1);
            row.values.reserve(columns);
            for (int column = 0; column < columns; ++column)
                row.values << rows.value(column + 2);
            page << row;
        }
        return page;
    });
}

Result<QList<PagedQueryModel::Row>> PagedQueryModel::load(const Row* after, int limit) const
{
    return readPage(m_db, query(), after, limit);
}

void PagedQueryModel::startRead(Read read)
{
    if (m_running != Read::None) {
        m_waiting = std::max(m_waiting, read);
        if (read == Read::FetchMore)
            m_moreAskedAtRows = m_rows.size();
        return;
    }
    const PagedQuery snapshot = query();
    std::optional<Row> after;
    if (read == Read::FetchMore && !m_rows.isEmpty())
        after = m_rows.constLast();
    const int limit = read == Read::Refresh ? refreshLimit() : m_pageSize;
    const quint64 generation = m_generation;
    const Database* db = &m_db;
    m_running = read;
    m_watcher.setFuture(
        QtConcurrent::run(backgroundPool(), [db, snapshot, after, limit, read, generation]() -> BackgroundRead {
            BackgroundRead done;
            done.read = read;
            done.generation = generation;
            done.limit = limit;
            Result<std::unique_ptr<Database>> own = db->openAnother(QStringLiteral("-pages"));
            done.rows = own.ok() ? readPage(*own.value(), snapshot, after ? &*after : nullptr, limit)
                                 : Result<QList<Row>>(own.error());
            return done;
        }));
    emit loadingChanged(true);
}

void PagedQueryModel::backgroundReadDone()
{
    const BackgroundRead done = m_watcher.result();
    // Rows read for an older filter or sort order are not shown; the reload that replaced them is waiting. A view
    // asking for more while the rows go in (m_running still set) waits for them, so its page starts after them.
    if (done.generation == m_generation) {
        switch (done.read) {
        case Read::Reload:
            applyReload(done.rows);
            break;
        case Read::Refresh:
            applyRefresh(done.rows, done.limit);
            break;
        case Read::FetchMore:
            applyPage(done.rows);
            break;
        case Read::None:
            break;
        }
    }
    // What was asked for meanwhile runs next; if the page was hidden meanwhile, the gate notes it for the next show.
    m_running = Read::None;
    Read next = std::exchange(m_waiting, Read::None);
    // A view asks for more again while its first ask is still reading (each relayout does): that was for the rows
    // now in, not for the page after them. Had the rows changed since, the view was told and asks again if it needs.
    if (next == Read::FetchMore && (m_rows.size() != m_moreAskedAtRows || !canFetchMore(QModelIndex())))
        next = Read::None;
    if (next != Read::None && m_gate->admit()) {
        startRead(next);
        return;
    }
    emit loadingChanged(false);
}

bool PagedQueryModel::canFetchMore(const QModelIndex& parent) const
{
    // Not while the reset is being announced: a listener fetching then would insert rows inside the reset.
    return !parent.isValid() && !m_atEnd && !m_columns.isEmpty() && !m_resetting;
}

void PagedQueryModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    if (m_background) {
        startRead(Read::FetchMore);
        return;
    }
    applyPage(load(m_rows.isEmpty() ? nullptr : &m_rows.constLast(), m_pageSize));
}

void PagedQueryModel::applyPage(const Result<QList<Row>>& page)
{
    if (!page.ok()) {
        m_lastError = page.error();
        m_atEnd = true; // do not hammer a failing database from every scroll event
        emit loadFailed(m_lastError.message);
        return;
    }
    m_atEnd = page->size() < m_pageSize;
    if (page->isEmpty())
        return;
    beginInsertRows(QModelIndex(), int(m_rows.size()), int(m_rows.size() + page->size() - 1));
    m_rows.append(page.value());
    endInsertRows();
}

void PagedQueryModel::sort(int column, Qt::SortOrder order)
{
    // A column without an order of its own leaves the rows as they are sorted (issue 17: only what an index orders).
    if (column >= 0 && !isSortable(column))
        return;
    if (column == m_sortColumn && order == m_sortOrder && !m_rows.isEmpty())
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    reload();
}

bool PagedQueryModel::reload()
{
    ++m_generation; // a read still running for the old filter or order is not shown
    if (!m_gate->isOpen()) {
        // A hidden page's new filter or sort order (a restored sort at start-up, a search handed over from another
        // page) is read when the page is shown: until then nobody would see the rows.
        beginResetModel();
        m_rows.clear();
        m_atEnd = true;
        endResetModel();
        m_gate->admit();
        return true;
    }
    if (m_background) {
        startRead(Read::Reload);
        return true;
    }
    // The first page is read inside the reset, so views see one reset with rows and no insert right after.
    const Result<QList<Row>> first = load(nullptr, m_pageSize);
    applyReload(first);
    return first.ok();
}

void PagedQueryModel::applyReload(const Result<QList<Row>>& first)
{
    beginResetModel();
    m_rows.clear();
    if (first.ok()) {
        m_rows = first.value();
        m_atEnd = first->size() < m_pageSize;
        m_lastError = Error();
    } else {
        m_atEnd = true;
        m_lastError = first.error();
    }
    m_resetting = true;
    endResetModel();
    m_resetting = false;
    if (!first.ok())
        emit loadFailed(m_lastError.message);
}

void PagedQueryModel::setVisibleRows(int first, int last)
{
    Q_UNUSED(first); // rows above are re-read too: pages are read by key from the top
    m_lastVisible = std::max({ first, last, 0 });
}

int PagedQueryModel::refreshLimit() const
{
    // What the view shows and a page beyond it, from the top (keyset paging needs the rows before): a table
    // scrolled once through a million rows does not re-read them all on every event.
    int limit = std::max(m_pageSize, int(m_rows.size()));
    if (m_lastVisible >= 0)
        limit = std::min(limit, std::max(m_pageSize, m_lastVisible + 1 + m_pageSize));
    return limit;
}

bool PagedQueryModel::refresh()
{
    m_refreshTimer.stop();
    if (m_columns.isEmpty())
        return false;
    if (m_background) {
        startRead(Read::Refresh);
        return true;
    }
    const int limit = refreshLimit();
    const Result<QList<Row>> fresh = load(nullptr, limit);
    applyRefresh(fresh, limit);
    return fresh.ok();
}

void PagedQueryModel::applyRefresh(const Result<QList<Row>>& fresh, int limit)
{
    if (!fresh.ok()) {
        m_lastError = fresh.error();
        emit loadFailed(m_lastError.message);
        return;
    }
    m_lastError = Error();
    applyRows(fresh.value());
    m_atEnd = fresh->size() < limit;
    emit refreshed();
}

// Turns the loaded rows into `fresh` with row removals, insertions and dataChanged, never a reset.
void PagedQueryModel::applyRows(const QList<Row>& fresh)
{
    QSet<qint64> freshIds;
    for (const Row& row : fresh)
        freshIds.insert(row.id);

    // Rows kept must appear in the same relative order; a row whose sort key moved it is removed here and
    // inserted again below.
    QList<bool> keep(m_rows.size(), false);
    {
        QHash<qint64, int> oldRowOf;
        for (int row = 0; row < m_rows.size(); ++row)
            oldRowOf.insert(m_rows.at(row).id, row);
        int next = 0;
        for (const Row& row : fresh) {
            const auto it = oldRowOf.constFind(row.id);
            if (it != oldRowOf.constEnd() && it.value() >= next) {
                keep[it.value()] = true;
                next = it.value() + 1;
            }
        }
    }
    for (int row = int(m_rows.size()) - 1; row >= 0;) {
        if (keep.at(row)) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !keep.at(first - 1))
            --first;
        beginRemoveRows(QModelIndex(), first, row);
        m_rows.remove(first, row - first + 1);
        endRemoveRows();
        row = first - 1;
    }

    for (int row = 0; row < fresh.size();) {
        if (row < m_rows.size() && m_rows.at(row).id == fresh.at(row).id) {
            if (m_rows.at(row).values != fresh.at(row).values || m_rows.at(row).sortKey != fresh.at(row).sortKey) {
                m_rows[row] = fresh.at(row);
                emit dataChanged(index(row, 0), index(row, columnCount() - 1));
            }
            ++row;
            continue;
        }
        // A run of new rows before the next kept one (or at the end).
        const qint64 nextKept = row < m_rows.size() ? m_rows.at(row).id : -1;
        int last = row;
        while (last + 1 < fresh.size() && fresh.at(last + 1).id != nextKept)
            ++last;
        beginInsertRows(QModelIndex(), row, last);
        for (int i = row; i <= last; ++i)
            m_rows.insert(i, fresh.at(i));
        endInsertRows();
        row = last + 1;
    }
}

} // namespace campdesk
