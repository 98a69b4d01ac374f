#pragma once

#include "db/database.h"

#include <QDate>
#include <QString>
#include <QStringList>

namespace campdesk::test {

// Runs the real campdesk-datagen program on a database (a small data set for tests); returns its error output on
// failure, an empty string on success.
QString generateDataSet(const QString& spec, const QStringList& extraArguments = {});

// A digest of every row of every table except schema_migrations, in primary-key order: equal digests mean equal
// content (on the same kind of database).
QByteArray contentChecksum(Database& db);

} // namespace campdesk::test
