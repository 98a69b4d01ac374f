#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace campdesk {

// TLS by default: a connection that leaves this machine (payment gateway, SMS webhook, SMTP, PostgreSQL) is
// encrypted unless the terminal's settings allow plain connections explicitly. A plain connection to a loopback
// address (127.0.0.0/8, ::1, localhost) is always allowed: nothing crosses a network.
class TransportSecurity
{
    Q_DECLARE_TR_FUNCTIONS(campdesk::TransportSecurity)
public:
    static bool isLoopbackHost(const QString& host);
    // A translated description when this http(s) URL would travel in clear text over a network, else empty.
    static QString plainHttp(const QString& what, const QUrl& url);
    // The same for SMTP with its security setting ("none", "starttls", "tls").
    static QString plainSmtp(const QString& host, const QString& security);
    // The libpq connect options for a postgresql:// URL: its own query options, with sslmode=verify-full added for a
    // server that is not on this machine when the URL names none. An sslmode that allows a plain connection
    // (disable, allow, prefer) to such a server is refused unless allowPlain.
    static Result<QStringList> postgresOptions(const QUrl& url, bool allowPlain);
    // For the log and the Status page: the PostgreSQL connection is plain.
    static QString plainPostgres(const QUrl& url);
};

} // namespace campdesk
