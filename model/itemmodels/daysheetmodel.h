#pragma once

#include "domain/daysheetquery.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>

namespace campdesk {

class RefreshGate;

class EventBus;

// One day sheet (arrivals, departures or on site) of a chosen day, for the front desk's Day sheets page, its print
// and its CSV; read again when a booking or payment changes.
class DaySheetModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Campsite, Guest, Guests, Vehicles, Equipment, Stay, Status, Paid, Balance, Notes, ColumnCount };
    enum Roles {
        RawRole = Qt::UserRole + 1, // numbers as numbers, dates as ISO text
        ReservationIdRole,
    };

    DaySheetModel(Database& db, EventBus* bus, const Actor& actor, DaySheetKind kind, QObject* parent = nullptr);
    ~DaySheetModel() override;

    void setDay(const QDate& day);
    QDate day() const { return m_day; }
    DaySheetKind kind() const { return m_kind; }
    void reload();
    // Reads on a worker with its own connection (the admin window's pages): the rows shown stay until the new ones
    // are read. Off by default: dialogs, tests and prints read at once.
    void setLoadsInBackground(bool background) { m_background = background; }
    bool loadsInBackground() const { return m_background; }
    bool isLoading() const { return m_reading; }
    // The day of the rows shown: another than day() while a new day's rows are read.
    QDate shownDay() const { return m_shownDay; }
    // Empty, or why the sheet could not be read.
    QString errorMessage() const { return m_error; }
    // Holds event-driven refreshes back while no page shows the model.
    RefreshGate* refreshGate() const { return m_gate; }
    const QList<DaySheetRow>& rows() const { return m_rows; }
    qint64 totalBalance() const;
    int totalGuests() const;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString vehiclesText(const DaySheetRow& row);
    static QString equipmentText(const DaySheetRow& row);

signals:
    void loadingChanged(bool loading);

private:
    void readInBackground();
    void backgroundReadDone();
    void apply(const Result<QList<DaySheetRow>>& read);

    Database& m_db;
    DaySheetQuery m_query;
    Actor m_actor;
    DaySheetKind m_kind;
    QDate m_day;
    QDate m_shownDay;
    QList<DaySheetRow> m_rows;
    QString m_error;
    RefreshGate* m_gate = nullptr;
    bool m_background = false;
    bool m_reading = false; // from the start of a worker's read until its rows are shown (or read again)
    bool m_readAgain = false; // the day changed, or a booking did, while a read ran: its rows are not shown
    QFutureWatcher<Result<QList<DaySheetRow>>> m_watcher;
};

} // namespace campdesk
