#pragma once

#include "db/database.h"

#include <QObject>
#include <QTemporaryDir>
#include <memory>

namespace campdesk::test {

enum class Backend { Sqlite, Postgres };

// The backend the current pass of the suite runs on (see runOnBothBackends).
Backend currentBackend();
QString backendName();

// A fresh, migrated database for one test case: a temporary SQLite file, or a new PostgreSQL database on
// the server named by CAMPDESK_TEST_PG_URL (dropped again by the destructor).
class TestDatabase
{
public:
    explicit TestDatabase(Database::Options options = Database::Options());
    explicit TestDatabase(Backend backend, Database::Options options = Database::Options());
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    bool ok() const { return m_db != nullptr; }
    QString errorMessage() const { return m_error; }
    Database& db() { return *m_db; }
    Database* operator->() { return m_db.get(); }
    // What another process passes to Database::open() to reach the same database.
    const QString& spec() const { return m_spec; }
    // Reopens a second connection (e.g. a second terminal) to the same database.
    std::unique_ptr<Database> openAnother(Database::Options options = Database::Options()) const;

    // Counts rows, for "nothing changed" assertions.
    qint64 count(const QString& table, const QString& where = QString());

private:
    Backend m_backend;
    QString m_spec;
    QString m_pgName;
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    QString m_error;
};

// Runs every test function of testObject once on SQLite and once on PostgreSQL; returns the failures.
// Without CAMPDESK_TEST_PG_URL the PostgreSQL pass fails (CI must never skip it), unless
// CAMPDESK_TEST_SQLITE_ONLY=1 is set for a quick local run.
int runOnBothBackends(QObject& testObject, int argc, char** argv);

// The admin URL of the test PostgreSQL server, or empty.
QString postgresAdminUrl();

} // namespace campdesk::test

// A model suite: QCoreApplication, every case on both databases.
#define CAMPDESK_DB_TEST_MAIN(TestClass)                                                                               \
    int main(int argc, char** argv)                                                                                    \
    {                                                                                                                  \
        QCoreApplication app(argc, argv);                                                                              \
        TestClass testObject;                                                                                          \
        return campdesk::test::runOnBothBackends(testObject, argc, argv);                                              \
    }

// Fails the current test with the error's message when a Result is not ok.
#define CAMPDESK_VERIFY_OK(expr)                                                                                       \
    do {                                                                                                               \
        const auto& campdeskResult_ = (expr);                                                                          \
        QVERIFY2(campdeskResult_.ok(), qPrintable(campdeskResult_.error().message));                                   \
    } while (false)
