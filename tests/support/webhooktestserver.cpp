#include "webhooktestserver.h"

#include <QJsonObject>
#include <QTcpServer>

namespace campdesk::test {

QByteArray WebhookTestServer::Request::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return QByteArray();
}

bool WebhookTestServer::listen(quint16 port)
{
    m_server = std::make_unique<QHttpServer>();
    m_server->route(
        QStringLiteral("/hook"), QHttpServerRequest::Method::Post, [this](const QHttpServerRequest& request) {
            m_requests.append(Request { request.headers(), request.body() });
            if (m_failStatus != 0) {
                QJsonObject answer { { QStringLiteral("error"), QStringLiteral("down") } };
                if (m_echoOnFailure)
                    answer.insert(QStringLiteral("request"), QString::fromUtf8(request.body()));
                return QHttpServerResponse(answer, QHttpServerResponder::StatusCode(m_failStatus));
            }
            return QHttpServerResponse(
                QJsonObject { { QStringLiteral("messageId"), QStringLiteral("sms-%1").arg(m_requests.size()) } });
        });
    m_port = m_server->listen(QHostAddress::LocalHost, port);
    return m_port != 0;
}

void WebhookTestServer::close()
{
    m_server.reset();
}

QUrl WebhookTestServer::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/hook").arg(m_port));
}

} // namespace campdesk::test
