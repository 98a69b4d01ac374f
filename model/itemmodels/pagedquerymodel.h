#pragma once

#include "core/result.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QHash>
#include <QList>
#include <QTimer>
#include <QVariant>
#include <functional>

namespace campdesk {

class RefreshGate;

class Database;
class EventBus;
struct DomainEvent;

// What a column holds, so views pick a delegate and the model formats its display text the same way.
// Status is drawn as a coloured badge; Key is a stored key shown by its translated name (StatusText) as text;
// Phone is a normalized number shown as 010-1234-5678.
enum class CellKind { Text, Number, Money, Date, DateTime, Status, Key, Bool, Phone };

// One column of a PagedQueryModel: where its value comes from and how to sort by it.
struct QueryColumn
{
    QueryColumn(QString sql, QString header, CellKind kind = CellKind::Text, QString sortSql = QString(),
                QString statusDomain = QString())
        : sql(std::move(sql))
        , header(std::move(header))
        , kind(kind)
        , sortSql(std::move(sortSql))
        , statusDomain(std::move(statusDomain))
    {
    }

    QString sql; // a select expression, e.g. "r.code"
    QString header; // translated
    CellKind kind = CellKind::Text;
    QString sortSql; // an expression that is never NULL, for ORDER BY and keyset paging; empty = not sortable
    QString statusDomain; // with CellKind::Status and Key: the StatusText domain
    // The FROM clause to page through when sorted by this column (same aliases, no binds), or empty for the query's.
    // A sort by a joined table's column walks that table's index first; SQLite keeps a written CROSS JOIN order,
    // where without statistics it chose to sort every row instead (40 s for a guest sort at a million bookings).
    QString sortFromSql;
};

// The WHERE conditions of a PagedQueryModel, with their ? binds in order.
struct SqlFilter
{
    QStringList conditions;
    QVariantList binds;

    void add(const QString& condition, const QVariantList& conditionBinds = {});
    // Free text found anywhere in one of the columns (case-insensitive, typed wildcards literal); when the text
    // holds three or more digits they are also looked for in phoneColumn (numbers are stored as digits only).
    void addText(const QString& text, const QStringList& columns, const QString& phoneColumn = QString());
    // A customer looked up the way the desk asks, each by an index (a million bookings, 300,000 customers): the
    // start of the name (any case), a phone number from its start, its last four digits or a mobile
    // number's middle four, the start of an
    // e-mail address when the text has an @. `prefix` is the customers table's alias with its dot ("c.") or
    // empty. Appends nothing when the text is empty; a condition that matches no one when no form applies.
    void addCustomerText(const QString& text, const QString& prefix = QString());
    // Called with any further conditions (e.g. a booking code) that are ORed with the customer's.
    void addCustomerText(const QString& text, const QString& prefix, const QString& orCondition,
                         const QVariantList& orBinds);
    // The binds of "column >= ? AND column < ?" for the values starting with `start`, which an index answers. An
    // empty start gives "" to "", which matches nothing (never every row).
    static QVariantList startsWith(const QString& start);
};

// The query behind a PagedQueryModel as it stands (columns, filter, sort order), so its rows can be read elsewhere:
// CsvExport reads them on a worker with its own connection, a page at a time, in the order the table shows.
struct PagedQuery
{
    struct Key // where a page ends: the last row's sort key and id
    {
        QVariant sortKey;
        qint64 id = 0;
    };

    QString idSql;
    QString fromSql;
    QVariantList fromBinds;
    QList<QueryColumn> columns;
    QStringList conditions;
    QVariantList binds;
    int sortColumn = -1;
    Qt::SortOrder sortOrder = Qt::DescendingOrder;
    // Columns the model works out from the others' raw values (e.g. nights from the dates): column -> function of
    // the row's values. Pure functions, so a worker may call them.
    QHash<int, std::function<QVariant(const QVariantList& values)>> derived;

    bool bySortKey() const { return sortColumn >= 0 && !columns.at(sortColumn).sortSql.isEmpty(); }
    // SELECT id, sort key, every column ... in (sort key, id) order, the rows after `after` (keyset paging, never
    // OFFSET: a deep page is as quick as the first), at most limit (every row when limit is 0); fills binds.
    QString pageSql(const Key* after, int limit, QVariantList* binds) const;
};

// A read-only table over one SQL query, loaded a page at a time as the view scrolls (canFetchMore/fetchMore,
// keyset paging on the sort key and the row id), filtered and sorted by the database, so a million rows open
// at once. refresh() re-reads what is loaded and updates it in place (dataChanged, insert, remove), so a view
// keeps its selection and scroll position when events arrive.
class PagedQueryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    // A row as read: its key (id, sort key) and the columns' raw values.
    struct Row
    {
        qint64 id = 0;
        QVariant sortKey;
        QVariantList values;
    };
    // The page of query's rows after `after` (keyset), at most limit, over db (a connection of the calling
    // thread): the model's own pages, and the CSV export's on SQLite.
    static Result<QList<Row>> readPage(Database& db, const PagedQuery& query, const Row* after, int limit);

    enum Roles {
        IdRole = Qt::UserRole + 1, // qint64: the row's id
        RawRole, // the value as the database gave it (numbers, ISO dates, status keys)
        DateRole, // QDate of a Date column (invalid elsewhere)
        KindRole, // int(CellKind) of the column
        StatusDomainRole, // the column's status domain, for the status delegate
    };

    PagedQueryModel(Database& db, QObject* parent = nullptr);
    ~PagedQueryModel() override;

    // A page's table reads on a worker with its own connection (a sort or search over a million bookings can take
    // seconds): reload(), refresh() and fetchMore() return at once and the rows change when the read is done;
    // the rows shown stay until then. Off by default, so a call is finished when it returns.
    void setLoadsInBackground(bool background) { m_background = background; }
    bool loadsInBackground() const { return m_background; }
    bool isLoading() const { return m_running != Read::None; }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    qint64 idAt(int row) const;
    int rowOfId(qint64 id) const; // -1 when not loaded
    QVariant rawValue(int row, int column) const;
    CellKind kindOf(int column) const { return m_columns.at(column).kind; }
    // Whether the database can hand the rows over in this column's order (an index); others do not sort.
    bool isSortable(int column) const
    {
        return column >= 0 && column < m_columns.size() && !m_columns.at(column).sortSql.isEmpty();
    }
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    int pageSize() const { return m_pageSize; }
    // The query with the current filter and sort order.
    PagedQuery query() const;
    Database& database() const { return m_db; }
    void setPageSize(int rows) { m_pageSize = std::max(1, rows); }
    const Error& lastError() const { return m_lastError; }
    // The rows a view shows (its first and last visible row): refresh() then re-reads from the top to a page past
    // the last of them and lets the rest load again as the view scrolls, instead of every row ever fetched.
    // Until a view says, refresh() re-reads all loaded rows.
    void setVisibleRows(int first, int last);

    // Refreshes (coalesced, on the next turn of the event loop) whenever the bus publishes an event about one
    // of these aggregates ("reservation", "payment", ...). Empty = every event.
    void watch(EventBus* bus, const QStringList& aggregates);
    // Holds those refreshes back while the page showing the model is hidden.
    RefreshGate* refreshGate() const { return m_gate; }

    // The display text of a value of a kind, as tables and CSV show it.
    static QString displayText(CellKind kind, const QVariant& value, const QString& statusDomain = QString());
    // The text of a value in a CSV export, for spreadsheets: amounts and counts as plain numbers, dates as ISO
    // dates, times as ISO date-times; statuses, kinds and phones as the table shows them (in the UI's language).
    static QString csvText(CellKind kind, const QVariant& value, const QString& statusDomain = QString());

public slots:
    // Re-reads the loaded rows (at least one page; with setVisibleRows, only up to a page past the last visible
    // row) and updates the view in place. False when the read failed.
    bool refresh();
    // Drops everything and loads the first page again: for a new filter or sort order. While the refresh gate is
    // closed (the page is hidden) it only drops the rows; the first page is read when the gate opens.
    bool reload();

signals:
    void loadFailed(const QString& message);
    void refreshed();
    void loadingChanged(bool loading); // a read on the worker started or the last one ended

protected:
    // Subclasses describe the query once (in their constructor) ...
    void setQuery(const QString& idSql, const QString& fromSql, const QList<QueryColumn>& columns,
                  const QVariantList& fromBinds = {});
    // ... and change the filter (conditions joined with AND). Reloads when it changed.
    void setFilter(const SqlFilter& filter);
    void setDefaultSort(int column, Qt::SortOrder order);
    // A column the model computes from the row's other values (its SQL selects NULL), for RawRole and CSV.
    void setDerivedColumn(int column, std::function<QVariant(const QVariantList& values)> compute);

private:
    // What a read is for; a later kind outranks an earlier one when several wait (a reload makes the others moot).
    enum class Read { None, FetchMore, Refresh, Reload };
    struct BackgroundRead
    {
        Read read = Read::None;
        quint64 generation = 0;
        int limit = 0;
        Result<QList<Row>> rows = QList<Row>();
    };
    Result<QList<Row>> load(const Row* after, int limit) const;
    int refreshLimit() const;
    void startRead(Read read);
    void backgroundReadDone();
    void applyReload(const Result<QList<Row>>& first);
    void applyRefresh(const Result<QList<Row>>& fresh, int limit);
    void applyPage(const Result<QList<Row>>& page);
    void applyRows(const QList<Row>& fresh);

    Database& m_db;
    QString m_idSql;
    QString m_fromSql;
    QVariantList m_fromBinds;
    QList<QueryColumn> m_columns;
    QStringList m_conditions;
    QVariantList m_binds;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    int m_pageSize = 200;
    int m_lastVisible = -1; // -1: no view has said
    bool m_atEnd = true;
    bool m_resetting = false;
    QList<Row> m_rows;
    Error m_lastError;
    QTimer m_refreshTimer;
    RefreshGate* m_gate = nullptr;
    QStringList m_watched;
    QHash<int, std::function<QVariant(const QVariantList& values)>> m_derived;
    bool m_background = false;
    Read m_running = Read::None;
    Read m_waiting = Read::None; // asked for while a read was running
    qsizetype m_moreAskedAtRows = -1; // how many rows there were when a waiting FetchMore was last asked for
    quint64 m_generation = 0; // bumped by every reload: rows read for an older filter or sort order are dropped
    QFutureWatcher<BackgroundRead> m_watcher;
};

} // namespace campdesk
