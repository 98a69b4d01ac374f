#pragma once

#include "core/terminalsettings.h"
#include "ops/dailybackup.h"
#include "ops/terminalheartbeat.h"

#include <QObject>
#include <memory>

namespace campdesk {

// The background duties of a running terminal, started by the composition root in one call: the log file (in the
// settings' log folder), the heartbeat in `terminals` every minute and, on admin terminals, the daily backup into
// the data folder's backups/.
class OperationsRuntime : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int heartbeatIntervalMs = 60 * 1000;
        int backupCheckIntervalMs = 60 * 60 * 1000;
        // The day's first check waits until the window is up and in use: a backup started with it took the two
        // cores the first window of a new day is built with (bench_startup --new-day on PostgreSQL, a million
        // bookings: 992 ms against 582 without it).
        int backupFirstCheckDelayMs = 30 * 1000;
        int backupsKept = 7;
        QString backupFolder; // empty: <data folder>/backups
    };

    OperationsRuntime(Database& db, const TerminalSettings& settings, QObject* parent = nullptr);
    OperationsRuntime(Database& db, const TerminalSettings& settings, Options options, QObject* parent = nullptr);
    ~OperationsRuntime() override;

    // Call first thing, before the database opens, so that its errors are in the log too.
    static Status installLogging(const TerminalSettings& settings);
    // Starts the heartbeat and (admin terminals) the daily backup. Problems are logged, never fatal.
    void start();

    TerminalHeartbeat& heartbeat() { return *m_heartbeat; }
    DailyBackup* dailyBackup() { return m_dailyBackup.get(); } // null on a kiosk

private:
    Database& m_db;
    const TerminalSettings& m_settings;
    Options m_options;
    std::unique_ptr<TerminalHeartbeat> m_heartbeat;
    std::unique_ptr<DailyBackup> m_dailyBackup;
};

} // namespace campdesk
