#pragma once

#include "db/database.h"

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

namespace campdesk {

// The automatic backup: at most one a day into the data folder's backups/ (campdesk-YYYY-MM-DD.db, or .dump for
// PostgreSQL), keeping the newest few. The app starts it; it checks every hour whether today's backup is missing.
class DailyBackup : public QObject
{
    Q_OBJECT
public:
    DailyBackup(Database& db, QString folder, int keep = 7, QObject* parent = nullptr);
    ~DailyBackup() override;
    // Checks after firstCheckDelayMs and then every checkIntervalMs, backing up off this thread (runInBackground).
    void start(int checkIntervalMs = 60 * 60 * 1000, int firstCheckDelayMs = 0);
    void stop()
    {
        m_firstCheck.stop();
        m_timer.stop();
    }
    bool isRunning() const { return m_watcher.isRunning(); }
    // Backs up when today's file is missing, then removes the oldest beyond `keep`. Returns the file written,
    // or an empty string when today's backup already existed.
    Result<QString> runIfDue();
    // The same on a worker thread with its own connection; backedUp() or failed() says how it went.
    void runInBackground();
    QString fileFor(const QDate& day) const;
    QStringList existingBackups() const; // newest first

signals:
    void backedUp(const QString& file);
    void failed(const QString& message);

private:
    Database& m_db;
    QString m_folder;
    int m_keep;
    QTimer m_timer;
    QTimer m_firstCheck;
    QFutureWatcher<Status> m_watcher;
    QString m_running; // the file the worker is writing

    Result<QString> finish(const QString& file, const Status& status);
};

} // namespace campdesk
