#pragma once

#include "core/clock.h"
#include "core/result.h"
#include "db/dberror.h"
#include "db/sqldates.h"
#include "db/sqlrows.h"
#include "db/sqlsession.h"
#include "db/transaction.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>

namespace campdesk {

class EventBus;
class StatementCache;

// One database connection, SQLite file or PostgreSQL server, with write transactions that retry when the
// database is busy, numbered migrations, and events published only after commit.
// A Database belongs to the thread that opened it; other threads open their own with openAnother().
class Database
{
    Q_DECLARE_TR_FUNCTIONS(Database)

public:
    // How a SQLite connection reads the file (PostgreSQL ignores it). Mapped reads come straight from the system's
    // page cache instead of being copied into the connection's own, which makes a fresh connection as fast as a warm
    // one; but closing the connection unmaps every page it touched, and after a read over most of a million-row table
    // that holds the whole process (the window's thread too) for 100 ms and more. So a connection maps the file only
    // if it lives long (a terminal's own) or reads few pages (the rack's covering indexes).
    enum class FileReads { Mapped, Copied };

    struct Options
    {
        QString terminal = QStringLiteral("terminal"); // origin written on every event
        EventBus* bus = nullptr; // where committed events are published; may be null
        const Clock* clock = nullptr; // defaults to the system clock
        bool migrate = true; // bring the schema up to date on open
        int busyTimeoutMs = 5000;
        int maxAttempts = 8; // for a write that keeps meeting a busy database or a serialization failure
        // A PostgreSQL server on another machine may be reached without TLS (security/allowPlainConnections).
        bool allowPlainConnections = false;
        FileReads fileReads = FileReads::Mapped;
    };

    // spec: a SQLite file path (or sqlite:PATH) or postgresql://user:password@host:port/dbname
    static Result<std::unique_ptr<Database>> open(const QString& spec, const Options& options);
    static Result<std::unique_ptr<Database>> open(const QString& spec) { return open(spec, Options()); }
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Closes this connection and opens it again on the same spec: a SQLite file replaced (a restored backup, a
    // damaged file swapped for a good one) is read from then on instead of the old one still held open. Never
    // creates a missing file. Not inside read() or write().
    Status reopen();

    // Another connection to the same database, for use on the calling thread (no migration). Short-lived ones (a
    // worker's read) copy what they read unless they read few pages (see FileReads).
    Result<std::unique_ptr<Database>> openAnother(const QString& terminalSuffix = QString(),
                                                  FileReads fileReads = FileReads::Copied) const;

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
    // Called inside another write(), body runs in a savepoint of the outer transaction: an error result or a thrown
    // DbError undoes the inner body's rows and events only (the DbError still reaches the caller).
    template<typename F> auto write(F&& body) -> std::invoke_result_t<F, Transaction&>
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
    template<typename F> auto read(F&& body) -> std::invoke_result_t<F, SqlSession&>
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
    // Test seam: called with every statement this connection runs, before it runs (tst_queryplans collects the
    // queries the screens issue and checks their plans). Null to stop.
    using StatementObserver = std::function<void(const QString& sql, const QVariantList& binds)>;
    void setStatementObserver(StatementObserver observer) { m_observer = std::move(observer); }

private:
    Database(QString spec, SqlDriver driver, Options options);
    Status connect();
    Status run(bool write, const std::function<Status(SqlSession&)>& body);
    Status runNested(Transaction& tx, const std::function<Status(SqlSession&)>& body);
    // Forgets the prepared statements: before the connection closes, and after the schema changes.
    void dropStatements();

    QString m_spec;
    SqlDriver m_driver;
    Options m_options;
    QString m_connectionName;
    SqlSession* m_current = nullptr;
    bool m_currentIsWrite = false;
    int m_nestedDepth = 0;
    std::shared_ptr<StatementCache> m_statements;
    StatementObserver m_observer;
    friend class SqlSession;
    friend class Transaction;
};

} // namespace campdesk
