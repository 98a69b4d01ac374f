#include "ops/operationsruntime.h"

#include "core/logging.h"

#include <QDir>

namespace campdesk {

OperationsRuntime::OperationsRuntime(Database& db, const TerminalSettings& settings, QObject* parent)
    : OperationsRuntime(db, settings, Options(), parent)
{
}

OperationsRuntime::OperationsRuntime(Database& db, const TerminalSettings& settings, Options options, QObject* parent)
    : QObject(parent)
    , m_db(db)
    , m_settings(settings)
    , m_options(std::move(options))
{
    m_heartbeat = std::make_unique<TerminalHeartbeat>(m_db, m_settings.terminalName(), m_settings.kind());
    if (!m_settings.isKiosk()) {
        // A kiosk's machine shares the admin PC's data or a server: the office terminal keeps the backups.
        const QString folder = m_options.backupFolder.isEmpty()
            ? QDir(TerminalSettings::dataFolder()).filePath(QStringLiteral("backups"))
            : m_options.backupFolder;
        m_dailyBackup = std::make_unique<DailyBackup>(m_db, folder, m_options.backupsKept);
        connect(m_dailyBackup.get(), &DailyBackup::failed, this,
                [](const QString& message) { qCWarning(lcOps) << "daily backup failed:" << message; });
    }
}

OperationsRuntime::~OperationsRuntime() = default;

Status OperationsRuntime::installLogging(const TerminalSettings& settings)
{
    Logging::Options options;
    options.folder = settings.logFolder();
    Status status = Logging::install(options);
    if (status.ok())
        qCInfo(lcOps) << "Campdesk" << CAMPDESK_VERSION << "started as" << settings.kind() << settings.terminalName();
    return status;
}

void OperationsRuntime::start()
{
    m_heartbeat->start(m_options.heartbeatIntervalMs);
    if (m_dailyBackup)
        m_dailyBackup->start(m_options.backupCheckIntervalMs, m_options.backupFirstCheckDelayMs);
}

} // namespace campdesk
