#pragma once

#include <QHttpServer>
#include <QList>
#include <QUrl>
#include <memory>

namespace campdesk::test {

// A loopback SMS/messenger gateway for the webhook channel: records every POST to /hook and answers 200,
// or the status it was told to fail with.
class WebhookTestServer
{
public:
    struct Request
    {
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray header(const QByteArray& name) const;
    };

    // port 0: a free port. Returns false when it cannot listen.
    bool listen(quint16 port = 0);
    void close(); // the gateway is down: connections are refused
    quint16 port() const { return m_port; }
    QUrl url() const;
    void setFailStatus(int status) { m_failStatus = status; } // 0: answer 200
    // A failure answer that quotes the request back (recipient and all), as some SMS gateways do.
    void setEchoOnFailure(bool echo) { m_echoOnFailure = echo; }
    const QList<Request>& requests() const { return m_requests; }

private:
    std::unique_ptr<QHttpServer> m_server;
    quint16 m_port = 0;
    int m_failStatus = 0;
    bool m_echoOnFailure = false;
    QList<Request> m_requests;
};

} // namespace campdesk::test
