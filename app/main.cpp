#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("campdesk"));
    QApplication::setOrganizationName(QStringLiteral("Campdesk"));
    QApplication::setApplicationVersion(QStringLiteral(CAMPDESK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Campground reservations: admin, front desk and kiosk."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);

    campdesk::MainWindow window;
    window.show();
    return app.exec();
}
