#pragma once

#include "core/actor.h"
#include "db/database.h"

#include <QCoreApplication>

namespace campdesk {

// What the campground says about itself on a receipt, and the limits an editor holds prices to. Shared by every
// terminal through the settings table (keys campground.*), changed by a manager on the Settings page.
struct CampgroundInfo
{
    static constexpr qint64 defaultMaxNightlyPrice = 10'000'000;
    static constexpr qint64 ceilingOfMaxNightlyPrice = 1'000'000'000;

    QString name;
    QString address;
    QString businessNumber; // 사업자등록번호, e.g. 123-45-67890
    QString phone;
    QString receiptPaper = QStringLiteral("a5"); // "a5" or "roll80" (80 mm thermal roll)
    qint64 maxNightlyPrice = defaultMaxNightlyPrice; // a sane ceiling for a campsite's price per night

    bool operator==(const CampgroundInfo& o) const
    {
        return name == o.name && address == o.address && businessNumber == o.businessNumber && phone == o.phone
            && receiptPaper == o.receiptPaper && maxNightlyPrice == o.maxNightlyPrice;
    }
};

class CampgroundSettings
{
    Q_DECLARE_TR_FUNCTIONS(CampgroundSettings)

public:
    explicit CampgroundSettings(Database& db);

    static Status validate(const CampgroundInfo& info);
    static CampgroundInfo load(SqlSession& session);

    Result<CampgroundInfo> get() const;
    Status set(const Actor& actor, const CampgroundInfo& info);

private:
    Database& m_db;
};

} // namespace campdesk
