#include "core/csv.h"

#include <QAbstractItemModel>
#include <QTextStream>

namespace campdesk {

QString csvField(const QString& raw)
{
    QString value = raw;
    if (!value.isEmpty() && QStringLiteral("=+-@").contains(value.at(0))) {
        bool number = false;
        value.toDouble(&number);
        if (!number)
            value.prepend(QLatin1Char('\''));
    }
    if (value.contains(QLatin1Char(',')) || value.contains(QLatin1Char('"')) || value.contains(QLatin1Char('\n'))
        || value.contains(QLatin1Char('\r'))) {
        value.replace(QLatin1String("\""), QLatin1String("\"\""));
        value = QLatin1Char('"') + value + QLatin1Char('"');
    }
    return value;
}

void writeModelAsCsv(const QAbstractItemModel& model, QTextStream& out,
                     const std::function<QString(const QModelIndex&)>& cellText)
{
    const int columns = model.columnCount();
    QStringList fields;
    for (int column = 0; column < columns; ++column)
        fields << csvField(model.headerData(column, Qt::Horizontal).toString());
    out << fields.join(QLatin1Char(',')) << "\r\n";
    for (int row = 0; row < model.rowCount(); ++row) {
        fields.clear();
        for (int column = 0; column < columns; ++column) {
            const QModelIndex index = model.index(row, column);
            QString text = cellText ? cellText(index) : QString();
            if (text.isNull())
                text = index.data().toString();
            fields << csvField(text);
        }
        out << fields.join(QLatin1Char(',')) << "\r\n";
    }
}

} // namespace campdesk
