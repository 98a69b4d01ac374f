#pragma once

#include <QHash>
#include <QObject>
#include <QUrl>
#include <functional>
#include <memory>
#include <optional>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace campdesk {

// A payment gateway on 127.0.0.1 speaking the protocol of docs/payment-protocol.md, for tests and demos. It approves,
// and on command declines, stalls, answers 500, garbage or 429, drops the connection, or reports a wrong amount.
// It keeps its orders (so lookups work) and answers a repeated Idempotency-Key with the first answer.
class PaymentSimulator final : public QObject
{
    Q_OBJECT
public:
    enum class Mode {
        Approve, // charge and answer DONE
        Decline, // 403 REJECT_CARD_PAYMENT; the order is recorded as ABORTED
        Stall, // charge at once, answer only after stallMs (a client that gives up earlier sees a timeout)
        ServerError, // 500 FAILED_INTERNAL_SYSTEM_PROCESSING, nothing charged
        Garbage, // 200 with an HTML page, nothing charged
        Drop, // close the connection without an answer, nothing charged
        TooManyRequests, // 429 with Retry-After, nothing charged
        WrongAmount, // charge 1,000 won more than asked and say so
        ChargeThenDrop, // charge, then close the connection without an answer (the answer is lost on the way)
        Hang, // the request is lost: nothing charged, no answer, the connection is closed after stallMs
    };
    Q_ENUM(Mode)

    struct Order
    {
        QString orderId;
        QString paymentKey;
        qint64 amount = 0; // what was charged
        qint64 cancelledAmount = 0; // refunded so far
        QString status; // DONE, CANCELED, PARTIAL_CANCELED, ABORTED
        QString approvedAt; // ISO time, empty when never approved
    };

    explicit PaymentSimulator(QString secretKey = QStringLiteral("test_sk_campdesk"), QObject* parent = nullptr);
    ~PaymentSimulator() override;

    // Listens on 127.0.0.1 only; port 0 picks a free one. Returns the port, or 0 when it cannot listen.
    quint16 listen(quint16 port = 0);
    quint16 port() const { return m_port; }
    QUrl baseUrl() const;
    const QString& secretKey() const { return m_secretKey; }

    // How confirm and cancel requests are answered from now on; lookups are answered truthfully unless
    // setLookupMode says otherwise (Approve there means "answer normally").
    void setMode(Mode mode, int stallMs = 0);
    // Refuse every cancel (400 NOT_CANCELABLE_PAYMENT), whatever the mode: the provider keeps the money.
    void setCancelsRefused(bool refused) { m_cancelsRefused = refused; }
    void setLookupMode(Mode mode, int stallMs = 0);
    Mode mode() const { return m_writes.mode; }

    int requestCount() const { return m_requests; } // every request that reached the server
    int chargeCount(const QString& orderId) const; // times money was taken for this order
    int chargesForKey(const QString& idempotencyKey) const; // times a request with this key took money
    int totalCharges() const { return m_totalCharges; }
    std::optional<Order> order(const QString& orderId) const;
    // The provider's own console cancels a payment (as if the card company or the merchant did it there).
    bool cancelAtProvider(const QString& orderId);
    // Puts an order into the provider's records as they are, e.g. one approved for another amount.
    void putOrder(const Order& order);

    static QString modeName(Mode mode);
    static std::optional<Mode> modeFromName(const QString& name);

private:
    struct Answer
    {
        int status = 200;
        QByteArray body;
        QByteArray contentType = QByteArrayLiteral("application/json");
        int retryAfter = 0;
        bool drop = false;
        int delayMs = 0;
    };
    struct Behaviour
    {
        Mode mode = Mode::Approve;
        int stallMs = 0;
    };

    void setupRoutes();
    bool authorized(const QHttpServerRequest& request) const;
    Answer confirm(const QHttpServerRequest& request);
    Answer cancel(const QString& paymentKey, const QHttpServerRequest& request);
    Answer lookup(const QString& orderId);
    Answer simControl(const QHttpServerRequest& request);
    // The failure modes that answer without doing anything; nullopt when the request should be processed.
    static std::optional<Answer> refusal(const Behaviour& behaviour);
    // Write endpoints: repeats of an Idempotency-Key get the first answer without being processed again.
    Answer idempotent(const QHttpServerRequest& request, const std::function<Answer()>& process);
    void respond(QHttpServerResponder&& responder, const Answer& answer);
    static Answer json(int status, const QJsonObject& object);
    static Answer error(int status, const QString& code, const QString& message);
    static QJsonObject paymentJson(const Order& order);

    QString m_secretKey;
    std::unique_ptr<QHttpServer> m_server;
    quint16 m_port = 0;
    Behaviour m_writes;
    bool m_cancelsRefused = false;
    Behaviour m_lookups;
    int m_requests = 0;
    int m_totalCharges = 0;
    QHash<QString, Order> m_orders; // by order id
    QHash<QString, QString> m_orderByKey; // payment key -> order id
    QHash<QString, int> m_chargesByOrder;
    QHash<QString, int> m_chargesByKey; // by Idempotency-Key
    QHash<QString, Answer> m_answersByKey; // by Idempotency-Key
};

} // namespace campdesk
