#pragma once

#include "notify/notificationchannel.h"

#include <QByteArray>
#include <QUrl>
#include <memory>

class QNetworkAccessManager;

namespace campdesk {

// Sends notifications as a JSON POST to an SMS / messenger gateway. Blocking with a timeout: it runs on the
// dispatcher's thread, where its QNetworkAccessManager is created on first use.
class WebhookChannel final : public NotificationChannel
{
public:
    struct Settings
    {
        QUrl url;
        QByteArray authHeader = QByteArrayLiteral("Authorization"); // header name
        QByteArray authValue; // e.g. "Bearer <secret>"; empty: none
        int timeoutMs = 15000;
    };

    explicit WebhookChannel(Settings settings);
    ~WebhookChannel() override;
    QString name() const override { return QStringLiteral("webhook"); }
    DeliveryOutcome send(const OutgoingMessage& message) override;

private:
    Settings m_settings;
    std::unique_ptr<QNetworkAccessManager> m_network;
};

} // namespace campdesk
