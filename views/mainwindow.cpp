#include "mainwindow.h"

#include <QIcon>

namespace campdesk {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Campdesk"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/campdesk.svg")));
}

} // namespace campdesk
