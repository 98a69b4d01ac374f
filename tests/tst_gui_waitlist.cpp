// The waitlist as people see it (issue 20, item 1), on the offscreen platform: the staff page (order, filters, move,
// offer, take payment, remove, each asked first), "Join the waitlist" in the desk booking dialog when no site is free,
// and the kiosk's own waitlist screen (name and phone only, wiped after joining); screenshots in both languages.
#include "admin/waitlistpage.h"
#include "bookingfixture.h"
#include "core/languagemanager.h"
#include "db/sqldates.h"
#include "dialogs/deskbookingdialog.h"
#include "domain/customerservice.h"
#include "domain/kiosklookupthrottle.h"
#include "domain/kioskpinguard.h"
#include "domain/mileageservice.h"
#include "domain/reviewservice.h"
#include "domain/waitlistservice.h"
#include "itemmodels/waitlisttablemodel.h"
#include "kiosk/kioskdatespage.h"
#include "kiosk/kioskkeyboard.h"
#include "kiosk/kioskwindow.h"
#include "messagebox.h"
#include "screenshot.h"
#include "uilanguage.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

class TestGuiWaitlist : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void staffSeeAndManageTheList();
    void deskDialogOffersTheWaitlistWhenNothingIsFree();
    void kioskJoinsWithNamePhoneAndAKind();
    void screenshots();

private:
    WaitlistRequest wish(int daysAhead, const QString& phone, const char* name) const;
    WaitlistPage* makePage();
    QString cell(int row, int column) const;
    std::unique_ptr<BookingFixture> f;
    std::unique_ptr<WaitlistService> m_waitlist;
    std::unique_ptr<CustomerService> m_customers;
    std::unique_ptr<WaitlistPage> m_page;
    QList<MessageBox::Shown> m_boxes;
    bool m_answer = true;
};

void TestGuiWaitlist::init()
{
    f = std::make_unique<BookingFixture>();
    QVERIFY2(f->ok(), qPrintable(f->t->errorMessage()));
    m_waitlist = std::make_unique<WaitlistService>(*f->booking);
    m_customers = std::make_unique<CustomerService>(f->db());
    m_boxes.clear();
    m_answer = true;
    MessageBox::setHandlerForTesting([this](const MessageBox::Shown& shown) {
        m_boxes.append(shown);
        return m_answer;
    });
}

void TestGuiWaitlist::cleanup()
{
    MessageBox::setHandlerForTesting({});
    m_page.reset();
    m_customers.reset();
    m_waitlist.reset();
    f.reset();
}

WaitlistRequest TestGuiWaitlist::wish(int daysAhead, const QString& phone, const char* name) const
{
    WaitlistRequest r;
    r.checkIn = f->today().addDays(daysAhead);
    r.checkOut = r.checkIn.addDays(2);
    r.guests = 2;
    r.customer.name = QString::fromUtf8(name);
    r.customer.phone = phone;
    return r;
}

WaitlistPage* TestGuiWaitlist::makePage()
{
    auto* model = new WaitlistTableModel(*m_waitlist, &f->bus, BookingFixture::desk());
    new QAbstractItemModelTester(model, QAbstractItemModelTester::FailureReportingMode::QtTest, model);
    m_page = std::make_unique<WaitlistPage>(*m_waitlist, model, &f->deskPayment, BookingFixture::desk());
    m_page->resize(1024, 600);
    m_page->show();
    return m_page.get();
}

QString TestGuiWaitlist::cell(int row, int column) const
{
    return m_page->table()->model()->index(row, column).data().toString();
}

void TestGuiWaitlist::staffSeeAndManageTheList()
{
    const Campsite site = f->addSite(QStringLiteral("A-01"));
    const Reservation booked = f->book(f->request(site, 3, 2));
    CAMPDESK_VERIFY_OK(m_waitlist->join(BookingFixture::desk(), wish(3, QStringLiteral("010-2000-0001"), "Ahn")));
    f->clock.advanceSecs(1);
    CAMPDESK_VERIFY_OK(m_waitlist->join(BookingFixture::kiosk(), wish(3, QStringLiteral("010-2000-0002"), "Baek")));
    f->clock.advanceSecs(1);
    CAMPDESK_VERIFY_OK(m_waitlist->join(BookingFixture::desk(), wish(3, QStringLiteral("010-2000-0003"), "Cho")));
    WaitlistPage* page = makePage();
    QTableView* table = page->table();
    QCOMPARE(table->model()->rowCount(), 3);
    QCOMPARE(cell(0, WaitlistTableModel::Name), QStringLiteral("Ahn"));
    QCOMPARE(cell(0, WaitlistTableModel::Status), QStringLiteral("Waiting"));
    QCOMPARE(cell(1, WaitlistTableModel::Channel), QStringLiteral("Kiosk"));
    QCOMPARE(page->findChild<QLabel*>(QStringLiteral("waitlistCount"))->text(), QStringLiteral("3 entries"));

    auto* up = page->findChild<QAction*>(QStringLiteral("waitlistUp"));
    auto* offer = page->findChild<QAction*>(QStringLiteral("waitlistOffer"));
    auto* convert = page->findChild<QAction*>(QStringLiteral("waitlistConvert"));
    auto* remove = page->findChild<QAction*>(QStringLiteral("waitlistRemove"));
    QVERIFY(!up->isEnabled()); // nothing selected
    // Cho moves to the top.
    table->selectRow(2);
    QVERIFY(up->isEnabled());
    QVERIFY(!convert->isEnabled()); // nothing offered yet
    up->trigger();
    up->trigger();
    QCOMPARE(cell(0, WaitlistTableModel::Name), QStringLiteral("Cho"));
    QCOMPARE(cell(1, WaitlistTableModel::Name), QStringLiteral("Ahn"));
    QCOMPARE(cell(0, WaitlistTableModel::Position), QStringLiteral("1"));

    // Offering while nothing is free: asked, then told why not.
    table->selectRow(0);
    offer->trigger();
    QCOMPARE(m_boxes.size(), 2);
    QCOMPARE(m_boxes.at(0).kind, MessageBox::Kind::Question);
    QVERIFY(m_boxes.at(0).text.contains(QStringLiteral("Cho")));
    QCOMPARE(m_boxes.at(1).kind, MessageBox::Kind::Warning);
    QCOMPARE(cell(0, WaitlistTableModel::Status), QStringLiteral("Waiting"));

    // The booking is cancelled: offered by hand to Cho; the row says which site and until when.
    CancelRequest cancel;
    cancel.reservationId = booked.id;
    CAMPDESK_VERIFY_OK(f->booking->cancel(BookingFixture::desk(), cancel));
    m_boxes.clear();
    table->selectRow(0);
    offer->trigger();
    QCOMPARE(m_boxes.size(), 2);
    QCOMPARE(m_boxes.at(1).kind, MessageBox::Kind::Information);
    QVERIFY(m_boxes.at(1).text.contains(QStringLiteral("A-01")));
    QCOMPARE(cell(0, WaitlistTableModel::Status), QStringLiteral("Offered"));
    QVERIFY(cell(0, WaitlistTableModel::Offer).startsWith(QStringLiteral("A-01 (CD-")));
    QVERIFY(!cell(0, WaitlistTableModel::OfferExpires).isEmpty());
    QVERIFY(convert->isEnabled());
    QVERIFY(!up->isEnabled());

    // Declining the question changes nothing.
    m_answer = false;
    m_boxes.clear();
    remove->trigger();
    QCOMPARE(m_boxes.size(), 1);
    QVERIFY(m_boxes.at(0).text.contains(QStringLiteral("A-01"))); // says the held site is released
    QCOMPARE(table->model()->rowCount(), 3);

    // Taking the payment confirms the booking: the entry is booked and leaves the live list.
    m_answer = true;
    m_boxes.clear();
    table->selectRow(0);
    convert->trigger();
    QCOMPARE(m_boxes.size(), 2);
    QCOMPARE(m_boxes.at(1).kind, MessageBox::Kind::Information);
    QCOMPARE(table->model()->rowCount(), 2);
    QCOMPARE(f->t->count(QStringLiteral("reservations"), QStringLiteral("status = 'confirmed'")), 1);

    // Removing Ahn (asked first); the filters: every entry, then by phone.
    table->selectRow(0);
    QCOMPARE(cell(0, WaitlistTableModel::Name), QStringLiteral("Ahn"));
    remove->trigger();
    QCOMPARE(table->model()->rowCount(), 1);
    auto* status = page->findChild<QComboBox*>(QStringLiteral("waitlistStatus"));
    status->setCurrentIndex(status->findData(QString()));
    QCOMPARE(table->model()->rowCount(), 3);
    status->setCurrentIndex(status->findData(QStringLiteral("removed")));
    QCOMPARE(table->model()->rowCount(), 1);
    QCOMPARE(cell(0, WaitlistTableModel::Status), QStringLiteral("Removed"));
    status->setCurrentIndex(status->findData(QString()));
    page->findChild<QLineEdit*>(QStringLiteral("waitlistText"))->setText(QStringLiteral("20000002"));
    QCOMPARE(table->model()->rowCount(), 1);
    QCOMPARE(cell(0, WaitlistTableModel::Name), QStringLiteral("Baek"));
    // Sortable by a column.
    page->findChild<QLineEdit*>(QStringLiteral("waitlistText"))->clear();
    table->sortByColumn(WaitlistTableModel::Name, Qt::DescendingOrder);
    QCOMPARE(cell(0, WaitlistTableModel::Name), QStringLiteral("Cho"));
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestGuiWaitlist::deskDialogOffersTheWaitlistWhenNothingIsFree()
{
    const Campsite site = f->addSite(QStringLiteral("A-01"));
    f->book(f->request(site, 3, 2));
    DeskBookingDialog dialog(*f->booking, *m_customers, *f->campsites, { &f->deskPayment, nullptr },
                             BookingFixture::desk());
    dialog.setWaitlistService(m_waitlist.get());
    // Free dates: no waitlist.
    dialog.prefill(site.id, f->today().addDays(10), f->today().addDays(12));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* join = dialog.findChild<QPushButton*>(QStringLiteral("joinWaitlist"));
    QVERIFY(join);
    QVERIFY(!join->isVisible());
    // Taken dates: the row appears; joining needs the name and phone.
    dialog.prefill(site.id, f->today().addDays(3), f->today().addDays(5));
    QVERIFY(join->isVisible());
    QVERIFY(dialog.offersWaitlist());
    QVERIFY(!join->isEnabled());
    dialog.findChild<QLineEdit*>(QStringLiteral("phone"))->setText(QStringLiteral("010-5656-7878"));
    dialog.findChild<QLineEdit*>(QStringLiteral("name"))->setText(QStringLiteral("Park"));
    QVERIFY(join->isEnabled());
    // The kind of site they wait for: any by default, here a caravan site.
    auto* kind = dialog.findChild<QComboBox*>(QStringLiteral("waitlistKind"));
    QVERIFY(kind && kind->isVisible());
    QCOMPARE(kind->currentData().toString(), QString());
    kind->setCurrentIndex(kind->findData(QStringLiteral("caravan")));
    QVERIFY(kind->currentIndex() > 0);
    saveScreenshot(&dialog, QStringLiteral("waitlist-desk-dialog-en"));
    QTest::mouseClick(join, Qt::LeftButton);
    QCOMPARE(m_boxes.size(), 2);
    QCOMPARE(m_boxes.at(0).kind, MessageBox::Kind::Question);
    QVERIFY(m_boxes.at(0).text.contains(QStringLiteral("Park")));
    QCOMPARE(f->t->count(QStringLiteral("waitlist_entries"),
                         QStringLiteral("phone = '01056567878' AND channel = 'desk' AND status = 'waiting' AND "
                                        "guests = 2 AND site_kind = 'caravan' AND check_in = '%1'")
                             .arg(sqlDate(f->today().addDays(3)))),
             1);
    QCOMPARE(f->t->count(QStringLiteral("reservations"), QStringLiteral("status = 'held'")), 0);
    QVERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
}

void TestGuiWaitlist::kioskJoinsWithNamePhoneAndAKind()
{
    f->book(f->request(f->addSite(QStringLiteral("B-01")), 30, 1, QStringLiteral("010-1000-2001")));
    // Another customer's entry the kiosk must never show.
    CAMPDESK_VERIFY_OK(m_waitlist->join(BookingFixture::desk(), wish(30, QStringLiteral("010-3131-3131"), "Secret")));
    CustomerService customers(f->db());
    MileageService mileage(f->db());
    ReviewService reviews(f->db());
    KioskPinGuard pin(f->db());
    LanguageManager language;
    KioskLookupThrottle throttle(f->db());
    KioskServices services;
    services.campsites = f->campsites.get();
    services.customers = &customers;
    services.bookings = f->booking.get();
    services.mileage = &mileage;
    services.reviews = &reviews;
    services.gateway = &f->terminal;
    services.pin = &pin;
    services.language = &language;
    services.throttle = &throttle;
    services.clock = &f->clock;
    services.waitlist = m_waitlist.get();
    KioskOptions options;
    options.defaultLanguage = QStringLiteral("en");
    for (const QString& lang : { QStringLiteral("en"), QStringLiteral("ko") }) {
        options.defaultLanguage = lang;
        KioskWindow window(services, options);
        window.resize(1024, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto find = [&window](const QString& name) -> QWidget* {
            for (QWidget* w : window.findChildren<QWidget*>(name)) {
                if (w->isVisible())
                    return w;
            }
            return nullptr;
        };
        auto click = [&find](const QString& name) {
            auto* button = qobject_cast<QAbstractButton*>(find(name));
            QVERIFY2(button && button->isEnabled(), qPrintable(name));
            QTest::mouseClick(button, Qt::LeftButton);
        };
        // A site of this round, free on day 30 until it is booked below.
        const Campsite free = f->addSite(QStringLiteral("F-%1").arg(lang.toUpper()));
        click(QStringLiteral("kioskBookButton"));
        auto* dates = window.findChild<KioskDatesPage*>();
        dates->setSelection(f->today().addDays(30), 1, 2);
        click(QStringLiteral("kioskDatesNext"));
        QCOMPARE(window.pages()->currentWidget()->objectName(), QStringLiteral("kioskSitesPage"));
        // No waitlist while a site is free.
        QVERIFY(!find(QStringLiteral("kioskSitesJoinWaitlist")));
        click(QStringLiteral("kioskSitesBack"));
        f->book(f->request(free, 30, 1, QStringLiteral("010-1000-2%1").arg(lang == QLatin1String("en") ? 100 : 200)));
        click(QStringLiteral("kioskDatesNext"));
        QVERIFY(find(QStringLiteral("kioskSitesEmpty")));
        QVERIFY(find(QStringLiteral("kioskSitesJoinWaitlist")));
        click(QStringLiteral("kioskSitesJoinWaitlist"));
        QWidget* page = window.pages()->currentWidget();
        QCOMPARE(page->objectName(), QStringLiteral("kioskWaitlistPage"));
        // The kind of site: any unless the customer taps one (a tent site in English, any kind in Korean).
        auto* anyKind = qobject_cast<QAbstractButton*>(find(QStringLiteral("kioskWaitlistKind_any")));
        QVERIFY(anyKind && anyKind->isChecked());
        if (lang == QLatin1String("en")) {
            click(QStringLiteral("kioskWaitlistKind_tent"));
            QVERIFY(!anyKind->isChecked());
        }
        // Only the stay and two fields: nobody else's entry.
        for (QLabel* label : page->findChildren<QLabel*>())
            QVERIFY2(!label->text().contains(QStringLiteral("Secret"))
                         && !label->text().contains(QStringLiteral("3131")),
                     qPrintable(label->text()));
        QCOMPARE(page->findChildren<QLineEdit*>().size(), 2);
        QVERIFY(!qobject_cast<QPushButton*>(find(QStringLiteral("kioskWaitlistJoin")))->isEnabled());
        qobject_cast<QLineEdit*>(find(QStringLiteral("kioskWaitlistName")))->setText(QStringLiteral("Kim"));
        qobject_cast<QLineEdit*>(find(QStringLiteral("kioskWaitlistPhone")))
            ->setText(lang == QLatin1String("en") ? QStringLiteral("010-4242-0001") : QStringLiteral("010-4242-0002"));
        window.findChild<KioskKeyboard*>()->dismiss(); // the screen as it is read, not as it is typed on
        for (const QSize& size : { QSize(1024, 768), QSize(1366, 768) }) {
            window.resize(size);
            QApplication::processEvents();
            // Every kind is a whole touch-sized button, none squeezed into another at the small screen.
            const QList<QAbstractButton*> kinds
                = page->findChild<QWidget*>(QStringLiteral("kioskWaitlistKinds"))->findChildren<QAbstractButton*>();
            QCOMPARE(kinds.size(), allCampsiteKinds().size() + 1);
            for (QAbstractButton* kindButton : kinds) {
                QVERIFY2(kindButton->height() >= kindButton->minimumSizeHint().height() && kindButton->height() >= 48,
                         qPrintable(QStringLiteral("%1 is %2 px high at %3 px")
                                        .arg(kindButton->text())
                                        .arg(kindButton->height())
                                        .arg(size.width())));
                QVERIFY2(kindButton->width() >= kindButton->fontMetrics().horizontalAdvance(kindButton->text()),
                         qPrintable(kindButton->text()));
                // Whole on the screen (not clipped by the page) and over no other choice.
                QCOMPARE(kindButton->visibleRegion().boundingRect().size(), kindButton->size());
                for (QAbstractButton* other : kinds) {
                    QVERIFY2(other == kindButton || !kindButton->geometry().intersects(other->geometry()),
                             qPrintable(kindButton->text() + QStringLiteral(" overlaps ") + other->text()));
                }
            }
            saveScreenshot(&window,
                           QStringLiteral("waitlist-kiosk-%1-%2x%3").arg(lang).arg(size.width()).arg(size.height()));
        }
        click(QStringLiteral("kioskWaitlistJoin"));
        QVERIFY(find(QStringLiteral("kioskWaitlistThanks")));
        QVERIFY(!find(QStringLiteral("kioskWaitlistName"))); // the form is gone, its text wiped
        for (QLineEdit* field : page->findChildren<QLineEdit*>())
            QVERIFY(field->text().isEmpty());
        saveScreenshot(&window, QStringLiteral("waitlist-kiosk-joined-%1").arg(lang));
        QCOMPARE(f->t->count(QStringLiteral("waitlist_entries"),
                             QStringLiteral("channel = 'kiosk' AND name = 'Kim' AND language = '%1' AND %2")
                                 .arg(lang,
                                      lang == QLatin1String("en") ? QStringLiteral("site_kind = 'tent'")
                                                                  : QStringLiteral("site_kind IS NULL"))),
                 1);
        click(QStringLiteral("kioskWaitlistDone"));
        QCOMPARE(window.pages()->currentWidget()->objectName(), QStringLiteral("kioskWelcomePage"));
    }
}

void TestGuiWaitlist::screenshots()
{
    const Campsite site = f->addSite(QStringLiteral("A-01"));
    f->addSite(QStringLiteral("B-02"));
    CAMPDESK_VERIFY_OK(
        m_waitlist->join(BookingFixture::desk(), wish(3, QStringLiteral("010-2000-0001"), "김민준 Kim Minjun")));
    CAMPDESK_VERIFY_OK(m_waitlist->join(BookingFixture::kiosk(), wish(3, QStringLiteral("010-2000-0002"), "이서연")));
    CAMPDESK_VERIFY_OK(m_waitlist->sweep()); // both offered, one site each
    f->book(f->request(site, 5, 2));
    CAMPDESK_VERIFY_OK(m_waitlist->join(BookingFixture::desk(), wish(5, QStringLiteral("010-2000-0003"), "박지훈")));
    for (const QString& language : { QStringLiteral("en"), QStringLiteral("ko") }) {
        UiLanguage ui(language);
        QVERIFY(ui.ok());
        for (const QSize& size : { QSize(1024, 768), QSize(1366, 768) }) {
            WaitlistPage* page = makePage();
            page->resize(size);
            QApplication::processEvents();
            QCOMPARE(page->table()->model()->rowCount(), 3);
            QVERIFY(
                !saveScreenshot(
                     page, QStringLiteral("waitlist-page-%1-%2x%3").arg(language).arg(size.width()).arg(size.height()))
                     .isEmpty());
        }
    }
}

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    TestGuiWaitlist test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_gui_waitlist.moc"
