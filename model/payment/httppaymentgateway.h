#pragma once

#include "domain/paymentgateway.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QUrl>

namespace campdesk {

// The online payment service over HTTP: a JSON REST protocol modelled on Korean payment gateways (Toss-like),
// described in docs/payment-protocol.md. Each call makes its own QNetworkAccessManager and waits in a local
// event loop, so it works on any thread; it never logs the secret key.
class HttpPaymentGateway final : public PaymentGateway
{
    Q_DECLARE_TR_FUNCTIONS(HttpPaymentGateway)

public:
    struct Config
    {
        QUrl baseUrl; // e.g. https://api.example-pay.kr (the paths below are appended)
        QString secretKey; // sent as Basic auth, base64(secretKey + ":")
        int timeoutMs = 10000; // per request; a confirm with no answer in time is Unknown and gets reconciled
    };

    explicit HttpPaymentGateway(Config config);

    QString provider() const override { return QStringLiteral("http"); }
    QString displayName() const override;

    PaymentOutcome confirm(const PaymentRequest& request) override;
    PaymentOutcome cancel(const PaymentCancelRequest& request) override;
    PaymentOutcome lookup(const QString& orderId) override;

    const Config& config() const { return m_config; }

    // One HTTP exchange, as far as it got.
    struct Exchange
    {
        enum class Kind {
            Answered, // an HTTP status came back (body may still be garbage)
            TimedOut, // no complete answer within the timeout: the request may or may not have been processed
            Unreachable, // the connection could not be made: nothing was sent
            Dropped, // the connection broke after the request may have been sent
        };
        Kind kind = Kind::Unreachable;
        int httpStatus = 0;
        QJsonObject json;
        bool isJson = false; // the body was a JSON object
        int retryAfterSeconds = 0;
        QString errorText;
    };

private:
    Exchange send(const QByteArray& verb, const QString& encodedPath, const QJsonObject& body,
                  const QString& idempotencyKey) const;
    // The confirm's answer was lost or unreadable: ask by order id what really happened.
    PaymentOutcome verifyConfirm(const PaymentRequest& request, const QString& problem);
    PaymentOutcome amountMismatch(const PaymentRequest& request, const QString& paymentKey, qint64 reported);

    Config m_config;
};

} // namespace campdesk
