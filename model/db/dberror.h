#pragma once

#include <QByteArray>
#include <QString>
#include <exception>

class QSqlError;

namespace campdesk {

enum class SqlDriver { Sqlite, Postgres };

// A failed statement, classified so callers can tell a lost race (Unique) or a busy database (Busy) from a bug.
// RunAgain: PostgreSQL could not prepare a statement (it cannot tell a value's type); the statement now runs
// unprepared, and the transaction, aborted by the failure, runs again at once. BadValue: a value no database can take
// as it is (text with a NUL character), refused before the statement runs.
class DbError : public std::exception
{
public:
    enum class Kind { Busy, Unique, ForeignKey, Check, Corrupt, Connection, RunAgain, BadValue, Other };
    DbError(Kind kind, QString text, QString nativeCode);
    Kind kind() const { return m_kind; }
    const QString& text() const { return m_text; }
    const QString& nativeCode() const { return m_nativeCode; }
    const char* what() const noexcept override { return m_what.constData(); }

private:
    Kind m_kind;
    QString m_text;
    QString m_nativeCode;
    QByteArray m_what;
};

// What kind of failure a driver's error is, by its native code.
DbError::Kind classifySqlError(SqlDriver driver, const QSqlError& error);

} // namespace campdesk
