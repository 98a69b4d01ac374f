#include "imagefilechooser.h"

#include <QFile>
#include <QFileDialog>
#include <QLocale>
#include <QStandardPaths>

namespace campdesk {

namespace {
ImageFileChooser::Handler& testHandler()
{
    static ImageFileChooser::Handler handler;
    return handler;
}
} // namespace

QString ImageFileChooser::choose(QWidget* parent, const QString& title)
{
    if (testHandler())
        return testHandler()();
    return QFileDialog::getOpenFileName(parent, title,
                                        QStandardPaths::writableLocation(QStandardPaths::PicturesLocation),
                                        tr("Pictures (*.png *.jpg *.jpeg *.gif *.bmp *.webp);;All files (*)"));
}

Result<QByteArray> ImageFileChooser::read(const QString& path, qint64 maxBytes)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::NotFound, tr("%1 cannot be opened: %2").arg(path, file.errorString()));
    if (file.size() > maxBytes) {
        return invalidInput(tr("The file is %1 MB; at most %2 MB can be used.")
                                .arg(QLocale().toString(double(file.size()) / (1024 * 1024), 'f', 1))
                                .arg(maxBytes / (1024 * 1024)));
    }
    return file.readAll();
}

void ImageFileChooser::setHandlerForTesting(Handler handler)
{
    testHandler() = std::move(handler);
}

} // namespace campdesk
