#pragma once

#include "db/database.h"

#include <QStringList>

namespace campdesk::test {

// Rows in every table of the version-1 schema, written with version-1 columns only, so that upgrade and
// backup tests can check that every row survives. Only the columns of schema version 1 are named, which
// keeps the helper valid as later migrations add columns.
struct SampleTable
{
    QString name;
    QStringList columns; // version-1 columns compared after an upgrade or a restore
    QString orderBy;
    // Read-model tables (campsite_status, daily_stats) may be rebuilt from the other tables by a later migration:
    // they must not be empty afterwards, but their content is not compared.
    bool derived = false;
};

const QList<SampleTable>& sampleTables();

// Inserts `count` rows per table (count >= 1), numbered from `first`, so several calls can add more.
void insertSampleRows(Transaction& tx, int first, int count);

// Every non-derived sample table's version-1 columns, row by row in a stable order, as text: equal snapshots
// mean equal content.
QStringList snapshotSampleTables(SqlSession& session);

// Records a schema version one above what this program knows, as a newer Campdesk would have.
Status markSchemaFromTheFuture(Database& db);

} // namespace campdesk::test
