#include "ops/backupservice.h"

#include "core/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlError>
#include <QStandardPaths>
#include <QThread>
#include <QUrl>

namespace campdesk {

namespace {

QString& toolsFolder()
{
    static QString folder;
    return folder;
}

QString findTool(const QString& name)
{
    if (!toolsFolder().isEmpty())
        return QStandardPaths::findExecutable(name, { toolsFolder() });
    return QStandardPaths::findExecutable(name);
}

bool isPostgres(const QString& spec)
{
    return spec.startsWith(QLatin1String("postgresql://")) || spec.startsWith(QLatin1String("postgres://"));
}

QString sqlitePath(const QString& spec)
{
    const QString trimmed = spec.trimmed();
    return QFileInfo(trimmed.startsWith(QLatin1String("sqlite:")) ? trimmed.mid(7) : trimmed).absoluteFilePath();
}

// The password goes through the environment, never on a command line others can read in the process list.
struct PgTarget
{
    QString url;
    QProcessEnvironment environment;
};

PgTarget pgTarget(const QString& spec)
{
    QUrl url(spec);
    PgTarget target;
    target.environment = QProcessEnvironment::systemEnvironment();
    if (!url.password().isEmpty())
        target.environment.insert(QStringLiteral("PGPASSWORD"), url.password());
    url.setPassword(QString());
    target.url = url.toString();
    return target;
}

struct ToolRun
{
    bool ok = false;
    QByteArray output;
    QString error;
};

ToolRun runTool(const QString& program, const QStringList& arguments, const QProcessEnvironment& environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    ToolRun run;
    if (!process.waitForStarted(10000)) {
        run.error = process.errorString();
        return run;
    }
    process.closeWriteChannel();
    // Large databases take a while; an hour is the outer bound of a sensible backup.
    if (!process.waitForFinished(60 * 60 * 1000)) {
        process.kill();
        process.waitForFinished();
        run.error = QStringLiteral("timed out");
        return run;
    }
    run.output = process.readAllStandardOutput();
    run.error = QString::fromUtf8(process.readAllStandardError()).trimmed();
    run.ok = process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    return run;
}

// PRAGMA integrity_check and the schema version of a SQLite file, opened read-only on a connection of its own.
Result<int> inspectSqlite(const QString& path)
{
    const QString name = QStringLiteral("campdesk-inspect-%1").arg(reinterpret_cast<quintptr>(&path));
    Result<int> result = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.open()) {
            result = Error { ErrorCode::Invalid,
                             BackupService::tr("Cannot open the backup %1: %2").arg(path, db.lastError().text()) };
        } else {
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral("PRAGMA integrity_check")) || !query.next()
                || query.value(0).toString() != QLatin1String("ok")) {
                const QString detail
                    = query.lastError().isValid() ? query.lastError().text() : query.value(0).toString();
                result = Error {
                    ErrorCode::Invalid,
                    BackupService::tr("The backup %1 is damaged (%2). Use another backup.").arg(path, detail)
                };
            } else if (!query.exec(QStringLiteral("SELECT MAX(version) FROM schema_migrations")) || !query.next()
                       || query.value(0).toInt() < 1) {
                result = Error { ErrorCode::Invalid, BackupService::tr("%1 is not a Campdesk backup.").arg(path) };
            } else {
                result = query.value(0).toInt();
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

// The schema version inside a pg_dump custom-format file, read from its schema_migrations data.
Result<int> inspectPgDump(const QString& path)
{
    const QString pgRestore = findTool(QStringLiteral("pg_restore"));
    if (pgRestore.isEmpty())
        return Error { ErrorCode::Unavailable,
                       BackupService::tr("pg_restore is not installed. Install the package "
                                         "postgresql-client to restore PostgreSQL backups.") };
    const ToolRun list
        = runTool(pgRestore, { QStringLiteral("--list"), path }, QProcessEnvironment::systemEnvironment());
    if (!list.ok)
        return Error { ErrorCode::Invalid,
                       BackupService::tr("The backup %1 is damaged (%2). Use another backup.").arg(path, list.error) };
    const ToolRun data = runTool(pgRestore,
                                 { QStringLiteral("--data-only"), QStringLiteral("--table=schema_migrations"),
                                   QStringLiteral("--file=-"), path },
                                 QProcessEnvironment::systemEnvironment());
    if (!data.ok)
        return Error { ErrorCode::Invalid,
                       BackupService::tr("The backup %1 is damaged (%2). Use another backup.").arg(path, data.error) };
    // COPY public.schema_migrations (version, ...) FROM stdin;  then one tab-separated row per version.
    int version = 0;
    bool inCopy = false;
    for (const QByteArray& line : data.output.split('\n')) {
        if (line.startsWith("COPY ")) {
            inCopy = true;
            continue;
        }
        if (!inCopy)
            continue;
        if (line == "\\.")
            break;
        version = std::max(version, line.split('\t').value(0).toInt());
    }
    if (version < 1)
        return Error { ErrorCode::Invalid, BackupService::tr("%1 is not a Campdesk backup.").arg(path) };
    return version;
}

// A backup holds every guest's data: it is created empty and 0600 before anything is copied into it (VACUUM INTO
// and pg_dump write into an existing empty file and keep its mode), whatever the umask.
bool createPrivateEmptyFile(const QString& path)
{
    QFile::remove(path);
    const QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::NewOnly, ownerOnly) && file.setPermissions(ownerOnly);
}

Status backupSqlite(Database& db, const QString& file)
{
    const QString partial = file + QStringLiteral(".partial");
    if (!createPrivateEmptyFile(partial))
        return Error { ErrorCode::Database, BackupService::tr("Cannot write the backup file %1.").arg(file) };
    // VACUUM INTO reads one snapshot: writers on other connections go on while it copies. It cannot run inside a
    // transaction, so it bypasses Database::write().
    QSqlQuery query(db.connection());
    if (!query.prepare(QStringLiteral("VACUUM INTO ?"))) {
        return Error { ErrorCode::Database, BackupService::tr("Backup failed: %1").arg(query.lastError().text()) };
    }
    query.addBindValue(partial);
    bool ok = query.exec();
    for (int attempt = 0; !ok && attempt < 20 && query.lastError().text().contains(QLatin1String("locked"));
         ++attempt) {
        QThread::msleep(100);
        ok = query.exec();
    }
    if (!ok) {
        QFile::remove(partial);
        return Error { ErrorCode::Database, BackupService::tr("Backup failed: %1").arg(query.lastError().text()) };
    }
    query.finish();
    QFile::remove(file);
    if (!QFile::rename(partial, file)) {
        QFile::remove(partial);
        return Error { ErrorCode::Database, BackupService::tr("Cannot write the backup file %1.").arg(file) };
    }
    QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return {};
}

Status backupPostgres(Database& db, const QString& file)
{
    const QString pgDump = findTool(QStringLiteral("pg_dump"));
    if (pgDump.isEmpty()) {
        return Error { ErrorCode::Unavailable,
                       BackupService::tr(
                           "pg_dump is not installed, so this PostgreSQL database cannot be backed up from "
                           "here. Install the package postgresql-client, or back up on the database server.") };
    }
    const PgTarget target = pgTarget(db.spec());
    const QString partial = file + QStringLiteral(".partial");
    if (!createPrivateEmptyFile(partial))
        return Error { ErrorCode::Database, BackupService::tr("Cannot write the backup file %1.").arg(file) };
    const ToolRun run = runTool(pgDump,
                                { QStringLiteral("--format=custom"), QStringLiteral("--no-owner"),
                                  QStringLiteral("--file=") + partial, QStringLiteral("--dbname=") + target.url },
                                target.environment);
    if (!run.ok) {
        QFile::remove(partial);
        return Error { ErrorCode::Database, BackupService::tr("pg_dump failed: %1").arg(run.error) };
    }
    QFile::remove(file);
    if (!QFile::rename(partial, file))
        return Error { ErrorCode::Database, BackupService::tr("Cannot write the backup file %1.").arg(file) };
    QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return {};
}

} // namespace

void BackupService::setPostgresToolsFolderForTesting(const QString& folder)
{
    toolsFolder() = folder;
}

Status BackupService::backup(Database& db, const QString& file)
{
    const QString target = QFileInfo(file).absoluteFilePath();
    if (db.driver() == SqlDriver::Sqlite && target == QFileInfo(db.spec()).absoluteFilePath())
        return invalidInput(tr("The backup cannot replace the database itself."));
    const QDir folder = QFileInfo(target).absoluteDir();
    if (!folder.exists() && !QDir().mkpath(folder.absolutePath()))
        return Error { ErrorCode::Invalid, tr("Cannot create the folder %1.").arg(folder.absolutePath()) };
    const Status status = db.driver() == SqlDriver::Sqlite ? backupSqlite(db, target) : backupPostgres(db, target);
    if (status.ok())
        qCInfo(lcOps) << "backup written to" << target << QFileInfo(target).size() << "bytes";
    else
        qCWarning(lcOps) << "backup to" << target << "failed:" << status.error().message;
    return status;
}

Result<BackupService::BackupInfo> BackupService::inspect(const QString& file)
{
    QFile input(file);
    if (!input.exists())
        return Error { ErrorCode::NotFound, tr("The backup file %1 does not exist.").arg(file) };
    if (!input.open(QIODevice::ReadOnly))
        return Error { ErrorCode::Invalid, tr("Cannot read the backup file %1: %2").arg(file, input.errorString()) };
    const QByteArray header = input.read(16);
    input.close();
    BackupInfo info;
    info.bytes = QFileInfo(file).size();
    Result<int> version = 0;
    if (header.startsWith("SQLite format 3")) {
        info.format = Format::Sqlite;
        version = inspectSqlite(file);
    } else if (header.startsWith("PGDMP")) {
        info.format = Format::PostgresDump;
        version = inspectPgDump(file);
    } else {
        return Error { ErrorCode::Invalid,
                       tr("%1 is not a Campdesk backup (neither a SQLite file nor a pg_dump archive).").arg(file) };
    }
    if (!version.ok())
        return version.error();
    info.schemaVersion = version.value();
    if (info.schemaVersion > Database::latestSchemaVersion()) {
        return Error {
            ErrorCode::Invalid,
            tr("The backup %1 was made by a newer Campdesk (schema %2; this program knows up to %3). Restore "
               "it with the newer Campdesk.")
                .arg(file)
                .arg(info.schemaVersion)
                .arg(Database::latestSchemaVersion())
        };
    }
    return info;
}

Result<QString> BackupService::restore(const QString& file, const QString& targetSpec)
{
    Result<BackupInfo> info = inspect(file);
    if (!info.ok())
        return info.error();
    const bool postgres = isPostgres(targetSpec.trimmed());
    if (postgres != (info.value().format == Format::PostgresDump)) {
        return invalidInput(postgres
                                ? tr("This is a SQLite backup; the database to restore into is PostgreSQL.")
                                : tr("This is a PostgreSQL backup; the database to restore into is a SQLite file."));
    }

    if (postgres) {
        const PgTarget target = pgTarget(targetSpec.trimmed());
        const ToolRun run
            = runTool(findTool(QStringLiteral("pg_restore")),
                      { QStringLiteral("--clean"), QStringLiteral("--if-exists"), QStringLiteral("--no-owner"),
                        QStringLiteral("--single-transaction"), QStringLiteral("--dbname=") + target.url, file },
                      target.environment);
        if (!run.ok)
            return Error { ErrorCode::Database, tr("pg_restore failed: %1").arg(run.error) };
        qCInfo(lcOps) << "restored PostgreSQL database from" << file;
        return QString();
    }

    const QString target = sqlitePath(targetSpec);
    const QString aside = target + QStringLiteral(".before-restore");
    if (QFileInfo(file).absoluteFilePath() == target)
        return invalidInput(tr("The backup is the database itself."));
    QFile::remove(aside);
    const QFileDevice::Permissions mode
        = QFile::exists(target) ? QFile::permissions(target) : QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (QFile::exists(target)) {
        // A consistent copy of the current data (WAL included), made the same way as a backup.
        Database::Options options;
        options.migrate = false;
        Result<std::unique_ptr<Database>> current = Database::open(QStringLiteral("sqlite:") + target, options);
        const Status kept = current.ok() ? backupSqlite(*current.value(), aside) : Status(current.error());
        if (!kept.ok()) {
            // A damaged current file is exactly when people restore: keep it byte for byte instead.
            if (!QFile::copy(target, aside))
                return Error { ErrorCode::Database, tr("Cannot keep the current database as %1.").arg(aside) };
        }
    }
    const QString incoming = target + QStringLiteral(".restoring");
    QFile::remove(incoming);
    if (!QFile::copy(file, incoming))
        return Error { ErrorCode::Database, tr("Cannot copy the backup next to the database %1.").arg(target) };
    // The old write-ahead log belongs to the old file: left in place, SQLite would replay it onto the restored one.
    QFile::remove(target + QStringLiteral("-wal"));
    QFile::remove(target + QStringLiteral("-shm"));
    QFile::remove(target);
    if (!QFile::rename(incoming, target))
        return Error { ErrorCode::Database, tr("Cannot put the restored database in place at %1.").arg(target) };
    QFile::setPermissions(target, mode);
    qCInfo(lcOps) << "restored" << target << "from" << file << "; the previous data is in" << aside;
    return QFile::exists(aside) ? aside : QString();
}

} // namespace campdesk
