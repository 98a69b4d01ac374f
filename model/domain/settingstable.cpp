#include "domain/settingstable.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace campdesk {

QHash<QString, QString> readSettings(SqlSession& s, const QStringList& keys)
{
    QHash<QString, QString> values;
    if (keys.isEmpty())
        return values;
    QStringList marks;
    QVariantList binds;
    for (const QString& key : keys) {
        marks << QStringLiteral("?");
        binds << key;
    }
    SqlRows q
        = s.exec(QStringLiteral("SELECT key, value FROM settings WHERE key IN (%1)").arg(marks.join(u',')), binds);
    while (q.next())
        values.insert(q.value(0).toString(), q.value(1).toString());
    return values;
}

void storeSetting(Transaction& tx, const QString& key, const QString& value)
{
    tx.exec(QStringLiteral("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at"),
            { key, value, tx.nowMs() });
}

void storeSettings(Transaction& tx, const Actor& actor, const QString& action, const QString& target,
                   const SettingValues& values)
{
    QJsonObject payload;
    for (const auto& [key, value] : values) {
        storeSetting(tx, key, value);
        payload.insert(key, value);
    }
    tx.recordEvent(EventType::SettingsChanged, QStringLiteral("settings"), 0, payload);
    tx.audit(actor, action, target, QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)));
}

} // namespace campdesk
