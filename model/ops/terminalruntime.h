#pragma once

#include "domain/noshowservice.h"
#include "domain/readmodelrefresher.h"
#include "notify/notificationthread.h"
#include "ops/eventfeed.h"
#include "ops/operationsruntime.h"
#include "ops/waitlistofferer.h"

#include <QObject>
#include <QTimer>
#include <memory>

namespace campdesk {

struct AppContext;

// Everything a running terminal does in the background, started by the composition root in one call: the
// operations duties (heartbeat, daily backup on admin terminals), the event feed that brings other terminals'
// events onto this terminal's bus, the notification thread with the channels the settings configure, and the
// timer that frees expired holds (and runs the no-show sweep when it is switched on). Problems are logged and reported,
// never fatal.
class TerminalRuntime final : public QObject
{
    Q_OBJECT
public:
    // What the settings file must not hold; the app reads them from the SecretStore (readSecrets()).
    struct Secrets
    {
        QString smtpPassword;
        QByteArray webhookAuth; // the whole Authorization header value, e.g. "Bearer <token>"
    };

    struct Options
    {
        int expireHoldsIntervalMs = 30 * 1000;
        int notificationPollMs = 15 * 1000;
        int feedPollMs = 0; // 0: the EventFeed's own default
        OperationsRuntime::Options operations;
        QString smtpCaFile; // a private CA for the mail server (tests); empty: the system's CAs
    };

    TerminalRuntime(AppContext& context, const TerminalSettings& settings, Secrets secrets, Options options,
                    QObject* parent = nullptr);
    TerminalRuntime(AppContext& context, const TerminalSettings& settings, Secrets secrets, QObject* parent = nullptr);
    ~TerminalRuntime() override;

    // The secrets the configured channels need, from the keyring or secrets.json (a keyring that does not answer
    // costs seconds, so nothing is asked for an unconfigured channel); a secret that cannot be read stays empty.
    static Secrets readSecrets(const TerminalSettings& settings);
    // The channels the settings configure (e-mail when an SMTP host is set, the webhook when its URL is set);
    // built on the notification thread. Empty when none is configured.
    static NotificationWorker::ChannelFactory channelFactory(const TerminalSettings& settings, const Secrets& secrets,
                                                             const QString& smtpCaFile = QString());

    // Starts every part; returns what could not start (translated, one line each), the rest runs anyway.
    QStringList start();
    // Stops the notification thread, the feed and the timers; also done on destruction.
    void stop();

    OperationsRuntime& operations() { return *m_operations; }
    EventFeed& feed() { return *m_feed; }
    NotificationThread* notifications() { return m_notifications.get(); } // null when no channel is configured
    QTimer& holdTimer() { return m_holdTimer; }
    ReadModelRefresher& readModelRefresher() { return *m_readModel; }
    WaitlistOfferer* waitlistOfferer() { return m_waitlistOfferer.get(); } // null on a kiosk

public slots:
    void expireHolds();
    // Marks bookings past the no-show cutoff when the manager switched the sweep on (on the hold timer).
    void sweepNoShows();

signals:
    void problem(const QString& message); // something stopped working later (notification worker, hold expiry)

private:
    AppContext& m_context;
    const TerminalSettings& m_settings;
    Secrets m_secrets;
    Options m_options;
    std::unique_ptr<OperationsRuntime> m_operations;
    std::unique_ptr<EventFeed> m_feed;
    std::unique_ptr<NotificationThread> m_notifications;
    std::unique_ptr<ReadModelRefresher> m_readModel;
    QTimer m_holdTimer;
    std::unique_ptr<NoShowService> m_noShows;
    std::unique_ptr<WaitlistOfferer> m_waitlistOfferer; // staff terminals only
};

} // namespace campdesk
