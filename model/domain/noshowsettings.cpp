#include "domain/noshowsettings.h"

#include <QJsonDocument>
#include <QJsonObject>

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
    SqlRows q = s.exec(QStringLiteral("SELECT key, value FROM settings WHERE key IN (?, ?, ?)"),
                       { keyCutoff, keyRefundPercent, keyAutoSweep });
    while (q.next()) {
        const QString key = q.value(0).toString();
        const QString value = q.value(1).toString();
        bool ok = false;
        if (key == keyCutoff) {
            if (const QTime t = QTime::fromString(value, QStringLiteral("HH:mm")); t.isValid())
                rules.cutoff = t;
        } else if (key == keyRefundPercent) {
            if (const int percent = value.toInt(&ok); ok && percent >= 0 && percent <= 100)
                rules.refundPercent = percent;
        } else if (key == keyAutoSweep) {
            rules.autoSweep = value == QLatin1String("1");
        }
    }
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
        const QList<QPair<QString, QString>> values = {
            { keyCutoff, rules.cutoff.toString(QStringLiteral("HH:mm")) },
            { keyRefundPercent, QString::number(rules.refundPercent) },
            { keyAutoSweep, rules.autoSweep ? QStringLiteral("1") : QStringLiteral("0") },
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
        tx.audit(actor, QStringLiteral("settings.booking_rules"), QStringLiteral("no_show"),
                 QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)));
        return {};
    });
}

} // namespace campdesk
