#include "core/transportsecurity.h"

#include <QHostAddress>
#include <QUrlQuery>

namespace campdesk {

bool TransportSecurity::isLoopbackHost(const QString& host)
{
    QString name = host.trimmed().toLower();
    if (name.startsWith(QLatin1Char('[')) && name.endsWith(QLatin1Char(']')))
        name = name.mid(1, name.size() - 2);
    if (name == QLatin1String("localhost") || name.endsWith(QLatin1String(".localhost")))
        return true;
    const QHostAddress address(name);
    return !address.isNull() && address.isLoopback();
}

QString TransportSecurity::plainHttp(const QString& what, const QUrl& url)
{
    if (url.scheme() != QLatin1String("http") || isLoopbackHost(url.host()))
        return QString();
    return tr("%1 at %2 is plain http:// (not encrypted)").arg(what, url.host());
}

QString TransportSecurity::plainSmtp(const QString& host, const QString& security)
{
    if (host.isEmpty() || security != QLatin1String("none") || isLoopbackHost(host))
        return QString();
    return tr("E-mail (SMTP) to %1 is not encrypted").arg(host);
}

namespace {

bool weakSslMode(const QString& mode)
{
    return mode == QLatin1String("disable") || mode == QLatin1String("allow") || mode == QLatin1String("prefer");
}

} // namespace

QString TransportSecurity::plainPostgres(const QUrl& url)
{
    const QString mode = QUrlQuery(url).queryItemValue(QStringLiteral("sslmode"));
    if (isLoopbackHost(url.host()) || !weakSslMode(mode))
        return QString();
    return tr("The PostgreSQL connection to %1 may be unencrypted (sslmode=%2)").arg(url.host(), mode);
}

Result<QStringList> TransportSecurity::postgresOptions(const QUrl& url, bool allowPlain)
{
    QStringList options;
    bool hasSslMode = false;
    for (const auto& item : QUrlQuery(url).queryItems(QUrl::FullyDecoded)) {
        if (item.first == QLatin1String("sslmode")) {
            hasSslMode = true;
            if (weakSslMode(item.second) && !isLoopbackHost(url.host()) && !allowPlain) {
                return invalidInput(
                    tr("The PostgreSQL address asks for sslmode=%1, which may send the data and the password in "
                       "clear text to %2. Use sslmode=verify-full (or require), or allow plain connections with "
                       "security/allowPlainConnections=true in this terminal's settings.")
                        .arg(item.second, url.host()));
            }
        }
        options << item.first + QLatin1Char('=') + item.second;
    }
    if (!hasSslMode && !isLoopbackHost(url.host()))
        options << QStringLiteral("sslmode=verify-full");
    return options;
}

} // namespace campdesk
