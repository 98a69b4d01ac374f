#pragma once

#include "domain/notificationservice.h"

#include <QAbstractTableModel>

class QTimer;

namespace campdesk {

class RefreshGate;

class EventBus;

// The outbox as a table for the Notifications page: newest first, filtered by status, refreshed when
// reservations are confirmed or cancelled or messages are sent (here or on another terminal).
class NotificationTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        CreatedColumn,
        ReservationColumn,
        EventColumn,
        ChannelColumn,
        RecipientColumn,
        StatusColumn,
        AttemptsColumn,
        NextAttemptColumn,
        ResultColumn,
        ColumnCount
    };
    enum Role { IdRole = Qt::UserRole + 1, StatusRole, SortRole };

    NotificationTableModel(NotificationService& service, EventBus* bus, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "pending", "sent", "dead", or empty for all.
    void setStatusFilter(const QString& status);
    QString statusFilter() const { return m_status; }
    const NotificationRecord& record(int row) const { return m_rows.at(row); }
    static QString statusDisplayName(const QString& status);
    // Holds event-driven refreshes back while no page shows the model.
    RefreshGate* refreshGate() const { return m_gate; }

public slots:
    Status refresh();

private:
    NotificationService& m_service;
    QString m_status;
    QList<NotificationRecord> m_rows;
    QTimer* m_refreshSoon = nullptr;
    RefreshGate* m_gate = nullptr;
};

} // namespace campdesk
