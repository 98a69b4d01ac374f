// The desk's check-out of a guest leaving early (issue 18, item 2), driven through the real reservation dialog on
// both databases: the confirmation says which nights become free, the refund the rule gives and what the guest gets
// back; staff may give back another amount with a reason, and what is wrong is said next to its field. Screenshots of
// the confirmation on the two office screens, in English and Korean, go to <build>/screens.
#include "bookingfixture.h"
#include "dialogs/checkoutdialog.h"
#include "dialogs/reservationdialog.h"
#include "domain/rulesettings.h"
#include "domain/serviceflow.h"
#include "uilanguage.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
#include <QTest>
#include <QTimer>
#include <functional>

using namespace campdesk;
using namespace campdesk::test;

class TestGuiEarlyDeparture : public QObject
{
    Q_OBJECT
private slots:
    void theDefaultRefundIsShownAndGivenBackAtTheDesk();
    void staffGiveBackAnotherAmountWithAReason();
    void screenshots();
};

namespace {

void setRefundOnTheDay(Database& db, int percent)
{
    BookingRules rules = RuleSettings(db).get().value();
    rules.cancellation = { { 7, 100 }, { 3, 50 }, { 0, percent } };
    CAMPDESK_VERIFY_OK(RuleSettings(db).set(BookingFixture::manager(), rules));
}

// Three nights from today, checked in, on the real day (the dialogs work in it).
Reservation inHouse(BookingFixture& f, const QString& code, bool atDesk)
{
    f.clock.set(QDateTime::currentDateTimeUtc());
    const Campsite site = f.addSite(code, 40000);
    const BookingRequest request = f.request(site, 0, 3, QStringLiteral("010-1234-5678"), QStringLiteral("이서준"));
    Result<Reservation> r = atDesk
        ? f.booking->book(BookingFixture::desk(), request, f.deskPayment, QStringLiteral("cash"))
        : f.booking->book(BookingFixture::desk(), request, f.terminal);
    if (!r.ok() || !f.booking->checkIn(BookingFixture::desk(), r->id).ok()) {
        QTest::qFail("could not book and check in", __FILE__, __LINE__);
        return Reservation();
    }
    return f.booking->get(r->id).value();
}

QString textOf(QWidget* parent, const QString& name)
{
    auto* label = parent->findChild<QLabel*>(name);
    return label ? label->text() : QStringLiteral("<no %1>").arg(name);
}

// Runs `inside` on the check-out confirmation the reservation dialog is about to open.
void onTheConfirmation(QObject* context, std::function<void(CheckOutDialog*)> inside)
{
    QTimer::singleShot(0, context, [inside] {
        auto* dialog = qobject_cast<CheckOutDialog*>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        inside(dialog);
    });
}

QPushButton* confirmButton(CheckOutDialog* dialog)
{
    return dialog->findChild<QPushButton*>(QStringLiteral("confirmCheckOut"));
}

} // namespace

void TestGuiEarlyDeparture::theDefaultRefundIsShownAndGivenBackAtTheDesk()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    setRefundOnTheDay(f.db(), 50);
    const Reservation r = inHouse(f, QStringLiteral("A-01"), true); // 120,000 in cash
    ReservationDialog dialog(*f.booking, r.id, BookingFixture::desk());
    dialog.QDialog::show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    QString summary;
    QString rule;
    QString back;
    bool methodShown = false;
    onTheConfirmation(this, [&](CheckOutDialog* confirm) {
        summary = textOf(confirm, QStringLiteral("departureSummary"));
        rule = textOf(confirm, QStringLiteral("refundRule"));
        back = textOf(confirm, QStringLiteral("guestGetsBack"));
        methodShown = confirm->findChild<QWidget*>(QStringLiteral("method"))->isVisibleTo(confirm);
        QVERIFY(confirmButton(confirm)->isEnabled());
        QTest::mouseClick(confirmButton(confirm), Qt::LeftButton);
    });
    QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("checkOut")), Qt::LeftButton);
    QTRY_COMPARE(dialog.reservation().status, ReservationStatus::CheckedOut);
    QTRY_VERIFY(!dialog.flow()->isRunning());
    // Left on the day of arrival: it keeps its first night, the two after it are free (80,000), half comes back.
    QVERIFY2(summary.contains(QLatin1String("2 night")) && summary.contains(QLatin1String("80,000")),
             qPrintable(summary));
    QVERIFY2(rule.contains(QLatin1String("50%")) && rule.contains(QLatin1String("40,000")), qPrintable(rule));
    QVERIFY2(back.contains(QLatin1String("40,000")), qPrintable(back));
    QVERIFY(methodShown); // paid at the desk: how it is handed back
    // After: what to hand back, not as an error.
    const QString outcome = textOf(&dialog, QStringLiteral("outcome"));
    QVERIFY2(outcome.contains(QLatin1String("40,000")) && outcome.contains(QLatin1String("cash")), qPrintable(outcome));
    QVERIFY(textOf(&dialog, QStringLiteral("message")).isEmpty());
    QCOMPARE(f.booking->get(r.id)->amount, 80000);
    QVERIFY(BookingFixture::invariantsHold(f.db()));
}

void TestGuiEarlyDeparture::staffGiveBackAnotherAmountWithAReason()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    const Reservation r = inHouse(f, QStringLiteral("B-01"), false); // by card; the rule gives nothing on the day
    ReservationDialog dialog(*f.booking, r.id, BookingFixture::desk());
    dialog.QDialog::show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    // Saying "not now" changes nothing.
    onTheConfirmation(this, [](CheckOutDialog* confirm) { confirm->reject(); });
    QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("checkOut")), Qt::LeftButton);
    QVERIFY(!dialog.flow()->isRunning());
    QCOMPARE(f.booking->get(r.id)->status, ReservationStatus::CheckedIn);

    QStringList seen;
    onTheConfirmation(this, [&](CheckOutDialog* confirm) {
        seen << textOf(confirm, QStringLiteral("guestGetsBack"));
        QVERIFY(!confirm->findChild<QWidget*>(QStringLiteral("method"))->isVisibleTo(confirm)); // by card
        confirm->findChild<QCheckBox*>(QStringLiteral("overrideRefund"))->setChecked(true);
        auto* amount = confirm->findChild<QLineEdit*>(QStringLiteral("refundAmount"));
        auto* reason = confirm->findChild<QLineEdit*>(QStringLiteral("reason"));
        amount->clear();
        QTest::keyClicks(amount, QStringLiteral("90000")); // more than the two nights were paid
        seen << textOf(confirm, QStringLiteral("refundAmountMessage"));
        QVERIFY(!confirmButton(confirm)->isEnabled());
        amount->clear();
        QTest::keyClicks(amount, QStringLiteral("60000"));
        seen << textOf(confirm, QStringLiteral("reasonMessage")); // no reason yet
        QVERIFY(!confirmButton(confirm)->isEnabled());
        QTest::keyClicks(reason, QStringLiteral("family emergency"));
        seen << textOf(confirm, QStringLiteral("reasonMessage")) << textOf(confirm, QStringLiteral("guestGetsBack"));
        QVERIFY(confirmButton(confirm)->isEnabled());
        QTest::mouseClick(confirmButton(confirm), Qt::LeftButton);
    });
    QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("checkOut")), Qt::LeftButton);
    QTRY_COMPARE(dialog.reservation().status, ReservationStatus::CheckedOut);
    QTRY_VERIFY(!dialog.flow()->isRunning());
    QCOMPARE(seen.size(), 5);
    QVERIFY2(seen.at(0).contains(QLatin1String("nothing back")), qPrintable(seen.at(0)));
    QVERIFY2(seen.at(1).contains(QLatin1String("80,000")), qPrintable(seen.at(1)));
    QVERIFY2(seen.at(2).contains(QLatin1String("reason")), qPrintable(seen.at(2)));
    QVERIFY2(seen.at(3).isEmpty(), qPrintable(seen.at(3)));
    QVERIFY2(seen.at(4).contains(QLatin1String("60,000")), qPrintable(seen.at(4)));
    const QString outcome = textOf(&dialog, QStringLiteral("outcome"));
    QVERIFY2(outcome.contains(QLatin1String("60,000")) && outcome.contains(QLatin1String("card")), qPrintable(outcome));
    QCOMPARE(f.terminal.refundedAmount(r.orderId), 60000);
    QCOMPARE(f.booking->get(r.id)->amount, 60000);
    QVERIFY(BookingFixture::invariantsHold(f.db()));
}

void TestGuiEarlyDeparture::screenshots()
{
    const QString folder = QDir(QStringLiteral(CAMPDESK_BINARY_DIR)).filePath(QStringLiteral("screens"));
    QVERIFY(QDir().mkpath(folder));
    for (const QString& language : { QStringLiteral("en"), QStringLiteral("ko") }) {
        UiLanguage ui(language);
        BookingFixture f;
        QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
        setRefundOnTheDay(f.db(), 50);
        const Reservation r = inHouse(f, QStringLiteral("A-07"), true);
        for (const int width : { 1024, 1366 }) {
            QScreen* screen = nullptr;
            for (QScreen* candidate : QGuiApplication::screens()) {
                if (candidate->geometry().width() == width)
                    screen = candidate;
            }
            QVERIFY2(screen, "no office screen of that width");
            for (const bool changed : { false, true }) {
                CheckOutDialog dialog(*f.booking, r, BookingFixture::desk(),
                                      QStringLiteral("이서준, A-07 (%1)").arg(r.code));
                dialog.setScreen(screen);
                dialog.move(screen->geometry().topLeft() + QPoint(20, 20));
                if (changed) {
                    dialog.findChild<QCheckBox*>(QStringLiteral("overrideRefund"))->setChecked(true);
                    auto* amount = dialog.findChild<QLineEdit*>(QStringLiteral("refundAmount"));
                    amount->clear();
                    QTest::keyClicks(amount, QStringLiteral("90000"));
                }
                dialog.show();
                QVERIFY(QTest::qWaitForWindowExposed(&dialog));
                QApplication::processEvents();
                QVERIFY2(dialog.width() <= width, qPrintable(QString::number(dialog.width())));
                QVERIFY(
                    dialog.grab().save(QDir(folder).filePath(QStringLiteral("early-departure%1-%2-%3.png")
                                                                 .arg(changed ? QStringLiteral("-override") : QString())
                                                                 .arg(width)
                                                                 .arg(language))));
            }
        }
    }
}

// Two office screens side by side (as tst_gui_fit), so that a dialog grabbed "at 1024" is sized on a 1024x768 screen.
int main(int argc, char** argv)
{
    const QString config = QDir::temp().filePath(
        QStringLiteral("campdesk-departure-screens-%1.json").arg(QCoreApplication::applicationPid()));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly))
        return 2;
    file.write(R"({ "windowFrameMargins": true, "screens": [
        { "name": "office-1024", "x": 0, "y": 0, "width": 1024, "height": 768, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1 },
        { "name": "office-1366", "x": 1024, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1 } ] })");
    file.close();
    qputenv("QT_QPA_PLATFORM", QByteArray("offscreen:configfile=") + config.toLocal8Bit());
    QApplication app(argc, argv);
    QFile::remove(config);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    TestGuiEarlyDeparture test;
    return runOnBothBackends(test, argc, argv);
}

#include "tst_gui_earlydeparture.moc"
