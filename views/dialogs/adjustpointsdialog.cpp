#include "adjustpointsdialog.h"

#include "domain/mileageservice.h"
#include "fieldmessage.h"
#include "numberedit.h"
#include "unsavedchanges.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace campdesk {

AdjustPointsDialog::AdjustPointsDialog(MileageService& mileage, qint64 customerId, const Actor& actor, QWidget* parent)
    : QDialog(parent)
    , m_mileage(mileage)
    , m_customerId(customerId)
    , m_actor(actor)
    , m_delta(new NumberEdit(this))
    , m_reason(new QLineEdit(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Adjust points"));
    setObjectName(QStringLiteral("adjustPointsDialog"));
    m_delta->setObjectName(QStringLiteral("delta"));
    m_delta->setRange(-10'000'000, 10'000'000);
    m_delta->setPlaceholderText(tr("e.g. 500 or -500"));
    m_reason->setObjectName(QStringLiteral("reason"));
    m_reason->setPlaceholderText(tr("e.g. goodwill after a noisy night"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #c62828;"));
    if (Result<qint64> balance = m_mileage.balance(customerId); balance.ok())
        m_message->setText(tr("Balance now: %1 points").arg(QLocale().toString(balance.value())));

    auto* form = new QFormLayout;
    m_deltaRow = new FieldMessage(m_delta, this, tr("points"));
    m_reasonRow = new FieldMessage(m_reason, this);
    form->addRow(tr("&Change (+/-)"), m_deltaRow);
    form->addRow(tr("&Reason"), m_reasonRow);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    connect(m_delta, &QLineEdit::textChanged, this, &AdjustPointsDialog::revalidate);
    connect(m_reason, &QLineEdit::textChanged, this, &AdjustPointsDialog::revalidate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AdjustPointsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AdjustPointsDialog::reject);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    m_unsaved = std::make_unique<UnsavedChanges>(this);
    m_unsaved->markClean();
}

AdjustPointsDialog::~AdjustPointsDialog() = default;

void AdjustPointsDialog::revalidate()
{
    // Nothing typed yet is not an error to shout about; a typed amount is checked as it stands.
    QString deltaProblem;
    if (!m_delta->text().trimmed().isEmpty()) {
        deltaProblem = m_delta->problem();
        if (deltaProblem.isEmpty() && m_delta->value() == 0)
            deltaProblem = tr("Enter a change other than 0.");
    }
    m_deltaRow->setMessage(deltaProblem);
    const bool reasonGiven = !m_reason->text().trimmed().isEmpty();
    m_reasonRow->setMessage(!reasonGiven && m_delta->value().value_or(0) != 0 ? tr("Give a reason.") : QString());
    const bool ok = m_delta->value().value_or(0) != 0 && deltaProblem.isEmpty() && reasonGiven;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

void AdjustPointsDialog::accept()
{
    const std::optional<qint64> delta = m_delta->value();
    if (!delta || *delta == 0)
        return;
    Result<MileageEntry> entry = m_mileage.adjust(m_actor, m_customerId, *delta, m_reason->text());
    if (!entry.ok()) {
        m_message->setText(entry.error().message);
        return;
    }
    QDialog::accept();
}

} // namespace campdesk

namespace campdesk {

void AdjustPointsDialog::reject()
{
    if (m_unsaved->confirmDiscard(this))
        QDialog::reject();
}

} // namespace campdesk
