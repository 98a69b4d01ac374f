#pragma once

#include <QString>

class QAbstractItemModel;
class QTextStream;

namespace campdesk {

// One CSV field: quoted when needed; text a spreadsheet would run as a formula (=, +, -, @) is defused with '.
QString csvField(const QString& value);
// Writes the model's header and rows (DisplayRole) as CSV, one line per row.
void writeModelAsCsv(const QAbstractItemModel& model, QTextStream& out);

} // namespace campdesk
