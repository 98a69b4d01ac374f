#include "adjustpointsdialog.h"

#include "domain/mileageservice.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace campdesk {

AdjustPointsDialog::AdjustPointsDialog(MileageService& mileage, qint64 customerId, const Actor& actor, QWidget* parent)
    : QDialog(parent)
    , m_mileage(mileage)
    , m_customerId(customerId)
    , m_actor(actor)
    , m_delta(new QSpinBox(this))
    , m_reason(new QLineEdit(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Adjust points"));
    setObjectName(QStringLiteral("adjustPointsDialog"));
    m_delta->setObjectName(QStringLiteral("delta"));
    m_delta->setRange(-10000000, 10000000);
    m_delta->setSingleStep(100);
    m_delta->setGroupSeparatorShown(true);
    m_delta->setSuffix(tr(" points"));
    m_reason->setObjectName(QStringLiteral("reason"));
    m_reason->setPlaceholderText(tr("e.g. goodwill after a noisy night"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #c62828;"));
    if (Result<qint64> balance = m_mileage.balance(customerId); balance.ok())
        m_message->setText(tr("Balance now: %1 points").arg(QLocale().toString(balance.value())));

    auto* form = new QFormLayout;
    form->addRow(tr("&Change (+/-)"), m_delta);
    form->addRow(tr("&Reason"), m_reason);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    connect(m_delta, &QSpinBox::valueChanged, this, &AdjustPointsDialog::revalidate);
    connect(m_reason, &QLineEdit::textChanged, this, &AdjustPointsDialog::revalidate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AdjustPointsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
}

void AdjustPointsDialog::revalidate()
{
    const bool ok = m_delta->value() != 0 && !m_reason->text().trimmed().isEmpty();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

void AdjustPointsDialog::accept()
{
    Result<MileageEntry> entry = m_mileage.adjust(m_actor, m_customerId, m_delta->value(), m_reason->text());
    if (!entry.ok()) {
        m_message->setText(entry.error().message);
        return;
    }
    QDialog::accept();
}

} // namespace campdesk
