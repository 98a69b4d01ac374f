#include "kioskapp.h"

#include "core/languagemanager.h"
#include "core/logging.h"
#include "core/secretstore.h"
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
#include <QFileInfo>
#include <QTimer>

namespace campdesk::app {

namespace {

using Reason = KioskUnavailablePage::Reason;

// Opens this kiosk's database the way a kiosk may: never creating one (a missing SQLite file or an empty database is
// "not configured", and nothing is written), never migrating (an older schema is "being updated" until an admin
// terminal brings it up to date), and never taking card payments on the simulated terminal unless the settings switch
// training mode on. The reason is set when nothing was opened.
std::unique_ptr<AppContext> openForKiosk(const TerminalContext& terminal, Reason* reason)
{
    const TerminalSettings& settings = terminal.settings();
    const QString spec = terminal.databaseSpec().trimmed();
    const bool postgres = spec.startsWith(QLatin1String("postgres"));
    QString file = spec;
    if (file.startsWith(QLatin1String("sqlite:")))
        file = file.mid(7);
    if (spec.isEmpty() || (!postgres && !QFileInfo(file).isFile())) {
        qCWarning(lcKiosk).noquote() << "not configured: no database at"
                                     << (spec.isEmpty() ? QStringLiteral("-") : file)
                                     << "(a kiosk never creates one; set database/spec in" << settings.filePath()
                                     << ")";
        *reason = Reason::NotConfigured;
        return nullptr;
    }
    Database::Options options;
    options.terminal = settings.terminalName();
    options.allowPlainConnections = settings.allowPlainConnections();
    options.migrate = false;
    Result<std::unique_ptr<AppContext>> opened = AppContext::open(spec, options);
    if (!opened.ok()) {
        qCWarning(lcKiosk).noquote() << "cannot open the database:" << opened.error().message;
        *reason = Reason::Unreachable;
        return nullptr;
    }
    std::unique_ptr<AppContext> context = std::move(opened).value();
    const Result<int> version = context->db->schemaVersion();
    if (!version.ok() || version.value() <= 0) {
        qCWarning(lcKiosk) << "not configured: the database has no Campdesk schema";
        *reason = Reason::NotConfigured;
        return nullptr;
    }
    if (version.value() < Database::latestSchemaVersion()) {
        qCWarning(lcKiosk) << "the database schema" << version.value() << "is older than"
                           << Database::latestSchemaVersion()
                           << ": waiting for an admin terminal to update it (a kiosk never migrates)";
        *reason = Reason::BeingUpdated;
        return nullptr;
    }
    SecretStore secrets;
    (void)context->setUpPayments(settings, secrets);
    if (!context->payments && !settings.kioskTrainingMode()) {
        qCWarning(lcKiosk).noquote()
            << "not configured: no payment service (payment/gatewayUrl), and kiosk/trainingMode"
            << "is off: a kiosk takes no simulated card payments";
        *reason = Reason::NotConfigured;
        return nullptr;
    }
    return context;
}

// Until the kiosk can open its database it shows why, in its own locked-down window, and tries again every
// retrySeconds instead of exiting. Null only when the app was quit.
std::unique_ptr<AppContext> openWhenReady(const TerminalContext& terminal, LanguageManager& language, int retrySeconds)
{
    Reason reason = Reason::Unreachable;
    std::unique_ptr<AppContext> context = openForKiosk(terminal, &reason);
    if (context)
        return context;

    KioskUnavailablePage page(language);
    page.setReason(reason);
    page.setSecondsToRetry(retrySeconds);
    page.enterKioskMode();
    int left = retrySeconds;
    QEventLoop loop;
    QTimer tick;
    tick.setInterval(1000);
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (--left > 0) {
            page.setSecondsToRetry(left);
            return;
        }
        context = openForKiosk(terminal, &reason);
        if (context) {
            loop.quit();
            return;
        }
        page.setReason(reason);
        left = retrySeconds;
        page.setSecondsToRetry(left);
    });
    QObject::connect(qApp, &QCoreApplication::aboutToQuit, &loop, &QEventLoop::quit);
    tick.start();
    loop.exec();
    page.setProperty("closing", true);
    if (!context)
        return nullptr;
    qCInfo(lcKiosk) << "database ready: starting the kiosk";
    return context;
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

    std::unique_ptr<AppContext> opened = openWhenReady(terminal, language, options.retrySeconds);
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
    services.siteMap = context.siteMap.get();
    services.photos = context.sitePhotos.get();
    services.gateway = &gateway;
    services.pin = &pin;
    services.language = &language;
    services.throttle = &throttle;
    services.guestDetails = context.guestDetails.get();
    services.waitlist = context.waitlist.get();
    services.clock = &db.clock();
    services.reopenDatabase = [&db] { return db.reopen(); };
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
