// The first start without --demo (issue 21): on a database without staff accounts the admin app asks for the first
// manager account; each problem shows next to its field, in Korean and English; cancelling creates nothing at all;
// a database that has accounts is never asked. SQLite, through ensureFirstManager as the app calls it.
#include "dialogs/firstmanagerdialog.h"
#include "firststart.h"
#include "ops/appcontext.h"
#include "testdatabase.h"
#include "uilanguage.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <functional>

using namespace campdesk;
using namespace campdesk::test;

class TestFirstStart : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void cancellingCreatesNothing();
    void problemsShowNextToTheirFields_data();
    void problemsShowNextToTheirFields();
    void acceptingCreatesTheManager();
    void aDatabaseWithAccountsIsNotAsked();

private:
    // Runs ensureFirstManager with `handle` called on the dialog once it is shown (null when none was shown).
    Result<bool> runFirstStart(const std::function<void(FirstManagerDialog*)>& handle, QString* username);
    qint64 count(const QString& table);

    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_context;
};

void TestFirstStart::init()
{
    static int counter = 0;
    Result<std::unique_ptr<AppContext>> opened
        = AppContext::open(m_dir.filePath(QStringLiteral("first-%1.db").arg(++counter)));
    QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
    m_context = std::move(opened).value();
}

void TestFirstStart::cleanup()
{
    m_context.reset();
}

qint64 TestFirstStart::count(const QString& table)
{
    Result<qint64> n = m_context->db->read([&](SqlSession& s) -> Result<qint64> {
        return s.scalar(QStringLiteral("SELECT count(*) FROM %1").arg(table)).toLongLong();
    });
    return n.ok() ? n.value() : -1;
}

Result<bool> TestFirstStart::runFirstStart(const std::function<void(FirstManagerDialog*)>& handle, QString* username)
{
    bool shown = false;
    QTimer::singleShot(0, this, [&] {
        auto* dialog = qobject_cast<FirstManagerDialog*>(QApplication::activeModalWidget());
        shown = dialog != nullptr;
        handle(dialog);
        if (dialog && dialog->isVisible())
            dialog->reject();
    });
    Result<bool> result = app::ensureFirstManager(*m_context, username);
    if (!shown)
        handle(nullptr);
    return result;
}

namespace {

QLabel* errorOf(FirstManagerDialog* dialog, const QString& field)
{
    return dialog->findChild<QLabel*>(field + QStringLiteral("Error"));
}

void type(FirstManagerDialog* dialog, const QString& field, const QString& text)
{
    auto* edit = dialog->findChild<QLineEdit*>(field);
    edit->clear();
    QTest::keyClicks(edit, text);
}

QPushButton* okButton(FirstManagerDialog* dialog)
{
    return dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
}

} // namespace

void TestFirstStart::cancellingCreatesNothing()
{
    bool asked = false;
    QString username = QStringLiteral("unchanged");
    Result<bool> proceed = runFirstStart(
        [&](FirstManagerDialog* dialog) {
            asked = dialog != nullptr;
            if (!dialog)
                return;
            type(dialog, QStringLiteral("username"), QStringLiteral("owner"));
            QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Cancel), Qt::LeftButton);
        },
        &username);
    QVERIFY(asked);
    CAMPDESK_VERIFY_OK(proceed);
    QVERIFY(!proceed.value()); // the app quits
    QCOMPARE(username, QStringLiteral("unchanged"));
    for (const char* table : { "users", "campsites", "customers", "reservations", "audit_log" })
        QCOMPARE(count(QLatin1String(table)), 0);
}

void TestFirstStart::problemsShowNextToTheirFields_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("passwordProblem"); // a word of the message for a too short password
    QTest::addColumn<QString>("title");
    QTest::newRow("English") << QStringLiteral("en") << QStringLiteral("at least 10")
                             << QStringLiteral("Create the first manager account");
    QTest::newRow("Korean") << QStringLiteral("ko") << QStringLiteral("10") << QStringLiteral("첫 관리자 계정 만들기");
}

void TestFirstStart::problemsShowNextToTheirFields()
{
    QFETCH(QString, language);
    QFETCH(QString, passwordProblem);
    QFETCH(QString, title);
    UiLanguage ui(language);
    QVERIFY(ui.ok());
    QString username;
    bool checked = false;
    Result<bool> proceed = runFirstStart(
        [&](FirstManagerDialog* dialog) {
            QVERIFY(dialog);
            QCOMPARE(dialog->windowTitle(), title);
            // Nothing typed: no field shouts, and OK waits.
            QVERIFY(!okButton(dialog)->isEnabled());
            for (const char* field : { "username", "displayName", "password", "repeat" })
                QVERIFY(errorOf(dialog, QLatin1String(field))->isHidden());

            type(dialog, QStringLiteral("username"), QStringLiteral("x'; DROP"));
            QVERIFY(!errorOf(dialog, QStringLiteral("username"))->isHidden());
            QVERIFY(!errorOf(dialog, QStringLiteral("username"))->text().isEmpty());
            QVERIFY(errorOf(dialog, QStringLiteral("password"))->isHidden()); // not reached yet

            type(dialog, QStringLiteral("username"), QStringLiteral("owner"));
            QVERIFY(errorOf(dialog, QStringLiteral("username"))->isHidden());
            type(dialog, QStringLiteral("password"), QStringLiteral("short"));
            QLabel* password = errorOf(dialog, QStringLiteral("password"));
            QVERIFY(!password->isHidden());
            QVERIFY2(password->text().contains(passwordProblem), qPrintable(password->text()));
            QVERIFY(!okButton(dialog)->isEnabled());

            type(dialog, QStringLiteral("password"), QStringLiteral("a long enough password"));
            QVERIFY(password->isHidden());
            type(dialog, QStringLiteral("repeat"), QStringLiteral("a long enough passwore"));
            QVERIFY(!errorOf(dialog, QStringLiteral("repeat"))->isHidden());
            QVERIFY(!okButton(dialog)->isEnabled());
            type(dialog, QStringLiteral("repeat"), QStringLiteral("a long enough password"));
            QVERIFY(errorOf(dialog, QStringLiteral("repeat"))->isHidden());
            QVERIFY(okButton(dialog)->isEnabled());
            checked = true;
        },
        &username);
    QVERIFY(checked);
    CAMPDESK_VERIFY_OK(proceed);
    QVERIFY(!proceed.value());
    QCOMPARE(count(QStringLiteral("users")), 0);
}

void TestFirstStart::acceptingCreatesTheManager()
{
    QString username;
    Result<bool> proceed = runFirstStart(
        [&](FirstManagerDialog* dialog) {
            QVERIFY(dialog);
            type(dialog, QStringLiteral("username"), QStringLiteral("Owner"));
            dialog->findChild<QLineEdit*>(QStringLiteral("displayName"))->setText(QStringLiteral("김사장"));
            type(dialog, QStringLiteral("password"), QStringLiteral("a long enough password"));
            type(dialog, QStringLiteral("repeat"), QStringLiteral("a long enough password"));
            QTest::mouseClick(okButton(dialog), Qt::LeftButton);
            QVERIFY(!dialog->isVisible());
        },
        &username);
    CAMPDESK_VERIFY_OK(proceed);
    QVERIFY(proceed.value());
    QCOMPARE(username, QStringLiteral("owner"));
    Result<Actor> actor = m_context->users->login(QStringLiteral("owner"), QStringLiteral("a long enough password"));
    CAMPDESK_VERIFY_OK(actor);
    QCOMPARE(actor->role, Role::Manager);
    QCOMPARE(count(QStringLiteral("users")), 1);
    // Only the account: no demo data came with it.
    QCOMPARE(count(QStringLiteral("campsites")), 0);
    QCOMPARE(count(QStringLiteral("customers")), 0);
}

void TestFirstStart::aDatabaseWithAccountsIsNotAsked()
{
    UserService cheap(*m_context->db, 1000);
    CAMPDESK_VERIFY_OK(cheap.createUser(Actor::system(), QStringLiteral("kim"), QString(), Role::FrontDesk,
                                        QStringLiteral("front desk password")));
    bool asked = true;
    QString username = QStringLiteral("kim");
    Result<bool> proceed = runFirstStart([&](FirstManagerDialog* dialog) { asked = dialog != nullptr; }, &username);
    CAMPDESK_VERIFY_OK(proceed);
    QVERIFY(proceed.value());
    QVERIFY(!asked);
    QCOMPARE(username, QStringLiteral("kim"));
}

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    TestFirstStart test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_firststart.moc"
