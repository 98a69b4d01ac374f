#pragma once

#include <QString>

namespace campdesk {

// One queued notification as a channel sees it.
struct OutgoingMessage
{
    qint64 notificationId = 0; // the idempotency key the receiving side can deduplicate on
    QString event; // "ReservationConfirmed", "ReservationCancelled"
    QString recipient; // e-mail address or phone number
    QString language; // "ko" or "en"
    QString subject;
    QString body;
};

// What a channel's provider answered.
struct DeliveryOutcome
{
    bool delivered = false;
    bool permanent = false; // a failure that retrying cannot fix (rejected recipient, bad request)
    QString response; // the provider's answer, kept in notifications.provider_response / last_error

    static DeliveryOutcome sent(QString response) { return { true, false, std::move(response) }; }
    static DeliveryOutcome failed(QString error, bool permanent = false)
    {
        return { false, permanent, std::move(error) };
    }
};

// A way to reach a customer (e-mail, SMS/messenger webhook). send() blocks, bounded by the channel's timeout;
// it runs on the dispatcher's thread, never on the GUI thread.
class NotificationChannel
{
public:
    virtual ~NotificationChannel() = default;
    virtual QString name() const = 0; // notifications.channel: "email", "webhook"
    virtual DeliveryOutcome send(const OutgoingMessage& message) = 0;
};

} // namespace campdesk
