// A notification dispatcher in its own process, for the crash test: drains the outbox of the database named on
// the command line through the SMTP server on 127.0.0.1:<port>, until killed or, with --until-done, until
// nothing is pending.
// Usage: notify_worker <database spec> <smtp port> <lease ms> [--until-done]
#include "db/database.h"
#include "notify/emailchannel.h"
#include "notify/notificationdispatcher.h"

#include <QCoreApplication>
#include <QThread>
#include <cstdio>

using namespace campdesk;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 4) {
        std::fprintf(stderr, "usage: notify_worker <database spec> <smtp port> <lease ms> [--until-done]\n");
        return 2;
    }
    Database::Options options;
    options.terminal = QStringLiteral("notify-worker-%1").arg(QCoreApplication::applicationPid());
    options.migrate = false;
    Result<std::unique_ptr<Database>> db = Database::open(args.at(1), options);
    if (!db.ok()) {
        std::fprintf(stderr, "cannot open the database: %s\n", qPrintable(db.error().message));
        return 1;
    }
    NotificationDispatcher::Options dispatch;
    dispatch.leaseMs = args.at(3).toLongLong();
    dispatch.backoffBaseMs = 100;
    NotificationDispatcher dispatcher(*db.value(), dispatch);
    EmailChannel::Settings smtp;
    smtp.port = args.at(2).toInt();
    smtp.fromAddress = QStringLiteral("desk@campdesk.example");
    smtp.timeoutMs = 10000;
    dispatcher.addChannel(std::make_unique<EmailChannel>(smtp));
    const bool untilDone = args.contains(QStringLiteral("--until-done"));
    std::printf("started\n");
    std::fflush(stdout);
    for (;;) {
        Result<int> claimed = dispatcher.dispatchDue();
        if (!claimed.ok())
            std::fprintf(stderr, "dispatch failed: %s\n", qPrintable(claimed.error().message));
        if (untilDone) {
            Result<qint64> pending = db.value()->read([](SqlSession& s) -> Result<qint64> {
                return s.scalar(QStringLiteral("SELECT count(*) FROM notifications WHERE status = 'pending'"))
                    .toLongLong();
            });
            if (pending.ok() && pending.value() == 0)
                return 0;
        }
        QThread::msleep(100);
    }
}
