// The read model under a long seeded random sequence, on both databases: bookings, cancellations, check-ins and
// check-outs, kiosk reviews, hiding and removing reviews, with the days moving on. Every few steps the stored
// read model equals a rebuild and InvariantsChecker finds nothing.
#include "bookingfixture.h"
#include "domain/dashboardqueries.h"
#include "domain/readmodel.h"
#include "domain/readmodelrefresher.h"
#include "domain/reviewservice.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

namespace {

struct Booked
{
    qint64 id = 0;
    QString code;
    QString phone;
};

} // namespace

class TestReadModel : public QObject
{
    Q_OBJECT
private slots:
    void randomSequenceKeepsTheReadModelEqualToARebuild();
    void aBookingAddsToTheTotalsInsteadOfRecountingHistory();
    void aRowNeverComputedGetsItsTotalsFromHistory();
    void aNewDayOfManySitesIsBroughtUpToDateOffTheCallersThread();
    void aNewDaysRefreshWritesAFewSitesPerTransaction();
    void anotherTerminalsWriteGetsInWhileANewDayIsRefreshed();
};

namespace {

struct Totals
{
    qint64 revenue = 0;
    qint64 confirmed = 0;
    QString asOf;
};

Totals totalsOf(Database& db, qint64 campsiteId)
{
    Totals t;
    Status read = db.read([&](SqlSession& s) -> Status {
        SqlRows q = s.exec(QStringLiteral("SELECT revenue, confirmed_count, as_of FROM campsite_status "
                                          "WHERE campsite_id = ?"),
                           { campsiteId });
        if (q.next()) {
            t.revenue = q.value(0).toLongLong();
            t.confirmed = q.value(1).toLongLong();
            t.asOf = q.value(2).toString();
        }
        return {};
    });
    Q_UNUSED(read);
    return t;
}

} // namespace

// The totals follow each change by its difference: a booking adds its amount to what the row holds, whatever the
// row holds, instead of summing the site's history again (which grows with every past stay).
void TestReadModel::aBookingAddsToTheTotalsInsteadOfRecountingHistory()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    const Campsite site = f.addSite(QStringLiteral("A-01"), 40000);
    const Reservation first = f.book(f.request(site, 1, 2));
    QCOMPARE(totalsOf(f.db(), site.id).revenue, first.amount);
    QCOMPARE(totalsOf(f.db(), site.id).confirmed, 1);

    // A marker only a recount would wipe out.
    CAMPDESK_VERIFY_OK(f.db().write([&](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("UPDATE campsite_status SET revenue = revenue + 1000000, "
                               "confirmed_count = confirmed_count + 7 WHERE campsite_id = ?"),
                { site.id });
        return {};
    }));
    const Reservation second = f.book(f.request(site, 5, 1));
    QCOMPARE(totalsOf(f.db(), site.id).revenue, first.amount + 1000000 + second.amount);
    QCOMPARE(totalsOf(f.db(), site.id).confirmed, 1 + 7 + 1);

    CancelRequest cancel;
    cancel.reservationId = second.id;
    cancel.reason = QStringLiteral("test");
    Result<Reservation> cancelled = f.booking->cancel(BookingFixture::desk(), cancel);
    CAMPDESK_VERIFY_OK(cancelled);
    QCOMPARE(totalsOf(f.db(), site.id).revenue, first.amount + 1000000 + second.amount - cancelled->refundAmount);
    QCOMPARE(totalsOf(f.db(), site.id).confirmed, 1 + 7);

    // The checker sees the marker, and a rebuild puts the row right.
    Result<QStringList> diff = ReadModel(f.db()).differencesFromRebuild();
    CAMPDESK_VERIFY_OK(diff);
    QCOMPARE(diff->size(), 1);
    CAMPDESK_VERIFY_OK(ReadModel(f.db()).rebuild());
    QCOMPARE(totalsOf(f.db(), site.id).confirmed, 1);
    diff = ReadModel(f.db()).differencesFromRebuild();
    CAMPDESK_VERIFY_OK(diff);
    QVERIFY2(diff->isEmpty(), qPrintable(diff->join(QLatin1Char('\n'))));
}

// A row marked as never computed (as_of empty: what migration 9 left) has no totals to add to: its first refresh
// counts the history once.
void TestReadModel::aRowNeverComputedGetsItsTotalsFromHistory()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    const Campsite site = f.addSite(QStringLiteral("A-01"), 40000);
    const Reservation booked = f.book(f.request(site, 1, 2));
    CAMPDESK_VERIFY_OK(f.db().write([&](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("UPDATE campsite_status SET as_of = '', revenue = 0, confirmed_count = 0"));
        return {};
    }));
    Result<int> refreshed = ReadModel(f.db()).refreshStale();
    CAMPDESK_VERIFY_OK(refreshed);
    QCOMPARE(refreshed.value(), 1);
    QCOMPARE(totalsOf(f.db(), site.id).revenue, booked.amount);
    QCOMPARE(totalsOf(f.db(), site.id).confirmed, 1);
    Result<QStringList> diff = ReadModel(f.db()).differencesFromRebuild();
    CAMPDESK_VERIFY_OK(diff);
    QVERIFY2(diff->isEmpty(), qPrintable(diff->join(QLatin1Char('\n'))));
}

// At a new day every row is stale. Readers on the GUI thread no longer refresh a whole campground (they show the
// rows as they are); ReadModelRefresher does, on its own connection, and tells the bus when it is done.
void TestReadModel::aNewDayOfManySitesIsBroughtUpToDateOffTheCallersThread()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    QList<Campsite> sites;
    for (int i = 0; i < ReadModel::fewStaleSites + 8; ++i)
        sites.append(f.addSite(QStringLiteral("S-%1").arg(i + 1, 2, 10, QLatin1Char('0'))));
    for (int i = 0; i < 3; ++i)
        f.book(f.request(sites.at(i), 1, 2)); // arriving tomorrow
    f.clock.advanceSecs(24 * 3600);

    DashboardQueries queries(f.db());
    Result<DashboardSnapshot> before = queries.snapshot();
    CAMPDESK_VERIFY_OK(before);
    Result<int> stale = ReadModel(f.db()).staleCount();
    CAMPDESK_VERIFY_OK(stale);
    QCOMPARE(stale.value(), int(sites.size())); // the reader did not refresh them
    QCOMPARE(before->arrivalsToday, 0); // yesterday's rows

    QSignalSpy caughtUp(&f.bus, &EventBus::readModelRefreshed);
    ReadModelRefresher refresher(f.db());
    QSignalSpy finished(&refresher, &ReadModelRefresher::finished);
    refresher.start();
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().at(0).toInt(), int(sites.size()));
    QVERIFY(finished.first().at(1).toBool());
    QCOMPARE(caughtUp.size(), 1);
    stale = ReadModel(f.db()).staleCount();
    CAMPDESK_VERIFY_OK(stale);
    QCOMPARE(stale.value(), 0);
    Result<DashboardSnapshot> after = queries.snapshot();
    CAMPDESK_VERIFY_OK(after);
    QCOMPARE(after->arrivalsToday, 3);
    Result<QStringList> diff = ReadModel(f.db()).differencesFromRebuild();
    CAMPDESK_VERIFY_OK(diff);
    QVERIFY2(diff->isEmpty(), qPrintable(diff->join(QLatin1Char('\n'))));

    // A few stale rows (one site touched by a new day's change is refreshed with it) are refreshed by the reader.
    f.clock.advanceSecs(24 * 3600);
    CAMPDESK_VERIFY_OK(f.db().write([&](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("UPDATE campsite_status SET as_of = ? WHERE campsite_id > ?"),
                { sqlDate(f.today()), sites.at(2).id });
        return {};
    }));
    CAMPDESK_VERIFY_OK(queries.snapshot());
    stale = ReadModel(f.db()).staleCount();
    CAMPDESK_VERIFY_OK(stale);
    QCOMPARE(stale.value(), 0);
}

// Another terminal's booking waits for the write lock (SQLite) or the rows (PostgreSQL) only as long as one
// transaction of the refresh: a whole campground is never refreshed in one.
void TestReadModel::aNewDaysRefreshWritesAFewSitesPerTransaction()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    const int siteCount = 2 * ReadModel::sitesPerTransaction + 5;
    for (int i = 0; i < siteCount; ++i)
        f.addSite(QStringLiteral("N-%1").arg(i + 1, 2, 10, QLatin1Char('0')));
    f.clock.advanceSecs(24 * 3600);

    QList<ReadModel::RefreshBatch> batches;
    Result<int> refreshed = ReadModel(f.db()).refreshStale(&batches);
    CAMPDESK_VERIFY_OK(refreshed);
    QCOMPARE(refreshed.value(), siteCount);
    // Transactions end at sitesPerTransaction sites, or sooner on a slow machine (they are kept short in time too).
    QVERIFY2(batches.size() >= 3, qPrintable(QString::number(batches.size())));
    int sites = 0;
    for (const ReadModel::RefreshBatch& batch : batches) {
        QVERIFY2(batch.sites >= 1 && batch.sites <= ReadModel::sitesPerTransaction,
                 qPrintable(QString::number(batch.sites)));
        QVERIFY(batch.nsecs > 0);
        sites += batch.sites;
    }
    QCOMPARE(sites, siteCount);
    Result<int> stale = ReadModel(f.db()).staleCount();
    CAMPDESK_VERIFY_OK(stale);
    QCOMPARE(stale.value(), 0);

    // Nothing stale: no transaction at all.
    batches.clear();
    refreshed = ReadModel(f.db()).refreshStale(&batches);
    CAMPDESK_VERIFY_OK(refreshed);
    QCOMPARE(refreshed.value(), 0);
    QVERIFY(batches.isEmpty());
}

// The refresh lets go of the lock between its transactions long enough for a waiting writer to take it: before,
// on SQLite, a writer polling for the lock found the next transaction begun each time and waited for the whole
// refresh. Another connection writes in a loop while the refresher runs; inside each of its transactions it counts
// the rows already brought up to today, and must see the refresh part-way more than once.
void TestReadModel::anotherTerminalsWriteGetsInWhileANewDayIsRefreshed()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    const int siteCount = 8 * ReadModel::sitesPerTransaction;
    for (int i = 0; i < siteCount; ++i)
        f.addSite(QStringLiteral("W-%1").arg(i + 1, 3, 10, QLatin1Char('0')));
    f.clock.advanceSecs(24 * 3600);
    const QString today = sqlDate(f.today());

    ReadModelRefresher refresher(f.db());
    QSignalSpy finished(&refresher, &ReadModelRefresher::finished);
    refresher.start();
    QSet<int> partWay;
    int writes = 0;
    while (finished.isEmpty()) {
        Result<int> current = f.db().write([&](Transaction& tx) -> Result<int> {
            tx.exec(QStringLiteral("UPDATE daily_stats SET bookings = bookings WHERE day = ?"), { today });
            return tx.scalar(QStringLiteral("SELECT count(*) FROM campsite_status WHERE as_of = ?"), { today }).toInt();
        });
        CAMPDESK_VERIFY_OK(current);
        ++writes;
        if (current.value() > 0 && current.value() < siteCount)
            partWay.insert(current.value());
        QCoreApplication::processEvents();
    }
    QCOMPARE(finished.first().at(0).toInt(), siteCount);
    QVERIFY2(partWay.size() >= 2,
             qPrintable(
                 QStringLiteral("%1 writes saw the refresh part-way at %2 point(s)").arg(writes).arg(partWay.size())));
}

void TestReadModel::randomSequenceKeepsTheReadModelEqualToARebuild()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    ReviewService reviews(f.db());
    QList<Campsite> sites;
    for (const char* code : { "A-01", "A-02", "B-01", "B-02" })
        sites.append(f.addSite(QString::fromLatin1(code), 30000 + 10000 * sites.size(), 55000));
    const QStringList phones { QStringLiteral("010-1000-0001"), QStringLiteral("010-1000-0002"),
                               QStringLiteral("010-1000-0003"), QStringLiteral("010-1000-0004") };

    QRandomGenerator random(20301);
    QList<Booked> booked;
    QList<qint64> reviewIds;
    QList<qint64> checkedIn;
    int hidden = 0;
    constexpr int steps = 300;
    constexpr int checkEvery = 25;
    // Expected refusals (a site taken, a stay not yet started, a review twice) are fine; anything else fails.
    const auto refusedAsExpected = [](const Error& e) {
        return e.code == ErrorCode::SiteTaken || e.code == ErrorCode::Conflict || e.code == ErrorCode::Invalid
            || e.code == ErrorCode::NotFound || e.code == ErrorCode::AlreadyDone;
    };
    for (int step = 1; step <= steps; ++step) {
        const Booked pick = booked.isEmpty() ? Booked() : booked.at(int(random.bounded(booked.size())));
        const int action = int(random.bounded(100));
        if (action < 35 || booked.isEmpty()) {
            const QString phone = phones.at(int(random.bounded(phones.size())));
            BookingRequest request = f.request(sites.at(int(random.bounded(sites.size()))), int(random.bounded(8)),
                                               1 + int(random.bounded(3)), phone);
            Result<Reservation> r = f.booking->book(BookingFixture::desk(), request, f.terminal);
            if (r.ok())
                booked.append({ r->id, r->code, phone });
            else
                QVERIFY2(refusedAsExpected(r.error()), qPrintable(r.error().message));
        } else if (action < 45) {
            CancelRequest cancel;
            cancel.reservationId = pick.id;
            cancel.reason = QStringLiteral("random");
            Result<Reservation> r = f.booking->cancel(BookingFixture::desk(), cancel);
            QVERIFY2(r.ok() || refusedAsExpected(r.error()), qPrintable(r.error().message));
        } else if (action < 60) {
            Result<Reservation> r = f.booking->checkIn(BookingFixture::desk(), pick.id);
            if (r.ok())
                checkedIn.append(pick.id);
            else
                QVERIFY2(refusedAsExpected(r.error()), qPrintable(r.error().message));
        } else if (action < 70 && !checkedIn.isEmpty()) {
            Result<Reservation> r = f.booking->checkOut(BookingFixture::desk(), checkedIn.takeFirst());
            QVERIFY2(r.ok() || refusedAsExpected(r.error()), qPrintable(r.error().message));
        } else if (action < 85) {
            // The guest arrives (a stay is reviewed once checked in), then reviews.
            if (f.booking->checkIn(BookingFixture::desk(), pick.id).ok())
                checkedIn.append(pick.id);
            Result<Review> r = reviews.submitByCode(Actor::kiosk(), pick.code, pick.phone, 1 + int(random.bounded(5)),
                                                    QStringLiteral("step %1").arg(step));
            if (r.ok())
                reviewIds.append(r->id);
            else
                QVERIFY2(refusedAsExpected(r.error()), qPrintable(r.error().message));
        } else if (action < 92 && !reviewIds.isEmpty()) {
            const qint64 id = reviewIds.at(int(random.bounded(reviewIds.size())));
            const bool hide = random.bounded(2) == 0;
            Status s = reviews.hide(BookingFixture::desk(), id, hide);
            QVERIFY2(s.ok() || refusedAsExpected(s.error()), qPrintable(s.error().message));
            hidden += s.ok() && hide ? 1 : 0;
        } else if (action < 96 && !reviewIds.isEmpty()) {
            const qint64 id = reviewIds.at(int(random.bounded(reviewIds.size())));
            Status s = reviews.remove(BookingFixture::manager(), id);
            QVERIFY2(s.ok() || s.error().code == ErrorCode::NotFound, qPrintable(s.error().message));
        } else {
            f.clock.advanceSecs(24 * 3600);
            CAMPDESK_VERIFY_OK(ReadModel(f.db()).refreshStale());
        }
        if (step % checkEvery == 0 || step == steps) {
            Result<QStringList> diff = ReadModel(f.db()).differencesFromRebuild();
            CAMPDESK_VERIFY_OK(diff);
            QVERIFY2(diff->isEmpty(),
                     qPrintable(QStringLiteral("after step %1:\n").arg(step) + diff->join(QLatin1Char('\n'))));
            QVERIFY2(BookingFixture::invariantsHold(f.db()), qPrintable(QStringLiteral("after step %1").arg(step)));
        }
    }
    // The sequence did exercise every kind of change.
    for (const char* status : { "confirmed", "checked_out", "cancelled" }) // checked out = was checked in
        QVERIFY2(f.t->count(QStringLiteral("reservations"), QStringLiteral("status = '%1'").arg(QLatin1String(status)))
                     > 0,
                 status);
    QVERIFY(hidden > 0);
    QVERIFY(f.t->count(QStringLiteral("reviews"), QStringLiteral("deleted_at IS NOT NULL")) > 0);
    QVERIFY(f.t->count(QStringLiteral("reviews"), QStringLiteral("deleted_at IS NULL")) > 0);
}

CAMPDESK_DB_TEST_MAIN(TestReadModel)
#include "tst_readmodel.moc"
