// The desk's reservation dialog (issue 18): check-in and check-out ask first, naming the guest, the site and the
// dates; the day's last check-in or check-out can be undone; a booking nobody came for is marked a no-show. Every
// action runs off the GUI thread. Screenshots in English and Korean go to <build>/screens.
#include "admin/availabilityrack.h"
#include "bookingfixture.h"
#include "dialogs/checkoutdialog.h"
#include "dialogs/reservationdialog.h"
#include "dialogs/siteblockdialog.h"
#include "domain/serviceflow.h"
#include "itemmodels/availabilityrackmodel.h"
#include "messagebox.h"
#include "uilanguage.h"

#include <QApplication>
#include <QDateEdit>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>
#include <QTimer>

using namespace campdesk;
using namespace campdesk::test;

class TestGuiDeskSteps : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void checkInAndOutAskFirstAndCanBeUndone();
    void aNoShowIsConfirmedWithItsRefund();
    void blockDialogShowsRefusalsNextToTheField();
    void theRackDrawsBlocksWithTheirReason();
    void screenshots();

private:
    QList<MessageBox::Shown> m_asked;
    bool m_answer = true;
};

void TestGuiDeskSteps::init()
{
    m_asked.clear();
    m_answer = true;
    MessageBox::setHandlerForTesting([this](const MessageBox::Shown& shown) {
        m_asked.append(shown);
        return m_answer;
    });
}

void TestGuiDeskSteps::cleanup()
{
    MessageBox::setHandlerForTesting({});
}

namespace {

QPushButton* button(QWidget* dialog, const char* name)
{
    return dialog->findChild<QPushButton*>(QLatin1String(name));
}

} // namespace

void TestGuiDeskSteps::checkInAndOutAskFirstAndCanBeUndone()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    f.clock.set(QDateTime::currentDateTimeUtc()); // the dialog works in the real day
    const Campsite site = f.addSite(QStringLiteral("A-07"));
    const Reservation r = f.book(f.request(site, 0, 2, QStringLiteral("010-1234-5678"), QStringLiteral("이서준")));
    ReservationDialog dialog(*f.booking, r.id, BookingFixture::desk());
    dialog.QDialog::show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!button(&dialog, "undoStep")->isEnabled());

    // Saying no changes nothing.
    m_answer = false;
    QTest::mouseClick(button(&dialog, "checkIn"), Qt::LeftButton);
    QCOMPARE(m_asked.size(), 1);
    QVERIFY2(m_asked.first().text.contains(QStringLiteral("이서준"))
                 && m_asked.first().text.contains(QLatin1String("A-07")),
             qPrintable(m_asked.first().text));
    QVERIFY(!dialog.flow()->isRunning());
    QCOMPARE(f.booking->get(r.id)->status, ReservationStatus::Confirmed);

    m_answer = true;
    QTest::mouseClick(button(&dialog, "checkIn"), Qt::LeftButton);
    QTRY_COMPARE(dialog.reservation().status, ReservationStatus::CheckedIn);
    QTRY_VERIFY(!dialog.flow()->isRunning());
    QVERIFY(button(&dialog, "undoStep")->isEnabled());
    QTest::mouseClick(button(&dialog, "undoStep"), Qt::LeftButton);
    QTRY_COMPARE(dialog.reservation().status, ReservationStatus::Confirmed);
    QTRY_VERIFY(!dialog.flow()->isRunning());
    QVERIFY(!button(&dialog, "undoStep")->isEnabled());

    QTest::mouseClick(button(&dialog, "checkIn"), Qt::LeftButton);
    QTRY_COMPARE(dialog.reservation().status, ReservationStatus::CheckedIn);
    QTRY_VERIFY(!dialog.flow()->isRunning());
    // Leaving early: the check-out's own confirmation, with the nights freed and the refund (none by the rule).
    QString asked;
    QTimer::singleShot(0, this, [&asked] {
        auto* confirm = qobject_cast<CheckOutDialog*>(QApplication::activeModalWidget());
        QVERIFY(confirm);
        asked = confirm->findChild<QLabel*>(QStringLiteral("departureSummary"))->text();
        QTest::mouseClick(confirm->findChild<QPushButton*>(QStringLiteral("confirmCheckOut")), Qt::LeftButton);
    });
    QTest::mouseClick(button(&dialog, "checkOut"), Qt::LeftButton);
    QVERIFY2(asked.contains(QLatin1String("leaving early")) && asked.contains(QStringLiteral("이서준")),
             qPrintable(asked));
    QTRY_COMPARE(dialog.reservation().status, ReservationStatus::CheckedOut);
    QTRY_VERIFY(!dialog.flow()->isRunning());
    QCOMPARE(button(&dialog, "undoStep")->text().remove(QLatin1Char('&')), QStringLiteral("Undo check-out"));
    QTest::mouseClick(button(&dialog, "undoStep"), Qt::LeftButton);
    QTRY_COMPARE(dialog.reservation().status, ReservationStatus::CheckedIn);
    QTRY_VERIFY(!dialog.flow()->isRunning());
    QCOMPARE(f.t->count(QStringLiteral("audit_log"), QStringLiteral("action LIKE 'reservation.undo_%'")), 2);
    QVERIFY(BookingFixture::invariantsHold(f.db()));
}

void TestGuiDeskSteps::aNoShowIsConfirmedWithItsRefund()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    // Booked yesterday for two nights; it is past 11:00 today.
    f.clock.set(QDateTime(QDate::currentDate().addDays(-1), QTime(9, 0)));
    const Reservation r = f.book(f.request(f.addSite(QStringLiteral("B-02")), 0, 2));
    f.clock.set(QDateTime(QDate::currentDate(), QTime(11, 30)));
    ReservationDialog dialog(*f.booking, r.id, BookingFixture::desk());
    dialog.QDialog::show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(button(&dialog, "markNoShow")->isEnabled());
    QTest::mouseClick(button(&dialog, "markNoShow"), Qt::LeftButton);
    QCOMPARE(m_asked.size(), 1);
    QVERIFY2(m_asked.first().text.contains(QLatin1String("no-show")), qPrintable(m_asked.first().text));
    QTRY_COMPARE(dialog.reservation().status, ReservationStatus::NoShow);
    QTRY_VERIFY(!dialog.flow()->isRunning());
    QVERIFY(!button(&dialog, "markNoShow")->isEnabled());
    QVERIFY(!button(&dialog, "checkIn")->isEnabled());
}

void TestGuiDeskSteps::blockDialogShowsRefusalsNextToTheField()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    f.clock.set(QDateTime::currentDateTimeUtc());
    const Campsite site = f.addSite(QStringLiteral("C-03"));
    const Reservation r = f.book(f.request(site, 3, 2));
    SiteBlockService blocks(f.db());
    const QDate today = QDate::currentDate();
    SiteBlockDialog dialog(blocks, site.id, site.code, today.addDays(2), today.addDays(6), BookingFixture::manager());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* ok = dialog.findChild<QPushButton*>(QStringLiteral("confirmBlock"));
    QVERIFY(!ok->isEnabled()); // no reason yet
    // The kiosk shows the reason to whoever picks a closed night: the form says so before it is written.
    const QLabel* reasonIsPublic = dialog.findChild<QLabel*>(QStringLiteral("reasonIsPublic"));
    QVERIFY(reasonIsPublic && reasonIsPublic->isVisible());
    QVERIFY(reasonIsPublic->text().contains(QLatin1String("kiosk")));
    QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("reason")), QStringLiteral("new deck"));
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
    // Refused over the booking, named next to the first night.
    const QString message = dialog.findChild<QLabel*>(QStringLiteral("fromMessage"))->text();
    QVERIFY2(message.contains(r.code), qPrintable(message));
    QVERIFY(dialog.isVisible());
    dialog.findChild<QDateEdit*>(QStringLiteral("from"))->setDate(today.addDays(6));
    dialog.findChild<QDateEdit*>(QStringLiteral("to"))->setDate(today.addDays(9));
    QTest::mouseClick(ok, Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.block().nights(), 3);
}

void TestGuiDeskSteps::theRackDrawsBlocksWithTheirReason()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    f.clock.set(QDateTime::currentDateTimeUtc());
    const Campsite site = f.addSite(QStringLiteral("D-04"));
    SiteBlockService blocks(f.db());
    SiteBlockRequest request;
    request.campsiteId = site.id;
    request.from = QDate::currentDate().addDays(1);
    request.to = request.from.addDays(2);
    request.kind = QStringLiteral("private_event");
    request.reason = QStringLiteral("wedding");
    CAMPDESK_VERIFY_OK(blocks.add(BookingFixture::desk(), request));
    AvailabilityRackModel model(f.db(), &f.bus);
    const int row = model.rowOfCampsite(site.id);
    const int column = model.columnOf(request.from);
    QVERIFY(row >= 0 && column >= 0);
    QCOMPARE(model.index(row, column).data(AvailabilityRackModel::BlockKindRole).toString(),
             QStringLiteral("private_event"));
    QVERIFY(model.index(row, column).data(Qt::ToolTipRole).toString().contains(QLatin1String("wedding")));
    QVERIFY(!model.isBookable(row, column));
    QVERIFY(model.isBookable(row, column + 2));
}

void TestGuiDeskSteps::screenshots()
{
    const QString folder = QDir(QStringLiteral(CAMPDESK_BINARY_DIR)).filePath(QStringLiteral("screens"));
    QVERIFY(QDir().mkpath(folder));
    for (const QString& language : { QStringLiteral("en"), QStringLiteral("ko") }) {
        UiLanguage ui(language);
        BookingFixture f;
        QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
        f.clock.set(QDateTime::currentDateTimeUtc());
        const Reservation r = f.book(f.request(f.addSite(QStringLiteral("A-07")), 0, 2, QStringLiteral("010-1234-5678"),
                                               QStringLiteral("이서준")));
        CAMPDESK_VERIFY_OK(f.booking->checkIn(BookingFixture::desk(), r.id));
        for (const int width : { 1024, 1366 }) {
            ReservationDialog dialog(*f.booking, r.id, BookingFixture::desk());
            dialog.QDialog::show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            QApplication::processEvents();
            // The dialog as it sits on a screen of that width: never wider than the screen.
            QVERIFY2(dialog.width() <= width, qPrintable(QString::number(dialog.width())));
            QVERIFY(dialog.grab().save(
                QDir(folder).filePath(QStringLiteral("reservation-dialog-%1-%2.png").arg(width).arg(language))));
        }
        // The rack with a block, and the block dialog, at both office widths.
        SiteBlockService blocks(f.db());
        SiteBlockRequest request;
        request.campsiteId = f.addSite(QStringLiteral("A-08")).id;
        request.from = QDate::currentDate().addDays(2);
        request.to = request.from.addDays(4);
        request.reason = language == QLatin1String("ko") ? QStringLiteral("데크 교체") : QStringLiteral("new deck");
        CAMPDESK_VERIFY_OK(blocks.add(BookingFixture::manager(), request));
        AvailabilityRackModel model(f.db(), &f.bus);
        for (const int width : { 1024, 1366 }) {
            AvailabilityRack rack;
            rack.setRackModel(&model);
            rack.resize(width, 300);
            rack.show();
            QVERIFY(QTest::qWaitForWindowExposed(&rack));
            QApplication::processEvents();
            QVERIFY(rack.grab().save(
                QDir(folder).filePath(QStringLiteral("rack-block-%1-%2.png").arg(width).arg(language))));
        }
        SiteBlockDialog dialog(blocks, request.campsiteId, QStringLiteral("A-08"), QDate::currentDate().addDays(10),
                               QDate::currentDate().addDays(12), BookingFixture::manager());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.width() <= 1024);
        QVERIFY(dialog.grab().save(QDir(folder).filePath(QStringLiteral("block-dialog-%1.png").arg(language))));
    }
}

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    TestGuiDeskSteps test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_gui_desksteps.moc"
