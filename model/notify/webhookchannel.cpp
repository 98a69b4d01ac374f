#include "notify/webhookchannel.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

Q_LOGGING_CATEGORY(lcWebhook, "campdesk.notify.webhook")

namespace campdesk {

WebhookChannel::WebhookChannel(Settings settings)
    : m_settings(std::move(settings))
{
}

WebhookChannel::~WebhookChannel() = default;

DeliveryOutcome WebhookChannel::send(const OutgoingMessage& message)
{
    if (!m_settings.url.isValid() || m_settings.url.isEmpty())
        return DeliveryOutcome::failed(QStringLiteral("no webhook URL is configured"));
    if (!m_network)
        m_network = std::make_unique<QNetworkAccessManager>();

    const QJsonObject json {
        { QStringLiteral("to"), message.recipient },
        { QStringLiteral("language"), message.language },
        { QStringLiteral("subject"), message.subject },
        { QStringLiteral("body"), message.body },
        { QStringLiteral("notificationId"), message.notificationId },
        { QStringLiteral("event"), message.event },
    };
    QNetworkRequest request(m_settings.url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json; charset=utf-8"));
    request.setRawHeader(QByteArrayLiteral("Idempotency-Key"), QByteArray::number(message.notificationId));
    if (!m_settings.authValue.isEmpty())
        request.setRawHeader(m_settings.authHeader, m_settings.authValue);
    request.setTransferTimeout(m_settings.timeoutMs);

    QNetworkReply* reply = m_network->post(request, QJsonDocument(json).toJson(QJsonDocument::Compact));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer guard; // transferTimeout covers stalls; this bounds the whole exchange
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, reply, &QNetworkReply::abort);
    guard.start(m_settings.timeoutMs + 1000);
    if (!reply->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString answer = reply->isOpen() ? QString::fromUtf8(reply->readAll().left(2000)) : QString();
    // Both the transfer timeout and our guard end in OperationCanceledError: say what really happened.
    const QString networkError = reply->error() == QNetworkReply::OperationCanceledError
        ? QStringLiteral("no answer within %1 ms").arg(m_settings.timeoutMs)
        : reply->errorString();
    const bool networkFailed = reply->error() != QNetworkReply::NoError && status == 0;
    reply->deleteLater();
    if (status >= 200 && status < 300)
        return DeliveryOutcome::sent(QStringLiteral("HTTP %1 %2").arg(status).arg(answer));
    const QString error = networkFailed ? networkError : QStringLiteral("HTTP %1 %2").arg(status).arg(answer);
    qCWarning(lcWebhook) << "sending notification" << message.notificationId << "failed:" << error;
    // A 4xx other than timeout/too-many-requests means the gateway will never take this request as it is.
    const bool permanent = status >= 400 && status < 500 && status != 408 && status != 429;
    return DeliveryOutcome::failed(error, permanent);
}

} // namespace campdesk
