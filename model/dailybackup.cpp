#include "dailybackup.h"

#include "backupservice.h"
#include "logging.h"

#include <QDir>
#include <QFile>

namespace campdesk {

DailyBackup::DailyBackup(Database& db, QString folder, int keep, QObject* parent)
    : QObject(parent)
    , m_db(db)
    , m_folder(std::move(folder))
    , m_keep(std::max(1, keep))
{
    connect(&m_timer, &QTimer::timeout, this, [this] { (void)runIfDue(); });
}

void DailyBackup::start(int checkIntervalMs)
{
    m_timer.start(checkIntervalMs);
    (void)runIfDue();
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
    if (Status status = BackupService::backup(m_db, file); !status.ok()) {
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
