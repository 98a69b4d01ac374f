// InvariantsChecker on both databases: a clean data set (bookings, a stay, a cancellation, reviews kept and
// removed) has no violation; each kind of corruption made by raw SQL is reported, and --check's invariants item
// turns degraded.
#include "bookingfixture.h"
#include "domain/reviewservice.h"
#include "ops/healthcheck.h"
#include "ops/invariantschecker.h"

#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

class TestInvariants : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void cleanDataHasNoViolation();
    void corruptionIsReported_data();
    void corruptionIsReported();

private:
    std::unique_ptr<BookingFixture> f;
    Reservation m_stay; // checked out, reviewed
    Reservation m_confirmed;
    Reservation m_cancelled;
    Reservation m_removedReview; // its review was removed
};

void TestInvariants::init()
{
    f = std::make_unique<BookingFixture>();
    QVERIFY2(f->ok(), qPrintable(f->t->errorMessage()));
    const Campsite a = f->addSite(QStringLiteral("A-01"), 50000);
    const Campsite b = f->addSite(QStringLiteral("B-01"), 30000);
    m_stay = f->book(f->request(a, 0, 2, QStringLiteral("010-1111-2222")));
    m_confirmed = f->book(f->request(a, 3, 2, QStringLiteral("010-3333-4444"), QStringLiteral("Other")));
    m_cancelled = f->book(f->request(b, 5, 1, QStringLiteral("010-1111-2222")));
    m_removedReview = f->book(f->request(b, 0, 1, QStringLiteral("010-1111-2222")));
    CAMPDESK_VERIFY_OK(f->booking->checkIn(BookingFixture::desk(), m_stay.id));
    CAMPDESK_VERIFY_OK(f->booking->checkOut(BookingFixture::desk(), m_stay.id));
    CancelRequest cancel;
    cancel.reservationId = m_cancelled.id;
    cancel.reason = QStringLiteral("plans changed");
    CAMPDESK_VERIFY_OK(f->booking->cancel(BookingFixture::desk(), cancel));
    ReviewService reviews(f->db());
    CAMPDESK_VERIFY_OK(f->booking->checkIn(BookingFixture::desk(), m_removedReview.id));
    CAMPDESK_VERIFY_OK(reviews.submitByCode(Actor::kiosk(), m_stay.code, QStringLiteral("010-1111-2222"), 4, {}));
    Result<Review> removed
        = reviews.submitByCode(Actor::kiosk(), m_removedReview.code, QStringLiteral("010-1111-2222"), 1, {});
    CAMPDESK_VERIFY_OK(removed);
    CAMPDESK_VERIFY_OK(reviews.remove(BookingFixture::manager(), removed->id));
}

void TestInvariants::cleanup()
{
    f.reset();
}

void TestInvariants::cleanDataHasNoViolation()
{
    QVERIFY(BookingFixture::invariantsHold(f->db()));
    HealthCheck::Options options;
    options.invariants = &InvariantsChecker::run;
    QCOMPARE(HealthCheck::checkInvariants(f->db(), options).level, HealthItem::Level::Ok);
}

void TestInvariants::corruptionIsReported_data()
{
    // %1 the checked-out stay, %2 the confirmed booking, %3 the cancelled one, %4 the one whose review was removed.
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("expected");
    QTest::newRow("site booked twice") << QStringLiteral(
        "UPDATE reservations SET status = 'confirmed', check_in = (SELECT check_in FROM "
        "reservations WHERE id = %2), check_out = (SELECT check_out FROM reservations WHERE id = %2), "
        "campsite_id = (SELECT campsite_id FROM reservations WHERE id = %2) WHERE id = %3")
                                       << QStringLiteral("is booked twice");
    QTest::newRow("nights missing") << QStringLiteral("DELETE FROM reservation_nights WHERE reservation_id = %2")
                                    << QStringLiteral("night rows for");
    QTest::newRow("cancelled keeps a night")
        << QStringLiteral("INSERT INTO reservation_nights (campsite_id, night, reservation_id) SELECT campsite_id, "
                          "'2031-01-01', id FROM reservations WHERE id = %3")
        << QStringLiteral("should not");
    QTest::newRow("payment not approved")
        << QStringLiteral("UPDATE payments SET status = 'failed' WHERE reservation_id = %2")
        << QStringLiteral("approved payment");
    QTest::newRow("payment amount differs")
        << QStringLiteral("UPDATE payments SET amount = amount + 1 WHERE reservation_id = %1")
        << QStringLiteral("approved payment");
    QTest::newRow("refund not recorded") << QStringLiteral(
        "UPDATE payments SET refund_amount = refund_amount + 1 WHERE reservation_id = %3")
                                         << QStringLiteral("recording its refund");
    QTest::newRow("payment credit missing")
        << QStringLiteral("DELETE FROM mileage_ledger WHERE reason = 'payment' AND source_id = '%2'")
        << QStringLiteral("payment credit");
    QTest::newRow("cancel row missing") << QStringLiteral(
        "DELETE FROM mileage_ledger WHERE reason = 'cancel' AND source_id = '%3'")
                                        << QStringLiteral("cancel row");
    QTest::newRow("review credit missing")
        << QStringLiteral("DELETE FROM mileage_ledger WHERE reason = 'review' AND source_id = '%1'")
        << QStringLiteral("review credit");
    QTest::newRow("review_deleted missing")
        << QStringLiteral("DELETE FROM mileage_ledger WHERE reason = 'review_deleted' AND source_id = '%4'")
        << QStringLiteral("review_deleted row");
    QTest::newRow("ledger row of another customer") << QStringLiteral(
        "UPDATE mileage_ledger SET customer_id = (SELECT customer_id FROM reservations WHERE id = %2) "
        "WHERE reason = 'payment' AND source_id = '%1'")
                                                    << QStringLiteral("same customer");
    QTest::newRow("read model off") << QStringLiteral("UPDATE campsite_status SET revenue = revenue + 1")
                                    << QStringLiteral("read model differs");
}

void TestInvariants::corruptionIsReported()
{
    QFETCH(QString, sql);
    QFETCH(QString, expected);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
    QString statement = sql;
    const QList<qint64> ids { m_stay.id, m_confirmed.id, m_cancelled.id, m_removedReview.id };
    for (int i = 0; i < ids.size(); ++i)
        statement.replace(QStringLiteral("%%1").arg(i + 1), QString::number(ids.at(i)));
    CAMPDESK_VERIFY_OK(f->db().write([&](Transaction& tx) -> Status {
        tx.exec(statement);
        return Status();
    }));
    Result<QStringList> violations = InvariantsChecker(f->db()).check();
    CAMPDESK_VERIFY_OK(violations);
    const QString all = violations->join(QLatin1Char('\n'));
    QVERIFY2(all.contains(expected), qPrintable(QStringLiteral("expected \"%1\" in:\n%2").arg(expected, all)));

    HealthCheck::Options options;
    options.invariants = &InvariantsChecker::run;
    const HealthItem item = HealthCheck::checkInvariants(f->db(), options);
    QCOMPARE(item.level, HealthItem::Level::Degraded);
}

CAMPDESK_DB_TEST_MAIN(TestInvariants)
#include "tst_invariants.moc"
