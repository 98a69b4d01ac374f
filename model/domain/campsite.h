#pragma once

#include <QDate>
#include <QString>
#include <QStringList>
#include <optional>

namespace campdesk {

class SqlRows;

enum class CampsiteKind { Tent, AutoCamping, Caravan, Glamping, Cabin };
enum class CampsiteStatus { Active, Maintenance, Retired };

QString campsiteKindKey(CampsiteKind kind); // stored: "tent", "auto_camping", ...
std::optional<CampsiteKind> campsiteKindFromKey(const QString& key);
QString campsiteKindName(CampsiteKind kind); // translated
QList<CampsiteKind> allCampsiteKinds();

QString campsiteStatusKey(CampsiteStatus status); // stored: "active", "maintenance", "retired"
std::optional<CampsiteStatus> campsiteStatusFromKey(const QString& key);
QString campsiteStatusName(CampsiteStatus status); // translated

// A pitch, deck, caravan or cabin that can be booked by the night.
struct Campsite
{
    qint64 id = 0;
    QString code; // short and unique, e.g. "A-07"; upper case
    QString name;
    CampsiteKind kind = CampsiteKind::Tent;
    QString description;
    QString zone;
    int maxGuests = 4;
    int baseGuests = 0; // guests the price includes; above it the extra-person fee (0 = all, up to maxGuests)
    qint64 nightlyPrice = 0; // won
    qint64 weekendPrice = 0; // won for Friday and Saturday nights; 0 = the nightly price
    QStringList amenities;
    CampsiteStatus status = CampsiteStatus::Active;
    int version = 0; // optimistic locking: a change to an older version is refused

    // The price of one night starting on `night`.
    qint64 priceFor(const QDate& night) const;

    // The one reader of a campsites row, by column name: a query selects columns() (it may add its own after them)
    // and hands each row here. Unknown codes read as the safe value: a status this version does not know as
    // Retired (never booked or offered; an older terminal must not sell a site a newer one took out), a kind as Tent.
    static QString columns(); // "id, code, name, ...", of the campsites table without an alias
    static int columnCount();
    static Campsite fromRow(const SqlRows& row);
};

} // namespace campdesk
