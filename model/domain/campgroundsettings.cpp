#include "domain/campgroundsettings.h"

#include "core/validation.h"
#include "domain/settingstable.h"

#include <QRegularExpression>

namespace campdesk {

namespace {
const QString keyName = QStringLiteral("campground.name");
const QString keyAddress = QStringLiteral("campground.address");
const QString keyBusinessNumber = QStringLiteral("campground.business_number");
const QString keyPhone = QStringLiteral("campground.phone");
const QString keyReceiptPaper = QStringLiteral("campground.receipt_paper");
const QString keyMaxNightlyPrice = QStringLiteral("campground.max_nightly_price");
} // namespace

CampgroundSettings::CampgroundSettings(Database& db)
    : m_db(db)
{
}

Status CampgroundSettings::validate(const CampgroundInfo& info)
{
    if (Status s = checkText(info.name, tr("Campground name"), QStringLiteral("campgroundName"), 0, 80); !s.ok())
        return s;
    if (Status s = checkText(info.address, tr("Address"), QStringLiteral("campgroundAddress"), 0, 200); !s.ok())
        return s;
    static const QRegularExpression businessNumber(QStringLiteral("^([0-9]{3}-[0-9]{2}-[0-9]{5})?$"));
    if (!businessNumber.match(info.businessNumber.trimmed()).hasMatch())
        return invalidInput(tr("A business registration number has ten digits, e.g. 123-45-67890."),
                            QStringLiteral("businessNumber"));
    if (Status s = checkText(info.phone, tr("Phone"), QStringLiteral("campgroundPhone"), 0, 40); !s.ok())
        return s;
    if (info.receiptPaper != QLatin1String("a5") && info.receiptPaper != QLatin1String("roll80"))
        return invalidInput(tr("Choose A5 or an 80 mm roll for receipts."), QStringLiteral("receiptPaper"));
    if (info.maxNightlyPrice < 1000 || info.maxNightlyPrice > CampgroundInfo::ceilingOfMaxNightlyPrice)
        return invalidInput(tr("The highest nightly price must be between 1,000 and 1,000,000,000 won."),
                            QStringLiteral("maxNightlyPrice"));
    return {};
}

CampgroundInfo CampgroundSettings::load(SqlSession& s)
{
    CampgroundInfo info;
    const QHash<QString, QString> stored
        = readSettings(s, { keyName, keyAddress, keyBusinessNumber, keyPhone, keyReceiptPaper, keyMaxNightlyPrice });
    info.name = stored.value(keyName);
    info.address = stored.value(keyAddress);
    info.businessNumber = stored.value(keyBusinessNumber);
    info.phone = stored.value(keyPhone);
    if (const QString paper = stored.value(keyReceiptPaper);
        paper == QLatin1String("a5") || paper == QLatin1String("roll80"))
        info.receiptPaper = paper;
    bool ok = false;
    if (const qint64 price = stored.value(keyMaxNightlyPrice).toLongLong(&ok); ok && price > 0)
        info.maxNightlyPrice = price;
    return info;
}

Result<CampgroundInfo> CampgroundSettings::get() const
{
    return m_db.read([](SqlSession& s) -> Result<CampgroundInfo> { return load(s); });
}

Status CampgroundSettings::set(const Actor& actor, const CampgroundInfo& wanted)
{
    if (Status allowed = requireRole(actor, { Role::Manager }); !allowed.ok())
        return allowed;
    if (Status valid = validate(wanted); !valid.ok())
        return valid;
    return m_db.write([&](Transaction& tx) -> Status {
        const SettingValues values = {
            { keyName, wanted.name.trimmed() },
            { keyAddress, wanted.address.trimmed() },
            { keyBusinessNumber, wanted.businessNumber.trimmed() },
            { keyPhone, wanted.phone.trimmed() },
            { keyReceiptPaper, wanted.receiptPaper },
            { keyMaxNightlyPrice, QString::number(wanted.maxNightlyPrice) },
        };
        storeSettings(tx, actor, QStringLiteral("settings.campground"), QStringLiteral("campground"), values);
        return {};
    });
}

} // namespace campdesk
