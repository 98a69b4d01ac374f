#pragma once

#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QTemporaryDir>

namespace campdesk::test {

// A real SMTP server on 127.0.0.1 (tests/support/smtp_server.py on python3-aiosmtpd) in its own process.
// Each received message is a file; messages() gives what Python's e-mail parser decoded from them.
class SmtpTestServer
{
public:
    SmtpTestServer();
    ~SmtpTestServer();

    // port 0: a free port. user non-empty: the server requires AUTH LOGIN/PLAIN with these credentials.
    bool start(int port = 0, const QString& user = QString(), const QString& password = QString());
    enum class Tls { StartTls, Smtps };
    // A TLS server with a fresh self-signed certificate for 127.0.0.1 (certificatePath() is its own CA).
    bool startTls(Tls mode);
    QString certificatePath() const;
    void stop();
    bool isRunning() const { return m_process.state() == QProcess::Running; }
    int port() const { return m_port; }
    QString folder() const { return m_dir.path(); }

    // Oldest first: subject, fromName, body, notification (X-Campdesk-Notification), messageId, login, ...
    QList<QJsonObject> messages() const;
    void setFailing(bool failing); // 451 on every message
    void setRejectingRecipients(bool rejecting); // 550 naming the address on every RCPT TO
    void setDelayMs(int ms); // wait after storing a message before answering 250

private:
    bool launch(const QStringList& extraArgs);
    QProcess m_process;
    QTemporaryDir m_dir;
    int m_port = 0;
};

} // namespace campdesk::test
