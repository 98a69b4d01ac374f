// The first real screens driven like a person would: log in through the LoginDialog, see the main window,
// register a campsite through the editor dialog and find it in the table; front desk sees it read-only.
// Runs on the offscreen platform; message boxes and file dialogs go through test seams so nothing blocks.
#include "admin/campsitespage.h"
#include "adminpages.h"
#include "dialogs/campsiteeditordialog.h"
#include "dialogs/logindialog.h"
#include "itemmodels/campsitefilterproxy.h"
#include "itemmodels/campsitetablemodel.h"
#include "mainwindow.h"
#include "messagebox.h"
#include "ops/appcontext.h"
#include "ops/demodata.h"
#include "screenshot.h"
#include "testdatabase.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolBar>
#include <QTranslator>
#include <sys/stat.h>

using namespace campdesk;

class TestGuiFoundation : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void loginDialogValidatesAndLogsIn();
    void loginDialogShowsLockout();
    void managerRegistersACampsiteThroughTheEditor();
    void editorRefusesADuplicateCodeAndStaysOpen();
    void removeAsksFirstThenDeletes();
    void frontDeskSeesTheTableReadOnly();
    void filterAndStatusFilterNarrowTheTable();
    void exportWritesTheVisibleRows();
    void screenshotsInEnglishAndKorean();

private:
    Actor logIn(const QString& username, const QString& password, LoginDialog** keep = nullptr);
    QString passwordOf(const QString& username) const;

    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_context;
    QList<DemoData::Login> m_logins;
    QList<MessageBox::Shown> m_messages;
    bool m_confirmAnswer = true;
};

void TestGuiFoundation::initTestCase()
{
    QVERIFY(m_dir.isValid());
    MessageBox::setHandlerForTesting([this](const MessageBox::Shown& shown) {
        m_messages.append(shown);
        return m_confirmAnswer;
    });
}

void TestGuiFoundation::init()
{
    static int counter = 0;
    Result<std::unique_ptr<AppContext>> opened
        = AppContext::open(m_dir.filePath(QStringLiteral("gui-%1.db").arg(++counter)));
    QVERIFY2(opened.ok(), qPrintable(opened.error().message));
    m_context = std::move(opened).value();
    Result<QList<DemoData::Login>> logins = DemoData::fillIfFresh(*m_context);
    QVERIFY2(logins.ok(), qPrintable(logins.error().message));
    m_logins = logins.value();
    QCOMPARE(m_logins.size(), 2);
    m_messages.clear();
    m_confirmAnswer = true;
}

void TestGuiFoundation::cleanup()
{
    m_context.reset();
}

QString TestGuiFoundation::passwordOf(const QString& username) const
{
    for (const DemoData::Login& login : m_logins) {
        if (login.username == username)
            return login.password;
    }
    return QString();
}

Actor TestGuiFoundation::logIn(const QString& username, const QString& password, LoginDialog** keep)
{
    auto* dialog = new LoginDialog(*m_context->users, m_context->db->describe());
    dialog->setAttribute(Qt::WA_DeleteOnClose, keep == nullptr);
    dialog->show();
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("username")), username);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("password")), password);
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("ok")), Qt::LeftButton);
    const Actor actor = dialog->result() == QDialog::Accepted ? dialog->actor() : Actor();
    if (keep)
        *keep = dialog;
    else if (dialog->isVisible())
        dialog->close();
    return actor;
}

void TestGuiFoundation::loginDialogValidatesAndLogsIn()
{
    LoginDialog dialog(*m_context->users, m_context->db->describe());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* username = dialog.findChild<QLineEdit*>(QStringLiteral("username"));
    auto* password = dialog.findChild<QLineEdit*>(QStringLiteral("password"));
    auto* ok = dialog.findChild<QPushButton*>(QStringLiteral("ok"));
    auto* message = dialog.findChild<QLabel*>(QStringLiteral("message"));
    QVERIFY(username && password && ok && message);
    QVERIFY(!ok->isEnabled());
    QTest::keyClicks(username, QStringLiteral("manager"));
    QVERIFY(!ok->isEnabled()); // a password is still missing
    QTest::keyClicks(password, QStringLiteral("not the password"));
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
    QVERIFY(dialog.isVisible()); // wrong password: the dialog stays and says why
    QVERIFY(message->isVisible());
    QCOMPARE(message->text(), UserService::wrongCredentialsMessage());
    QVERIFY(password->text().isEmpty());
    QVERIFY(!ok->isEnabled());

    QTest::keyClicks(password, passwordOf(QStringLiteral("manager")));
    QTest::keyClick(password, Qt::Key_Return);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(!dialog.isVisible());
    QCOMPARE(dialog.actor().name, QStringLiteral("manager"));
    QCOMPARE(dialog.actor().role, Role::Manager);
}

void TestGuiFoundation::loginDialogShowsLockout()
{
    LoginDialog* dialog = nullptr;
    for (int i = 0; i < UserService::maxFailedAttempts; ++i) {
        QCOMPARE(logIn(QStringLiteral("desk"), QStringLiteral("wrong password"), &dialog).userId, 0);
        if (i + 1 < UserService::maxFailedAttempts)
            delete dialog;
    }
    auto* message = dialog->findChild<QLabel*>(QStringLiteral("message"));
    QVERIFY2(message->text().contains(QLatin1String("locked")), qPrintable(message->text()));
    delete dialog;
    // Even the right password is refused while locked.
    QCOMPARE(logIn(QStringLiteral("desk"), passwordOf(QStringLiteral("desk"))).userId, 0);
}

void TestGuiFoundation::managerRegistersACampsiteThroughTheEditor()
{
    const Actor manager = logIn(QStringLiteral("manager"), passwordOf(QStringLiteral("manager")));
    QCOMPARE(manager.role, Role::Manager);
    MainWindow window(manager, m_context->db->describe());
    addAdminPages(window, *m_context);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // The day starts on the dashboard; the campsites are one click away.
    QCOMPARE(window.currentPageId(), QStringLiteral("dashboard"));
    QVERIFY(window.showPage(QStringLiteral("campsites")));
    auto* page = qobject_cast<CampsitesPage*>(window.page(QStringLiteral("campsites")));
    QVERIFY(page);
    QCOMPARE(page->model()->rowCount(), 20);
    QVERIFY(window.findChild<QLabel*>(QStringLiteral("userStatus"))->text().contains(QLatin1String("manager")));
    QVERIFY(window.findChild<QLabel*>(QStringLiteral("databaseStatus"))->text().startsWith(QLatin1String("SQLite")));

    auto* newAction = page->findChild<QAction*>(QStringLiteral("newCampsite"));
    QVERIFY(newAction);
    bool okDisabledWhenEmpty = false, okDisabledWithBadCode = false, problemShown = false, okEnabledWhenValid = false;
    QTimer::singleShot(0, this, [&] {
        auto* dialog = qobject_cast<CampsiteEditorDialog*>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        auto* ok = dialog->findChild<QPushButton*>(QStringLiteral("ok"));
        auto* problem = dialog->findChild<QLabel*>(QStringLiteral("problem"));
        okDisabledWhenEmpty = !ok->isEnabled();
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("code")), QStringLiteral("Z 9!"));
        dialog->findChild<QLineEdit*>(QStringLiteral("name"))->insert(QStringLiteral("노을 데크 Sunset Deck"));
        okDisabledWithBadCode = !ok->isEnabled();
        problemShown = problem->text().contains(QLatin1String("Code"));
        auto* code = dialog->findChild<QLineEdit*>(QStringLiteral("code"));
        code->clear();
        QTest::keyClicks(code, QStringLiteral("z-99"));
        auto* kind = dialog->findChild<QComboBox*>(QStringLiteral("kind"));
        kind->setCurrentIndex(kind->findData(QStringLiteral("glamping")));
        dialog->findChild<QLineEdit*>(QStringLiteral("zone"))->insert(QStringLiteral("언덕 Hilltop"));
        auto* price = dialog->findChild<QLineEdit*>(QStringLiteral("nightlyPrice"));
        price->selectAll();
        QTest::keyClicks(price, QStringLiteral("145000"));
        dialog->findChild<QLineEdit*>(QStringLiteral("amenities"))->insert(QStringLiteral("Wi-Fi, 바비큐 BBQ"));
        okEnabledWhenValid = ok->isEnabled() && problem->text().isEmpty();
        test::saveScreenshot(dialog, QStringLiteral("campsite-editor-en"));
        QTest::mouseClick(ok, Qt::LeftButton);
        if (dialog->isVisible())
            dialog->reject(); // never leave exec() hanging
    });
    newAction->trigger();
    QVERIFY(okDisabledWhenEmpty);
    QVERIFY(okDisabledWithBadCode);
    QVERIFY(problemShown);
    QVERIFY(okEnabledWhenValid);

    Result<Campsite> saved = m_context->campsites->findByCode(QStringLiteral("Z-99"));
    CAMPDESK_VERIFY_OK(saved);
    QCOMPARE(saved->nightlyPrice, 145000);
    QCOMPARE(saved->kind, CampsiteKind::Glamping);
    QCOMPARE(saved->amenities, (QStringList { QStringLiteral("Wi-Fi"), QStringLiteral("바비큐 BBQ") }));
    QCOMPARE(page->model()->rowCount(), 21);
    // The new row is in the table and selected.
    const QModelIndexList selected = page->view()->selectionModel()->selectedRows(CampsiteTableModel::Code);
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().data().toString(), QStringLiteral("Z-99"));
    QVERIFY(page->view()->isRowHidden(selected.first().row()) == false);
}

void TestGuiFoundation::editorRefusesADuplicateCodeAndStaysOpen()
{
    const Actor manager
        = m_context->users->login(QStringLiteral("manager"), passwordOf(QStringLiteral("manager"))).value();
    CampsiteEditorDialog dialog(*m_context->campsites, manager, std::nullopt);
    dialog.show();
    QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("code")), QStringLiteral("A-01"));
    QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("name")), QStringLiteral("Twin"));
    auto* price = dialog.findChild<QLineEdit*>(QStringLiteral("nightlyPrice"));
    price->setText(QStringLiteral("30000"));
    auto* ok = dialog.findChild<QPushButton*>(QStringLiteral("ok"));
    QVERIFY(ok->isEnabled()); // valid on its face; only the service knows A-01 is taken
    QTest::mouseClick(ok, Qt::LeftButton);
    QVERIFY(dialog.isVisible());
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("problem"))->text().contains(QLatin1String("A-01")));
    QCOMPARE(m_context->campsites->list()->size(), 20);
}

void TestGuiFoundation::removeAsksFirstThenDeletes()
{
    const Actor manager
        = m_context->users->login(QStringLiteral("manager"), passwordOf(QStringLiteral("manager"))).value();
    MainWindow window(manager, m_context->db->describe());
    addAdminPages(window, *m_context);
    window.show();
    auto* page = qobject_cast<CampsitesPage*>(window.page(QStringLiteral("campsites")));
    const qint64 id = m_context->campsites->findByCode(QStringLiteral("B-02"))->id;
    page->select(id);
    auto* remove = page->findChild<QAction*>(QStringLiteral("removeCampsite"));
    QVERIFY(remove->isEnabled());

    m_confirmAnswer = false;
    remove->trigger();
    QCOMPARE(m_messages.size(), 1);
    QCOMPARE(m_messages.first().kind, MessageBox::Kind::Question);
    QVERIFY(m_messages.first().text.contains(QLatin1String("B-02")));
    QCOMPARE(page->model()->rowCount(), 20);

    m_confirmAnswer = true;
    remove->trigger();
    QCOMPARE(page->model()->rowCount(), 19);
    QVERIFY(!m_context->campsites->findByCode(QStringLiteral("B-02")).ok());
    QCOMPARE(m_messages.last().kind, MessageBox::Kind::Information);
    QVERIFY(m_messages.last().text.contains(QLatin1String("deleted")));
}

void TestGuiFoundation::frontDeskSeesTheTableReadOnly()
{
    const Actor desk = logIn(QStringLiteral("desk"), passwordOf(QStringLiteral("desk")));
    QCOMPARE(desk.role, Role::FrontDesk);
    MainWindow window(desk, m_context->db->describe());
    addAdminPages(window, *m_context);
    QVERIFY(!window.addPage(QStringLiteral("secret"), QStringLiteral("Managers only"), QIcon(), new QWidget, true));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // The desk's own pages, none of the manager-only ones (users, settings, audit log, status).
    QCOMPARE(window.pageIds(),
             (QStringList { QStringLiteral("dashboard"), QStringLiteral("sitestatus"), QStringLiteral("sitemap"),
                            QStringLiteral("campsites"), QStringLiteral("availability"), QStringLiteral("reservations"),
                            QStringLiteral("waitlist"), QStringLiteral("daysheets"), QStringLiteral("payments"),
                            QStringLiteral("customers"), QStringLiteral("reviews"), QStringLiteral("notifications") }));
    auto* page = qobject_cast<CampsitesPage*>(window.page(QStringLiteral("campsites")));
    QCOMPARE(page->model()->rowCount(), 20);
    QVERIFY(!page->findChild<QAction*>(QStringLiteral("newCampsite")));
    QVERIFY(!page->findChild<QAction*>(QStringLiteral("editCampsite")));
    QVERIFY(!page->findChild<QAction*>(QStringLiteral("removeCampsite")));
    QVERIFY(window.findChild<QLabel*>(QStringLiteral("userStatus"))->text().contains(QLatin1String("Front desk")));
    // Double-click does not open an editor (it would block here if it did).
    const QModelIndex first = page->view()->model()->index(0, 0);
    QTest::mouseDClick(page->view()->viewport(), Qt::LeftButton, {}, page->view()->visualRect(first).center());
    QVERIFY(!QApplication::activeModalWidget());
    // And the service refuses a front-desk write anyway.
    Campsite c = m_context->campsites->findByCode(QStringLiteral("A-01")).value();
    c.name = QStringLiteral("Renamed");
    QCOMPARE(m_context->campsites->modify(desk, c).error().code, ErrorCode::Forbidden);
}

void TestGuiFoundation::filterAndStatusFilterNarrowTheTable()
{
    const Actor manager { 1, QStringLiteral("manager"), Role::Manager };
    CampsitesPage page(*m_context->campsites, &m_context->bus(), manager);
    page.show();
    QTest::keyClicks(page.findChild<QLineEdit*>(QStringLiteral("campsiteFilter")), QStringLiteral("lakeside"));
    QCOMPARE(page.proxy()->rowCount(), 3);
    page.findChild<QLineEdit*>(QStringLiteral("campsiteFilter"))->clear();
    page.findChild<QLineEdit*>(QStringLiteral("campsiteFilter"))->insert(QStringLiteral("글램핑"));
    QCOMPARE(page.proxy()->rowCount(), 4);
    page.findChild<QLineEdit*>(QStringLiteral("campsiteFilter"))->clear();
    auto* status = page.findChild<QComboBox*>(QStringLiteral("statusFilter"));
    status->setCurrentIndex(status->findData(QStringLiteral("maintenance")));
    QCOMPARE(page.proxy()->rowCount(), 1);
    QCOMPARE(page.proxy()->index(0, CampsiteTableModel::Code).data().toString(), QStringLiteral("A-05"));
    // Sorting by price sorts numbers, not text.
    status->setCurrentIndex(0);
    page.view()->sortByColumn(CampsiteTableModel::NightlyPrice, Qt::DescendingOrder);
    QCOMPARE(page.proxy()->index(0, CampsiteTableModel::Code).data().toString(), QStringLiteral("K-02"));
}

void TestGuiFoundation::exportWritesTheVisibleRows()
{
    const Actor manager { 1, QStringLiteral("manager"), Role::Manager };
    MainWindow window(manager, m_context->db->describe());
    addAdminPages(window, *m_context);
    window.show();
    const QString path = m_dir.filePath(QStringLiteral("export.csv"));
    MainWindow::setSaveFileNameProviderForTesting([&](const QString&) { return path; });
    QVERIFY(window.showPage(QStringLiteral("campsites")));
    auto* page = qobject_cast<CampsitesPage*>(window.page(QStringLiteral("campsites")));
    QTest::keyClicks(page->findChild<QLineEdit*>(QStringLiteral("campsiteFilter")), QStringLiteral("cabin"));
    const mode_t previousUmask = ::umask(022); // a session that lets others read new files
    window.findChild<QAction*>(QStringLiteral("exportAction"))->trigger();
    ::umask(previousUmask);
    MainWindow::setSaveFileNameProviderForTesting(nullptr);
    // The export holds guests' data: only this user may read it.
    QCOMPARE(QFile::permissions(path),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4); // header + K-01..K-03
    QVERIFY(lines.at(0).contains(QLatin1String("Code")));
    QVERIFY2(lines.at(1).contains(QStringLiteral("숲속 통나무집")), qPrintable(lines.join(QLatin1Char('\n'))));
    QVERIFY(m_messages.isEmpty());
}

void TestGuiFoundation::screenshotsInEnglishAndKorean()
{
    const Actor manager { 1, QStringLiteral("manager"), Role::Manager };
    for (const QString& language : { QStringLiteral("en"), QStringLiteral("ko") }) {
        QTranslator translator;
        QTranslator qtTranslator; // Qt's own buttons (Cancel), as the app installs them
        if (language == QLatin1String("ko")) {
            QVERIFY(translator.load(QStringLiteral(":/i18n/campdesk_ko.qm")));
            QCoreApplication::installTranslator(&translator);
            if (qtTranslator.load(QStringLiteral("qtbase_ko"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
                QCoreApplication::installTranslator(&qtTranslator);
            QLocale::setDefault(QLocale(QLocale::Korean, QLocale::SouthKorea));
        }
        {
            LoginDialog login(*m_context->users, m_context->db->describe());
            login.setUsername(QStringLiteral("manager"));
            login.show();
            QVERIFY(QTest::qWaitForWindowExposed(&login));
            QVERIFY(!test::saveScreenshot(&login, QStringLiteral("login-") + language).isEmpty());

            MainWindow window(manager, m_context->db->describe());
            addAdminPages(window, *m_context);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY(window.showPage(QStringLiteral("campsites")));
            auto* page = qobject_cast<CampsitesPage*>(window.page(QStringLiteral("campsites")));
            page->select(m_context->campsites->findByCode(QStringLiteral("B-03"))->id);
            QVERIFY(!test::saveScreenshot(&window, QStringLiteral("main-campsites-") + language).isEmpty());

            CampsiteEditorDialog editor(*m_context->campsites, manager,
                                        m_context->campsites->findByCode(QStringLiteral("G-04")).value());
            editor.show();
            QVERIFY(QTest::qWaitForWindowExposed(&editor));
            QVERIFY(!test::saveScreenshot(&editor, QStringLiteral("campsite-editor-edit-") + language).isEmpty());
        }
        QCoreApplication::removeTranslator(&translator);
        QCoreApplication::removeTranslator(&qtTranslator);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }
}

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    TestGuiFoundation test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_gui_foundation.moc"
