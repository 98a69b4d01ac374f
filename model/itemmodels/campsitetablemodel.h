#pragma once

#include "core/result.h"
#include "domain/campsite.h"

#include <QAbstractTableModel>
#include <QList>

namespace campdesk {

class CampsiteService;
class EventBus;

// Every campsite as a table row, kept current from the EventBus. Refreshing updates rows in place (and
// appends or removes), never resets, so the view keeps its selection and scroll position.
class CampsiteTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Code, Name, Kind, Zone, MaxGuests, NightlyPrice, WeekendPrice, Amenities, Status, ColumnCount };
    enum Roles {
        IdRole = Qt::UserRole + 1, // qint64 campsite id
        SortRole, // raw value for sorting: numbers as numbers
        StatusKeyRole, // "active", "maintenance", "retired"
        FilterTextRole, // the text the filter box searches: code, name, zone and kind
    };

    CampsiteTableModel(CampsiteService& service, EventBus* bus, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const Campsite& campsiteAt(int row) const { return m_rows.at(row); }
    int rowOfId(qint64 id) const; // -1 if not shown
    const Error& lastError() const { return m_lastError; }

public slots:
    // Reloads from the service. Returns false (and keeps the old rows) when the database cannot be read.
    bool refresh();

signals:
    void refreshFailed(const QString& message);

private:
    CampsiteService& m_service;
    QList<Campsite> m_rows;
    Error m_lastError;
};

} // namespace campdesk
