#include "domain/depositsettings.h"

#include "domain/settingstable.h"

#include <algorithm>

namespace campdesk {

namespace {

const QString keyMode = QStringLiteral("booking.deposit_mode");
const QString keyPercent = QStringLiteral("booking.deposit_percent");
const QString keyFixed = QStringLiteral("booking.deposit_fixed");

} // namespace

qint64 DepositRule::depositFor(qint64 payable) const
{
    if (payable <= 0)
        return 0;
    switch (mode) {
    case Mode::Off:
        return 0;
    case Mode::Percent:
        return std::clamp<qint64>(payable * percent / 100, 1, payable);
    case Mode::Fixed:
        return fixed;
    }
    return 0;
}

QString depositModeKey(DepositRule::Mode mode)
{
    switch (mode) {
    case DepositRule::Mode::Off:
        return QStringLiteral("off");
    case DepositRule::Mode::Percent:
        return QStringLiteral("percent");
    case DepositRule::Mode::Fixed:
        return QStringLiteral("fixed");
    }
    return QStringLiteral("off");
}

DepositSettings::DepositSettings(Database& db)
    : m_db(db)
{
}

Status DepositSettings::validate(const DepositRule& rule)
{
    if (rule.mode == DepositRule::Mode::Percent && (rule.percent < 1 || rule.percent > 100))
        return invalidInput(tr("A deposit must be between 1% and 100%."), QStringLiteral("depositPercent"));
    if (rule.mode == DepositRule::Mode::Fixed && (rule.fixed < 1 || rule.fixed > DepositRule::maxFixed))
        return invalidInput(
            tr("A fixed deposit must be between 1 and %1 won.").arg(QLocale().toString(DepositRule::maxFixed)),
            QStringLiteral("depositFixed"));
    return {};
}

DepositRule DepositSettings::load(SqlSession& s)
{
    DepositRule rule;
    const QHash<QString, QString> stored = readSettings(s, { keyMode, keyPercent, keyFixed });
    for (DepositRule::Mode mode : { DepositRule::Mode::Off, DepositRule::Mode::Percent, DepositRule::Mode::Fixed })
        if (stored.value(keyMode) == depositModeKey(mode))
            rule.mode = mode;
    bool ok = false;
    if (const int percent = stored.value(keyPercent).toInt(&ok); ok)
        rule.percent = percent;
    if (const qint64 fixed = stored.value(keyFixed).toLongLong(&ok); ok)
        rule.fixed = fixed;
    // A stored value out of range (edited by hand) takes no deposit rather than a wrong one.
    if (!validate(rule).ok())
        rule.mode = DepositRule::Mode::Off;
    return rule;
}

Result<DepositRule> DepositSettings::get() const
{
    return m_db.read([](SqlSession& s) -> Result<DepositRule> { return load(s); });
}

Status DepositSettings::set(const Actor& actor, const DepositRule& rule)
{
    if (Status allowed = requireRole(actor, { Role::Manager }); !allowed.ok())
        return allowed;
    if (Status valid = validate(rule); !valid.ok())
        return valid;
    return m_db.write([&](Transaction& tx) -> Status {
        const SettingValues values = {
            { keyMode, depositModeKey(rule.mode) },
            { keyPercent, QString::number(rule.percent) },
            { keyFixed, QString::number(rule.fixed) },
        };
        storeSettings(tx, actor, QStringLiteral("settings.deposit"), QStringLiteral("booking"), values);
        return {};
    });
}

} // namespace campdesk
