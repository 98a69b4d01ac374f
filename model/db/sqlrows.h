#pragma once

#include <QSqlQuery>
#include <QSqlRecord>
#include <QString>
#include <QVariant>
#include <memory>
#include <optional>

namespace campdesk {

class StatementCache;

// The result of one statement run by SqlSession::exec(). When it goes away, a prepared statement is reset and handed
// back to its connection, which runs it again without parsing it again. Pass it where a const QSqlQuery& is wanted.
class SqlRows
{
public:
    SqlRows(SqlRows&& other) noexcept = default;
    SqlRows& operator=(SqlRows&& other) noexcept;
    SqlRows(const SqlRows&) = delete;
    SqlRows& operator=(const SqlRows&) = delete;
    ~SqlRows() { release(); }

    bool next() { return m_query.next(); }
    QVariant value(int column) const { return m_query.value(column); }
    // By column name: the names are looked up once a result (QSqlQuery::value(name) builds the record every call).
    QVariant value(const QString& column) const;
    bool isNull(int column) const { return m_query.isNull(column); }
    int numRowsAffected() const { return m_query.numRowsAffected(); }
    QSqlRecord record() const { return m_query.record(); }
    operator const QSqlQuery&() const { return m_query; }
    // Done with the rows before the end of the scope: the statement goes back at once (no row may be read after).
    void finish() { release(); }

private:
    friend class SqlSession;
    SqlRows(QSqlQuery query, QString cachedSql = QString(), std::weak_ptr<StatementCache> cache = {});
    void release();

    QSqlQuery m_query;
    QString m_cachedSql; // empty when the statement is not kept
    std::weak_ptr<StatementCache> m_cache;
    mutable std::optional<QSqlRecord> m_record;
};

} // namespace campdesk
