#include "fieldmessage.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace campdesk {

FieldMessage::FieldMessage(QWidget* field, QWidget* parent, const QString& unit)
    : QWidget(parent)
    , m_field(field)
    , m_label(new QLabel(this))
{
    setObjectName(field->objectName() + QStringLiteral("Row"));
    m_label->setObjectName(field->objectName() + QStringLiteral("Message"));
    m_label->setWordWrap(true);
    m_label->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_label->hide();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    field->setParent(this);
    if (unit.isEmpty()) {
        layout->addWidget(field);
    } else {
        auto* row = new QHBoxLayout;
        row->addWidget(field, 1);
        auto* unitLabel = new QLabel(unit, this);
        unitLabel->setObjectName(field->objectName() + QStringLiteral("Unit"));
        row->addWidget(unitLabel);
        layout->addLayout(row);
    }
    layout->addWidget(m_label);
    setFocusProxy(field);
}

QString FieldMessage::message() const
{
    return m_label->text();
}

void FieldMessage::setMessage(const QString& message)
{
    if (message == m_label->text() && m_label->isVisible() == !message.isEmpty())
        return;
    m_label->setText(message);
    m_label->setVisible(!message.isEmpty());
    m_field->setToolTip(message);
    // Only the field's own frame turns red, not every widget inside it (a date edit's calendar button).
    m_field->setStyleSheet(
        message.isEmpty()
            ? QString()
            : QStringLiteral("%1 { border: 1px solid #b00020; }")
                  .arg(QString::fromLatin1(m_field->metaObject()->className()).section(QStringLiteral("::"), -1)));
}

} // namespace campdesk
