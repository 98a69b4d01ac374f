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

CAMPDESK_DB_TEST_MAIN(TestUpgrade)
#include "tst_upgrade.moc"
