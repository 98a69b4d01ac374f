#pragma once

#include "domain/receiptquery.h"

#include <QCoreApplication>

class QPagedPaintDevice;
class QPainter;
class QTextDocument;
class QWidget;

namespace campdesk {

// The printable receipt of a reservation: the campground's name, address, business registration number and phone
// (Settings), the booking code and its QR code, guest, site and dates, one line per night with its price band,
// points, what was paid and how and when. On an A5 sheet or an 80 mm receipt roll (a setting), the text sized to
// fill the paper's width. Rendered to a PDF file (QPdfWriter), printed, or drawn into an image (the same code).
// Shows the phone number masked.
class ReceiptPrinter
{
    Q_DECLARE_TR_FUNCTIONS(ReceiptPrinter)

public:
    static QString html(const ReceiptDetails& details);
    static bool writePdf(const ReceiptDetails& details, const QString& path, QString* error = nullptr);
    // Opens the print dialog; false when the user cancelled it.
    static bool print(const ReceiptDetails& details, QWidget* parent);
    // The page as the PDF has it, at `dpi`: for looking at a receipt without a PDF viewer.
    static QImage renderImage(const ReceiptDetails& details, int dpi = 100);
    // The paper in millimetres: A5 (148 x 210), or 80 mm wide and as long as the receipt.
    static QSizeF paperSizeMm(const ReceiptDetails& details);

    // A receipt from the booking alone (no campground details, no nightly lines).
    static QString html(const Reservation& reservation) { return html(fromReservation(reservation)); }
    static bool writePdf(const Reservation& reservation, const QString& path, QString* error = nullptr)
    {
        return writePdf(fromReservation(reservation), path, error);
    }

private:
    static ReceiptDetails fromReservation(const Reservation& reservation);
    static void layOut(QTextDocument& document, const ReceiptDetails& details);
    static void paint(QPainter& painter, const QRectF& page, const ReceiptDetails& details, qreal dpi);
};

} // namespace campdesk
