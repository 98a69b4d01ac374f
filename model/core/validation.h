#pragma once

#include "core/result.h"

#include <QString>

namespace campdesk {

// Shared input checks for the services, each giving a translated message that names the field.

// Trimmed text of minLength..maxLength characters (user-perceived: an emoji counts as one), no control
// characters except newlines when multiline.
Status checkText(const QString& value, const QString& fieldLabel, const QString& field, int minLength, int maxLength,
                 bool multiline = false);
// Whole won, 0..maximum; `positive` rejects 0.
Status checkMoney(qint64 amount, const QString& fieldLabel, const QString& field, bool positive);
// A price or a fee a manager sets (a rate, a fee, an extra): 0..maxPrice, the highest nightly price in Settings.
enum class PriceKind { Price, Fee };
Status checkPriceUpTo(qint64 amount, qint64 maxPrice, PriceKind kind, const QString& field);
// How many characters a person sees (grapheme clusters): "🏕️" is one, not three UTF-16 units.
int visibleLength(const QString& text);
// A LIKE pattern matching `text` anywhere, with typed %, _ and \ taken literally (use with ESCAPE '\').
QString likeContains(QString text);

} // namespace campdesk
