#include "core/terminalsettings.h"

#include "core/transportsecurity.h"

#include <QDir>
#include <QFile>
#include <QHostInfo>
#include <QStandardPaths>
#include <QStringDecoder>
#include <QTemporaryDir>
#include <QUrl>
#include <optional>

namespace campdesk {

namespace {

bool isHttpUrl(const QString& text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"))
        && !url.host().isEmpty();
}

bool isPostgresSpec(const QString& spec)
{
    return spec.startsWith(QLatin1String("postgresql://")) || spec.startsWith(QLatin1String("postgres://"));
}

// An integer written as text in the INI file; anything else is not one.
std::optional<int> toInt(const QVariant& value)
{
    bool ok = false;
    const int n = value.toString().trimmed().toInt(&ok);
    if (!ok)
        return std::nullopt;
    return n;
}

} // namespace

TerminalSettings::TerminalSettings(const QString& path, QObject* parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(path, QSettings::IniFormat))
{
    load();
}

TerminalSettings::~TerminalSettings() = default;

std::unique_ptr<TerminalSettings> TerminalSettings::createTemporary()
{
    auto dir = std::make_unique<QTemporaryDir>();
    auto settings = std::make_unique<TerminalSettings>(dir->filePath(QStringLiteral("terminal.ini")));
    settings->m_tempDir = std::move(dir);
    return settings;
}

QString TerminalSettings::defaultFilePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
        .filePath(QStringLiteral("terminal.ini"));
}

QString TerminalSettings::dataFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

QString TerminalSettings::filePath() const
{
    return m_settings->fileName();
}

QList<TerminalSettings::Key> TerminalSettings::allKeys()
{
    return { Key::DatabaseSpec,
             Key::TerminalName,
             Key::Kind,
             Key::Language,
             Key::KioskIdleSeconds,
             Key::GatewayUrl,
             Key::SmtpHost,
             Key::SmtpPort,
             Key::SmtpUser,
             Key::SmtpTls,
             Key::WebhookUrl,
             Key::LogFolder,
             Key::AllowPlainConnections,
             Key::KioskTrainingMode };
}

QString TerminalSettings::keyName(Key key)
{
    switch (key) {
    case Key::DatabaseSpec:
        return QStringLiteral("database/spec");
    case Key::TerminalName:
        return QStringLiteral("terminal/name");
    case Key::Kind:
        return QStringLiteral("terminal/kind");
    case Key::Language:
        return QStringLiteral("terminal/language");
    case Key::KioskIdleSeconds:
        return QStringLiteral("kiosk/idleSeconds");
    case Key::GatewayUrl:
        return QStringLiteral("payment/gatewayUrl");
    case Key::SmtpHost:
        return QStringLiteral("smtp/host");
    case Key::SmtpPort:
        return QStringLiteral("smtp/port");
    case Key::SmtpUser:
        return QStringLiteral("smtp/user");
    case Key::SmtpTls:
        return QStringLiteral("smtp/tls");
    case Key::WebhookUrl:
        return QStringLiteral("notify/webhookUrl");
    case Key::LogFolder:
        return QStringLiteral("log/folder");
    case Key::AllowPlainConnections:
        return QStringLiteral("security/allowPlainConnections");
    case Key::KioskTrainingMode:
        return QStringLiteral("kiosk/trainingMode");
    }
    return QString();
}

QVariant TerminalSettings::defaultValue(Key key) const
{
    switch (key) {
    case Key::DatabaseSpec:
        return QDir(dataFolder()).filePath(QStringLiteral("campdesk.db"));
    case Key::TerminalName: {
        const QString host = QHostInfo::localHostName();
        return host.isEmpty() ? QStringLiteral("terminal") : host;
    }
    case Key::Kind:
        return QStringLiteral("admin");
    case Key::Language:
        return QStringLiteral("ko");
    case Key::KioskIdleSeconds:
        return 90;
    case Key::SmtpPort:
        return 587;
    case Key::SmtpTls:
        return QStringLiteral("starttls");
    case Key::GatewayUrl:
    case Key::SmtpHost:
    case Key::SmtpUser:
    case Key::WebhookUrl:
    case Key::LogFolder:
        return QString();
    case Key::AllowPlainConnections:
    case Key::KioskTrainingMode:
        return QStringLiteral("false");
    }
    return QVariant();
}

QString TerminalSettings::validate(Key key, const QVariant& value) const
{
    const QString text = value.toString().trimmed();
    switch (key) {
    case Key::DatabaseSpec:
        if (text.isEmpty())
            return tr("The database must be a SQLite file path or a postgresql:// address.");
        if (isPostgresSpec(text)) {
            const QUrl url(text);
            if (!url.isValid() || url.host().isEmpty() || url.path().size() < 2)
                return tr("The PostgreSQL address must look like postgresql://user@host:port/database.");
            if (!url.password().isEmpty())
                return tr("The database address contains a password. Keep passwords in the secret store, not in "
                          "the settings file.");
        }
        return QString();
    case Key::TerminalName:
        if (text.isEmpty() || text.size() > 64)
            return tr("The terminal name must be 1 to 64 characters.");
        for (QChar c : text) {
            if (c.category() == QChar::Other_Control)
                return tr("The terminal name must not contain control characters.");
        }
        return QString();
    case Key::Kind:
        if (text != QLatin1String("admin") && text != QLatin1String("kiosk"))
            return tr("The terminal kind must be \"admin\" or \"kiosk\".");
        return QString();
    case Key::Language:
        if (text != QLatin1String("ko") && text != QLatin1String("en"))
            return tr("The language must be \"ko\" or \"en\".");
        return QString();
    case Key::KioskIdleSeconds: {
        const std::optional<int> n = toInt(value);
        if (!n || *n < 15 || *n > 3600)
            return tr("The kiosk idle time must be a whole number of seconds from 15 to 3600.");
        return QString();
    }
    case Key::SmtpPort: {
        const std::optional<int> n = toInt(value);
        if (!n || *n < 1 || *n > 65535)
            return tr("The SMTP port must be a number from 1 to 65535.");
        return QString();
    }
    case Key::SmtpTls:
        if (text != QLatin1String("none") && text != QLatin1String("starttls") && text != QLatin1String("tls"))
            return tr("The SMTP security must be \"none\", \"starttls\" or \"tls\".");
        return QString();
    case Key::GatewayUrl:
    case Key::WebhookUrl:
        if (!text.isEmpty() && !isHttpUrl(text))
            return tr("The address must be an http:// or https:// URL.");
        if (!text.isEmpty() && !QUrl(text).password().isEmpty())
            return tr("The address contains a password. Keep passwords in the secret store, not in the settings "
                      "file.");
        return QString();
    case Key::SmtpHost:
        if (text.contains(QLatin1Char(' ')) || text.contains(QLatin1Char('/')))
            return tr("The SMTP host must be a host name or address.");
        return QString();
    case Key::SmtpUser:
    case Key::LogFolder:
        return QString();
    case Key::AllowPlainConnections:
        if (text != QLatin1String("true") && text != QLatin1String("false"))
            return tr("Plain connections must be allowed with \"true\" or refused with \"false\".");
        return QString();
    case Key::KioskTrainingMode:
        if (text != QLatin1String("true") && text != QLatin1String("false"))
            return tr("Training mode must be switched on with \"true\" or off with \"false\".");
        return QString();
    }
    return QString();
}

QStringList TerminalSettings::plainConnections() const
{
    QStringList plain;
    const auto add = [&plain](const QString& problem) {
        if (!problem.isEmpty())
            plain << problem;
    };
    if (!gatewayUrl().isEmpty())
        add(TransportSecurity::plainHttp(tr("The payment gateway"), QUrl(gatewayUrl())));
    if (!webhookUrl().isEmpty())
        add(TransportSecurity::plainHttp(tr("The SMS webhook"), QUrl(webhookUrl())));
    add(TransportSecurity::plainSmtp(smtpHost(), smtpTls()));
    if (isPostgresSpec(databaseSpec()))
        add(TransportSecurity::plainPostgres(QUrl(databaseSpec())));
    return plain;
}

// An INI file is UTF-8 text: anything else (a disk error, a binary written over it) is not worth parsing.
bool TerminalSettings::looksLikeText(const QString& path)
{
    QFile file(path);
    if (!file.exists() || !file.open(QIODevice::ReadOnly))
        return true;
    const QByteArray content = file.readAll();
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(content);
    return !decoder.hasError() && !content.contains('\0');
}

void TerminalSettings::moveFileAside()
{
    const QString path = filePath();
    const QString aside = path + QStringLiteral(".broken");
    m_settings.reset();
    QFile::remove(aside);
    QFile::rename(path, aside);
    m_settings = std::make_unique<QSettings>(path, QSettings::IniFormat);
    m_problems << tr("The settings file %1 could not be read; it was moved to %2 and the defaults are used.")
                      .arg(QDir::toNativeSeparators(path), QDir::toNativeSeparators(aside));
}

void TerminalSettings::load()
{
    m_values.clear();
    m_problems.clear();
    m_unknownKeys.clear();
    m_settings->sync();
    // Keep an unreadable file for whoever wants to look at it, and start a fresh one the setters can write.
    if (m_settings->status() != QSettings::NoError || !looksLikeText(filePath()))
        moveFileAside();
    for (Key key : allKeys()) {
        const QVariant stored = m_settings->value(keyName(key));
        if (!stored.isValid())
            continue;
        // INI values read back as text; in the same process QSettings may hand back the int it was given.
        const int type = stored.userType();
        const bool plain = type == QMetaType::QString || type == QMetaType::Int || type == QMetaType::LongLong;
        const QString problem = plain ? validate(key, stored) : tr("it is not a single plain value");
        if (!problem.isEmpty()) {
            m_problems << tr("Setting %1 in %2 is not valid (%3); the default is used.")
                              .arg(keyName(key), QDir::toNativeSeparators(filePath()), problem);
            continue;
        }
        m_values.insert(static_cast<int>(key), typed(key, stored));
    }
    // A key this program does not read is a setting that silently does nothing (a kiosk set up as "[general]
    // kind=kiosk" started as an admin terminal): say so.
    QStringList known;
    for (Key key : allKeys())
        known << keyName(key);
    for (const QString& key : m_settings->allKeys()) {
        if (known.contains(key))
            continue;
        m_unknownKeys << key;
        m_problems << tr("Setting %1 in %2 is not one this program reads; it is ignored.")
                          .arg(key, QDir::toNativeSeparators(filePath()));
    }
}

QVariant TerminalSettings::typed(Key key, const QVariant& value)
{
    if (key == Key::KioskIdleSeconds || key == Key::SmtpPort)
        return value.toString().trimmed().toInt();
    return value.toString().trimmed();
}

QVariant TerminalSettings::value(Key key) const
{
    const auto it = m_values.constFind(static_cast<int>(key));
    return it != m_values.constEnd() ? *it : defaultValue(key);
}

Status TerminalSettings::setValue(Key key, const QVariant& value)
{
    const QString problem = validate(key, value);
    if (!problem.isEmpty())
        return invalidInput(problem, keyName(key));
    const QVariant stored = typed(key, value);
    const bool same = this->value(key) == stored;
    m_values.insert(static_cast<int>(key), stored);
    m_settings->setValue(keyName(key), stored);
    m_settings->sync();
    if (m_settings->status() == QSettings::FormatError) {
        // QSettings will not overwrite a file it could not parse: move it aside and write what we know.
        moveFileAside();
        for (auto it = m_values.cbegin(); it != m_values.cend(); ++it)
            m_settings->setValue(keyName(static_cast<Key>(it.key())), *it);
        m_settings->sync();
    }
    if (m_settings->status() != QSettings::NoError) {
        return Error { ErrorCode::Invalid,
                       tr("Cannot write the settings file %1.").arg(QDir::toNativeSeparators(filePath())),
                       keyName(key) };
    }
    if (!same)
        emit changed(key);
    return {};
}

QString TerminalSettings::logFolder() const
{
    const QString folder = value(Key::LogFolder).toString();
    return folder.isEmpty() ? dataFolder() : folder;
}

QString TerminalSettings::withPassword(const QString& spec, const QString& password)
{
    if (password.isEmpty() || !isPostgresSpec(spec.trimmed()))
        return spec;
    QUrl url(spec.trimmed());
    url.setPassword(password);
    return url.toString();
}

} // namespace campdesk
