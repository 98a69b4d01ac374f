#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <vector>

namespace campdesk {

// Inserts many rows into one table with a prepared multi-row INSERT, so each round trip carries a whole batch
// (what makes PostgreSQL fast) and SQLite parses the statement once. Throws DbError when a batch fails.
class BulkInserter
{
public:
    BulkInserter(QSqlDatabase db, QString table, QStringList columns, int rowsPerStatement = 200);
    ~BulkInserter();
    BulkInserter(const BulkInserter&) = delete;
    BulkInserter& operator=(const BulkInserter&) = delete;

    // Values in the order of the columns; QVariant() is NULL, a null QString is ''.
    void add(std::initializer_list<QVariant> row);
    void flush();
    // Rows here reference rows of `parent`: its pending rows are written first (foreign keys are checked at once).
    void dependsOn(BulkInserter& parent) { m_parent = &parent; }
    qint64 rowsWritten() const { return m_written; }

private:
    QString statement(int rows) const;
    QSqlQuery& prepared(int rows);
    void execute(int rows);

    QSqlDatabase m_db;
    QString m_table;
    QStringList m_columns;
    int m_rowsPerStatement;
    std::vector<QVariant> m_pending;
    QHash<int, QSqlQuery*> m_statements; // by rows per statement, prepared once
    qint64 m_written = 0;
    BulkInserter* m_parent = nullptr;
};

} // namespace campdesk
