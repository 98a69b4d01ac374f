#include "changedialog.h"

#include "core/money.h"
#include "domain/bookingservice.h"
#include "domain/campsiteservice.h"
#include "domain/serviceflow.h"
#include "fieldmessage.h"
#include "messagebox.h"
#include "numberedit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

namespace campdesk {

namespace {
constexpr int maxGuestsRole = Qt::UserRole + 1; // of a site in the campsite list
} // namespace

ChangeDialog::ChangeDialog(BookingService& bookings, CampsiteService& campsites, const Reservation& reservation,
                           const Actor& actor, QWidget* parent)
    : QDialog(parent)
    , m_bookings(bookings)
    , m_actor(actor)
    , m_reservation(reservation)
    , m_site(new QComboBox(this))
    , m_checkIn(new QDateEdit(this))
    , m_checkOut(new QDateEdit(this))
    , m_guests(new QSpinBox(this))
    , m_children(new QSpinBox(this))
    , m_vehicles(new QSpinBox(this))
    , m_method(new QComboBox(this))
    , m_override(new QCheckBox(tr("Refund another amount"), this))
    , m_refund(new NumberEdit(this))
    , m_reason(new QLineEdit(this))
    , m_quote(new QLabel(this))
    , m_message(new QLabel(this))
    , m_flow(new ServiceFlow(bookings, this))
{
    setObjectName(QStringLiteral("changeDialog"));
    setWindowTitle(tr("Change booking %1").arg(reservation.code));
    setMinimumWidth(460);
    m_site->setObjectName(QStringLiteral("site"));
    if (Result<QList<Campsite>> sites = campsites.list(false); sites.ok()) {
        for (const Campsite& site : sites.value()) {
            if (site.status == CampsiteStatus::Active || site.id == reservation.campsiteId) {
                m_site->addItem(QStringLiteral("%1  %2 (%3)").arg(site.code, site.name, formatWon(site.nightlyPrice)),
                                site.id);
                m_site->setItemData(m_site->count() - 1, site.maxGuests, maxGuestsRole);
            }
        }
    }
    m_site->setCurrentIndex(m_site->findData(reservation.campsiteId));
    for (QDateEdit* edit : { m_checkIn, m_checkOut }) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
    }
    m_checkIn->setObjectName(QStringLiteral("checkIn"));
    m_checkOut->setObjectName(QStringLiteral("checkOut"));
    m_checkIn->setDate(reservation.checkIn);
    m_checkOut->setDate(reservation.checkOut);
    m_guests->setObjectName(QStringLiteral("guests"));
    m_guests->setRange(1, 99);
    m_guests->setValue(reservation.guests);
    // Children and vehicles are read from the booking's priced lines and plates (it keeps no columns for them).
    if (Result<ChangeParty> party = ReservationChangeService(bookings).currentParty(actor, reservation.id); party.ok())
        m_party = party.value();
    m_children->setObjectName(QStringLiteral("children"));
    m_children->setRange(0, std::max(0, reservation.guests - 1));
    m_children->setValue(m_party.children);
    m_children->setToolTip(tr("Of the guests; at least one is an adult"));
    m_vehicles->setObjectName(QStringLiteral("vehicles"));
    m_vehicles->setRange(0, 10); // as a new booking allows
    m_vehicles->setValue(m_party.vehicles);
    m_method->setObjectName(QStringLiteral("method"));
    m_method->addItem(tr("Cash"), QStringLiteral("cash"));
    m_method->addItem(tr("Desk card machine"), QStringLiteral("desk_card"));
    m_override->setObjectName(QStringLiteral("overrideRefund"));
    m_refund->setObjectName(QStringLiteral("refundOverride"));
    m_refund->setRange(0, 100000000);
    m_refund->setEnabled(false);
    m_reason->setObjectName(QStringLiteral("reason"));
    m_reason->setEnabled(false);
    m_reason->setPlaceholderText(tr("Why the refund differs from the rule"));
    m_quote->setObjectName(QStringLiteral("quote"));
    m_quote->setWordWrap(true);
    m_quote->setTextFormat(Qt::RichText);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #c62828;"));

    // A checked-in guest keeps the site and the check-in date: only the end of the stay moves.
    const bool checkedIn = reservation.status == ReservationStatus::CheckedIn;
    m_site->setEnabled(!checkedIn);
    m_checkIn->setEnabled(!checkedIn);

    auto* form = new QFormLayout;
    m_siteRow = new FieldMessage(m_site, this);
    m_checkInRow = new FieldMessage(m_checkIn, this);
    m_checkOutRow = new FieldMessage(m_checkOut, this);
    m_guestsRow = new FieldMessage(m_guests, this, tr("guests"));
    m_childrenRow = new FieldMessage(m_children, this, tr("children"));
    m_vehiclesRow = new FieldMessage(m_vehicles, this, tr("vehicles"));
    m_refundRow = new FieldMessage(m_refund, this, tr("won"));
    m_reasonRow = new FieldMessage(m_reason, this);
    m_methodRow = new FieldMessage(m_method, this); // a refused card charge is said here
    form->addRow(tr("&Campsite:"), m_siteRow);
    form->addRow(tr("Check-&in:"), m_checkInRow);
    form->addRow(tr("Check-&out:"), m_checkOutRow);
    form->addRow(tr("&Guests:"), m_guestsRow);
    form->addRow(tr("Chi&ldren:"), m_childrenRow);
    form->addRow(tr("&Vehicles:"), m_vehiclesRow);
    form->addRow(tr("&Difference paid by:"), m_methodRow);
    form->addRow(QString(), m_override);
    form->addRow(tr("&Refund:"), m_refundRow);
    form->addRow(tr("R&eason:"), m_reasonRow);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_confirm = buttons->addButton(tr("C&hange booking"), QDialogButtonBox::AcceptRole);
    m_confirm->setObjectName(QStringLiteral("confirmChange"));
    auto* layout = new QVBoxLayout(this);
    auto* before = new QLabel(tr("Now: %1 %2, %3 – %4, %n guest(s), paid %5", nullptr, reservation.guests)
                                  .arg(reservation.campsiteCode, reservation.campsiteName,
                                       QLocale().toString(reservation.checkIn, QLocale::ShortFormat),
                                       QLocale().toString(reservation.checkOut, QLocale::ShortFormat),
                                       formatWon(reservation.amount)),
                              this);
    before->setObjectName(QStringLiteral("before"));
    before->setWordWrap(true);
    layout->addWidget(before);
    layout->addLayout(form);
    layout->addWidget(m_quote);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    connect(m_site, &QComboBox::currentIndexChanged, this, &ChangeDialog::requote);
    connect(m_checkIn, &QDateEdit::dateChanged, this, &ChangeDialog::requote);
    connect(m_checkOut, &QDateEdit::dateChanged, this, &ChangeDialog::requote);
    connect(m_site, &QComboBox::currentIndexChanged, this, &ChangeDialog::updateLimits);
    connect(m_guests, &QSpinBox::valueChanged, this, &ChangeDialog::updateLimits);
    connect(m_guests, &QSpinBox::valueChanged, this, &ChangeDialog::requote);
    connect(m_children, &QSpinBox::valueChanged, this, &ChangeDialog::requote);
    connect(m_vehicles, &QSpinBox::valueChanged, this, &ChangeDialog::requote);
    connect(m_refund, &QLineEdit::textChanged, this, &ChangeDialog::requote);
    connect(m_reason, &QLineEdit::textChanged, this, &ChangeDialog::requote);
    connect(m_override, &QCheckBox::toggled, this, [this](bool on) {
        m_refund->setEnabled(on);
        m_reason->setEnabled(on);
        requote();
    });
    connect(m_confirm, &QPushButton::clicked, this, &ChangeDialog::confirm);
    connect(buttons, &QDialogButtonBox::rejected, this, &ChangeDialog::reject);
    connect(m_flow, &ServiceFlow::finished, this, &ChangeDialog::finished);
    updateLimits();
    requote();
}

void ChangeDialog::updateLimits()
{
    // Up to the site's limit, but never lowered below what is asked: a party too big for the chosen site is said
    // next to the guests (the service's message), not silently made smaller.
    const int siteMax = m_site->currentData(maxGuestsRole).toInt();
    if (siteMax > 0) {
        m_guests->setMaximum(std::max(siteMax, m_guests->value()));
        m_guests->setToolTip(tr("This site takes at most %n guest(s)", nullptr, siteMax));
    }
    m_children->setMaximum(std::max(0, m_guests->value() - 1));
}

void ChangeDialog::prefill(qint64 campsiteId, const QDate& checkIn, const QDate& checkOut)
{
    const int index = m_site->findData(campsiteId);
    if (index >= 0)
        m_site->setCurrentIndex(index);
    m_checkIn->setDate(checkIn);
    m_checkOut->setDate(checkOut);
    requote();
}

void ChangeDialog::focusSite()
{
    m_site->setFocus(Qt::OtherFocusReason);
}

ChangeRequest ChangeDialog::request() const
{
    ChangeRequest r;
    r.reservationId = m_reservation.id;
    r.campsiteId = m_site->currentData().toLongLong();
    r.checkIn = m_checkIn->date();
    r.checkOut = m_checkOut->date();
    r.guests = m_guests->value();
    r.children = m_children->value();
    r.vehicles = m_vehicles->value();
    r.method = m_method->currentData().toString();
    r.expectedVersion = m_reservation.version; // another desk's change since then is not overwritten
    if (m_override->isChecked()) {
        r.refundOverride = m_refund->number().value_or(-1);
        r.reason = m_reason->text();
    }
    return r;
}

QString ChangeDialog::quoteText() const
{
    return m_quote->text();
}

bool ChangeDialog::isBusy() const
{
    return m_flow->isRunning();
}

void ChangeDialog::clearErrors()
{
    for (FieldMessage* row : { m_siteRow, m_checkInRow, m_checkOutRow, m_guestsRow, m_childrenRow, m_vehiclesRow,
                               m_refundRow, m_reasonRow, m_methodRow })
        row->setMessage(QString());
    m_message->clear();
}

void ChangeDialog::showError(const Error& error)
{
    const QHash<QString, FieldMessage*> rows {
        { QStringLiteral("campsiteId"), m_siteRow },       { QStringLiteral("checkIn"), m_checkInRow },
        { QStringLiteral("checkOut"), m_checkOutRow },     { QStringLiteral("guests"), m_guestsRow },
        { QStringLiteral("children"), m_childrenRow },     { QStringLiteral("vehicles"), m_vehiclesRow },
        { QStringLiteral("refundOverride"), m_refundRow }, { QStringLiteral("reason"), m_reasonRow },
        { QStringLiteral("method"), m_methodRow }
    };
    if (FieldMessage* row = rows.value(error.field))
        row->setMessage(error.message);
    else
        m_message->setText(error.message);
}

void ChangeDialog::requote()
{
    clearErrors();
    const ChangeRequest asked = request();
    if (asked.campsiteId == m_reservation.campsiteId && asked.checkIn == m_reservation.checkIn
        && asked.checkOut == m_reservation.checkOut && asked.guests == m_reservation.guests
        && asked.children == m_party.children && asked.vehicles == m_party.vehicles) {
        m_quote->setText(tr("Choose another site, other dates or another party."));
        m_confirm->setEnabled(false);
        return;
    }
    ReservationChangeService changes(m_bookings);
    Result<ChangeQuote> q = changes.quoteChange(m_actor, asked);
    if (!q.ok()) {
        m_quote->clear();
        showError(q.error());
        m_confirm->setEnabled(false);
        return;
    }
    QString text = tr("New price: <b>%1</b> for %n night(s).", nullptr, q->newNights).arg(formatWon(q->newPrice));
    // The party it was priced for, so a child or a vehicle added shows where the price came from.
    text += QLatin1Char(' ') + tr("%n guest(s)", nullptr, asked.guests) + QStringLiteral(", ")
        + tr("%n child(ren)", nullptr, q->children) + QStringLiteral(", ") + tr("%n vehicle(s)", nullptr, q->vehicles)
        + QLatin1Char('.');
    if (q->extra > 0 && !q->chargeProvider.isEmpty())
        text += QLatin1Char(' ')
            + tr("To pay now: <b>%1</b>, charged to the guest's card through the payment service; the booking "
                 "changes only once it is approved.")
                  .arg(formatWon(q->extra));
    else if (q->extra > 0)
        text += QLatin1Char(' ') + tr("To pay now at the desk: <b>%1</b>.").arg(formatWon(q->extra));
    else if (q->priceDrop > 0)
        text += QLatin1Char(' ')
            + tr("%1 cheaper; refund <b>%2</b> (%3% by the cancellation rule, %n day(s) before).", nullptr,
                 q->daysBefore)
                  .arg(formatWon(q->priceDrop), formatWon(q->refund))
                  .arg(q->refundPercent);
    if (q->refund > 0 && !q->refundProvider.isEmpty())
        text += QLatin1Char(' ') + tr("It goes back to the guest's card through the payment service.");
    else if (q->newBalanceDue != q->reservation.balanceDue)
        text
            += QLatin1Char(' ') + tr("The balance due at check-in becomes <b>%1</b>.").arg(formatWon(q->newBalanceDue));
    else if (q->extra == 0 && q->priceDrop == 0)
        text += QLatin1Char(' ') + tr("Nothing to pay or refund.");
    if (!m_override->isChecked() && q->priceDrop > 0)
        m_refund->setValue(q->refund);
    // A card paid through the payment service gets its refund back there, and a dearer change is charged to it: the
    // method is that card, not a choice.
    const int card = m_method->findData(QStringLiteral("card"));
    if ((q->refund > 0 && !q->refundProvider.isEmpty()) || (q->extra > 0 && !q->chargeProvider.isEmpty())) {
        if (card < 0)
            m_method->addItem(tr("Card through the payment service"), QStringLiteral("card"));
        m_method->setCurrentIndex(m_method->findData(QStringLiteral("card")));
        m_method->setEnabled(false);
    } else {
        if (card >= 0)
            m_method->removeItem(card);
        m_method->setEnabled(q->extra > 0 || q->refund > 0);
    }
    m_charging = q->extra > 0 && !q->chargeProvider.isEmpty();
    m_quote->setText(text);
    m_confirm->setEnabled(!isBusy());
}

void ChangeDialog::confirm()
{
    if (isBusy())
        return;
    const Actor actor = m_actor;
    const ChangeRequest request = this->request();
    m_confirm->setEnabled(false);
    m_message->setText(tr("Changing the booking…"));
    // Off the GUI thread like the other desk actions: the window keeps painting while the database works.
    // A refund through the payment service is asked on the worker too; how it went comes back in `settlement`.
    m_settlement = std::make_shared<ChangeSettlement>();
    if (request.method == QLatin1String("card"))
        m_message->setText(m_charging
                               ? tr("Charging the guest's card through the payment service, then changing the "
                                    "booking…")
                               : tr("Changing the booking and giving the refund back through the payment service…"));
    m_flow->start([actor, request, settlement = m_settlement](BookingService& bookings) {
        ReservationChangeService changes(bookings);
        return changes.change(actor, request, settlement.get());
    });
}

void ChangeDialog::finished(const ServiceOutcome& outcome)
{
    if (!outcome.ok) {
        m_message->clear();
        showError(outcome.error);
        // No answer about a charge: it is not known whether the card was charged, so no second try from here (the
        // reconciler gives it back if it was taken).
        m_confirm->setEnabled(outcome.error.code != ErrorCode::AlreadyDone
                              && outcome.error.code != ErrorCode::PaymentPending);
        return;
    }
    m_changed = outcome.reservation;
    // The refund's outcome is the staff's to tell the guest: given back, or left to the reconciler.
    if (m_settlement->charged > 0)
        MessageBox::information(this, tr("Booking changed"), m_settlement->message);
    else if (m_settlement->refund == ChangeSettlement::Refund::Done)
        MessageBox::information(this, tr("Booking changed"), m_settlement->message);
    else if (m_settlement->refund != ChangeSettlement::Refund::None)
        MessageBox::warning(this, tr("Booking changed"), m_settlement->message);
    accept();
}

void ChangeDialog::reject()
{
    if (isBusy())
        return; // the change's outcome must be seen
    QDialog::reject();
}

} // namespace campdesk
