#pragma once

#include <QWidget>

class QTextStream;

namespace campdesk {

// Optional base for a MainWindow page: View > Refresh and File > Export… reach the current page through it.
// A page that is a plain QWidget simply has those actions disabled.
class Page : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;

    virtual void refresh() { }
    virtual bool canExport() const { return false; }
    // Writes what the page shows as CSV; false with a message on failure.
    virtual bool exportCsv(QTextStream& out, QString* error) const
    {
        Q_UNUSED(out);
        Q_UNUSED(error);
        return false;
    }
    enum class ExportOutcome { NotHandled, Written, Failed, Cancelled };
    // Writes the export to the file at path by the page's own means (a table streams it from the database with a
    // progress dialog): Failed with *error set, Cancelled when the user stopped it (no file is left). NotHandled:
    // the caller writes exportCsv() to the file.
    virtual ExportOutcome exportToFile(const QString& path, QString* error)
    {
        Q_UNUSED(path);
        Q_UNUSED(error);
        return ExportOutcome::NotHandled;
    }
    // A file name suggestion for Export…, without the folder.
    virtual QString exportFileName() const { return QStringLiteral("export.csv"); }
};

} // namespace campdesk
