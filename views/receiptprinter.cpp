#include "receiptprinter.h"

#include "core/money.h"
#include "core/qrcode.h"
#include "domain/customerservice.h"
#include "domain/statustext.h"

#include <QAbstractTextDocumentLayout>
#include <QDateTime>
#include <QFile>
#include <QImage>
#include <QLocale>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QPrintDialog>
#include <QPrinter>
#include <QTextDocument>
#include <QUrl>

namespace campdesk {

namespace {
bool isRoll(const ReceiptDetails& d)
{
    return d.campground.receiptPaper == QLatin1String("roll80");
}

// Printable width in millimetres (the paper less its margins) and the margin itself.
constexpr qreal marginMm = 8;
constexpr qreal rollMarginMm = 4;

QImage qrImage(const QString& text)
{
    const std::optional<QrCode> code = QrCode::encode(text.toUtf8());
    if (!code)
        return {};
    const int quiet = 2;
    const int scale = 8;
    QImage image((code->size() + 2 * quiet) * scale, (code->size() + 2 * quiet) * scale, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    for (int y = 0; y < code->size(); ++y) {
        for (int x = 0; x < code->size(); ++x) {
            if (code->isDark(x, y))
                painter.fillRect((x + quiet) * scale, (y + quiet) * scale, scale, scale, Qt::black);
        }
    }
    return image;
}
} // namespace

ReceiptDetails ReceiptPrinter::fromReservation(const Reservation& reservation)
{
    ReceiptDetails d;
    d.reservation = reservation;
    return d;
}

QString ReceiptPrinter::html(const ReceiptDetails& d)
{
    const Reservation& r = d.reservation;
    const QLocale locale;
    auto row = [](const QString& label, const QString& value, bool strong = false) {
        return QStringLiteral("<tr><td style='color:#555;padding:2px 12px 2px 0'>%1</td>"
                              "<td align='right' style='padding:2px 0%3'>%2</td></tr>")
            .arg(label.toHtmlEscaped(), value.toHtmlEscaped(),
                 strong ? QStringLiteral(";font-weight:bold") : QString());
    };
    const CampgroundInfo& c = d.campground;
    QString head = QStringLiteral("<h2 style='margin:0'>%1</h2>")
                       .arg((c.name.isEmpty() ? tr("Receipt") : c.name).toHtmlEscaped());
    QStringList about;
    if (!c.address.isEmpty())
        about << c.address.toHtmlEscaped();
    if (!c.businessNumber.isEmpty())
        about << tr("Business registration no. %1").arg(c.businessNumber).toHtmlEscaped();
    if (!c.phone.isEmpty())
        about << tr("Tel. %1").arg(c.phone).toHtmlEscaped();
    if (!about.isEmpty())
        head += QStringLiteral("<p style='color:#555;margin:2px 0 0 0'>%1</p>").arg(about.join(QStringLiteral("<br>")));

    QString booking;
    booking += row(tr("Booking code"), r.code, true);
    booking += row(tr("Status"), StatusText::name(QStringLiteral("reservation"), reservationStatusKey(r.status)));
    booking += row(tr("Guest"), r.customerName);
    booking += row(tr("Phone"), CustomerService::maskPhone(r.customerPhone));
    booking += row(tr("Campsite"), QStringLiteral("%1 %2").arg(r.campsiteCode, r.campsiteName));
    booking += row(tr("Check-in"), locale.toString(r.checkIn, QLocale::ShortFormat));
    booking += row(tr("Check-out"), locale.toString(r.checkOut, QLocale::ShortFormat));
    booking += row(tr("Guests"), QString::number(r.guests));

    QString lines;
    bool priced = false;
    for (const StayLine& line : d.lines) {
        if (line.kind == QLatin1String("points"))
            continue; // shown below as "Points used"
        priced = true;
        if (line.kind == QLatin1String("night"))
            lines += row(
                QStringLiteral("%1 · %2").arg(locale.toString(line.night, QStringLiteral("MM-dd ddd")), line.label()),
                formatWon(line.amount));
        else
            lines += row(QStringLiteral("%1 × %2").arg(line.label()).arg(line.quantity), formatWon(line.amount));
    }
    if (!priced)
        lines += row(tr("%n night(s)", nullptr, r.nights()), formatWon(r.price()));
    lines += row(tr("Total"), formatWon(r.price()), true);
    if (r.pointsUsed > 0)
        lines += row(tr("Points used"), QStringLiteral("-") + formatWon(r.pointsUsed));
    if (d.deposit > 0) {
        // Booked with a deposit: what was paid when, and what is still owed.
        lines += row(tr("Deposit paid"), formatWon(d.deposit));
        if (d.balancePaid > 0)
            lines += row(tr("Balance paid"), formatWon(d.balancePaid));
        lines += row(tr("Balance due"), formatWon(r.balanceDue), true);
    }
    lines += row(tr("Paid"), formatWon(r.amount), true);
    if (!d.method.isEmpty())
        lines += row(tr("Payment method"), StatusText::name(QStringLiteral("method"), d.method));
    if (d.paidAt > 0)
        lines += row(tr("Paid at"),
                     locale.toString(QDateTime::fromMSecsSinceEpoch(d.paidAt).toLocalTime(), QLocale::ShortFormat));
    if (r.status == ReservationStatus::Cancelled)
        lines += row(tr("Refunded"), formatWon(r.refundAmount), true);

    const QString rule = QStringLiteral("<hr style='border:0;border-top:1px solid #999'>");
    const QDateTime issued = QDateTime::currentDateTime();
    return QStringLiteral("<html><body style='font-family:\"DejaVu Sans\",\"Noto Sans CJK KR\",sans-serif'>"
                          "%1%5<table width='100%' cellspacing='0'>%2</table>%5"
                          "<table width='100%' cellspacing='0'>%3</table>%5"
                          "<p align='center'><img src='qr:code' width='%6' height='%6'><br>%7</p>"
                          "<p align='center' style='color:#555;font-size:small'>%4</p></body></html>")
        .arg(head, booking, lines, tr("Issued %1").arg(locale.toString(issued, QLocale::ShortFormat)).toHtmlEscaped(),
             rule)
        .arg(isRoll(d) ? 110 : 130)
        .arg(r.code.toHtmlEscaped());
}

QSizeF ReceiptPrinter::paperSizeMm(const ReceiptDetails& d)
{
    if (!isRoll(d))
        return { 148, 210 };
    // As long as the receipt: the same layout measured at 96 dpi (1 mm = 96/25.4 px).
    QTextDocument document;
    const qreal pxPerMm = 96.0 / 25.4;
    document.setTextWidth((80 - 2 * rollMarginMm) * pxPerMm);
    layOut(document, d);
    return { 80, document.size().height() / pxPerMm + 2 * rollMarginMm };
}

void ReceiptPrinter::layOut(QTextDocument& document, const ReceiptDetails& d)
{
    // At 96 dpi an A5 page holds about 500 px of text: 13 pt fills it; the roll's 270 px take 9 pt.
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(isRoll(d) ? 9 : 13);
    document.setDefaultFont(font);
    document.setDocumentMargin(0);
    const QImage qr = qrImage(d.reservation.code);
    if (!qr.isNull())
        document.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("qr:code")), qr);
    document.setHtml(html(d));
}

void ReceiptPrinter::paint(QPainter& painter, const QRectF& page, const ReceiptDetails& d, qreal dpi)
{
    // The document is laid out at 96 dpi across the printable width and scaled to the device: it fills the width
    // of the paper whatever its resolution.
    const qreal scale = dpi / 96.0;
    QTextDocument document;
    document.setTextWidth(page.width() / scale);
    layOut(document, d);
    painter.save();
    painter.translate(page.topLeft());
    painter.scale(scale, scale);
    QAbstractTextDocumentLayout::PaintContext context;
    context.clip = QRectF(0, 0, page.width() / scale, page.height() / scale);
    document.documentLayout()->draw(&painter, context);
    painter.restore();
}

bool ReceiptPrinter::writePdf(const ReceiptDetails& d, const QString& path, QString* error)
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
    writer.setPageSize(QPageSize(paperSizeMm(d), QPageSize::Millimeter, QString(), QPageSize::ExactMatch));
    const qreal margin = isRoll(d) ? rollMarginMm : marginMm;
    writer.setPageMargins(QMarginsF(margin, margin, margin, margin), QPageLayout::Millimeter);
    writer.setResolution(300);
    writer.setTitle(tr("Receipt %1").arg(d.reservation.code));
    writer.setCreator(QStringLiteral("Campdesk"));
    QPainter painter(&writer);
    const QRectF page = writer.pageLayout()
                            .paintRectPixels(writer.resolution())
                            .toRectF()
                            .translated(-writer.pageLayout().paintRectPixels(writer.resolution()).topLeft());
    paint(painter, page, d, writer.resolution());
    painter.end();
    return true;
}

QImage ReceiptPrinter::renderImage(const ReceiptDetails& d, int dpi)
{
    const QSizeF mm = paperSizeMm(d);
    const qreal pxPerMm = dpi / 25.4;
    QImage image(QSize(qRound(mm.width() * pxPerMm), qRound(mm.height() * pxPerMm)), QImage::Format_RGB32);
    image.fill(Qt::white);
    const qreal margin = (isRoll(d) ? rollMarginMm : marginMm) * pxPerMm;
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    paint(painter, QRectF(margin, margin, image.width() - 2 * margin, image.height() - 2 * margin), d, dpi);
    return image;
}

bool ReceiptPrinter::print(const ReceiptDetails& d, QWidget* parent)
{
    QPrinter printer;
    printer.setPageSize(QPageSize(paperSizeMm(d), QPageSize::Millimeter, QString(), QPageSize::ExactMatch));
    QPrintDialog dialog(&printer, parent);
    dialog.setWindowTitle(tr("Print receipt %1").arg(d.reservation.code));
    if (dialog.exec() != QDialog::Accepted)
        return false;
    QPainter painter(&printer);
    paint(painter,
          printer.pageLayout()
              .paintRectPixels(printer.resolution())
              .toRectF()
              .translated(-printer.pageLayout().paintRectPixels(printer.resolution()).topLeft()),
          d, printer.resolution());
    return true;
}

} // namespace campdesk
