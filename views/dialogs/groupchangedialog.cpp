#include "groupchangedialog.h"

#include "core/money.h"
#include "fieldmessage.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace campdesk {

GroupChangeDialog::GroupChangeDialog(GroupBookingService& groups, const BookingGroup& group, const Actor& actor,
                                     QWidget* parent)
    : QDialog(parent)
    , m_groups(groups)
    , m_group(group)
    , m_actor(actor)
    , m_shift(new QSpinBox(this))
    , m_nights(new QSpinBox(this))
    , m_cash(new QRadioButton(tr("Cash"), this))
    , m_deskCard(new QRadioButton(tr("Desk card machine"), this))
    , m_parts(new QLabel(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Change group %1").arg(group.code));
    setObjectName(QStringLiteral("groupChangeDialog"));
    setMinimumWidth(640);
    m_shift->setObjectName(QStringLiteral("shiftDays"));
    m_shift->setRange(-60, 365);
    m_shift->setSuffix(tr(" day(s)"));
    m_nights->setObjectName(QStringLiteral("nightsDelta"));
    m_nights->setRange(-59, 59);
    m_nights->setSuffix(tr(" night(s)"));
    m_cash->setObjectName(QStringLiteral("payCash"));
    m_deskCard->setObjectName(QStringLiteral("payDeskCard"));
    m_cash->setChecked(true);
    auto* methods = new QButtonGroup(this);
    methods->addButton(m_cash);
    methods->addButton(m_deskCard);
    m_parts->setObjectName(QStringLiteral("groupChangeParts"));
    m_parts->setTextFormat(Qt::RichText);
    m_parts->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Change the &group"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("confirmGroupChange"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("&Keep it"));

    auto* intro = new QLabel(tr("Every site of the group still booked moves by the same number of days, and each stay "
                                "can be made the same number of nights longer or shorter. Each site keeps its "
                                "guests; prices and refunds are as for one booking."),
                             this);
    intro->setWordWrap(true);
    auto* method = new QHBoxLayout;
    method->addWidget(m_cash);
    method->addWidget(m_deskCard);
    method->addStretch(1);
    auto* form = new QFormLayout;
    m_shiftRow = new FieldMessage(m_shift, this);
    form->addRow(tr("Move the dates by"), m_shiftRow);
    form->addRow(tr("Nights more (or fewer)"), m_nights);
    form->addRow(tr("Difference settled by"), method);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_parts);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    connect(m_shift, &QSpinBox::valueChanged, this, &GroupChangeDialog::requote);
    connect(m_nights, &QSpinBox::valueChanged, this, &GroupChangeDialog::requote);
    connect(m_cash, &QRadioButton::toggled, this, &GroupChangeDialog::requote);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    requote();
}

GroupChangeRequest GroupChangeDialog::request() const
{
    GroupChangeRequest r;
    r.groupId = m_group.id;
    r.shiftDays = m_shift->value();
    r.nightsDelta = m_nights->value();
    r.method = m_cash->isChecked() ? QStringLiteral("cash") : QStringLiteral("desk_card");
    for (const Reservation& part : m_group.parts) // as shown: another desk's change since stops this one
        r.seenVersions.insert(part.id, part.version);
    return r;
}

void GroupChangeDialog::requote()
{
    m_quote = GroupChangeQuote();
    m_problem.clear();
    m_parts->clear();
    const bool unchanged = m_shift->value() == 0 && m_nights->value() == 0;
    m_shiftRow->setMessage(QString());
    m_message->clear();
    if (!unchanged) {
        Result<GroupChangeQuote> quoted = m_groups.quoteChange(m_actor, request());
        if (quoted.ok())
            m_quote = quoted.value();
        else
            m_problem = quoted.error().message;
    }
    if (!m_problem.isEmpty()) {
        // Whose problem it is: the part's site and booking are in the message itself.
        m_message->setText(m_problem);
    } else if (!unchanged) {
        const QLocale locale;
        QString rows;
        for (const ChangeQuote& q : m_quote.parts) {
            const Reservation& r = q.reservation;
            const QDate newIn = r.checkIn.addDays(m_shift->value());
            const QDate newOut = r.checkOut.addDays(m_shift->value() + m_nights->value());
            QString money = tr("same price");
            if (q.extra > 0)
                money = tr("%1 to pay").arg(formatWon(q.extra));
            else if (q.priceDrop > 0)
                money = tr("%1 back (%2% of %3)")
                            .arg(formatWon(q.refund))
                            .arg(q.refundPercent)
                            .arg(formatWon(q.priceDrop));
            rows += QStringLiteral("<tr><td nowrap>%1 %2</td><td nowrap>&nbsp;&nbsp;%3 – %4 → %5 – %6</td>"
                                   "<td nowrap>&nbsp;&nbsp;%7</td></tr>")
                        .arg(r.campsiteCode.toHtmlEscaped(), r.code.toHtmlEscaped(),
                             locale.toString(r.checkIn, QLocale::ShortFormat),
                             locale.toString(r.checkOut, QLocale::ShortFormat),
                             locale.toString(newIn, QLocale::ShortFormat),
                             locale.toString(newOut, QLocale::ShortFormat), money.toHtmlEscaped());
        }
        QString total;
        if (m_quote.extra > 0)
            total += tr("To take now: <b>%1</b>").arg(formatWon(m_quote.extra).toHtmlEscaped());
        if (m_quote.refund > 0)
            total += (total.isEmpty() ? QString() : QStringLiteral("<br>"))
                + tr("To give back: <b>%1</b>").arg(formatWon(m_quote.refund).toHtmlEscaped());
        if (total.isEmpty())
            total = tr("Nothing to pay or give back.");
        m_parts->setText(QStringLiteral("<table>%1</table><p>%2</p>").arg(rows, total));
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!unchanged && m_problem.isEmpty());
}

} // namespace campdesk
