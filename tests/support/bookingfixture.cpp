#include "bookingfixture.h"

#include "domain/rateplanservice.h"
#include "ops/invariantschecker.h"

#include <QTest>
#include <QTimeZone>

namespace campdesk::test {

BookingFixture::BookingFixture()
    : clock(QDateTime(QDate(2030, 3, 4), QTime(12, 0), QTimeZone::utc()))
{
    Database::Options options;
    options.bus = &bus;
    options.clock = &clock;
    t = std::make_unique<TestDatabase>(options);
    if (!t->ok())
        return;
    campsites = std::make_unique<CampsiteService>(t->db());
    booking = std::make_unique<BookingService>(t->db());
    booking->addGateway(&terminal);
    booking->addGateway(&deskPayment);
}

Campsite BookingFixture::registerSite(CampsiteService& campsites, const QString& code)
{
    Campsite c;
    c.code = code;
    c.name = code;
    c.kind = CampsiteKind::AutoCamping;
    c.zone = code.left(1);
    c.maxGuests = 4;
    c.nightlyPrice = 40000;
    Result<Campsite> made = campsites.registerCampsite(manager(), c);
    if (!made.ok()) {
        QTest::qFail(qPrintable(made.error().message), __FILE__, __LINE__);
        return c;
    }
    return made.value();
}

QList<Campsite> BookingFixture::registerSites(CampsiteService& campsites, const QString& zone, int count)
{
    QList<Campsite> sites;
    for (int i = 1; i <= count; ++i)
        sites.append(registerSite(campsites, QStringLiteral("%1-%2").arg(zone).arg(i, 2, 10, QLatin1Char('0'))));
    return sites;
}

Campsite BookingFixture::addSite(const QString& code, qint64 nightlyPrice, qint64 weekendPrice, int maxGuests)
{
    Campsite c;
    c.code = code;
    c.name = QStringLiteral("Site ") + code;
    c.kind = CampsiteKind::AutoCamping;
    c.zone = code.left(1);
    c.maxGuests = maxGuests;
    c.nightlyPrice = nightlyPrice;
    c.weekendPrice = weekendPrice;
    Result<Campsite> made = campsites->registerCampsite(manager(), c);
    if (!made.ok()) {
        QTest::qFail(qPrintable(made.error().message), __FILE__, __LINE__);
        return c;
    }
    return made.value();
}

void BookingFixture::setOccupancyFees(const Campsite& site, OccupancyFees fees, int baseGuests)
{
    RatePlanService rates(db());
    fees.scope = SeasonPrice::kindScope(site.kind);
    CAMPDESK_VERIFY_OK(rates.setOccupancyFees(manager(), fees));
    CAMPDESK_VERIFY_OK(rates.setBaseGuests(manager(), site.id, baseGuests));
}

BookingRequest BookingFixture::request(const Campsite& site, int daysAhead, int nights, const QString& phone,
                                       const QString& name, int guests) const
{
    BookingRequest r;
    r.campsiteId = site.id;
    r.checkIn = clock.today().addDays(daysAhead);
    r.checkOut = r.checkIn.addDays(nights);
    r.guests = guests;
    r.customer.name = name;
    r.customer.phone = phone;
    r.customer.email = QStringLiteral("guest@example.com");
    return r;
}

Reservation BookingFixture::book(const BookingRequest& request, const Actor& actor)
{
    Result<Reservation> r = booking->book(actor, request, terminal);
    if (!r.ok()) {
        QTest::qFail(qPrintable(r.error().message), __FILE__, __LINE__);
        return Reservation();
    }
    return r.value();
}

bool BookingFixture::invariantsHold(Database& db)
{
    const Result<QStringList> violations = InvariantsChecker(db).check();
    if (!violations.ok()) {
        QTest::qFail(qPrintable(violations.error().message), __FILE__, __LINE__);
        return false;
    }
    if (!violations.value().isEmpty()) {
        QTest::qFail(qPrintable(violations.value().join(QLatin1Char('\n'))), __FILE__, __LINE__);
        return false;
    }
    return true;
}

} // namespace campdesk::test
