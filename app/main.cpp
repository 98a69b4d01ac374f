// campdesk: the admin and front-desk app, the kiosk (--kiosk), and the command-line tools.
#include "adminapp.h"
#include "commands.h"
#include "core/heap.h"
#include "kioskapp.h"
#include "startup.h"

#include <QApplication>
#include <QCommandLineParser>
#include <cstring>
#include <memory>
#include <sys/stat.h>

namespace {

void describeApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("campdesk"));
    QCoreApplication::setOrganizationName(QStringLiteral("Campdesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CAMPDESK_VERSION));
}

// Commands, --help and --version must work without a display, so they get a QCoreApplication.
bool needsWindow(int argc, char* argv[])
{
    for (int i = 1; i < argc; ++i) {
        const char* arg = argv[i];
        if (!std::strcmp(arg, "--help") || !std::strcmp(arg, "-h") || !std::strcmp(arg, "--version")
            || !std::strcmp(arg, "-v"))
            return false;
        for (const campdesk::app::Command& command : campdesk::app::commands()) {
            for (const QString& name : command.option.names()) {
                if (QLatin1String(arg) == QStringLiteral("--") + name)
                    return false;
            }
        }
    }
    return true;
}

} // namespace

int main(int argc, char* argv[])
{
    campdesk::keepFreedHeapForReuse();
    // Private by default: every file this process creates (database, WAL, log, backups, receipts, exports, secrets)
    // is readable by this user only from its first byte, whatever umask the session or the unit set.
    umask(077);
    describeApplication();
    std::unique_ptr<QCoreApplication> app = needsWindow(argc, argv) ? std::make_unique<QApplication>(argc, argv)
                                                                    : std::make_unique<QCoreApplication>(argc, argv);

    // Every mode speaks the locale's language: the command-line tools and --help too, not only the windows.
    campdesk::app::installTranslations();
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Campground reservations: admin app, front desk and walk-in kiosk."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(campdesk::app::databaseOption());
    parser.addOption(campdesk::app::settingsOption());
    parser.addOption(campdesk::app::demoOption());
    const QCommandLineOption kioskOption(QStringLiteral("kiosk"),
                                         QCoreApplication::translate("main", "Run as the locked-down walk-in kiosk."));
    parser.addOption(kioskOption);
    for (const campdesk::app::Command& command : campdesk::app::commands()) {
        parser.addOption(command.option);
        parser.addOptions(command.extraOptions);
    }
    parser.process(*app);
    campdesk::app::dataFolder(); // made, or closed again, to this user only (0700) before any command or window writes
                                 // to it

    for (const campdesk::app::Command& command : campdesk::app::commands()) {
        if (parser.isSet(command.option))
            return command.run(parser);
    }

    if (parser.isSet(kioskOption))
        return campdesk::app::runKioskApp(parser);
    return campdesk::app::runAdminApp(parser);
}
