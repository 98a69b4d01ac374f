#include "ops/terminalheartbeat.h"

#include "core/logging.h"

#include <QHostInfo>

namespace campdesk {

TerminalHeartbeat::TerminalHeartbeat(Database& db, QString name, QString kind, QObject* parent)
    : QObject(parent)
    , m_db(db)
    , m_name(std::move(name))
    , m_kind(std::move(kind))
{
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (Status status = beat(); !status.ok()) {
            qCWarning(lcOps) << "heartbeat failed:" << status.error().message;
            emit failed(status.error().message);
        }
    });
}

void TerminalHeartbeat::start(int intervalMs)
{
    m_timer.start(intervalMs);
    if (Status status = beat(); !status.ok()) {
        qCWarning(lcOps) << "heartbeat failed:" << status.error().message;
        emit failed(status.error().message);
    }
}

Status TerminalHeartbeat::beat()
{
    return m_db.write([this](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("INSERT INTO terminals (name, kind, version, host, last_seen) VALUES (?, ?, ?, ?, ?) "
                               "ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, version = excluded.version, "
                               "host = excluded.host, last_seen = excluded.last_seen"),
                { m_name, m_kind, QStringLiteral(CAMPDESK_VERSION), QHostInfo::localHostName(), tx.nowMs() });
        return {};
    });
}

} // namespace campdesk
