#pragma once

#include "db/database.h"

#include <QStringList>
#include <vector>

namespace campdesk {

// One numbered schema change. Statements use a few placeholders for the two SQL dialects:
//   {ID}    an auto-numbered 64-bit primary key
//   {BLOB}  binary data
// and a statement that starts with {SQLITE} or {POSTGRES} runs only on that driver.
struct Migration
{
    int version;
    const char* description;
    QStringList statements;
    bool rebuildsTables = false; // SQLite: runs with foreign keys off (a table is dropped and made again)
};

const std::vector<Migration>& migrations();
QString dialectSql(SqlDriver driver, QString sql);

} // namespace campdesk
