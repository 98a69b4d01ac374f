// A refund from the desk's reservation dialog waits for the payment provider off the GUI thread: the dialog keeps
// painting while the provider stalls, its actions are off meanwhile, and the result shows when the answer comes.
#include "bookingfixture.h"
#include "dialogs/canceldialog.h"
#include "dialogs/reservationdialog.h"
#include "domain/serviceflow.h"
#include "paintcounter.h"
#include "stallinggateway.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>
#include <QTimer>

using namespace campdesk;
using namespace campdesk::test;

class TestGuiRefund : public QObject
{
    Q_OBJECT
private slots:
    void dialogKeepsPaintingWhileARefundStalls();
    void aFailedRefundShowsWhyAndKeepsTheBooking();
};

namespace {

// Confirms the cancel dialog the reservation dialog is about to open (with a reason).
void confirmCancelSoon(QObject* context)
{
    QTimer::singleShot(0, context, [] {
        auto* cancel = qobject_cast<CancelDialog*>(QApplication::activeModalWidget());
        QVERIFY(cancel);
        QTest::keyClicks(cancel->findChild<QLineEdit*>(QStringLiteral("reason")), QStringLiteral("plans changed"));
        auto* confirm = cancel->findChild<QPushButton*>(QStringLiteral("confirmCancel"));
        QVERIFY(confirm->isEnabled());
        QTest::mouseClick(confirm, Qt::LeftButton);
    });
}

} // namespace

void TestGuiRefund::dialogKeepsPaintingWhileARefundStalls()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    StallingGateway gateway;
    f.booking->addGateway(&gateway);
    const Campsite site = f.addSite(QStringLiteral("A-01"), 50000);
    Result<Reservation> booked = f.booking->book(BookingFixture::desk(), f.request(site, 10, 1), gateway);
    CAMPDESK_VERIFY_OK(booked);

    ReservationDialog dialog(*f.booking, booked->id, BookingFixture::desk());
    dialog.QDialog::show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* counter = new PaintCounter(&dialog);
    QTimer repaint;
    connect(&repaint, &QTimer::timeout, &dialog, [&dialog] { dialog.update(); });
    repaint.start(20);

    gateway.stall();
    confirmCancelSoon(this);
    QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("cancelBooking")), Qt::LeftButton);
    QTRY_COMPARE(gateway.waiting(), 1);
    QVERIFY(gateway.lastThread() != QThread::currentThread());
    QVERIFY(dialog.isBusy());
    const int before = counter->paints();
    QTRY_VERIFY(counter->paints() >= before + 5); // the GUI thread is free while the provider stalls
    for (QPushButton* button : dialog.findChildren<QPushButton*>())
        QVERIFY2(!button->isEnabled(), qPrintable(button->objectName() + button->text()));
    dialog.reject(); // closing waits for the answer
    QVERIFY(dialog.isVisible());
    QCOMPARE(f.booking->get(booked->id)->status, ReservationStatus::Confirmed);

    gateway.release();
    QTRY_COMPARE(dialog.reservation().status, ReservationStatus::Cancelled);
    QVERIFY(!dialog.isBusy());
    QCOMPARE(dialog.reservation().refundAmount, 50000);
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("message"))->text().isEmpty());
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("details"))->text().contains(QLatin1String("50,000")));
    QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("cancelBooking"))->isEnabled()); // cancelled now
    QVERIFY(dialog.findChild<QPushButton*>(QStringLiteral("printReceipt"))->isEnabled());
    QVERIFY(BookingFixture::invariantsHold(f.db()));
}

void TestGuiRefund::aFailedRefundShowsWhyAndKeepsTheBooking()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    const Campsite site = f.addSite(QStringLiteral("A-01"), 50000);
    const Reservation booked = f.book(f.request(site, 10, 1));
    f.terminal.scriptCancelOutcomes({ PaymentOutcome::Status::Declined });

    ReservationDialog dialog(*f.booking, booked.id, BookingFixture::desk());
    dialog.QDialog::show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    confirmCancelSoon(this);
    QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("cancelBooking")), Qt::LeftButton);
    QTRY_VERIFY(!dialog.isBusy());
    QCOMPARE(dialog.reservation().status, ReservationStatus::Confirmed);
    QVERIFY(!dialog.findChild<QLabel*>(QStringLiteral("message"))->text().isEmpty());
    QVERIFY(dialog.findChild<QPushButton*>(QStringLiteral("cancelBooking"))->isEnabled()); // try again
    QCOMPARE(f.booking->get(booked.id)->status, ReservationStatus::Confirmed);
}

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    TestGuiRefund test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_gui_refund.moc"
