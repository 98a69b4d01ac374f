#include "adminpages.h"

#include "admin/auditlogpage.h"
#include "admin/availabilitypage.h"
#include "admin/campsitespage.h"
#include "admin/customerspage.h"
#include "admin/daysheetspage.h"
#include "admin/notificationspage.h"
#include "admin/paymentspage.h"
#include "admin/ratespage.h"
#include "admin/reservationspage.h"
#include "admin/reviewspage.h"
#include "admin/settingspage.h"
#include "admin/statuspage.h"
#include "admin/userspage.h"
#include "admin/waitlistpage.h"
#include "dashboard/campsitestatuspage.h"
#include "dashboard/dashboardpage.h"
#include "dashboard/sitemappage.h"
#include "deskactions.h"
#include "itemmodels/auditlogmodel.h"
#include "itemmodels/availabilityrackmodel.h"
#include "itemmodels/customertablemodel.h"
#include "itemmodels/daysheetmodel.h"
#include "itemmodels/mileageledgermodel.h"
#include "itemmodels/notificationtablemodel.h"
#include "itemmodels/paymenttablemodel.h"
#include "itemmodels/reservationtablemodel.h"
#include "itemmodels/reviewtablemodel.h"
#include "itemmodels/sitemapmodel.h"
#include "itemmodels/waitlisttablemodel.h"
#include "mainwindow.h"
#include "ops/appcontext.h"
#include "paymentstatuslabel.h"
#include "qtimagecodec.h"

#include <QAction>
#include <QIcon>
#include <QLineEdit>

namespace campdesk {

namespace {
void addPageSet(MainWindow& window, AppContext& context, const HealthCheck::Options& health, DeskActions* desk,
                EventBus* bus);
} // namespace

void addAdminPages(MainWindow& window, AppContext& context, const HealthCheck::Options& health)
{
    const Actor& actor = window.actor();
    EventBus* bus = &context.bus();
    Database& db = *context.db;
    auto* desk = new DeskActions(context, actor, &window);
    // The picture decoder is Qt Gui, which the model never links: the services get it here.
    static const QtImageCodec imageCodec;
    context.siteMap->setImageCodec(&imageCodec);
    context.sitePhotos->setImageCodec(&imageCodec);

    // Added first: addCommand() puts each command at the front of the toolbar, so "New booking" stays leftmost.
    auto* groupBooking = new QAction(QIcon::fromTheme(QStringLiteral("list-add")), MainWindow::tr("&Group booking…"));
    groupBooking->setObjectName(QStringLiteral("groupBookingAction"));
    QObject::connect(groupBooking, &QAction::triggered, desk, &DeskActions::newGroupBooking);
    window.addCommand(groupBooking);
    QObject::connect(&window, &MainWindow::languageChanged, groupBooking,
                     [groupBooking] { groupBooking->setText(MainWindow::tr("&Group booking…")); });
    auto* newBooking = new QAction(QIcon::fromTheme(QStringLiteral("list-add")), MainWindow::tr("New &booking…"));
    newBooking->setObjectName(QStringLiteral("newBookingAction"));
    newBooking->setShortcut(QKeySequence::New);
    QObject::connect(newBooking, &QAction::triggered, desk, &DeskActions::newBooking);
    window.addCommand(newBooking);
    QObject::connect(&window, &MainWindow::languageChanged, newBooking,
                     [newBooking] { newBooking->setText(MainWindow::tr("New &booking…")); });

    // The pages are built by a function the window keeps: View > Language builds them again in the new language.
    window.setPageBuilder(
        [&context, health, desk, bus](MainWindow& window) { addPageSet(window, context, health, desk, bus); });

    // Card payments' state as any terminal's circuit breaker last reported it: front-desk staff see when kiosk
    // guests will come to the desk to pay, and when refunds to cards cannot go through.
    window.addStatusIndicator(new PaymentStatusLabel(bus, &window));

    // The connection label's probe: one trivial statement (the page host itself never touches the database).
    window.setConnectionProbe([&db] {
        Status answered = db.read([](SqlSession& s) -> Status {
            s.scalar(QStringLiteral("SELECT 1"));
            return {};
        });
        return answered.ok();
    });
}

namespace {
// A page's table reads on a worker: a sort or search over a million bookings never freezes the window.
template<typename Model> Model* readsInBackground(Model* model)
{
    model->setLoadsInBackground(true);
    return model;
}

void addPageSet(MainWindow& window, AppContext& context, const HealthCheck::Options& health, DeskActions* desk,
                EventBus* bus)
{
    const Actor& actor = window.actor();
    Database& db = *context.db;

    window.addPage(QStringLiteral("dashboard"), MainWindow::tr("Dashboard"),
                   QIcon(QStringLiteral(":/icons/dashboard.svg")), new DashboardPage(*context.dashboard, bus));
    window.addPage(QStringLiteral("sitestatus"), MainWindow::tr("All campsites"),
                   QIcon(QStringLiteral(":/icons/sitestatus.svg")), new CampsiteStatusPage(*context.dashboard, bus));

    auto* siteMap
        = new SiteMapPage(new SiteMapModel(*context.siteMap, bus, nullptr, SiteMapModel::Reads::OnWorker), actor);
    window.addPage(QStringLiteral("sitemap"), MainWindow::tr("Site map"), QIcon(QStringLiteral(":/icons/sitemap.svg")),
                   siteMap);

    auto* campsites = new CampsitesPage(*context.campsites, bus, actor);
    campsites->setPhotoService(context.sitePhotos.get());
    campsites->setSiteBlocks(std::make_unique<SiteBlockService>(db));
    campsites->setBookingChanges(std::make_unique<ReservationChangeService>(*context.bookings));
    QObject::connect(campsites, &CampsitesPage::moveRequested, desk, &DeskActions::moveReservation);
    QObject::connect(desk, &DeskActions::changed, campsites, &CampsitesPage::bookingChanged);
    window.addPage(QStringLiteral("campsites"), MainWindow::tr("Campsites"),
                   QIcon(QStringLiteral(":/icons/campsites.svg")), campsites);

    // The pages own their models; the rack loads only while its page is shown (inactive until then).
    auto* rackModel = new AvailabilityRackModel(db, bus, nullptr, false);
    rackModel->setLoadsInBackground(true);
    auto* rack = new AvailabilityPage(rackModel, actor);
    QObject::connect(rack, &AvailabilityPage::bookingRequested, desk, &DeskActions::newBookingFor);
    QObject::connect(rack, &AvailabilityPage::reservationRequested, desk, &DeskActions::openReservation);
    QObject::connect(rack, &AvailabilityPage::changeRequested, desk, &DeskActions::changeReservationTo);
    QObject::connect(rack, &AvailabilityPage::blockRequested, desk, &DeskActions::blockDates);
    QObject::connect(rack, &AvailabilityPage::blockRemovalRequested, desk, &DeskActions::removeBlock);
    window.addPage(QStringLiteral("availability"), MainWindow::tr("Availability"),
                   QIcon(QStringLiteral(":/icons/availability.svg")), rack);

    auto* reservations = new ReservationsPage(readsInBackground(new ReservationTableModel(db, bus)), actor);
    QObject::connect(reservations, &ReservationsPage::reservationRequested, desk, &DeskActions::openReservation);
    QObject::connect(reservations, &ReservationsPage::balanceRequested, desk, &DeskActions::takeBalance);
    window.addPage(QStringLiteral("reservations"), MainWindow::tr("Reservations"),
                   QIcon(QStringLiteral(":/icons/reservations.svg")), reservations);
    QObject::connect(siteMap, &SiteMapPage::bookingsRequested, reservations,
                     [&window, reservations](qint64 campsiteId, const QString& code) {
                         reservations->showCampsite(campsiteId, code);
                         window.showPage(QStringLiteral("reservations"));
                     });

    window.addPage(QStringLiteral("waitlist"), MainWindow::tr("Waitlist"),
                   QIcon(QStringLiteral(":/icons/reservations.svg")),
                   new WaitlistPage(*context.waitlist, new WaitlistTableModel(*context.waitlist, bus, actor),
                                    context.deskPayment.get(), actor));

    auto* daySheets = new DaySheetsPage(readsInBackground(new DaySheetModel(db, bus, actor, DaySheetKind::Arrivals)),
                                        readsInBackground(new DaySheetModel(db, bus, actor, DaySheetKind::Departures)),
                                        readsInBackground(new DaySheetModel(db, bus, actor, DaySheetKind::OnSite)),
                                        *context.daySheets, bus, actor);
    QObject::connect(daySheets, &DaySheetsPage::reservationRequested, desk, &DeskActions::openReservation);
    QObject::connect(daySheets, &DaySheetsPage::balanceRequested, desk, &DeskActions::takeBalance);
    window.addPage(QStringLiteral("daysheets"), MainWindow::tr("Day sheets"),
                   QIcon(QStringLiteral(":/icons/reservations.svg")), daySheets);

    window.addPage(QStringLiteral("payments"), MainWindow::tr("Payments"),
                   QIcon(QStringLiteral(":/icons/payments.svg")),
                   new PaymentsPage(readsInBackground(new PaymentTableModel(db, bus)), actor));

    auto* customers = new CustomersPage(readsInBackground(new CustomerTableModel(db, bus)),
                                        readsInBackground(new MileageLedgerModel(db, bus)), actor);
    QObject::connect(customers, &CustomersPage::adjustPointsRequested, desk, &DeskActions::adjustPoints);
    QObject::connect(customers, &CustomersPage::editRequested, desk, &DeskActions::editCustomer);
    QObject::connect(customers, &CustomersPage::bookingsRequested, reservations,
                     [&window, reservations](const QString& phone) {
                         window.showPage(QStringLiteral("reservations"));
                         reservations->textFilter()->setText(phone);
                     });
    window.addPage(QStringLiteral("customers"), MainWindow::tr("Customers"),
                   QIcon(QStringLiteral(":/icons/customers.svg")), customers);

    window.addPage(QStringLiteral("reviews"), MainWindow::tr("Reviews"), QIcon(QStringLiteral(":/icons/reviews.svg")),
                   new ReviewsPage(*context.reviews, readsInBackground(new ReviewTableModel(db, bus)), actor));
    window.addPage(
        QStringLiteral("notifications"), MainWindow::tr("Notifications"),
        QIcon(QStringLiteral(":/icons/notifications.svg")),
        new NotificationsPage(*context.notifications, new NotificationTableModel(*context.notifications, bus), actor));

    window.addPage(QStringLiteral("users"), MainWindow::tr("Users"), QIcon(QStringLiteral(":/icons/users.svg")),
                   new UsersPage(*context.users, bus, actor), true);
    window.addPage(QStringLiteral("settings"), MainWindow::tr("Settings"),
                   QIcon(QStringLiteral(":/icons/settings.svg")),
                   new SettingsPage(*context.rules, std::make_unique<CampgroundSettings>(db), bus, actor, nullptr,
                                    std::make_unique<DepositSettings>(db), std::make_unique<NoShowSettings>(db),
                                    context.waitlist.get()),
                   true);
    window.addPage(QStringLiteral("rates"), MainWindow::tr("Rates"), QIcon(QStringLiteral(":/icons/settings.svg")),
                   new RatesPage(std::make_unique<RatePlanService>(db), *context.campsites, actor, nullptr,
                                 std::make_unique<ExtrasService>(db)),
                   true);
    window.addPage(QStringLiteral("audit"), MainWindow::tr("Audit log"), QIcon(QStringLiteral(":/icons/audit.svg")),
                   new AuditLogPage(readsInBackground(new AuditLogModel(db, bus)), actor), true);
    if (actor.role == Role::Manager) // built only for a manager: it starts checking at once
        window.addPage(QStringLiteral("status"), MainWindow::tr("Status"), QIcon(QStringLiteral(":/icons/status.svg")),
                       new StatusPage(db.spec(), health, actor), true);
}
} // namespace

} // namespace campdesk
