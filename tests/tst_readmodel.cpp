// The read model under a long seeded random sequence, on both databases: bookings, cancellations, check-ins and
// check-outs, kiosk reviews, hiding and removing reviews, with the days moving on. Every few steps the stored
// read model equals a rebuild and InvariantsChecker finds nothing.
#include "bookingfixture.h"
#include "domain/readmodel.h"
#include "domain/reviewservice.h"

#include <QRandomGenerator>
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
};

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
