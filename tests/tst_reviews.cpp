// ReviewService on both databases: one review per stay from the check-in day, by code and phone, points once,
// the read model's rating, and bad input changing nothing.
#include "bookingfixture.h"
#include "domain/mileageservice.h"
#include "domain/readmodel.h"
#include "domain/reviewservice.h"
#include "domain/rulesettings.h"

#include <QSignalSpy>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

class TestReviews : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void reviewEarnsPointsOnceAndCountsInTheRating();
    void notBeforeTheCheckInDay();
    void onlyACheckedInStayIsReviewedAndEarns();
    void wrongCodeOrPhoneIsNotFound();
    void cancelledStayCannotBeReviewed();
    void badInputIsRefusedAndChangesNothing_data();
    void badInputIsRefusedAndChangesNothing();
    void hideTakesTheReviewOutOfTheRating();
    void removeTakesBackThePointsOnce();
    void removeNeverTakesTheBalanceBelowZero();
    void moderationRolesAreEnforced();

private:
    Review submit(const Reservation& r, int rating);

    std::unique_ptr<BookingFixture> f;
    std::unique_ptr<ReviewService> m_reviews;
    Campsite m_site;
};

void TestReviews::init()
{
    f = std::make_unique<BookingFixture>();
    QVERIFY2(f->ok(), qPrintable(f->t->errorMessage()));
    m_reviews = std::make_unique<ReviewService>(f->db());
    m_site = f->addSite(QStringLiteral("R-01"), 50000);
}

void TestReviews::cleanup()
{
    m_reviews.reset();
    f.reset();
}

void TestReviews::reviewEarnsPointsOnceAndCountsInTheRating()
{
    const Reservation r = f->book(f->request(m_site, 0, 1, QStringLiteral("010-1111-2222")));
    CAMPDESK_VERIFY_OK(f->booking->checkIn(BookingFixture::desk(), r.id));
    const qint64 before = MileageService(f->db()).balance(r.customerId).value();
    QSignalSpy registered(&f->bus, &EventBus::reviewRegistered);
    QSignalSpy saved(&f->bus, &EventBus::mileageSaved);
    Result<Review> review = m_reviews->submitByCode(Actor::kiosk(), r.code.toLower(), QStringLiteral("01011112222"), 4,
                                                    QString::fromUtf8("  좋았어요 🏕️  "));
    CAMPDESK_VERIFY_OK(review);
    QCOMPARE(review->rating, 4);
    QCOMPARE(review->body, QString::fromUtf8("좋았어요 🏕️"));
    QCOMPARE(review->reservationId, r.id);
    QCOMPARE(MileageService(f->db()).balance(r.customerId).value(), before + 500);
    QCOMPARE(registered.count(), 1);
    QCOMPARE(saved.count(), 1);
    QVERIFY(m_reviews->hasReview(r.id).value());

    Result<QList<CampsiteStatusRow>> rows = ReadModel(f->db()).campsiteStatuses();
    CAMPDESK_VERIFY_OK(rows);
    QCOMPARE(rows->at(0).reviewCount, 1);
    QCOMPARE(rows->at(0).ratingSum, 4);
    Result<QStringList> diff = ReadModel(f->db()).differencesFromRebuild();
    CAMPDESK_VERIFY_OK(diff);
    QVERIFY2(diff->isEmpty(), qPrintable(diff->join(QLatin1Char('\n'))));

    // Once per stay: a second review is refused and earns nothing.
    Result<Review> again = m_reviews->submitByCode(Actor::kiosk(), r.code, QStringLiteral("010-1111-2222"), 5, {});
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, ErrorCode::Conflict);
    QCOMPARE(MileageService(f->db()).balance(r.customerId).value(), before + 500);
    QCOMPARE(f->t->count(QStringLiteral("reviews")), 1);
    QCOMPARE(m_reviews->forCampsite(m_site.id).value().size(), 1);
}

void TestReviews::notBeforeTheCheckInDay()
{
    const Reservation r = f->book(f->request(m_site, 2, 1, QStringLiteral("010-1111-2222")));
    Result<Review> early = m_reviews->submitByCode(Actor::kiosk(), r.code, QStringLiteral("010-1111-2222"), 5, {});
    QVERIFY(!early.ok());
    QCOMPARE(early.error().code, ErrorCode::Invalid);
    QCOMPARE(f->t->count(QStringLiteral("reviews")), 0);
    f->clock.advanceSecs(2 * 24 * 3600);
    CAMPDESK_VERIFY_OK(f->booking->checkIn(BookingFixture::desk(), r.id));
    CAMPDESK_VERIFY_OK(m_reviews->submitByCode(Actor::kiosk(), r.code, QStringLiteral("010-1111-2222"), 5, {}));
}

void TestReviews::onlyACheckedInStayIsReviewedAndEarns()
{
    // Book, review, cancel would otherwise farm review points: a booking never checked in earns nothing.
    const Reservation r = f->book(f->request(m_site, 0, 1, QStringLiteral("010-1111-2222")));
    const qint64 before = MileageService(f->db()).balance(r.customerId).value();
    Result<Review> early = m_reviews->submitByCode(Actor::kiosk(), r.code, QStringLiteral("010-1111-2222"), 5, {});
    QVERIFY(!early.ok());
    QCOMPARE(early.error().code, ErrorCode::Invalid);
    QCOMPARE(f->t->count(QStringLiteral("reviews")), 0);
    QCOMPARE(MileageService(f->db()).balance(r.customerId).value(), before);
    CAMPDESK_VERIFY_OK(f->booking->checkIn(BookingFixture::desk(), r.id));
    CAMPDESK_VERIFY_OK(m_reviews->submitByCode(Actor::kiosk(), r.code, QStringLiteral("010-1111-2222"), 5, {}));
    QCOMPARE(MileageService(f->db()).balance(r.customerId).value(), before + 500);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestReviews::wrongCodeOrPhoneIsNotFound()
{
    const Reservation r = f->book(f->request(m_site, 0, 1, QStringLiteral("010-1111-2222")));
    f->book(f->request(m_site, 3, 1, QStringLiteral("010-3333-4444"), QStringLiteral("Other")));
    for (const auto& [code, phone] : { std::pair { r.code, QStringLiteral("010-3333-4444") },
                                       std::pair { QStringLiteral("CD-XXXXXX"), QStringLiteral("010-1111-2222") },
                                       std::pair { r.code, QStringLiteral("nonsense") } }) {
        Result<Review> review = m_reviews->submitByCode(Actor::kiosk(), code, phone, 3, {});
        QVERIFY(!review.ok());
        QCOMPARE(review.error().code, ErrorCode::NotFound);
    }
    QCOMPARE(f->t->count(QStringLiteral("reviews")), 0);
}

void TestReviews::cancelledStayCannotBeReviewed()
{
    const Reservation r = f->book(f->request(m_site, 0, 1, QStringLiteral("010-1111-2222")));
    CancelRequest cancel;
    cancel.reservationId = r.id;
    cancel.reason = QStringLiteral("test");
    CAMPDESK_VERIFY_OK(f->booking->cancel(BookingFixture::desk(), cancel));
    Result<Review> review = m_reviews->submitByCode(Actor::kiosk(), r.code, QStringLiteral("010-1111-2222"), 3, {});
    QVERIFY(!review.ok());
    QCOMPARE(f->t->count(QStringLiteral("reviews")), 0);
}

void TestReviews::badInputIsRefusedAndChangesNothing_data()
{
    QTest::addColumn<int>("rating");
    QTest::addColumn<QString>("body");
    QTest::newRow("no stars") << 0 << QString();
    QTest::newRow("six stars") << 6 << QString();
    QTest::newRow("too long") << 3 << QString(ReviewService::maxBodyLength + 1, QLatin1Char('a'));
    QTest::newRow("control characters") << 3 << QStringLiteral("bad\x01text");
}

void TestReviews::badInputIsRefusedAndChangesNothing()
{
    QFETCH(int, rating);
    QFETCH(QString, body);
    const Reservation r = f->book(f->request(m_site, 0, 1, QStringLiteral("010-1111-2222")));
    Result<Review> review
        = m_reviews->submitByCode(Actor::kiosk(), r.code, QStringLiteral("010-1111-2222"), rating, body);
    QVERIFY(!review.ok());
    QCOMPARE(review.error().code, ErrorCode::Invalid);
    QCOMPARE(f->t->count(QStringLiteral("reviews")), 0);
    QCOMPARE(f->t->count(QStringLiteral("mileage_ledger"), QStringLiteral("reason = 'review'")), 0);
}

Review TestReviews::submit(const Reservation& r, int rating)
{
    (void)f->booking->checkIn(BookingFixture::desk(), r.id); // a stay is reviewed once checked in
    Result<Review> review
        = m_reviews->submitByCode(Actor::kiosk(), r.code, QStringLiteral("010-1111-2222"), rating, {});
    if (!review.ok()) {
        QTest::qFail(qPrintable(review.error().message), __FILE__, __LINE__);
        return Review();
    }
    return review.value();
}

static void verifyReadModelMatchesRebuild(Database& db)
{
    Result<QStringList> diff = ReadModel(db).differencesFromRebuild();
    CAMPDESK_VERIFY_OK(diff);
    QVERIFY2(diff->isEmpty(), qPrintable(diff->join(QLatin1Char('\n'))));
}

void TestReviews::hideTakesTheReviewOutOfTheRating()
{
    const Reservation a = f->book(f->request(m_site, 0, 1, QStringLiteral("010-1111-2222")));
    const Reservation b = f->book(f->request(m_site, 1, 1, QStringLiteral("010-1111-2222")));
    CAMPDESK_VERIFY_OK(f->booking->checkIn(BookingFixture::desk(), a.id));
    f->clock.advanceSecs(24 * 3600);
    const Review low = submit(a, 1);
    submit(b, 5);
    const qint64 balance = MileageService(f->db()).balance(a.customerId).value();
    QSignalSpy hiddenSpy(&f->bus, &EventBus::reviewHidden);

    CAMPDESK_VERIFY_OK(m_reviews->hide(BookingFixture::desk(), low.id, true));
    QCOMPARE(hiddenSpy.count(), 1);
    Result<QList<CampsiteStatusRow>> rows = ReadModel(f->db()).campsiteStatuses();
    CAMPDESK_VERIFY_OK(rows);
    QCOMPARE(rows->at(0).reviewCount, 1);
    QCOMPARE(rows->at(0).ratingSum, 5);
    QCOMPARE(m_reviews->forCampsite(m_site.id).value().size(), 1);
    QCOMPARE(m_reviews->forCampsite(m_site.id, true).value().size(), 2);
    // Hiding keeps the points: the guest did write it.
    QCOMPARE(MileageService(f->db()).balance(a.customerId).value(), balance);
    QCOMPARE(f->t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'review.hide'")), 1);
    verifyReadModelMatchesRebuild(f->db());

    // Hiding again changes nothing; showing brings it back.
    CAMPDESK_VERIFY_OK(m_reviews->hide(BookingFixture::desk(), low.id, true));
    QCOMPARE(hiddenSpy.count(), 1);
    CAMPDESK_VERIFY_OK(m_reviews->hide(BookingFixture::manager(), low.id, false));
    QCOMPARE(hiddenSpy.count(), 2);
    rows = ReadModel(f->db()).campsiteStatuses();
    QCOMPARE(rows->at(0).reviewCount, 2);
    QCOMPARE(rows->at(0).ratingSum, 6);
    verifyReadModelMatchesRebuild(f->db());

    Status missing = m_reviews->hide(BookingFixture::desk(), low.id + 1000, true);
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
}

void TestReviews::removeTakesBackThePointsOnce()
{
    const Reservation r = f->book(f->request(m_site, 0, 1, QStringLiteral("010-1111-2222")));
    const qint64 before = MileageService(f->db()).balance(r.customerId).value();
    const Review review = submit(r, 2);
    QCOMPARE(MileageService(f->db()).balance(r.customerId).value(), before + 500);
    // The rule changing afterwards does not change what is taken back.
    RuleSettings settings(f->db());
    BookingRules rules = settings.get().value();
    rules.reviewPoints = 900;
    CAMPDESK_VERIFY_OK(settings.set(BookingFixture::manager(), rules));
    QSignalSpy deleted(&f->bus, &EventBus::reviewDeleted);
    QSignalSpy deducted(&f->bus, &EventBus::mileageDeducted);

    CAMPDESK_VERIFY_OK(m_reviews->remove(BookingFixture::manager(), review.id));
    QCOMPARE(deleted.count(), 1);
    QCOMPARE(deducted.count(), 1);
    QCOMPARE(MileageService(f->db()).balance(r.customerId).value(), before);
    QCOMPARE(f->t->count(QStringLiteral("mileage_ledger"),
                         QStringLiteral("reason = 'review_deleted' AND delta = -500 AND source_id = '%1'").arg(r.id)),
             1);
    QCOMPARE(m_reviews->forCampsite(m_site.id, true).value().size(), 0);
    QCOMPARE(ReadModel(f->db()).campsiteStatuses().value().at(0).reviewCount, 0);
    QCOMPARE(f->t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'review.delete'")), 1);
    verifyReadModelMatchesRebuild(f->db());

    // A second delete is NotFound and takes nothing more.
    Status again = m_reviews->remove(BookingFixture::manager(), review.id);
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, ErrorCode::NotFound);
    QCOMPARE(deleted.count(), 1);
    QCOMPARE(MileageService(f->db()).balance(r.customerId).value(), before);
    QCOMPARE(f->t->count(QStringLiteral("mileage_ledger"), QStringLiteral("reason = 'review_deleted'")), 1);
    // A deleted review cannot be hidden either, nor reviewed again.
    QCOMPARE(m_reviews->hide(BookingFixture::manager(), review.id, true).error().code, ErrorCode::NotFound);
}

void TestReviews::moderationRolesAreEnforced()
{
    const Reservation r = f->book(f->request(m_site, 0, 1, QStringLiteral("010-1111-2222")));
    const Review review = submit(r, 3);
    const Status kioskHide = m_reviews->hide(Actor::kiosk(), review.id, true);
    QVERIFY(!kioskHide.ok());
    QCOMPARE(kioskHide.error().code, ErrorCode::Forbidden);
    for (const Actor& actor : { BookingFixture::desk(), Actor::kiosk() }) {
        const Status refused = m_reviews->remove(actor, review.id);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::Forbidden);
    }
    QCOMPARE(m_reviews->forCampsite(m_site.id).value().size(), 1);
    QCOMPARE(f->t->count(QStringLiteral("mileage_ledger"), QStringLiteral("reason = 'review_deleted'")), 0);
    QCOMPARE(f->t->count(QStringLiteral("audit_log"), QStringLiteral("action LIKE 'review.%'")), 0);
}

void TestReviews::removeNeverTakesTheBalanceBelowZero()
{
    const Reservation r = f->book(f->request(m_site, 0, 1, QStringLiteral("010-1111-2222")));
    const Review review = submit(r, 2);
    MileageService mileage(f->db());
    const qint64 balance = mileage.balance(r.customerId).value();
    // The customer spends all but 200 of the points (here by the manager's adjustment).
    CAMPDESK_VERIFY_OK(mileage.adjust(BookingFixture::manager(), r.customerId, 200 - balance, QStringLiteral("spent")));
    CAMPDESK_VERIFY_OK(m_reviews->remove(BookingFixture::manager(), review.id));
    QCOMPARE(mileage.balance(r.customerId).value(), 0);
    QCOMPARE(
        f->t->count(QStringLiteral("mileage_ledger"), QStringLiteral("reason = 'review_deleted' AND delta = -200")), 1);
    // Nor can an adjustment.
    QCOMPARE(mileage.adjust(BookingFixture::manager(), r.customerId, -1, QStringLiteral("x")).error().field,
             QStringLiteral("delta"));
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

CAMPDESK_DB_TEST_MAIN(TestReviews)
#include "tst_reviews.moc"
