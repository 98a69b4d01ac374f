#pragma once

#include "db/database.h"

#include <QCoreApplication>

namespace campdesk {

// Online backup and checked restore. SQLite: VACUUM INTO (a consistent copy while other connections keep
// writing); PostgreSQL: pg_dump -Fc / pg_restore when they are installed. A restore first checks the backup (integrity,
// schema version not newer than this program) and keeps the current database aside.
class BackupService
{
    Q_DECLARE_TR_FUNCTIONS(campdesk::BackupService)
public:
    enum class Format { Sqlite, PostgresDump };
    struct BackupInfo
    {
        Format format = Format::Sqlite;
        int schemaVersion = 0;
        qint64 bytes = 0;
    };

    // Writes a backup of db to file (replacing it only once the new copy is complete).
    static Status backup(Database& db, const QString& file);
    // Checks a backup file without changing anything: readable, intact, a Campdesk database, not too new.
    static Result<BackupInfo> inspect(const QString& file);
    // Replaces the database at targetSpec with the backup. Every terminal must be closed first. For SQLite the
    // current file is kept as FILE.before-restore. Returns where the previous data was kept (empty for PostgreSQL).
    static Result<QString> restore(const QString& file, const QString& targetSpec);

    // Test seam: the folder pg_dump / pg_restore are looked up in (empty: PATH).
    static void setPostgresToolsFolderForTesting(const QString& folder);
};

} // namespace campdesk
