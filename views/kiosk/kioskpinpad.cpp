#include "kioskpinpad.h"

#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace campdesk {

KioskPinPad::KioskPinPad(QWidget* window)
    : KioskOverlay(window)
    , m_prompt(new QLabel(panel()))
    , m_field(new QLineEdit(panel()))
    , m_message(new QLabel(panel()))
    , m_ok(new QPushButton(panel()))
    , m_cancel(new QPushButton(panel()))
    , m_clear(new QPushButton(panel()))
{
    setObjectName(QStringLiteral("kioskPinPad"));
    m_prompt->setProperty("role", QStringLiteral("subtitle"));
    m_prompt->setAlignment(Qt::AlignCenter);
    m_prompt->setWordWrap(true);
    // A fixed width too: a long message wraps instead of widening the panel and moving the keys sideways.
    panel()->setFixedWidth(560);
    m_field->setObjectName(QStringLiteral("kioskPinField"));
    m_field->setEchoMode(QLineEdit::Password);
    m_field->setMaxLength(8);
    m_field->setAlignment(Qt::AlignCenter);
    m_field->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,8}")), m_field));
    m_message->setObjectName(QStringLiteral("kioskPinMessage"));
    m_message->setProperty("role", QStringLiteral("error"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    // Room for two lines from the start, so that a message does not push the digits down under a finger.
    m_message->setFixedHeight(84); // two lines of the 26 px error text
    panelLayout()->addWidget(m_prompt);
    panelLayout()->addWidget(m_field);
    panelLayout()->addWidget(m_message);

    auto* grid = new QGridLayout;
    grid->setSpacing(12);
    for (int digit = 0; digit <= 9; ++digit) {
        auto* button = new QPushButton(QString::number(digit), panel());
        button->setObjectName(QStringLiteral("kioskPinDigit%1").arg(digit));
        button->setProperty("role", QStringLiteral("digit"));
        button->setFixedSize(104, 80);
        connect(button, &QPushButton::clicked, this, [this, digit] { m_field->insert(QString::number(digit)); });
        if (digit == 0)
            grid->addWidget(button, 3, 1);
        else
            grid->addWidget(button, (digit - 1) / 3, (digit - 1) % 3);
    }
    m_clear->setObjectName(QStringLiteral("kioskPinClear"));
    m_clear->setProperty("role", QStringLiteral("digit"));
    m_clear->setFixedSize(104, 80);
    grid->addWidget(m_clear, 3, 0);
    m_ok->setObjectName(QStringLiteral("kioskPinOk"));
    m_ok->setProperty("role", QStringLiteral("primary"));
    m_ok->setFixedSize(104, 80);
    grid->addWidget(m_ok, 3, 2);
    panelLayout()->addLayout(grid);
    m_cancel->setObjectName(QStringLiteral("kioskPinCancel"));
    m_cancel->setProperty("role", QStringLiteral("secondary"));
    m_cancel->setMinimumSize(336, 72);
    panelLayout()->addWidget(m_cancel, 0, Qt::AlignHCenter);

    connect(m_clear, &QPushButton::clicked, m_field, [this] { m_field->setText(QString()); });
    connect(m_ok, &QPushButton::clicked, this, [this] { emit submitted(m_field->text()); });
    connect(m_field, &QLineEdit::returnPressed, this, [this] { emit submitted(m_field->text()); });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        dismiss();
        emit cancelled();
    });
}

void KioskPinPad::dismiss()
{
    m_field->setText(QString()); // also drops the undo history
    m_message->clear();
    hide();
}

void KioskPinPad::open()
{
    m_field->setText(QString());
    m_message->clear();
    showOverlay();
    m_field->setFocus();
}

void KioskPinPad::setMessage(const QString& message)
{
    m_field->setText(QString());
    m_message->setText(message);
}

QString KioskPinPad::pin() const
{
    return m_field->text();
}

void KioskPinPad::retranslate()
{
    m_prompt->setText(tr("Staff only: enter the manager's kiosk PIN"));
    m_ok->setText(tr("OK"));
    m_clear->setText(tr("Clear"));
    m_cancel->setText(tr("Back to the kiosk"));
}

} // namespace campdesk
