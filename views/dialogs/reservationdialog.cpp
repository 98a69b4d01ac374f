#include "reservationdialog.h"

#include "canceldialog.h"
#include "core/money.h"
#include "domain/bookingservice.h"
#include "domain/customerservice.h"
#include "domain/serviceflow.h"
#include "domain/statustext.h"
#include "mainwindow.h"
#include "messagebox.h"
#include "receiptprinter.h"
#include "statusdelegate.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
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
    , m_checkIn(new QPushButton(tr("Check &in"), this))
    , m_checkOut(new QPushButton(tr("Check &out"), this))
    , m_cancel(new QPushButton(tr("&Cancel booking…"), this))
    , m_change(new QPushButton(tr("C&hange…"), this))
    , m_flow(new ServiceFlow(bookings, this))
{
    setObjectName(QStringLiteral("reservationDialog"));
    setMinimumWidth(460);
    m_reservation.id = reservationId;
    m_details->setObjectName(QStringLiteral("details"));
    m_details->setTextFormat(Qt::RichText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_checkIn->setObjectName(QStringLiteral("checkIn"));
    m_checkOut->setObjectName(QStringLiteral("checkOut"));
    m_cancel->setObjectName(QStringLiteral("cancelBooking"));
    m_change->setObjectName(QStringLiteral("changeBooking"));
    m_change->setToolTip(tr("Move to another site, change the dates or the number of guests"));
    auto* print = new QPushButton(tr("&Print receipt…"), this);
    print->setObjectName(QStringLiteral("printReceipt"));
    auto* pdf = new QPushButton(tr("Save receipt as &PDF…"), this);
    pdf->setObjectName(QStringLiteral("saveReceipt"));

    auto* actions = new QHBoxLayout;
    actions->addWidget(m_checkIn);
    actions->addWidget(m_checkOut);
    actions->addWidget(m_change);
    actions->addWidget(m_cancel);
    actions->addStretch(1);
    auto* output = new QHBoxLayout;
    output->addWidget(print);
    output->addWidget(pdf);
    output->addStretch(1);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_others = { print, pdf, close->button(QDialogButtonBox::Close) };

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_details);
    layout->addWidget(m_message);
    m_saved = new QLabel(this);
    m_saved->setObjectName(QStringLiteral("savedTo"));
    m_saved->setWordWrap(true);
    layout->addWidget(m_saved);
    layout->addLayout(actions);
    layout->addLayout(output);
    layout->addWidget(close);

    connect(m_checkIn, &QPushButton::clicked, this, &ReservationDialog::checkIn);
    connect(m_checkOut, &QPushButton::clicked, this, &ReservationDialog::checkOut);
    connect(m_cancel, &QPushButton::clicked, this, &ReservationDialog::cancelReservation);
    connect(m_change, &QPushButton::clicked, this, [this] {
        if (!isBusy())
            emit changeRequested(m_reservation.id);
    });
    connect(print, &QPushButton::clicked, this, &ReservationDialog::printReceipt);
    connect(pdf, &QPushButton::clicked, this, &ReservationDialog::saveReceiptPdf);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_flow, &ServiceFlow::finished, this, &ReservationDialog::cancelFinished);
    reload();
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
    rows += line(
        tr("Stay"),
        tr("%1 – %2 (%n night(s))", nullptr, r.nights())
            .arg(locale.toString(r.checkIn, QLocale::ShortFormat), locale.toString(r.checkOut, QLocale::ShortFormat))
            .toHtmlEscaped());
    rows += line(tr("Guests"), QString::number(r.guests));
    rows += line(tr("Paid"),
                 formatWon(r.amount).toHtmlEscaped()
                     + (r.pointsUsed ? QStringLiteral(" + %1 P").arg(locale.toString(r.pointsUsed)) : QString()));
    rows += line(tr("Channel"), StatusText::name(QStringLiteral("channel"), r.channel));
    if (r.status == ReservationStatus::Cancelled) {
        rows += line(tr("Refunded"), formatWon(r.refundAmount).toHtmlEscaped());
        rows += line(tr("Reason"), StatusText::name(QStringLiteral("cancelReason"), r.cancelReason).toHtmlEscaped());
    }
    m_details->setText(QStringLiteral("<h2>%1</h2><table>%2</table>").arg(r.code.toHtmlEscaped(), rows));

    const QDate today = QDate::currentDate();
    m_checkIn->setEnabled(r.status == ReservationStatus::Confirmed && r.checkIn <= today);
    m_checkIn->setToolTip(r.checkIn > today
                              ? tr("Check-in opens on %1").arg(locale.toString(r.checkIn, QLocale::ShortFormat))
                              : QString());
    m_checkOut->setEnabled(r.status == ReservationStatus::CheckedIn);
    m_cancel->setEnabled(r.status == ReservationStatus::Confirmed);
    m_change->setEnabled(r.status == ReservationStatus::Confirmed || r.status == ReservationStatus::CheckedIn);
}

void ReservationDialog::checkIn()
{
    Result<Reservation> r = m_bookings.checkIn(m_actor, m_reservation.id);
    if (!r.ok()) {
        m_message->setText(r.error().message);
        return;
    }
    m_message->clear();
    show(r.value());
}

void ReservationDialog::checkOut()
{
    Result<Reservation> r = m_bookings.checkOut(m_actor, m_reservation.id);
    if (!r.ok()) {
        m_message->setText(r.error().message);
        return;
    }
    m_message->clear();
    show(r.value());
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

void ReservationDialog::cancelFinished(const ServiceOutcome& outcome)
{
    setBusy(false);
    if (!outcome.ok) {
        m_message->setText(outcome.error.message);
        return;
    }
    m_message->clear();
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
        for (QPushButton* button : { m_checkIn, m_checkOut, m_cancel, m_change })
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
