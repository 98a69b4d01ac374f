#pragma once

#include "core/actor.h"
#include "db/transaction.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QStringList>

namespace campdesk {

// The settings table holds one text value per key. Each group of settings (booking rules, deposits, no-shows, the
// campground) reads its keys together and saves them together, with one event and one audit row.
using SettingValues = QList<QPair<QString, QString>>;

// The stored values of keys; a key never saved is absent.
QHash<QString, QString> readSettings(SqlSession& s, const QStringList& keys);

// Inserts or replaces one value.
void storeSetting(Transaction& tx, const QString& key, const QString& value);

// Stores every value, records one SettingsChanged event with them and audits them as action on target.
void storeSettings(Transaction& tx, const Actor& actor, const QString& action, const QString& target,
                   const SettingValues& values);

} // namespace campdesk
