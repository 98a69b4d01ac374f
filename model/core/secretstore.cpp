#include "core/secretstore.h"

#include "core/logging.h"
#include "core/logredactor.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTimer>
#include <fcntl.h>
#include <qt6keychain/keychain.h>
#include <sys/stat.h>
#include <unistd.h>

namespace campdesk {

namespace {

// Runs a QtKeychain job to its end (or the timeout) and reports its error.
QKeychain::Error runJob(QKeychain::Job& job, int timeoutMs)
{
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    job.start();
    if (!finished)
        loop.exec();
    return finished ? job.error() : QKeychain::NoBackendAvailable;
}

} // namespace

SecretStore::SecretStore()
    : SecretStore(Options())
{
}

SecretStore::SecretStore(Options options)
    : m_options(std::move(options))
{
    if (m_options.fallbackFile.isEmpty()) {
        m_options.fallbackFile = QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
                                     .filePath(QStringLiteral("secrets.json"));
    }
    m_keychainAbsent = !m_options.useKeychain;
}

QList<SecretStore::Secret> SecretStore::allSecrets()
{
    return { Secret::GatewayKey, Secret::SmtpPassword, Secret::DatabasePassword, Secret::WebhookAuth };
}

std::optional<SecretStore::Secret> SecretStore::secretFromName(const QString& name)
{
    for (Secret secret : allSecrets()) {
        if (secretName(secret) == name)
            return secret;
    }
    return std::nullopt;
}

QString SecretStore::secretName(Secret secret)
{
    switch (secret) {
    case Secret::GatewayKey:
        return QStringLiteral("gateway-key");
    case Secret::SmtpPassword:
        return QStringLiteral("smtp-password");
    case Secret::DatabasePassword:
        return QStringLiteral("database-password");
    case Secret::WebhookAuth:
        return QStringLiteral("webhook-auth");
    }
    return QString();
}

SecretStore::KeychainResult SecretStore::keychainRead(const QString& name, QString* value)
{
    if (m_keychainAbsent)
        return KeychainResult::Unavailable;
    QKeychain::ReadPasswordJob job(m_options.service);
    job.setAutoDelete(false);
    job.setKey(name);
    const QKeychain::Error error = runJob(job, m_options.keychainTimeoutMs);
    if (error == QKeychain::NoError) {
        *value = job.textData();
        return KeychainResult::Ok;
    }
    if (error == QKeychain::EntryNotFound)
        return KeychainResult::NotFound;
    qCInfo(lcOps) << "no keyring available, secrets use the file" << m_options.fallbackFile << ":" << job.errorString();
    m_keychainAbsent = true;
    return KeychainResult::Unavailable;
}

SecretStore::KeychainResult SecretStore::keychainWrite(const QString& name, const QString& value)
{
    if (m_keychainAbsent)
        return KeychainResult::Unavailable;
    QKeychain::WritePasswordJob job(m_options.service);
    job.setAutoDelete(false);
    job.setKey(name);
    job.setTextData(value);
    if (runJob(job, m_options.keychainTimeoutMs) == QKeychain::NoError)
        return KeychainResult::Ok;
    qCInfo(lcOps) << "no keyring available, secrets use the file" << m_options.fallbackFile << ":" << job.errorString();
    m_keychainAbsent = true;
    return KeychainResult::Unavailable;
}

SecretStore::KeychainResult SecretStore::keychainRemove(const QString& name)
{
    if (m_keychainAbsent)
        return KeychainResult::Unavailable;
    QKeychain::DeletePasswordJob job(m_options.service);
    job.setAutoDelete(false);
    job.setKey(name);
    const QKeychain::Error error = runJob(job, m_options.keychainTimeoutMs);
    if (error == QKeychain::NoError)
        return KeychainResult::Ok;
    if (error == QKeychain::EntryNotFound)
        return KeychainResult::NotFound;
    m_keychainAbsent = true;
    return KeychainResult::Unavailable;
}

Result<QJsonObject> SecretStore::readFile() const
{
    QFile file(m_options.fallbackFile);
    if (!file.exists())
        return QJsonObject();
    if (!file.open(QIODevice::ReadOnly))
        return Error { ErrorCode::Unavailable,
                       tr("Cannot read the secrets file %1: %2").arg(file.fileName(), file.errorString()) };
    // Someone loosened the mode by hand: tighten it again before anything else reads it.
    if (file.permissions()
        & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther)) {
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        qCWarning(lcOps) << "the secrets file was readable by others; its mode is 0600 again";
    }
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return Error { ErrorCode::Invalid,
                       tr("The secrets file %1 is damaged. Enter the secrets again.").arg(file.fileName()) };
    return document.object();
}

Status SecretStore::writeFile(const QJsonObject& secrets) const
{
    const QFileInfo info(m_options.fallbackFile);
    QDir folder = info.absoluteDir();
    if (!folder.exists()) {
        if (!folder.mkpath(QStringLiteral(".")))
            return Error { ErrorCode::Unavailable, tr("Cannot create the folder %1.").arg(folder.absolutePath()) };
        QFile::setPermissions(folder.absolutePath(),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
    // The file is created 0600 from the first byte (open with that mode), then renamed over the old one.
    const QByteArray target = QFile::encodeName(info.absoluteFilePath());
    const QByteArray temporary = target + ".tmp";
    const QByteArray data = QJsonDocument(secrets).toJson(QJsonDocument::Indented);
    ::unlink(temporary.constData());
    const int fd = ::open(temporary.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
    bool ok = fd >= 0 && ::fchmod(fd, S_IRUSR | S_IWUSR) == 0
        && ::write(fd, data.constData(), static_cast<size_t>(data.size())) == data.size() && ::fsync(fd) == 0;
    if (fd >= 0)
        ok = ::close(fd) == 0 && ok;
    ok = ok && ::rename(temporary.constData(), target.constData()) == 0;
    if (!ok) {
        ::unlink(temporary.constData());
        return Error { ErrorCode::Unavailable, tr("Cannot write the secrets file %1.").arg(info.absoluteFilePath()) };
    }
    return {};
}

Result<QString> SecretStore::read(Secret secret)
{
    const QString name = secretName(secret);
    QString value;
    if (keychainRead(name, &value) == KeychainResult::Ok) {
        m_lastBackend = QStringLiteral("keychain");
        LogRedactor::addSecretValue(value); // masked in the log wherever it shows up, even bare
        return value;
    }
    // Not in the keyring (or no keyring): a secret saved while the keyring was away is in the file.
    Result<QJsonObject> secrets = readFile();
    if (!secrets.ok())
        return secrets.error();
    m_lastBackend = QStringLiteral("file");
    value = secrets.value().value(name).toString();
    LogRedactor::addSecretValue(value);
    return value;
}

Status SecretStore::write(Secret secret, const QString& value)
{
    LogRedactor::addSecretValue(value);
    const QString name = secretName(secret);
    if (keychainWrite(name, value) == KeychainResult::Ok) {
        m_lastBackend = QStringLiteral("keychain");
        // Drop a copy the file may still hold from a time without keyring.
        Result<QJsonObject> secrets = readFile();
        if (secrets.ok() && secrets.value().contains(name)) {
            QJsonObject rest = secrets.value();
            rest.remove(name);
            return writeFile(rest);
        }
        return {};
    }
    Result<QJsonObject> secrets = readFile();
    QJsonObject all = secrets.ok() ? secrets.value() : QJsonObject(); // a damaged file is replaced
    all.insert(name, value);
    m_lastBackend = QStringLiteral("file");
    return writeFile(all);
}

Status SecretStore::remove(Secret secret)
{
    const QString name = secretName(secret);
    keychainRemove(name);
    Result<QJsonObject> secrets = readFile();
    if (!secrets.ok() || !secrets.value().contains(name))
        return {};
    QJsonObject rest = secrets.value();
    rest.remove(name);
    return writeFile(rest);
}

} // namespace campdesk
