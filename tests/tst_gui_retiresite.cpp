// Retiring a campsite that still has coming bookings (issue 18 item 4), on both databases: the campsites page's
// Remove opens a dialog listing them, each with "Move…" (the desk's change dialog on its site field), and "Move all
// to free sites", which moves each to a free site of the same kind and reports the ones it could not; "Retire" once
// none is left. Screenshots in Korean and English at 1024x768 and 1366x768 go to <build>/screens/.
#include "admin/campsitespage.h"
#include "admin/retiresitedialog.h"
#include "bookingfixture.h"
#include "dialogs/changedialog.h"
#include "domain/reservationchange.h"
#include "messagebox.h"
#include "uilanguage.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <functional>

using namespace campdesk;
using namespace campdesk::test;

class TestGuiRetireSite : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void removeOffersToMoveTheComingBookings();
    void aBookingThatCannotMoveIsReported();
    void moveOpensTheChangeDialogOnTheSite();
    void screenshots();

private:
    Reservation bookAtDesk(const Campsite& site, int daysAhead, int nights, const QString& phone);
    // Runs `inside` on the retire dialog once the page has opened it (it runs modally), then closes it if still open.
    void withRetireDialog(CampsitesPage& page, const std::function<void(RetireSiteDialog&)>& inside);

    std::unique_ptr<UiLanguage> m_english;
    std::unique_ptr<BookingFixture> f;
    Campsite m_a;
    Campsite m_b;
    Campsite m_c;
};

void TestGuiRetireSite::init()
{
    m_english = std::make_unique<UiLanguage>(QStringLiteral("en"));
    f = std::make_unique<BookingFixture>();
    QVERIFY2(f->ok(), qPrintable(f->t->errorMessage()));
    m_a = f->addSite(QStringLiteral("A-01"), 40000);
    m_b = f->addSite(QStringLiteral("A-02"), 40000);
    m_c = f->addSite(QStringLiteral("A-03"), 40000);
    MessageBox::setHandlerForTesting([](const MessageBox::Shown&) { return true; });
}

void TestGuiRetireSite::cleanup()
{
    MessageBox::setHandlerForTesting({});
    f.reset();
    m_english.reset();
}

Reservation TestGuiRetireSite::bookAtDesk(const Campsite& site, int daysAhead, int nights, const QString& phone)
{
    Result<Reservation> r = f->booking->book(BookingFixture::desk(), f->request(site, daysAhead, nights, phone),
                                             f->deskPayment, QStringLiteral("cash"));
    if (!r.ok()) {
        QTest::qFail(qPrintable(r.error().message), __FILE__, __LINE__);
        return Reservation();
    }
    return r.value();
}

void TestGuiRetireSite::withRetireDialog(CampsitesPage& page, const std::function<void(RetireSiteDialog&)>& inside)
{
    bool ran = false;
    QTimer::singleShot(0, &page, [&] {
        RetireSiteDialog* dialog = page.retireDialog();
        if (dialog) {
            ran = true;
            inside(*dialog);
            if (dialog->isVisible())
                dialog->reject();
        }
    });
    page.removeSelected();
    QVERIFY2(ran, "Remove did not open the retire dialog");
}

void TestGuiRetireSite::removeOffersToMoveTheComingBookings()
{
    const Reservation first = bookAtDesk(m_a, 3, 2, QStringLiteral("010-1111-2222"));
    const Reservation second = bookAtDesk(m_a, 8, 2, QStringLiteral("010-3333-4444"));
    bookAtDesk(m_b, 3, 2, QStringLiteral("010-5555-6666")); // the first can only go to A-03
    CampsitesPage page(*f->campsites, &f->bus, BookingFixture::manager());
    page.setBookingChanges(std::make_unique<ReservationChangeService>(*f->booking));
    page.resize(1024, 600);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.select(m_a.id);
    QSignalSpy moveAsked(&page, &CampsitesPage::moveRequested);
    bool retired = false;
    withRetireDialog(page, [&](RetireSiteDialog& dialog) {
        QCOMPARE(dialog.bookingCount(), 2);
        const QList<QPushButton*> moves = dialog.findChildren<QPushButton*>(QStringLiteral("moveBooking"));
        QCOMPARE(moves.size(), 2);
        auto* retire = dialog.findChild<QPushButton*>(QStringLiteral("retireSite"));
        QVERIFY(retire && !retire->isEnabled()); // not while bookings are left
        QTest::mouseClick(moves.first(), Qt::LeftButton);
        QCOMPARE(moveAsked.count(), 1);
        QCOMPARE(moveAsked.first().first().toLongLong(), first.id);
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("moveAll")), Qt::LeftButton);
        // On a worker: the dialog shows it is busy and refuses to close until the moves are done.
        QVERIFY(dialog.isBusy());
        QVERIFY(dialog.findChild<QProgressBar*>(QStringLiteral("moveBusy"))->isVisible());
        QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("moveAll"))->isEnabled());
        dialog.reject();
        QVERIFY(dialog.isVisible());
        QVERIFY(QTest::qWaitFor([&] { return !dialog.isBusy(); }, 10000));
        QVERIFY(!dialog.findChild<QProgressBar*>(QStringLiteral("moveBusy"))->isVisible());
        QVERIFY2(dialog.report().contains(QLatin1String("A-03")), qPrintable(dialog.report()));
        QCOMPARE(dialog.bookingCount(), 0);
        QVERIFY(retire->isEnabled());
        QTest::mouseClick(retire, Qt::LeftButton);
        retired = dialog.retired();
    });
    QVERIFY(retired);
    QCOMPARE(f->booking->get(first.id)->campsiteId, m_c.id);
    QVERIFY(f->booking->get(second.id)->campsiteId != m_a.id);
    // Every booking it ever had moved off: no history left, so Remove deleted it (as it deletes an unused site).
    QCOMPARE(f->campsites->get(m_a.id).error().code, ErrorCode::NotFound);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestGuiRetireSite::aBookingThatCannotMoveIsReported()
{
    const Reservation staying = bookAtDesk(m_a, 0, 3, QStringLiteral("010-1111-2222"));
    CAMPDESK_VERIFY_OK(f->booking->checkIn(BookingFixture::desk(), staying.id));
    const Reservation coming = bookAtDesk(m_a, 5, 2, QStringLiteral("010-3333-4444"));
    CampsitesPage page(*f->campsites, &f->bus, BookingFixture::manager());
    page.setBookingChanges(std::make_unique<ReservationChangeService>(*f->booking));
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.select(m_a.id);
    withRetireDialog(page, [&](RetireSiteDialog& dialog) {
        QCOMPARE(dialog.bookingCount(), 2);
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("moveAll")), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return !dialog.isBusy(); }, 10000));
        QCOMPARE(dialog.bookingCount(), 1); // the checked-in guest stays
        QVERIFY2(dialog.report().contains(staying.code), qPrintable(dialog.report()));
        QVERIFY2(dialog.report().contains(coming.code), qPrintable(dialog.report()));
        QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("retireSite"))->isEnabled());
        QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("moveBooking"))->isEnabled());
    });
    QCOMPARE(f->campsites->get(m_a.id)->status, CampsiteStatus::Active);
    QCOMPARE(f->booking->get(staying.id)->campsiteId, m_a.id);
    QVERIFY(f->booking->get(coming.id)->campsiteId != m_a.id);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestGuiRetireSite::moveOpensTheChangeDialogOnTheSite()
{
    const Reservation r = bookAtDesk(m_a, 3, 2, QStringLiteral("010-1111-2222"));
    ChangeDialog dialog(*f->booking, *f->campsites, r, BookingFixture::desk());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.activateWindow();
    dialog.focusSite();
    QVERIFY(dialog.focusWidget());
    QCOMPARE(dialog.focusWidget()->objectName(), QStringLiteral("site"));
}

void TestGuiRetireSite::screenshots()
{
    const QDir dir(QString::fromLocal8Bit(qgetenv("CAMPDESK_BINARY_DIR")).isEmpty()
                       ? QStringLiteral(CAMPDESK_BINARY_DIR)
                       : QString::fromLocal8Bit(qgetenv("CAMPDESK_BINARY_DIR")));
    QVERIFY(dir.mkpath(QStringLiteral("screens")));
    const Reservation staying = bookAtDesk(m_a, 0, 3, QStringLiteral("010-1111-2222"));
    CAMPDESK_VERIFY_OK(f->booking->checkIn(BookingFixture::desk(), staying.id));
    bookAtDesk(m_a, 5, 2, QStringLiteral("010-3333-4444"));
    bookAtDesk(m_a, 9, 3, QStringLiteral("010-5555-6666"));
    ReservationChangeService changes(*f->booking);
    m_english.reset();
    for (const QString& language : { QStringLiteral("en"), QStringLiteral("ko") }) {
        UiLanguage ui(language);
        QVERIFY(ui.ok());
        for (const QSize size : { QSize(1024, 768), QSize(1366, 768) }) {
            CampsitesPage page(*f->campsites, &f->bus, BookingFixture::manager());
            page.resize(size);
            page.show();
            QVERIFY(QTest::qWaitForWindowExposed(&page));
            RetireSiteDialog dialog(*f->campsites, changes, m_a, BookingFixture::manager(), &page);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            const QSize wanted = dialog.sizeHint().expandedTo(dialog.minimumSizeHint());
            QVERIFY2(wanted.width() <= size.width() && wanted.height() <= size.height(),
                     qPrintable(QStringLiteral("%1x%2").arg(wanted.width()).arg(wanted.height())));
            QPixmap screen = page.grab();
            QPainter painter(&screen);
            const QPixmap over = dialog.grab();
            painter.drawPixmap((size.width() - over.width()) / 2, (size.height() - over.height()) / 2, over);
            painter.end();
            const QString name
                = QStringLiteral("retire-site-%1-%2x%3.png").arg(language).arg(size.width()).arg(size.height());
            QVERIFY(screen.save(dir.filePath(QStringLiteral("screens/") + name)));
            if (language == QLatin1String("ko"))
                QVERIFY2(dialog.windowTitle().contains(QStringLiteral("사이트")), qPrintable(dialog.windowTitle()));
        }
    }
}

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    TestGuiRetireSite test;
    return runOnBothBackends(test, argc, argv);
}
#include "tst_gui_retiresite.moc"
