#pragma once

#include "domain/waitlistservice.h"

#include <QAbstractTableModel>
#include <QTimer>

namespace campdesk {

class RefreshGate;

class EventBus;

// The waitlist as staff see it, read through WaitlistService: one row per entry in offer order, reloaded when a
// booking event may have changed an offer (here or on another terminal) and every half minute for entries the kiosk
// added. Qt::UserRole gives the entry id, SortRole a raw value to sort by.
class WaitlistTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Position, Status, Name, Phone, CheckIn, Nights, Guests, Kind, Offer, OfferExpires, Channel, Count };
    static constexpr int SortRole = Qt::UserRole + 1;

    WaitlistTableModel(WaitlistService& service, EventBus* bus, const Actor& actor, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const WaitlistEntry& entry(int row) const { return m_entries.at(row); }
    int rowOfId(qint64 id) const;
    QString lastError() const { return m_error; }
    // Holds event-driven refreshes back while no page shows the model.
    RefreshGate* refreshGate() const { return m_gate; }
    // "" every entry, "live" waiting and offered, or a status key.
    void setStatusFilter(const QString& key);
    QString statusFilter() const { return m_statusFilter; }

public slots:
    void refresh();

signals:
    void refreshed();

private:
    WaitlistService& m_service;
    Actor m_actor;
    QList<WaitlistEntry> m_entries;
    QString m_error;
    QString m_statusFilter = QStringLiteral("live");
    QTimer m_soon;
    QTimer m_periodic;
    RefreshGate* m_gate = nullptr;
};

} // namespace campdesk
