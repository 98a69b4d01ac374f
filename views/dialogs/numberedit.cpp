#include "numberedit.h"

#include <QLocale>
#include <QRegularExpression>

namespace campdesk {

NumberEdit::NumberEdit(QWidget* parent)
    : QLineEdit(parent)
{
    setAlignment(Qt::AlignRight);
    setMaxLength(24);
}

void NumberEdit::setRange(qint64 minimum, qint64 maximum)
{
    m_minimum = minimum;
    m_maximum = maximum;
}

void NumberEdit::setEmptyValue(std::optional<qint64> emptyValue)
{
    m_emptyValue = emptyValue;
}

std::optional<qint64> NumberEdit::number() const
{
    QString raw = text().trimmed();
    if (raw.isEmpty())
        return m_emptyValue;
    // Separators of either language and spaces are formatting, not part of the number.
    raw.remove(QLatin1Char(',')).remove(QLatin1Char(' ')).remove(QChar(0x00A0)).remove(QLocale().groupSeparator());
    raw.replace(QChar(0x2212), QLatin1Char('-')); // a typographic minus
    bool ok = false;
    const qint64 n = raw.toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    return n;
}

std::optional<qint64> NumberEdit::value() const
{
    const std::optional<qint64> n = number();
    if (!n || *n < m_minimum || *n > m_maximum)
        return std::nullopt;
    return n;
}

void NumberEdit::setValue(qint64 value)
{
    setText(m_emptyValue && *m_emptyValue == value ? QString() : QLocale().toString(value));
}

QString NumberEdit::problem() const
{
    const QString raw = text().trimmed();
    if (raw.isEmpty() && !m_emptyValue)
        return tr("Enter a number.");
    const std::optional<qint64> n = number();
    if (!n) {
        // A number with more digits than any field takes is "too large", not "not a number".
        QString digits = raw;
        digits.remove(QLatin1Char(',')).remove(QLatin1Char(' ')).remove(QLocale().groupSeparator());
        static const QRegularExpression manyDigits(QStringLiteral("^[-\u2212]?[0-9]{19,}$"));
        if (manyDigits.match(digits).hasMatch())
            return digits.startsWith(QLatin1Char('-')) || digits.startsWith(QChar(0x2212))
                ? tr("At least %1.").arg(QLocale().toString(m_minimum))
                : tr("At most %1.").arg(QLocale().toString(m_maximum));
        return tr("Enter a whole number.");
    }
    if (*n < m_minimum)
        return m_minimum == 0 ? tr("Cannot be negative.") : tr("At least %1.").arg(QLocale().toString(m_minimum));
    if (*n > m_maximum)
        return tr("At most %1.").arg(QLocale().toString(m_maximum));
    return {};
}

} // namespace campdesk
