#include "screenshot.h"

#include <QApplication>
#include <QDir>
#include <QPixmap>
#include <QWidget>

namespace campdesk::test {

QString saveScreenshot(QWidget* widget, const QString& name)
{
    QString binaryDir = qEnvironmentVariable("CAMPDESK_BINARY_DIR");
    if (binaryDir.isEmpty())
        binaryDir = QStringLiteral(CAMPDESK_BINARY_DIR);
    const QString folder = QDir(binaryDir).filePath(QStringLiteral("screenshots"));
    if (!QDir().mkpath(folder))
        return QString();
    QApplication::processEvents(); // let layouts settle before grabbing
    const QString path = QDir(folder).filePath(name + QStringLiteral(".png"));
    if (!widget->grab().save(path))
        return QString();
    return path;
}

} // namespace campdesk::test
