#include "paymentsimulator.h"

#include <QDateTime>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

namespace campdesk {

namespace {

QByteArray header(const QHttpServerRequest& request, const QByteArray& name)
{
    const auto headers = request.headers();
    for (const auto& item : headers) {
        if (item.first.compare(name, Qt::CaseInsensitive) == 0)
            return item.second;
    }
    return QByteArray();
}

QString nowIso()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}

} // namespace

PaymentSimulator::PaymentSimulator(QString secretKey, QObject* parent)
    : QObject(parent)
    , m_secretKey(std::move(secretKey))
    , m_server(std::make_unique<QHttpServer>())
{
    setupRoutes();
}

PaymentSimulator::~PaymentSimulator() = default;

quint16 PaymentSimulator::listen(quint16 port)
{
    m_port = m_server->listen(QHostAddress::LocalHost, port);
    return m_port;
}

QUrl PaymentSimulator::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    return url;
}

void PaymentSimulator::setMode(Mode mode, int stallMs)
{
    m_writes = Behaviour { mode, stallMs };
}

void PaymentSimulator::setLookupMode(Mode mode, int stallMs)
{
    m_lookups = Behaviour { mode, stallMs };
}

int PaymentSimulator::chargeCount(const QString& orderId) const
{
    return m_chargesByOrder.value(orderId);
}

int PaymentSimulator::chargesForKey(const QString& idempotencyKey) const
{
    return m_chargesByKey.value(idempotencyKey);
}

std::optional<PaymentSimulator::Order> PaymentSimulator::order(const QString& orderId) const
{
    const auto found = m_orders.constFind(orderId);
    if (found == m_orders.constEnd())
        return std::nullopt;
    return *found;
}

bool PaymentSimulator::cancelAtProvider(const QString& orderId)
{
    auto found = m_orders.find(orderId);
    if (found == m_orders.end() || found->status != QLatin1String("DONE"))
        return false;
    found->cancelledAmount = found->amount;
    found->status = QStringLiteral("CANCELED");
    return true;
}

void PaymentSimulator::putOrder(const Order& order)
{
    m_orders.insert(order.orderId, order);
    if (!order.paymentKey.isEmpty())
        m_orderByKey.insert(order.paymentKey, order.orderId);
}

QString PaymentSimulator::modeName(Mode mode)
{
    return QString::fromLatin1(QMetaEnum::fromType<Mode>().valueToKey(static_cast<int>(mode)));
}

std::optional<PaymentSimulator::Mode> PaymentSimulator::modeFromName(const QString& name)
{
    const QMetaEnum meta = QMetaEnum::fromType<Mode>();
    for (int i = 0; i < meta.keyCount(); ++i) {
        if (name.compare(QLatin1String(meta.key(i)), Qt::CaseInsensitive) == 0)
            return static_cast<Mode>(meta.value(i));
    }
    return std::nullopt;
}

PaymentSimulator::Answer PaymentSimulator::json(int status, const QJsonObject& object)
{
    Answer answer;
    answer.status = status;
    answer.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return answer;
}

PaymentSimulator::Answer PaymentSimulator::error(int status, const QString& code, const QString& message)
{
    return json(status, QJsonObject { { QStringLiteral("code"), code }, { QStringLiteral("message"), message } });
}

QJsonObject PaymentSimulator::paymentJson(const Order& order)
{
    return QJsonObject {
        { QStringLiteral("paymentKey"), order.paymentKey },
        { QStringLiteral("orderId"), order.orderId },
        { QStringLiteral("status"), order.status },
        { QStringLiteral("method"), QStringLiteral("CARD") },
        { QStringLiteral("totalAmount"), order.amount },
        { QStringLiteral("balanceAmount"), order.amount - order.cancelledAmount },
        { QStringLiteral("approvedAt"), order.approvedAt.isEmpty() ? QJsonValue() : QJsonValue(order.approvedAt) },
    };
}

bool PaymentSimulator::authorized(const QHttpServerRequest& request) const
{
    return header(request, "Authorization") == "Basic " + (m_secretKey + QLatin1Char(':')).toUtf8().toBase64();
}

std::optional<PaymentSimulator::Answer> PaymentSimulator::refusal(const Behaviour& behaviour)
{
    switch (behaviour.mode) {
    case Mode::ServerError:
        return error(500, QStringLiteral("FAILED_INTERNAL_SYSTEM_PROCESSING"),
                     QStringLiteral("내부 시스템 처리 작업이 실패했습니다. 잠시 후 다시 시도해주세요."));
    case Mode::Garbage: {
        Answer answer;
        answer.body = QByteArrayLiteral("<html><body>502 Bad Gateway (or so)</body></html>\x01\x02");
        answer.contentType = QByteArrayLiteral("text/html");
        return answer;
    }
    case Mode::Drop:
    case Mode::Hang: {
        Answer answer;
        answer.drop = true;
        answer.delayMs = behaviour.mode == Mode::Hang ? behaviour.stallMs : 0;
        return answer;
    }
    case Mode::TooManyRequests: {
        Answer answer = error(429, QStringLiteral("TOO_MANY_REQUESTS"), QStringLiteral("요청량이 많습니다."));
        answer.retryAfter = 7;
        return answer;
    }
    case Mode::Approve:
    case Mode::Decline:
    case Mode::Stall:
    case Mode::WrongAmount:
    case Mode::ChargeThenDrop:
        break;
    }
    return std::nullopt;
}

PaymentSimulator::Answer PaymentSimulator::idempotent(const QHttpServerRequest& request,
                                                      const std::function<Answer()>& process)
{
    const QString key = QString::fromUtf8(header(request, "Idempotency-Key"));
    if (!key.isEmpty()) {
        const auto seen = m_answersByKey.constFind(key);
        if (seen != m_answersByKey.constEnd())
            return *seen;
    }
    const int chargesBefore = m_totalCharges;
    Answer answer = process();
    if (!key.isEmpty()) {
        m_answersByKey.insert(key, answer);
        m_chargesByKey[key] += m_totalCharges - chargesBefore;
    }
    return answer;
}

PaymentSimulator::Answer PaymentSimulator::confirm(const QHttpServerRequest& request)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
    const QString paymentKey = body.value(QLatin1String("paymentKey")).toString();
    const QString orderId = body.value(QLatin1String("orderId")).toString();
    const qint64 amount = body.value(QLatin1String("amount")).toInteger();
    if (paymentKey.isEmpty() || orderId.isEmpty() || amount <= 0)
        return error(400, QStringLiteral("INVALID_REQUEST"), QStringLiteral("잘못된 요청입니다."));
    const auto existing = m_orders.constFind(orderId);
    if (existing != m_orders.constEnd() && existing->status != QLatin1String("ABORTED"))
        return error(400, QStringLiteral("ALREADY_PROCESSED_PAYMENT"), QStringLiteral("이미 처리된 결제 입니다."));

    Order order;
    order.orderId = orderId;
    order.paymentKey = paymentKey;
    if (m_writes.mode == Mode::Decline) {
        order.status = QStringLiteral("ABORTED");
        m_orders.insert(orderId, order);
        return error(403, QStringLiteral("REJECT_CARD_PAYMENT"),
                     QStringLiteral("한도초과 혹은 잔액부족으로 결제에 실패했습니다."));
    }
    order.amount = m_writes.mode == Mode::WrongAmount ? amount + 1000 : amount;
    order.status = QStringLiteral("DONE");
    order.approvedAt = nowIso();
    m_orders.insert(orderId, order);
    m_orderByKey.insert(paymentKey, orderId);
    ++m_chargesByOrder[orderId];
    ++m_totalCharges;
    return json(200, paymentJson(order));
}

PaymentSimulator::Answer PaymentSimulator::cancel(const QString& paymentKey, const QHttpServerRequest& request)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
    auto found = m_orders.find(m_orderByKey.value(paymentKey));
    if (found == m_orders.end())
        return error(404, QStringLiteral("NOT_FOUND_PAYMENT"), QStringLiteral("존재하지 않는 결제 정보 입니다."));
    if (m_cancelsRefused)
        return error(400, QStringLiteral("NOT_CANCELABLE_PAYMENT"), QStringLiteral("취소 할 수 없는 결제 입니다."));
    if (found->status == QLatin1String("CANCELED"))
        return error(400, QStringLiteral("ALREADY_CANCELED_PAYMENT"), QStringLiteral("이미 취소된 결제 입니다."));
    if (body.value(QLatin1String("cancelReason")).toString().isEmpty())
        return error(400, QStringLiteral("INVALID_REQUEST"), QStringLiteral("취소 사유가 필요합니다."));
    const qint64 left = found->amount - found->cancelledAmount;
    // No cancelAmount means "all of it", as with the real thing.
    const qint64 amount
        = body.contains(QLatin1String("cancelAmount")) ? body.value(QLatin1String("cancelAmount")).toInteger() : left;
    if (amount <= 0 || amount > left)
        return error(400, QStringLiteral("NOT_CANCELABLE_AMOUNT"), QStringLiteral("취소 할 수 없는 금액 입니다."));
    found->cancelledAmount += amount;
    found->status
        = found->cancelledAmount == found->amount ? QStringLiteral("CANCELED") : QStringLiteral("PARTIAL_CANCELED");
    return json(200, paymentJson(*found));
}

PaymentSimulator::Answer PaymentSimulator::lookup(const QString& orderId)
{
    const auto found = m_orders.constFind(orderId);
    if (found == m_orders.constEnd())
        return error(404, QStringLiteral("NOT_FOUND_PAYMENT"), QStringLiteral("존재하지 않는 결제 정보 입니다."));
    return json(200, paymentJson(*found));
}

PaymentSimulator::Answer PaymentSimulator::simControl(const QHttpServerRequest& request)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
    const std::optional<Mode> mode = modeFromName(body.value(QLatin1String("mode")).toString());
    if (!mode)
        return error(400, QStringLiteral("INVALID_REQUEST"), QStringLiteral("unknown mode"));
    const int stallMs = body.value(QLatin1String("stallMs")).toInt();
    if (body.value(QLatin1String("lookups")).toBool())
        setLookupMode(*mode, stallMs);
    else
        setMode(*mode, stallMs);
    return json(200,
                QJsonObject { { QStringLiteral("mode"), modeName(*mode) }, { QStringLiteral("stallMs"), stallMs } });
}

void PaymentSimulator::respond(QHttpServerResponder&& responder, const Answer& answer)
{
    auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
    QPointer<QTcpSocket> socket = held->socket();
    auto send = [held, socket, answer] {
        if (!socket || socket->state() != QAbstractSocket::ConnectedState)
            return; // the client gave up waiting
        if (answer.drop) {
            socket->abort();
            return;
        }
        const auto status = static_cast<QHttpServerResponder::StatusCode>(answer.status);
        if (answer.retryAfter > 0) {
            held->write(answer.body,
                        { { QByteArrayLiteral("Content-Type"), answer.contentType },
                          { QByteArrayLiteral("Retry-After"), QByteArray::number(answer.retryAfter) } },
                        status);
        } else {
            held->write(answer.body, { { QByteArrayLiteral("Content-Type"), answer.contentType } }, status);
        }
    };
    if (answer.delayMs > 0)
        QTimer::singleShot(answer.delayMs, this, send);
    else
        send();
}

void PaymentSimulator::setupRoutes()
{
    using Method = QHttpServerRequest::Method;
    // Every payment endpoint: count, check the key, then let the current mode decide.
    auto guard
        = [this](const QHttpServerRequest& request, QHttpServerResponder& responder, const Behaviour& behaviour) {
              ++m_requests;
              if (!authorized(request)) {
                  respond(std::move(responder),
                          error(401, QStringLiteral("UNAUTHORIZED_KEY"),
                                QStringLiteral("인증되지 않은 시크릿 키 혹은 클라이언트 키 입니다.")));
                  return false;
              }
              if (std::optional<Answer> refused = refusal(behaviour)) {
                  respond(std::move(responder), *refused);
                  return false;
              }
              return true;
          };

    m_server->route(QStringLiteral("/v1/payments/confirm"), Method::Post,
                    [this, guard](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
                        if (!guard(request, responder, m_writes))
                            return;
                        Answer answer = idempotent(request, [&] { return confirm(request); });
                        if (m_writes.mode == Mode::Stall)
                            answer.delayMs = m_writes.stallMs;
                        answer.drop = m_writes.mode == Mode::ChargeThenDrop;
                        respond(std::move(responder), answer);
                    });
    m_server->route(
        QStringLiteral("/v1/payments/<arg>/cancel"), Method::Post,
        [this, guard](const QString& paymentKey, const QHttpServerRequest& request, QHttpServerResponder&& responder) {
            if (!guard(request, responder, m_writes))
                return;
            const QString key = QUrl::fromPercentEncoding(paymentKey.toUtf8());
            Answer answer = idempotent(request, [&] { return cancel(key, request); });
            if (m_writes.mode == Mode::Stall)
                answer.delayMs = m_writes.stallMs;
            respond(std::move(responder), answer);
        });
    m_server->route(
        QStringLiteral("/v1/payments/orders/<arg>"), Method::Get,
        [this, guard](const QString& orderId, const QHttpServerRequest& request, QHttpServerResponder&& responder) {
            if (!guard(request, responder, m_lookups))
                return;
            Answer answer = lookup(QUrl::fromPercentEncoding(orderId.toUtf8()));
            if (m_lookups.mode == Mode::Stall)
                answer.delayMs = m_lookups.stallMs;
            respond(std::move(responder), answer);
        });

    // Control for the command-line simulator (tests use the C++ API). Loopback only, like the whole server.
    m_server->route(QStringLiteral("/sim/mode"), Method::Post,
                    [this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
                        respond(std::move(responder), simControl(request));
                    });
    m_server->route(
        QStringLiteral("/sim/orders/<arg>/cancel"), Method::Post,
        [this](const QString& orderId, const QHttpServerRequest&, QHttpServerResponder&& responder) {
            const bool done = cancelAtProvider(QUrl::fromPercentEncoding(orderId.toUtf8()));
            respond(std::move(responder),
                    done ? json(200, QJsonObject { { QStringLiteral("cancelled"), true } })
                         : error(404, QStringLiteral("NOT_FOUND_PAYMENT"), QStringLiteral("no such paid order")));
        });
    m_server->setMissingHandler([this](const QHttpServerRequest&, QHttpServerResponder&& responder) {
        ++m_requests;
        respond(std::move(responder), error(404, QStringLiteral("NOT_FOUND"), QStringLiteral("no such endpoint")));
    });
}

} // namespace campdesk
