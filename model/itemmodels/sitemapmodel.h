#pragma once

#include "domain/sitemapservice.h"

#include <QAbstractListModel>
#include <QDate>
#include <QFutureWatcher>

namespace campdesk {

class RefreshGate;

class CoalescedRefresh;
class EventBus;

// The site map as a list: one row per site that is not retired (placed or not) with today's state, and the map
// picture's bytes. Refreshed in place when events arrive (this terminal's or, through the event feed, another's)
// and when the day changes; the picture is read again only when it changed.
class SiteMapModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { CampsiteIdRole = Qt::UserRole + 1, CodeRole, StateRole, PlacedRole, XRole, YRole };

    // Where the rows are read: on the caller's thread before the constructor returns, or on a worker with a
    // connection of its own (the admin window: at a million bookings the first read of a fresh SQLite connection
    // took 160-186 ms of the window's start-up); rows then arrive with refreshed().
    enum class Reads { Here, OnWorker };

    SiteMapModel(SiteMapService& service, EventBus* bus, QObject* parent = nullptr, Reads reads = Reads::Here);
    ~SiteMapModel() override;

    static constexpr int coalesceMs = 200;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

    const SiteMapEntry& entry(int row) const { return m_rows.at(row); }
    const QList<SiteMapEntry>& entries() const { return m_rows; }
    int rowOf(qint64 campsiteId) const;
    // The picture as stored (empty when none), and a number that changes whenever it does.
    const QByteArray& picture() const { return m_picture; }
    qint64 pictureVersion() const { return m_pictureVersion; }
    QString lastError() const { return m_lastError; }
    SiteMapService& service() const { return m_service; }
    // Holds event-driven refreshes back while no page shows the model.
    RefreshGate* refreshGate() const;
    // A worker's read is under way (Reads::OnWorker).
    bool isReading() const { return m_watcher.isRunning(); }

public slots:
    void refresh();

signals:
    void refreshed();
    void pictureChanged();

private:
    // What one read brings: the rows, and the picture when it changed since `knownVersion`.
    struct Read
    {
        Result<QList<SiteMapEntry>> sites = QList<SiteMapEntry>();
        std::optional<std::optional<SiteMapImage>> picture;
    };
    static Read read(const SiteMapService& service, qint64 knownVersion);
    void applyRead(const Read& done);
    void apply(const QList<SiteMapEntry>& fresh);

    SiteMapService& m_service;
    QList<SiteMapEntry> m_rows;
    QByteArray m_picture;
    qint64 m_pictureVersion = 0;
    QDate m_day;
    CoalescedRefresh* m_refresh = nullptr;
    QString m_lastError;
    Reads m_reads = Reads::Here;
    QFutureWatcher<Read> m_watcher;
    bool m_readAgain = false; // something changed while a worker read
};

} // namespace campdesk
