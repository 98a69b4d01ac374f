#include "domain/campsite.h"

#include "db/sqlrows.h"

#include <QCoreApplication>
#include <QDate>

namespace campdesk {

namespace {
struct KindKey
{
    CampsiteKind kind;
    const char* key;
};
constexpr KindKey kindKeys[] = {
    { CampsiteKind::Tent, "tent" },       { CampsiteKind::AutoCamping, "auto_camping" },
    { CampsiteKind::Caravan, "caravan" }, { CampsiteKind::Glamping, "glamping" },
    { CampsiteKind::Cabin, "cabin" },
};
} // namespace

QString campsiteKindKey(CampsiteKind kind)
{
    for (const KindKey& k : kindKeys) {
        if (k.kind == kind)
            return QString::fromLatin1(k.key);
    }
    return QString();
}

std::optional<CampsiteKind> campsiteKindFromKey(const QString& key)
{
    for (const KindKey& k : kindKeys) {
        if (key == QLatin1String(k.key))
            return k.kind;
    }
    return std::nullopt;
}

QString campsiteKindName(CampsiteKind kind)
{
    switch (kind) {
    case CampsiteKind::Tent:
        return QCoreApplication::translate("campdesk::Campsite", "Tent site");
    case CampsiteKind::AutoCamping:
        return QCoreApplication::translate("campdesk::Campsite", "Auto-camping");
    case CampsiteKind::Caravan:
        return QCoreApplication::translate("campdesk::Campsite", "Caravan");
    case CampsiteKind::Glamping:
        return QCoreApplication::translate("campdesk::Campsite", "Glamping");
    case CampsiteKind::Cabin:
        return QCoreApplication::translate("campdesk::Campsite", "Cabin");
    }
    return QString();
}

QList<CampsiteKind> allCampsiteKinds()
{
    QList<CampsiteKind> kinds;
    for (const KindKey& k : kindKeys)
        kinds.append(k.kind);
    return kinds;
}

QString campsiteStatusKey(CampsiteStatus status)
{
    switch (status) {
    case CampsiteStatus::Active:
        return QStringLiteral("active");
    case CampsiteStatus::Maintenance:
        return QStringLiteral("maintenance");
    case CampsiteStatus::Retired:
        return QStringLiteral("retired");
    }
    return QString();
}

std::optional<CampsiteStatus> campsiteStatusFromKey(const QString& key)
{
    for (CampsiteStatus status : { CampsiteStatus::Active, CampsiteStatus::Maintenance, CampsiteStatus::Retired }) {
        if (campsiteStatusKey(status) == key)
            return status;
    }
    return std::nullopt;
}

QString campsiteStatusName(CampsiteStatus status)
{
    switch (status) {
    case CampsiteStatus::Active:
        return QCoreApplication::translate("campdesk::Campsite", "Open");
    case CampsiteStatus::Maintenance:
        return QCoreApplication::translate("campdesk::Campsite", "Maintenance");
    case CampsiteStatus::Retired:
        return QCoreApplication::translate("campdesk::Campsite", "Retired");
    }
    return QString();
}

qint64 Campsite::priceFor(const QDate& night) const
{
    const int day = night.dayOfWeek();
    const bool weekendNight = day == Qt::Friday || day == Qt::Saturday;
    return weekendNight && weekendPrice > 0 ? weekendPrice : nightlyPrice;
}

namespace {
// A function's static: other files build their statements from it while globals are initialised.
const QStringList& campsiteColumns()
{
    static const QStringList columns {
        QStringLiteral("id"),         QStringLiteral("code"),          QStringLiteral("name"),
        QStringLiteral("kind"),       QStringLiteral("description"),   QStringLiteral("zone"),
        QStringLiteral("max_guests"), QStringLiteral("nightly_price"), QStringLiteral("weekend_price"),
        QStringLiteral("amenities"),  QStringLiteral("status"),        QStringLiteral("version"),
        QStringLiteral("base_guests")
    };
    return columns;
}
} // namespace

QString Campsite::columns()
{
    return campsiteColumns().join(QStringLiteral(", "));
}

int Campsite::columnCount()
{
    return int(campsiteColumns().size());
}

Campsite Campsite::fromRow(const SqlRows& row)
{
    Campsite c;
    c.id = row.value(QStringLiteral("id")).toLongLong();
    c.code = row.value(QStringLiteral("code")).toString();
    c.name = row.value(QStringLiteral("name")).toString();
    c.kind = campsiteKindFromKey(row.value(QStringLiteral("kind")).toString()).value_or(CampsiteKind::Tent);
    c.description = row.value(QStringLiteral("description")).toString();
    c.zone = row.value(QStringLiteral("zone")).toString();
    c.maxGuests = row.value(QStringLiteral("max_guests")).toInt();
    c.nightlyPrice = row.value(QStringLiteral("nightly_price")).toLongLong();
    const QVariant weekend = row.value(QStringLiteral("weekend_price"));
    c.weekendPrice = weekend.isNull() ? 0 : weekend.toLongLong();
    c.amenities = row.value(QStringLiteral("amenities")).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    // Unknown: not bookable (see the header).
    c.status = campsiteStatusFromKey(row.value(QStringLiteral("status")).toString()).value_or(CampsiteStatus::Retired);
    c.version = row.value(QStringLiteral("version")).toInt();
    c.baseGuests = row.value(QStringLiteral("base_guests")).toInt();
    return c;
}

} // namespace campdesk
