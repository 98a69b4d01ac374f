#pragma once

#include <QCoreApplication>
#include <QImage>

class QAbstractItemModel;
class QPainter;
class QWidget;

namespace campdesk {

// A day sheet (or the cash-up) on paper: a title, the table as the screen shows it and a line of totals, on A4
// landscape. The receipt's way: one QTextDocument painted on a PDF file (QPdfWriter), a printer or an image.
class DaySheetPrinter
{
    Q_DECLARE_TR_FUNCTIONS(DaySheetPrinter)

public:
    static QString html(const QString& title, const QAbstractItemModel& table, const QString& totals);
    static bool writePdf(const QString& title, const QAbstractItemModel& table, const QString& totals,
                         const QString& path, QString* error = nullptr);
    // Opens the print dialog; false when the user cancelled it.
    static bool print(const QString& title, const QAbstractItemModel& table, const QString& totals, QWidget* parent);
    static QImage renderImage(const QString& title, const QAbstractItemModel& table, const QString& totals,
                              int dpi = 60);

private:
    static void paint(QPainter& painter, const QRectF& page, const QString& html, qreal dpi);
};

} // namespace campdesk
