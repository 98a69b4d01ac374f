#include "kioskapp.h"

#include "bookingservice.h"
#include "kiosk/kioskwindow.h"
#include "kiosklookupthrottle.h"
#include "kioskpinguard.h"
#include "languagemanager.h"
#include "mileageservice.h"
#include "readmodel.h"
#include "reviewservice.h"
#include "simulatedterminal.h"
#include "startup.h"

#include <QApplication>
#include <QDebug>
#include <QDir>
#include <QTimer>

namespace campdesk::app {

int runKioskApp(const QCommandLineParser& parser)
{
    Result<std::unique_ptr<AppContext>> opened = openContext(parser);
    if (!opened.ok()) {
        // systemd restarts the kiosk (Restart=always), which is the retry.
        qCritical().noquote() << "campdesk --kiosk: cannot open the database:" << opened.error().message;
        return 1;
    }
    AppContext& context = *opened.value();
    Database& db = *context.db;

    BookingService& bookings = *context.bookings;
    // The online payment service when the settings configure one, else the (clearly labelled) simulated terminal.
    PaymentGateway& terminal = context.payments ? context.payments->gateway() : *context.simulatedTerminal;
    MileageService mileage(db);
    ReviewService reviews(db);
    ReadModel readModel(db);
    KioskPinGuard pin(db);
    LanguageManager language;
    KioskLookupThrottle throttle(db.clock());

    KioskServices services;
    services.campsites = context.campsites.get();
    services.customers = context.customers.get();
    services.bookings = &bookings;
    services.mileage = &mileage;
    services.reviews = &reviews;
    services.readModel = &readModel;
    services.gateway = &terminal;
    services.pin = &pin;
    services.language = &language;
    services.throttle = &throttle;
    services.clock = &db.clock();

    KioskOptions options;
    options.receiptFolder = QDir(dataFolder()).filePath(QStringLiteral("receipts"));
    KioskWindow window(services, options);
    QObject::connect(&window, &KioskWindow::exitRequested, qApp, &QCoreApplication::quit);
    window.enterKioskMode();
    return qApp->exec();
}

} // namespace campdesk::app
