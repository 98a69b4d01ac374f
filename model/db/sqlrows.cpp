#include "db/sqlrows.h"

#include "core/logging.h"
#include "db/statementcache.h"

namespace campdesk {

SqlRows::SqlRows(QSqlQuery query, QString cachedSql, std::weak_ptr<StatementCache> cache)
    : m_query(std::move(query))
    , m_cachedSql(std::move(cachedSql))
    , m_cache(std::move(cache))
{
}

SqlRows& SqlRows::operator=(SqlRows&& other) noexcept
{
    if (this != &other) {
        release();
        m_query = std::move(other.m_query);
        m_cachedSql = std::exchange(other.m_cachedSql, QString());
        m_cache = std::move(other.m_cache);
        m_record = std::exchange(other.m_record, std::nullopt);
    }
    return *this;
}

QVariant SqlRows::value(const QString& column) const
{
    if (!m_record)
        m_record = m_query.record();
    const int index = m_record->indexOf(column);
    if (index < 0) {
        qCWarning(lcDatabase) << "no column" << column << "in" << m_query.lastQuery().left(200);
        return QVariant();
    }
    return m_query.value(index);
}

void SqlRows::release()
{
    if (m_cachedSql.isEmpty())
        return;
    if (const std::shared_ptr<StatementCache> cache = m_cache.lock())
        cache->giveBack(m_cachedSql, std::move(m_query));
    m_cachedSql.clear();
}

} // namespace campdesk
