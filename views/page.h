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
    // A file name suggestion for Export…, without the folder.
    virtual QString exportFileName() const { return QStringLiteral("export.csv"); }
};

} // namespace campdesk
