#pragma once

#include "core/result.h"

#include <QLoggingCategory>
#include <QStringList>

// One logging category per area; include this header and log with qCInfo(lcBooking) << ...
Q_DECLARE_LOGGING_CATEGORY(lcDatabase) // campdesk.database
Q_DECLARE_LOGGING_CATEGORY(lcBooking) // campdesk.booking
Q_DECLARE_LOGGING_CATEGORY(lcPayment) // campdesk.payment
Q_DECLARE_LOGGING_CATEGORY(lcNotify) // campdesk.notify
Q_DECLARE_LOGGING_CATEGORY(lcKiosk) // campdesk.kiosk
Q_DECLARE_LOGGING_CATEGORY(lcUi) // campdesk.ui
Q_DECLARE_LOGGING_CATEGORY(lcOps) // campdesk.ops

namespace campdesk {

// The process-wide log: a Qt message handler that writes redacted lines with UTC ISO timestamps to a size-capped,
// rotating file (campdesk.log, campdesk.log.1 ... ) and keeps the last lines in memory for the status page.
class Logging
{
public:
    struct Options
    {
        QString folder; // where campdesk.log lives (the data folder by default)
        QString fileName = QStringLiteral("campdesk.log");
        qint64 maxBytes = 5 * 1024 * 1024; // per file
        int keepFiles = 5; // campdesk.log plus keepFiles - 1 older ones
        int memoryLines = 500; // kept for recentLines()
        bool echoToStderr = true; // also print (redacted) for the terminal / systemd journal
    };

    // Installs the handler; later calls replace the file. Fails (and leaves logging as it was) when the folder
    // cannot be created or the file cannot be opened.
    static Status install(const Options& options);
    // Restores Qt's default handler and closes the file.
    static void uninstall();
    static bool isInstalled();
    static QString filePath(); // the current log file, or empty when not installed
    // The newest lines the handler saw, oldest first, already redacted.
    static QStringList recentLines(int count = 100);
    // The line the handler writes for a message: "2026-11-24T16:27:57.123Z WARN campdesk.booking: text".
    static QString formatLine(QtMsgType type, const char* category, const QString& message);
};

} // namespace campdesk
