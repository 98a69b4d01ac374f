#pragma once

#include "db/database.h"

#include <QObject>
#include <QTimer>

namespace campdesk {

// Tells the other terminals (and the status page, and --check) that this terminal is alive: upserts its row in
// `terminals` (name, kind, version, host, last seen) now and every minute.
class TerminalHeartbeat : public QObject
{
    Q_OBJECT
public:
    TerminalHeartbeat(Database& db, QString name, QString kind, QObject* parent = nullptr);
    void start(int intervalMs = 60 * 1000);
    void stop() { m_timer.stop(); }
    Status beat();

signals:
    void failed(const QString& message);

private:
    Database& m_db;
    QString m_name;
    QString m_kind;
    QTimer m_timer;
};

} // namespace campdesk
