#pragma once

#include <QDate>
#include <QString>
#include <QVariant>

namespace campdesk {

// Dates are stored as ISO text ("2026-11-24") on both databases; times as UTC milliseconds since the epoch.
inline QString sqlDate(const QDate& date)
{
    return date.toString(Qt::ISODate);
}
inline QDate dateFromSql(const QVariant& value)
{
    return QDate::fromString(value.toString(), Qt::ISODate);
}

} // namespace campdesk
