#include "domain/noshowsettings.h"

#include "domain/settingstable.h"

namespace campdesk {

namespace {

const QString keyCutoff = QStringLiteral("no_show.cutoff");
const QString keyRefundPercent = QStringLiteral("no_show.refund_percent");
const QString keyAutoSweep = QStringLiteral("no_show.auto_sweep");

} // namespace

NoShowSettings::NoShowSettings(Database& db)
    : m_db(db)
{
}

Status NoShowSettings::validate(const NoShowRules& rules)
{
    if (!rules.cutoff.isValid())
        return invalidInput(tr("Enter the no-show cutoff as a time of day, e.g. 11:00."), QStringLiteral("cutoff"));
    if (rules.refundPercent < 0 || rules.refundPercent > 100)
        return invalidInput(tr("A no-show refund must be between 0% and 100%."), QStringLiteral("refundPercent"));
    return {};
}

NoShowRules NoShowSettings::load(SqlSession& s)
{
    NoShowRules rules;
    const QHash<QString, QString> stored = readSettings(s, { keyCutoff, keyRefundPercent, keyAutoSweep });
    if (const QTime t = QTime::fromString(stored.value(keyCutoff), QStringLiteral("HH:mm")); t.isValid())
        rules.cutoff = t;
    bool ok = false;
    if (const int percent = stored.value(keyRefundPercent).toInt(&ok); ok && percent >= 0 && percent <= 100)
        rules.refundPercent = percent;
    rules.autoSweep = stored.value(keyAutoSweep) == QLatin1String("1");
    return rules;
}

Result<NoShowRules> NoShowSettings::get() const
{
    return m_db.read([](SqlSession& s) -> Result<NoShowRules> { return load(s); });
}

Status NoShowSettings::set(const Actor& actor, const NoShowRules& rules)
{
    if (Status allowed = requireRole(actor, { Role::Manager }); !allowed.ok())
        return allowed;
    if (Status valid = validate(rules); !valid.ok())
        return valid;
    return m_db.write([&](Transaction& tx) -> Status {
        const SettingValues values = {
            { keyCutoff, rules.cutoff.toString(QStringLiteral("HH:mm")) },
            { keyRefundPercent, QString::number(rules.refundPercent) },
            { keyAutoSweep, rules.autoSweep ? QStringLiteral("1") : QStringLiteral("0") },
        };
        storeSettings(tx, actor, QStringLiteral("settings.booking_rules"), QStringLiteral("no_show"), values);
        return {};
    });
}

} // namespace campdesk
