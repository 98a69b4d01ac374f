#include "adminapp.h"

#include "adminpages.h"
#include "commands.h"
#include "core/logging.h"
#include "demositemap.h"
#include "dialogs/logindialog.h"
#include "firststart.h"
#include "mainwindow.h"
#include "messagebox.h"
#include "ops/demodata.h"
#include "ops/terminalruntime.h"
#include "startup.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QStatusBar>
#include <QTranslator>
#include <cstdio>

namespace campdesk::app {

namespace {

// Gives lupdate and AdminApp::tr() one context for this file's strings.
struct AdminApp
{
    Q_DECLARE_TR_FUNCTIONS(AdminApp)
};

// Demo logins are printed once on the terminal and kept in a private file in the data folder, so whoever
// started the demo can find them again (README: "Demo logins").
void announceDemoLogins(const QList<DemoData::Login>& logins)
{
    const QString path = QDir(dataFolder()).filePath(QStringLiteral("demo-logins.txt"));
    QString text
        = AdminApp::tr("Demo data was added. Log in with one of these accounts (change the passwords before real "
                       "use):\n");
    for (const DemoData::Login& login : logins)
        text += QStringLiteral("  %1  %2  (%3)\n").arg(login.username, login.password, roleDisplayName(login.role));
    QFile file(path);
    const QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    // Created private from the start (no moment where others could read it); an old file is made private too.
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate, ownerOnly) && file.setPermissions(ownerOnly)) {
        file.write(text.toUtf8());
        text += AdminApp::tr("They are also saved in %1.\n").arg(QDir::toNativeSeparators(path));
    }
    std::fputs(text.toLocal8Bit().constData(), stdout);
    std::fflush(stdout);
}

} // namespace

void installTranslations()
{
    auto* qt = new QTranslator(qApp);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    auto* own = new QTranslator(qApp);
    if (own->load(QLocale(), QStringLiteral("campdesk"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(own);
}

int runAdminApp(const QCommandLineParser& parser)
{
    const TerminalContext terminal(parser);
    startLogging(terminal);
    Result<std::unique_ptr<AppContext>> opened = openContext(terminal);
    if (!opened.ok()) {
        MessageBox::critical(
            nullptr, AdminApp::tr("Campdesk cannot start"),
            AdminApp::tr("The database could not be opened.\n\n%1\n\nCheck the --database option or the "
                         "\"database\" entry in this terminal's settings.")
                .arg(opened.error().message));
        return 1;
    }
    AppContext& context = *opened.value();
    const TerminalSettings& settings = terminal.settings();
    // Declared after the context, so it stops (notification thread, feed) before the database closes.
    TerminalRuntime runtime(context, settings, TerminalRuntime::readSecrets(settings));
    QStringList problems;
    for (const QString& problem : settings.problems())
        problems << AdminApp::tr("Settings file: %1").arg(problem);
    problems << runtime.start();

    // Demo data and demo accounts only when asked for (scripts/run asks); an installed program starts empty.
    QString suggestedUser;
    if (parser.isSet(demoOption())) {
        Result<QList<DemoData::Login>> demo = DemoData::fillIfFresh(context, DemoData::Extent::LivingCampground);
        if (!demo.ok()) {
            qCWarning(lcOps).noquote() << "the demo data could not be added:" << demo.error().message;
            MessageBox::warning(nullptr, AdminApp::tr("Demo data"),
                                AdminApp::tr("The demo data could not be added: %1").arg(demo.error().message));
        } else if (!demo->isEmpty()) {
            announceDemoLogins(demo.value());
            suggestedUser = demo->first().username;
            if (Status map = addDemoSiteMap(context); !map.ok())
                qCWarning(lcOps).noquote() << "the demo site map could not be added:" << map.error().message;
        }
    }
    Result<bool> proceed = ensureFirstManager(context, &suggestedUser);
    if (!proceed.ok()) {
        MessageBox::critical(nullptr, AdminApp::tr("Campdesk cannot start"),
                             AdminApp::tr("The staff accounts could not be read: %1").arg(proceed.error().message));
        return 1;
    }
    if (!proceed.value())
        return 0; // the first manager account was not created, and nothing else was

    LoginDialog login(*context.users, context.db->describe());
    if (!suggestedUser.isEmpty())
        login.setUsername(suggestedUser);
    if (login.exec() != QDialog::Accepted)
        return 0;

    MainWindow window(login.actor(), context.db->describe());
    // The status page checks the payment gateway this terminal is configured for.
    HealthCheck::Options health;
    health.gatewayUrl = terminal.settings().gatewayUrl();
    addAdminPages(window, context, health);
    // Non-blocking and for a while only (it covers the connection label): everything else works, the log keeps
    // the details.
    constexpr int problemShownMs = 60 * 1000;
    if (!problems.isEmpty())
        window.statusBar()->showMessage(problems.join(u' '), problemShownMs);
    QObject::connect(&runtime, &TerminalRuntime::problem, window.statusBar(),
                     [&window](const QString& message) { window.statusBar()->showMessage(message, problemShownMs); });
    window.show();
    return QApplication::exec();
}

} // namespace campdesk::app
