// Rate plans on both databases: seasons (crossing, wrapping New Year), weekend and holiday nights (the night before a
// holiday too), minimum stays, closed dates, extra persons and vehicles above the base count, bad input refused with
// nothing saved, names with Korean, emoji and SQL metacharacters; a booking stores its priced lines, they add up to
// its amount, and the receipt shows them after the rates change.
#include "bookingfixture.h"
#include "domain/rateplanservice.h"
#include "domain/receiptquery.h"
#include "ops/invariantschecker.h"

#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

class TestRatePlans : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void stayCrossingTwoSeasonsPricesEachNightByItsSeason();
    void seasonWrappingNewYearWithAHolidayAndTheNightBefore();
    void shippedHolidaysPriceChuseokAndItsEve();
    void fridayAndSaturdayAreWeekendNightsOutsideSeasonsToo();
    void minimumStayDependsOnASaturdayNight();
    void closedDatesRefuseQuoteAndHold();
    void extraAdultsChildrenAndVehiclesAboveTheBaseCount();
    void badSeasonsAreRefusedAndNothingIsSaved_data();
    void badSeasonsAreRefusedAndNothingIsSaved();
    void namesWithKoreanEmojiAndSqlRoundTrip();
    void bookingStoresLinesThatAddUpToItsAmount();
    void receiptShowsTheStoredLinesAfterRatesChange();
    void previewShowsTheHolidayPrice();

private:
    Season peakSummer() const;
    Season shoulderEarlySummer() const;
    Season offWinter() const;
    Season save(const Season& season);
    qint64 rows(const QString& table) { return f->t->count(table); }

    std::unique_ptr<BookingFixture> f;
    std::unique_ptr<RatePlanService> rates;
};

namespace {
const QString autoCamping = SeasonPrice::kindScope(CampsiteKind::AutoCamping);

QStringList describe(const QList<StayLine>& lines)
{
    QStringList out;
    for (const StayLine& line : lines)
        out << QStringLiteral("%1 %2 %3 x%4 %5")
                   .arg(line.kind, line.night.toString(Qt::ISODate), line.labelCode())
                   .arg(line.quantity)
                   .arg(line.amount);
    return out;
}

QStringList expected(std::initializer_list<const char*> lines)
{
    QStringList out;
    for (const char* line : lines)
        out << QString::fromUtf8(line);
    return out;
}
} // namespace

void TestRatePlans::init()
{
    f = std::make_unique<BookingFixture>();
    QVERIFY2(f->ok(), qPrintable(f->t->errorMessage()));
    rates = std::make_unique<RatePlanService>(f->db());
}

void TestRatePlans::cleanup()
{
    rates.reset();
    f.reset();
}

Season TestRatePlans::peakSummer() const
{
    Season s;
    s.name = QStringLiteral("성수기 ☀️");
    s.band = QStringLiteral("peak");
    s.fromMonth = 7;
    s.fromDay = 15;
    s.toMonth = 8;
    s.toDay = 20;
    s.prices = { { autoCamping, 70000, 90000, 100000 } };
    return s;
}

Season TestRatePlans::shoulderEarlySummer() const
{
    Season s;
    s.name = QStringLiteral("준성수기");
    s.band = QStringLiteral("shoulder");
    s.fromMonth = 6;
    s.fromDay = 1;
    s.toMonth = 7;
    s.toDay = 14;
    s.prices = { { autoCamping, 50000, 65000, 0 } };
    return s;
}

Season TestRatePlans::offWinter() const
{
    Season s;
    s.name = QStringLiteral("겨울 비수기");
    s.band = QStringLiteral("off");
    s.fromMonth = 12;
    s.fromDay = 1;
    s.toMonth = 2;
    s.toDay = 28;
    s.prices = { { autoCamping, 30000, 38000, 45000 } };
    return s;
}

Season TestRatePlans::save(const Season& season)
{
    Result<Season> saved = rates->saveSeason(BookingFixture::manager(), season);
    if (!saved.ok()) {
        QTest::qFail(qPrintable(saved.error().message), __FILE__, __LINE__);
        return season;
    }
    return saved.value();
}

void TestRatePlans::stayCrossingTwoSeasonsPricesEachNightByItsSeason()
{
    const Campsite site = f->addSite(QStringLiteral("A-01"), 40000, 45000);
    save(peakSummer());
    save(shoulderEarlySummer());
    // Friday 12 July to Wednesday 17 July 2030: three shoulder nights (Fri, Sat weekend; Sun weekday), two peak ones.
    BookingRequest request = f->request(site, 0, 0);
    request.checkIn = QDate(2030, 7, 12);
    request.checkOut = QDate(2030, 7, 17);
    Result<Quote> q = f->booking->quote(request);
    CAMPDESK_VERIFY_OK(q);
    QCOMPARE(describe(q->lines),
             expected({ "night 2030-07-12 shoulder:weekend x1 65000", "night 2030-07-13 shoulder:weekend x1 65000",
                        "night 2030-07-14 shoulder:weekday x1 50000", "night 2030-07-15 peak:weekday x1 70000",
                        "night 2030-07-16 peak:weekday x1 70000" }));
    QCOMPARE(q->total, qint64(320000));
    QCOMPARE(q->nightlyPrices, QList<qint64>({ 65000, 65000, 50000, 70000, 70000 }));
    // Grouped for a screen: one line per band, day type and price with its count of nights.
    const QList<StayLine> grouped = groupedLines(q->lines);
    QCOMPARE(grouped.size(), 3);
    QCOMPARE(grouped.at(0).quantity, 2);
    QCOMPARE(grouped.at(0).amount, qint64(130000));
    QCOMPARE(grouped.at(2).quantity, 2);
    QCOMPARE(grouped.at(2).band, QStringLiteral("peak"));
}

void TestRatePlans::seasonWrappingNewYearWithAHolidayAndTheNightBefore()
{
    const Campsite site = f->addSite(QStringLiteral("A-01"), 40000, 45000);
    save(offWinter());
    CAMPDESK_VERIFY_OK(rates->setHoliday(BookingFixture::manager(), { QDate(2031, 1, 1), QStringLiteral("신정") }));
    // Saturday 30 November (outside the season, the site's own weekend price) to Sunday 1 December 2030, then
    // Monday 30 December to Thursday 2 January 2031: a weekday, New Year's Eve (the night before a holiday) and
    // New Year's Day (a holiday), all in the season that wraps over New Year.
    BookingRequest request = f->request(site, 0, 0);
    request.checkIn = QDate(2030, 11, 30);
    request.checkOut = QDate(2030, 12, 2);
    Result<Quote> before = f->booking->quote(request);
    CAMPDESK_VERIFY_OK(before);
    QCOMPARE(describe(before->lines),
             expected({ "night 2030-11-30 :weekend x1 45000", "night 2030-12-01 off:weekday x1 30000" }));
    request.checkIn = QDate(2030, 12, 30);
    request.checkOut = QDate(2031, 1, 2);
    Result<Quote> q = f->booking->quote(request);
    CAMPDESK_VERIFY_OK(q);
    QCOMPARE(describe(q->lines),
             expected({ "night 2030-12-30 off:weekday x1 30000", "night 2030-12-31 off:weekend x1 38000",
                        "night 2031-01-01 off:holiday x1 45000" }));
    QCOMPARE(q->total, qint64(113000));
    // Outside the season again in March.
    request.checkIn = QDate(2031, 3, 3);
    request.checkOut = QDate(2031, 3, 4);
    QCOMPARE(describe(f->booking->quote(request)->lines), expected({ "night 2031-03-03 :weekday x1 40000" }));
}

void TestRatePlans::shippedHolidaysPriceChuseokAndItsEve()
{
    const Campsite site = f->addSite(QStringLiteral("A-01"), 40000, 45000);
    Season autumn;
    autumn.name = QStringLiteral("가을");
    autumn.band = QStringLiteral("shoulder");
    autumn.fromMonth = 9;
    autumn.fromDay = 1;
    autumn.toMonth = 10;
    autumn.toDay = 31;
    autumn.prices = { { autoCamping, 50000, 60000, 80000 } };
    save(autumn);
    Result<QList<Holiday>> holidays = rates->holidays();
    CAMPDESK_VERIFY_OK(holidays);
    QCOMPARE(holidays->size(), 40); // 2026 and 2027, shipped by the migration
    Result<Campsite> loaded = f->campsites->get(site.id);
    CAMPDESK_VERIFY_OK(loaded);
    // 추석 2026: 24-26 September; Wednesday the 23rd is the night before. Then Sunday 27 (a weekday night: Monday
    // the 28th is no holiday).
    Result<StayPrice> price = f->db().read(
        [&](SqlSession& s) { return priceStay(s, loaded.value(), QDate(2026, 9, 23), QDate(2026, 9, 28), 2); });
    CAMPDESK_VERIFY_OK(price);
    QCOMPARE(describe(price->lines),
             expected({ "night 2026-09-23 shoulder:weekend x1 60000", "night 2026-09-24 shoulder:holiday x1 80000",
                        "night 2026-09-25 shoulder:holiday x1 80000", "night 2026-09-26 shoulder:holiday x1 80000",
                        "night 2026-09-27 shoulder:weekday x1 50000" }));
    // A substitute holiday: Monday 5 October 2026 (개천절 fell on a Saturday), so Sunday the 4th is a weekend night.
    price = f->db().read(
        [&](SqlSession& s) { return priceStay(s, loaded.value(), QDate(2026, 10, 4), QDate(2026, 10, 6), 2); });
    CAMPDESK_VERIFY_OK(price);
    QCOMPARE(describe(price->lines),
             expected({ "night 2026-10-04 shoulder:weekend x1 60000", "night 2026-10-05 shoulder:holiday x1 80000" }));
}

void TestRatePlans::fridayAndSaturdayAreWeekendNightsOutsideSeasonsToo()
{
    const Campsite site = f->addSite(QStringLiteral("A-01"), 40000, 55000);
    Season spring;
    spring.name = QStringLiteral("봄");
    spring.band = QStringLiteral("off");
    spring.fromMonth = 4;
    spring.fromDay = 1;
    spring.toMonth = 4;
    spring.toDay = 30;
    spring.prices = { { autoCamping, 30000, 0, 0 } }; // no weekend price: the weekday one
    save(spring);
    // Thursday 28 March to Monday 1 April 2030: Thu weekday, Fri and Sat weekend (the site's own prices), Sun 31
    // weekday; no season in March. Then 5-7 April in the season without a weekend price.
    BookingRequest request = f->request(site, 0, 0);
    request.checkIn = QDate(2030, 3, 28);
    request.checkOut = QDate(2030, 4, 1);
    Result<Quote> q = f->booking->quote(request);
    CAMPDESK_VERIFY_OK(q);
    QCOMPARE(q->nightlyPrices, QList<qint64>({ 40000, 55000, 55000, 40000 }));
    request.checkIn = QDate(2030, 4, 5);
    request.checkOut = QDate(2030, 4, 7);
    q = f->booking->quote(request);
    CAMPDESK_VERIFY_OK(q);
    QCOMPARE(describe(q->lines),
             expected({ "night 2030-04-05 off:weekend x1 30000", "night 2030-04-06 off:weekend x1 30000" }));
}

void TestRatePlans::minimumStayDependsOnASaturdayNight()
{
    const Campsite site = f->addSite(QStringLiteral("A-01"));
    Season peak = peakSummer();
    peak.minNightsWeekday = 2;
    peak.minNightsWeekend = 3;
    save(peak);
    BookingRequest request = f->request(site, 0, 0);
    // Tuesday 16 July 2030, one night: refused (two on weekdays).
    request.checkIn = QDate(2030, 7, 16);
    request.checkOut = QDate(2030, 7, 17);
    Result<Quote> q = f->booking->quote(request);
    QVERIFY(!q.ok());
    QCOMPARE(q.error().field, QStringLiteral("checkIn"));
    QVERIFY2(q.error().message.contains(peak.name), qPrintable(q.error().message));
    request.checkOut = QDate(2030, 7, 18);
    CAMPDESK_VERIFY_OK(f->booking->quote(request));
    // Friday 19 to Sunday 21: two nights with a Saturday, refused (three); to Monday 22 it is fine.
    request.checkIn = QDate(2030, 7, 19);
    request.checkOut = QDate(2030, 7, 21);
    q = f->booking->quote(request);
    QVERIFY(!q.ok());
    QCOMPARE(q.error().field, QStringLiteral("checkIn"));
    Result<Reservation> held = f->booking->hold(BookingFixture::desk(), request);
    QVERIFY(!held.ok());
    QCOMPARE(held.error().field, QStringLiteral("checkIn"));
    QCOMPARE(rows(QStringLiteral("reservations")), 0);
    request.checkOut = QDate(2030, 7, 22);
    CAMPDESK_VERIFY_OK(f->booking->quote(request));
    // Outside the season a single night is fine.
    request.checkIn = QDate(2030, 9, 6);
    request.checkOut = QDate(2030, 9, 7);
    CAMPDESK_VERIFY_OK(f->booking->quote(request));
}

void TestRatePlans::closedDatesRefuseQuoteAndHold()
{
    const Campsite site = f->addSite(QStringLiteral("A-01"));
    ClosedDates closed;
    closed.from = QDate(2030, 4, 10);
    closed.to = QDate(2030, 4, 12);
    closed.reason = QStringLiteral("수도 공사");
    CAMPDESK_VERIFY_OK(rates->addClosedDates(BookingFixture::manager(), closed));
    BookingRequest request = f->request(site, 0, 0);
    request.checkIn = QDate(2030, 4, 8);
    request.checkOut = QDate(2030, 4, 11);
    Result<Quote> q = f->booking->quote(request);
    QVERIFY(!q.ok());
    QCOMPARE(q.error().field, QStringLiteral("checkIn"));
    QVERIFY2(q.error().message.contains(QStringLiteral("수도 공사")), qPrintable(q.error().message));
    QVERIFY(q.error().message.contains(QStringLiteral("2030-04-10")));
    Result<Reservation> held = f->booking->hold(BookingFixture::desk(), request);
    QVERIFY(!held.ok());
    QCOMPARE(rows(QStringLiteral("reservations")), 0);
    QVERIFY(!f->booking->freeSitesQuoted(request.checkIn, request.checkOut, 2).ok());
    // Leaving on the first closed day and arriving the day after the last are fine.
    request.checkOut = QDate(2030, 4, 10);
    CAMPDESK_VERIFY_OK(f->booking->quote(request));
    request.checkIn = QDate(2030, 4, 13);
    request.checkOut = QDate(2030, 4, 14);
    CAMPDESK_VERIFY_OK(f->booking->quote(request));
    // Bad ranges are refused.
    closed.to = QDate(2030, 4, 9);
    QCOMPARE(rates->addClosedDates(BookingFixture::manager(), closed).error().field, QStringLiteral("to"));
}

void TestRatePlans::extraAdultsChildrenAndVehiclesAboveTheBaseCount()
{
    const Campsite site = f->addSite(QStringLiteral("A-01"), 40000, 0, 6);
    const Campsite other = f->addSite(QStringLiteral("A-02"), 40000, 0, 6);
    OccupancyFees fees;
    fees.scope = autoCamping;
    fees.adultFee = 10000;
    fees.childFee = 5000;
    fees.vehicleFee = 3000;
    fees.includedVehicles = 1;
    CAMPDESK_VERIFY_OK(rates->setOccupancyFees(BookingFixture::manager(), fees));
    BookingRequest request = f->request(site, 1, 2); // Tuesday and Wednesday
    request.guests = 5;
    request.children = 2;
    request.vehicles = 2;
    // No base count yet: everyone is included; only the second car pays.
    Result<Quote> q = f->booking->quote(request);
    CAMPDESK_VERIFY_OK(q);
    QCOMPARE(q->total, qint64(80000 + 2 * 3000));
    CAMPDESK_VERIFY_OK(rates->setBaseGuests(BookingFixture::manager(), site.id, 2));
    // Base 2: three adults fill it and one is extra; both children are extra; one extra car; two nights each.
    q = f->booking->quote(request);
    CAMPDESK_VERIFY_OK(q);
    QCOMPARE(q->lines.size(), 5);
    QCOMPARE(q->lines.at(2).quantity, 2);
    QCOMPARE(q->lines.at(2).amount, qint64(20000));
    QCOMPARE(q->lines.at(3).quantity, 4);
    QCOMPARE(q->lines.at(3).amount, qint64(20000));
    QCOMPARE(q->lines.at(4).quantity, 2);
    QCOMPARE(q->lines.at(4).amount, qint64(6000));
    QCOMPARE(q->lines.at(2).kind, QStringLiteral("extra_adult"));
    QCOMPARE(q->lines.at(3).kind, QStringLiteral("extra_child"));
    QCOMPARE(q->lines.at(4).kind, QStringLiteral("vehicle"));
    QCOMPARE(q->total, qint64(80000 + 20000 + 20000 + 6000));
    // Within the base count: no extra-person line.
    request.guests = 2;
    request.children = 1;
    request.vehicles = 1;
    q = f->booking->quote(request);
    CAMPDESK_VERIFY_OK(q);
    QCOMPARE(q->lines.size(), 2);
    QCOMPARE(q->total, qint64(80000));
    // A fee for one site wins over its kind's.
    fees.scope = SeasonPrice::siteScope(other.id);
    fees.adultFee = 15000;
    CAMPDESK_VERIFY_OK(rates->setOccupancyFees(BookingFixture::manager(), fees));
    CAMPDESK_VERIFY_OK(rates->setBaseGuests(BookingFixture::manager(), other.id, 2));
    request.campsiteId = other.id;
    request.guests = 3;
    request.children = 0;
    q = f->booking->quote(request);
    CAMPDESK_VERIFY_OK(q);
    QCOMPARE(q->total, qint64(80000 + 2 * 15000));
    // Bad party: all children, negative vehicles, a base count above the maximum, a negative fee.
    request.children = 3;
    QCOMPARE(f->booking->quote(request).error().field, QStringLiteral("children"));
    request.children = 0;
    request.vehicles = -1;
    QCOMPARE(f->booking->quote(request).error().field, QStringLiteral("vehicles"));
    QCOMPARE(rates->setBaseGuests(BookingFixture::manager(), site.id, 7).error().field, QStringLiteral("baseGuests"));
    fees.childFee = -1;
    QCOMPARE(rates->setOccupancyFees(BookingFixture::manager(), fees).error().field, QStringLiteral("childFee"));
}

void TestRatePlans::badSeasonsAreRefusedAndNothingIsSaved_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("field");
    QTest::newRow("overlaps the peak season") << QStringLiteral("overlap") << QStringLiteral("from");
    QTest::newRow("negative price") << QStringLiteral("negative") << (autoCamping + QStringLiteral("/weekend"));
    QTest::newRow("no weekday price") << QStringLiteral("zero") << (autoCamping + QStringLiteral("/weekday"));
    QTest::newRow("absurd price") << QStringLiteral("absurd") << (autoCamping + QStringLiteral("/holiday"));
    QTest::newRow("0-night minimum") << QStringLiteral("minimum") << QStringLiteral("minNightsWeekday");
    QTest::newRow("0-night weekend minimum") << QStringLiteral("weekendMinimum") << QStringLiteral("minNightsWeekend");
    QTest::newRow("no name") << QStringLiteral("name") << QStringLiteral("name");
    QTest::newRow("30 February") << QStringLiteral("date") << QStringLiteral("to");
    QTest::newRow("unknown band") << QStringLiteral("band") << QStringLiteral("band");
}

void TestRatePlans::badSeasonsAreRefusedAndNothingIsSaved()
{
    QFETCH(QString, change);
    QFETCH(QString, field);
    save(peakSummer());
    Season s = shoulderEarlySummer();
    if (change == QLatin1String("overlap")) {
        s.toMonth = 7;
        s.toDay = 15; // the peak season's first day
    } else if (change == QLatin1String("negative")) {
        s.prices[0].weekend = -1;
    } else if (change == QLatin1String("zero")) {
        s.prices[0].weekday = 0;
    } else if (change == QLatin1String("absurd")) {
        s.prices[0].holiday = CampgroundInfo::defaultMaxNightlyPrice + 1;
    } else if (change == QLatin1String("minimum")) {
        s.minNightsWeekday = 0;
    } else if (change == QLatin1String("weekendMinimum")) {
        s.minNightsWeekend = 0;
    } else if (change == QLatin1String("name")) {
        s.name = QStringLiteral("   ");
    } else if (change == QLatin1String("date")) {
        s.toMonth = 2;
        s.toDay = 30;
    } else if (change == QLatin1String("band")) {
        s.band = QStringLiteral("성수기");
    }
    Result<Season> saved = rates->saveSeason(BookingFixture::manager(), s);
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().code, ErrorCode::Invalid);
    QCOMPARE(saved.error().field, field);
    QVERIFY(!saved.error().message.isEmpty());
    QCOMPARE(rows(QStringLiteral("rate_seasons")), 1);
    QCOMPARE(rows(QStringLiteral("rate_season_prices")), 1);
    // The same season without the fault is saved; only a manager may.
    CAMPDESK_VERIFY_OK(rates->saveSeason(BookingFixture::manager(), shoulderEarlySummer()));
    QCOMPARE(rates->saveSeason(BookingFixture::desk(), offWinter()).error().code, ErrorCode::Forbidden);
    QCOMPARE(rows(QStringLiteral("rate_seasons")), 2);
}

void TestRatePlans::namesWithKoreanEmojiAndSqlRoundTrip()
{
    const Campsite site = f->addSite(QStringLiteral("A-01"));
    Season s = peakSummer();
    s.name = QStringLiteral("여름'); DROP TABLE rate_seasons;-- 🏕️");
    s.prices.append({ SeasonPrice::siteScope(site.id), 75000, 95000, 120000 });
    const Season saved = save(s);
    CAMPDESK_VERIFY_OK(
        rates->setHoliday(BookingFixture::manager(), { QDate(2030, 8, 1), QStringLiteral("캠핑의 날 🎉 ' OR 1=1 --") }));
    ClosedDates closed { 0, QDate(2030, 9, 1), QDate(2030, 9, 2), QStringLiteral("정비\"; DELETE FROM holidays") };
    CAMPDESK_VERIFY_OK(rates->addClosedDates(BookingFixture::manager(), closed));
    Result<QList<Season>> seasons = rates->seasons();
    CAMPDESK_VERIFY_OK(seasons);
    QCOMPARE(seasons->size(), 1);
    QCOMPARE(seasons->first().name, s.name);
    QCOMPARE(seasons->first().id, saved.id);
    QCOMPARE(seasons->first().prices.size(), 2);
    Result<QList<Holiday>> holidays = rates->holidays();
    CAMPDESK_VERIFY_OK(holidays);
    QCOMPARE(holidays->size(), 41);
    QCOMPARE(holidays->last().name, QStringLiteral("캠핑의 날 🎉 ' OR 1=1 --"));
    QCOMPARE(rates->closedDates()->first().reason, closed.reason);
    // The site's own row wins over its kind's: the holiday (1 August 2030, a Thursday) at 120,000.
    BookingRequest request = f->request(site, 0, 0);
    request.checkIn = QDate(2030, 8, 1);
    request.checkOut = QDate(2030, 8, 2);
    Result<Quote> q = f->booking->quote(request);
    CAMPDESK_VERIFY_OK(q);
    QCOMPARE(describe(q->lines), expected({ "night 2030-08-01 peak:holiday x1 120000" }));
    // Removing the season removes its prices.
    CAMPDESK_VERIFY_OK(rates->removeSeason(BookingFixture::manager(), saved.id));
    QCOMPARE(rows(QStringLiteral("rate_season_prices")), 0);
}

void TestRatePlans::bookingStoresLinesThatAddUpToItsAmount()
{
    const Campsite site = f->addSite(QStringLiteral("A-01"), 40000, 0, 6);
    save(peakSummer());
    CAMPDESK_VERIFY_OK(rates->setBaseGuests(BookingFixture::manager(), site.id, 2));
    OccupancyFees fees { autoCamping, 10000, 5000, 3000, 1 };
    CAMPDESK_VERIFY_OK(rates->setOccupancyFees(BookingFixture::manager(), fees));
    BookingRequest request = f->request(site, 0, 0);
    request.checkIn = QDate(2030, 7, 20); // Saturday (peak weekend) and Sunday (peak weekday)
    request.checkOut = QDate(2030, 7, 22);
    request.guests = 4;
    request.children = 1;
    request.vehicles = 2;
    const Reservation r = f->book(request);
    QVERIFY(r.id > 0);
    QCOMPARE(r.amount, qint64(90000 + 70000 + 2 * 10000 + 2 * 5000 + 2 * 3000));
    QCOMPARE(rows(QStringLiteral("reservation_lines")), 5);
    Result<qint64> sum = f->db().read([&](SqlSession& s) -> Result<qint64> {
        return s.scalar(QStringLiteral("SELECT sum(amount) FROM reservation_lines WHERE reservation_id = ?"), { r.id })
            .toLongLong();
    });
    CAMPDESK_VERIFY_OK(sum);
    QCOMPARE(sum.value(), r.amount);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
    // A line that no longer adds up is found by the invariants checker.
    CAMPDESK_VERIFY_OK(f->db().write([&](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("UPDATE reservation_lines SET amount = amount + 1 WHERE reservation_id = ? AND "
                               "kind = 'vehicle'"),
                { r.id });
        return {};
    }));
    Result<QStringList> violations = InvariantsChecker(f->db()).check();
    CAMPDESK_VERIFY_OK(violations);
    QCOMPARE(violations->size(), 1);
    QVERIFY2(violations->first().contains(QString::number(r.id)), qPrintable(violations->first()));
}

void TestRatePlans::receiptShowsTheStoredLinesAfterRatesChange()
{
    const Campsite site = f->addSite(QStringLiteral("A-01"));
    Season peak = save(peakSummer());
    BookingRequest request = f->request(site, 0, 0);
    request.checkIn = QDate(2030, 7, 19); // Friday and Saturday: peak weekend
    request.checkOut = QDate(2030, 7, 21);
    const Reservation r = f->book(request);
    QCOMPARE(r.amount, qint64(180000));
    peak.prices = { { autoCamping, 10000, 20000, 30000 } };
    save(peak);
    Result<ReceiptDetails> receipt = ReceiptQuery::details(*f->booking, r.id);
    CAMPDESK_VERIFY_OK(receipt);
    QCOMPARE(describe(receipt->lines),
             expected({ "night 2030-07-19 peak:weekend x1 90000", "night 2030-07-20 peak:weekend x1 90000" }));
    QCOMPARE(receipt->lines.first().label(), QStringLiteral("Peak season weekend"));
    // While a new quote uses today's rates.
    request.checkIn = QDate(2030, 7, 26);
    request.checkOut = QDate(2030, 7, 28);
    QCOMPARE(f->booking->quote(request)->total, qint64(40000));
}

void TestRatePlans::previewShowsTheHolidayPrice()
{
    const Campsite site = f->addSite(QStringLiteral("A-01"), 40000, 45000);
    save(peakSummer());
    CAMPDESK_VERIFY_OK(rates->setHoliday(BookingFixture::manager(), { QDate(2030, 8, 15), QStringLiteral("광복절") }));
    Result<QList<PreviewNight>> month = rates->preview(site.id, 2030, 8, 2);
    CAMPDESK_VERIFY_OK(month);
    QCOMPARE(month->size(), 31);
    const PreviewNight& eve = month->at(13); // Wednesday 14 August: the night before 광복절
    QCOMPARE(eve.line.dayType, QStringLiteral("weekend"));
    QCOMPARE(eve.total, qint64(90000));
    const PreviewNight& holiday = month->at(14);
    QCOMPARE(holiday.night, QDate(2030, 8, 15));
    QCOMPARE(holiday.line.dayType, QStringLiteral("holiday"));
    QCOMPARE(holiday.holidayName, QStringLiteral("광복절"));
    QCOMPARE(holiday.total, qint64(100000));
    QCOMPARE(month->at(25).line.band, QString()); // Monday 26 August: after the season, the site's own price
    QCOMPARE(month->at(25).total, qint64(40000));
}

CAMPDESK_DB_TEST_MAIN(TestRatePlans)
#include "tst_rateplans.moc"
