#include "testdatabase.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>
#include <atomic>
#include <cstdio>

namespace campdesk::test {

namespace {
Backend g_backend = Backend::Sqlite;
std::atomic<int> g_databaseCounter { 0 };

QSqlDatabase adminConnection()
{
    const QString name = QStringLiteral("campdesk-test-admin");
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name);
    const QUrl url(postgresAdminUrl());
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setHostName(url.host());
    db.setPort(url.port(5432));
    db.setDatabaseName(url.path().mid(1));
    db.setUserName(url.userName());
    db.setPassword(url.password());
    if (!db.open())
        qWarning("cannot connect to the test PostgreSQL server: %s", qPrintable(db.lastError().text()));
    return db;
}
} // namespace

Backend currentBackend()
{
    return g_backend;
}

QString backendName()
{
    return g_backend == Backend::Sqlite ? QStringLiteral("SQLite") : QStringLiteral("PostgreSQL");
}

QString postgresAdminUrl()
{
    return qEnvironmentVariable("CAMPDESK_TEST_PG_URL");
}

TestDatabase::TestDatabase(Database::Options options)
    : TestDatabase(currentBackend(), std::move(options))
{
}

TestDatabase::TestDatabase(Backend backend, Database::Options options)
    : m_backend(backend)
{
    if (options.terminal == QLatin1String("terminal"))
        options.terminal = QStringLiteral("test");
    if (backend == Backend::Sqlite) {
        m_spec = m_dir.filePath(QStringLiteral("campdesk.db"));
    } else {
        m_pgName = QStringLiteral("cdt_%1_%2").arg(QCoreApplication::applicationPid()).arg(++g_databaseCounter);
        QSqlQuery query(adminConnection());
        if (!query.exec(QStringLiteral("CREATE DATABASE %1").arg(m_pgName))) {
            m_error = query.lastError().text();
            qWarning("CREATE DATABASE failed: %s", qPrintable(m_error));
            return;
        }
        QUrl url(postgresAdminUrl());
        url.setPath(QLatin1Char('/') + m_pgName);
        m_spec = url.toString();
    }
    Result<std::unique_ptr<Database>> opened = Database::open(m_spec, options);
    if (!opened.ok()) {
        m_error = opened.error().message;
        qWarning("cannot open the test database: %s", qPrintable(m_error));
        return;
    }
    m_db = std::move(opened).value();
}

TestDatabase::~TestDatabase()
{
    m_db.reset();
    if (!m_pgName.isEmpty()) {
        QSqlQuery query(adminConnection());
        if (!query.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_pgName)))
            qWarning("DROP DATABASE failed: %s", qPrintable(query.lastError().text()));
    }
}

std::unique_ptr<Database> TestDatabase::openAnother(Database::Options options) const
{
    options.migrate = false;
    Result<std::unique_ptr<Database>> opened = Database::open(m_spec, options);
    if (!opened.ok()) {
        qWarning("cannot open another connection: %s", qPrintable(opened.error().message));
        return nullptr;
    }
    return std::move(opened).value();
}

qint64 TestDatabase::count(const QString& table, const QString& where)
{
    Result<qint64> n = m_db->read([&](SqlSession& s) -> Result<qint64> {
        return s
            .scalar(QStringLiteral("SELECT count(*) FROM ") + table
                    + (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where))
            .toLongLong();
    });
    return n.ok() ? n.value() : -1;
}

int runOnBothBackends(QObject& testObject, int argc, char** argv)
{
    int failures = 0;
    std::fprintf(stdout, "=== %s on SQLite ===\n", testObject.metaObject()->className());
    std::fflush(stdout);
    g_backend = Backend::Sqlite;
    failures += QTest::qExec(&testObject, argc, argv);

    if (postgresAdminUrl().isEmpty()) {
        if (qEnvironmentVariable("CAMPDESK_TEST_SQLITE_ONLY") == QLatin1String("1")) {
            std::fprintf(stdout, "=== PostgreSQL pass left out: CAMPDESK_TEST_SQLITE_ONLY=1 ===\n");
            return failures;
        }
        std::fprintf(stderr,
                     "FAIL: CAMPDESK_TEST_PG_URL is not set, so the PostgreSQL pass cannot run. "
                     "Run the tests through scripts/test.\n");
        return failures + 1;
    }
    std::fprintf(stdout, "=== %s on PostgreSQL ===\n", testObject.metaObject()->className());
    std::fflush(stdout);
    g_backend = Backend::Postgres;
    failures += QTest::qExec(&testObject, argc, argv);
    {
        QSqlDatabase::database(QStringLiteral("campdesk-test-admin"), false).close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("campdesk-test-admin"));
    return failures;
}

} // namespace campdesk::test
