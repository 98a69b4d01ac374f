#pragma once

#include "db/dberror.h"
#include "db/sqlrows.h"

#include <QVariantList>

namespace campdesk {

class Database;

// A connection in use inside Database::read() or write(). exec() throws DbError; read()/write() catch it.
// Binds: a null QString is stored as '' (text columns are NOT NULL); bind QVariant() for SQL NULL.
class SqlSession
{
public:
    SqlRows exec(const QString& sql, const QVariantList& binds = {});
    // The first column of the first row, or an invalid QVariant when there is no row.
    QVariant scalar(const QString& sql, const QVariantList& binds = {});
    // Runs an INSERT ... RETURNING id and gives the id.
    qint64 insert(const QString& sql, const QVariantList& binds = {});
    SqlDriver driver() const;
    Database& database() { return m_db; }
    qint64 nowMs() const;

protected:
    explicit SqlSession(Database& db)
        : m_db(db)
    {
    }
    Database& m_db;
    friend class Database;
};

} // namespace campdesk
