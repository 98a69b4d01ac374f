#include "kioskapp.h"

#include "core/languagemanager.h"
#include "core/logging.h"
#include "domain/bookingservice.h"
#include "domain/kiosklookupthrottle.h"
#include "domain/kioskpinguard.h"
#include "domain/mileageservice.h"
#include "domain/readmodel.h"
#include "domain/reviewservice.h"
#include "kiosk/kioskunavailablepage.h"
#include "kiosk/kioskwindow.h"
#include "notify/notificationchannel.h"
#include "ops/terminalruntime.h"
#include "payment/simulatedterminal.h"
#include "startup.h"

#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QTimer>

namespace campdesk::app {

namespace {

// The database is out of reach at start (server down, network not up yet): the kiosk shows its "temporarily
// unavailable" screen and tries again every retrySeconds instead of exiting. Null only when the app was quit.
std::unique_ptr<AppContext> openWhenReachable(const TerminalContext& terminal, LanguageManager& language,
                                              int retrySeconds)
{
    Result<std::unique_ptr<AppContext>> opened = openContext(terminal);
    if (opened.ok())
        return std::move(opened).value();
    qCWarning(lcKiosk).noquote() << "cannot open the database, retrying every" << retrySeconds
                                 << "s:" << opened.error().message;

    KioskUnavailablePage page(language);
    page.setWindowFlags(Qt::FramelessWindowHint | Qt::WindowStaysOnTopHint);
    page.setSecondsToRetry(retrySeconds);
    page.showFullScreen();
    int left = retrySeconds;
    QEventLoop loop;
    QTimer tick;
    tick.setInterval(1000);
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (--left > 0) {
            page.setSecondsToRetry(left);
            return;
        }
        opened = openContext(terminal);
        if (opened.ok()) {
            loop.quit();
            return;
        }
        qCDebug(lcKiosk).noquote() << "database still unreachable:" << opened.error().message;
        left = retrySeconds;
        page.setSecondsToRetry(left);
    });
    QObject::connect(qApp, &QCoreApplication::aboutToQuit, &loop, &QEventLoop::quit);
    tick.start();
    loop.exec();
    if (!opened.ok())
        return nullptr;
    qCInfo(lcKiosk) << "database reachable again: starting the kiosk";
    return std::move(opened).value();
}

} // namespace

int runKioskApp(const QCommandLineParser& parser)
{
    const TerminalContext terminal(parser);
    startLogging(terminal);
    const TerminalSettings& settings = terminal.settings();
    if (!settings.isKiosk())
        qCWarning(lcKiosk) << "running as a kiosk, but the settings say" << settings.kind() << "(kind=kiosk in"
                           << settings.filePath() << "leaves the backups to the office)";

    KioskOptions options;
    options.idleSeconds = settings.kioskIdleSeconds();
    options.defaultLanguage = settings.language();
    options.receiptFolder = QDir(dataFolder()).filePath(QStringLiteral("receipts"));
    LanguageManager language;
    language.setLanguage(options.defaultLanguage);

    std::unique_ptr<AppContext> opened = openWhenReachable(terminal, language, options.retrySeconds);
    if (!opened)
        return 0;
    AppContext& context = *opened;
    Database& db = *context.db;
    // Declared after the context, so it stops (notification thread, feed) before the database closes.
    const TerminalRuntime::Secrets secrets = TerminalRuntime::readSecrets(settings);
    TerminalRuntime runtime(context, settings, secrets);
    for (const QString& problem : runtime.start())
        qCWarning(lcKiosk).noquote() << problem;

    // The online payment service when the settings configure one, else the (clearly labelled) simulated terminal.
    PaymentGateway& gateway = context.payments ? context.payments->gateway() : *context.simulatedTerminal;
    ReviewService reviews(db);
    ReadModel readModel(db);
    KioskPinGuard pin(db);
    KioskLookupThrottle throttle(db);

    KioskServices services;
    services.campsites = context.campsites.get();
    services.customers = context.customers.get();
    services.bookings = context.bookings.get();
    services.mileage = context.mileage.get();
    services.reviews = &reviews;
    services.readModel = &readModel;
    services.gateway = &gateway;
    services.pin = &pin;
    services.language = &language;
    services.throttle = &throttle;
    services.clock = &db.clock();
    // One-time codes go out through the configured SMS channel (the webhook); without one, points stay at the desk.
    if (!settings.webhookUrl().isEmpty()) {
        NotificationWorker::ChannelFactory channels = TerminalRuntime::channelFactory(settings, secrets);
        if (channels) {
            services.codeSender = [channels](const QString& phone, const QString& text) -> Status {
                // Made on the worker thread that sends: a channel's network objects belong to their thread.
                for (const std::unique_ptr<NotificationChannel>& channel : channels()) {
                    if (channel->name() != QLatin1String("webhook"))
                        continue;
                    OutgoingMessage message;
                    message.event = QStringLiteral("PhoneCode");
                    message.recipient = phone;
                    message.body = text;
                    const DeliveryOutcome sent = channel->send(message);
                    if (sent.delivered)
                        return {};
                    qCWarning(lcKiosk).noquote() << "one-time code not sent:" << sent.response;
                    return Error(ErrorCode::Unavailable, sent.response);
                }
                return Error(ErrorCode::Unavailable, QStringLiteral("no SMS channel"));
            };
        }
    }

    KioskWindow window(services, options);
    QObject::connect(&window, &KioskWindow::exitRequested, qApp, &QCoreApplication::quit);
    window.enterKioskMode();
    return qApp->exec();
}

} // namespace campdesk::app
