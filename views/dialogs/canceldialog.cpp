#include "canceldialog.h"

#include "core/money.h"
#include "fieldmessage.h"
#include "numberedit.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace campdesk {

CancelDialog::CancelDialog(BookingService& bookings, const Reservation& reservation, const Actor& actor,
                           QWidget* parent)
    : QDialog(parent)
    , m_bookings(bookings)
    , m_reservation(reservation)
    , m_actor(actor)
    , m_rule(new QLabel(this))
    , m_parts(new QLabel(this))
    , m_override(new QCheckBox(tr("Refund a different amount"), this))
    , m_amount(new NumberEdit(this))
    , m_reason(new QLineEdit(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Cancel booking %1").arg(reservation.code));
    setObjectName(QStringLiteral("cancelDialog"));
    setMinimumWidth(440);
    m_rule->setObjectName(QStringLiteral("refundRule"));
    m_rule->setWordWrap(true);
    m_parts->setObjectName(QStringLiteral("refundParts"));
    m_parts->setWordWrap(true);
    m_parts->hide();
    m_override->setObjectName(QStringLiteral("overrideRefund"));
    m_amount->setObjectName(QStringLiteral("refundAmount"));
    // What was typed stays as typed: more than was paid, or a negative amount, is said next to the field.
    m_amount->setRange(0, reservation.amount);
    m_amount->setEnabled(false);
    m_reason->setObjectName(QStringLiteral("reason"));
    m_reason->setPlaceholderText(tr("Why (required when the refund is changed)"));
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Cancel the &booking"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("confirmCancel"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("&Keep it"));

    auto* form = new QFormLayout;
    m_amountRow = new FieldMessage(m_amount, this, tr("won"));
    m_reasonRow = new FieldMessage(m_reason, this);
    form->addRow(tr("Refund"), m_amountRow);
    form->addRow(tr("Reason"), m_reasonRow);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_rule);
    layout->addWidget(m_parts);
    layout->addWidget(m_override);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);

    connect(m_override, &QCheckBox::toggled, m_amount, &QWidget::setEnabled);
    connect(m_override, &QCheckBox::toggled, this, &CancelDialog::revalidate);
    connect(m_amount, &QLineEdit::textChanged, this, &CancelDialog::revalidate);
    connect(m_reason, &QLineEdit::textChanged, this, &CancelDialog::revalidate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    CancelRequest byRule;
    byRule.reservationId = reservation.id;
    Result<CancelQuote> quote = m_bookings.cancellationQuote(m_actor, byRule);
    if (quote.ok()) {
        m_quote = quote.value();
        m_amount->setValue(m_quote.refund);
        m_rule->setText(tr("Paid %1. Cancelling %n day(s) before check-in refunds %2% by the rules: <b>%3</b>.",
                           nullptr, m_quote.daysBefore)
                            .arg(formatWon(reservation.amount))
                            .arg(m_quote.refundPercent)
                            .arg(formatWon(m_quote.refund)));
        if (reservation.pointsUsed > 0)
            m_rule->setText(m_rule->text() + QStringLiteral("<br>")
                            + tr("The %1 points used are returned; the points this booking earned are deducted.")
                                  .arg(QLocale().toString(reservation.pointsUsed)));
        if (m_quote.pointsShortfall > 0)
            m_rule->setText(
                m_rule->text() + QStringLiteral("<br>")
                + tr("%1 points this booking earned were already spent: the refund is %2 less.")
                      .arg(QLocale().toString(m_quote.pointsShortfall), formatWon(m_quote.pointsShortfall)));
        showParts(m_quote);
    } else {
        m_rule->setText(quote.error().message);
        m_problem = quote.error().message;
    }
    revalidate();
}

CancelRequest CancelDialog::request() const
{
    CancelRequest r;
    r.reservationId = m_reservation.id;
    r.reason = m_reason->text().trimmed();
    if (m_override->isChecked())
        r.refundOverride = m_amount->value().value_or(-1);
    return r;
}

void CancelDialog::revalidate()
{
    if (m_quote.reservation.id == 0) { // the rule could not be read: nothing to confirm
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
        m_message->setText(m_problem);
        return;
    }
    m_problem.clear();
    QString amountProblem;
    QString reasonProblem;
    if (m_override->isChecked()) {
        amountProblem = m_amount->problem();
        if (m_reason->text().trimmed().isEmpty())
            reasonProblem = tr("Give a reason for changing the refund.");
    }
    m_amountRow->setMessage(amountProblem);
    m_reasonRow->setMessage(reasonProblem);
    if (!amountProblem.isEmpty() || !reasonProblem.isEmpty())
        m_problem = amountProblem.isEmpty() ? reasonProblem : amountProblem;
    else if (Result<CancelQuote> checked = m_bookings.cancellationQuote(m_actor, request()); !checked.ok())
        m_problem = checked.error().message;
    else
        showParts(checked.value());
    // A field's own problem is shown under it; the message below the form is for the rest.
    m_message->setText(amountProblem.isEmpty() && reasonProblem.isEmpty() ? m_problem : QString());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_problem.isEmpty());
}

void CancelDialog::showParts(const CancelQuote& quote)
{
    m_parts->setVisible(quote.parts.size() > 1);
    if (quote.parts.size() <= 1)
        return;
    // Newest first, as the refunds are made: a balance taken before arrival, a change's charge, the booking's own.
    QStringList lines;
    for (const RefundPart& part : quote.parts) {
        QString payment;
        if (part.orderId == m_reservation.orderId)
            payment = tr("The booking's first payment");
        else if (part.orderId.contains(QLatin1String("-bal")))
            payment = tr("The balance payment");
        else if (part.orderId.contains(QLatin1String("-chg")))
            payment = tr("The payment for a change");
        else
            payment = tr("Payment %1").arg(part.orderId);
        lines << (part.refund > 0 ? tr("%1: %2 back of %3").arg(payment, formatWon(part.refund), formatWon(part.holds))
                                  : tr("%1: nothing back (keeps %2)").arg(payment, formatWon(part.holds)));
    }
    m_parts->setText(tr("Given back across %n payment(s), the newest first:", nullptr, int(quote.parts.size()))
                     + QStringLiteral("<br>") + lines.join(QStringLiteral("<br>")));
}

} // namespace campdesk
