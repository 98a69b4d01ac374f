// campdesk-datagen on both databases: a small data set is consistent (the read model equals a rebuild, the
// invariants hold), the same seed gives the same content, another seed different content, and a database that
// already holds data is refused.
#include "datasetfixture.h"
#include "domain/readmodel.h"
#include "testdatabase.h"

#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

namespace {
const QStringList smallSet { QStringLiteral("--campsites"),    QStringLiteral("7"),
                             QStringLiteral("--customers"),    QStringLiteral("150"),
                             QStringLiteral("--reservations"), QStringLiteral("2800"),
                             QStringLiteral("--today"),        QStringLiteral("2026-06-15") };
}

class TestDatagen : public QObject
{
    Q_OBJECT
private slots:
    void smallDataSetHasEveryKindOfStay();
    void sameSeedSameContentOtherSeedOther();
    void refusesADatabaseWithData();
};

void TestDatagen::smallDataSetHasEveryKindOfStay()
{
    TestDatabase t;
    QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
    const QString error
        = generateDataSet(t.spec(), smallSet + QStringList { QStringLiteral("--seed"), QStringLiteral("3") });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(t.count(QStringLiteral("campsites")), 7);
    QCOMPARE(t.count(QStringLiteral("customers")), 150);
    QCOMPARE(t.count(QStringLiteral("reservations")), 2800);
    for (const char* status : { "checked_out", "checked_in", "confirmed", "cancelled" })
        QVERIFY2(t.count(QStringLiteral("reservations"), QStringLiteral("status = '%1'").arg(QLatin1String(status)))
                     > 0,
                 status);
    // Past, current and future stays around the data set's day.
    QVERIFY(t.count(QStringLiteral("reservations"), QStringLiteral("check_out < '2026-06-15'")) > 0);
    QVERIFY(t.count(QStringLiteral("reservations"), QStringLiteral("check_in > '2026-06-15'")) > 0);
    // One payment per reservation, nights only for stays that were not cancelled.
    QCOMPARE(t.count(QStringLiteral("payments")), 2800);
    QCOMPARE(t.count(QStringLiteral("reservation_nights"),
                     QStringLiteral("reservation_id IN (SELECT id FROM reservations WHERE status = 'cancelled')")),
             0);
    QVERIFY(t.count(QStringLiteral("reviews")) > 0);
    QVERIFY(t.count(QStringLiteral("domain_events")) > 2800 * 4);
    QCOMPARE(t.count(QStringLiteral("campsite_status")), 7);
    QVERIFY(t.count(QStringLiteral("daily_stats")) > 0);

    // What the booking engine guarantees holds here too.
    // Every reservation was paid in full; cancelled ones were refunded by the rule, the rest not at all.
    QCOMPARE(t.count(QStringLiteral("reservations r"),
                     QStringLiteral("NOT EXISTS (SELECT 1 FROM payments p WHERE p.reservation_id = r.id "
                                    "AND p.amount = r.amount AND p.order_id = r.order_id AND p.refund_amount = "
                                    "r.refund_amount AND p.status = CASE WHEN r.status = 'cancelled' THEN "
                                    "'cancelled' ELSE 'approved' END)")),
             0);
    // Each live stay holds exactly its nights; nobody holds a night twice (the primary key) or a cancelled night.
    Result<qint64> missingNights = t->read([](SqlSession& s) -> Result<qint64> {
        qint64 missing = 0;
        SqlRows q = s.exec(QStringLiteral("SELECT r.check_in, r.check_out, (SELECT count(*) FROM reservation_nights n "
                                          "WHERE n.reservation_id = r.id) FROM reservations r "
                                          "WHERE r.status <> 'cancelled'"));
        while (q.next())
            missing += dateFromSql(q.value(0)).daysTo(dateFromSql(q.value(1))) - q.value(2).toLongLong();
        return missing;
    });
    CAMPDESK_VERIFY_OK(missingNights);
    QCOMPARE(missingNights.value(), 0);
    // Mileage: 5% of each payment, taken back in full on cancellation, 500 a review; no balance below zero.
    QCOMPARE(t.count(QStringLiteral("reservations r"),
                     QStringLiteral("NOT EXISTS (SELECT 1 FROM mileage_ledger m WHERE m.reason = 'payment' AND "
                                    "m.source_id = CAST(r.id AS TEXT) AND m.delta = r.amount * 5 / 100)")),
             0);
    QCOMPARE(t.count(QStringLiteral("reservations r"),
                     QStringLiteral("r.status = 'cancelled' AND NOT EXISTS (SELECT 1 FROM mileage_ledger m WHERE "
                                    "m.reason = 'cancel' AND m.source_id = CAST(r.id AS TEXT) AND m.delta = "
                                    "-(r.amount * 5 / 100))")),
             0);
    QCOMPARE(t.count(QStringLiteral("mileage_ledger"), QStringLiteral("reason = 'review'")),
             t.count(QStringLiteral("reviews")));
    QCOMPARE(t.count(QStringLiteral("(SELECT customer_id FROM mileage_ledger GROUP BY customer_id "
                                    "HAVING SUM(delta) < 0) negative")),
             0);
    // Reviews only of stays that ended, written after check-out.
    QCOMPARE(t.count(QStringLiteral("reviews v"),
                     QStringLiteral("NOT EXISTS (SELECT 1 FROM reservations r WHERE r.id = v.reservation_id AND "
                                    "r.status = 'checked_out' AND r.campsite_id = v.campsite_id)")),
             0);
    // Nothing happens after the data set's "now" (noon of --today, local time).
    const qint64 now = QDateTime(QDate(2026, 6, 15), QTime(12, 0)).toMSecsSinceEpoch();
    QCOMPARE(t.count(QStringLiteral("domain_events"), QStringLiteral("occurred_at > %1").arg(now)), 0);
    QCOMPARE(t.count(QStringLiteral("reservations"), QStringLiteral("created_at > %1").arg(now)), 0);
    // The read model is the one a rebuild gives.
    Result<QStringList> diff = ReadModel(t.db()).differencesFromRebuild();
    CAMPDESK_VERIFY_OK(diff);
    QVERIFY2(diff->isEmpty(), qPrintable(diff->join(QLatin1Char('\n'))));
}

void TestDatagen::sameSeedSameContentOtherSeedOther()
{
    TestDatabase a;
    TestDatabase b;
    TestDatabase c;
    QVERIFY2(a.ok() && b.ok() && c.ok(), qPrintable(a.errorMessage() + b.errorMessage() + c.errorMessage()));
    const QStringList seed5 = smallSet + QStringList { QStringLiteral("--seed"), QStringLiteral("5") };
    QString error = generateDataSet(a.spec(), seed5);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = generateDataSet(b.spec(), seed5);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = generateDataSet(c.spec(), smallSet + QStringList { QStringLiteral("--seed"), QStringLiteral("6") });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QByteArray first = contentChecksum(a.db());
    QVERIFY(!first.isEmpty());
    QCOMPARE(contentChecksum(b.db()), first);
    QVERIFY(contentChecksum(c.db()) != first);
}

void TestDatagen::refusesADatabaseWithData()
{
    TestDatabase t;
    QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
    QString error = generateDataSet(t.spec(), smallSet);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const qint64 reservations = t.count(QStringLiteral("reservations"));
    error = generateDataSet(t.spec(), smallSet);
    QVERIFY(error.contains(QStringLiteral("empty database")));
    QCOMPARE(t.count(QStringLiteral("reservations")), reservations);
}

CAMPDESK_DB_TEST_MAIN(TestDatagen)
#include "tst_datagen.moc"
