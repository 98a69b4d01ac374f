// Extras (issue 19 item 3) on both databases: per-stay, per-night and per-unit lines in the quote and the stored
// booking, adding up to its amount; stock taken by the hold and given back when the hold expires, is released, its
// payment fails, or the booking is cancelled; consumed extras neither refunded nor restocked; sold out refuses and
// holds nothing; bad catalogue input and bad choices refused; revenue by kind; the invariants checker stays clean.
#include "bookingfixture.h"
#include "db/sqldates.h"
#include "domain/extras.h"
#include "domain/mileageservice.h"
#include "domain/readmodel.h"
#include "domain/reservationchange.h"
#include "domain/rulesettings.h"
#include "itemmodels/reservationtablemodel.h"
#include "ops/invariantschecker.h"

#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

class TestExtras : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void perStayPerNightAndPerUnitLines();
    void stockTakenByTheHoldAndBackWhenItExpires();
    void stockBackWhenTheHoldIsReleasedOrThePaymentFails();
    void soldOutRefusesAndHoldsNothing();
    void cancelRefundsExtrasByTheRuleAndRestocks();
    void consumedExtrasAreNeitherRefundedNorRestocked();
    void consumedOnlyByStaffOnABookingThatStands();
    void badCatalogueInputIsRefused_data();
    void badCatalogueInputIsRefused();
    void badChoicesAreRefused_data();
    void badChoicesAreRefused();
    void kioskOffersOnlyItsExtras();
    void revenueTellsStayFromExtras();
    void readModelKeepsRevenueByKind();
    void reservationsTableAndCsvListTheExtras();
    void pointsOnExtrasFollowTheSetting_data();
    void pointsOnExtrasFollowTheSetting();

private:
    Extra add(const QString& name, const QString& unit, qint64 price, std::optional<int> stock = std::nullopt,
              bool kiosk = true);
    qint64 stockOf(qint64 extraId);
    qint64 sumOfLines(qint64 reservationId);

    std::unique_ptr<BookingFixture> f;
    std::unique_ptr<ExtrasService> extras;
};

void TestExtras::init()
{
    f = std::make_unique<BookingFixture>();
    QVERIFY2(f->ok(), qPrintable(f->t->errorMessage()));
    extras = std::make_unique<ExtrasService>(f->db());
}

void TestExtras::cleanup()
{
    extras.reset();
    f.reset();
}

Extra TestExtras::add(const QString& name, const QString& unit, qint64 price, std::optional<int> stock, bool kiosk)
{
    Extra e;
    e.name = name;
    e.unit = unit;
    e.unitPrice = price;
    e.stock = stock;
    e.kiosk = kiosk;
    Result<Extra> saved = extras->save(BookingFixture::manager(), e);
    if (!saved.ok()) {
        qWarning() << saved.error().message;
        return Extra();
    }
    return saved.value();
}

qint64 TestExtras::stockOf(qint64 extraId)
{
    Result<qint64> n = f->db().read([&](SqlSession& s) -> Result<qint64> {
        const QVariant v = s.scalar(QStringLiteral("SELECT stock FROM extras WHERE id = ?"), { extraId });
        return v.isNull() ? -1 : v.toLongLong();
    });
    return n.ok() ? n.value() : -2;
}

qint64 TestExtras::sumOfLines(qint64 reservationId)
{
    Result<qint64> n = f->db().read([&](SqlSession& s) -> Result<qint64> {
        return s
            .scalar(QStringLiteral("SELECT sum(amount) FROM reservation_lines WHERE reservation_id = ?"),
                    { reservationId })
            .toLongLong();
    });
    return n.ok() ? n.value() : -1;
}

void TestExtras::perStayPerNightAndPerUnitLines()
{
    const Campsite site = f->addSite(QStringLiteral("A-01"), 40000);
    const Extra power = add(QStringLiteral("전기 ⚡"), QStringLiteral("night"), 5000);
    const Extra tent = add(QStringLiteral("Tent \"rental\"; --"), QStringLiteral("stay"), 20000, 3);
    const Extra firewood = add(QStringLiteral("장작"), QStringLiteral("unit"), 10000, 10);
    QVERIFY(power.id > 0 && tent.id > 0 && firewood.id > 0);
    BookingRequest request = f->request(site, 1, 2); // Tuesday and Wednesday: 2 x 40,000
    request.extras = { { power.id, 1 }, { tent.id, 2 }, { firewood.id, 3 } };
    Result<Quote> quote = f->booking->quote(request);
    CAMPDESK_VERIFY_OK(quote);
    QList<StayLine> extraLines;
    for (const StayLine& line : quote->lines) {
        if (line.kind == QLatin1String("extra"))
            extraLines.append(line);
    }
    QCOMPARE(extraLines.size(), 3);
    QCOMPARE(extraLines.at(0).quantity, 2); // 1 a night x 2 nights
    QCOMPARE(extraLines.at(0).amount, qint64(10000));
    QCOMPARE(extraLines.at(0).label(), QStringLiteral("전기 ⚡"));
    QCOMPARE(extraLines.at(1).quantity, 2); // two tents for the stay
    QCOMPARE(extraLines.at(1).amount, qint64(40000));
    QCOMPARE(extraLines.at(2).quantity, 3);
    QCOMPARE(extraLines.at(2).amount, qint64(30000));
    QCOMPARE(quote->total, qint64(80000 + 10000 + 40000 + 30000));
    QCOMPARE(quote->payable, quote->total);
    // Points are earned on what is paid, extras included.
    QCOMPARE(quote->pointsToEarn, RuleSettings(f->db()).get()->pointsFor(quote->total));

    const Reservation r = f->book(request);
    QVERIFY(r.id > 0);
    QCOMPARE(r.amount, quote->total);
    QCOMPARE(sumOfLines(r.id), r.amount);
    QCOMPARE(stockOf(power.id), qint64(-1)); // unlimited stays unlimited
    QCOMPARE(stockOf(tent.id), qint64(1));
    QCOMPARE(stockOf(firewood.id), qint64(7));
    Result<QList<StayLine>> stored = extras->linesOf(r.id);
    CAMPDESK_VERIFY_OK(stored);
    QCOMPARE(stored->size(), 3);
    QCOMPARE(stored->at(1).name, tent.name);
    QCOMPARE(stored->at(1).band, QStringLiteral("stay"));
    QCOMPARE(stored->at(1).stockTaken, 2);
    QCOMPARE(stored->at(0).stockTaken, 0); // nothing to take from an unlimited item
    QVERIFY(BookingFixture::invariantsHold(f->db()));
    // The confirmation lists them (the customer's language: Korean).
    Result<QString> body = f->db().read([&](SqlSession& s) -> Result<QString> {
        return s
            .scalar(QStringLiteral("SELECT body FROM notifications WHERE reservation_id = ? AND channel = 'email'"),
                    { r.id })
            .toString();
    });
    CAMPDESK_VERIFY_OK(body);
    QVERIFY2(
        body->contains(QStringLiteral("추가 상품: 전기 ⚡ × 2 (10,000원), Tent \"rental\"; -- × 2 (40,000원), 장작 × 3 "
                                      "(30,000원)")),
        qPrintable(body.value()));
}

void TestExtras::stockTakenByTheHoldAndBackWhenItExpires()
{
    const Campsite site = f->addSite(QStringLiteral("A-01"));
    const Extra firewood = add(QStringLiteral("장작"), QStringLiteral("unit"), 10000, 5);
    BookingRequest request = f->request(site, 1, 1);
    request.extras = { { firewood.id, 2 } };
    Result<Reservation> held = f->booking->hold(BookingFixture::desk(), request);
    CAMPDESK_VERIFY_OK(held);
    QCOMPARE(stockOf(firewood.id), qint64(3));
    f->clock.advanceSecs(3600);
    Result<int> expired = f->booking->expireHolds();
    CAMPDESK_VERIFY_OK(expired);
    QCOMPARE(expired.value(), 1);
    QCOMPARE(stockOf(firewood.id), qint64(5));
    // Once only: another expiry run gives nothing back twice.
    CAMPDESK_VERIFY_OK(f->booking->expireHolds());
    QCOMPARE(stockOf(firewood.id), qint64(5));
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestExtras::stockBackWhenTheHoldIsReleasedOrThePaymentFails()
{
    const Campsite site = f->addSite(QStringLiteral("A-01"));
    const Extra firewood = add(QStringLiteral("장작"), QStringLiteral("unit"), 10000, 5);
    BookingRequest request = f->request(site, 1, 1);
    request.extras = { { firewood.id, 4 } };
    Result<Reservation> held = f->booking->hold(BookingFixture::kiosk(), request);
    CAMPDESK_VERIFY_OK(held);
    QCOMPARE(stockOf(firewood.id), qint64(1));
    CAMPDESK_VERIFY_OK(f->booking->releaseHold(BookingFixture::kiosk(), held->id));
    QCOMPARE(stockOf(firewood.id), qint64(5));

    f->terminal.setDeclinedCards({ QStringLiteral("card-declined") });
    Result<Reservation> declined = f->booking->book(BookingFixture::kiosk(), request, f->terminal,
                                                    QStringLiteral("card"), QStringLiteral("card-declined"));
    QVERIFY(!declined.ok());
    QCOMPARE(declined.error().code, ErrorCode::Payment);
    QCOMPARE(stockOf(firewood.id), qint64(5));
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestExtras::soldOutRefusesAndHoldsNothing()
{
    const Campsite a = f->addSite(QStringLiteral("A-01"));
    const Campsite b = f->addSite(QStringLiteral("A-02"));
    const Extra firewood = add(QStringLiteral("장작"), QStringLiteral("unit"), 10000, 1);
    BookingRequest first = f->request(a, 1, 1);
    first.extras = { { firewood.id, 1 } };
    const Reservation r = f->book(first);
    QVERIFY(r.id > 0);
    QCOMPARE(stockOf(firewood.id), qint64(0));
    BookingRequest second = f->request(b, 1, 1, QStringLiteral("010-9999-8888"));
    second.extras = { { firewood.id, 1 } };
    Result<Reservation> refused = f->booking->hold(BookingFixture::desk(), second);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Conflict);
    QVERIFY2(refused.error().message.contains(QLatin1String("sold out")), qPrintable(refused.error().message));
    QCOMPARE(f->t->count(QStringLiteral("reservations")), 1);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights"), QStringLiteral("campsite_id = %1").arg(b.id)), 0);
    QCOMPARE(stockOf(firewood.id), qint64(0));

    // More than is left: refused the same way, saying how many are left.
    Extra more = firewood;
    more.stock = 2;
    CAMPDESK_VERIFY_OK(extras->save(BookingFixture::manager(), more));
    second.extras = { { firewood.id, 3 } };
    refused = f->booking->hold(BookingFixture::desk(), second);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Conflict);
    QVERIFY2(refused.error().message.contains(QLatin1String("only 2")), qPrintable(refused.error().message));
    QCOMPARE(stockOf(firewood.id), qint64(2));
    QCOMPARE(f->t->count(QStringLiteral("reservations")), 1);
}

void TestExtras::cancelRefundsExtrasByTheRuleAndRestocks()
{
    const Campsite site = f->addSite(QStringLiteral("A-01"), 50000);
    const Extra firewood = add(QStringLiteral("장작"), QStringLiteral("unit"), 10000, 5);
    BookingRequest request = f->request(site, 4, 2); // 4 days before: the 50% band
    request.extras = { { firewood.id, 2 } };
    const Reservation r = f->book(request);
    QVERIFY(r.id > 0);
    QCOMPARE(r.amount, qint64(100000 + 20000));
    QCOMPARE(stockOf(firewood.id), qint64(3));
    CancelRequest cancel;
    cancel.reservationId = r.id;
    Result<Reservation> cancelled = f->booking->cancel(BookingFixture::desk(), cancel);
    CAMPDESK_VERIFY_OK(cancelled);
    QCOMPARE(cancelled->refundAmount, qint64(60000)); // half of the stay and half of the extras
    QCOMPARE(stockOf(firewood.id), qint64(5));
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestExtras::consumedExtrasAreNeitherRefundedNorRestocked()
{
    const Campsite site = f->addSite(QStringLiteral("A-01"), 50000);
    const Extra firewood = add(QStringLiteral("장작"), QStringLiteral("unit"), 10000, 5);
    const Extra tent = add(QStringLiteral("텐트 대여"), QStringLiteral("stay"), 30000, 2);
    BookingRequest request = f->request(site, 10, 1); // 10 days before: all back
    request.extras = { { firewood.id, 2 }, { tent.id, 1 } };
    const Reservation r = f->book(request);
    QVERIFY(r.id > 0);
    QCOMPARE(r.amount, qint64(50000 + 20000 + 30000));
    Result<QList<StayLine>> lines = extras->linesOf(r.id);
    CAMPDESK_VERIFY_OK(lines);
    QCOMPARE(lines->size(), 2);
    CAMPDESK_VERIFY_OK(extras->setConsumed(BookingFixture::desk(), lines->at(0).id, true));
    CancelRequest cancel;
    cancel.reservationId = r.id;
    Result<CancelQuote> quote = f->booking->cancellationQuote(BookingFixture::desk(), cancel);
    CAMPDESK_VERIFY_OK(quote);
    QCOMPARE(quote->refund, qint64(50000 + 30000));
    Result<Reservation> cancelled = f->booking->cancel(BookingFixture::desk(), cancel);
    CAMPDESK_VERIFY_OK(cancelled);
    QCOMPARE(cancelled->refundAmount, qint64(80000));
    QCOMPARE(f->terminal.refundedAmount(r.orderId), qint64(80000));
    QCOMPARE(stockOf(firewood.id), qint64(3)); // burnt: not back
    QCOMPARE(stockOf(tent.id), qint64(2)); // back on the shelf
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestExtras::consumedOnlyByStaffOnABookingThatStands()
{
    const Campsite site = f->addSite(QStringLiteral("A-01"));
    const Extra firewood = add(QStringLiteral("장작"), QStringLiteral("unit"), 10000);
    BookingRequest request = f->request(site, 10, 1);
    request.extras = { { firewood.id, 1 } };
    Result<Reservation> held = f->booking->hold(BookingFixture::desk(), request);
    CAMPDESK_VERIFY_OK(held);
    Result<QList<StayLine>> lines = extras->linesOf(held->id);
    CAMPDESK_VERIFY_OK(lines);
    QCOMPARE(lines->size(), 1);
    const qint64 lineId = lines->first().id;
    // A hold is not a booking yet.
    QCOMPARE(extras->setConsumed(BookingFixture::desk(), lineId, true).error().code, ErrorCode::AlreadyDone);
    CAMPDESK_VERIFY_OK(f->booking->releaseHold(BookingFixture::desk(), held->id));
    const Reservation r = f->book(request);
    lines = extras->linesOf(r.id);
    CAMPDESK_VERIFY_OK(lines);
    const qint64 bookedLine = lines->first().id;
    QCOMPARE(extras->setConsumed(BookingFixture::kiosk(), bookedLine, true).error().code, ErrorCode::Forbidden);
    CAMPDESK_VERIFY_OK(extras->setConsumed(BookingFixture::desk(), bookedLine, true));
    QVERIFY(extras->linesOf(r.id)->first().consumed);
    CAMPDESK_VERIFY_OK(extras->setConsumed(BookingFixture::desk(), bookedLine, false));
    QVERIFY(!extras->linesOf(r.id)->first().consumed);
    CancelRequest cancel;
    cancel.reservationId = r.id;
    CAMPDESK_VERIFY_OK(f->booking->cancel(BookingFixture::desk(), cancel));
    QCOMPARE(extras->setConsumed(BookingFixture::desk(), bookedLine, true).error().code, ErrorCode::AlreadyDone);
    QCOMPARE(extras->setConsumed(BookingFixture::desk(), 987654, true).error().code, ErrorCode::NotFound);
}

void TestExtras::badCatalogueInputIsRefused_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<qint64>("price");
    QTest::addColumn<int>("stock"); // -2: unlimited
    QTest::addColumn<QString>("field");
    QTest::newRow("negative price") << "장작"
                                    << "unit" << qint64(-1) << -2 << "unitPrice";
    QTest::newRow("absurd price") << "장작"
                                  << "unit" << qint64(100000000) << -2 << "unitPrice";
    QTest::newRow("empty name") << "   "
                                << "unit" << qint64(1000) << -2 << "name";
    QTest::newRow("overlong name") << QString(41, QLatin1Char('x')) << "unit" << qint64(1000) << -2 << "name";
    QTest::newRow("unknown unit") << "장작"
                                  << "hour" << qint64(1000) << -2 << "unit";
    QTest::newRow("negative stock") << "장작"
                                    << "unit" << qint64(1000) << -1 << "stock";
}

void TestExtras::badCatalogueInputIsRefused()
{
    QFETCH(QString, name);
    QFETCH(QString, unit);
    QFETCH(qint64, price);
    QFETCH(int, stock);
    QFETCH(QString, field);
    Extra e;
    e.name = name;
    e.unit = unit;
    e.unitPrice = price;
    if (stock != -2)
        e.stock = stock;
    Result<Extra> saved = extras->save(BookingFixture::manager(), e);
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().code, ErrorCode::Invalid);
    QCOMPARE(saved.error().field, field);
    QCOMPARE(f->t->count(QStringLiteral("extras")), 0);
    // Only the manager edits the catalogue.
    e = Extra();
    e.name = QStringLiteral("장작");
    e.unitPrice = 1000;
    QCOMPARE(extras->save(BookingFixture::desk(), e).error().code, ErrorCode::Forbidden);
    QCOMPARE(f->t->count(QStringLiteral("extras")), 0);
}

void TestExtras::badChoicesAreRefused_data()
{
    QTest::addColumn<int>("which"); // 0: the active extra, 1: an inactive one, 2: an unknown id
    QTest::addColumn<int>("quantity");
    QTest::addColumn<bool>("twice");
    QTest::newRow("unknown extra") << 2 << 1 << false;
    QTest::newRow("quantity 0") << 0 << 0 << false;
    QTest::newRow("negative quantity") << 0 << -1 << false;
    QTest::newRow("absurd quantity") << 0 << 100 << false;
    QTest::newRow("inactive extra") << 1 << 1 << false;
    QTest::newRow("chosen twice") << 0 << 1 << true;
}

void TestExtras::badChoicesAreRefused()
{
    QFETCH(int, which);
    QFETCH(int, quantity);
    QFETCH(bool, twice);
    const Campsite site = f->addSite(QStringLiteral("A-01"));
    const Extra active = add(QStringLiteral("장작"), QStringLiteral("unit"), 10000, 5);
    Extra inactive = add(QStringLiteral("전기"), QStringLiteral("night"), 5000, 5);
    inactive.active = false;
    CAMPDESK_VERIFY_OK(extras->save(BookingFixture::manager(), inactive));
    const qint64 ids[] = { active.id, inactive.id, 987654 };
    BookingRequest request = f->request(site, 1, 1);
    request.extras = { { ids[which], quantity } };
    if (twice)
        request.extras.append({ ids[which], quantity });
    Result<Quote> quote = f->booking->quote(request);
    QVERIFY(!quote.ok());
    QCOMPARE(quote.error().code, ErrorCode::Invalid);
    QCOMPARE(quote.error().field, QStringLiteral("extras"));
    Result<Reservation> held = f->booking->hold(BookingFixture::desk(), request);
    QVERIFY(!held.ok());
    QCOMPARE(held.error().code, ErrorCode::Invalid);
    QCOMPARE(f->t->count(QStringLiteral("reservations")), 0);
    QCOMPARE(stockOf(active.id), qint64(5));
    QCOMPARE(stockOf(inactive.id), qint64(5));
}

void TestExtras::kioskOffersOnlyItsExtras()
{
    const Campsite site = f->addSite(QStringLiteral("A-01"));
    const Extra firewood = add(QStringLiteral("장작"), QStringLiteral("unit"), 10000, 5, true);
    const Extra late = add(QStringLiteral("Late check-out"), QStringLiteral("stay"), 20000, std::nullopt, false);
    Result<QList<Extra>> kioskList = extras->list(true, true);
    CAMPDESK_VERIFY_OK(kioskList);
    QCOMPARE(kioskList->size(), 1);
    QCOMPARE(kioskList->first().id, firewood.id);
    BookingRequest request = f->request(site, 1, 1);
    request.extras = { { late.id, 1 } };
    Result<Reservation> atKiosk = f->booking->hold(BookingFixture::kiosk(), request);
    QVERIFY(!atKiosk.ok());
    QCOMPARE(atKiosk.error().field, QStringLiteral("extras"));
    CAMPDESK_VERIFY_OK(f->booking->hold(BookingFixture::desk(), request)); // the desk sells it
}

void TestExtras::revenueTellsStayFromExtras()
{
    const Campsite site = f->addSite(QStringLiteral("A-01"), 40000);
    const Extra firewood = add(QStringLiteral("장작"), QStringLiteral("unit"), 10000);
    BookingRequest request = f->request(site, 1, 2);
    request.extras = { { firewood.id, 3 } };
    f->book(request);
    BookingRequest other = f->request(site, 5, 1, QStringLiteral("010-5555-6666"));
    f->book(other);
    BookingRequest held = f->request(site, 8, 1, QStringLiteral("010-5555-7777"));
    held.extras = { { firewood.id, 1 } };
    CAMPDESK_VERIFY_OK(f->booking->hold(BookingFixture::desk(), held)); // not revenue
    Result<RevenueByKind> revenue = extras->revenue(f->today(), f->today().addDays(30));
    CAMPDESK_VERIFY_OK(revenue);
    QCOMPARE(revenue->stay, qint64(3 * 40000));
    QCOMPARE(revenue->extras, qint64(30000));
    QCOMPARE(revenue->points, qint64(0));
}

// daily_stats keeps stay and extras apart by check-in day as bookings are confirmed and cancelled (the triggers of
// migration 28), equal to ExtrasService::revenue day by day and to what a rebuild computes.
void TestExtras::readModelKeepsRevenueByKind()
{
    const Campsite site = f->addSite(QStringLiteral("A-01"), 40000);
    const Campsite other = f->addSite(QStringLiteral("A-02"), 30000);
    const Extra firewood = add(QStringLiteral("장작"), QStringLiteral("unit"), 10000, 10);
    const Extra power = add(QStringLiteral("전기"), QStringLiteral("night"), 5000);
    BookingRequest first = f->request(site, 1, 2);
    first.extras = { { firewood.id, 3 }, { power.id, 1 } };
    QVERIFY(f->book(first).id > 0);
    BookingRequest second = f->request(other, 1, 1, QStringLiteral("010-5555-6666"));
    second.extras = { { firewood.id, 1 } };
    const Reservation cancelled = f->book(second);
    QVERIFY(cancelled.id > 0);
    BookingRequest plain = f->request(other, 5, 1, QStringLiteral("010-5555-7777"));
    QVERIFY(f->book(plain).id > 0);
    BookingRequest held = f->request(site, 8, 1, QStringLiteral("010-5555-8888"));
    held.extras = { { firewood.id, 1 } };
    CAMPDESK_VERIFY_OK(f->booking->hold(BookingFixture::desk(), held)); // a hold sells nothing yet

    const QDate day1 = f->today().addDays(1);
    const QDate day5 = f->today().addDays(5);
    auto stored = [&](const QDate& day) {
        Result<QMap<QDate, DailyDelta>> stats = ReadModel(f->db()).dailyStats(day, day);
        return stats.ok() ? stats->value(day) : DailyDelta();
    };
    QCOMPARE(stored(day1).stayRevenue, qint64(2 * 40000 + 30000));
    QCOMPARE(stored(day1).extrasRevenue, qint64(30000 + 2 * 5000 + 10000));

    CancelRequest cancel;
    cancel.reservationId = cancelled.id;
    CAMPDESK_VERIFY_OK(f->booking->cancel(BookingFixture::desk(), cancel));
    QCOMPARE(stored(day1).stayRevenue, qint64(2 * 40000));
    QCOMPARE(stored(day1).extrasRevenue, qint64(30000 + 2 * 5000));
    QCOMPARE(stored(day5).stayRevenue, qint64(30000));
    QCOMPARE(stored(day5).extrasRevenue, qint64(0));
    QCOMPARE(stored(f->today().addDays(8)).stayRevenue, qint64(0));
    // The reference, day by day.
    for (int i = 0; i < 10; ++i) {
        const QDate day = f->today().addDays(i);
        Result<RevenueByKind> want = extras->revenue(day, day.addDays(1));
        CAMPDESK_VERIFY_OK(want);
        QCOMPARE(stored(day).stayRevenue, want->stay);
        QCOMPARE(stored(day).extrasRevenue, want->extras);
    }
    Result<QStringList> diff = ReadModel(f->db()).differencesFromRebuild();
    CAMPDESK_VERIFY_OK(diff);
    QVERIFY2(diff->isEmpty(), qPrintable(diff->join(QLatin1Char('\n'))));
    // A drift is caught: the checker's reference computation includes the two figures.
    CAMPDESK_VERIFY_OK(f->db().write([&](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("UPDATE daily_stats SET extras_revenue = extras_revenue + 1 WHERE day = ?"),
                { sqlDate(day1) });
        return {};
    }));
    diff = ReadModel(f->db()).differencesFromRebuild();
    CAMPDESK_VERIFY_OK(diff);
    QCOMPARE(diff->size(), 1);
    QVERIFY(diff->first().contains(QStringLiteral("extras=40001")));
}

void TestExtras::reservationsTableAndCsvListTheExtras()
{
    const Campsite site = f->addSite(QStringLiteral("A-01"));
    const Extra firewood = add(QStringLiteral("장작"), QStringLiteral("unit"), 10000);
    const Extra power = add(QStringLiteral("전기"), QStringLiteral("night"), 5000);
    BookingRequest request = f->request(site, 1, 2);
    request.extras = { { firewood.id, 3 }, { power.id, 1 } };
    const Reservation withExtras = f->book(request);
    const Reservation without = f->book(f->request(site, 5, 1, QStringLiteral("010-5555-6666")));
    ReservationTableModel model(f->db(), nullptr);
    while (model.canFetchMore(QModelIndex()))
        model.fetchMore(QModelIndex());
    QCOMPARE(model.headerData(ReservationTableModel::Extras, Qt::Horizontal).toString(), QStringLiteral("Extras"));
    QHash<QString, QString> extrasByCode;
    for (int row = 0; row < model.rowCount(); ++row) {
        extrasByCode.insert(model.index(row, ReservationTableModel::Code).data().toString(),
                            PagedQueryModel::csvText(model.kindOf(ReservationTableModel::Extras),
                                                     model.rawValue(row, ReservationTableModel::Extras), QString()));
    }
    QCOMPARE(extrasByCode.value(withExtras.code), QStringLiteral("장작 ×3, 전기 ×2"));
    QCOMPARE(extrasByCode.value(without.code), QString());
}

void TestExtras::pointsOnExtrasFollowTheSetting_data()
{
    QTest::addColumn<bool>("onExtras");
    // Two nights at 40,000 and two bundles of firewood at 10,000: 100,000 paid, 80,000 of it the stay; 5 %.
    // Extended by a night at the desk: 140,000 paid, 120,000 of it the stay.
    QTest::addColumn<qint64>("earned");
    QTest::addColumn<qint64>("earnedAfterChange");
    QTest::newRow("on (the default): stay and extras") << true << qint64(5000) << qint64(7000);
    QTest::newRow("off: the stay only") << false << qint64(4000) << qint64(6000);
}

// Issue 19 item 5: "points are earned on what was paid (stay and extras, a setting)". The quote, the confirmation and a
// change earn by the same rule; a cancel takes back exactly what the booking earned.
void TestExtras::pointsOnExtrasFollowTheSetting()
{
    QFETCH(bool, onExtras);
    QFETCH(qint64, earned);
    QFETCH(qint64, earnedAfterChange);
    RuleSettings rules(f->db());
    BookingRules wanted = rules.get().value();
    QVERIFY(wanted.pointsOnExtras); // the default: as before the setting existed
    wanted.pointsOnExtras = onExtras;
    CAMPDESK_VERIFY_OK(rules.set(BookingFixture::manager(), wanted));
    QCOMPARE(rules.get()->pointsOnExtras, onExtras);

    const Campsite site = f->addSite(QStringLiteral("A-01"), 40000);
    const Extra firewood = add(QStringLiteral("장작"), QStringLiteral("unit"), 10000, 5);
    BookingRequest request = f->request(site, 10, 2);
    request.extras = { { firewood.id, 2 } };
    Result<Quote> quote = f->booking->quote(request);
    CAMPDESK_VERIFY_OK(quote);
    QCOMPARE(quote->payable, qint64(100000));
    QCOMPARE(quote->pointsToEarn, earned);

    Result<Reservation> booked
        = f->booking->book(BookingFixture::desk(), request, f->deskPayment, QStringLiteral("cash"));
    CAMPDESK_VERIFY_OK(booked);
    const Reservation r = booked.value();
    auto earnedBy = [this](qint64 id) {
        Result<qint64> n
            = f->db().read([&](SqlSession& s) -> Result<qint64> { return MileageService::earnedBy(s, id); });
        return n.ok() ? n.value() : -1;
    };
    MileageService mileage(f->db());
    QCOMPARE(earnedBy(r.id), earned);
    QCOMPARE(mileage.balance(r.customerId).value(), earned);

    // A change: the points follow the new amount paid, on the same share.
    ReservationChangeService changes(*f->booking);
    ChangeRequest c;
    c.reservationId = r.id;
    c.campsiteId = r.campsiteId;
    c.checkIn = r.checkIn;
    c.checkOut = r.checkOut.addDays(1);
    c.guests = r.guests;
    Result<Reservation> extended = changes.change(BookingFixture::desk(), c);
    CAMPDESK_VERIFY_OK(extended);
    QCOMPARE(extended->amount, qint64(140000));
    QCOMPARE(earnedBy(r.id), earnedAfterChange);
    QCOMPARE(mileage.balance(r.customerId).value(), earnedAfterChange);

    // The cancel takes back exactly what was earned: nothing is left, nothing goes below.
    CancelRequest cancel;
    cancel.reservationId = r.id;
    CAMPDESK_VERIFY_OK(f->booking->cancel(BookingFixture::desk(), cancel));
    QCOMPARE(mileage.balance(r.customerId).value(), qint64(0));
    QCOMPARE(f->t->count(QStringLiteral("mileage_ledger"),
                         QStringLiteral("reason = 'cancel' AND delta = %1").arg(-earnedAfterChange)),
             1);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

CAMPDESK_DB_TEST_MAIN(TestExtras)
#include "tst_extras.moc"
