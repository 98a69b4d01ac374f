#include "deskactions.h"

#include "dialogs/adjustpointsdialog.h"
#include "dialogs/changedialog.h"
#include "dialogs/customereditordialog.h"
#include "dialogs/deskbookingdialog.h"
#include "dialogs/groupbookingdialog.h"
#include "dialogs/reservationdialog.h"
#include "dialogs/siteblockdialog.h"
#include "domain/campsiteservice.h"
#include "messagebox.h"
#include "ops/appcontext.h"

#include <QApplication>
#include <QTimer>

namespace campdesk {

namespace {
DeskActions::DialogObserver& observer()
{
    static DeskActions::DialogObserver instance;
    return instance;
}
} // namespace

void DeskActions::setDialogObserverForTesting(DialogObserver o)
{
    observer() = std::move(o);
}

DeskActions::DeskActions(AppContext& context, const Actor& actor, QWidget* window)
    : QObject(window)
    , m_context(context)
    , m_actor(actor)
    , m_window(window)
{
}

// Dialogs are window-modal and not exec()'d, so the window keeps repainting and events keep arriving while the
// desk waits for a payment.
void DeskActions::present(QDialog* dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->show();
    if (observer())
        observer()(dialog);
}

PaymentGateway* DeskActions::cardGateway() const
{
    // As the kiosk pays: the online payment service when this terminal's settings name one, else the (clearly
    // labelled) simulated terminal.
    if (m_context.payments)
        return &m_context.payments->gateway();
    return m_context.simulatedTerminal.get();
}

void DeskActions::newBooking()
{
    newBookingFor(0, QDate::currentDate(), QDate::currentDate().addDays(1));
}

void DeskActions::newBookingFor(qint64 campsiteId, const QDate& checkIn, const QDate& checkOut)
{
    auto* dialog = new DeskBookingDialog(*m_context.bookings, *m_context.customers, *m_context.campsites,
                                         { m_context.deskPayment.get(), cardGateway() }, m_actor, m_window);
    dialog->setGuestDetailsService(m_context.guestDetails.get());
    dialog->setWaitlistService(m_context.waitlist.get());
    if (campsiteId > 0)
        dialog->prefill(campsiteId, checkIn, checkOut);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const qint64 id = dialog->reservation().id;
        emit booked(id);
        openReservation(id); // the receipt and check-in are one click away
    });
    present(dialog);
}

void DeskActions::newGroupBooking()
{
    auto* dialog = new GroupBookingDialog(*m_context.bookings, *m_context.campsites,
                                          { m_context.deskPayment.get(), cardGateway() }, m_actor, m_window);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const BookingGroup& group = dialog->group();
        for (const Reservation& part : group.parts)
            emit booked(part.id);
        if (!group.parts.isEmpty())
            openReservation(group.parts.first().id); // shows the group's code and its other sites
    });
    present(dialog);
}

ReservationDialog* DeskActions::openReservation(qint64 reservationId)
{
    if (reservationId <= 0)
        return nullptr;
    auto* dialog
        = new ReservationDialog(*m_context.bookings, *m_context.guestDetails, reservationId, m_actor, m_window);
    dialog->setCardGateway(cardGateway());
    connect(dialog, &ReservationDialog::changeRequested, this, &DeskActions::changeReservation);
    // The booking's details follow a change made from it.
    connect(this, &DeskActions::changed, dialog, [dialog, reservationId](qint64 id) {
        if (id == reservationId)
            dialog->reload();
    });
    present(dialog);
    return dialog;
}

void DeskActions::takeBalance(qint64 reservationId)
{
    ReservationDialog* dialog = openReservation(reservationId);
    if (!dialog)
        return;
    // After the menu that asked for it has closed: the balance dialog is modal over the booking's.
    QTimer::singleShot(0, dialog, [dialog] { dialog->takeBalance(); });
}

void DeskActions::changeReservation(qint64 reservationId)
{
    changeReservationTo(reservationId, 0, QDate(), QDate());
}

void DeskActions::moveReservation(qint64 reservationId)
{
    if (ChangeDialog* dialog = openChange(reservationId, 0, QDate(), QDate()))
        dialog->focusSite();
}

void DeskActions::changeReservationTo(qint64 reservationId, qint64 campsiteId, const QDate& checkIn,
                                      const QDate& checkOut)
{
    openChange(reservationId, campsiteId, checkIn, checkOut);
}

ChangeDialog* DeskActions::openChange(qint64 reservationId, qint64 campsiteId, const QDate& checkIn,
                                      const QDate& checkOut)
{
    Result<Reservation> r = m_context.bookings->get(reservationId);
    if (!r.ok()) {
        MessageBox::warning(m_window, tr("Change booking"), r.error().message);
        return nullptr;
    }
    QWidget* parent = QApplication::activeModalWidget() ? QApplication::activeModalWidget() : m_window;
    auto* dialog = new ChangeDialog(*m_context.bookings, *m_context.campsites, r.value(), m_actor, parent);
    if (campsiteId > 0)
        dialog->prefill(campsiteId, checkIn, checkOut); // shown for confirmation: a drop never changes silently
    connect(dialog, &QDialog::accepted, this, [this, dialog] { emit changed(dialog->changed().id); });
    present(dialog);
    return dialog;
}

void DeskActions::adjustPoints(qint64 customerId)
{
    present(new AdjustPointsDialog(*m_context.mileage, customerId, m_actor, m_window));
}

void DeskActions::editCustomer(qint64 customerId)
{
    auto* dialog = new CustomerEditorDialog(*m_context.customers, m_actor, customerId, m_window);
    dialog->showHistory(*m_context.bookings, *m_context.mileage);
    present(dialog);
}

void DeskActions::blockDates(qint64 campsiteId, const QDate& from, const QDate& to)
{
    Result<Campsite> site = m_context.campsites->get(campsiteId);
    if (!site.ok()) {
        MessageBox::warning(m_window, tr("Block dates"), site.error().message);
        return;
    }
    // The service lives as long as the dialog (a quick write: it runs on this thread, like a points adjustment).
    auto* blocks = new SiteBlockService(*m_context.db);
    auto* dialog = new SiteBlockDialog(*blocks, campsiteId, QStringLiteral("%1 %2").arg(site->code, site->name), from,
                                       to, m_actor, m_window);
    connect(dialog, &QObject::destroyed, this, [blocks] { delete blocks; });
    present(dialog);
}

void DeskActions::removeBlock(qint64 blockId)
{
    if (!MessageBox::confirm(m_window, tr("Open dates again"),
                             tr("Open these dates again for bookings? The block and its reason are removed."),
                             tr("Open again")))
        return;
    if (Status removed = SiteBlockService(*m_context.db).remove(m_actor, blockId); !removed.ok())
        MessageBox::warning(m_window, tr("Open dates again"), removed.error().message);
}

} // namespace campdesk
