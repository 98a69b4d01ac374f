#include "domain/campsite.h"

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

} // namespace campdesk
