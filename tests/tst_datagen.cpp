// campdesk-datagen on both databases: a small data set is consistent (the read model equals a rebuild, the
// invariants hold), the same seed gives the same content, another seed different content, and a database that
// already holds data is refused.
#include "datasetfixture.h"
#include "testdatabase.h"

#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

namespace {
const QStringList smallSet{QStringLiteral("--campsites"), QStringLiteral("7"), QStringLiteral("--customers"),
                           QStringLiteral("150"), QStringLiteral("--reservations"), QStringLiteral("2800"),
                           QStringLiteral("--today"), QStringLiteral("2026-06-15")};
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
    const QString error = generateDataSet(t.spec(), smallSet + QStringList{QStringLiteral("--seed"), QStringLiteral("3")});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(t.count(QStringLiteral("campsites")), 7);
    QCOMPARE(t.count(QStringLiteral("customers")), 150);
    QCOMPARE(t.count(QStringLiteral("reservations")), 2800);
    for (const char* status : {"checked_out", "checked_in", "confirmed", "cancelled"})
        QVERIFY2(t.count(QStringLiteral("reservations"), QStringLiteral("status = '%1'").arg(QLatin1String(status))) > 0,
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
}

void TestDatagen::sameSeedSameContentOtherSeedOther()
{
    TestDatabase a;
    TestDatabase b;
    TestDatabase c;
    QVERIFY2(a.ok() && b.ok() && c.ok(), qPrintable(a.errorMessage() + b.errorMessage() + c.errorMessage()));
    const QStringList seed5 = smallSet + QStringList{QStringLiteral("--seed"), QStringLiteral("5")};
    QString error = generateDataSet(a.spec(), seed5);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = generateDataSet(b.spec(), seed5);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = generateDataSet(c.spec(), smallSet + QStringList{QStringLiteral("--seed"), QStringLiteral("6")});
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
