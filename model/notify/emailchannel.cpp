#include "notify/emailchannel.h"

#include <QFile>
#include <QLocale>
#include <QLoggingCategory>
#include <curl/curl.h>
#include <memory>
#include <mutex>

Q_LOGGING_CATEGORY(lcEmail, "campdesk.notify.email")

namespace campdesk {

namespace {

void initCurlOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Upload
{
    QByteArray data;
    qsizetype offset = 0;
};

size_t readUpload(char* buffer, size_t size, size_t count, void* user)
{
    auto* upload = static_cast<Upload*>(user);
    const qsizetype left = upload->data.size() - upload->offset;
    const qsizetype chunk = std::min<qsizetype>(left, qsizetype(size * count));
    memcpy(buffer, upload->data.constData() + upload->offset, size_t(chunk));
    upload->offset += chunk;
    return size_t(chunk);
}

// Keeps the server's last reply line ("250 OK: queued as ..."), the provider's answer we store.
int recordServerReply(CURL*, curl_infotype type, char* data, size_t size, void* user)
{
    if (type == CURLINFO_HEADER_IN) {
        const QByteArray line = QByteArray(data, qsizetype(size)).trimmed();
        if (!line.isEmpty())
            *static_cast<QByteArray*>(user) = line;
    }
    return 0;
}

QByteArray foldBase64(const QByteArray& data)
{
    const QByteArray encoded = data.toBase64();
    QByteArray out;
    for (qsizetype i = 0; i < encoded.size(); i += 76)
        out += encoded.mid(i, 76) + "\r\n";
    return out;
}

QByteArray asciiHeader(const QString& value)
{
    // Header injection guard: an address never contains line breaks.
    QString clean = value;
    clean.remove(QLatin1Char('\r'));
    clean.remove(QLatin1Char('\n'));
    return clean.toUtf8();
}

} // namespace

EmailChannel::EmailChannel(Settings settings)
    : m_settings(std::move(settings))
{
    initCurlOnce();
}

QByteArray EmailChannel::encodeHeaderWord(const QString& text)
{
    // 75 characters per word minus "=?UTF-8?B?" and "?=" leaves 63 base64 characters: 45 bytes, split only
    // between whole characters so every word decodes on its own.
    constexpr qsizetype maxBytes = 45;
    QList<QByteArray> words;
    QByteArray chunk;
    for (qsizetype i = 0; i < text.size();) {
        const qsizetype length = text.at(i).isHighSurrogate() && i + 1 < text.size() ? 2 : 1;
        const QByteArray character = text.mid(i, length).toUtf8();
        if (chunk.size() + character.size() > maxBytes) {
            words.append(chunk);
            chunk.clear();
        }
        chunk += character;
        i += length;
    }
    if (!chunk.isEmpty() || words.isEmpty())
        words.append(chunk);
    QByteArray out;
    for (const QByteArray& word : words) {
        if (!out.isEmpty())
            out += "\r\n ";
        out += "=?UTF-8?B?" + word.toBase64() + "?=";
    }
    return out;
}

QByteArray EmailChannel::composeMime(const OutgoingMessage& message, const QDateTime& date) const
{
    const QByteArray from = asciiHeader(m_settings.fromAddress);
    const qsizetype at = from.indexOf('@');
    const QByteArray domain = at >= 0 ? from.mid(at + 1) : QByteArray("campdesk.local");
    QByteArray mime;
    mime += "Date: " + QLocale::c().toString(date.toUTC(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss")).toLatin1()
        + " +0000\r\n";
    mime += "From: " + encodeHeaderWord(m_settings.fromName) + " <" + from + ">\r\n";
    mime += "To: <" + asciiHeader(message.recipient) + ">\r\n";
    mime += "Subject: " + encodeHeaderWord(message.subject) + "\r\n";
    // Stable per notification: a repeat after a crash carries the same id, so mail systems can drop it.
    mime += "Message-ID: <notification-" + QByteArray::number(message.notificationId) + "@" + domain + ">\r\n";
    mime += "X-Campdesk-Notification: " + QByteArray::number(message.notificationId) + "\r\n";
    mime += "X-Campdesk-Event: " + asciiHeader(message.event) + "\r\n";
    mime += "Content-Language: " + asciiHeader(message.language) + "\r\n";
    mime += "MIME-Version: 1.0\r\n";
    mime += "Content-Type: text/plain; charset=UTF-8\r\n";
    mime += "Content-Transfer-Encoding: base64\r\n\r\n";
    QString body = message.body;
    body.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    body.replace(QLatin1Char('\n'), QLatin1String("\r\n"));
    mime += foldBase64(body.toUtf8());
    return mime;
}

DeliveryOutcome EmailChannel::send(const OutgoingMessage& message)
{
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl)
        return DeliveryOutcome::failed(QStringLiteral("curl_easy_init failed"));

    const char* scheme = m_settings.security == Security::Tls ? "smtps" : "smtp";
    const QByteArray url
        = QByteArray(scheme) + "://" + m_settings.host.toUtf8() + ":" + QByteArray::number(m_settings.port);
    const QByteArray from = "<" + asciiHeader(m_settings.fromAddress) + ">";
    const QByteArray to = "<" + asciiHeader(message.recipient) + ">";
    const QByteArray user = m_settings.username.toUtf8();
    const QByteArray password = m_settings.password.toUtf8();
    Upload upload { composeMime(message, QDateTime::currentDateTimeUtc()) };
    QByteArray reply;
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients(curl_slist_append(nullptr, to.constData()),
                                                                           &curl_slist_free_all);

    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, url.constData());
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.constData());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(c, CURLOPT_READFUNCTION, &readUpload);
    curl_easy_setopt(c, CURLOPT_READDATA, &upload);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L); // we run on a worker thread
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, long(m_settings.timeoutMs));
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, long(std::min(m_settings.timeoutMs, 10000)));
    curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, &recordServerReply);
    curl_easy_setopt(c, CURLOPT_DEBUGDATA, &reply);
    curl_easy_setopt(c, CURLOPT_VERBOSE, 1L); // feeds recordServerReply; curl prints nothing with a callback set
    if (m_settings.security == Security::StartTls)
        curl_easy_setopt(c, CURLOPT_USE_SSL, long(CURLUSESSL_ALL));
    const QByteArray caFile = QFile::encodeName(m_settings.caFile);
    if (!caFile.isEmpty())
        curl_easy_setopt(c, CURLOPT_CAINFO, caFile.constData());
    if (!m_settings.verifyPeer) {
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    if (!user.isEmpty()) {
        curl_easy_setopt(c, CURLOPT_USERNAME, user.constData());
        curl_easy_setopt(c, CURLOPT_PASSWORD, password.constData());
    }

    const CURLcode code = curl_easy_perform(c);
    long smtpCode = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &smtpCode);
    if (code == CURLE_OK)
        return DeliveryOutcome::sent(QString::fromUtf8(reply));
    const QString error
        = QStringLiteral("%1 (%2)").arg(QString::fromUtf8(curl_easy_strerror(code)),
                                        reply.isEmpty() ? QStringLiteral("no reply") : QString::fromUtf8(reply));
    qCWarning(lcEmail) << "sending notification" << message.notificationId << "failed:" << error;
    // 5xx: the server refused this message for good (unknown mailbox, rejected content); 4xx and network
    // errors are worth another try later.
    return DeliveryOutcome::failed(error, smtpCode >= 500 && smtpCode < 600 && code != CURLE_LOGIN_DENIED);
}

} // namespace campdesk
