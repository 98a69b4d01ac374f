#include "smtptestserver.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

namespace campdesk::test {

SmtpTestServer::SmtpTestServer() = default;

SmtpTestServer::~SmtpTestServer()
{
    stop();
}

bool SmtpTestServer::start(int port, const QString& user, const QString& password)
{
    QStringList args { QStringLiteral("--port"), QString::number(port) };
    if (!user.isEmpty())
        args << QStringLiteral("--user") << user << QStringLiteral("--password") << password;
    return launch(args);
}

QString SmtpTestServer::certificatePath() const
{
    return QDir(m_dir.path()).filePath(QStringLiteral("cert.pem"));
}

bool SmtpTestServer::startTls(Tls mode)
{
    const QString key = QDir(m_dir.path()).filePath(QStringLiteral("key.pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                    QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"), key,
                    QStringLiteral("-out"), certificatePath(), QStringLiteral("-days"), QStringLiteral("1"),
                    QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                    QStringLiteral("subjectAltName=IP:127.0.0.1") });
    if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0)
        return false;
    return launch({ QStringLiteral("--tls"),
                    mode == Tls::StartTls ? QStringLiteral("starttls") : QStringLiteral("smtps"),
                    QStringLiteral("--cert"), certificatePath(), QStringLiteral("--key"), key });
}

bool SmtpTestServer::launch(const QStringList& extraArgs)
{
    const QStringList args
        = QStringList { QStringLiteral(CAMPDESK_SOURCE_DIR "/tests/support/smtp_server.py"), m_dir.path() } + extraArgs;
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    // Debian's interpreter: python3-aiosmtpd is installed for it, not for other pythons on the PATH.
    m_process.start(QStringLiteral("/usr/bin/python3"), args);
    if (!m_process.waitForStarted(5000))
        return false;
    QByteArray output;
    while (!output.contains('\n')) {
        if (!m_process.waitForReadyRead(15000))
            return false;
        output += m_process.readAllStandardOutput();
    }
    if (!output.startsWith("READY "))
        return false;
    m_port = output.mid(6).trimmed().toInt();
    return m_port > 0;
}

void SmtpTestServer::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill();
    m_process.waitForFinished(5000);
}

QList<QJsonObject> SmtpTestServer::messages() const
{
    QList<QJsonObject> out;
    const QDir dir(m_dir.path());
    for (const QString& name : dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            out.append(QJsonDocument::fromJson(file.readAll()).object());
    }
    return out;
}

void SmtpTestServer::setRejectingRecipients(bool rejecting)
{
    QFile file(QDir(m_dir.path()).filePath(QStringLiteral("reject_rcpt")));
    if (rejecting) {
        if (file.open(QIODevice::WriteOnly))
            file.write("1");
    } else {
        file.remove();
    }
}

void SmtpTestServer::setFailing(bool failing)
{
    QFile file(QDir(m_dir.path()).filePath(QStringLiteral("fail")));
    if (failing) {
        if (file.open(QIODevice::WriteOnly))
            file.write("1");
    } else {
        file.remove();
    }
}

void SmtpTestServer::setDelayMs(int ms)
{
    QFile file(QDir(m_dir.path()).filePath(QStringLiteral("delay_ms")));
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(QByteArray::number(ms));
}

} // namespace campdesk::test
