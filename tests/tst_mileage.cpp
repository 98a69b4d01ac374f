// Mileage on both databases: one ledger row per (reason, source), balances as sums with a running balance,
// manager-only adjustments and rates.
#include "bookingfixture.h"
#include "domain/mileageservice.h"
#include "domain/readmodel.h"
#include "domain/rulesettings.h"

#include <QSignalSpy>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

class TestMileage : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void replayingACreditNeverCreditsTwice();
    void ledgerShowsTheRunningBalance();
    void onlyManagersAdjustAndChangeRates();
    void rateChangeAppliesToNewPaymentsOnly();

private:
    std::unique_ptr<BookingFixture> f;
};

void TestMileage::init()
{
    f = std::make_unique<BookingFixture>();
    QVERIFY2(f->ok(), qPrintable(f->t->errorMessage()));
}

void TestMileage::cleanup()
{
    f.reset();
}

void TestMileage::replayingACreditNeverCreditsTwice()
{
    const Campsite site = f->addSite(QStringLiteral("A-01"), 20000);
    const Reservation r = f->book(f->request(site, 3, 1)); // earns 1,000
    QVERIFY(r.id > 0);
    Result<bool> replayed = f->db().write([&](Transaction& tx) -> Result<bool> {
        return MileageService::record(tx, r.customerId, 1000, QStringLiteral("payment"), QString::number(r.id));
    });
    CAMPDESK_VERIFY_OK(replayed); // no failed statement, even on PostgreSQL
    QVERIFY(!replayed.value());
    // Confirming the same payment again (a reconciler replay) is "already confirmed" and changes nothing either.
    Result<Reservation> again
        = f->booking->finishPayment(Actor::system(), r.id, f->terminal, f->terminal.lookup(r.orderId));
    QCOMPARE(again.error().code, ErrorCode::AlreadyDone);
    QCOMPARE(MileageService(f->db()).balance(r.customerId).value(), 1000);
    QCOMPARE(f->t->count(QStringLiteral("mileage_ledger")), 1);
    QCOMPARE(f->t->count(QStringLiteral("domain_events"), QStringLiteral("type = 'MileageSaved'")), 1);
    Result<QStringList> diff = ReadModel(f->db()).differencesFromRebuild();
    CAMPDESK_VERIFY_OK(diff);
    QVERIFY2(diff->isEmpty(), qPrintable(diff->join(QLatin1Char('\n'))));
}

void TestMileage::ledgerShowsTheRunningBalance()
{
    const Campsite site = f->addSite(QStringLiteral("B-01"), 10000);
    const Reservation a = f->book(f->request(site, 3, 2)); // +1,000
    const Reservation b = f->book(f->request(site, 6, 4)); // +2,000
    CancelRequest cancel;
    cancel.reservationId = a.id;
    CAMPDESK_VERIFY_OK(f->booking->cancel(BookingFixture::desk(), cancel)); // -1,000
    Result<QList<MileageEntry>> ledger = MileageService(f->db()).ledger(a.customerId);
    CAMPDESK_VERIFY_OK(ledger);
    QCOMPARE(ledger->size(), 3);
    QCOMPARE(ledger->at(0).balanceAfter, 1000);
    QCOMPARE(ledger->at(1).balanceAfter, 3000);
    QCOMPARE(ledger->at(2).reason, QStringLiteral("cancel"));
    QCOMPARE(ledger->at(2).balanceAfter, 2000);
    Q_UNUSED(b)
}

void TestMileage::onlyManagersAdjustAndChangeRates()
{
    const Campsite site = f->addSite(QStringLiteral("C-01"), 10000);
    const Reservation r = f->book(f->request(site, 3, 1));
    MileageService mileage(f->db());
    QCOMPARE(mileage.adjust(BookingFixture::desk(), r.customerId, 100, QStringLiteral("x")).error().code,
             ErrorCode::Forbidden);
    QCOMPARE(mileage.adjust(BookingFixture::manager(), r.customerId, 100, QStringLiteral(" ")).error().field,
             QStringLiteral("reason"));
    QSignalSpy adjusted(&f->bus, &EventBus::mileageAdjusted);
    Result<MileageEntry> entry = mileage.adjust(BookingFixture::manager(), r.customerId, -200, QStringLiteral("typo"));
    CAMPDESK_VERIFY_OK(entry);
    QCOMPARE(entry->balanceAfter, 500 - 200);
    QCOMPARE(adjusted.count(), 1);
    BookingRules rules;
    rules.mileageRatePercent = 60;
    QCOMPARE(RuleSettings(f->db()).set(BookingFixture::manager(), rules).error().field,
             QStringLiteral("mileageRatePercent"));
    rules.mileageRatePercent = 10;
    QCOMPARE(RuleSettings(f->db()).set(BookingFixture::kiosk(), rules).error().code, ErrorCode::Forbidden);
}

void TestMileage::rateChangeAppliesToNewPaymentsOnly()
{
    const Campsite site = f->addSite(QStringLiteral("D-01"), 10000);
    const Reservation first = f->book(f->request(site, 3, 1)); // 5%: 500
    BookingRules rules;
    rules.mileageRatePercent = 2.5;
    CAMPDESK_VERIFY_OK(RuleSettings(f->db()).set(BookingFixture::manager(), rules));
    const Reservation second = f->book(f->request(site, 5, 1)); // 2.5%: 250
    QCOMPARE(MileageService(f->db()).balance(first.customerId).value(), 750);
    CancelRequest cancel;
    cancel.reservationId = first.id;
    CAMPDESK_VERIFY_OK(f->booking->cancel(BookingFixture::desk(), cancel)); // takes back the 500 it earned
    QCOMPARE(MileageService(f->db()).balance(first.customerId).value(), 250);
    Q_UNUSED(second)
}

CAMPDESK_DB_TEST_MAIN(TestMileage)
#include "tst_mileage.moc"
