#pragma once

#include "core/result.h"
#include "db/dberror.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QFutureWatcher>
#include <QHash>
#include <QList>
#include <QTimer>
#include <memory>

namespace campdesk {

class RefreshGate;

class Database;
class ReaderThread;
class EventBus;

// The availability rack: campsites down, nights across, starting at `start` for `days` nights. Each booked
// night knows its reservation, so a view can draw one bar per stay. Holds (and expired holds) are attempts,
// not bookings, and are never shown. Refreshes in place from the EventBus.
class AvailabilityRackModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Roles {
        CampsiteIdRole = Qt::UserRole + 1, // qint64, every cell and the vertical header
        DateRole, // QDate of the night, every cell and the horizontal header
        ReservationIdRole, // qint64, 0 when the night is free
        StatusKeyRole, // reservation status key of the night, empty when free
        GuestRole, // guest's name on booked nights
        StayStartRole, // QDate: the stay's first night (check-in)
        StayEndRole, // QDate: the stay's check-out
        SiteStatusRole, // campsite status key: "active", "maintenance"
        BookableRole, // bool: free night of an active site, not in the past
        BlockKindRole, // site block of the night: "maintenance", "closure", "private_event"; empty when none
    };

    // One stay as the rack draws it.
    struct Stay
    {
        qint64 reservationId = 0;
        int row = 0;
        QDate checkIn;
        QDate checkOut;
        QString status;
        QString guest;
        QString code;
    };

    // Loads at once when active; an inactive model (a page not shown yet) loads when it becomes active.
    AvailabilityRackModel(Database& db, EventBus* bus, QObject* parent = nullptr, bool active = true);
    ~AvailabilityRackModel() override;
    // The page's rack reads on a worker with its own connection (2,000 sites x 6 weeks of a busy campground is tens
    // of thousands of stays): refresh() returns at once and the rows change when the read is done. Off by default,
    // so a refresh() is finished when it returns.
    void setLoadsInBackground(bool background);
    // From the start of a worker's read until its rows are applied (or it is read again).
    bool isLoading() const { return m_loading; }
    // The statement that finds the drawn stays of a range (binds: the earliest check-in, the night after the range,
    // its first night), for the plan test.
    static QString staysSql(SqlDriver driver);
    // While inactive, refresh() only notes that the rows are out of date; setActive(true) then loads them.
    void setActive(bool active);
    // The same switch, for the page that shows the rack (refreshWhileShown).
    RefreshGate* refreshGate() const { return m_gate; }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QDate start() const { return m_start; }
    int days() const { return m_days; }
    void setRange(const QDate& start, int days);
    // "Today" for the past/future split; the system date unless a test sets it.
    void setToday(const QDate& today);
    QDate today() const { return m_today; }

    QDate dateOf(int column) const { return m_start.addDays(column); }
    int columnOf(const QDate& date) const; // -1 outside the range
    qint64 campsiteIdAt(int row) const;
    int rowOfCampsite(qint64 campsiteId) const;
    // A site closed for a date range (SiteBlockService), as the rack draws it.
    struct Block
    {
        qint64 id = 0;
        int row = 0;
        QDate from;
        QDate to; // exclusive
        QString kind;
        QString reason;
    };
    const QList<Block>& blocks() const { return m_blocks; }
    const Block* blockAt(int row, int column) const;
    // Stays visible in the range (clipped by the view, not here), for drawing bars.
    const QList<Stay>& stays() const { return m_stays; }
    // The stay covering a cell, or nullptr.
    const Stay* stayAt(int row, int column) const;
    bool isBookable(int row, int column) const;
    const Error& lastError() const { return m_lastError; }

public slots:
    bool refresh();

signals:
    void staysChanged(); // after every refresh: views re-lay their bars
    void loadingChanged(bool loading);
    void loadFailed(const QString& message);

private:
    struct Site
    {
        qint64 id = 0;
        QString code;
        QString name;
        QString status;
    };
    // Which stay or block fills each cell: an index into their list by row * days + column, -1 for none. A flat list,
    // not a hash: the 100,000 cells of 2,000 sites x 6 weeks are filled on every read.
    struct CellIndex
    {
        int days = 0;
        QList<int> entries;
        void reset(qsizetype rows, int rangeDays);
        int at(int row, int column) const;
    };
    struct Loaded
    {
        QList<Site> sites;
        QList<Stay> stays;
        QList<Block> blocks;
        // Worked out with the rows, off the window's thread when the page reads in the background.
        CellIndex stayOfCell;
        CellIndex blockOfCell;
        QDate cellsStart; // the range the cells were worked out for
        int cellsDays = 0;
        QList<size_t> rowSignatures;
        // PostgreSQL: the guests' names of this range by customer id, handed to the next read (see load()).
        QHash<qint64, QString> guestNames;
    };
    static Result<Loaded> load(Database& db, const QDate& start, int days,
                               const QHash<qint64, QString>& knownNames = {});
    void loadInBackground();
    void backgroundLoadDone();
    bool apply(Result<Loaded> loaded);
    static void indexCells(Loaded& rows, qsizetype siteCount, const QDate& start, int days);
    static void signRows(Loaded& rows);
    void rebuildCells(); // the cells of the stays known, for a new range

    Database& m_db;
    QDate m_start;
    int m_days = 28;
    QDate m_today;
    QList<Site> m_sites;
    QList<Stay> m_stays;
    CellIndex m_stayOfCell; // into m_stays
    QList<Block> m_blocks;
    CellIndex m_blockOfCell; // into m_blocks
    QList<size_t> m_rowSignatures;
    QHash<qint64, QString> m_guestNames; // the last read's, until a customer changes
    quint64 m_customerChanges = 0; // customer events seen
    Error m_lastError;
    QTimer m_refreshTimer;
    RefreshGate* m_gate = nullptr; // closed while inactive
    bool m_background = false;
    bool m_reloadWhenDone = false; // a refresh was asked for while a worker was reading
    // Not m_watcher.isRunning(): that is false once the worker returns, before its rows are applied here.
    bool m_loading = false;
    QDate m_readStart; // the range the worker is reading
    int m_readDays = 0;
    quint64 m_readCustomerChanges = 0;
    std::unique_ptr<ReaderThread> m_reader; // made on the first read in the background
    QFutureWatcher<Result<Loaded>> m_watcher;
};

} // namespace campdesk

// Moved in memory as they are when their lists grow (a read appends 42,000 stays).
Q_DECLARE_TYPEINFO(campdesk::AvailabilityRackModel::Stay, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(campdesk::AvailabilityRackModel::Block, Q_RELOCATABLE_TYPE);
