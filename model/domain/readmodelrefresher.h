#pragma once

#include <QDate>
#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

namespace campdesk {

class Database;
class EventBus;

// Brings the read model up to a new day off the GUI thread: at start and whenever the local day changes, it runs
// ReadModel::refreshStale() on a worker with its own connection (short transactions, a few sites each), then
// tells the bus (EventBus::readModelRefreshed) so the dashboard and the site list show the new day. Until then
// they show the rows as they are.
class ReadModelRefresher final : public QObject
{
    Q_OBJECT
public:
    explicit ReadModelRefresher(Database& db, int dayCheckMs = 30 * 1000, QObject* parent = nullptr);
    ~ReadModelRefresher() override;

    // Refreshes now (if not already running) and then at each new day.
    void start();
    void stop();
    bool isRunning() const { return m_watcher.isRunning(); }
    void waitForFinished() { m_watcher.waitForFinished(); }

signals:
    // After a pass that brought `sites` rows up to date (0: nothing was stale), or failed (ok false).
    void finished(int sites, bool ok);

private:
    struct Outcome
    {
        int sites = 0;
        bool ok = false;
        QString error;
    };
    void runIfNewDay();
    void run();
    void done();

    Database& m_db;
    QTimer m_dayCheck;
    QDate m_refreshedDay;
    QFutureWatcher<Outcome> m_watcher;
};

} // namespace campdesk
