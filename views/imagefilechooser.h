#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <functional>

class QWidget;

namespace campdesk {

// Asks for a picture file (QFileDialog) and reads it; GUI tests answer through a seam instead of a dialog.
class ImageFileChooser
{
    Q_DECLARE_TR_FUNCTIONS(ImageFileChooser)

public:
    // The chosen file's path, or empty when cancelled.
    static QString choose(QWidget* parent, const QString& title);
    // Reads the file; a file over maxBytes is refused without reading it all.
    static Result<QByteArray> read(const QString& path, qint64 maxBytes);

    using Handler = std::function<QString()>;
    static void setHandlerForTesting(Handler handler);
};

} // namespace campdesk
