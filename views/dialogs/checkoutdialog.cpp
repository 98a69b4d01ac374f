#include "checkoutdialog.h"

#include "core/money.h"
#include "fieldmessage.h"
#include "numberedit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace campdesk {

CheckOutDialog::CheckOutDialog(BookingService& bookings, const Reservation& reservation, const Actor& actor,
                               const QString& stay, QWidget* parent)
    : QDialog(parent)
    , m_bookings(bookings)
    , m_reservation(reservation)
    , m_actor(actor)
    , m_summary(new QLabel(this))
    , m_rule(new QLabel(this))
    , m_override(new QCheckBox(tr("Give back a different amount"), this))
    , m_amount(new NumberEdit(this))
    , m_reason(new QLineEdit(this))
    , m_method(new QComboBox(this))
    , m_back(new QLabel(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Check out %1").arg(reservation.code));
    setObjectName(QStringLiteral("checkOutDialog"));
    setMinimumWidth(480);
    m_summary->setObjectName(QStringLiteral("departureSummary"));
    m_summary->setWordWrap(true);
    m_rule->setObjectName(QStringLiteral("refundRule"));
    m_rule->setWordWrap(true);
    m_override->setObjectName(QStringLiteral("overrideRefund"));
    m_amount->setObjectName(QStringLiteral("refundAmount"));
    m_amount->setEnabled(false);
    m_reason->setObjectName(QStringLiteral("reason"));
    m_reason->setPlaceholderText(tr("Why (required when the refund is changed)"));
    m_method->setObjectName(QStringLiteral("method"));
    m_method->addItem(tr("Cash"), QStringLiteral("cash"));
    m_method->addItem(tr("Desk card machine"), QStringLiteral("desk_card"));
    m_back->setObjectName(QStringLiteral("guestGetsBack"));
    m_back->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Check &out"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("confirmCheckOut"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("&Not now"));

    auto* form = new QFormLayout;
    m_form = form;
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_amountRow = new FieldMessage(m_amount, this, tr("won"));
    m_reasonRow = new FieldMessage(m_reason, this);
    m_methodRow = new FieldMessage(m_method, this);
    form->addRow(tr("Refund"), m_amountRow);
    form->addRow(tr("Reason"), m_reasonRow);
    form->addRow(tr("Given back by"), m_methodRow);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_rule);
    layout->addWidget(m_override);
    layout->addLayout(form);
    layout->addWidget(m_back);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);

    connect(m_override, &QCheckBox::toggled, m_amount, &QWidget::setEnabled);
    connect(m_override, &QCheckBox::toggled, this, &CheckOutDialog::revalidate);
    connect(m_amount, &QLineEdit::textChanged, this, &CheckOutDialog::revalidate);
    connect(m_reason, &QLineEdit::textChanged, this, &CheckOutDialog::revalidate);
    connect(m_method, &QComboBox::currentIndexChanged, this, &CheckOutDialog::revalidate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    Result<DepartureQuote> quoted = m_bookings.quoteCheckOut(m_actor, reservation.id);
    if (quoted.ok()) {
        m_quote = quoted.value();
        m_quoted = true;
        const QLocale locale;
        // What was typed stays as typed: more than was paid for the nights, or a negative amount, is said next to
        // the field.
        m_amount->setRange(0, m_quote.freedMoney);
        m_amount->setValue(m_quote.refund);
        QString summary = tr("Check out %1?").arg(stay) + QStringLiteral("<br>")
            + tr("The guest is leaving early: %n night(s) from %1 become free (sold for %2).", nullptr,
                 m_quote.nightsFreed)
                  .arg(locale.toString(m_quote.leaveOn, QLocale::ShortFormat), formatWon(m_quote.freedPrice));
        m_summary->setText(summary);
        m_rule->setText(
            (reservation.balanceDue > 0
                 ? tr("Paid or still owed for these nights: %1. Leaving on the day lets the guest off %2% by the "
                      "rules: <b>%3</b>, off the balance first.")
                 : tr("Paid for these nights: %1. Leaving on the day refunds %2% by the rules: <b>%3</b>."))
                .arg(formatWon(m_quote.freedMoney))
                .arg(m_quote.refundPercent)
                .arg(formatWon(m_quote.ruleRefund)));
        if (m_quote.freedMoney <= 0)
            m_override->setEnabled(false);
        // Whether any of it would be handed back at the desk (a payment taken there): then how is asked.
        CheckOutOptions most;
        most.refundOverride = m_quote.freedMoney;
        most.reason = QStringLiteral("-");
        if (const Result<DepartureQuote> all = m_bookings.quoteCheckOut(m_actor, reservation.id, most); all.ok()) {
            for (const DepartureRefundPart& part : all->parts)
                m_atDesk = m_atDesk || part.atDesk();
        }
    } else {
        m_summary->setText(tr("Check out %1?").arg(stay));
        m_problem = quoted.error().message;
    }
    revalidate();
}

CheckOutOptions CheckOutDialog::options() const
{
    CheckOutOptions o;
    o.reason = m_reason->text().trimmed();
    o.method = m_method->currentData().toString();
    if (m_override->isChecked())
        o.refundOverride = m_amount->value().value_or(-1);
    return o;
}

void CheckOutDialog::revalidate()
{
    if (!m_quoted) { // the stay could not be read: nothing to confirm
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
        m_message->setText(m_problem);
        m_back->clear();
        m_form->setRowVisible(m_amountRow, false);
        m_form->setRowVisible(m_reasonRow, false);
        m_form->setRowVisible(m_methodRow, false);
        m_override->setVisible(false);
        return;
    }
    m_problem.clear();
    QString amountProblem;
    QString reasonProblem;
    QString methodProblem;
    if (m_override->isChecked()) {
        amountProblem = m_amount->problem();
        if (m_reason->text().trimmed().isEmpty())
            reasonProblem = tr("Give a reason for changing the refund.");
    }
    // The service says the rest (more than the payments hold, a payment service this terminal cannot reach), next
    // to the field it names.
    qint64 refund = m_quote.refund;
    qint64 balance = m_quote.newBalanceDue;
    if (amountProblem.isEmpty() && reasonProblem.isEmpty()) {
        Result<DepartureQuote> checked = m_bookings.quoteCheckOut(m_actor, m_reservation.id, options());
        if (!checked.ok()) {
            const Error& e = checked.error();
            if (e.field == QLatin1String("refundOverride"))
                amountProblem = e.message;
            else if (e.field == QLatin1String("reason"))
                reasonProblem = e.message;
            else if (e.field == QLatin1String("method"))
                methodProblem = e.message;
            else
                m_problem = e.message;
        } else {
            refund = checked->refund;
            balance = checked->newBalanceDue;
        }
    }
    m_amountRow->setMessage(amountProblem);
    m_reasonRow->setMessage(reasonProblem);
    m_methodRow->setMessage(methodProblem);
    m_form->setRowVisible(m_methodRow, m_atDesk && refund > 0);
    const bool fieldProblem = !(amountProblem + reasonProblem + methodProblem).isEmpty();
    if (m_problem.isEmpty())
        m_problem = !amountProblem.isEmpty() ? amountProblem : !reasonProblem.isEmpty() ? reasonProblem : methodProblem;
    // A field's own problem is shown under it; the message below the form is for the rest.
    m_message->setText(fieldProblem ? QString() : m_problem);
    const bool ok = m_problem.isEmpty();
    QString back = refund > 0 ? tr("The guest gets back <b>%1</b>.").arg(formatWon(refund))
                              : tr("The guest gets nothing back for the unused nights.");
    if (balance != m_reservation.balanceDue)
        back += QStringLiteral("<br>")
            + tr("The balance due goes down from %1 to %2.")
                  .arg(formatWon(m_reservation.balanceDue), formatWon(balance));
    if (balance > 0)
        back += QStringLiteral("<br>")
            + tr("The balance of %1 stays due; it can be taken from the booking later.").arg(formatWon(balance));
    m_back->setText(ok ? back : QString());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

} // namespace campdesk
