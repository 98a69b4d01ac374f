#include "deskbookingdialog.h"

#include "core/money.h"
#include "domain/bookingflow.h"
#include "domain/campsiteservice.h"
#include "domain/customerservice.h"
#include "domain/depositsettings.h"
#include "domain/guestdetailsservice.h"
#include "domain/paymentgateway.h"
#include "domain/waitlistservice.h"
#include "fieldmessage.h"
#include "guestdetailsform.h"
#include "messagebox.h"
#include "numberedit.h"
#include "payerform.h"
#include "unsavedchanges.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
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
    , m_payer(new PayerForm(customers, tr("Customer"), this))
    , m_campsite(new QComboBox(this))
    , m_checkIn(new QDateEdit(this))
    , m_checkOut(new QDateEdit(this))
    , m_guests(new NumberEdit(this))
    , m_children(new NumberEdit(this))
    , m_vehicles(new NumberEdit(this))
    , m_points(new NumberEdit(this))
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
        // No minimum date: a past date is flagged next to the field, not silently turned into today.
    }
    m_checkIn->setObjectName(QStringLiteral("checkIn"));
    m_checkOut->setObjectName(QStringLiteral("checkOut"));
    m_checkIn->setDate(QDate::currentDate());
    m_checkOut->setDate(QDate::currentDate().addDays(1));
    m_guests->setObjectName(QStringLiteral("guests"));
    m_guests->setRange(1, 50);
    m_guests->setValue(2);
    m_children->setObjectName(QStringLiteral("children"));
    m_children->setRange(0, 49);
    m_children->setValue(0);
    m_vehicles->setObjectName(QStringLiteral("vehicles"));
    m_vehicles->setRange(0, 10);
    m_vehicles->setValue(1);
    m_points->setObjectName(QStringLiteral("points"));
    m_points->setRange(0, 0);
    m_points->setEmptyValue(0);
    m_points->setPlaceholderText(QStringLiteral("0"));
    m_quote->setObjectName(QStringLiteral("quote"));
    m_quote->setTextFormat(Qt::RichText);
    m_quote->setMinimumHeight(m_quote->fontMetrics().lineSpacing() * 4); // three lines without jumping

    auto* stay = new QGroupBox(tr("Stay"), this);
    auto* stayForm = new QFormLayout(stay);
    stayForm->addRow(tr("&Campsite"), m_campsite);
    m_checkInRow = new FieldMessage(m_checkIn, stay);
    m_checkOutRow = new FieldMessage(m_checkOut, stay);
    //: unit after the number of guests
    m_guestsRow = new FieldMessage(m_guests, stay, tr("guests"));
    //: unit after the points to redeem
    m_pointsRow = new FieldMessage(m_points, stay, tr("points"));
    stayForm->addRow(tr("Check-&in"), m_checkInRow);
    stayForm->addRow(tr("Check-&out"), m_checkOutRow);
    //: unit after the number of children among the guests
    m_childrenRow = new FieldMessage(m_children, stay, tr("children"));
    //: unit after the number of vehicles
    m_vehiclesRow = new FieldMessage(m_vehicles, stay, tr("vehicles"));
    // The party on one row: guests (children among them) and vehicles.
    auto* party = new QWidget(stay);
    auto* partyLayout = new QHBoxLayout(party);
    partyLayout->setContentsMargins(0, 0, 0, 0);
    partyLayout->addWidget(m_guestsRow, 1);
    partyLayout->addWidget(m_childrenRow, 1);
    partyLayout->addWidget(m_vehiclesRow, 1);
    stayForm->addRow(tr("&Guests"), party);
    stayForm->addRow(tr("&Redeem"), m_pointsRow);
    buildExtras(stay);
    stayForm->addRow(tr("Price"), m_quote);

    auto* payment = new QGroupBox(tr("Payment"), this);
    auto* paymentLayout = new QVBoxLayout(payment);
    m_cash->setObjectName(QStringLiteral("payCash"));
    m_cardMachine->setObjectName(QStringLiteral("payCardMachine"));
    m_cash->setChecked(true);
    // How much now: all of it, or the deposit rule's share with the balance due at check-in.
    m_payInFull = new QRadioButton(tr("Pay in &full"), this);
    m_payInFull->setObjectName(QStringLiteral("payInFull"));
    m_payDeposit = new QRadioButton(tr("&Deposit now, balance at check-in"), this);
    m_payDeposit->setObjectName(QStringLiteral("payDeposit"));
    auto* howMuch = new QButtonGroup(this);
    howMuch->addButton(m_payInFull);
    howMuch->addButton(m_payDeposit);
    m_payInFull->setChecked(true);
    const Result<DepositRule> depositRule = DepositSettings(m_bookings.database()).get();
    m_payDeposit->setEnabled(depositRule.ok() && depositRule->mode != DepositRule::Mode::Off);
    if (!m_payDeposit->isEnabled())
        m_payDeposit->setToolTip(tr("Deposits are turned off in Settings."));
    auto* amounts = new QHBoxLayout;
    amounts->addWidget(m_payInFull);
    amounts->addWidget(m_payDeposit);
    amounts->addStretch(1);
    paymentLayout->addLayout(amounts);
    auto* methods = new QButtonGroup(this);
    methods->addButton(m_cash);
    methods->addButton(m_cardMachine);
    paymentLayout->addWidget(m_cash);
    paymentLayout->addWidget(m_cardMachine);
    if (m_gateways.simulated) {
        m_simulated = new QRadioButton(m_gateways.simulated->displayName(), this);
        m_simulated->setObjectName(QStringLiteral("paySimulated"));
        if (m_gateways.simulated->isSimulated()) // training: no money is taken
            m_simulated->setStyleSheet(QStringLiteral("QRadioButton { color: #b45309; font-weight: bold; }"));
        paymentLayout->addWidget(m_simulated);
        methods->addButton(m_simulated);
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
    layout->addWidget(m_payer);
    layout->addWidget(stay);
    layout->addWidget(payment);
    layout->addWidget(m_message);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &DeskBookingDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &DeskBookingDialog::reject);
    connect(m_payer, &PayerForm::changed, this, &DeskBookingDialog::revalidate);
    connect(m_campsite, &QComboBox::currentIndexChanged, this, &DeskBookingDialog::revalidate);
    // A check-out before the check-in is flagged, not moved: the user may be about to change it too.
    connect(m_checkIn, &QDateEdit::dateChanged, this, &DeskBookingDialog::revalidate);
    connect(m_checkOut, &QDateEdit::dateChanged, this, &DeskBookingDialog::revalidate);
    connect(m_guests, &QLineEdit::textChanged, this, &DeskBookingDialog::revalidate);
    connect(m_children, &QLineEdit::textChanged, this, &DeskBookingDialog::revalidate);
    connect(m_vehicles, &QLineEdit::textChanged, this, &DeskBookingDialog::revalidate);
    connect(m_points, &QLineEdit::textChanged, this, &DeskBookingDialog::revalidate);
    connect(m_payDeposit, &QRadioButton::toggled, this, &DeskBookingDialog::revalidate);
    revalidate();
    m_unsaved = std::make_unique<UnsavedChanges>(this);
    m_unsaved->markClean();
}

DeskBookingDialog::~DeskBookingDialog() = default;

void DeskBookingDialog::buildExtras(QGroupBox* stay)
{
    m_extras = std::make_unique<ExtrasService>(m_bookings.database());
    Result<QList<Extra>> offered = m_extras->list(true);
    if (!offered.ok() || offered->isEmpty())
        return;
    // Three items a row, each "name (price per unit) [quantity]", so a catalogue of six keeps the dialog short.
    auto* box = new QWidget(stay);
    box->setObjectName(QStringLiteral("extras"));
    auto* grid = new QGridLayout(box);
    grid->setContentsMargins(0, 0, 0, 0);
    int i = 0;
    for (const Extra& extra : offered.value()) {
        auto* quantity = new NumberEdit(box);
        quantity->setObjectName(QStringLiteral("extra-%1").arg(extra.id));
        quantity->setRange(0, ExtrasService::maxQuantity);
        quantity->setEmptyValue(0);
        quantity->setPlaceholderText(QStringLiteral("0"));
        quantity->setMaximumWidth(quantity->fontMetrics().horizontalAdvance(QStringLiteral("0000")) + 16);
        auto* label = new QLabel(
            QStringLiteral("%1 (%2 %3)").arg(extra.name, formatWon(extra.unitPrice), extraUnitName(extra.unit)), box);
        label->setBuddy(quantity);
        grid->addWidget(label, i / 3, (i % 3) * 2);
        grid->addWidget(quantity, i / 3, (i % 3) * 2 + 1);
        m_extraFields.append({ extra, quantity });
        connect(quantity, &QLineEdit::textChanged, this, &DeskBookingDialog::revalidate);
        ++i;
    }
    m_extrasRow = new FieldMessage(box, stay);
    static_cast<QFormLayout*>(stay->layout())->addRow(tr("E&xtras"), m_extrasRow);
}

void DeskBookingDialog::prefill(qint64 campsiteId, const QDate& checkIn, const QDate& checkOut)
{
    const int index = m_campsite->findData(campsiteId);
    if (index >= 0)
        m_campsite->setCurrentIndex(index);
    m_checkIn->setDate(checkIn);
    m_checkOut->setDate(checkOut);
    revalidate();
    if (m_unsaved)
        m_unsaved->markClean(); // what the rack chose is not the user's typing
}

BookingRequest DeskBookingDialog::request() const
{
    BookingRequest r;
    r.campsiteId = m_campsite->currentData().toLongLong();
    r.checkIn = m_checkIn->date();
    r.checkOut = m_checkOut->date();
    r.guests = int(m_guests->number().value_or(0));
    r.children = int(std::clamp<qint64>(m_children->number().value_or(-1), -1, 1000));
    r.vehicles = int(std::clamp<qint64>(m_vehicles->number().value_or(-1), -1, 1000));
    r.customer = m_payer->customer();
    r.pointsToRedeem = m_points->number().value_or(0);
    for (const auto& [extra, field] : m_extraFields) {
        const qint64 quantity = field->number().value_or(-1);
        if (quantity != 0) // a bad number goes to the service, which says what is wrong with it
            r.extras.append({ extra.id, int(std::clamp<qint64>(quantity, -1, 1000)) });
    }
    r.deposit = m_payDeposit && m_payDeposit->isChecked();
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
    // Each field says what is wrong with it, next to it; the first problem also goes under the form.
    const QDate today = QDate::currentDate();
    const QString checkInProblem = r.checkIn < today
        ? tr("Check-in cannot be in the past (today is %1).").arg(QLocale().toString(today, QLocale::ShortFormat))
        : QString();
    const QString checkOutProblem = r.checkOut <= r.checkIn ? tr("Check-out must be after check-in.") : QString();
    m_checkInRow->setMessage(checkInProblem);
    m_checkOutRow->setMessage(checkOutProblem);
    m_guestsRow->setMessage(m_guests->problem());
    m_payer->clearMessages();
    m_childrenRow->setMessage(m_children->problem());
    m_vehiclesRow->setMessage(m_vehicles->problem());
    if (m_extrasRow)
        m_extrasRow->setMessage(QString());
    for (const QString& problem :
         { checkInProblem, checkOutProblem, m_guests->problem(), m_children->problem(), m_vehicles->problem() }) {
        if (m_problem.isEmpty() && !problem.isEmpty())
            m_problem = problem;
    }
    if (m_problem.isEmpty()) {
        if (r.campsiteId == 0)
            m_problem = tr("No campsite can be booked.");
        else if (Status valid = m_bookings.validate(r); !valid.ok()) {
            m_problem = valid.error().message;
            m_payer->showError(valid.error()); // a phone, name or e-mail problem under its field
        }
    }

    // The quote (and the customer's balance) even while the customer's details are still being typed.
    BookingRequest priced = r;
    if (!CustomerService::normalizePhone(priced.customer.phone))
        priced.customer.phone.clear();
    priced.pointsToRedeem = std::max<qint64>(0, priced.pointsToRedeem);
    if (priced.customer.name.isEmpty())
        priced.customer.name = QStringLiteral("-");
    Result<Quote> quote = m_bookings.quote(priced);
    if (quote.ok()) {
        const Quote& q = quote.value();
        m_balance = q.balance;
        m_points->setRange(0, std::min<qint64>(q.balance, q.total));
        // The lines: nights by band and day type with their counts, extra persons, vehicles; then the total.
        QString lines;
        for (const StayLine& line : groupedLines(q.lines))
            lines += QStringLiteral("%1: %2<br>").arg(stayLineText(line).toHtmlEscaped(), formatWon(line.amount));
        m_quote->setText(lines
                         + tr("Total for %n night(s): %1<br>Points used: %2 (balance %3)<br><b>To pay: %4</b> · earns "
                              "%5 points",
                              nullptr, q.nights)
                               .arg(formatWon(q.total), QLocale().toString(q.points), QLocale().toString(q.balance),
                                    formatWon(q.payable), QLocale().toString(q.pointsToEarn))
                         + (q.balanceDue > 0 ? QStringLiteral("<br>")
                                    + tr("<b>Deposit now: %1</b> · balance due at check-in: %2")
                                          .arg(formatWon(q.deposit), formatWon(q.balanceDue))
                                             : QString()));
    } else {
        m_quote->setText(QStringLiteral("<i>%1</i>").arg(quote.error().message.toHtmlEscaped()));
        // A closed date or a minimum stay is about the dates; a party problem about its field.
        const QString field = quote.error().field;
        if (field == QLatin1String("checkIn") && m_checkInRow->message().isEmpty())
            m_checkInRow->setMessage(quote.error().message);
        else if (field == QLatin1String("children"))
            m_childrenRow->setMessage(quote.error().message);
        else if (field == QLatin1String("vehicles"))
            m_vehiclesRow->setMessage(quote.error().message);
        else if (field == QLatin1String("extras") && m_extrasRow)
            m_extrasRow->setMessage(quote.error().message);
        if (m_problem.isEmpty())
            m_problem = quote.error().message;
    }
    // As tall as its lines (a stay over several bands and fees has more), so "To pay" is never cut off.
    // Korean lines are taller than the Latin font's line spacing: the label's own size hint measures them.
    m_quote->setMinimumHeight(std::max(m_quote->sizeHint().height() + m_quote->fontMetrics().lineSpacing() / 2,
                                       m_quote->fontMetrics().lineSpacing()
                                           * std::max<int>(4, int(m_quote->text().count(QLatin1String("<br>"))) + 1)));
    // Points beyond the balance are said, not cut down to it.
    if (const std::optional<qint64> points = m_points->number(); points && *points > m_points->maximum())
        m_pointsRow->setMessage(
            tr("At most %1 points (the balance, up to the price).").arg(QLocale().toString(m_points->maximum())));
    else
        m_pointsRow->setMessage(m_points->problem());
    if (m_problem.isEmpty())
        m_problem = m_pointsRow->message();
    m_message->setText(m_problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_problem.isEmpty());
    updateWaitlistOffer();
}

void DeskBookingDialog::setWaitlistService(WaitlistService* waitlist)
{
    m_waitlist = waitlist;
    if (!m_waitlist || m_waitlistRow)
        return;
    m_waitlistRow = new QWidget(this);
    m_waitlistRow->setObjectName(QStringLiteral("waitlistRow"));
    auto* row = new QHBoxLayout(m_waitlistRow);
    row->setContentsMargins(0, 0, 0, 0);
    m_waitlistText = new QLabel(tr("No site is free for these dates and this many guests."), m_waitlistRow);
    m_waitlistText->setObjectName(QStringLiteral("waitlistText"));
    m_waitlistText->setWordWrap(true);
    m_joinWaitlist = new QPushButton(tr("Join the &waitlist…"), m_waitlistRow);
    m_joinWaitlist->setObjectName(QStringLiteral("joinWaitlist"));
    m_waitlistKind = new QComboBox(m_waitlistRow);
    m_waitlistKind->setObjectName(QStringLiteral("waitlistKind"));
    m_waitlistKind->setToolTip(tr("The kind of site the customer waits for"));
    m_waitlistKind->addItem(tr("Any kind"));
    for (CampsiteKind kind : allCampsiteKinds())
        m_waitlistKind->addItem(campsiteKindName(kind), campsiteKindKey(kind));
    row->addWidget(m_waitlistText, 1);
    row->addWidget(m_waitlistKind);
    row->addWidget(m_joinWaitlist);
    connect(m_joinWaitlist, &QPushButton::clicked, this, &DeskBookingDialog::joinWaitlist);
    auto* box = static_cast<QVBoxLayout*>(layout());
    box->insertWidget(box->indexOf(m_message), m_waitlistRow);
    updateWaitlistOffer();
}

bool DeskBookingDialog::offersWaitlist() const
{
    return m_waitlistRow && !m_waitlistRow->isHidden();
}

void DeskBookingDialog::updateWaitlistOffer()
{
    if (!m_waitlistRow)
        return;
    const BookingRequest r = request();
    bool noneFree = false;
    if (r.checkIn.isValid() && r.checkOut > r.checkIn && r.checkIn >= QDate::currentDate() && r.guests >= 1) {
        Result<QList<Campsite>> free = m_bookings.freeSites(r.checkIn, r.checkOut, r.guests, 0, 1);
        noneFree = free.ok() && free->isEmpty();
    }
    m_waitlistRow->setVisible(noneFree && !m_paying);
    if (!noneFree)
        return;
    // The waitlist needs whom to tell: the name and phone as for a booking.
    WaitlistRequest wish;
    wish.checkIn = r.checkIn;
    wish.checkOut = r.checkOut;
    wish.guests = r.guests;
    wish.customer = r.customer;
    const Status valid = m_waitlist->validate(wish);
    m_joinWaitlist->setEnabled(valid.ok());
    m_joinWaitlist->setToolTip(valid.ok() ? QString() : valid.error().message);
}

void DeskBookingDialog::joinWaitlist()
{
    if (!m_waitlist || m_paying)
        return;
    const BookingRequest r = request();
    WaitlistRequest wish;
    wish.checkIn = r.checkIn;
    wish.checkOut = r.checkOut;
    wish.guests = r.guests;
    wish.customer = r.customer;
    wish.kind = campsiteKindFromKey(m_waitlistKind->currentData().toString());
    const QString dates = QStringLiteral("%1 – %2").arg(QLocale().toString(r.checkIn, QLocale::ShortFormat),
                                                        QLocale().toString(r.checkOut, QLocale::ShortFormat));
    if (!MessageBox::confirm(this, tr("Join the waitlist"),
                             tr("Add %1 (%2) to the waitlist for %3, %n guest(s)? When a site frees up they get an "
                                "offer by text message and e-mail.",
                                nullptr, r.guests)
                                 .arg(r.customer.name, r.customer.phone.trimmed(), dates),
                             tr("Join")))
        return;
    if (Status joined = m_waitlist->join(m_actor, wish); !joined.ok()) {
        m_message->setText(joined.error().message);
        return;
    }
    MessageBox::information(this, tr("Join the waitlist"),
                            tr("%1 is on the waitlist for %2.").arg(r.customer.name, dates));
    QDialog::reject(); // nothing was booked; what was typed is saved in the waitlist
}

void DeskBookingDialog::setPaying(bool paying)
{
    m_paying = paying;
    for (QWidget* w : std::initializer_list<QWidget*> { m_payer, m_campsite, m_checkIn, m_checkOut, m_guests,
                                                        m_children, m_vehicles, m_points, m_cash, m_cardMachine })
        w->setEnabled(!paying);
    if (m_simulated)
        m_simulated->setEnabled(!paying);
    m_buttons->setEnabled(!paying);
    m_progress->setVisible(paying);
    if (paying)
        m_message->clear();
    if (m_waitlistRow && paying)
        m_waitlistRow->hide();
}

void DeskBookingDialog::setGuestDetailsService(GuestDetailsService* guestDetails)
{
    m_guestDetails = guestDetails;
    m_guestBox = new QGroupBox(tr("Guest details (optional)"), this);
    m_guestBox->setObjectName(QStringLiteral("guestDetailsBox"));
    m_guestBox->setCheckable(true);
    m_guestBox->setChecked(false);
    m_guestForm = new GuestDetailsForm(m_guestBox);
    m_guestForm->setVisible(false);
    auto* boxLayout = new QVBoxLayout(m_guestBox);
    boxLayout->addWidget(m_guestForm);
    connect(m_guestBox, &QGroupBox::toggled, m_guestForm, &QWidget::setVisible);
    connect(m_payer->nameEdit(), &QLineEdit::textChanged, m_guestForm, &GuestDetailsForm::setCustomerName);
    // Above the message and the buttons.
    auto* box = static_cast<QVBoxLayout*>(layout());
    box->insertWidget(box->indexOf(m_message), m_guestBox);
}

void DeskBookingDialog::accept()
{
    revalidate();
    if (m_paying || !m_problem.isEmpty())
        return;
    // The guest details are checked before any money moves; they are saved once the booking is paid.
    if (m_guestBox && m_guestBox->isChecked()) {
        Result<GuestDetails> details = m_guestForm->details();
        if (!details.ok())
            return;
        if (Status fits = m_guestDetails->check(request().campsiteId, details.value()); !fits.ok()) {
            m_guestForm->showProblem(fits.error());
            return;
        }
    }
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
        if (m_guestBox && m_guestBox->isChecked()) {
            Result<GuestDetails> details = m_guestForm->details();
            Result<GuestDetails> saved = details.ok() ? m_guestDetails->set(m_actor, m_reservation.id, details.value())
                                                      : Result<GuestDetails>(details.error());
            // The booking is made and paid whatever happens here; its own window (opened next) can set them again.
            if (!saved.ok())
                qWarning("guest details of %s not saved: %s", qPrintable(m_reservation.code),
                         qPrintable(saved.error().message));
        }
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
    if (m_unsaved && !m_unsaved->confirmDiscard(this))
        return;
    QDialog::reject();
}

} // namespace campdesk
