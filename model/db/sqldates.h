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
    // Read by hand in the form the databases hold: the rack reads 80,000 dates at a time.
    const QString text = value.toString();
    const auto digits = [&text](int from, int count) {
        int number = 0;
        for (int i = from; i < from + count; ++i) {
            const char16_t c = text.at(i).unicode();
            if (c < u'0' || c > u'9')
                return -1;
            number = number * 10 + (c - u'0');
        }
        return number;
    };
    if (text.size() != 10 || text.at(4) != u'-' || text.at(7) != u'-')
        return QDate::fromString(text, Qt::ISODate);
    const int year = digits(0, 4);
    const int month = digits(5, 2);
    const int day = digits(8, 2);
    return year < 0 || month < 0 || day < 0 ? QDate() : QDate(year, month, day);
}

} // namespace campdesk
