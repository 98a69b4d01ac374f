#include "ops/appcontext.h"

#include "core/logging.h"

namespace campdesk {

Result<std::unique_ptr<AppContext>> AppContext::open(const QString& spec, Database::Options options)
{
    auto bus = std::make_unique<EventBus>();
    options.bus = bus.get();
    Result<std::unique_ptr<Database>> db = Database::open(spec, options);
    if (!db.ok())
        return db.error();
    std::unique_ptr<AppContext> context = build(std::move(db).value());
    context->ownBus = std::move(bus);
    return context;
}

std::unique_ptr<AppContext> AppContext::build(std::unique_ptr<Database> db)
{
    auto context = std::make_unique<AppContext>();
    if (!db->bus()) {
        context->ownBus = std::make_unique<EventBus>();
        db->setBus(context->ownBus.get());
    }
    context->db = std::move(db);
    context->users = std::make_unique<UserService>(*context->db);
    context->campsites = std::make_unique<CampsiteService>(*context->db);
    context->customers = std::make_unique<CustomerService>(*context->db);
    context->bookings = std::make_unique<BookingService>(*context->db);
    context->waitlist = std::make_unique<WaitlistService>(*context->bookings);
    context->mileage = std::make_unique<MileageService>(*context->db);
    context->rules = std::make_unique<RuleSettings>(*context->db);
    context->dashboard = std::make_unique<DashboardQueries>(*context->db);
    context->reviews = std::make_unique<ReviewService>(*context->db);
    context->notifications = std::make_unique<NotificationService>(*context->db);
    context->siteMap = std::make_unique<SiteMapService>(*context->db);
    context->sitePhotos = std::make_unique<SitePhotoService>(*context->db);
    context->guestDetails = std::make_unique<GuestDetailsService>(*context->db);
    context->daySheets = std::make_unique<DaySheetQuery>(*context->db);
    context->deskPayment = std::make_unique<DeskPayment>();
    context->simulatedTerminal = std::make_unique<SimulatedTerminal>();
    context->bookings->addGateway(context->deskPayment.get());
    context->bookings->addGateway(context->simulatedTerminal.get());
    return context;
}

Status AppContext::setUpPayments(const TerminalSettings& settings, SecretStore& secrets)
{
    Result<std::unique_ptr<PaymentSetup>> setup = PaymentSetup::create(*db, *bookings, settings, secrets);
    if (!setup.ok()) {
        qCWarning(lcPayment).noquote() << "no payment gateway:" << setup.error().message;
        return setup.error();
    }
    payments = std::move(setup).value();
    return {};
}

} // namespace campdesk
