#pragma once

#include <QWidget>

class QLabel;

namespace campdesk {

// A form field with its message right under it: what is wrong with this field, in red, next to the field it is
// about (the field gets a red border and the message as its tooltip). Put it in the form in place of the field;
// it hands focus to the field, so the row's mnemonic still reaches it. The label is named <field>Message.
class FieldMessage final : public QWidget
{
    Q_OBJECT
public:
    // unit: shown after the field ("won"), never part of what is typed.
    explicit FieldMessage(QWidget* field, QWidget* parent = nullptr, const QString& unit = QString());

    QWidget* field() const { return m_field; }
    QString message() const;
    void setMessage(const QString& message);

private:
    QWidget* m_field;
    QLabel* m_label;
};

} // namespace campdesk
