#include "reservationdialog.h"

#include "balancedialog.h"
#include "canceldialog.h"
#include "checkoutdialog.h"
#include "core/money.h"
#include "domain/balanceservice.h"
#include "domain/bookingservice.h"
#include "domain/customerservice.h"
#include "domain/groupbookingservice.h"
#include "domain/guestdetailsservice.h"
#include "domain/noshowservice.h"
#include "domain/reservationchange.h"
#include "domain/serviceflow.h"
#include "domain/statustext.h"
#include "domain/stayundoservice.h"
#include "groupchangedialog.h"
#include "guestdetailsform.h"
#include "mainwindow.h"
#include "messagebox.h"
#include "receiptprinter.h"
#include "statusdelegate.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMainWindow>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QVBoxLayout>

namespace campdesk {

ReservationDialog::ReservationDialog(BookingService& bookings, qint64 reservationId, const Actor& actor,
                                     QWidget* parent)
    : QDialog(parent)
    , m_bookings(bookings)
    , m_actor(actor)
    , m_details(new QLabel(this))
    , m_message(new QLabel(this))
    , m_outcome(new QLabel(this))
    , m_checkIn(new QPushButton(tr("Check &in"), this))
    , m_checkOut(new QPushButton(tr("Check &out"), this))
    , m_takeBalance(new QPushButton(tr("Take &balance…"), this))
    , m_cancel(new QPushButton(tr("&Cancel booking…"), this))
    , m_change(new QPushButton(tr("C&hange…"), this))
    , m_noShow(new QPushButton(tr("Mark &no-show…"), this))
    , m_undo(new QPushButton(tr("&Undo check-in"), this))
    , m_cancelGroup(new QPushButton(tr("Cancel the whole &group…"), this))
    , m_changeGroup(new QPushButton(tr("Chang&e the whole group…"), this))
    , m_flow(new ServiceFlow(bookings, this))
{
    setObjectName(QStringLiteral("reservationDialog"));
    setMinimumWidth(460);
    m_reservation.id = reservationId;
    m_details->setObjectName(QStringLiteral("details"));
    m_details->setTextFormat(Qt::RichText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_outcome->setObjectName(QStringLiteral("outcome"));
    m_outcome->setWordWrap(true);
    m_outcome->setVisible(false);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_checkIn->setObjectName(QStringLiteral("checkIn"));
    m_checkOut->setObjectName(QStringLiteral("checkOut"));
    m_takeBalance->setObjectName(QStringLiteral("takeBalance"));
    m_takeBalance->setToolTip(tr("Take the balance still due (cash, card machine or card)"));
    m_cancel->setObjectName(QStringLiteral("cancelBooking"));
    m_change->setObjectName(QStringLiteral("changeBooking"));
    m_change->setToolTip(tr("Move to another site, change the dates or the number of guests"));
    m_noShow->setObjectName(QStringLiteral("markNoShow"));
    m_undo->setObjectName(QStringLiteral("undoStep"));
    m_cancelGroup->setObjectName(QStringLiteral("cancelGroup"));
    m_cancelGroup->hide(); // shown for a part of a group booking
    m_changeGroup->setObjectName(QStringLiteral("changeGroup"));
    m_changeGroup->setToolTip(tr("Move every site of the group by the same number of days, or make every stay longer "
                                 "or shorter"));
    m_changeGroup->hide();
    auto* print = new QPushButton(tr("&Print receipt…"), this);
    print->setObjectName(QStringLiteral("printReceipt"));
    auto* pdf = new QPushButton(tr("Save receipt as &PDF…"), this);
    pdf->setObjectName(QStringLiteral("saveReceipt"));

    // Two rows, so that no button is squeezed on a 1024-pixel screen: the stay (arrive, leave, pay what is owed, undo
    // the day's step), then the booking (change it, no-show, cancel).
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_checkIn);
    actions->addWidget(m_checkOut);
    actions->addWidget(m_takeBalance);
    actions->addWidget(m_undo);
    actions->addStretch(1);
    auto* bookingActions = new QHBoxLayout;
    bookingActions->addWidget(m_change);
    bookingActions->addWidget(m_noShow);
    bookingActions->addWidget(m_cancel);
    bookingActions->addStretch(1);
    auto* output = new QHBoxLayout;
    output->addWidget(print);
    output->addWidget(pdf);
    output->addStretch(1);
    output->addWidget(m_changeGroup);
    output->addWidget(m_cancelGroup);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_others = { print, pdf, close->button(QDialogButtonBox::Close) };

    m_extrasBox = new QGroupBox(tr("Extras"), this);
    m_extrasBox->setObjectName(QStringLiteral("extrasBox"));
    new QVBoxLayout(m_extrasBox);
    m_extrasBox->hide();

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_details);
    layout->addWidget(m_extrasBox);
    layout->addWidget(m_outcome);
    layout->addWidget(m_message);
    m_saved = new QLabel(this);
    m_saved->setObjectName(QStringLiteral("savedTo"));
    m_saved->setWordWrap(true);
    layout->addWidget(m_saved);
    layout->addLayout(actions);
    layout->addLayout(bookingActions);
    layout->addLayout(output);
    layout->addWidget(close);

    connect(m_checkIn, &QPushButton::clicked, this, &ReservationDialog::checkIn);
    connect(m_checkOut, &QPushButton::clicked, this, &ReservationDialog::checkOut);
    connect(m_takeBalance, &QPushButton::clicked, this, &ReservationDialog::takeBalance);
    connect(m_cancel, &QPushButton::clicked, this, &ReservationDialog::cancelReservation);
    connect(m_cancelGroup, &QPushButton::clicked, this, &ReservationDialog::cancelGroup);
    connect(m_changeGroup, &QPushButton::clicked, this, &ReservationDialog::changeGroup);
    connect(m_change, &QPushButton::clicked, this, [this] {
        if (!isBusy())
            emit changeRequested(m_reservation.id);
    });
    connect(m_noShow, &QPushButton::clicked, this, &ReservationDialog::markNoShow);
    connect(m_undo, &QPushButton::clicked, this, &ReservationDialog::undoLastStep);
    connect(print, &QPushButton::clicked, this, &ReservationDialog::printReceipt);
    connect(pdf, &QPushButton::clicked, this, &ReservationDialog::saveReceiptPdf);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_flow, &ServiceFlow::finished, this, &ReservationDialog::cancelFinished);
    reload();
}

ReservationDialog::ReservationDialog(BookingService& bookings, GuestDetailsService& guestDetails, qint64 reservationId,
                                     const Actor& actor, QWidget* parent)
    : ReservationDialog(bookings, reservationId, actor, parent)
{
    m_guestDetails = &guestDetails;
    auto* box = new QGroupBox(tr("Guest details"), this);
    box->setObjectName(QStringLiteral("guestDetailsBox"));
    m_guestForm = new GuestDetailsForm(box);
    m_saveGuestDetails = new QPushButton(tr("&Save details"), box);
    m_saveGuestDetails->setObjectName(QStringLiteral("saveGuestDetails"));
    m_guestDetailsState = new QLabel(box);
    m_guestDetailsState->setObjectName(QStringLiteral("guestDetailsState"));
    m_guestDetailsState->setWordWrap(true);
    auto* save = new QHBoxLayout;
    save->addWidget(m_guestDetailsState, 1);
    save->addWidget(m_saveGuestDetails);
    auto* boxLayout = new QVBoxLayout(box);
    boxLayout->addWidget(m_guestForm);
    boxLayout->addLayout(save);
    // Under the booking's own details, above its messages and actions.
    static_cast<QVBoxLayout*>(layout())->insertWidget(1, box);
    connect(m_saveGuestDetails, &QPushButton::clicked, this, &ReservationDialog::saveGuestDetails);
    connect(m_guestForm, &GuestDetailsForm::edited, this, [this] {
        m_guestDetailsState->clear();
        m_saveGuestDetails->setEnabled(m_guestForm->details().ok());
    });
    loadGuestDetails();
}

void ReservationDialog::loadGuestDetails()
{
    m_guestForm->setCustomerName(m_reservation.customerName);
    Result<GuestDetails> loaded = m_guestDetails->get(m_actor, m_reservation.id);
    if (!loaded.ok()) {
        m_guestForm->setEnabled(false);
        m_saveGuestDetails->setEnabled(false);
        m_guestDetailsState->setText(loaded.error().message);
        return;
    }
    GuestDetails shown = loaded.value();
    // A stay booked in the customer's own name shows an empty field with the customer's name as its placeholder.
    if (shown.guestName == m_reservation.customerName)
        shown.guestName.clear();
    m_guestForm->setDetails(shown);
    m_saveGuestDetails->setEnabled(false);
}

void ReservationDialog::saveGuestDetails()
{
    Result<GuestDetails> typed = m_guestForm->details();
    if (!typed.ok())
        return;
    Result<GuestDetails> saved = m_guestDetails->set(m_actor, m_reservation.id, typed.value());
    if (!saved.ok()) {
        if (!m_guestForm->showProblem(saved.error()))
            m_guestDetailsState->setText(saved.error().message);
        return;
    }
    reload(); // the "Staying" line
    m_saveGuestDetails->setEnabled(false);
    m_guestDetailsState->setText(tr("Guest details saved."));
}

void ReservationDialog::loadExtras()
{
    auto* box = static_cast<QVBoxLayout*>(m_extrasBox->layout());
    while (QLayoutItem* item = box->takeAt(0)) {
        if (QWidget* w = item->widget()) { // later: this may run from one of its own signals
            w->hide();
            w->deleteLater();
        }
        delete item;
    }
    ExtrasService extras(m_bookings.database());
    Result<QList<StayLine>> lines = extras.linesOf(m_reservation.id);
    m_extrasBox->setVisible(lines.ok() && !lines->isEmpty());
    if (!lines.ok())
        return;
    // Consumed extras are neither refunded nor restocked when the booking is cancelled: staff tick what was used.
    const bool standing = m_reservation.status == ReservationStatus::Confirmed
        || m_reservation.status == ReservationStatus::CheckedIn
        || m_reservation.status == ReservationStatus::CheckedOut;
    for (const StayLine& line : lines.value()) {
        auto* used = new QCheckBox(tr("%1: %2 — used (not refunded)").arg(stayLineText(line), formatWon(line.amount)),
                                   m_extrasBox);
        used->setObjectName(QStringLiteral("consumed-%1").arg(line.id));
        used->setChecked(line.consumed);
        used->setEnabled(standing);
        box->addWidget(used);
        const qint64 lineId = line.id;
        connect(used, &QCheckBox::toggled, this, [this, lineId](bool consumed) {
            Status done = ExtrasService(m_bookings.database()).setConsumed(m_actor, lineId, consumed);
            m_message->setText(done.ok() ? QString() : done.error().message);
            if (!done.ok())
                reload();
        });
    }
}

bool ReservationDialog::reload()
{
    Result<Reservation> r = m_bookings.get(m_reservation.id);
    if (!r.ok()) {
        m_message->setText(r.error().message);
        return false;
    }
    show(r.value());
    return true;
}

void ReservationDialog::show(const Reservation& r)
{
    m_reservation = r;
    setWindowTitle(tr("Booking %1").arg(r.code));
    const QLocale locale;
    const QString statusKey = reservationStatusKey(r.status);
    const QColor color = StatusDelegate::color(QStringLiteral("reservation"), statusKey);
    auto line = [](const QString& label, const QString& value) {
        return QStringLiteral("<tr><td style='color:gray;padding-right:14px'>%1</td><td>%2</td></tr>")
            .arg(label.toHtmlEscaped(), value);
    };
    QString rows;
    rows += line(tr("Status"),
                 QStringLiteral("<span style='background:%1;color:white'>&nbsp;%2&nbsp;</span>")
                     .arg(color.name(), StatusText::name(QStringLiteral("reservation"), statusKey)));
    rows += line(tr("Campsite"), QStringLiteral("%1 %2").arg(r.campsiteCode, r.campsiteName).toHtmlEscaped());
    rows += line(
        tr("Guest"),
        QStringLiteral("%1 · %2").arg(r.customerName, CustomerService::formatPhone(r.customerPhone)).toHtmlEscaped());
    if (!r.guestName.trimmed().isEmpty() && r.guestName.trimmed() != r.customerName)
        rows += line(tr("Staying"), r.guestName.toHtmlEscaped());
    rows += line(
        tr("Stay"),
        tr("%1 – %2 (%n night(s))", nullptr, r.nights())
            .arg(locale.toString(r.checkIn, QLocale::ShortFormat), locale.toString(r.checkOut, QLocale::ShortFormat))
            .toHtmlEscaped());
    rows += line(tr("Guests"), QString::number(r.guests));
    rows += line(tr("Paid"),
                 formatWon(r.amount).toHtmlEscaped()
                     + (r.pointsUsed ? QStringLiteral(" + %1 P").arg(locale.toString(r.pointsUsed)) : QString()));
    if (r.balanceDue > 0)
        rows += line(tr("Balance due"),
                     QStringLiteral("<b style='color:#c62828'>%1</b>").arg(formatWon(r.balanceDue).toHtmlEscaped()));
    rows += line(tr("Channel"), StatusText::name(QStringLiteral("channel"), r.channel));
    if (r.status == ReservationStatus::Cancelled) {
        rows += line(tr("Refunded"), formatWon(r.refundAmount).toHtmlEscaped());
        rows += line(tr("Reason"), StatusText::name(QStringLiteral("cancelReason"), r.cancelReason).toHtmlEscaped());
    } else if (r.status == ReservationStatus::NoShow) {
        rows += line(tr("Refunded"), formatWon(r.refundAmount).toHtmlEscaped());
    }
    // A part of a group booking names its group and the group's other sites.
    const Result<BookingGroup> group = GroupBookingService(m_bookings).forReservation(r.id);
    m_groupId = group.ok() ? group->id : 0;
    if (group.ok()) {
        QStringList others;
        for (const Reservation& part : group->parts) {
            if (part.id != r.id)
                others << QStringLiteral("%1 (%2)").arg(part.campsiteCode, part.code);
        }
        rows += line(tr("Group"),
                     QStringLiteral("<b>%1</b> · %2")
                         .arg(group->code.toHtmlEscaped(),
                              tr("with %1").arg(others.join(QStringLiteral(", "))).toHtmlEscaped()));
    }
    m_cancelGroup->setVisible(group.ok());
    m_cancelGroup->setEnabled(group.ok() && group->count(ReservationStatus::Confirmed) > 0);
    m_changeGroup->setVisible(group.ok());
    m_changeGroup->setEnabled(
        group.ok() && group->count(ReservationStatus::Confirmed) + group->count(ReservationStatus::CheckedIn) > 0);
    m_details->setText(QStringLiteral("<h2>%1</h2><table>%2</table>").arg(r.code.toHtmlEscaped(), rows));
    loadExtras();

    const QDate today = QDate::currentDate();
    m_checkIn->setEnabled(r.status == ReservationStatus::Confirmed && r.checkIn <= today);
    m_checkIn->setToolTip(r.checkIn > today
                              ? tr("Check-in opens on %1").arg(locale.toString(r.checkIn, QLocale::ShortFormat))
                              : QString());
    m_checkOut->setEnabled(r.status == ReservationStatus::CheckedIn);
    // Shown only while something is owed: before arrival, on site (let in without it) or after leaving owing it.
    m_takeBalance->setVisible(r.balanceDue > 0
                              && (r.status == ReservationStatus::Confirmed || r.status == ReservationStatus::CheckedIn
                                  || r.status == ReservationStatus::CheckedOut));
    m_takeBalance->setEnabled(m_takeBalance->isVisibleTo(this));
    m_cancel->setEnabled(r.status == ReservationStatus::Confirmed);
    m_change->setEnabled(r.status == ReservationStatus::Confirmed || r.status == ReservationStatus::CheckedIn);
    // From the day after arrival; the service says when the cutoff has not come yet.
    m_noShow->setEnabled(r.status == ReservationStatus::Confirmed && r.checkIn < today);
    m_undo->setText(r.status == ReservationStatus::CheckedOut ? tr("&Undo check-out") : tr("&Undo check-in"));
    const Result<bool> undoable = StayUndoService(m_bookings.database()).canUndo(r.id);
    m_undo->setEnabled((r.status == ReservationStatus::CheckedIn || r.status == ReservationStatus::CheckedOut)
                       && undoable.ok() && undoable.value());
}

QString ReservationDialog::stayDescription() const
{
    const QLocale locale;
    const Reservation& r = m_reservation;
    return tr("%1 at %2 %3 (%4 – %5)")
        .arg(r.guestName.isEmpty() ? r.customerName : r.guestName, r.campsiteCode, r.campsiteName,
             locale.toString(r.checkIn, QLocale::ShortFormat), locale.toString(r.checkOut, QLocale::ShortFormat));
}

void ReservationDialog::run(const QString& progress, std::function<Result<Reservation>(BookingService&)> call)
{
    if (isBusy())
        return;
    setBusy(true);
    m_message->setText(progress);
    m_outcome->clear();
    m_outcome->setVisible(false);
    m_flow->start(std::move(call));
}

void ReservationDialog::checkIn()
{
    if (isBusy())
        return;
    const Actor actor = m_actor;
    const qint64 id = m_reservation.id;
    if (m_reservation.balanceDue > 0) {
        // A deposit booking: the balance first (amount and method), taken in the check-in's own transaction. The
        // balance dialog takes it on its worker and stays open after a refusal, which it shows by the way of paying.
        BalanceDialog dialog(m_bookings, m_reservation, m_actor, m_cardGateway, this);
        const bool checkedIn = dialog.exec() == QDialog::Accepted;
        if (checkedIn) {
            m_message->clear();
            show(dialog.reservation());
        } else {
            reload(); // a payment left pending, or another terminal's change meanwhile
            m_message->setText(dialog.lastError());
        }
        return;
    }
    if (!MessageBox::confirm(this, tr("Check in"), tr("Check in %1?").arg(stayDescription()), tr("Check in")))
        return;
    run(tr("Checking in…"), [actor, id](BookingService& bookings) { return bookings.checkIn(actor, id); });
}

void ReservationDialog::checkOut()
{
    if (isBusy())
        return;
    const Actor actor = m_actor;
    const qint64 id = m_reservation.id;
    bool balanceTaken = false;
    if (m_reservation.balanceDue > 0) {
        // The balance first: taken now in the balance dialog, then the guest checks out; or not now, and the
        // check-out question says it stays due.
        if (MessageBox::confirm(this, tr("Balance due"),
                                tr("Balance due %1 — take payment now?").arg(formatWon(m_reservation.balanceDue)),
                                tr("Take payment"))) {
            if (!takeBalance())
                return;
            balanceTaken = true;
        }
    }
    // Leaving before the last night: the nights freed and the refund for them, shown (and changed by staff) first.
    if (const Result<DepartureQuote> leaving = m_bookings.quoteCheckOut(m_actor, id);
        leaving.ok() && leaving->early()) {
        CheckOutDialog dialog(m_bookings, m_reservation, m_actor, stayDescription(), this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        const CheckOutOptions options = dialog.options();
        std::shared_ptr<QString> note = m_outcomeNote;
        run(tr("Checking out…"), [actor, id, options, note](BookingService& bookings) {
            ChangeSettlement settled;
            Result<Reservation> out = bookings.checkOut(actor, id, options, &settled);
            *note = out.ok() ? settled.message : QString();
            return out;
        });
        return;
    }
    if (balanceTaken) { // asked already: the balance was taken to check the guest out
        run(tr("Checking out…"), [actor, id](BookingService& bookings) { return bookings.checkOut(actor, id); });
        return;
    }
    QString question = tr("Check out %1?").arg(stayDescription());
    if (m_reservation.balanceDue > 0)
        question += QLatin1Char(' ')
            + tr("The balance of %1 stays due; it can be taken from the booking later.")
                  .arg(formatWon(m_reservation.balanceDue));
    if (!MessageBox::confirm(this, tr("Check out"), question, tr("Check out")))
        return;
    run(tr("Checking out…"), [actor, id](BookingService& bookings) { return bookings.checkOut(actor, id); });
}

bool ReservationDialog::takeBalance()
{
    if (isBusy() || m_reservation.balanceDue <= 0)
        return false;
    BalanceDialog dialog(m_bookings, m_reservation, m_actor, m_cardGateway, this, BalanceDialog::Purpose::Payment);
    const bool taken = dialog.exec() == QDialog::Accepted;
    reload(); // the balance taken, a payment left pending, or another terminal's change meanwhile
    m_message->setText(taken ? QString() : dialog.lastError());
    return taken;
}

void ReservationDialog::markNoShow()
{
    if (isBusy())
        return;
    NoShowService noShows(m_bookings);
    const Result<qint64> refund = noShows.refundIfMarked(m_actor, m_reservation.id);
    if (!refund.ok()) {
        m_message->setText(refund.error().message);
        return;
    }
    const QString question = tr("Mark %1 as a no-show? The nights from today on become free, the points it earned are "
                                "taken back and the customer is told. Refund by the rule: %2.")
                                 .arg(stayDescription(), formatWon(refund.value()));
    if (!MessageBox::confirm(this, tr("No-show"), question, tr("Mark no-show")))
        return;
    const Actor actor = m_actor;
    const qint64 id = m_reservation.id;
    run(tr("Marking as a no-show…"),
        [actor, id](BookingService& bookings) { return NoShowService(bookings).markNoShow(actor, id); });
}

void ReservationDialog::undoLastStep()
{
    if (isBusy())
        return;
    const bool out = m_reservation.status == ReservationStatus::CheckedOut;
    const QString question = out
        ? tr("Undo the check-out of %1? The guest is on site again.").arg(stayDescription())
        : tr("Undo the check-in of %1? The booking is paid and waiting for the guest again.").arg(stayDescription());
    if (!MessageBox::confirm(this, out ? tr("Undo check-out") : tr("Undo check-in"), question, tr("Undo")))
        return;
    const Actor actor = m_actor;
    const qint64 id = m_reservation.id;
    run(tr("Undoing…"), [actor, id, out](BookingService& bookings) {
        StayUndoService undo(bookings.database());
        return out ? undo.undoCheckOut(actor, id) : undo.undoCheckIn(actor, id);
    });
}

void ReservationDialog::cancelReservation()
{
    if (isBusy())
        return;
    CancelDialog dialog(m_bookings, m_reservation, m_actor, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    // The refund waits for the payment provider: it runs on a worker; this dialog keeps painting meanwhile.
    const Actor actor = m_actor;
    const CancelRequest request = dialog.request();
    setBusy(true);
    m_message->setText(tr("Refunding through the payment provider…"));
    m_flow->start([actor, request](BookingService& bookings) { return bookings.cancel(actor, request); });
}

void ReservationDialog::cancelGroup()
{
    if (isBusy() || m_groupId == 0)
        return;
    Result<BookingGroup> group = GroupBookingService(m_bookings).get(m_groupId);
    if (!group.ok()) {
        m_message->setText(group.error().message);
        return;
    }
    // The refund of each site by the rule, shown before anything is cancelled.
    QStringList lines;
    qint64 total = 0;
    for (const Reservation& part : group->parts) {
        if (part.status != ReservationStatus::Confirmed)
            continue;
        CancelRequest request;
        request.reservationId = part.id;
        Result<CancelQuote> quote = m_bookings.cancellationQuote(m_actor, request);
        if (!quote.ok()) {
            m_message->setText(quote.error().message);
            return;
        }
        total += quote->refund;
        lines << tr("%1 %2: refund %3 (%4%)")
                     .arg(part.campsiteCode, part.code, formatWon(quote->refund))
                     .arg(quote->refundPercent);
    }
    const QString text = tr("Cancel every site of group %1 still booked?").arg(group->code) + QStringLiteral("\n\n")
        + lines.join(QLatin1Char('\n')) + QStringLiteral("\n\n") + tr("Refund in all: %1").arg(formatWon(total));
    if (!MessageBox::confirm(this, tr("Cancel group"), text, tr("Cancel the &group")))
        return;
    const Actor actor = m_actor;
    const qint64 groupId = m_groupId;
    const qint64 id = m_reservation.id;
    setBusy(true);
    m_message->setText(tr("Refunding through the payment provider…"));
    m_flow->start([actor, groupId, id](BookingService& bookings) -> Result<Reservation> {
        Result<BookingGroup> cancelled = GroupBookingService(bookings).cancelGroup(actor, groupId);
        if (!cancelled.ok())
            return cancelled.error();
        return bookings.get(id);
    });
}

void ReservationDialog::changeGroup()
{
    if (isBusy() || m_groupId == 0)
        return;
    GroupBookingService groups(m_bookings);
    Result<BookingGroup> group = groups.get(m_groupId);
    if (!group.ok()) {
        m_message->setText(group.error().message);
        return;
    }
    GroupChangeDialog dialog(groups, group.value(), m_actor, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    // All the group's sites in one transaction, through the worker as the other steps here.
    const Actor actor = m_actor;
    const GroupChangeRequest request = dialog.request();
    const qint64 id = m_reservation.id;
    setBusy(true);
    m_message->setText(tr("Changing every site of the group…"));
    m_flow->start([actor, request, id](BookingService& bookings) -> Result<Reservation> {
        Result<BookingGroup> changed = GroupBookingService(bookings).changeGroup(actor, request);
        if (!changed.ok())
            return changed.error();
        return bookings.get(id);
    });
}

void ReservationDialog::cancelFinished(const ServiceOutcome& outcome)
{
    setBusy(false);
    if (!outcome.ok) {
        m_message->setText(outcome.error.message);
        return;
    }
    m_message->clear();
    // What happened to the money (a refund to hand back at the desk, or how the payment service answered).
    m_outcome->setText(*m_outcomeNote);
    m_outcome->setVisible(!m_outcome->text().isEmpty());
    m_outcomeNote->clear();
    show(outcome.reservation);
}

bool ReservationDialog::isBusy() const
{
    return m_flow->isRunning();
}

void ReservationDialog::setBusy(bool busy)
{
    for (QPushButton* button : m_others)
        button->setEnabled(!busy);
    if (busy) {
        for (QPushButton* button : { m_checkIn, m_checkOut, m_takeBalance, m_cancel, m_change, m_noShow, m_undo,
                                     m_cancelGroup, m_changeGroup })
            button->setEnabled(false);
    } else {
        show(m_reservation); // the actions as the booking allows
    }
}

void ReservationDialog::reject()
{
    if (isBusy())
        return;
    QDialog::reject();
}

void ReservationDialog::printReceipt()
{
    Result<ReceiptDetails> details = ReceiptQuery::details(m_bookings, m_reservation.id);
    if (!details.ok()) {
        m_message->setText(details.error().message);
        return;
    }
    ReceiptPrinter::print(details.value(), this);
}

void ReservationDialog::saveReceiptPdf()
{
    const QString suggested = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                  .filePath(tr("receipt-%1.pdf").arg(m_reservation.code));
    const QString path = MainWindow::askSaveFileName(this, tr("Save receipt"), suggested, tr("PDF files (*.pdf)"));
    if (path.isEmpty())
        return;
    Result<ReceiptDetails> details = ReceiptQuery::details(m_bookings, m_reservation.id);
    QString error = details.ok() ? QString() : details.error().message;
    if (!details.ok() || !ReceiptPrinter::writePdf(details.value(), path, &error)) {
        MessageBox::warning(this, tr("Save receipt"), tr("Could not write %1: %2").arg(path, error));
        return;
    }
    // Say where it went: in the main window's status bar, and here (the dialog may cover the status bar).
    const QString saved = tr("Receipt saved to %1").arg(QDir::toNativeSeparators(path));
    for (QWidget* w = parentWidget(); w; w = w->parentWidget()) {
        if (auto* main = qobject_cast<QMainWindow*>(w)) {
            main->statusBar()->showMessage(saved, 10000);
            break;
        }
    }
    m_saved->setText(saved);
}

} // namespace campdesk
