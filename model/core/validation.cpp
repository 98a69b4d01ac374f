#include "core/validation.h"

#include <QCoreApplication>
#include <QTextBoundaryFinder>

namespace campdesk {

namespace {
constexpr qint64 maximumWon = 100'000'000; // no single campsite price or payment exceeds 100 million won
} // namespace

int visibleLength(const QString& text)
{
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text);
    int count = 0;
    while (finder.toNextBoundary() != -1)
        ++count;
    return count;
}

Status checkText(const QString& value, const QString& fieldLabel, const QString& field, int minLength, int maxLength,
                 bool multiline)
{
    const QString trimmed = value.trimmed();
    if (trimmed.isEmpty() && minLength > 0)
        return invalidInput(QCoreApplication::translate("campdesk::Validation", "%1 is required.").arg(fieldLabel),
                            field);
    const int length = visibleLength(trimmed);
    if (length < minLength)
        return invalidInput(QCoreApplication::translate("campdesk::Validation", "%1 must be at least %2 characters.")
                                .arg(fieldLabel)
                                .arg(minLength),
                            field);
    if (length > maxLength)
        return invalidInput(QCoreApplication::translate("campdesk::Validation", "%1 can be at most %2 characters.")
                                .arg(fieldLabel)
                                .arg(maxLength),
                            field);
    for (const QChar c : trimmed) {
        if ((c.category() == QChar::Other_Control && !(multiline && (c == QLatin1Char('\n') || c == QLatin1Char('\t'))))
            || c == QChar::Null)
            return invalidInput(
                QCoreApplication::translate("campdesk::Validation", "%1 contains characters that cannot be used.")
                    .arg(fieldLabel),
                field);
    }
    return {};
}

Status checkMoney(qint64 amount, const QString& fieldLabel, const QString& field, bool positive)
{
    if (amount < 0)
        return invalidInput(
            QCoreApplication::translate("campdesk::Validation", "%1 cannot be negative.").arg(fieldLabel), field);
    if (positive && amount == 0)
        return invalidInput(
            QCoreApplication::translate("campdesk::Validation", "%1 must be more than 0 won.").arg(fieldLabel), field);
    if (amount > maximumWon)
        return invalidInput(QCoreApplication::translate("campdesk::Validation", "%1 is too large.").arg(fieldLabel),
                            field);
    return {};
}

Status checkPriceUpTo(qint64 amount, qint64 maxPrice, PriceKind kind, const QString& field)
{
    const bool fee = kind == PriceKind::Fee;
    if (amount < 0)
        return invalidInput(fee ? QCoreApplication::translate("campdesk::Validation", "A fee cannot be negative.")
                                : QCoreApplication::translate("campdesk::Validation", "A price cannot be negative."),
                            field);
    if (amount > maxPrice)
        return invalidInput(
            (fee ? QCoreApplication::translate("campdesk::Validation",
                                               "A fee can be at most %1 won (the highest nightly price in Settings).")
                 : QCoreApplication::translate("campdesk::Validation",
                                               "A price can be at most %1 won (the highest "
                                               "nightly price in Settings)."))
                .arg(maxPrice),
            field);
    return {};
}

QString likeContains(QString text)
{
    text.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
        .replace(QLatin1Char('%'), QLatin1String("\\%"))
        .replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + text + QLatin1Char('%');
}

} // namespace campdesk
