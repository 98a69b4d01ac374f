#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace campdesk {

// This terminal's secrets (payment gateway key, SMTP password, database password): in the desktop keyring through
// QtKeychain, or, where no keyring / secret service runs (kiosks, servers, CI), in a JSON file only this user can
// read (mode 0600, in a 0700 folder). Never in the settings file or the log.
class SecretStore
{
    Q_DECLARE_TR_FUNCTIONS(campdesk::SecretStore)
public:
    enum class Secret { GatewayKey, SmtpPassword, DatabasePassword, WebhookAuth }; // WebhookAuth: the header value

    struct Options
    {
        QString service = QStringLiteral("campdesk"); // the keyring's service name
        QString fallbackFile; // empty: ~/.config/Campdesk/campdesk/secrets.json
        bool useKeychain = true; // false: the file only
        int keychainTimeoutMs = 3000; // a keyring that does not answer counts as absent
    };

    SecretStore();
    explicit SecretStore(Options options);

    // The stored secret, or an empty string when none is stored.
    Result<QString> read(Secret secret);
    Status write(Secret secret, const QString& value);
    Status remove(Secret secret);

    // Where the last read or write went: "keychain" or "file".
    QString lastBackend() const { return m_lastBackend; }
    QString fallbackFile() const { return m_options.fallbackFile; }
    static QString secretName(Secret secret); // "gateway-key", "smtp-password", "database-password", "webhook-auth"
    static std::optional<Secret> secretFromName(const QString& name);
    static QList<Secret> allSecrets();

private:
    enum class KeychainResult { Ok, NotFound, Unavailable };
    KeychainResult keychainRead(const QString& name, QString* value);
    KeychainResult keychainWrite(const QString& name, const QString& value);
    KeychainResult keychainRemove(const QString& name);
    Result<QJsonObject> readFile() const;
    Status writeFile(const QJsonObject& secrets) const;

    Options m_options;
    bool m_keychainAbsent = false; // learned once per store: no need to wait for the timeout again
    QString m_lastBackend;
};

} // namespace campdesk
