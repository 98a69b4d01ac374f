#include "domain/campgroundsettings.h"

#include "core/validation.h"

#include <QJsonDocument>
#include <QJsonObject>
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
    SqlRows q = s.exec(QStringLiteral("SELECT key, value FROM settings WHERE key LIKE 'campground.%'"));
    while (q.next()) {
        const QString key = q.value(0).toString();
        const QString value = q.value(1).toString();
        if (key == keyName)
            info.name = value;
        else if (key == keyAddress)
            info.address = value;
        else if (key == keyBusinessNumber)
            info.businessNumber = value;
        else if (key == keyPhone)
            info.phone = value;
        else if (key == keyReceiptPaper && (value == QLatin1String("a5") || value == QLatin1String("roll80")))
            info.receiptPaper = value;
        else if (key == keyMaxNightlyPrice) {
            bool ok = false;
            const qint64 price = value.toLongLong(&ok);
            if (ok && price > 0)
                info.maxNightlyPrice = price;
        }
    }
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
        const QList<QPair<QString, QString>> values = {
            { keyName, wanted.name.trimmed() },
            { keyAddress, wanted.address.trimmed() },
            { keyBusinessNumber, wanted.businessNumber.trimmed() },
            { keyPhone, wanted.phone.trimmed() },
            { keyReceiptPaper, wanted.receiptPaper },
            { keyMaxNightlyPrice, QString::number(wanted.maxNightlyPrice) },
        };
        QJsonObject payload;
        for (const auto& [key, value] : values) {
            tx.exec(QStringLiteral("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) "
                                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                                   "updated_at = excluded.updated_at"),
                    { key, value, tx.nowMs() });
            payload.insert(key, value);
        }
        tx.recordEvent(EventType::SettingsChanged, QStringLiteral("settings"), 0, payload);
        tx.audit(actor, QStringLiteral("settings.campground"), QStringLiteral("campground"),
                 QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)));
        return {};
    });
}

} // namespace campdesk
