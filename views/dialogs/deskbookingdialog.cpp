#include "deskbookingdialog.h"

#include "core/money.h"
#include "domain/bookingflow.h"
#include "domain/campsiteservice.h"
#include "domain/customerservice.h"
#include "domain/paymentgateway.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace campdesk {

DeskBookingDialog::DeskBookingDialog(BookingService& bookings, CustomerService& customers, CampsiteService& campsites,
                                     Gateways gateways, const Actor& actor, QWidget* parent)
    : QDialog(parent)
    , m_bookings(bookings)
    , m_customers(customers)
    , m_campsites(campsites)
    , m_gateways(gateways)
    , m_actor(actor)
    , m_phone(new QLineEdit(this))
    , m_customerState(new QLabel(this))
    , m_name(new QLineEdit(this))
    , m_email(new QLineEdit(this))
    , m_language(new QComboBox(this))
    , m_campsite(new QComboBox(this))
    , m_checkIn(new QDateEdit(this))
    , m_checkOut(new QDateEdit(this))
    , m_guests(new QSpinBox(this))
    , m_points(new QSpinBox(this))
    , m_quote(new QLabel(this))
    , m_cash(new QRadioButton(tr("Cash"), this))
    , m_cardMachine(new QRadioButton(tr("Card machine at the desk"), this))
    , m_message(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("New desk booking"));
    setObjectName(QStringLiteral("deskBookingDialog"));
    setMinimumWidth(520);

    m_phone->setObjectName(QStringLiteral("phone"));
    m_phone->setPlaceholderText(tr("010-1234-5678"));
    m_customerState->setObjectName(QStringLiteral("customerState"));
    m_customerState->setWordWrap(true);
    m_name->setObjectName(QStringLiteral("name"));
    m_email->setObjectName(QStringLiteral("email"));
    m_email->setPlaceholderText(tr("optional"));
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(tr("Korean"), QStringLiteral("ko"));
    m_language->addItem(tr("English"), QStringLiteral("en"));

    m_campsite->setObjectName(QStringLiteral("campsite"));
    if (Result<QList<Campsite>> sites = m_campsites.list(false); sites.ok()) {
        for (const Campsite& site : sites.value()) {
            if (site.status == CampsiteStatus::Active)
                m_campsite->addItem(
                    QStringLiteral("%1  %2 (%3)").arg(site.code, site.name, formatWon(site.nightlyPrice)), site.id);
        }
    }
    for (QDateEdit* edit : { m_checkIn, m_checkOut }) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
        edit->setMinimumDate(QDate::currentDate());
    }
    m_checkIn->setObjectName(QStringLiteral("checkIn"));
    m_checkOut->setObjectName(QStringLiteral("checkOut"));
    m_checkIn->setDate(QDate::currentDate());
    m_checkOut->setDate(QDate::currentDate().addDays(1));
    m_guests->setObjectName(QStringLiteral("guests"));
    m_guests->setRange(1, 50);
    m_guests->setValue(2);
    m_points->setObjectName(QStringLiteral("points"));
    m_points->setRange(0, 0);
    m_points->setSingleStep(100);
    m_points->setSuffix(tr(" points"));
    m_quote->setObjectName(QStringLiteral("quote"));
    m_quote->setTextFormat(Qt::RichText);
    m_quote->setMinimumHeight(m_quote->fontMetrics().lineSpacing() * 4); // three lines without jumping

    auto* customer = new QGroupBox(tr("Customer"), this);
    auto* customerForm = new QFormLayout(customer);
    customerForm->addRow(tr("&Phone"), m_phone);
    customerForm->addRow(QString(), m_customerState);
    customerForm->addRow(tr("&Name"), m_name);
    customerForm->addRow(tr("&E-mail"), m_email);
    customerForm->addRow(tr("&Language"), m_language);

    auto* stay = new QGroupBox(tr("Stay"), this);
    auto* stayForm = new QFormLayout(stay);
    stayForm->addRow(tr("&Campsite"), m_campsite);
    stayForm->addRow(tr("Check-&in"), m_checkIn);
    stayForm->addRow(tr("Check-&out"), m_checkOut);
    stayForm->addRow(tr("&Guests"), m_guests);
    stayForm->addRow(tr("&Redeem"), m_points);
    stayForm->addRow(tr("Price"), m_quote);

    auto* payment = new QGroupBox(tr("Payment"), this);
    auto* paymentLayout = new QVBoxLayout(payment);
    m_cash->setObjectName(QStringLiteral("payCash"));
    m_cardMachine->setObjectName(QStringLiteral("payCardMachine"));
    m_cash->setChecked(true);
    paymentLayout->addWidget(m_cash);
    paymentLayout->addWidget(m_cardMachine);
    if (m_gateways.simulated) {
        m_simulated = new QRadioButton(m_gateways.simulated->displayName(), this);
        m_simulated->setObjectName(QStringLiteral("paySimulated"));
        m_simulated->setStyleSheet(QStringLiteral("QRadioButton { color: #b45309; font-weight: bold; }"));
        paymentLayout->addWidget(m_simulated);
    }

    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_progress->setObjectName(QStringLiteral("paymentProgress"));
    m_progress->setRange(0, 0); // busy: the terminal gives no percentage
    m_progress->setFormat(tr("Waiting for the payment…"));
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Book and &pay"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("bookAndPay"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(customer);
    layout->addWidget(stay);
    layout->addWidget(payment);
    layout->addWidget(m_message);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &DeskBookingDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &DeskBookingDialog::reject);
    connect(m_phone, &QLineEdit::textChanged, this, &DeskBookingDialog::lookUpPhone);
    for (QLineEdit* edit : { m_name, m_email })
        connect(edit, &QLineEdit::textChanged, this, &DeskBookingDialog::revalidate);
    connect(m_campsite, &QComboBox::currentIndexChanged, this, &DeskBookingDialog::revalidate);
    connect(m_checkIn, &QDateEdit::dateChanged, this, [this](const QDate& date) {
        if (m_checkOut->date() <= date)
            m_checkOut->setDate(date.addDays(1));
        revalidate();
    });
    connect(m_checkOut, &QDateEdit::dateChanged, this, &DeskBookingDialog::revalidate);
    connect(m_guests, &QSpinBox::valueChanged, this, &DeskBookingDialog::revalidate);
    connect(m_points, &QSpinBox::valueChanged, this, &DeskBookingDialog::revalidate);
    lookUpPhone();
}

DeskBookingDialog::~DeskBookingDialog() = default;

void DeskBookingDialog::prefill(qint64 campsiteId, const QDate& checkIn, const QDate& checkOut)
{
    const int index = m_campsite->findData(campsiteId);
    if (index >= 0)
        m_campsite->setCurrentIndex(index);
    m_checkIn->setDate(checkIn);
    m_checkOut->setDate(checkOut);
    revalidate();
}

void DeskBookingDialog::lookUpPhone()
{
    m_balance = 0;
    const std::optional<QString> phone = CustomerService::normalizePhone(m_phone->text());
    if (!phone) {
        m_customerState->setText(m_phone->text().trimmed().isEmpty() ? tr("Type the phone number to find the customer.")
                                                                     : tr("Not a phone number yet."));
    } else if (Result<std::optional<Customer>> found = m_customers.findByPhone(*phone); found.ok() && found.value()) {
        const Customer& c = *found.value();
        m_name->setText(c.name);
        m_email->setText(c.email);
        m_language->setCurrentIndex(std::max(0, m_language->findData(c.language)));
        m_customerState->setText(tr("Returning customer: %1").arg(c.name.toHtmlEscaped()));
    } else {
        m_customerState->setText(tr("New customer: fill in the name."));
    }
    revalidate();
}

BookingRequest DeskBookingDialog::request() const
{
    BookingRequest r;
    r.campsiteId = m_campsite->currentData().toLongLong();
    r.checkIn = m_checkIn->date();
    r.checkOut = m_checkOut->date();
    r.guests = m_guests->value();
    r.customer.name = m_name->text().trimmed();
    r.customer.phone = m_phone->text();
    r.customer.email = m_email->text().trimmed();
    r.customer.language = m_language->currentData().toString();
    r.pointsToRedeem = m_points->value();
    return r;
}

QString DeskBookingDialog::problem() const
{
    return m_problem;
}

void DeskBookingDialog::revalidate()
{
    if (m_paying)
        return;
    const BookingRequest r = request();
    m_problem.clear();
    if (r.campsiteId == 0)
        m_problem = tr("No campsite can be booked.");
    else if (Status valid = m_bookings.validate(r); !valid.ok())
        m_problem = valid.error().message;

    // The quote (and the customer's balance) even while the customer's details are still being typed.
    BookingRequest priced = r;
    if (!CustomerService::normalizePhone(priced.customer.phone))
        priced.customer.phone.clear();
    if (priced.customer.name.isEmpty())
        priced.customer.name = QStringLiteral("-");
    Result<Quote> quote = m_bookings.quote(priced);
    if (quote.ok()) {
        const Quote& q = quote.value();
        m_balance = q.balance;
        const QSignalBlocker block(m_points);
        m_points->setMaximum(int(std::min<qint64>(q.balance, q.total)));
        m_quote->setText(tr("%n night(s): %1<br>Points used: %2 (balance %3)<br><b>To pay: %4</b> · earns %5 points",
                            nullptr, q.nights)
                             .arg(formatWon(q.total), QLocale().toString(q.points), QLocale().toString(q.balance),
                                  formatWon(q.payable), QLocale().toString(q.pointsToEarn)));
    } else {
        m_quote->setText(QStringLiteral("<i>%1</i>").arg(quote.error().message.toHtmlEscaped()));
        if (m_problem.isEmpty())
            m_problem = quote.error().message;
    }
    m_message->setText(m_problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_problem.isEmpty());
}

void DeskBookingDialog::setPaying(bool paying)
{
    m_paying = paying;
    for (QWidget* w : std::initializer_list<QWidget*> { m_phone, m_name, m_email, m_language, m_campsite, m_checkIn,
                                                        m_checkOut, m_guests, m_points, m_cash, m_cardMachine })
        w->setEnabled(!paying);
    if (m_simulated)
        m_simulated->setEnabled(!paying);
    m_buttons->setEnabled(!paying);
    m_progress->setVisible(paying);
    if (paying)
        m_message->clear();
}

void DeskBookingDialog::accept()
{
    revalidate();
    if (m_paying || !m_problem.isEmpty())
        return;
    PaymentGateway* gateway = m_simulated && m_simulated->isChecked() ? m_gateways.simulated : m_gateways.desk;
    const QString method = gateway == m_gateways.simulated ? QStringLiteral("card")
        : m_cash->isChecked()                              ? QStringLiteral("cash")
                                                           : QStringLiteral("desk_card");
    m_flow = std::make_unique<BookingFlow>(m_bookings, *gateway);
    connect(m_flow.get(), &BookingFlow::finished, this, &DeskBookingDialog::paymentFinished);
    setPaying(true);
    m_flow->start(m_actor, request(), method);
}

void DeskBookingDialog::paymentFinished(const BookingOutcome& outcome)
{
    setPaying(false);
    if (outcome.ok) {
        m_reservation = outcome.reservation;
        QDialog::accept();
        return;
    }
    QString text = outcome.error.message;
    if (!outcome.alternatives.isEmpty()) {
        QStringList codes;
        for (const Campsite& site : outcome.alternatives)
            codes << site.code;
        text += QLatin1Char(' ') + tr("Free for these dates: %1").arg(codes.join(QStringLiteral(", ")));
    }
    m_problem.clear();
    revalidate();
    m_message->setText(text);
}

void DeskBookingDialog::reject()
{
    if (m_paying)
        return; // the money may be moving: wait for the answer
    QDialog::reject();
}

} // namespace campdesk
