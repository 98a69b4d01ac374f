#include "ops/dailybackup.h"

#include "core/backgroundpool.h"
#include "core/logging.h"
#include "ops/backupservice.h"

#include <QDir>
#include <QFile>
#include <QtConcurrent/QtConcurrentRun>

namespace campdesk {

DailyBackup::DailyBackup(Database& db, QString folder, int keep, QObject* parent)
    : QObject(parent)
    , m_db(db)
    , m_folder(std::move(folder))
    , m_keep(std::max(1, keep))
{
    connect(&m_timer, &QTimer::timeout, this, &DailyBackup::runInBackground);
    m_firstCheck.setSingleShot(true);
    connect(&m_firstCheck, &QTimer::timeout, this, &DailyBackup::runInBackground);
    connect(&m_watcher, &QFutureWatcher<Status>::finished, this,
            [this] { (void)finish(m_running, m_watcher.result()); });
}

DailyBackup::~DailyBackup()
{
    m_watcher.waitForFinished(); // the worker reads m_db's settings
}

void DailyBackup::start(int checkIntervalMs, int firstCheckDelayMs)
{
    m_timer.start(checkIntervalMs);
    if (firstCheckDelayMs > 0)
        m_firstCheck.start(firstCheckDelayMs);
    else
        runInBackground();
}

void DailyBackup::runInBackground()
{
    const QString file = fileFor(m_db.clock().today());
    if (m_watcher.isRunning() || QFile::exists(file))
        return;
    m_running = file;
    // Copying a large database takes seconds: on a connection of its own (a Database belongs to the thread that
    // opened it), so the window stays responsive meanwhile.
    m_watcher.setFuture(QtConcurrent::run(backgroundPool(), [this, file]() -> Status {
        Result<std::unique_ptr<Database>> own = m_db.openAnother(QStringLiteral("-backup"));
        if (!own.ok())
            return own.error();
        own.value()->setBus(nullptr);
        return BackupService::backup(*own.value(), file);
    }));
}

QString DailyBackup::fileFor(const QDate& day) const
{
    const QString suffix = m_db.driver() == SqlDriver::Sqlite ? QStringLiteral(".db") : QStringLiteral(".dump");
    return QDir(m_folder).filePath(QStringLiteral("campdesk-") + sqlDate(day) + suffix);
}

QStringList DailyBackup::existingBackups() const
{
    // ISO dates in the names: name order is date order.
    const QStringList names = QDir(m_folder).entryList(
        { QStringLiteral("campdesk-\?\?\?\?-\?\?-\?\?.db"), QStringLiteral("campdesk-\?\?\?\?-\?\?-\?\?.dump") },
        QDir::Files, QDir::Name | QDir::Reversed);
    QStringList files;
    for (const QString& name : names)
        files << QDir(m_folder).filePath(name);
    return files;
}

Result<QString> DailyBackup::runIfDue()
{
    const QString file = fileFor(m_db.clock().today());
    if (QFile::exists(file))
        return QString();
    return finish(file, BackupService::backup(m_db, file));
}

Result<QString> DailyBackup::finish(const QString& file, const Status& status)
{
    if (!status.ok()) {
        emit failed(status.error().message);
        return status.error();
    }
    const QStringList backups = existingBackups();
    for (int i = m_keep; i < backups.size(); ++i) {
        QFile::remove(backups.at(i));
        qCInfo(lcOps) << "removed old backup" << backups.at(i);
    }
    emit backedUp(file);
    return file;
}

} // namespace campdesk
