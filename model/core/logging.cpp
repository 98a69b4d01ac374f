#include "core/logging.h"

#include "core/logredactor.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QMutex>
#include <QMutexLocker>
#include <cstdio>
#include <deque>

Q_LOGGING_CATEGORY(lcDatabase, "campdesk.database")
Q_LOGGING_CATEGORY(lcBooking, "campdesk.booking")
Q_LOGGING_CATEGORY(lcPayment, "campdesk.payment")
Q_LOGGING_CATEGORY(lcNotify, "campdesk.notify")
Q_LOGGING_CATEGORY(lcKiosk, "campdesk.kiosk")
Q_LOGGING_CATEGORY(lcUi, "campdesk.ui")
Q_LOGGING_CATEGORY(lcOps, "campdesk.ops")

namespace campdesk {

namespace {

struct LogState
{
    QMutex mutex;
    Logging::Options options;
    QFile file;
    bool installed = false;
    std::deque<QString> recent;
};

LogState& state()
{
    static LogState s;
    return s;
}

// The log holds staff names and booking codes: only this user reads it, from the first byte (a new file is created
// 0600 whatever the umask) and after every rotation.
bool openPrivately(QFile& file)
{
    const QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text, ownerOnly))
        return false;
    file.setPermissions(ownerOnly);
    return true;
}

QString rotatedName(const QString& base, int index)
{
    return index == 0 ? base : base + QLatin1Char('.') + QString::number(index);
}

// campdesk.log -> .1 -> .2 ...; the oldest falls off. Called with the mutex held.
void rotate(LogState& s)
{
    const QString base = s.file.fileName();
    s.file.close();
    const int keep = std::max(1, s.options.keepFiles);
    QFile::remove(rotatedName(base, keep - 1));
    for (int i = keep - 2; i >= 0; --i) {
        if (QFile::exists(rotatedName(base, i)))
            QFile::rename(rotatedName(base, i), rotatedName(base, i + 1));
    }
    if (keep == 1)
        QFile::remove(base);
    s.file.setFileName(base);
    openPrivately(s.file);
}

void handler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    const QString line = Logging::formatLine(type, context.category, message);
    const QByteArray bytes = line.toUtf8() + '\n';
    LogState& s = state();
    {
        QMutexLocker lock(&s.mutex);
        s.recent.push_back(line);
        while (s.recent.size() > static_cast<size_t>(std::max(1, s.options.memoryLines)))
            s.recent.pop_front();
        if (s.file.isOpen()) {
            if (s.file.size() > 0 && s.file.size() + bytes.size() > s.options.maxBytes)
                rotate(s);
            if (s.file.isOpen()) {
                s.file.write(bytes);
                s.file.flush();
            }
        }
        if (s.options.echoToStderr) {
            std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stderr);
            std::fflush(stderr);
        }
    }
    if (type == QtFatalMsg)
        std::abort();
}

} // namespace

QString Logging::formatLine(QtMsgType type, const char* category, const QString& message)
{
    const char* level = "INFO";
    switch (type) {
    case QtDebugMsg:
        level = "DEBUG";
        break;
    case QtInfoMsg:
        level = "INFO";
        break;
    case QtWarningMsg:
        level = "WARN";
        break;
    case QtCriticalMsg:
        level = "ERROR";
        break;
    case QtFatalMsg:
        level = "FATAL";
        break;
    }
    const QString timestamp = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    QString text = LogRedactor::redact(message);
    text.replace(QLatin1Char('\n'), QLatin1String("\n    ")); // continuation lines stay attached to their entry
    return QStringLiteral("%1 %2 %3: %4")
        .arg(timestamp, QLatin1String(level), QLatin1String(category && *category ? category : "default"), text);
}

Status Logging::install(const Options& options)
{
    QDir folder(options.folder);
    if (options.folder.isEmpty() || !folder.mkpath(QStringLiteral(".")))
        return Error {
            ErrorCode::Invalid,
            QCoreApplication::translate("campdesk::Logging", "Cannot create the log folder %1.").arg(options.folder)
        };
    const QString path = folder.filePath(options.fileName);
    LogState& s = state();
    {
        QMutexLocker lock(&s.mutex);
        if (s.file.isOpen())
            s.file.close();
        s.file.setFileName(path);
        if (!openPrivately(s.file)) {
            const QString reason = s.file.errorString();
            s.file.setFileName(QString());
            return Error {
                ErrorCode::Invalid,
                QCoreApplication::translate("campdesk::Logging", "Cannot open the log file %1: %2").arg(path, reason)
            };
        }
        s.options = options;
        s.installed = true;
    }
    qInstallMessageHandler(handler);
    return {};
}

void Logging::uninstall()
{
    qInstallMessageHandler(nullptr);
    LogState& s = state();
    QMutexLocker lock(&s.mutex);
    s.file.close();
    s.file.setFileName(QString());
    s.installed = false;
}

bool Logging::isInstalled()
{
    LogState& s = state();
    QMutexLocker lock(&s.mutex);
    return s.installed;
}

QString Logging::filePath()
{
    LogState& s = state();
    QMutexLocker lock(&s.mutex);
    return s.installed ? s.file.fileName() : QString();
}

QStringList Logging::recentLines(int count)
{
    LogState& s = state();
    QMutexLocker lock(&s.mutex);
    QStringList lines;
    const int n = std::min(count, static_cast<int>(s.recent.size()));
    for (auto it = s.recent.end() - n; it != s.recent.end(); ++it)
        lines << *it;
    return lines;
}

} // namespace campdesk
