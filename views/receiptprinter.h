#pragma once

#include "domain/reservation.h"

#include <QCoreApplication>

class QTextDocument;
class QWidget;

namespace campdesk {

// The printable receipt of a reservation: one A5 page, rendered to a PDF file (QPdfWriter) or printed
// through the print dialog. Shows the phone number masked.
class ReceiptPrinter
{
    Q_DECLARE_TR_FUNCTIONS(ReceiptPrinter)

public:
    static QString html(const Reservation& reservation);
    static bool writePdf(const Reservation& reservation, const QString& path, QString* error = nullptr);
    // Opens the print dialog; false when the user cancelled it.
    static bool print(const Reservation& reservation, QWidget* parent);
};

} // namespace campdesk
