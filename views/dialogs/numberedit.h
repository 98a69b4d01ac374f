#pragma once

#include <QLineEdit>
#include <optional>

namespace campdesk {

// A whole-number field that keeps exactly what was typed: "-5000" stays "-5000" and 99999999999 stays as typed,
// so the editor can say what is wrong with it instead of silently clamping the way a QSpinBox does.
// Group separators and spaces are accepted ("125,000"); the unit is shown beside the field, never parsed.
class NumberEdit final : public QLineEdit
{
    Q_OBJECT
public:
    explicit NumberEdit(QWidget* parent = nullptr);

    void setRange(qint64 minimum, qint64 maximum);
    qint64 minimum() const { return m_minimum; }
    qint64 maximum() const { return m_maximum; }
    // Empty text: allowed (value() is then `emptyValue`), or "Enter a number." when not set.
    void setEmptyValue(std::optional<qint64> emptyValue);

    // The number typed, when it is a whole number (in range or not); nullopt for anything else.
    std::optional<qint64> number() const;
    // The value when the text is a number inside the range, nullopt otherwise.
    std::optional<qint64> value() const;
    void setValue(qint64 value);
    // Why value() is empty, translated ("Cannot be negative.", "At most 10,000,000."); empty when fine.
    QString problem() const;

private:
    qint64 m_minimum = 0;
    qint64 m_maximum = 0;
    std::optional<qint64> m_emptyValue;
};

} // namespace campdesk
