#include "payment/httppaymentgateway.h"

#include "core/logging.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace campdesk {

namespace {

using OutcomeStatus = PaymentOutcome::Status;
using Exchange = HttpPaymentGateway::Exchange;

// The provider's payment states (Toss-like): DONE is paid; CANCELED/PARTIAL_CANCELED were paid and refunded;
// ABORTED/EXPIRED never were; READY/IN_PROGRESS/WAITING_FOR_DEPOSIT are still under way.
bool isDone(const QString& status)
{
    return status == QLatin1String("DONE");
}
bool isCancelled(const QString& status)
{
    return status == QLatin1String("CANCELED") || status == QLatin1String("PARTIAL_CANCELED");
}
bool isNeverPaid(const QString& status)
{
    return status == QLatin1String("ABORTED") || status == QLatin1String("EXPIRED");
}

PaymentOutcome outcome(OutcomeStatus status, const QString& message, const QString& code = QString())
{
    PaymentOutcome result;
    result.status = status;
    result.message = message;
    result.providerCode = code;
    return result;
}

QString errorCode(const Exchange& exchange)
{
    return exchange.json.value(QLatin1String("code")).toString();
}

// A payment object has at least an order id, a status and an amount.
bool isPayment(const Exchange& exchange)
{
    return exchange.isJson && exchange.json.value(QLatin1String("status")).isString()
        && exchange.json.value(QLatin1String("orderId")).isString()
        && exchange.json.value(QLatin1String("totalAmount")).isDouble();
}

qint64 totalAmount(const Exchange& exchange)
{
    return exchange.json.value(QLatin1String("totalAmount")).toInteger();
}

QString encoded(const QString& pathSegment)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(pathSegment));
}

QString busyMessage(int seconds)
{
    return HttpPaymentGateway::tr("The payment service is busy. Please try again in %n seconds, or pay at the front "
                                  "desk.",
                                  nullptr, seconds);
}

// Why an exchange gave no usable answer, in one translated sentence.
QString problemText(const Exchange& exchange)
{
    switch (exchange.kind) {
    case Exchange::Kind::TimedOut:
        return HttpPaymentGateway::tr("The payment service did not answer in time.");
    case Exchange::Kind::Unreachable:
        return HttpPaymentGateway::tr("Cannot reach the payment service (%1).").arg(exchange.errorText);
    case Exchange::Kind::Dropped:
        return HttpPaymentGateway::tr("The connection to the payment service broke off.");
    case Exchange::Kind::Answered:
        break;
    }
    if (exchange.httpStatus == 401)
        return HttpPaymentGateway::tr("The payment service refused Campdesk's secret key. Ask the manager to check "
                                      "the payment settings.");
    if (exchange.httpStatus >= 500)
        return HttpPaymentGateway::tr("The payment service had an internal error (HTTP %1).").arg(exchange.httpStatus);
    return HttpPaymentGateway::tr("The payment service sent an answer Campdesk cannot read (HTTP %1).")
        .arg(exchange.httpStatus);
}

bool isBusy(const Exchange& exchange)
{
    return exchange.kind == Exchange::Kind::Answered && (exchange.httpStatus == 429 || exchange.httpStatus == 503);
}

PaymentOutcome busyOutcome(const Exchange& exchange)
{
    PaymentOutcome result
        = outcome(OutcomeStatus::Unavailable, busyMessage(exchange.retryAfterSeconds),
                  errorCode(exchange).isEmpty() ? QString::number(exchange.httpStatus) : errorCode(exchange));
    result.retryAfterSeconds = exchange.retryAfterSeconds;
    return result;
}

// A business refusal ({code, message} with a 4xx): the card or the request was turned down, nothing happened.
QString declineMessage(const QString& code)
{
    if (code == QLatin1String("REJECT_CARD_PAYMENT") || code == QLatin1String("REJECT_CARD_COMPANY"))
        return HttpPaymentGateway::tr("The card was declined. Please use another card or pay at the front desk.");
    if (code.startsWith(QLatin1String("EXCEED_")) || code == QLatin1String("NOT_ENOUGH_BALANCE"))
        return HttpPaymentGateway::tr("The card's limit or balance is not enough for this payment. Please use "
                                      "another card or pay at the front desk.");
    if (code.startsWith(QLatin1String("INVALID_CARD")))
        return HttpPaymentGateway::tr("The card details are not valid. Please use another card or pay at the front "
                                      "desk.");
    return HttpPaymentGateway::tr("The payment was declined (%1). Please use another card or pay at the front desk.")
        .arg(code.isEmpty() ? HttpPaymentGateway::tr("no reason given") : code);
}

} // namespace

HttpPaymentGateway::HttpPaymentGateway(Config config)
    : m_config(std::move(config))
{
}

QString HttpPaymentGateway::displayName() const
{
    return tr("Card payment (online payment service)");
}

Exchange HttpPaymentGateway::send(const QByteArray& verb, const QString& encodedPath, const QJsonObject& body,
                                  const QString& idempotencyKey) const
{
    QUrl url = m_config.baseUrl;
    QString basePath = url.path(QUrl::FullyEncoded);
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + encodedPath, QUrl::TolerantMode);

    QNetworkRequest request(url);
    // The key only ever goes into this header; the log shows the method, the path and the status.
    request.setRawHeader("Authorization", "Basic " + (m_config.secretKey + QLatin1Char(':')).toUtf8().toBase64());
    request.setRawHeader("Accept", "application/json");
    if (!idempotencyKey.isEmpty())
        request.setRawHeader("Idempotency-Key", idempotencyKey.toUtf8());

    QNetworkAccessManager manager;
    QNetworkReply* reply = nullptr;
    if (verb == "GET") {
        reply = manager.get(request);
    } else {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        reply = manager.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }

    QElapsedTimer elapsed;
    elapsed.start();
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    bool timedOut = false;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&deadline, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        reply->abort(); // emits finished, which ends the loop
    });
    deadline.start(std::max(1, m_config.timeoutMs));
    if (!reply->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    deadline.stop();

    Exchange exchange;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const QNetworkReply::NetworkError error = reply->error();
    if (timedOut) {
        exchange.kind = Exchange::Kind::TimedOut;
    } else if (status.isValid() && status.toInt() > 0) {
        exchange.kind = Exchange::Kind::Answered;
        exchange.httpStatus = status.toInt();
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(reply->readAll(), &parseError);
        exchange.isJson = parseError.error == QJsonParseError::NoError && document.isObject();
        exchange.json = document.object();
        bool ok = false;
        const int retryAfter = reply->rawHeader("Retry-After").trimmed().toInt(&ok);
        exchange.retryAfterSeconds = ok && retryAfter > 0 ? retryAfter : 30;
    } else {
        switch (error) {
        case QNetworkReply::ConnectionRefusedError:
        case QNetworkReply::HostNotFoundError:
        case QNetworkReply::TimeoutError: // the socket could not connect in time
        case QNetworkReply::ProxyConnectionRefusedError:
        case QNetworkReply::ProxyNotFoundError:
        case QNetworkReply::SslHandshakeFailedError:
        case QNetworkReply::ProtocolUnknownError:
        case QNetworkReply::NetworkSessionFailedError:
            exchange.kind = Exchange::Kind::Unreachable;
            break;
        default:
            exchange.kind = Exchange::Kind::Dropped;
            break;
        }
        exchange.errorText = reply->errorString();
    }
    delete reply;

    // "No such order" is an ordinary answer to a lookup, not a failure.
    const bool expected = exchange.kind == Exchange::Kind::Answered && exchange.isJson
        && (exchange.httpStatus < 400 || (verb == "GET" && exchange.httpStatus == 404));
    if (expected) {
        qCDebug(lcPayment).noquote() << verb << url.path() << "->" << exchange.httpStatus << "in" << elapsed.elapsed()
                                     << "ms";
    } else {
        QString what;
        if (timedOut)
            what = QStringLiteral("timed out");
        else if (exchange.kind == Exchange::Kind::Answered)
            what = QStringLiteral("HTTP %1 %2")
                       .arg(exchange.httpStatus)
                       .arg(exchange.isJson ? errorCode(exchange) : QStringLiteral("(not JSON)"));
        else
            what = exchange.errorText;
        qCWarning(lcPayment).noquote() << verb << url.path() << "failed after" << elapsed.elapsed() << "ms:" << what;
    }
    return exchange;
}

PaymentOutcome HttpPaymentGateway::confirm(const PaymentRequest& request)
{
    if (request.orderId.isEmpty() || request.amount <= 0)
        return outcome(OutcomeStatus::Declined, tr("The payment has no order number or no amount."),
                       QStringLiteral("INVALID_REQUEST"));
    // The card token comes from the card reader when there is one; otherwise the order stands for itself.
    const QString paymentKey
        = request.paymentKey.isEmpty() ? QStringLiteral("campdesk-") + request.orderId : request.paymentKey;
    const QJsonObject body { { QStringLiteral("paymentKey"), paymentKey },
                             { QStringLiteral("orderId"), request.orderId },
                             { QStringLiteral("amount"), request.amount } };
    // The order id is the idempotency key: however often this is retried, the provider charges once.
    const Exchange exchange = send("POST", QStringLiteral("/v1/payments/confirm"), body, request.orderId);

    switch (exchange.kind) {
    case Exchange::Kind::TimedOut:
        return outcome(OutcomeStatus::Unknown,
                       problemText(exchange) + QLatin1Char(' ')
                           + tr("Your booking is held while Campdesk checks whether the payment went through."),
                       QStringLiteral("TIMEOUT"));
    case Exchange::Kind::Unreachable:
        return outcome(OutcomeStatus::Failed,
                       problemText(exchange) + QLatin1Char(' ')
                           + tr("Nothing was charged. Please try again or pay at the front desk."),
                       QStringLiteral("UNREACHABLE"));
    case Exchange::Kind::Dropped:
        return verifyConfirm(request, problemText(exchange));
    case Exchange::Kind::Answered:
        break;
    }
    if (isBusy(exchange))
        return busyOutcome(exchange);
    if (exchange.httpStatus == 401)
        return outcome(OutcomeStatus::Failed, problemText(exchange), errorCode(exchange));
    if (exchange.httpStatus >= 400 && exchange.httpStatus < 500 && exchange.isJson && !errorCode(exchange).isEmpty())
        return outcome(OutcomeStatus::Declined, declineMessage(errorCode(exchange)), errorCode(exchange));
    if (exchange.httpStatus != 200 || !isPayment(exchange)
        || exchange.json.value(QLatin1String("orderId")).toString() != request.orderId) {
        return verifyConfirm(request, problemText(exchange));
    }

    const QString status = exchange.json.value(QLatin1String("status")).toString();
    const QString key = exchange.json.value(QLatin1String("paymentKey")).toString(paymentKey);
    if (isDone(status)) {
        if (totalAmount(exchange) != request.amount)
            return amountMismatch(request, key, totalAmount(exchange));
        PaymentOutcome approved = outcome(OutcomeStatus::Approved, QString());
        approved.providerTxId = key;
        approved.amount = totalAmount(exchange);
        return approved;
    }
    if (isNeverPaid(status) || isCancelled(status))
        return outcome(OutcomeStatus::Declined, declineMessage(status), status);
    return outcome(OutcomeStatus::Unknown,
                   tr("The payment is still being processed. Your booking is held while Campdesk checks whether the "
                      "payment went through."),
                   status);
}

PaymentOutcome HttpPaymentGateway::verifyConfirm(const PaymentRequest& request, const QString& problem)
{
    const PaymentOutcome found = lookup(request.orderId);
    if (found.status == OutcomeStatus::NotFound) {
        return outcome(OutcomeStatus::Failed,
                       problem + QLatin1Char(' ')
                           + tr("Nothing was charged. Please try again or pay at the front desk."),
                       QStringLiteral("NO_ANSWER"));
    }
    if (found.status == OutcomeStatus::Approved) {
        qCInfo(lcPayment).noquote() << "the confirm answer for" << request.orderId
                                    << "was lost, but the provider approved it";
        if (found.amount != request.amount)
            return amountMismatch(request, found.providerTxId, found.amount);
        return found;
    }
    return outcome(OutcomeStatus::Unknown,
                   problem + QLatin1Char(' ')
                       + tr("Your booking is held while Campdesk checks whether the payment went through."),
                   QStringLiteral("UNVERIFIED"));
}

PaymentOutcome HttpPaymentGateway::amountMismatch(const PaymentRequest& request, const QString& paymentKey,
                                                  qint64 reported)
{
    qCWarning(lcPayment).noquote() << "order" << request.orderId << "was approved for" << reported << "won instead of"
                                   << request.amount << "won: cancelling it";
    PaymentCancelRequest undo;
    undo.orderId = request.orderId;
    undo.providerTxId = paymentKey;
    undo.cancelAmount = reported;
    undo.reason = QStringLiteral("Amount mismatch: approved %1, requested %2").arg(reported).arg(request.amount);
    const PaymentOutcome undone = cancel(undo);
    QString message = tr("The payment service reported %1 won instead of %2 won.").arg(reported).arg(request.amount);
    if (undone.approved()) {
        message += QLatin1Char(' ') + tr("The payment was cancelled; please try again or pay at the front desk.");
    } else {
        qCWarning(lcPayment).noquote() << "could not cancel the mismatched payment for order" << request.orderId
                                       << "- a refund must be made by hand";
        message += QLatin1Char(' ') + tr("The payment could not be cancelled automatically: staff will refund it.");
    }
    PaymentOutcome result = outcome(OutcomeStatus::Declined, message, QStringLiteral("AMOUNT_MISMATCH"));
    result.providerTxId = paymentKey;
    result.amount = reported;
    if (!undone.approved())
        result.keptByProvider = reported;
    return result;
}

PaymentOutcome HttpPaymentGateway::cancel(const PaymentCancelRequest& request)
{
    if (request.cancelAmount == 0) {
        // The cancellation rule refunds nothing: the payment stays as it is at the provider.
        PaymentOutcome nothing = outcome(OutcomeStatus::Approved, QString());
        nothing.providerTxId = request.providerTxId;
        return nothing;
    }
    if (request.cancelAmount < 0)
        return outcome(OutcomeStatus::Declined, tr("A refund cannot be negative."), QStringLiteral("INVALID_REQUEST"));

    QString paymentKey = request.providerTxId;
    if (paymentKey.isEmpty()) {
        // A partly refunded payment (Cancelled) can still be refunded further: the provider decides what is left.
        const PaymentOutcome found = lookup(request.orderId.section(QLatin1Char('/'), 0, 0)); // a group's part too
        if ((found.status != OutcomeStatus::Approved && found.status != OutcomeStatus::Cancelled)
            || found.providerTxId.isEmpty())
            return found;
        paymentKey = found.providerTxId;
    }
    const QString reason = request.reason.isEmpty() ? QStringLiteral("Cancelled by Campdesk") : request.reason;
    const QJsonObject body { { QStringLiteral("cancelReason"), reason },
                             { QStringLiteral("cancelAmount"), request.cancelAmount } };
    // Retrying the same refund must not refund twice.
    const QString idempotencyKey = !request.idempotencyKey.isEmpty()
        ? request.idempotencyKey
        : QStringLiteral("cancel-%1-%2")
              .arg(request.orderId.isEmpty() ? paymentKey : request.orderId)
              .arg(request.cancelAmount);
    const Exchange exchange
        = send("POST", QStringLiteral("/v1/payments/%1/cancel").arg(encoded(paymentKey)), body, idempotencyKey);

    const QString refundFailed = tr("The refund did not go through; Campdesk will try again.");
    switch (exchange.kind) {
    case Exchange::Kind::TimedOut:
        return outcome(OutcomeStatus::Unknown, problemText(exchange) + QLatin1Char(' ') + refundFailed,
                       QStringLiteral("TIMEOUT"));
    case Exchange::Kind::Unreachable:
    case Exchange::Kind::Dropped:
        return outcome(OutcomeStatus::Failed, problemText(exchange) + QLatin1Char(' ') + refundFailed,
                       QStringLiteral("NO_ANSWER"));
    case Exchange::Kind::Answered:
        break;
    }
    if (isBusy(exchange))
        return busyOutcome(exchange);
    const QString code = errorCode(exchange);
    if (exchange.httpStatus == 200 && isPayment(exchange)
        && isCancelled(exchange.json.value(QLatin1String("status")).toString())) {
        PaymentOutcome refunded = outcome(OutcomeStatus::Approved, QString());
        refunded.providerTxId = paymentKey;
        refunded.amount = request.cancelAmount;
        return refunded;
    }
    if (code == QLatin1String("ALREADY_CANCELED_PAYMENT")) {
        PaymentOutcome refunded = outcome(OutcomeStatus::Approved, QString(), code);
        refunded.providerTxId = paymentKey;
        refunded.amount = request.cancelAmount;
        return refunded;
    }
    if (exchange.httpStatus == 404 && exchange.isJson)
        return outcome(OutcomeStatus::NotFound, tr("The payment service does not know this payment."), code);
    if (exchange.httpStatus >= 400 && exchange.httpStatus < 500 && exchange.httpStatus != 401 && exchange.isJson
        && !code.isEmpty()) {
        return outcome(OutcomeStatus::Declined, tr("The payment service refused the refund (%1).").arg(code), code);
    }
    return outcome(OutcomeStatus::Failed, problemText(exchange) + QLatin1Char(' ') + refundFailed, code);
}

PaymentOutcome HttpPaymentGateway::lookup(const QString& orderId)
{
    if (orderId.isEmpty())
        return outcome(OutcomeStatus::NotFound, tr("The payment has no order number."),
                       QStringLiteral("INVALID_REQUEST"));
    const Exchange exchange
        = send("GET", QStringLiteral("/v1/payments/orders/%1").arg(encoded(orderId)), QJsonObject(), QString());
    switch (exchange.kind) {
    case Exchange::Kind::TimedOut:
        return outcome(OutcomeStatus::Unknown, problemText(exchange), QStringLiteral("TIMEOUT"));
    case Exchange::Kind::Unreachable:
    case Exchange::Kind::Dropped:
        return outcome(OutcomeStatus::Failed, problemText(exchange), QStringLiteral("NO_ANSWER"));
    case Exchange::Kind::Answered:
        break;
    }
    if (isBusy(exchange))
        return busyOutcome(exchange);
    if (exchange.httpStatus == 404 && exchange.isJson)
        return outcome(OutcomeStatus::NotFound, tr("The payment service has no payment for this order."),
                       errorCode(exchange));
    if (exchange.httpStatus != 200 || !isPayment(exchange)
        || exchange.json.value(QLatin1String("orderId")).toString() != orderId) {
        return outcome(OutcomeStatus::Failed, problemText(exchange), errorCode(exchange));
    }

    const QString status = exchange.json.value(QLatin1String("status")).toString();
    PaymentOutcome result;
    result.providerTxId = exchange.json.value(QLatin1String("paymentKey")).toString();
    result.amount = totalAmount(exchange);
    result.providerCode = status;
    if (isDone(status)) {
        result.status = OutcomeStatus::Approved;
    } else if (isCancelled(status)) {
        result.status = OutcomeStatus::Cancelled;
        // What is left of the payment tells what was given back (a partial cancel leaves some).
        const QJsonValue balance = exchange.json.value(QLatin1String("balanceAmount"));
        if (balance.isDouble())
            result.refunded = std::max<qint64>(0, result.amount - balance.toInteger());
        result.message = tr("The payment was cancelled at the payment service.");
    } else if (isNeverPaid(status)) {
        result.status = OutcomeStatus::NotFound;
        result.message = tr("The payment was never completed at the payment service.");
    } else {
        result.status = OutcomeStatus::Unknown;
        result.message = tr("The payment is still being processed.");
    }
    return result;
}

} // namespace campdesk
