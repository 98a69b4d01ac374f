#pragma once

#include "core/eventbus.h"
#include "domain/bookingservice.h"
#include "domain/campsiteservice.h"
#include "domain/rateplan.h"
#include "payment/deskpayment.h"
#include "payment/simulatedterminal.h"
#include "testdatabase.h"

#include <memory>

namespace campdesk::test {

// Everything a booking test needs on the current backend: a database on a manual clock (Monday 2030-03-04,
// noon UTC), an event bus, the booking service with the simulated terminal and desk payment, and helpers to
// make campsites (through CampsiteService) and requests.
class BookingFixture
{
public:
    BookingFixture();
    bool ok() const { return t && t->ok(); }

    static Actor manager() { return Actor { 0, QStringLiteral("manager"), Role::Manager }; }
    static Actor desk() { return Actor { 0, QStringLiteral("desk"), Role::FrontDesk }; }
    static Actor kiosk() { return Actor::kiosk(); }
    QDate today() const { return clock.today(); }

    // A campsite registered by the manager; weekendPrice 0 = none.
    Campsite addSite(const QString& code, qint64 nightlyPrice = 40000, qint64 weekendPrice = 0, int maxGuests = 4);
    BookingRequest request(const Campsite& site, int daysAhead, int nights,
                           const QString& phone = QStringLiteral("010-1234-5678"),
                           const QString& name = QStringLiteral("김민준"), int guests = 2) const;
    // The party's fees per night for the site's kind (fees.scope is set from it) and the site's base count of
    // guests, by the manager; fails the test on error.
    void setOccupancyFees(const Campsite& site, OccupancyFees fees, int baseGuests);
    // Books and pays with the simulated terminal as the front desk; fails the test on error.
    Reservation book(const BookingRequest& request, const Actor& actor = desk());
    Database& db() { return t->db(); }
    // A 40,000-won auto-camping site for four in zone code.left(1), registered by the manager, for the tests that run
    // on the system clock without a fixture (real processes); fails the test on error. registerSites: "<zone>-01" on.
    static Campsite registerSite(CampsiteService& campsites, const QString& code);
    static QList<Campsite> registerSites(CampsiteService& campsites, const QString& zone, int count = 3);
    // Fails the test (and returns false) when InvariantsChecker finds a violation or cannot run.
    static bool invariantsHold(Database& db);

    EventBus bus;
    ManualClock clock;
    std::unique_ptr<TestDatabase> t;
    std::unique_ptr<CampsiteService> campsites;
    std::unique_ptr<BookingService> booking;
    SimulatedTerminal terminal;
    DeskPayment deskPayment;
};

} // namespace campdesk::test
