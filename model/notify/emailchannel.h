#pragma once

#include "notify/notificationchannel.h"

#include <QByteArray>
#include <QDateTime>

namespace campdesk {

// Sends notifications as e-mail through an SMTP server with libcurl: plain, STARTTLS or SMTPS, with login
// when configured, as UTF-8 MIME so Korean text arrives intact.
class EmailChannel final : public NotificationChannel
{
public:
    enum class Security { None, StartTls, Tls }; // Tls = SMTPS (implicit TLS, usually port 465)

    struct Settings
    {
        QString host = QStringLiteral("127.0.0.1");
        int port = 25;
        Security security = Security::None;
        QString username; // empty: no login
        QString password;
        QString fromAddress = QStringLiteral("campdesk@localhost");
        QString fromName = QStringLiteral("Campdesk");
        int timeoutMs = 20000;
        bool verifyPeer = true;
        QString caFile; // a private CA's certificate (PEM); empty: the system's CAs
    };

    explicit EmailChannel(Settings settings);
    QString name() const override { return QStringLiteral("email"); }
    DeliveryOutcome send(const OutgoingMessage& message) override;

    // The complete RFC 5322 message for a notification (headers and base64 UTF-8 body); public for tests.
    QByteArray composeMime(const OutgoingMessage& message, const QDateTime& date) const;
    // RFC 2047 encoded words for a header value, split so each word stays within 75 characters.
    static QByteArray encodeHeaderWord(const QString& text);

private:
    Settings m_settings;
};

} // namespace campdesk
