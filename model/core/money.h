#pragma once

#include <QLocale>
#include <QString>

namespace campdesk {

// Won for people: "₩35,000" in English, "35,000원" in Korean (the format follows the UI translation).
QString formatWon(qint64 amount, const QLocale& locale = QLocale());

} // namespace campdesk
