#pragma once

#include "actor.h"
#include "clock.h"
#include "domainevent.h"
#include "result.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <vector>

namespace campdesk {

class EventBus;
class Database;

enum class SqlDriver { Sqlite, Postgres };

// A failed statement, classified so callers can tell a lost race (Unique) or a busy database (Busy) from a bug.
// RunAgain: PostgreSQL could not prepare a statement (it cannot tell a value's type); the statement now runs
// unprepared, and the transaction, aborted by the failure, runs again at once.
class DbError : public std::exception
{
public:
    enum class Kind { Busy, Unique, ForeignKey, Check, Corrupt, Connection, RunAgain, Other };
    DbError(Kind kind, QString text, QString nativeCode);
    Kind kind() const { return m_kind; }
    const QString& text() const { return m_text; }
    const QString& nativeCode() const { return m_nativeCode; }
    const char* what() const noexcept override { return m_what.constData(); }

private:
    Kind m_kind;
    QString m_text;
    QString m_nativeCode;
    QByteArray m_what;
};

class StatementCache;

// The result of one statement run by SqlSession::exec(). When it goes away, a prepared statement is reset and handed
// back to its connection, which runs it again without parsing it again. Pass it where a const QSqlQuery& is wanted.
class SqlRows
{
public:
    SqlRows(SqlRows&& other) noexcept = default;
    SqlRows& operator=(SqlRows&& other) noexcept;
    SqlRows(const SqlRows&) = delete;
    SqlRows& operator=(const SqlRows&) = delete;
    ~SqlRows() { release(); }

    bool next() { return m_query.next(); }
    QVariant value(int column) const { return m_query.value(column); }
    // By column name: the names are looked up once a result (QSqlQuery::value(name) builds the record every call).
    QVariant value(const QString& column) const;
    bool isNull(int column) const { return m_query.isNull(column); }
    int numRowsAffected() const { return m_query.numRowsAffected(); }
    QSqlRecord record() const { return m_query.record(); }
    operator const QSqlQuery&() const { return m_query; }
    // Done with the rows before the end of the scope: the statement goes back at once (no row may be read after).
    void finish() { release(); }

private:
    friend class SqlSession;
    SqlRows(QSqlQuery query, QString cachedSql = QString(), std::weak_ptr<StatementCache> cache = {});
    void release();

    QSqlQuery m_query;
    QString m_cachedSql; // empty when the statement is not kept
    std::weak_ptr<StatementCache> m_cache;
    mutable std::optional<QSqlRecord> m_record;
};

// A connection in use inside Database::read() or write(). exec() throws DbError; read()/write() catch it.
// Binds: a null QString is stored as '' (text columns are NOT NULL); bind QVariant() for SQL NULL.
class SqlSession
{
public:
    SqlRows exec(const QString& sql, const QVariantList& binds = {});
    // The first column of the first row, or an invalid QVariant when there is no row.
    QVariant scalar(const QString& sql, const QVariantList& binds = {});
    // Runs an INSERT ... RETURNING id and gives the id.
    qint64 insert(const QString& sql, const QVariantList& binds = {});
    SqlDriver driver() const;
    Database& database() { return m_db; }
    qint64 nowMs() const;

protected:
    explicit SqlSession(Database& db)
        : m_db(db)
    {
    }
    Database& m_db;
    friend class Database;
};

// A write transaction. Events and audit rows are written inside it; signals are queued until it commits.
class Transaction : public SqlSession
{
public:
    // Writes a domain_events row now and publishes it on the EventBus after commit. Returns the event id.
    qint64 recordEvent(EventType type, const QString& aggregate, qint64 aggregateId,
                       const QJsonObject& payload = QJsonObject());
    void audit(const Actor& actor, const QString& action, const QString& target, const QString& details = QString());
    void afterCommit(std::function<void()> callback) { m_afterCommit.push_back(std::move(callback)); }
    const std::vector<DomainEvent>& events() const { return m_events; }

private:
    explicit Transaction(Database& db)
        : SqlSession(db)
    {
    }
    std::vector<DomainEvent> m_events;
    std::vector<std::function<void()>> m_afterCommit;
    friend class Database;
};

// One database connection, SQLite file or PostgreSQL server, with write transactions that retry when the
// database is busy, numbered migrations, and events published only after commit.
// A Database belongs to the thread that opened it; other threads open their own with openAnother().
class Database
{
    Q_DECLARE_TR_FUNCTIONS(Database)

public:
    struct Options
    {
        QString terminal = QStringLiteral("terminal"); // origin written on every event
        EventBus* bus = nullptr;                       // where committed events are published; may be null
        const Clock* clock = nullptr;                  // defaults to the system clock
        bool migrate = true;                           // bring the schema up to date on open
        int busyTimeoutMs = 5000;
        int maxAttempts = 8; // for a write that keeps meeting a busy database or a serialization failure
    };

    // spec: a SQLite file path (or sqlite:PATH) or postgresql://user:password@host:port/dbname
    static Result<std::unique_ptr<Database>> open(const QString& spec, const Options& options);
    static Result<std::unique_ptr<Database>> open(const QString& spec) { return open(spec, Options()); }
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Another connection to the same database, for use on the calling thread (no migration).
    Result<std::unique_ptr<Database>> openAnother(const QString& terminalSuffix = QString()) const;

    SqlDriver driver() const { return m_driver; }
    const QString& spec() const { return m_spec; }
    QString describe() const; // "SQLite: /path/file.db" or "PostgreSQL: host:port/db", never the password
    QSqlDatabase connection() const;
    const Options& options() const { return m_options; }
    const Clock& clock() const { return *m_options.clock; }
    EventBus* bus() const { return m_options.bus; }
    void setBus(EventBus* bus) { m_options.bus = bus; }
    const QString& terminal() const { return m_options.terminal; }
    bool inTransaction() const { return m_current != nullptr; }
    // Prepared statements kept on this connection for their next run.
    int keptStatementCount() const;

    // Runs body in one write transaction (BEGIN IMMEDIATE on SQLite). body returns Status or Result<T>;
    // an error result or a thrown DbError rolls back. Busy and serialization failures are retried.
    // Called inside another write(), body joins the outer transaction.
    template<typename F>
    auto write(F&& body) -> std::invoke_result_t<F, Transaction&>
    {
        using R = std::invoke_result_t<F, Transaction&>;
        std::optional<R> out;
        Status status = run(true, [&](SqlSession& session) -> Status {
            out.emplace(body(static_cast<Transaction&>(session)));
            return out->ok() ? Status() : Status(out->error());
        });
        if (!status.ok())
            return R(status.error());
        return std::move(*out);
    }

    // Runs body on one consistent snapshot (a read-only transaction).
    template<typename F>
    auto read(F&& body) -> std::invoke_result_t<F, SqlSession&>
    {
        using R = std::invoke_result_t<F, SqlSession&>;
        std::optional<R> out;
        Status status = run(false, [&](SqlSession& session) -> Status {
            out.emplace(body(session));
            return out->ok() ? Status() : Status(out->error());
        });
        if (!status.ok())
            return R(status.error());
        return std::move(*out);
    }

    // The highest applied migration, and the highest this program knows.
    Result<int> schemaVersion();
    static int latestSchemaVersion();
    Status migrate() { return migrateTo(latestSchemaVersion()); }
    // Applies the migrations up to and including version (upgrade tests start from an old schema).
    Status migrateTo(int version);
    static Error newerSchemaError(int version);

    // A translated message for a failed statement, for the user.
    static Error toError(const DbError& error);
    // Test seam: the filesystem type (statfs f_type) of a folder; replaced to test the network-share refusal.
    static void setFilesystemProbeForTesting(std::function<long(const QString& folder)> probe);
    static bool isNetworkFilesystem(long fsType);

private:
    Database(QString spec, SqlDriver driver, Options options);
    Status connect();
    Status run(bool write, const std::function<Status(SqlSession&)>& body);
    // Forgets the prepared statements: before the connection closes, and after the schema changes.
    void dropStatements();

    QString m_spec;
    SqlDriver m_driver;
    Options m_options;
    QString m_connectionName;
    SqlSession* m_current = nullptr;
    bool m_currentIsWrite = false;
    std::shared_ptr<StatementCache> m_statements;
    friend class SqlSession;
    friend class Transaction;
};

// Dates are stored as ISO text ("2026-11-24") on both databases; times as UTC milliseconds since the epoch.
inline QString sqlDate(const QDate& date)
{
    return date.toString(Qt::ISODate);
}
inline QDate dateFromSql(const QVariant& value)
{
    return QDate::fromString(value.toString(), Qt::ISODate);
}

} // namespace campdesk
