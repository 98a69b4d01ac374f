// Changing a reservation on both databases (issue 18 item 1): move to another site, shift the dates, extend, shorten
// (refund of the nights given up by the cancellation rule, or a staff override with a reason), change the party,
// extend a checked-in stay; a clash is SiteTaken with nothing changed; bad input and the wrong actor are refused;
// the points follow the money paid; the invariants checker and the read model stay clean after each.
#include "bookingfixture.h"
#include "domain/daysheetquery.h"
#include "domain/depositsettings.h"
#include "domain/extras.h"
#include "domain/guestdetailsservice.h"
#include "domain/mileageservice.h"
#include "domain/paymentattention.h"
#include "domain/rateplanservice.h"
#include "domain/readmodel.h"
#include "domain/reservationchange.h"
#include "domain/siteblockservice.h"
#include "ops/invariantschecker.h"
#include "payment/paymentreconciler.h"

#include <QSignalSpy>
#include <QTest>
#include <functional>
#include <utility>

using namespace campdesk;
using namespace campdesk::test;

class TestReservationChange : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void moveToAnotherSiteFreesTheOldNights();
    void shiftDatesOnTheSameSite();
    void extendChargesTheDifferenceAtTheDesk();
    void shortenRefundsByTheRule_data();
    void shortenRefundsByTheRule();
    void staffOverrideNeedsAReason();
    void guestsChange();
    void extendACheckedInStay();
    void clashIsSiteTakenAndChangesNothing();
    void badInputIsRefused();
    void cardPaidPriceRiseIsChargedAsASecondPayment();
    void cardPaidPriceRiseRefusedChangesNothing_data();
    void cardPaidPriceRiseRefusedChangesNothing();
    void cardPaidPriceRiseUnansweredIsGivenBackByTheReconciler_data();
    void cardPaidPriceRiseUnansweredIsGivenBackByTheReconciler();
    void cardPaidPriceRiseWhoseNightsAreTakenMeanwhileGivesTheChargeBack();
    void cardPaidShortenGivesPartBackThroughTheProvider();
    void cardRefundDeclinedIsRetriedByTheReconciler();
    void cardRefundUnansweredIsFinishedByTheReconciler_data();
    void cardRefundUnansweredIsFinishedByTheReconciler();
    void cancelAfterAChangeTakesBackAllItsPoints();
    void cancelRefundsAcrossTheBookingAndItsChangesCharges_data();
    void cancelRefundsAcrossTheBookingAndItsChangesCharges();
    void cancelWhoseFirstRefundIsRefusedChangesNothing();
    void cancelWhoseSecondRefundIsRefusedIsFinishedByTheReconciler();
    void cancelWhoseSecondRefundIsUnansweredIsFinishedByTheReconciler_data();
    void cancelWhoseSecondRefundIsUnansweredIsFinishedByTheReconciler();
    void staleChangeIsAlreadyDone();
    void pricedByRatePlansWithTheBookingsParty();
    void bookingWithoutLinesGetsThem();
    void closedDatesAndMinimumStayRefuseAChange();
    void siteBlockRefusesAChangeAsSiteTaken();
    void equipmentTooLongForTheNewSiteRefusesAMove();
    void aDepositBookingsChangeMovesItsBalance();
    void extrasStayWithAChangedBooking();
    void moveAllMovesWhatCanMoveAndReportsTheRest();
    void aCheckedInStayKeepsThePriceOfItsNights();
    void aCheckedInPartysNewFeesStartToday();

private:
    Reservation bookAtDesk(const BookingRequest& request);
    ChangeRequest changeOf(const Reservation& r) const;
    bool clean();
    qint64 balance(qint64 customerId);
    qint64 linesTotal(qint64 reservationId, const QString& kind = QString());
    void setOccupancyFees(const Campsite& site);
    Reservation checkedInFamily(const QString& code, Campsite& site);
    void setSitePrice(const Campsite& site, qint64 price);
    void setChildFee(const Campsite& site, qint64 fee);
    QVariant paymentValue(const QString& column, const QString& where);
    Result<PaymentReconciler::Report> reconcileLater(int seconds = 61);
    // Two nights at 40,000 paid by card `daysAhead` from today, then made a night longer: a second card payment of
    // 40,000 (<order>-chg<n>). Its order id in `chargeOrder`.
    Reservation paidTwiceByCard(const QString& code, int daysAhead, QString* chargeOrder);
    qint64 cancelledEvents(qint64 paymentId);

    std::unique_ptr<BookingFixture> f;
    std::unique_ptr<ReservationChangeService> changes;
};

void TestReservationChange::init()
{
    f = std::make_unique<BookingFixture>();
    QVERIFY2(f->ok(), qPrintable(f->t->errorMessage()));
    changes = std::make_unique<ReservationChangeService>(*f->booking);
}

void TestReservationChange::cleanup()
{
    changes.reset();
    f.reset();
}

Reservation TestReservationChange::bookAtDesk(const BookingRequest& request)
{
    Result<Reservation> r = f->booking->book(BookingFixture::desk(), request, f->deskPayment, QStringLiteral("cash"));
    if (!r.ok()) {
        QTest::qFail(qPrintable(r.error().message), __FILE__, __LINE__);
        return Reservation();
    }
    return r.value();
}

ChangeRequest TestReservationChange::changeOf(const Reservation& r) const
{
    ChangeRequest c;
    c.reservationId = r.id;
    c.campsiteId = r.campsiteId;
    c.checkIn = r.checkIn;
    c.checkOut = r.checkOut;
    c.guests = r.guests;
    return c;
}

// The checker and the read model agree with what was written.
bool TestReservationChange::clean()
{
    if (!BookingFixture::invariantsHold(f->db()))
        return false;
    Result<QStringList> diff = ReadModel(f->db()).differencesFromRebuild();
    if (!diff.ok() || !diff->isEmpty()) {
        QTest::qFail(qPrintable(diff.ok() ? diff->join(QLatin1Char('\n')) : diff.error().message), __FILE__, __LINE__);
        return false;
    }
    return true;
}

qint64 TestReservationChange::balance(qint64 customerId)
{
    Result<qint64> b = MileageService(f->db()).balance(customerId);
    return b.ok() ? b.value() : -1;
}

qint64 TestReservationChange::linesTotal(qint64 reservationId, const QString& kind)
{
    Result<qint64> total = f->db().read([&](SqlSession& s) -> Result<qint64> {
        return s
            .scalar(QStringLiteral("SELECT COALESCE(sum(amount), 0) FROM reservation_lines WHERE reservation_id = ?")
                        + (kind.isEmpty() ? QString() : QStringLiteral(" AND kind = '%1'").arg(kind)),
                    { reservationId })
            .toLongLong();
    });
    return total.ok() ? total.value() : -1;
}

// Base count 2; 10,000 per extra adult, 5,000 per extra child, 3,000 per vehicle above the first, per night.
void TestReservationChange::setOccupancyFees(const Campsite& site)
{
    OccupancyFees fees;
    fees.adultFee = 10000;
    fees.childFee = 5000;
    fees.vehicleFee = 3000;
    fees.includedVehicles = 1;
    f->setOccupancyFees(site, fees, 2);
}

void TestReservationChange::moveToAnotherSiteFreesTheOldNights()
{
    const Campsite a = f->addSite(QStringLiteral("A-01"), 40000);
    const Campsite b = f->addSite(QStringLiteral("A-02"), 40000);
    const Reservation r = f->book(f->request(a, 10, 2));
    QVERIFY(r.id > 0);
    QSignalSpy modified(&f->bus, &EventBus::reservationModified);
    ChangeRequest c = changeOf(r);
    c.campsiteId = b.id;
    Result<ChangeQuote> quote = changes->quoteChange(BookingFixture::desk(), c);
    CAMPDESK_VERIFY_OK(quote);
    QCOMPARE(quote->extra, 0);
    QCOMPARE(quote->refund, 0);
    Result<Reservation> moved = changes->change(BookingFixture::desk(), c);
    CAMPDESK_VERIFY_OK(moved);
    QCOMPARE(moved->campsiteId, b.id);
    QCOMPARE(moved->amount, r.amount);
    QCOMPARE(moved->version, r.version + 1);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights"), QStringLiteral("campsite_id = %1").arg(a.id)), 0);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights"), QStringLiteral("campsite_id = %1").arg(b.id)), 2);
    QCOMPARE(modified.count(), 1); // after commit
    const DomainEvent event = modified.at(0).at(0).value<DomainEvent>();
    QCOMPARE(event.payload.value(QStringLiteral("before")).toObject().value(QStringLiteral("campsiteId")).toInteger(),
             a.id);
    QCOMPARE(f->t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'reservation.change'")), 1);
    QCOMPARE(f->t->count(QStringLiteral("notifications"), QStringLiteral("subject LIKE '%변경%'")), 1);
    // The old site is free for someone else on those dates.
    QVERIFY(f->book(f->request(a, 10, 2, QStringLiteral("010-4444-5555"))).id > 0);
    QVERIFY(clean());
}

void TestReservationChange::shiftDatesOnTheSameSite()
{
    const Campsite a = f->addSite(QStringLiteral("B-01"), 40000);
    const Reservation r = f->book(f->request(a, 10, 2));
    ChangeRequest c = changeOf(r);
    c.checkIn = r.checkIn.addDays(1); // overlaps the old stay by one night
    c.checkOut = r.checkOut.addDays(1);
    Result<Reservation> shifted = changes->change(BookingFixture::desk(), c);
    CAMPDESK_VERIFY_OK(shifted);
    QCOMPARE(shifted->checkIn, c.checkIn);
    QCOMPARE(shifted->checkOut, c.checkOut);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights"),
                         QStringLiteral("reservation_id = %1 AND night >= '%2' AND night < '%3'")
                             .arg(r.id)
                             .arg(c.checkIn.toString(Qt::ISODate), c.checkOut.toString(Qt::ISODate))),
             2);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights")), 2);
    QVERIFY(clean());
}

void TestReservationChange::extendChargesTheDifferenceAtTheDesk()
{
    const Campsite a = f->addSite(QStringLiteral("C-01"), 40000);
    const Reservation r = bookAtDesk(f->request(a, 10, 2));
    QCOMPARE(r.amount, 80000);
    QCOMPARE(balance(r.customerId), 4000); // 5 %
    ChangeRequest c = changeOf(r);
    c.checkOut = r.checkOut.addDays(1);
    Result<ChangeQuote> quote = changes->quoteChange(BookingFixture::desk(), c);
    CAMPDESK_VERIFY_OK(quote);
    QCOMPARE(quote->newPrice, 120000);
    QCOMPARE(quote->extra, 40000);
    QCOMPARE(quote->newAmount, 120000);
    Result<Reservation> extended = changes->change(BookingFixture::desk(), c);
    CAMPDESK_VERIFY_OK(extended);
    QCOMPARE(extended->amount, 120000);
    QCOMPARE(extended->nights(), 3);
    QCOMPARE(f->t->count(QStringLiteral("payments"), QStringLiteral("status = 'approved' AND amount = 120000")), 1);
    QCOMPARE(balance(r.customerId), 6000); // the points follow the money paid
    QVERIFY(clean());
}

void TestReservationChange::shortenRefundsByTheRule_data()
{
    QTest::addColumn<int>("daysAhead");
    QTest::addColumn<qint64>("refund");
    // Three nights of 40,000; shortened to the first night, the two nights given up are 2 and 3 days after check-in.
    QTest::newRow("10 days ahead: 100%") << 10 << qint64(80000);
    QTest::newRow("3 days ahead: 50% (4 days to the first night given up)") << 3 << qint64(40000);
    QTest::newRow("today: 0% (1 day to the first night given up)") << 0 << qint64(0);
}

void TestReservationChange::shortenRefundsByTheRule()
{
    QFETCH(int, daysAhead);
    QFETCH(qint64, refund);
    const Campsite a = f->addSite(QStringLiteral("D-01"), 40000);
    const Reservation r = bookAtDesk(f->request(a, daysAhead, 3));
    ChangeRequest c = changeOf(r);
    c.checkOut = r.checkIn.addDays(1);
    Result<ChangeQuote> quote = changes->quoteChange(BookingFixture::desk(), c);
    CAMPDESK_VERIFY_OK(quote);
    QCOMPARE(quote->priceDrop, 80000);
    QCOMPARE(quote->refund, refund);
    Result<Reservation> shortened = changes->change(BookingFixture::desk(), c);
    CAMPDESK_VERIFY_OK(shortened);
    QCOMPARE(shortened->amount, 120000 - refund);
    QCOMPARE(shortened->nights(), 1);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights")), 1);
    QCOMPARE(f->t->count(QStringLiteral("payments"),
                         QStringLiteral("status = 'approved' AND amount = %1").arg(120000 - refund)),
             1);
    QCOMPARE(balance(r.customerId), (120000 - refund) / 20);
    QVERIFY(clean());
}

void TestReservationChange::staffOverrideNeedsAReason()
{
    const Campsite a = f->addSite(QStringLiteral("E-01"), 40000);
    const Reservation r = bookAtDesk(f->request(a, 1, 3)); // 0 % by the rule
    ChangeRequest c = changeOf(r);
    c.checkOut = r.checkIn.addDays(1);
    c.refundOverride = 30000;
    Result<Reservation> noReason = changes->change(BookingFixture::desk(), c);
    QVERIFY(!noReason.ok());
    QCOMPARE(noReason.error().field, QStringLiteral("reason"));
    c.reason = QStringLiteral("storm warning");
    c.refundOverride = 90000; // more than the nights given up
    Result<Reservation> tooMuch = changes->change(BookingFixture::desk(), c);
    QVERIFY(!tooMuch.ok());
    QCOMPARE(tooMuch.error().field, QStringLiteral("refundOverride"));
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights")), 3); // nothing changed so far
    c.refundOverride = 30000;
    Result<Reservation> done = changes->change(BookingFixture::desk(), c);
    CAMPDESK_VERIFY_OK(done);
    QCOMPARE(done->amount, 90000);
    QCOMPARE(f->t->count(QStringLiteral("audit_log"),
                         QStringLiteral("action = 'reservation.change' AND details LIKE '%storm warning%'")),
             1);
    QVERIFY(clean());
}

void TestReservationChange::guestsChange()
{
    const Campsite a = f->addSite(QStringLiteral("F-01"), 40000, 0, 4);
    const Reservation r = f->book(f->request(a, 5, 2));
    ChangeRequest c = changeOf(r);
    c.guests = 5;
    Result<Reservation> tooMany = changes->change(BookingFixture::desk(), c);
    QVERIFY(!tooMany.ok());
    QCOMPARE(tooMany.error().code, ErrorCode::Invalid);
    QCOMPARE(tooMany.error().field, QStringLiteral("guests"));
    c.guests = 4;
    Result<Reservation> more = changes->change(BookingFixture::desk(), c);
    CAMPDESK_VERIFY_OK(more);
    QCOMPARE(more->guests, 4);
    QCOMPARE(more->amount, r.amount); // the price is per site and night
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights")), 2);
    QVERIFY(clean());
}

void TestReservationChange::extendACheckedInStay()
{
    const Campsite a = f->addSite(QStringLiteral("G-01"), 40000);
    const Campsite b = f->addSite(QStringLiteral("G-02"), 40000);
    Reservation r = bookAtDesk(f->request(a, 0, 2));
    CAMPDESK_VERIFY_OK(f->booking->checkIn(BookingFixture::desk(), r.id));
    f->clock.advanceSecs(24 * 3600); // the second day of the stay
    r = f->booking->get(r.id).value();
    ChangeRequest c = changeOf(r);
    c.campsiteId = b.id;
    Result<Reservation> moved = changes->change(BookingFixture::desk(), c);
    QVERIFY(!moved.ok());
    QCOMPARE(moved.error().field, QStringLiteral("campsiteId"));
    c = changeOf(r);
    c.checkOut = f->today();
    Result<Reservation> endsToday = changes->change(BookingFixture::desk(), c);
    QVERIFY(!endsToday.ok());
    QCOMPARE(endsToday.error().field, QStringLiteral("checkOut"));
    c.checkOut = r.checkOut.addDays(2);
    Result<Reservation> extended = changes->change(BookingFixture::desk(), c);
    CAMPDESK_VERIFY_OK(extended);
    QCOMPARE(extended->status, ReservationStatus::CheckedIn);
    QCOMPARE(extended->nights(), 4);
    QCOMPARE(extended->amount, 160000);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights"), QStringLiteral("reservation_id = %1").arg(r.id)), 4);
    QVERIFY(clean());
}

void TestReservationChange::clashIsSiteTakenAndChangesNothing()
{
    const Campsite a = f->addSite(QStringLiteral("H-01"), 40000);
    const Campsite b = f->addSite(QStringLiteral("H-02"), 40000);
    f->addSite(QStringLiteral("H-03"), 40000);
    const Reservation mine = f->book(f->request(a, 10, 2));
    const Reservation theirs = f->book(f->request(b, 11, 2, QStringLiteral("010-4444-5555")));
    ChangeRequest c = changeOf(mine);
    c.campsiteId = b.id;
    QSignalSpy modified(&f->bus, &EventBus::reservationModified);
    Result<Reservation> clash = changes->change(BookingFixture::desk(), c);
    QVERIFY(!clash.ok());
    QCOMPARE(clash.error().code, ErrorCode::SiteTaken);
    QVERIFY2(clash.error().message.contains(QLatin1String("H-03")), qPrintable(clash.error().message));
    QCOMPARE(modified.count(), 0);
    const Reservation still = f->booking->get(mine.id).value();
    QCOMPARE(still.campsiteId, a.id);
    QCOMPARE(still.version, mine.version);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights"), QStringLiteral("reservation_id = %1").arg(mine.id)), 2);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights"), QStringLiteral("campsite_id = %1").arg(a.id)), 2);
    QCOMPARE(f->t->count(QStringLiteral("domain_events"), QStringLiteral("type = 'ReservationModified'")), 0);
    QCOMPARE(f->t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'reservation.change'")), 0);
    Q_UNUSED(theirs)
    QVERIFY(clean());
}

void TestReservationChange::badInputIsRefused()
{
    const Campsite a = f->addSite(QStringLiteral("J-01"), 40000);
    const Reservation r = f->book(f->request(a, 10, 2));
    const ChangeRequest base = changeOf(r);
    auto refused = [&](ChangeRequest c, const Actor& actor, ErrorCode code, const QString& field) {
        Result<Reservation> out = changes->change(actor, c);
        if (out.ok())
            return QStringLiteral("accepted");
        if (out.error().code != code || out.error().field != field)
            return QStringLiteral("code %1 field '%2': %3")
                .arg(int(out.error().code))
                .arg(out.error().field, out.error().message);
        return QString();
    };
    ChangeRequest c = base;
    c.checkOut = c.checkIn.addDays(-1);
    QCOMPARE(refused(c, BookingFixture::desk(), ErrorCode::Invalid, QStringLiteral("checkOut")), QString());
    c = base;
    c.checkIn = f->today().addDays(-1);
    QCOMPARE(refused(c, BookingFixture::desk(), ErrorCode::Invalid, QStringLiteral("checkIn")), QString());
    c = base;
    c.guests = 0;
    QCOMPARE(refused(c, BookingFixture::desk(), ErrorCode::Invalid, QStringLiteral("guests")), QString());
    c = base;
    c.reservationId = 999999;
    QCOMPARE(refused(c, BookingFixture::desk(), ErrorCode::NotFound, QString()), QString());
    c = base;
    c.campsiteId = 999999;
    QCOMPARE(refused(c, BookingFixture::desk(), ErrorCode::NotFound, QStringLiteral("campsiteId")), QString());
    c = base;
    c.checkOut = c.checkIn.addDays(61);
    QCOMPARE(refused(c, BookingFixture::desk(), ErrorCode::Invalid, QStringLiteral("checkOut")), QString());
    c = base;
    c.checkOut = c.checkOut.addDays(1);
    QCOMPARE(refused(c, BookingFixture::kiosk(), ErrorCode::Forbidden, QString()), QString());
    QCOMPARE(refused(base, BookingFixture::desk(), ErrorCode::Invalid, QString()), QString()); // nothing changed
    // The wrong status: a cancelled booking.
    CancelRequest cancel;
    cancel.reservationId = r.id;
    CAMPDESK_VERIFY_OK(f->booking->cancel(BookingFixture::desk(), cancel));
    c = base;
    c.checkOut = c.checkOut.addDays(1);
    QCOMPARE(refused(c, BookingFixture::desk(), ErrorCode::Invalid, QString()), QString());
    QCOMPARE(f->t->count(QStringLiteral("domain_events"), QStringLiteral("type = 'ReservationModified'")), 0);
    QVERIFY(clean());
}

QVariant TestReservationChange::paymentValue(const QString& column, const QString& where)
{
    Result<QVariant> v = f->db().read([&](SqlSession& s) -> Result<QVariant> {
        return s.scalar(QStringLiteral("SELECT %1 FROM payments WHERE %2").arg(column, where));
    });
    return v.ok() ? v.value() : QVariant(QStringLiteral("error"));
}

// The reconciler of the simulated terminal, once, as if its timer fired `seconds` later.
Result<PaymentReconciler::Report> TestReservationChange::reconcileLater(int seconds)
{
    f->clock.advanceSecs(seconds);
    PaymentReconciler reconciler(f->db(), *f->booking, f->terminal);
    return reconciler.reconcileNow();
}

// Issue 18 leftovers, round 3: a dearer change of a booking paid by card through the payment service is charged to
// the same provider as a second payment of the booking (its own order id), approved in the change's one transaction;
// the booking's amount and its points follow; the checker and the read model agree (two approved payments add up).
void TestReservationChange::cardPaidPriceRiseIsChargedAsASecondPayment()
{
    const Campsite a = f->addSite(QStringLiteral("K-01"), 40000);
    const Campsite dear = f->addSite(QStringLiteral("K-02"), 60000);
    const Reservation r = f->book(f->request(a, 10, 2)); // 80,000 through the simulated card terminal
    QCOMPARE(balance(r.customerId), 4000);
    ChangeRequest c = changeOf(r);
    c.checkOut = r.checkOut.addDays(1);
    c.expectedVersion = r.version;
    Result<ChangeQuote> q = changes->quoteChange(BookingFixture::desk(), c);
    CAMPDESK_VERIFY_OK(q);
    QCOMPARE(q->extra, 40000);
    QCOMPARE(q->chargeProvider, QStringLiteral("simulated"));
    QVERIFY(q->refundProvider.isEmpty());
    const int confirmsBefore = f->terminal.confirmCalls();
    ChangeSettlement settled;
    Result<Reservation> extended = changes->change(BookingFixture::desk(), c, &settled);
    CAMPDESK_VERIFY_OK(extended);
    QCOMPARE(f->terminal.confirmCalls(), confirmsBefore + 1);
    QCOMPARE(settled.charged, 40000);
    QVERIFY2(settled.message.contains(QLatin1String("40,000")), qPrintable(settled.message));
    QCOMPARE(extended->amount, 120000);
    QCOMPARE(extended->nights(), 3);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights"), QStringLiteral("reservation_id = %1").arg(r.id)), 3);
    // The second payment: approved, for the difference, its own order at the provider.
    const QString chargeOrder
        = paymentValue(QStringLiteral("order_id"),
                       QStringLiteral("reservation_id = %1 AND order_id <> '%2'").arg(r.id).arg(r.orderId))
              .toString();
    QVERIFY2(chargeOrder.startsWith(r.orderId + QStringLiteral("-chg")), qPrintable(chargeOrder));
    QVERIFY(ReservationChangeService::isChangeCharge(chargeOrder));
    QVERIFY(!ReservationChangeService::isChangeCharge(r.orderId));
    QCOMPARE(paymentValue(QStringLiteral("status"), QStringLiteral("order_id = '%1'").arg(chargeOrder)).toString(),
             QStringLiteral("approved"));
    QCOMPARE(paymentValue(QStringLiteral("amount"), QStringLiteral("order_id = '%1'").arg(chargeOrder)).toLongLong(),
             40000);
    QCOMPARE(f->terminal.orderStatus(chargeOrder), PaymentOutcome::Status::Approved);
    QCOMPARE(balance(r.customerId), 6000); // points follow the new paid amount
    QVERIFY(clean());

    // A move to a dearer site: charged again, a third payment.
    c = changeOf(extended.value());
    c.campsiteId = dear.id;
    Result<Reservation> moved = changes->change(BookingFixture::desk(), c, &settled);
    CAMPDESK_VERIFY_OK(moved);
    QCOMPARE(settled.charged, 60000);
    QCOMPARE(moved->amount, 180000);
    QCOMPARE(moved->campsiteId, dear.id);
    QCOMPARE(f->t->count(QStringLiteral("payments"),
                         QStringLiteral("reservation_id = %1 AND status = 'approved'").arg(r.id)),
             3);
    QCOMPARE(balance(r.customerId), 9000);
    QVERIFY(clean());
    // The cash-up counts both charges under the card.
    Result<CashUp> cash = DaySheetQuery(f->db()).cashUp(BookingFixture::desk(), f->today());
    CAMPDESK_VERIFY_OK(cash);
    QCOMPARE(cash->taken(), 180000);

    // A cheaper change gives back through the booking's own payment, at most what that one holds (a cancel gives
    // back across all of them: cancelRefundsAcrossTheBookingAndItsChangesCharges).
    const int cancelsBefore = f->terminal.cancelCalls();
    c = changeOf(moved.value());
    c.campsiteId = a.id;
    c.checkOut = r.checkOut; // back to two nights at 40,000: 100,000 cheaper, more than the first payment's 80,000
    Result<Reservation> tooMuch = changes->change(BookingFixture::desk(), c);
    QVERIFY(!tooMuch.ok());
    QCOMPARE(tooMuch.error().field, QStringLiteral("refundOverride"));
    QCOMPARE(f->terminal.cancelCalls(), cancelsBefore);
    c.refundOverride = 80000;
    c.reason = QStringLiteral("guest agreed");
    Result<Reservation> back = changes->change(BookingFixture::desk(), c, &settled);
    CAMPDESK_VERIFY_OK(back);
    QCOMPARE(settled.refund, ChangeSettlement::Refund::Done);
    QCOMPARE(back->amount, 100000);
    QCOMPARE(f->terminal.refundedAmount(r.orderId), 80000);
    QVERIFY(clean());
    // The reconciler looks up the booking's own order only (its refunds are the change's, recorded), never the
    // second payments against it: nothing to do, the booking stands.
    Result<PaymentReconciler::Report> report = reconcileLater();
    CAMPDESK_VERIFY_OK(report);
    QCOMPARE(report->cancelled, 0);
    QCOMPARE(report->needAttention, 0);
    QCOMPARE(f->booking->get(r.id)->status, ReservationStatus::Confirmed);
    QVERIFY(clean());
}

void TestReservationChange::cardPaidPriceRiseRefusedChangesNothing_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("code");
    QTest::newRow("declined") << int(PaymentOutcome::Status::Declined) << int(ErrorCode::Payment);
    QTest::newRow("failed") << int(PaymentOutcome::Status::Failed) << int(ErrorCode::Payment);
    QTest::newRow("payment service busy") << int(PaymentOutcome::Status::Unavailable) << int(ErrorCode::PaymentsBusy);
}

// A refused charge leaves the booking exactly as it was: old nights, old price, the other site still free, the
// payment row failed (nothing pending, nothing approved), no event, no points; the next try is a new order.
void TestReservationChange::cardPaidPriceRiseRefusedChangesNothing()
{
    QFETCH(int, status);
    QFETCH(int, code);
    const Campsite a = f->addSite(QStringLiteral("K-06"), 40000);
    const Campsite dear = f->addSite(QStringLiteral("K-07"), 60000);
    const Reservation r = f->book(f->request(a, 10, 2));
    f->terminal.scriptConfirmOutcomes({ PaymentOutcome::Status(status) });
    ChangeRequest c = changeOf(r);
    c.campsiteId = dear.id;
    c.checkOut = r.checkOut.addDays(1);
    Result<Reservation> refused = changes->change(BookingFixture::desk(), c);
    QVERIFY(!refused.ok());
    QCOMPARE(int(refused.error().code), code);
    QCOMPARE(refused.error().field, QStringLiteral("method"));
    QVERIFY2(refused.error().message.contains(QLatin1String("unchanged")), qPrintable(refused.error().message));
    const Reservation now = f->booking->get(r.id).value();
    QCOMPARE(now.version, r.version);
    QCOMPARE(now.campsiteId, a.id);
    QCOMPARE(now.checkOut, r.checkOut);
    QCOMPARE(now.amount, 80000);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights"), QStringLiteral("reservation_id = %1").arg(r.id)), 2);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights"), QStringLiteral("campsite_id = %1").arg(dear.id)), 0);
    QCOMPARE(
        f->t->count(QStringLiteral("payments"),
                    QStringLiteral("reservation_id = %1 AND status = 'failed' AND order_id LIKE '%-chg%'").arg(r.id)),
        1);
    QCOMPARE(f->t->count(QStringLiteral("payments"),
                         QStringLiteral("reservation_id = %1 AND status IN ('pending', 'approved')").arg(r.id)),
             1);
    QCOMPARE(f->t->count(QStringLiteral("domain_events"), QStringLiteral("type = 'ReservationModified'")), 0);
    QCOMPARE(balance(r.customerId), 4000);
    QVERIFY(clean());
    // Tried again: a new order, charged and changed.
    ChangeSettlement settled;
    CAMPDESK_VERIFY_OK(changes->change(BookingFixture::desk(), c, &settled));
    QCOMPARE(settled.charged, 100000); // three nights at 60,000 less the 80,000 paid
    QVERIFY(clean());
}

void TestReservationChange::cardPaidPriceRiseUnansweredIsGivenBackByTheReconciler_data()
{
    QTest::addColumn<bool>("takenBehind");
    QTest::newRow("the charge was taken, its answer lost") << true;
    QTest::newRow("the charge never reached the provider") << false;
}

// No answer: the booking stays as it was and its charge pending (no other change or second charge of it meanwhile);
// the reconciler looks the order up: taken -> given back (the change was never made); not taken -> failed.
void TestReservationChange::cardPaidPriceRiseUnansweredIsGivenBackByTheReconciler()
{
    QFETCH(bool, takenBehind);
    const Campsite a = f->addSite(QStringLiteral("K-08"), 40000);
    const Reservation r = f->book(f->request(a, 10, 2));
    f->terminal.scriptConfirmOutcomes({ PaymentOutcome::Status::Unknown }, takenBehind);
    ChangeRequest c = changeOf(r);
    c.checkOut = r.checkOut.addDays(1);
    Result<Reservation> unanswered = changes->change(BookingFixture::desk(), c);
    QVERIFY(!unanswered.ok());
    QCOMPARE(unanswered.error().code, ErrorCode::PaymentPending);
    QCOMPARE(f->booking->get(r.id)->version, r.version);
    QCOMPARE(f->booking->get(r.id)->amount, 80000);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights"), QStringLiteral("reservation_id = %1").arg(r.id)), 2);
    const QString chargeOrder = paymentValue(QStringLiteral("order_id"),
                                             QStringLiteral("reservation_id = %1 AND status = 'pending'").arg(r.id))
                                    .toString();
    QVERIFY(ReservationChangeService::isChangeCharge(chargeOrder));
    QVERIFY(clean());
    // Meanwhile: no second charge, and no cheaper change either, of this booking.
    Result<Reservation> again = changes->change(BookingFixture::desk(), c);
    QCOMPARE(again.error().code, ErrorCode::AlreadyDone);
    ChangeRequest shorter = changeOf(r);
    shorter.checkOut = r.checkIn.addDays(1);
    QCOMPARE(changes->change(BookingFixture::desk(), shorter).error().code, ErrorCode::AlreadyDone);
    QCOMPARE(f->terminal.confirmCalls(), 2); // the booking and the one charge

    Result<PaymentReconciler::Report> report = reconcileLater();
    CAMPDESK_VERIFY_OK(report);
    if (takenBehind) {
        QCOMPARE(report->refunded, 1);
        QCOMPARE(f->terminal.orderStatus(chargeOrder), PaymentOutcome::Status::Cancelled);
        QCOMPARE(paymentValue(QStringLiteral("status"), QStringLiteral("order_id = '%1'").arg(chargeOrder)).toString(),
                 QStringLiteral("cancelled"));
    } else {
        QCOMPARE(report->balancesFailed, 1);
        QCOMPARE(paymentValue(QStringLiteral("status"), QStringLiteral("order_id = '%1'").arg(chargeOrder)).toString(),
                 QStringLiteral("failed"));
    }
    const Reservation now = f->booking->get(r.id).value();
    QCOMPARE(now.version, r.version);
    QCOMPARE(now.amount, 80000);
    QCOMPARE(now.checkOut, r.checkOut);
    QCOMPARE(balance(r.customerId), 4000);
    QVERIFY(clean());
    // Free to change (and be charged) again.
    ChangeSettlement settled;
    CAMPDESK_VERIFY_OK(changes->change(BookingFixture::desk(), c, &settled));
    QCOMPARE(settled.charged, 40000);
    QVERIFY(clean());
}

namespace {
// The simulated terminal, with something happening while it is asked (on the same database: no transaction of the
// change may be open then, or this would wait for it).
class MeanwhileGateway final : public PaymentGateway
{
public:
    MeanwhileGateway(SimulatedTerminal& terminal, std::function<void()> meanwhile)
        : m_terminal(terminal)
        , m_meanwhile(std::move(meanwhile))
    {
    }
    QString provider() const override { return m_terminal.provider(); }
    QString displayName() const override { return m_terminal.displayName(); }
    bool isSimulated() const override { return true; }
    PaymentOutcome confirm(const PaymentRequest& request) override
    {
        if (m_meanwhile)
            std::exchange(m_meanwhile, {})();
        return m_terminal.confirm(request);
    }
    PaymentOutcome cancel(const PaymentCancelRequest& request) override { return m_terminal.cancel(request); }
    PaymentOutcome lookup(const QString& orderId) override { return m_terminal.lookup(orderId); }

private:
    SimulatedTerminal& m_terminal;
    std::function<void()> m_meanwhile;
};
} // namespace

// While the card is charged, another desk books one of the new nights: the charge is approved, the swap finds the
// night taken ("just taken", with the free sites), and the charge goes back at once; the booking is as it was.
void TestReservationChange::cardPaidPriceRiseWhoseNightsAreTakenMeanwhileGivesTheChargeBack()
{
    const Campsite a = f->addSite(QStringLiteral("K-09"), 40000);
    const Campsite dear = f->addSite(QStringLiteral("K-10"), 60000);
    const Reservation r = f->book(f->request(a, 10, 2));
    Reservation other;
    MeanwhileGateway gateway(f->terminal, [&] {
        BookingRequest taken = f->request(dear, 11, 1, QStringLiteral("010-7777-8888"));
        Result<Reservation> booked
            = f->booking->book(BookingFixture::desk(), taken, f->deskPayment, QStringLiteral("cash"));
        if (booked.ok())
            other = booked.value();
    });
    f->booking->addGateway(&gateway);
    ChangeRequest c = changeOf(r);
    c.campsiteId = dear.id;
    Result<Reservation> lost = changes->change(BookingFixture::desk(), c);
    f->booking->addGateway(&f->terminal);
    QVERIFY(other.id > 0); // booked while the card was charged
    QVERIFY(!lost.ok());
    QCOMPARE(lost.error().code, ErrorCode::SiteTaken);
    QCOMPARE(lost.error().field, QStringLiteral("campsiteId"));
    QVERIFY2(lost.error().message.contains(QLatin1String("given back")), qPrintable(lost.error().message));
    const QString chargeOrder
        = paymentValue(QStringLiteral("order_id"),
                       QStringLiteral("reservation_id = %1 AND order_id <> '%2'").arg(r.id).arg(r.orderId))
              .toString();
    QCOMPARE(f->terminal.orderStatus(chargeOrder), PaymentOutcome::Status::Cancelled);
    QCOMPARE(paymentValue(QStringLiteral("status"), QStringLiteral("order_id = '%1'").arg(chargeOrder)).toString(),
             QStringLiteral("cancelled"));
    const Reservation now = f->booking->get(r.id).value();
    QCOMPARE(now.version, r.version);
    QCOMPARE(now.campsiteId, a.id);
    QCOMPARE(now.amount, 80000);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights"),
                         QStringLiteral("reservation_id = %1 AND campsite_id = %2").arg(r.id).arg(a.id)),
             2);
    QCOMPARE(balance(r.customerId), 4000);
    QVERIFY(clean());
}

// Issue 18 leftover 1: a card-paid booking made cheaper gets the refund back through the same provider, a partial
// cancel of its payment; the payment keeps what was taken, the refund is a row of its own; the reconciler does not
// take the partly refunded order for a cancelled one; a later cancel refunds what is left.
void TestReservationChange::cardPaidShortenGivesPartBackThroughTheProvider()
{
    const Campsite a = f->addSite(QStringLiteral("K-03"), 40000);
    const Reservation r = f->book(f->request(a, 10, 3)); // 120,000 through the simulated terminal
    const qint64 paymentId
        = paymentValue(QStringLiteral("id"), QStringLiteral("order_id = '%1'").arg(r.orderId)).toLongLong();
    ChangeRequest c = changeOf(r);
    c.checkOut = r.checkIn.addDays(1);
    Result<ChangeQuote> q = changes->quoteChange(BookingFixture::desk(), c);
    CAMPDESK_VERIFY_OK(q);
    QCOMPARE(q->refund, 80000); // 10 days ahead: 100% of the two nights given up
    QCOMPARE(q->refundProvider, QStringLiteral("simulated"));
    ChangeSettlement settled;
    Result<Reservation> shortened = changes->change(BookingFixture::desk(), c, &settled);
    CAMPDESK_VERIFY_OK(shortened);
    QCOMPARE(settled.refund, ChangeSettlement::Refund::Done);
    QCOMPARE(settled.amount, 80000);
    QVERIFY(!settled.message.isEmpty());
    QCOMPARE(shortened->amount, 40000);
    QCOMPARE(shortened->status, ReservationStatus::Confirmed);
    QCOMPARE(f->terminal.cancelCalls(), 1);
    QCOMPARE(f->terminal.refundedAmount(r.orderId), 80000);
    // The payment keeps what the provider took; the refund is its own row, pointing at it.
    QCOMPARE(paymentValue(QStringLiteral("status"), QStringLiteral("id = %1").arg(paymentId)).toString(),
             QStringLiteral("approved"));
    QCOMPARE(paymentValue(QStringLiteral("amount"), QStringLiteral("id = %1").arg(paymentId)).toLongLong(), 120000);
    QVERIFY(paymentValue(QStringLiteral("refund_requested"), QStringLiteral("id = %1").arg(paymentId)).isNull());
    QCOMPARE(f->t->count(QStringLiteral("payments"),
                         QStringLiteral("refund_of = %1 AND status = 'cancelled' AND refund_amount = 80000 AND "
                                        "approved_at IS NULL AND cancelled_at IS NOT NULL")
                             .arg(paymentId)),
             1);
    QVERIFY(clean());

    // The day's cash-up shows the refund under the card terminal.
    Result<CashUp> cash = DaySheetQuery(f->db()).cashUp(BookingFixture::desk(), f->today());
    CAMPDESK_VERIFY_OK(cash);
    QCOMPARE(cash->refunded(), 80000);
    QCOMPARE(cash->taken(), 120000);
    // The arrivals sheet: paid is what the payments kept.
    Result<QList<DaySheetRow>> arrivals
        = DaySheetQuery(f->db()).sheet(BookingFixture::desk(), DaySheetKind::Arrivals, r.checkIn);
    CAMPDESK_VERIFY_OK(arrivals);
    QCOMPARE(arrivals->size(), 1);
    QCOMPARE(arrivals->first().paid, 40000);
    QCOMPARE(arrivals->first().balance(), 0);

    // The provider now says the order is cancelled, 80,000 of 120,000 given back: the booking stands.
    QCOMPARE(f->terminal.orderStatus(r.orderId), PaymentOutcome::Status::Cancelled);
    Result<PaymentReconciler::Report> report = reconcileLater();
    CAMPDESK_VERIFY_OK(report);
    QCOMPARE(report->cancelled, 0);
    QCOMPARE(report->needAttention, 0);
    QCOMPARE(f->booking->get(r.id)->status, ReservationStatus::Confirmed);
    QCOMPARE(f->t->count(QStringLiteral("payments"), QStringLiteral("refund_of = %1").arg(paymentId)), 1);

    // Cancelled later: what is left is refunded by the rule, never more than the provider holds.
    CancelRequest cancel;
    cancel.reservationId = r.id;
    Result<Reservation> cancelled = f->booking->cancel(BookingFixture::desk(), cancel);
    CAMPDESK_VERIFY_OK(cancelled);
    QCOMPARE(cancelled->refundAmount, 40000);
    QCOMPARE(f->terminal.refundedAmount(r.orderId), 120000);
    QVERIFY(clean());
}

// The provider refuses the refund: the change stands (its nights are the guest's), the refund is owed, flagged, and
// the reconciler asks again after the pause and records it, credited to the reconciler in the cash-up.
void TestReservationChange::cardRefundDeclinedIsRetriedByTheReconciler()
{
    const Campsite a = f->addSite(QStringLiteral("K-04"), 40000);
    const Reservation r = f->book(f->request(a, 10, 3));
    const qint64 paymentId
        = paymentValue(QStringLiteral("id"), QStringLiteral("order_id = '%1'").arg(r.orderId)).toLongLong();
    f->terminal.scriptCancelOutcomes({ PaymentOutcome::Status::Declined });
    ChangeRequest c = changeOf(r);
    c.checkOut = r.checkIn.addDays(2);
    ChangeSettlement settled;
    Result<Reservation> shortened = changes->change(BookingFixture::desk(), c, &settled);
    CAMPDESK_VERIFY_OK(shortened);
    QCOMPARE(settled.refund, ChangeSettlement::Refund::Retried);
    QCOMPARE(shortened->amount, 80000);
    QCOMPARE(f->terminal.refundedAmount(r.orderId), 0);
    QCOMPARE(paymentValue(QStringLiteral("attention"), QStringLiteral("id = %1").arg(paymentId)).toString(),
             attentionReasonKey(AttentionReason::RefundFailed));
    QCOMPARE(paymentValue(QStringLiteral("refund_requested"), QStringLiteral("id = %1").arg(paymentId)).toLongLong(),
             40000);
    // (The checker lists every payment needing attention: clean again once the reconciler has made the refund.)
    // Owed: no check-in, no other change, no cancel meanwhile.
    ChangeRequest again = changeOf(shortened.value());
    again.checkOut = r.checkIn.addDays(1);
    QVERIFY(!changes->change(BookingFixture::desk(), again).ok());

    Result<PaymentReconciler::Report> report = reconcileLater(3 * 60); // past the first pause
    CAMPDESK_VERIFY_OK(report);
    QCOMPARE(report->refunded, 1);
    QCOMPARE(report->cancelled, 0);
    QCOMPARE(f->terminal.refundedAmount(r.orderId), 40000);
    QVERIFY(paymentValue(QStringLiteral("attention"), QStringLiteral("id = %1").arg(paymentId)).isNull());
    QVERIFY(paymentValue(QStringLiteral("refund_requested"), QStringLiteral("id = %1").arg(paymentId)).isNull());
    QCOMPARE(
        paymentValue(QStringLiteral("refunded_by_system"), QStringLiteral("refund_of = %1").arg(paymentId)).toString(),
        QStringLiteral("reconciler"));
    QCOMPARE(f->booking->get(r.id)->status, ReservationStatus::Confirmed);
    QVERIFY(clean());

    // Issue 18 leftover 3: the cash-up credits that refund to the payment reconciler, by its translated name.
    Result<CashUp> cash = DaySheetQuery(f->db()).cashUp(BookingFixture::desk(), f->today());
    CAMPDESK_VERIFY_OK(cash);
    bool found = false;
    for (const CashUpLine& line : cash->lines) {
        if (line.refunded == 40000) {
            QCOMPARE(line.system, QStringLiteral("reconciler"));
            QVERIFY(line.staff.isEmpty());
            QCOMPARE(DaySheetQuery::staffLabel(line), QStringLiteral("Payment reconciler"));
            found = true;
        }
    }
    QVERIFY(found);
    QVERIFY(changes->change(BookingFixture::desk(), again).ok()); // free to change again
}

void TestReservationChange::cardRefundUnansweredIsFinishedByTheReconciler_data()
{
    QTest::addColumn<bool>("madeBehind");
    QTest::newRow("the refund was made, its answer lost") << true;
    QTest::newRow("the refund never reached the provider") << false;
}

// No answer: the change stands with its refund claimed (nothing else moves the booking's money); the reconciler looks
// the order up: partly refunded by the claim -> recorded; not refunded -> owed and asked again.
void TestReservationChange::cardRefundUnansweredIsFinishedByTheReconciler()
{
    QFETCH(bool, madeBehind);
    const Campsite a = f->addSite(QStringLiteral("K-05"), 40000);
    const Reservation r = f->book(f->request(a, 10, 3));
    const qint64 paymentId
        = paymentValue(QStringLiteral("id"), QStringLiteral("order_id = '%1'").arg(r.orderId)).toLongLong();
    f->terminal.scriptCancelOutcomes({ PaymentOutcome::Status::Unknown });
    ChangeRequest c = changeOf(r);
    c.checkOut = r.checkIn.addDays(1);
    ChangeSettlement settled;
    Result<Reservation> shortened = changes->change(BookingFixture::desk(), c, &settled);
    CAMPDESK_VERIFY_OK(shortened);
    QCOMPARE(settled.refund, ChangeSettlement::Refund::Pending);
    QCOMPARE(paymentValue(QStringLiteral("refund_requested"), QStringLiteral("id = %1").arg(paymentId)).toLongLong(),
             80000);
    QVERIFY(clean());
    // A cancel meanwhile waits for the claim.
    CancelRequest cancel;
    cancel.reservationId = r.id;
    QVERIFY(!f->booking->cancel(BookingFixture::desk(), cancel).ok());
    if (madeBehind) {
        // What the unanswered call did at the provider: this change's own partial refund.
        PaymentCancelRequest made { r.orderId, QString(), 80000, QStringLiteral("behind"),
                                    QStringLiteral("change-%1-1").arg(r.orderId) };
        QVERIFY(f->terminal.cancel(made).approved());
    }
    Result<PaymentReconciler::Report> report = reconcileLater();
    CAMPDESK_VERIFY_OK(report);
    QCOMPARE(report->cancelled, 0);
    QCOMPARE(f->booking->get(r.id)->status, ReservationStatus::Confirmed);
    if (madeBehind) {
        QCOMPARE(report->changeRefunds, 1);
    } else {
        QCOMPARE(report->needAttention, 1); // owed: asked again after the pause
        QCOMPARE(f->terminal.refundedAmount(r.orderId), 0);
        report = reconcileLater(3 * 60);
        CAMPDESK_VERIFY_OK(report);
        QCOMPARE(report->refunded, 1);
    }
    QCOMPARE(f->terminal.refundedAmount(r.orderId), 80000);
    QCOMPARE(f->t->count(QStringLiteral("payments"),
                         QStringLiteral("refund_of = %1 AND refund_amount = 80000").arg(paymentId)),
             1);
    QVERIFY(paymentValue(QStringLiteral("refund_requested"), QStringLiteral("id = %1").arg(paymentId)).isNull());
    QVERIFY(clean());
    // Nothing left to do on the next run.
    report = reconcileLater(3 * 60);
    CAMPDESK_VERIFY_OK(report);
    QCOMPARE(report->changeRefunds + report->refunded + report->needAttention + report->cancelled, 0);
}

void TestReservationChange::cancelAfterAChangeTakesBackAllItsPoints()
{
    const Campsite a = f->addSite(QStringLiteral("L-01"), 40000);
    const Reservation r = bookAtDesk(f->request(a, 10, 2));
    ChangeRequest c = changeOf(r);
    c.checkOut = r.checkOut.addDays(2);
    CAMPDESK_VERIFY_OK(changes->change(BookingFixture::desk(), c));
    QCOMPARE(balance(r.customerId), 8000);
    CancelRequest cancel;
    cancel.reservationId = r.id;
    Result<Reservation> cancelled = f->booking->cancel(BookingFixture::desk(), cancel);
    CAMPDESK_VERIFY_OK(cancelled);
    QCOMPARE(cancelled->refundAmount, 160000);
    QCOMPARE(balance(r.customerId), 0); // none of the extension's points stay behind
    QVERIFY(clean());
}

Reservation TestReservationChange::paidTwiceByCard(const QString& code, int daysAhead, QString* chargeOrder)
{
    const Campsite a = f->addSite(code, 40000);
    const Reservation r = f->book(f->request(a, daysAhead, 2));
    ChangeRequest c = changeOf(r);
    c.checkOut = r.checkOut.addDays(1);
    ChangeSettlement settled;
    Result<Reservation> extended = changes->change(BookingFixture::desk(), c, &settled);
    if (!extended.ok() || settled.charged != 40000) {
        qWarning() << "the dearer change was not charged:" << (extended.ok() ? QString() : extended.error().message);
        return Reservation();
    }
    *chargeOrder = paymentValue(QStringLiteral("order_id"),
                                QStringLiteral("reservation_id = %1 AND order_id <> '%2'").arg(r.id).arg(r.orderId))
                       .toString();
    return extended.value();
}

qint64 TestReservationChange::cancelledEvents(qint64 paymentId)
{
    return f->t->count(
        QStringLiteral("domain_events"),
        QStringLiteral("type = 'PaymentCancelled' AND aggregate = 'payment' AND aggregate_id = %1").arg(paymentId));
}

void TestReservationChange::cancelRefundsAcrossTheBookingAndItsChangesCharges_data()
{
    QTest::addColumn<int>("daysAhead");
    QTest::addColumn<qint64>("refund");
    QTest::addColumn<qint64>("fromCharge");
    QTest::addColumn<qint64>("fromBooking");
    // The default table: 7+ days 100%, 3+ days 50%. Newest payment first: the change's charge, then the booking's.
    QTest::newRow("100%: both given back whole") << 10 << qint64(120000) << qint64(40000) << qint64(80000);
    QTest::newRow("50%: the charge whole, the booking's part") << 4 << qint64(60000) << qint64(40000) << qint64(20000);
}

// Issues 18/19: a card booking made dearer by a change is paid in two payments at the provider. Its cancel refunds by
// the rule across both, newest first: one partial cancel per payment at the provider, each recorded on its payment,
// the booking cancelled once with their sum; points taken back once; the checker and the read model agree.
void TestReservationChange::cancelRefundsAcrossTheBookingAndItsChangesCharges()
{
    QFETCH(int, daysAhead);
    QFETCH(qint64, refund);
    QFETCH(qint64, fromCharge);
    QFETCH(qint64, fromBooking);
    QString chargeOrder;
    const Reservation r = paidTwiceByCard(QStringLiteral("N-01"), daysAhead, &chargeOrder);
    QVERIFY(r.id > 0);
    QCOMPARE(r.amount, 120000);
    QCOMPARE(balance(r.customerId), 6000);
    CancelRequest cancel;
    cancel.reservationId = r.id;
    cancel.reason = QStringLiteral("plans changed");
    Result<CancelQuote> quote = f->booking->cancellationQuote(BookingFixture::desk(), cancel);
    CAMPDESK_VERIFY_OK(quote);
    QCOMPARE(quote->refund, refund);
    const int cancelsBefore = f->terminal.cancelCalls();
    Result<Reservation> cancelled = f->booking->cancel(BookingFixture::desk(), cancel);
    CAMPDESK_VERIFY_OK(cancelled);
    QCOMPARE(cancelled->status, ReservationStatus::Cancelled);
    QCOMPARE(cancelled->refundAmount, refund); // what the dialog's quote said
    QCOMPARE(f->terminal.cancelCalls(), cancelsBefore + 2);
    QCOMPARE(f->terminal.refundedAmount(chargeOrder), fromCharge);
    QCOMPARE(f->terminal.refundedAmount(r.orderId), fromBooking);
    for (const auto& [order, part] : { std::pair { chargeOrder, fromCharge }, std::pair { r.orderId, fromBooking } }) {
        const QString where = QStringLiteral("order_id = '%1'").arg(order);
        QCOMPARE(paymentValue(QStringLiteral("status"), where).toString(), QStringLiteral("cancelled"));
        QCOMPARE(paymentValue(QStringLiteral("refund_amount"), where).toLongLong(), part);
        QCOMPARE(paymentValue(QStringLiteral("refund_kind"), where).toString(), QStringLiteral("cancel"));
        QCOMPARE(cancelledEvents(paymentValue(QStringLiteral("id"), where).toLongLong()), 1);
    }
    QCOMPARE(f->t->count(QStringLiteral("domain_events"),
                         QStringLiteral("type = 'ReservationCancelled' AND aggregate_id = %1").arg(r.id)),
             1);
    QCOMPARE(f->t->count(QStringLiteral("notifications"), QStringLiteral("reservation_id = %1").arg(r.id)) > 0, true);
    QCOMPARE(balance(r.customerId), 0); // the booking's and the change's points, taken back once
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights"), QStringLiteral("reservation_id = %1").arg(r.id)), 0);
    Result<qint64> refunds = f->db().read([&](SqlSession& s) -> Result<qint64> {
        return s.scalar(QStringLiteral("SELECT COALESCE(sum(refunds), 0) FROM daily_stats")).toLongLong();
    });
    QCOMPARE(refunds.value(), refund);
    QVERIFY(clean());
    // Again: already cancelled, nothing more given back.
    Result<Reservation> twice = f->booking->cancel(BookingFixture::desk(), cancel);
    QVERIFY(!twice.ok());
    QCOMPARE(twice.error().code, ErrorCode::AlreadyDone);
    QCOMPARE(f->terminal.cancelCalls(), cancelsBefore + 2);
}

// The first refund asked (the newest payment) is refused: nothing was given back, so every claim goes and the booking
// is as it was (its money, its nights, no event); the desk may try again.
void TestReservationChange::cancelWhoseFirstRefundIsRefusedChangesNothing()
{
    QString chargeOrder;
    const Reservation r = paidTwiceByCard(QStringLiteral("N-02"), 10, &chargeOrder);
    QVERIFY(r.id > 0);
    f->terminal.scriptCancelOutcomes({ PaymentOutcome::Status::Declined });
    CancelRequest cancel;
    cancel.reservationId = r.id;
    Result<Reservation> refused = f->booking->cancel(BookingFixture::desk(), cancel);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Payment);
    QVERIFY2(refused.error().message.contains(QLatin1String("unchanged")), qPrintable(refused.error().message));
    const Reservation now = f->booking->get(r.id).value();
    QCOMPARE(now.status, ReservationStatus::Confirmed);
    QCOMPARE(now.version, r.version);
    QCOMPARE(f->t->count(QStringLiteral("payments"),
                         QStringLiteral("reservation_id = %1 AND status = 'approved' AND "
                                        "refund_requested IS NULL AND refund_kind IS NULL")
                             .arg(r.id)),
             2);
    QCOMPARE(f->terminal.refundedAmount(chargeOrder), 0);
    QCOMPARE(f->terminal.refundedAmount(r.orderId), 0);
    QCOMPARE(f->t->count(QStringLiteral("domain_events"), QStringLiteral("type = 'ReservationCancelled'")), 0);
    QVERIFY(clean());
    CAMPDESK_VERIFY_OK(f->booking->cancel(BookingFixture::desk(), cancel)); // tried again
    QCOMPARE(f->terminal.refundedAmount(chargeOrder), 40000);
    QCOMPARE(f->terminal.refundedAmount(r.orderId), 80000);
    QVERIFY(clean());
}

// The newest payment is given back, the booking's own is refused: what was given back is recorded, the rest is owed
// (flagged, listed, the booking still confirmed and no check-in meanwhile), and the reconciler asks again after the
// pause, records it and cancels the booking, each payment refunded once.
void TestReservationChange::cancelWhoseSecondRefundIsRefusedIsFinishedByTheReconciler()
{
    QString chargeOrder;
    const Reservation r = paidTwiceByCard(QStringLiteral("N-03"), 10, &chargeOrder);
    QVERIFY(r.id > 0);
    const qint64 ownId
        = paymentValue(QStringLiteral("id"), QStringLiteral("order_id = '%1'").arg(r.orderId)).toLongLong();
    f->terminal.scriptCancelOutcomes({ PaymentOutcome::Status::Approved, PaymentOutcome::Status::Declined });
    CancelRequest cancel;
    cancel.reservationId = r.id;
    Result<Reservation> half = f->booking->cancel(BookingFixture::desk(), cancel);
    QVERIFY(!half.ok());
    QCOMPARE(half.error().code, ErrorCode::PaymentPending);
    QVERIFY2(half.error().message.contains(QLatin1String("80,000")), qPrintable(half.error().message));
    QCOMPARE(f->booking->get(r.id)->status, ReservationStatus::Confirmed);
    QCOMPARE(f->terminal.refundedAmount(chargeOrder), 40000);
    QCOMPARE(f->terminal.refundedAmount(r.orderId), 0);
    QCOMPARE(paymentValue(QStringLiteral("status"), QStringLiteral("order_id = '%1'").arg(chargeOrder)).toString(),
             QStringLiteral("cancelled"));
    QCOMPARE(paymentValue(QStringLiteral("attention"), QStringLiteral("id = %1").arg(ownId)).toString(),
             attentionReasonKey(AttentionReason::RefundFailed));
    QCOMPARE(paymentValue(QStringLiteral("refund_requested"), QStringLiteral("id = %1").arg(ownId)).toLongLong(),
             80000);
    // Listed by the checker (and the status page) as needing attention; nothing else is wrong.
    Result<QStringList> problems = InvariantsChecker(f->db()).check();
    CAMPDESK_VERIFY_OK(problems);
    QCOMPARE(problems->size(), 1);
    QVERIFY2(problems->first().contains(r.code), qPrintable(problems->first()));
    // Owed: no check-in, no second cancel meanwhile.
    QCOMPARE(f->booking->cancel(BookingFixture::desk(), cancel).error().code, ErrorCode::AlreadyDone);

    Result<PaymentReconciler::Report> early = reconcileLater(30); // before the first pause: nothing asked
    CAMPDESK_VERIFY_OK(early);
    QCOMPARE(f->terminal.refundedAmount(r.orderId), 0);
    Result<PaymentReconciler::Report> report = reconcileLater(3 * 60);
    CAMPDESK_VERIFY_OK(report);
    QCOMPARE(report->refunded, 1);
    QCOMPARE(report->cancelled, 1);
    const Reservation done = f->booking->get(r.id).value();
    QCOMPARE(done.status, ReservationStatus::Cancelled);
    QCOMPARE(done.refundAmount, 120000);
    QCOMPARE(f->terminal.refundedAmount(chargeOrder), 40000);
    QCOMPARE(f->terminal.refundedAmount(r.orderId), 80000);
    QVERIFY(paymentValue(QStringLiteral("attention"), QStringLiteral("id = %1").arg(ownId)).isNull());
    QCOMPARE(paymentValue(QStringLiteral("refunded_by_system"), QStringLiteral("id = %1").arg(ownId)).toString(),
             QStringLiteral("reconciler"));
    QCOMPARE(cancelledEvents(ownId), 1);
    QCOMPARE(balance(r.customerId), 0);
    QVERIFY(clean());
    // Nothing more to do: no second refund.
    const int cancels = f->terminal.cancelCalls();
    Result<PaymentReconciler::Report> again = reconcileLater(6 * 60 * 60);
    CAMPDESK_VERIFY_OK(again);
    QCOMPARE(again->cancelled + again->refunded, 0);
    QCOMPARE(f->terminal.cancelCalls(), cancels);
    QVERIFY(clean());
}

void TestReservationChange::cancelWhoseSecondRefundIsUnansweredIsFinishedByTheReconciler_data()
{
    QTest::addColumn<bool>("madeBehind");
    QTest::newRow("the refund was made, its answer lost") << true;
    QTest::newRow("the refund was never made") << false;
}

// The newest payment's refund gets no answer: the desk stops there (the older payment is not asked), records nothing
// and says it is being checked. The reconciler, past the minimum age, looks up both parts together: the charge found
// refunded -> recorded; the booking's own payment still whole -> owed, asked after the pause -> the booking cancelled.
// Never refunded -> nothing was given back anywhere: both claims released, the booking usable again.
void TestReservationChange::cancelWhoseSecondRefundIsUnansweredIsFinishedByTheReconciler()
{
    QFETCH(bool, madeBehind);
    QString chargeOrder;
    const Reservation r = paidTwiceByCard(QStringLiteral("N-04"), 10, &chargeOrder);
    QVERIFY(r.id > 0);
    f->terminal.scriptCancelOutcomes({ PaymentOutcome::Status::Unknown });
    CancelRequest cancel;
    cancel.reservationId = r.id;
    Result<Reservation> unanswered = f->booking->cancel(BookingFixture::desk(), cancel);
    QVERIFY(!unanswered.ok());
    QCOMPARE(unanswered.error().code, ErrorCode::PaymentPending);
    QCOMPARE(f->t->count(QStringLiteral("payments"),
                         QStringLiteral("reservation_id = %1 AND status = 'approved' AND "
                                        "refund_kind = 'cancel'")
                             .arg(r.id)),
             2);
    if (madeBehind) {
        PaymentCancelRequest behind;
        behind.orderId = chargeOrder;
        behind.cancelAmount = 40000;
        QVERIFY(f->terminal.cancel(behind).approved());
    }
    // Younger than the minimum age: left to the cancel that may still be waiting.
    Result<PaymentReconciler::Report> young = reconcileLater(10);
    CAMPDESK_VERIFY_OK(young);
    QCOMPARE(f->booking->get(r.id)->status, ReservationStatus::Confirmed);
    QCOMPARE(f->t->count(QStringLiteral("payments"),
                         QStringLiteral("reservation_id = %1 AND attention IS NOT NULL").arg(r.id)),
             0);

    Result<PaymentReconciler::Report> report = reconcileLater(61);
    CAMPDESK_VERIFY_OK(report);
    if (!madeBehind) {
        QCOMPARE(report->claimsReleased, 2);
        QCOMPARE(f->booking->get(r.id)->status, ReservationStatus::Confirmed);
        QCOMPARE(f->t->count(QStringLiteral("payments"),
                             QStringLiteral("reservation_id = %1 AND status = 'approved' "
                                            "AND refund_requested IS NULL")
                                 .arg(r.id)),
                 2);
        QVERIFY(clean());
        CAMPDESK_VERIFY_OK(f->booking->cancel(BookingFixture::desk(), cancel)); // usable again
    } else {
        QCOMPARE(report->needAttention, 1); // the booking's own payment, owed
        QCOMPARE(paymentValue(QStringLiteral("status"), QStringLiteral("order_id = '%1'").arg(chargeOrder)).toString(),
                 QStringLiteral("cancelled"));
        QCOMPARE(f->booking->get(r.id)->status, ReservationStatus::Confirmed);
        Result<PaymentReconciler::Report> retried = reconcileLater(3 * 60);
        CAMPDESK_VERIFY_OK(retried);
        QCOMPARE(retried->cancelled, 1);
    }
    const Reservation done = f->booking->get(r.id).value();
    QCOMPARE(done.status, ReservationStatus::Cancelled);
    QCOMPARE(done.refundAmount, 120000);
    QCOMPARE(f->terminal.refundedAmount(chargeOrder), 40000);
    QCOMPARE(f->terminal.refundedAmount(r.orderId), 80000);
    QCOMPARE(balance(r.customerId), 0);
    QVERIFY(clean());
}

void TestReservationChange::staleChangeIsAlreadyDone()
{
    // Two desks opened the same booking (version N); the first moves it, the second's change is on what it saw.
    const Campsite a = f->addSite(QStringLiteral("M-01"), 40000);
    const Campsite b = f->addSite(QStringLiteral("M-02"), 40000);
    const Campsite d = f->addSite(QStringLiteral("M-03"), 40000);
    const Reservation r = f->book(f->request(a, 10, 2));
    ChangeRequest first = changeOf(r);
    first.campsiteId = b.id;
    first.expectedVersion = r.version;
    ChangeRequest second = changeOf(r);
    second.campsiteId = d.id;
    second.expectedVersion = r.version;
    CAMPDESK_VERIFY_OK(changes->change(BookingFixture::desk(), first));
    Result<Reservation> late = changes->change(BookingFixture::desk(), second);
    QVERIFY(!late.ok());
    QCOMPARE(late.error().code, ErrorCode::AlreadyDone);
    QCOMPARE(f->booking->get(r.id)->campsiteId, b.id);
    // The same request again, without a version: nothing left to change, no second event.
    first.expectedVersion = 0;
    QCOMPARE(changes->change(BookingFixture::desk(), first).error().code, ErrorCode::Invalid);
    QCOMPARE(f->t->count(QStringLiteral("domain_events"), QStringLiteral("type = 'ReservationModified'")), 1);
    QVERIFY(clean());
}

void TestReservationChange::pricedByRatePlansWithTheBookingsParty()
{
    const Campsite a = f->addSite(QStringLiteral("N-01"), 40000, 0, 6);
    setOccupancyFees(a);
    BookingRequest request = f->request(a, 1, 2); // Tuesday and Wednesday
    request.guests = 3;
    request.children = 1;
    request.vehicles = 2;
    const Reservation r = bookAtDesk(request);
    QCOMPARE(r.amount, 80000 + 2 * 5000 + 2 * 3000); // one extra child, one extra car
    // Extended by a night, the party not given: priced with the child and the two cars as booked.
    ChangeRequest c = changeOf(r);
    c.checkOut = r.checkOut.addDays(1);
    Result<ChangeQuote> quote = changes->quoteChange(BookingFixture::desk(), c);
    CAMPDESK_VERIFY_OK(quote);
    QCOMPARE(quote->children, 1);
    QCOMPARE(quote->vehicles, 2);
    QCOMPARE(quote->newPrice, 120000 + 3 * 5000 + 3 * 3000);
    QCOMPARE(quote->extra, 48000);
    Result<Reservation> extended = changes->change(BookingFixture::desk(), c);
    CAMPDESK_VERIFY_OK(extended);
    QCOMPARE(extended->amount, 144000);
    QCOMPARE(linesTotal(r.id), 144000); // the lines were rewritten for the new stay
    QCOMPARE(linesTotal(r.id, QStringLiteral("night")), 120000);
    QCOMPARE(linesTotal(r.id, QStringLiteral("extra_child")), 15000);
    QVERIFY(clean());
    // The child was an adult after all, and one car stays home: the party given replaces the booking's.
    c = changeOf(extended.value());
    c.children = 0;
    c.vehicles = 1;
    quote = changes->quoteChange(BookingFixture::desk(), c);
    CAMPDESK_VERIFY_OK(quote);
    QCOMPARE(quote->newPrice, 120000 + 3 * 10000);
    CAMPDESK_VERIFY_OK(changes->change(BookingFixture::desk(), c));
    QCOMPARE(linesTotal(r.id, QStringLiteral("extra_adult")), 30000);
    QCOMPARE(linesTotal(r.id, QStringLiteral("vehicle")), 0);
    QCOMPARE(linesTotal(r.id), f->booking->get(r.id)->amount);
    // Children are fewer than the guests.
    c = changeOf(f->booking->get(r.id).value());
    c.children = 3;
    QCOMPARE(changes->change(BookingFixture::desk(), c).error().field, QStringLiteral("children"));
    QVERIFY(clean());
}

void TestReservationChange::bookingWithoutLinesGetsThem()
{
    const Campsite a = f->addSite(QStringLiteral("P-01"), 40000);
    const Campsite b = f->addSite(QStringLiteral("P-02"), 40000);
    const Reservation r = f->book(f->request(a, 10, 2));
    // As a booking made before migration 19: no priced lines.
    CAMPDESK_VERIFY_OK(f->db().write([&](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("DELETE FROM reservation_lines WHERE reservation_id = ?"), { r.id });
        return {};
    }));
    ChangeRequest c = changeOf(r);
    c.campsiteId = b.id;
    CAMPDESK_VERIFY_OK(changes->change(BookingFixture::desk(), c));
    QCOMPARE(f->t->count(QStringLiteral("reservation_lines"),
                         QStringLiteral("reservation_id = %1 AND kind = 'night'").arg(r.id)),
             2);
    QCOMPARE(linesTotal(r.id), r.amount);
    QVERIFY(clean());
}

void TestReservationChange::closedDatesAndMinimumStayRefuseAChange()
{
    const Campsite a = f->addSite(QStringLiteral("Q-01"), 40000);
    RatePlanService rates(f->db());
    const Reservation r = bookAtDesk(f->request(a, 10, 2));
    ClosedDates closed { 0, r.checkOut, r.checkOut, QStringLiteral("수도 공사") };
    CAMPDESK_VERIFY_OK(rates.addClosedDates(BookingFixture::manager(), closed));
    ChangeRequest c = changeOf(r);
    c.checkOut = r.checkOut.addDays(1); // onto the closed day
    Result<Reservation> onClosed = changes->change(BookingFixture::desk(), c);
    QVERIFY(!onClosed.ok());
    QCOMPARE(onClosed.error().code, ErrorCode::Invalid);
    QCOMPARE(onClosed.error().field, QStringLiteral("checkIn"));
    QVERIFY2(onClosed.error().message.contains(QStringLiteral("수도 공사")), qPrintable(onClosed.error().message));
    QVERIFY(!changes->quoteChange(BookingFixture::desk(), c).ok());
    // A season of at least two nights over the stay: shortening it to one night is refused too.
    Season season;
    season.name = QStringLiteral("봄");
    season.band = QStringLiteral("shoulder");
    season.fromMonth = 3;
    season.fromDay = 1;
    season.toMonth = 3;
    season.toDay = 31;
    season.minNightsWeekday = 2;
    season.minNightsWeekend = 2;
    season.prices = { { SeasonPrice::kindScope(a.kind), 40000, 0, 0 } };
    CAMPDESK_VERIFY_OK(rates.saveSeason(BookingFixture::manager(), season));
    c = changeOf(r);
    c.checkOut = r.checkIn.addDays(1);
    Result<Reservation> tooShort = changes->change(BookingFixture::desk(), c);
    QVERIFY(!tooShort.ok());
    QCOMPARE(tooShort.error().field, QStringLiteral("checkIn"));
    const Reservation still = f->booking->get(r.id).value();
    QCOMPARE(still.version, r.version);
    QCOMPARE(still.checkOut, r.checkOut);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights")), 2);
    // A stay that keeps the rules still changes (two nights shifted by one day).
    c = changeOf(r);
    c.checkIn = r.checkIn.addDays(-1);
    c.checkOut = r.checkOut.addDays(-1);
    CAMPDESK_VERIFY_OK(changes->change(BookingFixture::desk(), c));
    QVERIFY(clean());
}

void TestReservationChange::siteBlockRefusesAChangeAsSiteTaken()
{
    const Campsite a = f->addSite(QStringLiteral("R-01"), 40000);
    const Campsite b = f->addSite(QStringLiteral("R-02"), 40000);
    const Reservation r = bookAtDesk(f->request(a, 10, 2)); // paid at the desk: an extension could be settled
    SiteBlockRequest block;
    block.campsiteId = b.id;
    block.from = r.checkIn.addDays(1);
    block.to = r.checkOut;
    block.reason = QStringLiteral("배수 공사");
    CAMPDESK_VERIFY_OK(SiteBlockService(f->db()).add(BookingFixture::manager(), block));
    ChangeRequest c = changeOf(r);
    c.campsiteId = b.id;
    Result<Reservation> moved = changes->change(BookingFixture::desk(), c);
    QVERIFY(!moved.ok());
    QCOMPARE(moved.error().code, ErrorCode::SiteTaken);
    QVERIFY2(moved.error().message.contains(QStringLiteral("배수 공사")), qPrintable(moved.error().message));
    // Extending onto a blocked night of its own site: the same.
    const Campsite d = f->addSite(QStringLiteral("R-03"), 40000);
    block.campsiteId = a.id;
    block.from = r.checkOut;
    block.to = r.checkOut.addDays(1);
    CAMPDESK_VERIFY_OK(SiteBlockService(f->db()).add(BookingFixture::manager(), block));
    c = changeOf(r);
    c.checkOut = r.checkOut.addDays(1);
    QCOMPARE(changes->change(BookingFixture::desk(), c).error().code, ErrorCode::SiteTaken);
    const Reservation still = f->booking->get(r.id).value();
    QCOMPARE(still.campsiteId, a.id);
    QCOMPARE(still.version, r.version);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights"), QStringLiteral("reservation_id = %1").arg(r.id)), 2);
    c = changeOf(r);
    c.campsiteId = d.id;
    CAMPDESK_VERIFY_OK(changes->change(BookingFixture::desk(), c));
    QVERIFY(clean());
}

void TestReservationChange::equipmentTooLongForTheNewSiteRefusesAMove()
{
    const Campsite a = f->addSite(QStringLiteral("S-01"), 40000);
    const Campsite small = f->addSite(QStringLiteral("S-02"), 40000);
    const Campsite big = f->addSite(QStringLiteral("S-03"), 40000);
    CAMPDESK_VERIFY_OK(f->db().write([&](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("UPDATE campsites SET max_equipment_length_dm = 60 WHERE id = ?"), { small.id });
        tx.exec(QStringLiteral("UPDATE campsites SET max_equipment_length_dm = 90 WHERE id = ?"), { big.id });
        return {};
    }));
    const Reservation r = f->book(f->request(a, 10, 2));
    GuestDetails details;
    details.equipment = QStringLiteral("caravan");
    details.equipmentLengthDm = 75;
    CAMPDESK_VERIFY_OK(GuestDetailsService(f->db()).set(BookingFixture::desk(), r.id, details));
    const Reservation current = f->booking->get(r.id).value();
    ChangeRequest c = changeOf(current);
    c.campsiteId = small.id;
    Result<Reservation> moved = changes->change(BookingFixture::desk(), c);
    QVERIFY(!moved.ok());
    QCOMPARE(moved.error().code, ErrorCode::Invalid);
    QCOMPARE(moved.error().field, QStringLiteral("campsiteId"));
    QVERIFY2(moved.error().message.contains(QStringLiteral("S-02")), qPrintable(moved.error().message));
    QCOMPARE(f->booking->get(r.id)->campsiteId, a.id);
    c.campsiteId = big.id;
    CAMPDESK_VERIFY_OK(changes->change(BookingFixture::desk(), c));
    QVERIFY(clean());
}

// A booking with a deposit paid and the balance due at check-in: a change moves the balance, charges nothing now
// and refunds nothing while the new price is above the deposit.
void TestReservationChange::aDepositBookingsChangeMovesItsBalance()
{
    DepositRule rule;
    rule.mode = DepositRule::Mode::Percent;
    rule.percent = 30;
    CAMPDESK_VERIFY_OK(DepositSettings(f->db()).set(BookingFixture::manager(), rule));
    const Campsite a = f->addSite(QStringLiteral("D-01"), 40000);
    BookingRequest request = f->request(a, 10, 2);
    request.deposit = true;
    const Reservation r = bookAtDesk(request);
    QCOMPARE(r.amount, 24000);
    QCOMPARE(r.balanceDue, 56000);

    ChangeRequest c = changeOf(r);
    c.checkOut = r.checkOut.addDays(1);
    Result<ChangeQuote> quote = changes->quoteChange(BookingFixture::desk(), c);
    CAMPDESK_VERIFY_OK(quote);
    QCOMPARE(quote->extra, 0);
    QCOMPARE(quote->newBalanceDue, 96000);
    Result<Reservation> longer = changes->change(BookingFixture::desk(), c);
    CAMPDESK_VERIFY_OK(longer);
    QCOMPARE(longer->amount, 24000);
    QCOMPARE(longer->balanceDue, 96000);
    QCOMPARE(f->t->count(QStringLiteral("payments"), QStringLiteral("status = 'approved' AND amount = 24000")), 1);
    QVERIFY(clean());

    // One night (40,000) is still above the deposit: no refund, a smaller balance.
    c = changeOf(longer.value());
    c.checkOut = r.checkIn.addDays(1);
    Result<Reservation> shorter = changes->change(BookingFixture::desk(), c);
    CAMPDESK_VERIFY_OK(shorter);
    QCOMPARE(shorter->amount, 24000);
    QCOMPARE(shorter->balanceDue, 16000);
    QCOMPARE(shorter->refundAmount, 0);
    QVERIFY(clean());
}

// Extras stay as they were booked: a move keeps their lines, their stock and the price they added.
void TestReservationChange::extrasStayWithAChangedBooking()
{
    ExtrasService extras(f->db());
    Extra firewood;
    firewood.name = QStringLiteral("장작");
    firewood.unit = QStringLiteral("unit");
    firewood.unitPrice = 10000;
    firewood.stock = 5;
    Result<Extra> saved = extras.save(BookingFixture::manager(), firewood);
    CAMPDESK_VERIFY_OK(saved);
    const Campsite a = f->addSite(QStringLiteral("E-01"), 40000);
    const Campsite b = f->addSite(QStringLiteral("E-02"), 40000);
    BookingRequest request = f->request(a, 10, 2);
    request.extras = { { saved->id, 2 } };
    const Reservation r = bookAtDesk(request);
    QCOMPARE(r.amount, 100000);

    ChangeRequest c = changeOf(r);
    c.campsiteId = b.id;
    Result<ChangeQuote> quote = changes->quoteChange(BookingFixture::desk(), c);
    CAMPDESK_VERIFY_OK(quote);
    QCOMPARE(quote->newPrice, 100000);
    QCOMPARE(quote->extra, 0);
    QCOMPARE(quote->priceDrop, 0);
    Result<Reservation> moved = changes->change(BookingFixture::desk(), c);
    CAMPDESK_VERIFY_OK(moved);
    QCOMPARE(moved->amount, 100000);
    QCOMPARE(linesTotal(r.id, QStringLiteral("extra")), 20000);
    QCOMPARE(f->t->count(QStringLiteral("extras"), QStringLiteral("stock = 3")), 1);
    QVERIFY(clean());
}

// "Move all to free sites" of a site being retired: three coming bookings, each moved in its own change to a free
// site of the same kind; the third finds both others of its kind taken (a cabin is free, but not of its kind) and is
// reported, left where it was.
void TestReservationChange::moveAllMovesWhatCanMoveAndReportsTheRest()
{
    const Campsite a = f->addSite(QStringLiteral("M-01"), 40000);
    const Campsite b = f->addSite(QStringLiteral("M-02"), 40000);
    const Campsite c = f->addSite(QStringLiteral("M-03"), 40000);
    Campsite cabin = f->addSite(QStringLiteral("M-04"), 40000);
    cabin.kind = CampsiteKind::Cabin;
    CAMPDESK_VERIFY_OK(f->campsites->modify(BookingFixture::manager(), cabin));
    const Reservation first = bookAtDesk(f->request(a, 3, 2, QStringLiteral("010-2000-0001")));
    const Reservation second = bookAtDesk(f->request(a, 6, 2, QStringLiteral("010-2000-0002")));
    const Reservation third = bookAtDesk(f->request(a, 10, 2, QStringLiteral("010-2000-0003")));
    bookAtDesk(f->request(b, 10, 2, QStringLiteral("010-2000-0004")));
    bookAtDesk(f->request(c, 11, 1, QStringLiteral("010-2000-0005")));
    QSignalSpy modified(&f->bus, &EventBus::reservationModified);

    // The front desk may not; a manager may.
    QCOMPARE(changes->moveAllOff(BookingFixture::desk(), a.id).error().code, ErrorCode::Forbidden);
    Result<MoveOffResult> result = changes->moveAllOff(BookingFixture::manager(), a.id);
    CAMPDESK_VERIFY_OK(result);
    QCOMPARE(result->moved.size(), 2);
    QCOMPARE(result->moved.at(0).id, first.id);
    QCOMPARE(result->moved.at(1).id, second.id);
    QCOMPARE(result->notMoved.size(), 1);
    QCOMPARE(result->notMoved.first().id, third.id);
    QCOMPARE(result->reasons.size(), 1);
    QVERIFY2(result->reasons.first().contains(third.code), qPrintable(result->reasons.first()));
    for (const Reservation& r : result->moved) {
        const Reservation now = f->booking->get(r.id).value();
        QVERIFY(now.campsiteId == b.id || now.campsiteId == c.id); // never the cabin
        QCOMPARE(now.amount, qint64(80000)); // a site of the same price: nothing to pay
    }
    QCOMPARE(f->booking->get(third.id)->campsiteId, a.id);
    QCOMPARE(modified.count(), 2); // one change each, after its own commit
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights"), QStringLiteral("campsite_id = %1").arg(a.id)), 2);
    QVERIFY(clean());
}

// A stay in house changed after the site's price went up from 40,000 to 50,000 a night: the nights it keeps stay at
// 40,000 (and so do their child fees); only the nights added cost today's price, and nights given up leave with the
// price they were sold at.
// The family both checked-in tests start from: two guests (one a child) checked in today for three nights at a new
// site of 40,000 (base count 1, so the child pays 5,000 a night); then the site's price becomes 50,000 and the child
// fee 7,000, and the clock moves to the stay's second day. The stay as it is then.
Reservation TestReservationChange::checkedInFamily(const QString& code, Campsite& site)
{
    auto failed = [](const Status& status) {
        if (status.ok())
            return false;
        QTest::qFail(qPrintable(status.error().message), __FILE__, __LINE__);
        return true;
    };
    site = f->addSite(code, 40000);
    setOccupancyFees(site);
    if (failed(RatePlanService(f->db()).setBaseGuests(BookingFixture::manager(), site.id, 1)))
        return Reservation();
    BookingRequest asked = f->request(site, 0, 3);
    asked.guests = 2;
    asked.children = 1;
    const Reservation r = bookAtDesk(asked);
    if (linesTotal(r.id, QStringLiteral("extra_child")) != 3 * 5000 || r.amount != 3 * 40000 + 3 * 5000) {
        QTest::qFail("the family's stay is not priced as the tests expect", __FILE__, __LINE__);
        return Reservation();
    }
    if (Result<Reservation> in = f->booking->checkIn(BookingFixture::desk(), r.id); !in.ok()) {
        QTest::qFail(qPrintable(in.error().message), __FILE__, __LINE__);
        return Reservation();
    }
    setSitePrice(site, 50000);
    setChildFee(site, 7000);
    f->clock.advanceSecs(24 * 3600); // the second day: one night stayed
    return f->booking->get(r.id).value();
}

void TestReservationChange::setSitePrice(const Campsite& site, qint64 price)
{
    CAMPDESK_VERIFY_OK(f->db().write([&](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("UPDATE campsites SET nightly_price = ? WHERE id = ?"), { price, site.id });
        return {};
    }));
}

void TestReservationChange::setChildFee(const Campsite& site, qint64 fee)
{
    OccupancyFees fees;
    fees.scope = SeasonPrice::kindScope(site.kind);
    fees.childFee = fee;
    CAMPDESK_VERIFY_OK(RatePlanService(f->db()).setOccupancyFees(BookingFixture::manager(), fees));
}

void TestReservationChange::aCheckedInStayKeepsThePriceOfItsNights()
{
    Campsite a;
    Reservation r = checkedInFamily(QStringLiteral("P-01"), a);
    QVERIFY(r.id > 0 && r.status == ReservationStatus::CheckedIn);
    const qint64 childFee = 5000; // as sold

    // Two nights more: 2 x 50,000 and 2 x 7,000 for the child; the three sold nights unchanged (40,000 and 5,000).
    ChangeRequest c = changeOf(r);
    c.checkOut = r.checkOut.addDays(2);
    Result<ChangeQuote> q = changes->quoteChange(BookingFixture::desk(), c);
    CAMPDESK_VERIFY_OK(q);
    QCOMPARE(q->newPrice, 3 * 40000 + 2 * 50000 + 3 * childFee + 2 * 7000);
    QCOMPARE(q->extra, 2 * 50000 + 2 * 7000);
    Result<Reservation> extended = changes->change(BookingFixture::desk(), c);
    CAMPDESK_VERIFY_OK(extended);
    QCOMPARE(extended->amount, 3 * 40000 + 2 * 50000 + 3 * childFee + 2 * 7000);
    QCOMPARE(linesTotal(r.id, QStringLiteral("night")), 3 * 40000 + 2 * 50000);
    QCOMPARE(linesTotal(r.id, QStringLiteral("extra_child")), 3 * childFee + 2 * 7000);
    QVERIFY(clean());

    // The price goes up again; the stay is cut back to three nights: the two dearest (added) nights leave at what
    // they were sold for, the first three keep 40,000. The refund is of that difference, by the rule.
    setSitePrice(a, 60000);
    setChildFee(a, 9000);
    r = f->booking->get(r.id).value();
    c = changeOf(r);
    c.checkOut = r.checkIn.addDays(3);
    q = changes->quoteChange(BookingFixture::desk(), c);
    CAMPDESK_VERIFY_OK(q);
    QCOMPARE(q->newPrice, 3 * 40000 + 3 * childFee);
    QCOMPARE(q->priceDrop, 2 * 50000 + 2 * 7000);
    Result<Reservation> shortened = changes->change(BookingFixture::desk(), c);
    CAMPDESK_VERIFY_OK(shortened);
    QCOMPARE(shortened->nights(), 3);
    QCOMPARE(linesTotal(r.id, QStringLiteral("night")), 3 * 40000);
    QCOMPARE(linesTotal(r.id, QStringLiteral("extra_child")), 3 * childFee);
    QVERIFY(clean());
}

// Issue 18 leftover 2: a child joins a checked-in stay on its second day. The night already stayed keeps the fee it
// was sold with (one child at 5,000); the two nights left take the new party's fees by today's rules (two children
// at 7,000), not the whole stay; the nights themselves keep their sold price.
void TestReservationChange::aCheckedInPartysNewFeesStartToday()
{
    Campsite a;
    Reservation r = checkedInFamily(QStringLiteral("P-02"), a);
    QVERIFY(r.id > 0 && r.status == ReservationStatus::CheckedIn);

    ChangeRequest c = changeOf(r);
    c.guests = 3;
    c.children = 2;
    Result<ChangeQuote> q = changes->quoteChange(BookingFixture::desk(), c);
    CAMPDESK_VERIFY_OK(q);
    QCOMPARE(q->newPrice, 3 * 40000 + 1 * 5000 + 2 * 2 * 7000);
    QCOMPARE(q->extra, 2 * 2 * 7000 - 2 * 5000);
    Result<Reservation> changed = changes->change(BookingFixture::desk(), c);
    CAMPDESK_VERIFY_OK(changed);
    QCOMPARE(changed->amount, 3 * 40000 + 1 * 5000 + 2 * 2 * 7000);
    QCOMPARE(changed->guests, 3);
    QCOMPARE(linesTotal(r.id, QStringLiteral("night")), 3 * 40000);
    QCOMPARE(linesTotal(r.id, QStringLiteral("extra_child")), 1 * 5000 + 2 * 2 * 7000);
    QVERIFY(clean());

    // The child leaves again the next day: the two nights stayed keep what they were sold with (one child on the
    // first, two on the second), only the last night is priced for one child.
    f->clock.advanceSecs(24 * 3600);
    r = f->booking->get(r.id).value();
    c = changeOf(r);
    c.guests = 2;
    c.children = 1;
    q = changes->quoteChange(BookingFixture::desk(), c);
    CAMPDESK_VERIFY_OK(q);
    QCOMPARE(q->newPrice, 3 * 40000 + 5000 + 2 * 7000 + 7000);
    QVERIFY(clean());
}

CAMPDESK_DB_TEST_MAIN(TestReservationChange)
#include "tst_reservationchange.moc"
