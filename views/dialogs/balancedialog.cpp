#include "balancedialog.h"

#include "core/money.h"
#include "fieldmessage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace campdesk {

BalanceDialog::BalanceDialog(const Reservation& r, const Actor& actor, QWidget* parent)
    : QDialog(parent)
    , m_method(new QComboBox(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("balanceDialog"));
    setWindowTitle(tr("Balance due at check-in"));
    setMinimumWidth(420);
    auto* amount = new QLabel(tr("Booking %1 was booked with a deposit of %2. <b>Balance due: %3</b>")
                                  .arg(r.code.toHtmlEscaped(), formatWon(r.amount), formatWon(r.balanceDue)),
                              this);
    amount->setObjectName(QStringLiteral("balanceDue"));
    amount->setWordWrap(true);
    m_method->setObjectName(QStringLiteral("balanceMethod"));
    m_method->addItem(tr("Cash"), QStringLiteral("cash"));
    m_method->addItem(tr("Card machine at the desk"), QStringLiteral("desk_card"));
    auto* form = new QFormLayout;
    form->addRow(tr("Paid &by"), m_method);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(amount);
    layout->addLayout(form);
    if (actor.role == Role::Manager) {
        m_skip = new QCheckBox(tr("Check in &without the balance (it stays due)"), this);
        m_skip->setObjectName(QStringLiteral("withoutBalance"));
        m_reason = new QLineEdit(this);
        m_reason->setObjectName(QStringLiteral("reason"));
        m_reason->setEnabled(false);
        m_reasonRow = new FieldMessage(m_reason, this);
        auto* skipForm = new QFormLayout;
        skipForm->addRow(tr("&Reason"), m_reasonRow);
        layout->addWidget(m_skip);
        layout->addLayout(skipForm);
        connect(m_skip, &QCheckBox::toggled, m_reason, &QWidget::setEnabled);
        connect(m_skip, &QCheckBox::toggled, m_method, &QWidget::setDisabled);
        connect(m_skip, &QCheckBox::toggled, this, &BalanceDialog::revalidate);
        connect(m_reason, &QLineEdit::textChanged, this, &BalanceDialog::revalidate);
    }
    layout->addWidget(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("takeBalance"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    revalidate();
}

QString BalanceDialog::method() const
{
    return m_method->currentData().toString();
}

bool BalanceDialog::withoutBalance() const
{
    return m_skip && m_skip->isChecked();
}

QString BalanceDialog::reason() const
{
    return m_reason ? m_reason->text().trimmed() : QString();
}

void BalanceDialog::revalidate()
{
    m_problem.clear();
    if (withoutBalance() && reason().isEmpty())
        m_problem = tr("Give a reason for checking in with the balance unpaid.");
    if (m_reasonRow)
        m_reasonRow->setMessage(m_problem);
    m_buttons->button(QDialogButtonBox::Ok)
        ->setText(withoutBalance() ? tr("Check &in without it") : tr("Take the balance and check &in"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_problem.isEmpty());
}

} // namespace campdesk
