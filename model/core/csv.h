#pragma once

#include <QString>
#include <functional>

class QModelIndex;

class QAbstractItemModel;
class QTextStream;

namespace campdesk {

// One CSV field: quoted when needed; text a spreadsheet would run as a formula (=, +, -, @) is defused with '.
QString csvField(const QString& value);
// Writes the model's header (in the UI's language) and rows as CSV, one line per row: each cell as cellText gives
// it (plain numbers, ISO dates), or its DisplayRole text when cellText is empty or returns a null string.
void writeModelAsCsv(const QAbstractItemModel& model, QTextStream& out,
                     const std::function<QString(const QModelIndex&)>& cellText = {});

} // namespace campdesk
