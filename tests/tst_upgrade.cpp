// Upgrades without data loss: a database created at schema version 1 and filled in every table is brought up
// to the newest schema, and every row survives with its content. Keeps passing as migrations are added.
#include "db/migrations.h"
#include "sampledata.h"
#include "testdatabase.h"

#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

class TestUpgrade : public QObject
{
    Q_OBJECT
private slots:
    void migrateToStopsAtTheGivenVersion();
    void everyRowSurvivesTheUpgradeFromVersionOne();
    void migrationEighteenRebuildsReservationsWithItsTriggersAndKeys();
    void migrationTwentySevenCreditsOldPaymentsToTheBookingsCreator();
};

namespace {
Database::Options unmigrated()
{
    Database::Options options;
    options.migrate = false;
    return options;
}
} // namespace

void TestUpgrade::migrateToStopsAtTheGivenVersion()
{
    TestDatabase t(unmigrated());
    QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
    QCOMPARE(t->schemaVersion().value(), 0);
    CAMPDESK_VERIFY_OK(t->migrateTo(1));
    QCOMPARE(t->schemaVersion().value(), 1);
    QCOMPARE(t.count(QStringLiteral("schema_migrations")), 1);
    CAMPDESK_VERIFY_OK(t->migrate());
    QCOMPARE(t->schemaVersion().value(), Database::latestSchemaVersion());
    QCOMPARE(t.count(QStringLiteral("schema_migrations")), qint64(migrations().size()));
}

void TestUpgrade::everyRowSurvivesTheUpgradeFromVersionOne()
{
    TestDatabase t(unmigrated());
    QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
    CAMPDESK_VERIFY_OK(t->migrateTo(1));
    CAMPDESK_VERIFY_OK(t->write([](Transaction& tx) -> Status {
        insertSampleRows(tx, 1, 5);
        return {};
    }));
    Result<QStringList> before = t->read([](SqlSession& s) -> Result<QStringList> { return snapshotSampleTables(s); });
    CAMPDESK_VERIFY_OK(before);
    for (const SampleTable& table : sampleTables())
        QVERIFY2(t.count(table.name) >= 5, qPrintable(table.name));

    // The program opening it is the newest one: open() migrates, as the app does after an upgrade.
    Result<std::unique_ptr<Database>> upgraded = Database::open(t.spec());
    CAMPDESK_VERIFY_OK(upgraded);
    QCOMPARE(upgraded.value()->schemaVersion().value(), Database::latestSchemaVersion());
    Result<QStringList> after
        = upgraded.value()->read([](SqlSession& s) -> Result<QStringList> { return snapshotSampleTables(s); });
    CAMPDESK_VERIFY_OK(after);
    QCOMPARE(after.value().size(), before.value().size());
    QCOMPARE(after.value(), before.value());
    for (const SampleTable& table : sampleTables()) {
        Result<qint64> rows = upgraded.value()->read([&](SqlSession& s) -> Result<qint64> {
            return s.scalar(QStringLiteral("SELECT count(*) FROM ") + table.name).toLongLong();
        });
        CAMPDESK_VERIFY_OK(rows);
        QVERIFY2(table.derived ? rows.value() > 0 : rows.value() == t.count(table.name), qPrintable(table.name));
    }

    // Migration 19: the shipped holidays are there, every site includes all its guests (no extra-person fee) and the
    // bookings made before keep their amount without priced lines.
    Result<QVariantList> rates = upgraded.value()->read([](SqlSession& s) -> Result<QVariantList> {
        return QVariantList { s.scalar(QStringLiteral("SELECT count(*) FROM holidays")),
                              s.scalar(QStringLiteral("SELECT count(*) FROM campsites WHERE base_guests <> 0")),
                              s.scalar(QStringLiteral("SELECT count(*) FROM reservation_lines")) };
    });
    CAMPDESK_VERIFY_OK(rates);
    QCOMPARE(rates->at(0).toInt(), 40);
    QCOMPARE(rates->at(1).toInt(), 0);
    QCOMPARE(rates->at(2).toInt(), 0);

    // The upgraded database still takes new rows (sequences and constraints intact).
    CAMPDESK_VERIFY_OK(upgraded.value()->write([](Transaction& tx) -> Status {
        insertSampleRows(tx, 6, 1);
        return {};
    }));
}

// Migration 18 rebuilds reservations and reservation_nights on SQLite (a new CHECK on the status, nullable
// reservation_id for a site block's nights): from a filled database at 17 every row survives, the read-model triggers
// of migration 12 still run (now counting no-shows), and foreign keys are enforced again afterwards.
void TestUpgrade::migrationEighteenRebuildsReservationsWithItsTriggersAndKeys()
{
    TestDatabase t(unmigrated());
    QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
    CAMPDESK_VERIFY_OK(t->migrateTo(17));
    CAMPDESK_VERIFY_OK(t->write([](Transaction& tx) -> Status {
        insertSampleRows(tx, 1, 5);
        return {};
    }));
    // A no-show is refused before, as the old CHECK says.
    QVERIFY(!t->write([](Transaction& tx) -> Status {
                  tx.exec(QStringLiteral("UPDATE reservations SET status = 'no_show' WHERE id = 1"));
                  return {};
              }).ok());
    Result<QStringList> before = t->read([](SqlSession& s) -> Result<QStringList> { return snapshotSampleTables(s); });
    CAMPDESK_VERIFY_OK(before);
    const QString indexNames = t->driver() == SqlDriver::Sqlite
        ? QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name LIKE 'reservation%' "
                         "AND name NOT LIKE 'sqlite_autoindex%' ORDER BY name")
        : QStringLiteral("SELECT indexname FROM pg_indexes WHERE tablename LIKE 'reservation%' ORDER BY indexname");
    auto indexesNow = [&] {
        return t->read([&](SqlSession& s) -> Result<QStringList> {
            QStringList names;
            SqlRows q = s.exec(indexNames);
            while (q.next())
                names << q.value(0).toString();
            return names;
        });
    };
    const Result<QStringList> indexesBefore = indexesNow();
    CAMPDESK_VERIFY_OK(indexesBefore);
    QVERIFY(indexesBefore.value().contains(QStringLiteral("reservations_site_checked_out_on")));
    CAMPDESK_VERIFY_OK(t->migrateTo(18));
    Result<QStringList> after = t->read([](SqlSession& s) -> Result<QStringList> { return snapshotSampleTables(s); });
    CAMPDESK_VERIFY_OK(after);
    QCOMPARE(after.value(), before.value());
    auto revenueOfSiteOne = [&] {
        return t->read([](SqlSession& s) -> Result<qint64> {
            return s.scalar(QStringLiteral("SELECT revenue FROM campsite_status WHERE campsite_id = 1")).toLongLong();
        });
    };
    const Result<qint64> revenue = revenueOfSiteOne();
    CAMPDESK_VERIFY_OK(revenue);
    // The triggers: a no-show moves its count, keeps its revenue; a cancel moves its own count.
    CAMPDESK_VERIFY_OK(t->write([](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("UPDATE reservations SET status = 'no_show' WHERE id = 1"));
        tx.exec(QStringLiteral("UPDATE reservations SET status = 'cancelled' WHERE id = 2"));
        return {};
    }));
    QCOMPARE(t.count(QStringLiteral("campsite_status"), QStringLiteral("campsite_id = 1 AND no_show_count = 1")), 1);
    QCOMPARE(t.count(QStringLiteral("campsite_status"),
                     QStringLiteral("campsite_id = 2 AND no_show_count = 0 AND cancelled_count > 0")),
             1);
    QCOMPARE(revenueOfSiteOne().value(), revenue.value()); // a no-show keeps what was paid
    // Every index came back (the rebuild lists them by hand; one forgotten makes a screen scan a million rows).
    const Result<QStringList> indexesAfter = indexesNow();
    CAMPDESK_VERIFY_OK(indexesAfter);
    for (const QString& name : indexesBefore.value())
        QVERIFY2(indexesAfter.value().contains(name), qPrintable(name));
    // A block's night row, and foreign keys on again: a night of a reservation that does not exist is refused.
    CAMPDESK_VERIFY_OK(t->write([](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("INSERT INTO site_blocks (id, campsite_id, date_from, date_to, kind, reason, "
                               "created_at) VALUES (1, 1, '2031-01-01', '2031-01-02', 'closure', 'x', 0)"));
        tx.exec(QStringLiteral("INSERT INTO reservation_nights (campsite_id, night, block_id) "
                               "VALUES (1, '2031-01-01', 1)"));
        return {};
    }));
    QVERIFY(!t->write([](Transaction& tx) -> Status {
                  tx.exec(QStringLiteral("INSERT INTO reservation_nights (campsite_id, night, reservation_id) "
                                         "VALUES (1, '2031-02-01', 999)"));
                  return {};
              }).ok());
    QVERIFY(!t->write([](Transaction& tx) -> Status { // a night belongs to a booking or a block, not both or none
                  tx.exec(QStringLiteral("INSERT INTO reservation_nights (campsite_id, night) "
                                         "VALUES (1, '2031-03-01')"));
                  return {};
              })
                 .ok());
}

// Payments from before migration 27 recorded nobody: they are credited to whoever made the booking (what the
// cash-up showed for them until then), refunds too; newer rows say who took and who gave back the money.
void TestUpgrade::migrationTwentySevenCreditsOldPaymentsToTheBookingsCreator()
{
    TestDatabase t(unmigrated());
    QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
    CAMPDESK_VERIFY_OK(t->migrateTo(26));
    CAMPDESK_VERIFY_OK(t->write([](Transaction& tx) -> Status {
        insertSampleRows(tx, 1, 3);
        // Booking 3 made by nobody (a kiosk booking), booking 2's payment refunded in part.
        tx.exec(QStringLiteral("UPDATE reservations SET created_by = NULL WHERE id = 3"));
        tx.exec(QStringLiteral("UPDATE payments SET status = 'cancelled', refund_amount = 40000 WHERE id = 2"));
        return {};
    }));
    CAMPDESK_VERIFY_OK(t->migrateTo(27));
    Result<QStringList> rows = t->read([](SqlSession& s) -> Result<QStringList> {
        QStringList out;
        SqlRows q = s.exec(QStringLiteral("SELECT id, taken_by, refunded_by FROM payments ORDER BY id"));
        while (q.next())
            out << QStringLiteral("%1:%2:%3")
                       .arg(q.value(0).toString(), q.value(1).isNull() ? QStringLiteral("-") : q.value(1).toString(),
                            q.value(2).isNull() ? QStringLiteral("-") : q.value(2).toString());
        return out;
    });
    CAMPDESK_VERIFY_OK(rows);
    QCOMPARE(rows.value(), QStringList({ QStringLiteral("1:1:-"), QStringLiteral("2:2:2"), QStringLiteral("3:-:-") }));
}

CAMPDESK_DB_TEST_MAIN(TestUpgrade)
#include "tst_upgrade.moc"
