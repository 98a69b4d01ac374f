#include "receiptprinter.h"

#include "core/money.h"
#include "domain/customerservice.h"
#include "domain/statustext.h"

#include <QDateTime>
#include <QFile>
#include <QLocale>
#include <QPageSize>
#include <QPdfWriter>
#include <QPrintDialog>
#include <QPrinter>
#include <QTextDocument>

namespace campdesk {

QString ReceiptPrinter::html(const Reservation& r)
{
    const QLocale locale;
    auto row = [](const QString& label, const QString& value) {
        return QStringLiteral(
                   "<tr><td style='color:#555;padding:3px 16px 3px 0'>%1</td><td style='padding:3px 0'>%2</td>"
                   "</tr>")
            .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    };
    QString rows;
    rows += row(tr("Booking code"), r.code);
    rows += row(tr("Status"), StatusText::name(QStringLiteral("reservation"), reservationStatusKey(r.status)));
    rows += row(tr("Campsite"), QStringLiteral("%1 %2").arg(r.campsiteCode, r.campsiteName));
    rows += row(tr("Guest"), r.customerName);
    rows += row(tr("Phone"), CustomerService::maskPhone(r.customerPhone));
    rows += row(tr("Check-in"), locale.toString(r.checkIn, QLocale::LongFormat));
    rows += row(tr("Check-out"), locale.toString(r.checkOut, QLocale::LongFormat));
    rows += row(tr("Nights"), QString::number(r.nights()));
    rows += row(tr("Guests"), QString::number(r.guests));
    rows += row(tr("Price"), formatWon(r.price()));
    if (r.pointsUsed > 0)
        rows += row(tr("Points used"), locale.toString(r.pointsUsed));
    rows += row(tr("Paid"), formatWon(r.amount));
    if (r.status == ReservationStatus::Cancelled)
        rows += row(tr("Refunded"), formatWon(r.refundAmount));
    const QDateTime issued = QDateTime::currentDateTime();
    return QStringLiteral("<html><body style='font-family:\"DejaVu Sans\",\"Noto Sans CJK KR\",sans-serif'>"
                          "<h1 style='margin-bottom:0'>%1</h1><p style='color:#555;margin-top:2px'>%2</p>"
                          "<table cellspacing='0'>%3</table><p style='color:#555;font-size:small'>%4</p>"
                          "</body></html>")
        .arg(tr("Campdesk receipt").toHtmlEscaped(), r.code.toHtmlEscaped(), rows,
             tr("Issued %1").arg(locale.toString(issued, QLocale::ShortFormat)).toHtmlEscaped());
}

bool ReceiptPrinter::writePdf(const Reservation& reservation, const QString& path, QString* error)
{
    // A receipt names the guest: only this user reads it, from the first byte.
    const QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly, ownerOnly) || !file.setPermissions(ownerOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    QPdfWriter writer(&file);
    writer.setPageSize(QPageSize(QPageSize::A5));
    writer.setResolution(150);
    writer.setTitle(tr("Receipt %1").arg(reservation.code));
    writer.setCreator(QStringLiteral("Campdesk"));
    QTextDocument document;
    document.setHtml(html(reservation));
    document.setPageSize(writer.pageLayout().paintRectPixels(writer.resolution()).size());
    document.print(&writer);
    return true;
}

bool ReceiptPrinter::print(const Reservation& reservation, QWidget* parent)
{
    QPrinter printer;
    printer.setPageSize(QPageSize(QPageSize::A5));
    QPrintDialog dialog(&printer, parent);
    dialog.setWindowTitle(tr("Print receipt %1").arg(reservation.code));
    if (dialog.exec() != QDialog::Accepted)
        return false;
    QTextDocument document;
    document.setHtml(html(reservation));
    document.print(&printer);
    return true;
}

} // namespace campdesk
