#include "balancedialog.h"

#include "core/money.h"
#include "domain/balanceservice.h"
#include "domain/bookingservice.h"
#include "domain/paymentgateway.h"
#include "domain/serviceflow.h"
#include "fieldmessage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace campdesk {

namespace {

const QString deskProvider = QStringLiteral("desk");
const QString cardMethod = QStringLiteral("card");

} // namespace

BalanceDialog::BalanceDialog(BookingService& bookings, const Reservation& r, const Actor& actor,
                             const PaymentGateway* card, QWidget* parent, Purpose purpose)
    : QDialog(parent)
    , m_bookings(bookings)
    , m_reservation(r)
    , m_actor(actor)
    , m_purpose(purpose)
    , m_cardProvider(card ? card->provider() : QString())
    , m_method(new QComboBox(this))
    , m_progress(new QProgressBar(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_flow(new ServiceFlow(bookings, this))
{
    setObjectName(QStringLiteral("balanceDialog"));
    const bool checkIn = purpose == Purpose::CheckIn;
    setWindowTitle(checkIn ? tr("Balance due at check-in") : tr("Take the balance"));
    setMinimumWidth(460);
    auto* amount = new QLabel((checkIn ? tr("Booking %1 was booked with a deposit of %2. <b>Balance due: %3</b>")
                                       : tr("Booking %1 has paid %2 so far. <b>Balance due: %3</b>"))
                                  .arg(r.code.toHtmlEscaped(), formatWon(r.amount), formatWon(r.balanceDue)),
                              this);
    amount->setObjectName(QStringLiteral("balanceDue"));
    amount->setWordWrap(true);
    m_method->setObjectName(QStringLiteral("balanceMethod"));
    m_method->addItem(tr("Cash"), QStringLiteral("cash"));
    m_method->addItem(tr("Card machine at the desk"), QStringLiteral("desk_card"));
    if (card) // the same card payment the desk's new bookings offer
        m_method->addItem(card->displayName(), cardMethod);
    m_methodRow = new FieldMessage(m_method, this);
    auto* form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->addRow(tr("Paid &by"), m_methodRow);
    m_progress->setObjectName(QStringLiteral("balanceProgress"));
    m_progress->setRange(0, 0); // busy: the provider gives no percentage
    m_progress->setFormat(tr("Waiting for the payment…"));
    m_progress->setTextVisible(true);
    m_progress->hide();
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(amount);
    layout->addLayout(form);
    if (checkIn && actor.role == Role::Manager) {
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
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("takeBalance"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &BalanceDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &BalanceDialog::reject);
    // Another way to pay after a refusal: the refusal was about the way chosen before.
    connect(m_method, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_pending)
            m_methodRow->setMessage(QString());
    });
    connect(m_flow, &ServiceFlow::finished, this, &BalanceDialog::finished);
    revalidate();
}

BalanceDialog::~BalanceDialog()
{
    m_flow->waitForFinished();
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
        ->setText(m_purpose == Purpose::Payment ? tr("&Take the balance")
                      : withoutBalance()        ? tr("Check &in without it")
                                                : tr("Take the balance and check &in"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_problem.isEmpty() && !m_paying && !m_pending);
}

void BalanceDialog::accept()
{
    revalidate();
    if (m_paying || m_pending || !m_problem.isEmpty())
        return;
    const Actor actor = m_actor;
    const qint64 id = m_reservation.id;
    m_lastError.clear();
    m_methodRow->setMessage(QString());
    if (withoutBalance()) {
        const QString reason = this->reason();
        setPaying(true);
        m_flow->start([actor, id, reason](BookingService& bookings) {
            return BalanceService(bookings).checkInWithoutBalance(actor, id, reason);
        });
        return;
    }
    const QString method = this->method();
    const QString provider = method == cardMethod ? m_cardProvider : deskProvider;
    setPaying(true);
    // On the flow's worker: the gateway's wait (the HTTP gateway's event loop) never runs on the GUI thread.
    const bool checkIn = m_purpose == Purpose::CheckIn;
    m_flow->start([actor, id, method, provider, checkIn](BookingService& bookings) -> Result<Reservation> {
        PaymentGateway* gateway = bookings.gateway(provider);
        if (!gateway)
            return Error(ErrorCode::Unavailable, tr("This way of paying is not set up on this terminal."));
        BalanceService balances(bookings);
        return checkIn ? balances.payAndCheckIn(actor, id, *gateway, method)
                       : balances.payBalance(actor, id, *gateway, method);
    });
}

void BalanceDialog::setPaying(bool paying)
{
    m_paying = paying;
    m_method->setEnabled(!paying && !withoutBalance());
    if (m_skip)
        m_skip->setEnabled(!paying);
    if (m_reason)
        m_reason->setEnabled(!paying && withoutBalance());
    m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(!paying);
    m_progress->setVisible(paying);
    revalidate();
}

void BalanceDialog::finished(const ServiceOutcome& outcome)
{
    setPaying(false);
    if (outcome.ok) {
        m_reservation = outcome.reservation;
        QDialog::accept();
        return;
    }
    m_lastError = outcome.error.message;
    // No answer from the payment service: the pending payment is left for the reconciler, so it is not taken again
    // from here (the next check-in looks it up first).
    if (outcome.error.code == ErrorCode::PaymentPending) {
        m_pending = true;
        m_method->setEnabled(false);
        if (m_skip)
            m_skip->setEnabled(false);
        revalidate();
    }
    // The refusal next to what it is about: the way of paying, or the reason for skipping it.
    if (withoutBalance() && m_reasonRow)
        m_reasonRow->setMessage(m_lastError);
    else
        m_methodRow->setMessage(m_lastError);
}

void BalanceDialog::reject()
{
    if (m_paying)
        return; // the money may be moving: wait for the answer
    QDialog::reject();
}

} // namespace campdesk
