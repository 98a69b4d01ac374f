#include "kioskstepper.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <algorithm>

namespace campdesk {

KioskStepper::KioskStepper(QWidget* parent)
    : QWidget(parent)
    , m_minus(new QPushButton(QString::fromUtf8("−"), this))
    , m_label(new QLabel(this))
    , m_plus(new QPushButton(QStringLiteral("+"), this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QPushButton* button : { m_minus, m_plus }) {
        button->setProperty("role", QStringLiteral("stepper"));
        button->setFixedSize(88, 88);
    }
    m_minus->setObjectName(QStringLiteral("stepperMinus"));
    m_plus->setObjectName(QStringLiteral("stepperPlus"));
    m_label->setObjectName(QStringLiteral("stepperValue"));
    m_label->setProperty("role", QStringLiteral("stepperValue"));
    m_label->setAlignment(Qt::AlignCenter);
    m_label->setMinimumWidth(160);
    layout->addWidget(m_minus);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_plus);
    connect(m_minus, &QPushButton::clicked, this, [this] { setValue(m_value - m_step); });
    connect(m_plus, &QPushButton::clicked, this, [this] { setValue(m_value + m_step); });
    refresh();
}

void KioskStepper::setValue(int value)
{
    value = std::clamp(value, m_minimum, std::max(m_minimum, m_maximum));
    const bool changed = value != m_value;
    m_value = value;
    refresh();
    if (changed)
        emit valueChanged(m_value);
}

void KioskStepper::setRange(int minimum, int maximum)
{
    m_minimum = minimum;
    m_maximum = maximum;
    setValue(m_value);
    refresh();
}

void KioskStepper::setFormatter(std::function<QString(int)> formatter)
{
    m_formatter = std::move(formatter);
    refresh();
}

void KioskStepper::refresh()
{
    m_label->setText(m_formatter ? m_formatter(m_value) : QString::number(m_value));
    m_minus->setEnabled(m_value > m_minimum);
    m_plus->setEnabled(m_value < m_maximum);
}

} // namespace campdesk
