#pragma once

#include "core/result.h"

#include <QObject>
#include <QSettings>
#include <QStringList>
#include <QVariant>
#include <memory>

class QTemporaryDir;

namespace campdesk {

// This terminal's own settings (which database, what it is, how it reaches the gateway and mail server), typed
// and validated, in a QSettings INI file. Shared business rules live in the database's settings table instead, and
// secrets in the SecretStore: a value that carries a password is refused here.
class TerminalSettings : public QObject
{
    Q_OBJECT
public:
    enum class Key {
        DatabaseSpec, // SQLite file path or postgresql://user@host:port/db (no password)
        TerminalName, // written on every event as its origin
        Kind, // "admin" or "kiosk"
        Language, // "ko" or "en"
        KioskIdleSeconds, // idle time before the kiosk resets
        GatewayUrl, // payment gateway base URL, http(s); empty = none configured
        SmtpHost,
        SmtpPort,
        SmtpUser,
        SmtpTls, // "none", "starttls" or "tls"
        WebhookUrl, // SMS / messenger gateway, http(s); empty = none
        LogFolder, // empty = the data folder
        AllowPlainConnections, // "true": unencrypted gateway, webhook, SMTP or PostgreSQL to another machine allowed
        KioskTrainingMode, // "true": a kiosk without a payment gateway takes simulated card payments (labelled)
    };
    Q_ENUM(Key)

    // Opens (or creates) the settings file at path; problems in it are collected in problems().
    explicit TerminalSettings(const QString& path, QObject* parent = nullptr);
    ~TerminalSettings() override;
    // A throwaway instance on a file in a temporary folder, removed with the instance; for tests.
    static std::unique_ptr<TerminalSettings> createTemporary();
    // ~/.config/Campdesk/campdesk/terminal.ini
    static QString defaultFilePath();
    // The data folder: ~/.local/share/Campdesk/campdesk
    static QString dataFolder();

    QString filePath() const;
    // What was wrong in the file when it was read (translated, one message each); those keys use their defaults.
    QStringList problems() const { return m_problems; }
    // Keys in the file this program does not read (a typo, or a setting from another version); each is also one of
    // problems().
    QStringList unknownKeys() const { return m_unknownKeys; }

    QVariant value(Key key) const;
    QVariant defaultValue(Key key) const;
    // Validates, stores and writes the file at once; emits changed() when the value changed.
    Status setValue(Key key, const QVariant& value);
    // The translated reason value is not acceptable for key, or empty when it is.
    QString validate(Key key, const QVariant& value) const;
    static QString keyName(Key key); // the INI key, e.g. "smtp/port"
    static QList<Key> allKeys();

    QString databaseSpec() const { return value(Key::DatabaseSpec).toString(); }
    QString terminalName() const { return value(Key::TerminalName).toString(); }
    QString kind() const { return value(Key::Kind).toString(); }
    bool isKiosk() const { return kind() == QLatin1String("kiosk"); }
    QString language() const { return value(Key::Language).toString(); }
    int kioskIdleSeconds() const { return value(Key::KioskIdleSeconds).toInt(); }
    QString gatewayUrl() const { return value(Key::GatewayUrl).toString(); }
    QString smtpHost() const { return value(Key::SmtpHost).toString(); }
    int smtpPort() const { return value(Key::SmtpPort).toInt(); }
    QString smtpUser() const { return value(Key::SmtpUser).toString(); }
    QString smtpTls() const { return value(Key::SmtpTls).toString(); }
    QString webhookUrl() const { return value(Key::WebhookUrl).toString(); }
    bool allowPlainConnections() const { return value(Key::AllowPlainConnections).toString() == QLatin1String("true"); }
    bool kioskTrainingMode() const { return value(Key::KioskTrainingMode).toString() == QLatin1String("true"); }
    // The configured connections that would travel unencrypted over a network (translated, one each); they are
    // refused unless allowPlainConnections(), and logged as a warning on every start when allowed.
    QStringList plainConnections() const;
    // The folder the log goes to: the setting, or the data folder when it is empty.
    QString logFolder() const;

    // spec with password put into a postgresql:// URL (from the SecretStore); SQLite specs come back unchanged.
    static QString withPassword(const QString& spec, const QString& password);

signals:
    void changed(campdesk::TerminalSettings::Key key);

private:
    void load();
    void moveFileAside();
    static bool looksLikeText(const QString& path);
    static QVariant typed(Key key, const QVariant& value);

    std::unique_ptr<QTemporaryDir> m_tempDir;
    std::unique_ptr<QSettings> m_settings;
    QHash<int, QVariant> m_values;
    QStringList m_problems;
    QStringList m_unknownKeys;
};

} // namespace campdesk
