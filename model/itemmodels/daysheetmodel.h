#pragma once

#include "domain/daysheetquery.h"

#include <QAbstractTableModel>

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

    void setDay(const QDate& day);
    QDate day() const { return m_day; }
    DaySheetKind kind() const { return m_kind; }
    void reload();
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

private:
    DaySheetQuery m_query;
    Actor m_actor;
    DaySheetKind m_kind;
    QDate m_day;
    QList<DaySheetRow> m_rows;
    QString m_error;
    RefreshGate* m_gate = nullptr;
};

} // namespace campdesk
