#include "daysheetprinter.h"

#include <QAbstractItemModel>
#include <QFile>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QPrintDialog>
#include <QPrinter>
#include <QTextDocument>

namespace campdesk {

namespace {

constexpr qreal marginMm = 10;

QPageLayout a4Landscape()
{
    return QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape,
                       QMarginsF(marginMm, marginMm, marginMm, marginMm), QPageLayout::Millimeter);
}

} // namespace

QString DaySheetPrinter::html(const QString& title, const QAbstractItemModel& table, const QString& totals)
{
    QString out = QStringLiteral("<h2>%1</h2><table width='100%' cellspacing='0' cellpadding='3' border='1' "
                                 "style='border-collapse:collapse;border-color:#999'><tr>")
                      .arg(title.toHtmlEscaped());
    for (int column = 0; column < table.columnCount(); ++column) {
        out += QStringLiteral("<th align='left' bgcolor='#e8e8e8'>%1</th>")
                   .arg(table.headerData(column, Qt::Horizontal).toString().toHtmlEscaped());
    }
    out += QStringLiteral("</tr>");
    for (int row = 0; row < table.rowCount(); ++row) {
        out += QStringLiteral("<tr>");
        for (int column = 0; column < table.columnCount(); ++column) {
            const QModelIndex index = table.index(row, column);
            const bool right = index.data(Qt::TextAlignmentRole).toInt() & Qt::AlignRight;
            out += QStringLiteral("<td%1>%2</td>")
                       .arg(right ? QStringLiteral(" align='right'") : QString(),
                            index.data().toString().toHtmlEscaped());
        }
        out += QStringLiteral("</tr>");
    }
    if (table.rowCount() == 0) {
        out += QStringLiteral("<tr><td colspan='%1'>%2</td></tr>")
                   .arg(table.columnCount())
                   .arg(tr("Nothing on this day.").toHtmlEscaped());
    }
    out += QStringLiteral("</table><p>%1</p>").arg(totals.toHtmlEscaped());
    return out;
}

void DaySheetPrinter::paint(QPainter& painter, const QRectF& page, const QString& html, qreal dpi)
{
    // Laid out in points on the page's width, then scaled to the device; pages follow one another.
    QTextDocument document;
    QFont font = document.defaultFont();
    font.setPointSizeF(9);
    document.setDefaultFont(font);
    document.setHtml(html);
    const qreal scale = dpi / 72.0;
    const QSizeF pagePoints(page.width() / scale, page.height() / scale);
    document.setPageSize(pagePoints);
    const int pages = document.pageCount();
    for (int i = 0; i < pages; ++i) {
        if (i > 0) {
            if (auto* paged = dynamic_cast<QPagedPaintDevice*>(painter.device()))
                paged->newPage();
        }
        painter.save();
        painter.translate(page.topLeft());
        painter.scale(scale, scale);
        painter.translate(0, -i * pagePoints.height());
        const QRectF clip(0, i * pagePoints.height(), pagePoints.width(), pagePoints.height());
        document.drawContents(&painter, clip);
        painter.restore();
    }
}

bool DaySheetPrinter::writePdf(const QString& title, const QAbstractItemModel& table, const QString& totals,
                               const QString& path, QString* error)
{
    // A sheet names guests and their plates: only this user reads it, from the first byte.
    const QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly, ownerOnly) || !file.setPermissions(ownerOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    QPdfWriter writer(&file);
    writer.setPageLayout(a4Landscape());
    writer.setResolution(300);
    writer.setTitle(title);
    writer.setCreator(QStringLiteral("Campdesk"));
    QPainter painter(&writer);
    const QRect paint = writer.pageLayout().paintRectPixels(writer.resolution());
    DaySheetPrinter::paint(painter, QRectF(QPointF(0, 0), paint.size()), html(title, table, totals),
                           writer.resolution());
    painter.end();
    return true;
}

bool DaySheetPrinter::print(const QString& title, const QAbstractItemModel& table, const QString& totals,
                            QWidget* parent)
{
    QPrinter printer;
    printer.setPageLayout(a4Landscape());
    printer.setDocName(title);
    QPrintDialog dialog(&printer, parent);
    dialog.setWindowTitle(tr("Print %1").arg(title));
    if (dialog.exec() != QDialog::Accepted)
        return false;
    QPainter painter(&printer);
    const QRect paint = printer.pageLayout().paintRectPixels(printer.resolution());
    DaySheetPrinter::paint(painter, QRectF(QPointF(0, 0), paint.size()), html(title, table, totals),
                           printer.resolution());
    return true;
}

QImage DaySheetPrinter::renderImage(const QString& title, const QAbstractItemModel& table, const QString& totals,
                                    int dpi)
{
    const QSizeF mm = a4Landscape().fullRectPoints().size() * (25.4 / 72.0);
    const QSize pixels(int(mm.width() / 25.4 * dpi), int(mm.height() / 25.4 * dpi));
    QImage image(pixels, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    const qreal margin = marginMm / 25.4 * dpi;
    // One page: what the first sheet of paper shows.
    QTextDocument document;
    QFont font = document.defaultFont();
    font.setPointSizeF(9);
    document.setDefaultFont(font);
    document.setHtml(html(title, table, totals));
    const qreal scale = dpi / 72.0;
    document.setPageSize(QSizeF((pixels.width() - 2 * margin) / scale, (pixels.height() - 2 * margin) / scale));
    painter.translate(margin, margin);
    painter.scale(scale, scale);
    document.drawContents(&painter, QRectF(QPointF(0, 0), document.pageSize()));
    return image;
}

} // namespace campdesk
