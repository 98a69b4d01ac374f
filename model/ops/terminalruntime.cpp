#include "ops/terminalruntime.h"

#include "core/logging.h"
#include "core/secretstore.h"
#include "core/transportsecurity.h"
#include "notify/emailchannel.h"
#include "notify/webhookchannel.h"
#include "ops/appcontext.h"

namespace campdesk {

namespace {

EmailChannel::Security security(const QString& tls)
{
    if (tls == QLatin1String("tls"))
        return EmailChannel::Security::Tls;
    if (tls == QLatin1String("starttls"))
        return EmailChannel::Security::StartTls;
    return EmailChannel::Security::None;
}

} // namespace

TerminalRuntime::TerminalRuntime(AppContext& context, const TerminalSettings& settings, Secrets secrets,
                                 QObject* parent)
    : TerminalRuntime(context, settings, std::move(secrets), Options(), parent)
{
}

TerminalRuntime::TerminalRuntime(AppContext& context, const TerminalSettings& settings, Secrets secrets,
                                 Options options, QObject* parent)
    : QObject(parent)
    , m_context(context)
    , m_settings(settings)
    , m_secrets(std::move(secrets))
    , m_options(std::move(options))
{
    m_operations = std::make_unique<OperationsRuntime>(*m_context.db, m_settings, m_options.operations);
    m_feed = std::make_unique<EventFeed>(*m_context.db);
    m_readModel = std::make_unique<ReadModelRefresher>(*m_context.db);
    if (m_options.feedPollMs > 0)
        m_feed->setPollInterval(m_options.feedPollMs);
    m_holdTimer.setInterval(m_options.expireHoldsIntervalMs);
    connect(&m_holdTimer, &QTimer::timeout, this, &TerminalRuntime::expireHolds);
    if (m_context.bookings) {
        m_noShows = std::make_unique<NoShowService>(*m_context.bookings);
        connect(&m_holdTimer, &QTimer::timeout, this, &TerminalRuntime::sweepNoShows);
    }
    // The kiosk's database role may not read the waitlist: staff terminals offer it (any number at once).
    if (m_context.waitlist && !m_settings.isKiosk())
        m_waitlistOfferer = std::make_unique<WaitlistOfferer>(*m_context.waitlist, &m_context.bus());
}

TerminalRuntime::~TerminalRuntime()
{
    stop();
}

TerminalRuntime::Secrets TerminalRuntime::readSecrets(const TerminalSettings& settings)
{
    SecretStore store;
    Secrets secrets;
    if (!settings.smtpHost().isEmpty() && !settings.smtpUser().isEmpty()) {
        if (Result<QString> smtp = store.read(SecretStore::Secret::SmtpPassword); smtp.ok())
            secrets.smtpPassword = smtp.value();
        else
            qCWarning(lcNotify) << "cannot read the SMTP password:" << smtp.error().message;
    }
    if (!settings.webhookUrl().isEmpty()) {
        if (Result<QString> webhook = store.read(SecretStore::Secret::WebhookAuth); webhook.ok())
            secrets.webhookAuth = webhook.value().toUtf8();
        else
            qCWarning(lcNotify) << "cannot read the webhook authorization:" << webhook.error().message;
    }
    return secrets;
}

NotificationWorker::ChannelFactory TerminalRuntime::channelFactory(const TerminalSettings& settings,
                                                                   const Secrets& secrets, const QString& smtpCaFile)
{
    std::optional<EmailChannel::Settings> email;
    const QString plainSmtp = TransportSecurity::plainSmtp(settings.smtpHost(), settings.smtpTls());
    if (!plainSmtp.isEmpty() && !settings.allowPlainConnections()) {
        qCWarning(lcNotify).noquote() << plainSmtp
                                      << "- e-mail is not sent until smtp/tls is starttls or tls (or "
                                         "security/allowPlainConnections=true)";
    } else if (!settings.smtpHost().isEmpty()) {
        EmailChannel::Settings s;
        s.host = settings.smtpHost();
        s.port = settings.smtpPort();
        s.security = security(settings.smtpTls());
        s.username = settings.smtpUser();
        s.password = secrets.smtpPassword;
        s.caFile = smtpCaFile;
        email = s;
    }
    std::optional<WebhookChannel::Settings> webhook;
    const QString plainWebhook
        = TransportSecurity::plainHttp(QStringLiteral("The SMS webhook"), QUrl(settings.webhookUrl()));
    if (!plainWebhook.isEmpty() && !settings.allowPlainConnections()) {
        qCWarning(lcNotify).noquote() << plainWebhook
                                      << "- messages are not sent until it is https:// (or "
                                         "security/allowPlainConnections=true)";
    } else if (!settings.webhookUrl().isEmpty()) {
        WebhookChannel::Settings s;
        s.url = QUrl(settings.webhookUrl());
        s.authValue = secrets.webhookAuth;
        webhook = s;
    }
    if (!email && !webhook)
        return {};
    // Copies only: the factory runs later, on the notification thread.
    return [email, webhook] {
        std::vector<std::unique_ptr<NotificationChannel>> channels;
        if (email)
            channels.push_back(std::make_unique<EmailChannel>(*email));
        if (webhook)
            channels.push_back(std::make_unique<WebhookChannel>(*webhook));
        return channels;
    };
}

QStringList TerminalRuntime::start()
{
    QStringList problems;
    m_operations->start();
    if (Status feed = m_feed->start(); !feed.ok()) {
        // Pages still show what they load themselves; only the live refresh from elsewhere is missing.
        qCWarning(lcOps) << "event feed did not start:" << feed.error().message;
        problems << tr("Changes made on other terminals may show late: %1").arg(feed.error().message);
    }

    // Every start says so while a connection leaves this machine unencrypted (the log feeds the Status page).
    for (const QString& plain : m_settings.plainConnections()) {
        if (m_settings.allowPlainConnections()) {
            qCWarning(lcOps).noquote() << plain << "- allowed by security/allowPlainConnections";
            problems << tr("%1 (allowed by this terminal's settings).").arg(plain);
        } else {
            problems << tr("%1: refused. Use an encrypted connection, or allow plain connections in this "
                           "terminal's settings.")
                            .arg(plain);
        }
    }
    NotificationWorker::ChannelFactory channels = channelFactory(m_settings, m_secrets, m_options.smtpCaFile);
    if (channels) {
        NotificationWorker::Config config;
        config.spec = m_context.db->spec();
        config.database.terminal = m_context.db->terminal();
        config.database.bus = &m_context.bus();
        config.database.clock = &m_context.db->clock();
        config.pollMs = m_options.notificationPollMs;
        config.channels = std::move(channels);
        m_notifications = std::make_unique<NotificationThread>(std::move(config), &m_context.bus());
        connect(m_notifications->worker(), &NotificationWorker::started, this, [this](bool ok, const QString& error) {
            if (ok)
                return;
            qCWarning(lcNotify) << "notifications are not being sent:" << error;
            emit problem(tr("Notifications are not being sent yet: %1").arg(error));
        });
    } else {
        qCInfo(lcNotify) << "no notification channel configured: notifications wait in the outbox";
    }

    m_holdTimer.start();
    expireHolds(); // holds left over from before a restart
    sweepNoShows();
    if (m_waitlistOfferer)
        m_waitlistOfferer->start();
    m_readModel->start(); // the first start of a new day brings every site's row up to today, off this thread
    return problems;
}

void TerminalRuntime::stop()
{
    m_holdTimer.stop();
    if (m_waitlistOfferer)
        m_waitlistOfferer->stop();
    m_readModel->stop();
    if (m_notifications) {
        m_notifications->stop();
        m_notifications.reset();
    }
    m_feed->stop();
}

void TerminalRuntime::expireHolds()
{
    Result<int> released = m_context.bookings->expireHolds();
    if (!released.ok()) {
        qCWarning(lcBooking) << "expiring holds failed:" << released.error().message;
        return;
    }
    if (released.value() > 0)
        qCInfo(lcBooking) << "released" << released.value() << "expired holds";
}

void TerminalRuntime::sweepNoShows()
{
    if (!m_noShows)
        return;
    // Every terminal may sweep: the guarded transition lets one of them mark each booking (tst_noshow).
    Result<int> marked = m_noShows->sweep(Actor::system(QStringLiteral("no-show sweep")));
    if (!marked.ok()) {
        qCWarning(lcBooking) << "the no-show sweep failed:" << marked.error().message;
        return;
    }
    if (marked.value() > 0)
        qCInfo(lcBooking) << "marked" << marked.value() << "booking(s) as no-show";
}

} // namespace campdesk
