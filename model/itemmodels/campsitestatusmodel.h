#pragma once

#include "domain/readmodel.h"

#include <QAbstractTableModel>

namespace campdesk {

class RefreshGate;

class CoalescedRefresh;
class DashboardQueries;
class EventBus;

// Every campsite at once (the CQRS view): one row per site from campsite_status, refreshed in place when events
// arrive, so a sorted, scrolled or selected table stays where the user left it.
class CampsiteStatusModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Code, Name, Kind, Zone, State, CurrentGuest, NextArrival, Occupancy, Revenue, Rating, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, CampsiteIdRole, StateRole };
    // What the site is doing today, for the State column and its colour.
    enum class SiteState { Free, ArrivingToday, Occupied, DepartingToday, Maintenance, Retired };
    Q_ENUM(Column)

    CampsiteStatusModel(DashboardQueries& queries, EventBus* bus, QObject* parent = nullptr);

    // Events closer together than this are folded into one refresh.
    static constexpr int coalesceMs = 200;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const CampsiteStatusRow& row(int row) const { return m_rows.at(row); }
    static SiteState stateOf(const CampsiteStatusRow& row);
    static QString stateName(SiteState state);
    QString lastError() const { return m_lastError; }
    // Holds event-driven refreshes back while no page shows the model.
    RefreshGate* refreshGate() const;

public slots:
    // Rereads campsite_status; rows that changed are updated, new sites inserted, removed sites taken out.
    void refresh();

signals:
    void refreshed();

private:
    DashboardQueries& m_queries;
    QList<CampsiteStatusRow> m_rows; // by code
    QDate m_day; // past midnight, "today" and the 30-night window move without an event
    CoalescedRefresh* m_refresh = nullptr;
    QString m_lastError;
};

} // namespace campdesk
