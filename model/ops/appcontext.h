#pragma once

#include "core/eventbus.h"
#include "db/database.h"
#include "domain/bookingservice.h"
#include "domain/campsiteservice.h"
#include "domain/customerservice.h"
#include "domain/dashboardqueries.h"
#include "domain/daysheetquery.h"
#include "domain/guestdetailsservice.h"
#include "domain/mileageservice.h"
#include "domain/notificationservice.h"
#include "domain/reviewservice.h"
#include "domain/rulesettings.h"
#include "domain/sitemapservice.h"
#include "domain/sitephotoservice.h"
#include "domain/userservice.h"
#include "domain/waitlistservice.h"
#include "payment/deskpayment.h"
#include "payment/paymentsetup.h"
#include "payment/simulatedterminal.h"

#include <memory>

namespace campdesk {

// The composition root's product: the database, the event bus and every service built on them, owned in
// one place and handed to windows and commands. Add a new service as a member and build it in open().
struct AppContext
{
    // Declared first so it outlives the Database, which publishes on it. Null when the caller brought its own.
    std::unique_ptr<EventBus> ownBus;
    std::unique_ptr<Database> db;
    std::unique_ptr<UserService> users;
    std::unique_ptr<CampsiteService> campsites;
    std::unique_ptr<CustomerService> customers;
    std::unique_ptr<BookingService> bookings;
    std::unique_ptr<MileageService> mileage;
    std::unique_ptr<RuleSettings> rules;
    std::unique_ptr<DashboardQueries> dashboard;
    std::unique_ptr<ReviewService> reviews;
    std::unique_ptr<NotificationService> notifications; // the outbox as staff see it
    // The site map and site photos; the composition root gives them the picture decoder (views/QtImageCodec).
    std::unique_ptr<SiteMapService> siteMap;
    std::unique_ptr<SitePhotoService> sitePhotos;
    std::unique_ptr<GuestDetailsService> guestDetails;
    std::unique_ptr<DaySheetQuery> daySheets;
    std::unique_ptr<WaitlistService> waitlist; // on the bookings
    // Payment providers the desk offers; BookingService refunds through them. The simulated terminal is for
    // training and demos and says so wherever it is shown.
    std::unique_ptr<DeskPayment> deskPayment;
    std::unique_ptr<SimulatedTerminal> simulatedTerminal;
    // The online payment service when this terminal's settings name one (setUpPayments), else null.
    std::unique_ptr<PaymentSetup> payments;

    EventBus& bus() const { return *db->bus(); }

    // Opens (and migrates) the database named by spec and builds the services.
    static Result<std::unique_ptr<AppContext>> open(const QString& spec, Database::Options options = {});
    // Builds the services on an already open database (tests); the bus is the one in db's options, if any.
    static std::unique_ptr<AppContext> build(std::unique_ptr<Database> db);
    // Adds the payment gateway the settings configure (see PaymentSetup); a problem is logged and returned, and
    // payments then stay with the simulated terminal.
    Status setUpPayments(const TerminalSettings& settings, SecretStore& secrets);
};

} // namespace campdesk
