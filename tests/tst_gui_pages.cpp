// The pages of DESIGN section 8 wired into the admin window, driven on the offscreen platform: a manager reaches
// every page (dashboard first); a front-desk user does not see Status/Users/Settings/Audit nor Delete on reviews, and
// the review service refuses the delete anyway; the dashboard shows a new booking's figures; a dead notification is
// sent again from the Notifications page; reviews are hidden, shown again and deleted from the Reviews page.
// Saves screenshots of the new pages, in English and Korean, to build/screenshots/.
#include "admin/campsitespage.h"
#include "admin/notificationspage.h"
#include "admin/reservationspage.h"
#include "admin/reviewspage.h"
#include "admin/statuspage.h"
#include "adminpages.h"
#include "dashboard/dashboardpage.h"
#include "datatableview.h"
#include "domain/campsiteservice.h"
#include "domain/notificationservice.h"
#include "domain/reviewservice.h"
#include "itemmodels/daysheetmodel.h"
#include "itemmodels/notificationtablemodel.h"
#include "itemmodels/refreshgate.h"
#include "itemmodels/reservationtablemodel.h"
#include "itemmodels/reviewtablemodel.h"
#include "mainwindow.h"
#include "messagebox.h"
#include "ops/appcontext.h"
#include "ops/demodata.h"
#include "screenshot.h"
#include "testdatabase.h"
#include "uilanguage.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace campdesk;

class TestGuiPages : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void managerReachesEveryPage();
    void frontDeskSeesNoManagerPagesNorReviewDelete();
    void dashboardShowsFiguresAfterABooking();
    void hiddenPagesReadOnlyWhenShown();
    void deadNotificationIsSentAgainFromThePage();
    void reviewsAreHiddenShownAndDeletedFromThePage();
    void removingACampsiteUpdatesEveryCount();
    void screenshotsOfTheNewPages();
    void aTableKeepsTheUsersLayoutNotTheFirstWindowsFit();

private:
    Actor actor(const QString& username) const;
    std::unique_ptr<MainWindow> openWindow(const Actor& actor);
    // A paid stay from today (so it can be reviewed at once) for a guest with an e-mail address.
    Reservation bookToday(const QString& guest, const QString& phone, int nights = 2);
    qint64 reviewOf(const Reservation& reservation, int rating, const QString& text);

    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_context;
    QList<DemoData::Login> m_logins;
    QList<MessageBox::Shown> m_messages;
    bool m_confirm = true;
};

void TestGuiPages::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    MessageBox::setHandlerForTesting([this](const MessageBox::Shown& shown) {
        m_messages.append(shown);
        return m_confirm;
    });
}

void TestGuiPages::init()
{
    static int counter = 0;
    Result<std::unique_ptr<AppContext>> opened
        = AppContext::open(m_dir.filePath(QStringLiteral("pages-%1.db").arg(++counter)));
    QVERIFY2(opened.ok(), qPrintable(opened.error().message));
    m_context = std::move(opened).value();
    Result<QList<DemoData::Login>> logins = DemoData::fillIfFresh(*m_context);
    QVERIFY2(logins.ok(), qPrintable(logins.error().message));
    m_logins = logins.value();
    m_messages.clear();
    m_confirm = true;
    QSettings().clear();
}

void TestGuiPages::cleanup()
{
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    m_context.reset();
}

Actor TestGuiPages::actor(const QString& username) const
{
    for (const DemoData::Login& login : m_logins) {
        if (login.username == username) {
            Result<Actor> actor = m_context->users->login(login.username, login.password);
            return actor.ok() ? actor.value() : Actor();
        }
    }
    return Actor();
}

std::unique_ptr<MainWindow> TestGuiPages::openWindow(const Actor& actor)
{
    auto window = std::make_unique<MainWindow>(actor, m_context->db->describe());
    addAdminPages(*window, *m_context);
    window->resize(1280, 800);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    return window;
}

Reservation TestGuiPages::bookToday(const QString& guest, const QString& phone, int nights)
{
    static int site = 0;
    const QStringList codes { QStringLiteral("A-01"), QStringLiteral("A-02"), QStringLiteral("A-03") };
    Result<Campsite> campsite = m_context->campsites->findByCode(codes.at(site++ % codes.size()));
    if (!campsite.ok())
        return Reservation();
    BookingRequest request;
    request.campsiteId = campsite->id;
    request.checkIn = m_context->db->clock().today();
    request.checkOut = request.checkIn.addDays(nights);
    request.guests = 2;
    request.customer = Customer { 0, guest, phone, QStringLiteral("guest@example.com"), QStringLiteral("ko"), true };
    Result<Reservation> booked = m_context->bookings->book(actor(QStringLiteral("manager")), request,
                                                           *m_context->deskPayment, QStringLiteral("cash"));
    return booked.ok() ? booked.value() : Reservation();
}

qint64 TestGuiPages::reviewOf(const Reservation& reservation, int rating, const QString& text)
{
    ReviewService reviews(*m_context->db);
    (void)m_context->bookings->checkIn(actor(QStringLiteral("manager")), reservation.id); // reviewed once checked in
    Result<Review> review = reviews.submitByCode(
        Actor::system(), reservation.code, m_context->customers->get(reservation.customerId)->phone, rating, text);
    return review.ok() ? review->id : 0;
}

void TestGuiPages::managerReachesEveryPage()
{
    const Actor manager = actor(QStringLiteral("manager"));
    QCOMPARE(manager.role, Role::Manager);
    auto window = openWindow(manager);
    QVERIFY(window);
    const QStringList expected {
        QStringLiteral("dashboard"), QStringLiteral("sitestatus"),   QStringLiteral("sitemap"),
        QStringLiteral("campsites"), QStringLiteral("availability"), QStringLiteral("reservations"),
        QStringLiteral("waitlist"),  QStringLiteral("daysheets"),    QStringLiteral("payments"),
        QStringLiteral("customers"), QStringLiteral("reviews"),      QStringLiteral("notifications"),
        QStringLiteral("users"),     QStringLiteral("settings"),     QStringLiteral("rates"),
        QStringLiteral("audit"),     QStringLiteral("status")
    };
    QCOMPARE(window->pageIds(), expected);
    QCOMPARE(window->currentPageId(), QStringLiteral("dashboard")); // the first page is shown
    for (const QString& id : expected) {
        QVERIFY2(window->showPage(id), qPrintable(id));
        QCOMPARE(window->currentPageId(), id);
        QVERIFY(window->page(id)->isVisible());
    }
    auto* reviews = qobject_cast<ReviewsPage*>(window->page(QStringLiteral("reviews")));
    QVERIFY(reviews);
    QVERIFY(reviews->deleteAction()); // the manager may delete
}

void TestGuiPages::frontDeskSeesNoManagerPagesNorReviewDelete()
{
    const Reservation stay = bookToday(QStringLiteral("Kim"), QStringLiteral("010-4444-5555"));
    QVERIFY(stay.id > 0);
    const qint64 reviewId = reviewOf(stay, 1, QStringLiteral("spam spam spam"));
    QVERIFY(reviewId > 0);

    const Actor desk = actor(QStringLiteral("desk"));
    QCOMPARE(desk.role, Role::FrontDesk);
    auto window = openWindow(desk);
    QVERIFY(window);
    const QStringList pages = window->pageIds();
    QCOMPARE(pages.first(), QStringLiteral("dashboard"));
    for (const char* id : { "sitestatus", "reviews", "notifications" })
        QVERIFY2(pages.contains(QLatin1String(id)), id);
    for (const char* id : { "status", "users", "settings", "rates", "audit" })
        QVERIFY2(!pages.contains(QLatin1String(id)), id);
    QVERIFY(!window->findChild<QWidget*>(QStringLiteral("statusPage")));

    auto* reviews = qobject_cast<ReviewsPage*>(window->page(QStringLiteral("reviews")));
    QVERIFY(reviews);
    QVERIFY(!reviews->deleteAction());
    QVERIFY(!reviews->findChild<QAction*>(QStringLiteral("deleteReview")));
    // The desk may hide one from the page ...
    QVERIFY(window->showPage(QStringLiteral("reviews")));
    QVERIFY(reviews->view()->selectId(reviewId));
    QVERIFY(reviews->hideAction()->isEnabled());
    reviews->hideAction()->trigger();
    QTRY_COMPARE(
        reviews->model()->rawValue(reviews->model()->rowOfId(reviewId), ReviewTableModel::Visibility).toString(),
        QStringLiteral("hidden"));
    QVERIFY(m_messages.isEmpty());
    // ... but the service refuses the delete however it is asked.
    ReviewService service(*m_context->db);
    QCOMPARE(service.remove(desk, reviewId).error().code, ErrorCode::Forbidden);
    QCOMPARE(reviews->model()->rowOfId(reviewId), 0);
}

void TestGuiPages::dashboardShowsFiguresAfterABooking()
{
    auto window = openWindow(actor(QStringLiteral("desk")));
    QVERIFY(window);
    auto* dashboard = qobject_cast<DashboardPage*>(window->page(QStringLiteral("dashboard")));
    QVERIFY(dashboard);
    QVERIFY(dashboard->isVisible());
    auto* arrivals = dashboard->findChild<QLabel*>(QStringLiteral("figureArrivalsValue"));
    auto* revenue = dashboard->findChild<QLabel*>(QStringLiteral("figureRevenueValue"));
    QVERIFY(arrivals && revenue);
    QTRY_COMPARE(arrivals->text(), QStringLiteral("0"));
    const QString revenueBefore = revenue->text();

    const Reservation stay = bookToday(QStringLiteral("Lee"), QStringLiteral("010-6666-7777"));
    QVERIFY(stay.id > 0);
    // The page follows the booking's events by itself.
    QTRY_COMPARE(arrivals->text(), QStringLiteral("1"));
    QCOMPARE(dashboard->snapshot().arrivalsToday, 1);
    QCOMPARE(dashboard->snapshot().occupiedToday, 1);
    QVERIFY(dashboard->snapshot().revenueThisMonth > 0);
    QVERIFY(revenue->text() != revenueBefore);
}

// At a million bookings every page read again on every event from another terminal, shown or not, took seconds:
// a hidden page only notes it is out of date and reads once when it is shown.
void TestGuiPages::hiddenPagesReadOnlyWhenShown()
{
    auto window = openWindow(actor(QStringLiteral("desk")));
    QVERIFY(window);
    auto* dashboard = qobject_cast<DashboardPage*>(window->page(QStringLiteral("dashboard")));
    auto* reservations = qobject_cast<ReservationsPage*>(window->page(QStringLiteral("reservations")));
    QVERIFY(dashboard && reservations);
    PagedQueryModel* table = reservations->view()->pagedModel();
    DaySheetModel* arrivals = nullptr;
    for (DaySheetModel* sheet : window->page(QStringLiteral("daysheets"))->findChildren<DaySheetModel*>()) {
        if (sheet->kind() == DaySheetKind::Arrivals)
            arrivals = sheet;
    }
    QVERIFY(table && arrivals);
    QCOMPARE(arrivals->rowCount(), 0);
    QSignalSpy tableRead(table, &PagedQueryModel::refreshed);
    QSignalSpy sheetRead(arrivals, &QAbstractItemModel::modelReset);
    auto* arrivalsFigure = dashboard->findChild<QLabel*>(QStringLiteral("figureArrivalsValue"));
    QVERIFY(arrivalsFigure);

    const Reservation stay = bookToday(QStringLiteral("Yoon"), QStringLiteral("010-2222-3333"));
    QVERIFY(stay.id > 0);
    QTRY_COMPARE(arrivalsFigure->text(), QStringLiteral("1")); // the page on screen follows at once
    QTest::qWait(300); // past every page's coalescing delay
    QCOMPARE(tableRead.count(), 0);
    QCOMPARE(sheetRead.count(), 0);
    QVERIFY(table->refreshGate()->isStale());
    QVERIFY(table->rowOfId(stay.id) < 0);

    QVERIFY(window->showPage(QStringLiteral("reservations")));
    QTRY_COMPARE(tableRead.count(), 1); // read on a worker
    QVERIFY(!table->isLoading());
    QVERIFY(table->rowOfId(stay.id) >= 0);
    QVERIFY(window->showPage(QStringLiteral("daysheets")));
    QTRY_COMPARE(sheetRead.count(), 1); // read on a worker too
    QVERIFY(!arrivals->isLoading());
    QCOMPARE(arrivals->rowCount(), 1);
    // The dashboard, hidden now, catches up when shown again.
    QVERIFY(bookToday(QStringLiteral("Jang"), QStringLiteral("010-2222-4444")).id > 0);
    QTest::qWait(300);
    QCOMPARE(arrivalsFigure->text(), QStringLiteral("1"));
    QVERIFY(window->showPage(QStringLiteral("dashboard")));
    QCOMPARE(arrivalsFigure->text(), QStringLiteral("2"));
}

void TestGuiPages::deadNotificationIsSentAgainFromThePage()
{
    const Reservation stay = bookToday(QStringLiteral("Park"), QStringLiteral("010-8888-9999"));
    QVERIFY(stay.id > 0);
    // The dispatcher gave up on one message (it is not running here).
    Status failed = m_context->db->write([](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("UPDATE notifications SET status = 'dead', attempts = 5, last_error = 'HTTP 503' "
                               "WHERE id = (SELECT MIN(id) FROM notifications)"));
        return {};
    });
    QVERIFY(failed.ok());
    const qint64 deadId
        = m_context->db
              ->read([](SqlSession& s) -> Result<qint64> {
                  return s.scalar(QStringLiteral("SELECT id FROM notifications WHERE status = 'dead'")).toLongLong();
              })
              .value();
    QVERIFY(deadId > 0);

    auto window = openWindow(actor(QStringLiteral("desk")));
    QVERIFY(window);
    QVERIFY(window->showPage(QStringLiteral("notifications")));
    auto* page = qobject_cast<NotificationsPage*>(window->page(QStringLiteral("notifications")));
    QVERIFY(page);
    QVERIFY(page->model()->rowCount() >= 2);
    QVERIFY(!page->retryAction()->isEnabled()); // nothing selected

    // Only a dead row enables the button.
    QTableView* table = page->table();
    int deadRow = -1;
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        const QModelIndex index = table->model()->index(row, 0);
        table->selectRow(row);
        const bool dead = index.data(NotificationTableModel::StatusRole).toString() == QLatin1String("dead");
        QCOMPARE(page->retryAction()->isEnabled(), dead);
        if (dead)
            deadRow = row;
    }
    QVERIFY(deadRow >= 0);

    // The status filter shows the dead one alone.
    page->statusFilter()->setCurrentIndex(page->statusFilter()->findData(QStringLiteral("dead")));
    QCOMPARE(page->model()->rowCount(), 1);
    table->selectRow(0);
    QVERIFY(page->retryAction()->isEnabled());
    page->retryAction()->trigger();
    QVERIFY2(m_messages.isEmpty(), m_messages.isEmpty() ? "" : qPrintable(m_messages.first().text));
    QCOMPARE(page->model()->rowCount(), 0); // no longer dead
    NotificationService service(*m_context->db);
    Result<NotificationRecord> again = service.get(deadId);
    QVERIFY(again.ok());
    QCOMPARE(again->status, QStringLiteral("pending"));
    QCOMPARE(again->attempts, 0);
    page->statusFilter()->setCurrentIndex(page->statusFilter()->findData(QStringLiteral("pending")));
    QVERIFY(page->model()->rowCount() >= 1);
    // Retrying a message that is not dead is refused by the service, not only by the disabled button.
    QCOMPARE(service.retry(actor(QStringLiteral("desk")), deadId).error().code, ErrorCode::Invalid);
}

void TestGuiPages::reviewsAreHiddenShownAndDeletedFromThePage()
{
    const Reservation first = bookToday(QStringLiteral("Choi"), QStringLiteral("010-1111-2222"));
    const Reservation second = bookToday(QStringLiteral("Jung"), QStringLiteral("010-3333-4444"));
    const qint64 kept = reviewOf(first, 5, QStringLiteral("Lovely site by the river"));
    const qint64 spam = reviewOf(second, 1, QStringLiteral("buy cheap watches"));
    QVERIFY(kept > 0 && spam > 0);

    auto window = openWindow(actor(QStringLiteral("manager")));
    QVERIFY(window);
    QVERIFY(window->showPage(QStringLiteral("reviews")));
    auto* page = qobject_cast<ReviewsPage*>(window->page(QStringLiteral("reviews")));
    QVERIFY(page);
    ReviewTableModel* model = page->model();
    QCOMPARE(model->rowCount(), 2);
    QVERIFY(!page->hideAction()->isEnabled());
    QVERIFY(!page->deleteAction()->isEnabled());

    // Hide, then show again: the action's text follows the selected row.
    QVERIFY(page->view()->selectId(kept));
    const QString hideText = page->hideAction()->text();
    page->hideAction()->trigger();
    QTRY_COMPARE(model->rawValue(model->rowOfId(kept), ReviewTableModel::Visibility).toString(),
                 QStringLiteral("hidden"));
    QTRY_VERIFY(page->hideAction()->text() != hideText);
    ReviewService service(*m_context->db);
    QCOMPARE(service.forCampsite(first.campsiteId)->size(), 0); // the kiosk no longer shows it
    page->hideAction()->trigger();
    QTRY_COMPARE(model->rawValue(model->rowOfId(kept), ReviewTableModel::Visibility).toString(),
                 QStringLiteral("visible"));
    QCOMPARE(service.forCampsite(first.campsiteId)->size(), 1);

    // Delete asks first; "no" keeps it.
    QVERIFY(page->view()->selectId(spam));
    m_confirm = false;
    page->deleteAction()->trigger();
    QCOMPARE(m_messages.size(), 1);
    QVERIFY(m_messages.first().text.contains(QLatin1String("Jung")));
    QVERIFY(model->rowOfId(spam) >= 0);
    m_confirm = true;
    page->deleteAction()->trigger();
    QCOMPARE(m_messages.size(), 2);
    QTRY_COMPARE(model->rowOfId(spam), -1);
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(service.forCampsite(second.campsiteId, true)->size(), 0);
}

// Remove on the Campsites page: the page's count, the All campsites page's count and the dashboard's occupancy
// follow at once, for a deleted site and for a retired one (it has history), without a restart.
void TestGuiPages::removingACampsiteUpdatesEveryCount()
{
    test::UiLanguage english(QStringLiteral("en"));
    const Actor manager = actor(QStringLiteral("manager"));
    Campsite draft;
    draft.code = QStringLiteral("Z-01");
    draft.name = QStringLiteral("Spare");
    draft.nightlyPrice = 30000;
    Result<Campsite> spare = m_context->campsites->registerCampsite(manager, draft);
    CAMPDESK_VERIFY_OK(spare);
    // A site with history: a guest came and went today.
    const Reservation booked = bookToday(QStringLiteral("Minji Kim"), QStringLiteral("010-3000-0001"));
    QVERIFY(booked.id != 0);
    CAMPDESK_VERIFY_OK(m_context->bookings->checkIn(manager, booked.id));
    CAMPDESK_VERIFY_OK(m_context->bookings->checkOut(manager, booked.id));
    std::unique_ptr<MainWindow> window = openWindow(manager);
    QVERIFY(window);
    const int before = int(m_context->campsites->list(false)->size());
    auto countOf = [&](const QString& page, const char* label) -> QString {
        if (!window->showPage(page))
            return QStringLiteral("no page %1").arg(page);
        return window->page(page)->findChild<QLabel*>(QLatin1String(label))->text();
    };
    QCOMPARE(countOf(QStringLiteral("campsites"), "campsiteCount"),
             QStringLiteral("%1 of %1 campsites shown").arg(before));
    QCOMPARE(countOf(QStringLiteral("sitestatus"), "campsiteStatusCount"),
             QStringLiteral("%1 of %1 campsites").arg(before));

    // The spare site has no history: deleted.
    auto* page = qobject_cast<CampsitesPage*>(window->page(QStringLiteral("campsites")));
    QVERIFY(page);
    QVERIFY(window->showPage(QStringLiteral("campsites")));
    page->select(spare->id);
    window->findChild<QAction*>(QStringLiteral("removeCampsite"))->trigger();
    QVERIFY(!m_context->campsites->get(spare->id).ok());
    QCOMPARE(countOf(QStringLiteral("campsites"), "campsiteCount"),
             QStringLiteral("%1 of %1 campsites shown").arg(before - 1));
    QTRY_COMPARE(countOf(QStringLiteral("sitestatus"), "campsiteStatusCount"),
                 QStringLiteral("%1 of %1 campsites").arg(before - 1));

    // The other site has history: retired, still listed, no longer counted among the bookable sites.
    QVERIFY(window->showPage(QStringLiteral("campsites")));
    page->select(booked.campsiteId);
    window->findChild<QAction*>(QStringLiteral("removeCampsite"))->trigger();
    QCOMPARE(m_context->campsites->get(booked.campsiteId)->status, CampsiteStatus::Retired);
    Result<DashboardSnapshot> snapshot = m_context->dashboard->snapshot();
    CAMPDESK_VERIFY_OK(snapshot);
    QCOMPARE(snapshot->sites, before - 2);
}

void TestGuiPages::screenshotsOfTheNewPages()
{
    const Reservation first = bookToday(QStringLiteral("김민지"), QStringLiteral("010-2222-3333"), 3);
    const Reservation second = bookToday(QStringLiteral("Jane Doe"), QStringLiteral("010-5555-6666"));
    QVERIFY(reviewOf(first, 5, QStringLiteral("강가 바로 옆이라 조용하고 좋았어요. 화장실도 깨끗했습니다.")) > 0);
    const qint64 hidden = reviewOf(second, 2, QStringLiteral("Too noisy at night"));
    QVERIFY(hidden > 0);
    QVERIFY(ReviewService(*m_context->db).hide(actor(QStringLiteral("manager")), hidden, true).ok());
    Status failed = m_context->db->write([](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("UPDATE notifications SET status = 'dead', attempts = 5, "
                               "last_error = 'SMTP 451 4.7.1 try again later' WHERE id = (SELECT MIN(id) FROM "
                               "notifications)"));
        return {};
    });
    QVERIFY(failed.ok());

    const QStringList ids { QStringLiteral("dashboard"), QStringLiteral("sitestatus"), QStringLiteral("reviews"),
                            QStringLiteral("notifications"), QStringLiteral("status") };
    for (const QString& language : { QStringLiteral("en"), QStringLiteral("ko") }) {
        test::UiLanguage ui(language);
        QVERIFY(ui.ok());
        {
            auto window = openWindow(actor(QStringLiteral("manager")));
            QVERIFY(window);
            for (const QString& id : ids) {
                QVERIFY(window->showPage(id));
                if (id == QLatin1String("status")) {
                    auto* status = qobject_cast<StatusPage*>(window->page(id));
                    QVERIFY(status);
                    QSignalSpy refreshed(status, &StatusPage::refreshed);
                    status->refresh();
                    QVERIFY(refreshed.wait(10000));
                }
                if (id == QLatin1String("reviews"))
                    qobject_cast<ReviewsPage*>(window->page(id))->view()->selectRow(0);
                if (id == QLatin1String("notifications")) { // the dead one (the oldest), with Send again enabled
                    QTableView* table = qobject_cast<NotificationsPage*>(window->page(id))->table();
                    table->selectRow(table->model()->rowCount() - 1);
                }
                QTest::qWait(50);
                QVERIFY(!test::saveScreenshot(window.get(), QStringLiteral("pages-%1-%2").arg(id, language)).isEmpty());
            }
        }
    }
}

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    TestGuiPages test;
    return QTest::qExec(&test, argc, argv);
}

// The first window's fitting is not kept (the table fits each window anew); the sort is; a layout the user changed is.
void TestGuiPages::aTableKeepsTheUsersLayoutNotTheFirstWindowsFit()
{
    const Actor manager = actor(QStringLiteral("manager"));
    const auto openAt = [&](int width) {
        auto window = std::make_unique<MainWindow>(manager, m_context->db->describe());
        addAdminPages(*window, *m_context);
        window->resize(width, 760);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()) || !window->showPage(QStringLiteral("reservations")))
            return std::unique_ptr<MainWindow>();
        QTest::qWait(150); // the deferred fitting
        return window;
    };
    const auto table = [](MainWindow& window) {
        return qobject_cast<ReservationsPage*>(window.page(QStringLiteral("reservations")))->view();
    };
    const auto guestWidthAt = [&](int width, Qt::SortOrder* order = nullptr, int* sorted = nullptr) {
        auto window = openAt(width);
        if (!window)
            return -1;
        DataTableView* view = table(*window);
        if (order && sorted) {
            *order = view->horizontalHeader()->sortIndicatorOrder();
            *sorted = view->horizontalHeader()->sortIndicatorSection();
        }
        return view->columnWidth(ReservationTableModel::Guest);
    };

    const int narrow = guestWidthAt(1024);
    const int wide = guestWidthAt(1600);
    QVERIFY2(narrow > 0 && wide > narrow, qPrintable(QStringLiteral("%1 then %2 px").arg(narrow).arg(wide)));

    // Sorted by check-in, oldest first: kept without a layout.
    {
        auto window = openAt(1366);
        QVERIFY(window);
        table(*window)->horizontalHeader()->setSortIndicator(ReservationTableModel::CheckIn, Qt::AscendingOrder);
    }
    Qt::SortOrder order = Qt::DescendingOrder;
    int sorted = -1;
    QVERIFY(guestWidthAt(1600, &order, &sorted) > 0);
    QCOMPARE(sorted, int(ReservationTableModel::CheckIn));
    QCOMPARE(order, Qt::AscendingOrder);

    // The user moves the guest column first: that layout is theirs, and stays in any window.
    int moved = -1;
    {
        auto window = openAt(1366);
        QVERIFY(window);
        QHeaderView* header = table(*window)->horizontalHeader();
        header->moveSection(header->visualIndex(ReservationTableModel::Guest), 0);
        moved = table(*window)->columnWidth(ReservationTableModel::Guest);
    }
    auto window = openAt(1024);
    QVERIFY(window);
    QCOMPARE(table(*window)->horizontalHeader()->visualIndex(ReservationTableModel::Guest), 0);
    QCOMPARE(table(*window)->columnWidth(ReservationTableModel::Guest), moved);
}

#include "tst_gui_pages.moc"
