#include "bulkinserter.h"

#include "db/database.h"

#include <QSqlError>

namespace campdesk {

BulkInserter::BulkInserter(QSqlDatabase db, QString table, QStringList columns, int rowsPerStatement)
    : m_db(std::move(db))
    , m_table(std::move(table))
    , m_columns(std::move(columns))
    , m_rowsPerStatement(rowsPerStatement)
{
    // Qt's SQLite driver looks each parameter's name up in a list on every bind, which grows with the square of the
    // parameters in a statement: SQLite, which has no round trips to save, does best with a few rows a statement.
    if (m_db.driverName() == QLatin1String("QSQLITE"))
        m_rowsPerStatement = std::min(m_rowsPerStatement, 16);
    m_pending.reserve(size_t(m_rowsPerStatement) * size_t(m_columns.size()));
}

BulkInserter::~BulkInserter()
{
    qDeleteAll(m_statements);
}

QString BulkInserter::statement(int rows) const
{
    QString one = QStringLiteral("(?");
    for (int i = 1; i < m_columns.size(); ++i)
        one += QStringLiteral(", ?");
    one += QLatin1Char(')');
    QStringList values;
    values.reserve(rows);
    for (int i = 0; i < rows; ++i)
        values << one;
    return QStringLiteral("INSERT INTO %1 (%2) VALUES %3")
        .arg(m_table, m_columns.join(QStringLiteral(", ")), values.join(QStringLiteral(", ")));
}

QSqlQuery& BulkInserter::prepared(int rows)
{
    QSqlQuery*& query = m_statements[rows];
    if (!query) {
        query = new QSqlQuery(m_db);
        query->setForwardOnly(true);
        if (!query->prepare(statement(rows)))
            throw DbError(DbError::Kind::Other, query->lastError().text(), query->lastError().nativeErrorCode());
    }
    return *query;
}

void BulkInserter::add(std::initializer_list<QVariant> row)
{
    Q_ASSERT(int(row.size()) == m_columns.size());
    for (const QVariant& value : row) {
        // As in SqlSession::exec: a null QString is '' (text columns are NOT NULL); QVariant() is NULL.
        if (value.metaType().id() == QMetaType::QString && value.toString().isNull())
            m_pending.push_back(QString(QLatin1String("")));
        else
            m_pending.push_back(value);
    }
    if (m_pending.size() >= size_t(m_rowsPerStatement) * size_t(m_columns.size()))
        execute(m_rowsPerStatement);
}

void BulkInserter::flush()
{
    if (!m_pending.empty())
        execute(int(m_pending.size() / size_t(m_columns.size())));
}

void BulkInserter::execute(int rows)
{
    if (m_parent)
        m_parent->flush();
    QSqlQuery& query = prepared(rows);
    for (int i = 0; i < int(m_pending.size()); ++i)
        query.bindValue(i, m_pending[size_t(i)]);
    if (!query.exec())
        throw DbError(DbError::Kind::Other, m_table + QStringLiteral(": ") + query.lastError().text(),
                      query.lastError().nativeErrorCode());
    m_written += rows;
    m_pending.clear();
}

} // namespace campdesk
