#include "db/dberror.h"

#include <QSqlError>

namespace campdesk {

DbError::DbError(Kind kind, QString text, QString nativeCode)
    : m_kind(kind)
    , m_text(std::move(text))
    , m_nativeCode(std::move(nativeCode))
    , m_what(m_text.toUtf8())
{
}

DbError::Kind classifySqlError(SqlDriver driver, const QSqlError& error)
{
    const QString code = error.nativeErrorCode();
    if (driver == SqlDriver::Sqlite) {
        // Primary result codes and the extended codes Qt may report.
        bool ok = false;
        const int value = code.toInt(&ok);
        const int primary = ok ? (value & 0xff) : -1;
        if (primary == 5 || primary == 6) // SQLITE_BUSY, SQLITE_LOCKED
            return DbError::Kind::Busy;
        if (primary == 11 || primary == 26) // SQLITE_CORRUPT, SQLITE_NOTADB
            return DbError::Kind::Corrupt;
        if (primary == 14) // SQLITE_CANTOPEN
            return DbError::Kind::Connection;
        const QString text = error.databaseText();
        if (primary == 19) {
            if (text.contains(QLatin1String("UNIQUE")) || text.contains(QLatin1String("PRIMARY KEY")))
                return DbError::Kind::Unique;
            if (text.contains(QLatin1String("FOREIGN KEY")))
                return DbError::Kind::ForeignKey;
            return DbError::Kind::Check;
        }
        if (text.contains(QLatin1String("database is locked")))
            return DbError::Kind::Busy;
        if (text.contains(QLatin1String("not a database")) || text.contains(QLatin1String("malformed")))
            return DbError::Kind::Corrupt;
        return DbError::Kind::Other;
    }
    if (code == QLatin1String("23505"))
        return DbError::Kind::Unique;
    if (code == QLatin1String("23503"))
        return DbError::Kind::ForeignKey;
    if (code.startsWith(QLatin1String("23")))
        return DbError::Kind::Check;
    if (code == QLatin1String("40001") || code == QLatin1String("40P01") || code == QLatin1String("55P03"))
        return DbError::Kind::Busy;
    // 08xxx: connection exceptions; 57P01-03: the server terminated this session or is shutting down.
    if (code.startsWith(QLatin1String("08")) || code.startsWith(QLatin1String("57P"))
        || error.type() == QSqlError::ConnectionError
        || error.databaseText().contains(QLatin1String("no connection to the server"))
        || error.databaseText().contains(QLatin1String("server closed the connection")))
        return DbError::Kind::Connection;
    return DbError::Kind::Other;
}

} // namespace campdesk
