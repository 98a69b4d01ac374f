#include "db/database.h"

#include "core/eventbus.h"
#include "core/logging.h"
#include "core/transportsecurity.h"
#include "db/migrations.h"
#include "db/statementcache.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>
#include <atomic>
#include <sys/vfs.h>

namespace campdesk {

namespace {

std::function<long(const QString&)>& filesystemProbe()
{
    static std::function<long(const QString&)> probe = [](const QString& folder) -> long {
        struct statfs info
        {
        };
        if (statfs(QFile::encodeName(folder).constData(), &info) != 0)
            return 0;
        return static_cast<long>(info.f_type);
    };
    return probe;
}

std::atomic<int> connectionCounter { 0 };

} // namespace

Database::Database(QString spec, SqlDriver driver, Options options)
    : m_spec(std::move(spec))
    , m_driver(driver)
    , m_options(std::move(options))
    , m_connectionName(QStringLiteral("campdesk-%1").arg(++connectionCounter))
    , m_statements(std::make_shared<StatementCache>())
{
    if (!m_options.clock)
        m_options.clock = &Clock::system();
}

Database::~Database()
{
    m_statements.reset(); // the statements go before their connection
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

Status Database::reopen()
{
    if (m_current)
        return Error { ErrorCode::Unavailable, Database::tr("The database is in use; try again in a moment.") };
    // A kiosk must never create the file it lost: a missing file stays an error until one is put back.
    if (m_driver == SqlDriver::Sqlite && !QFileInfo(m_spec).isFile())
        return Error { ErrorCode::Database, Database::tr("The database file %1 is missing.").arg(m_spec) };
    dropStatements(); // prepared on the old connection
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    return connect();
}

int Database::keptStatementCount() const
{
    return m_statements->idleCount();
}

void Database::dropStatements()
{
    // A new cache: the rows still in use find their old one gone and are not handed back.
    m_statements = std::make_shared<StatementCache>(m_statements->unprepared());
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

bool Database::isNetworkFilesystem(long fsType)
{
    switch (static_cast<unsigned long>(fsType) & 0xffffffffUL) {
    case 0x6969UL: // NFS
    case 0x517BUL: // SMB
    case 0xFF534D42UL: // CIFS
    case 0xFE534D42UL: // SMB2
    case 0x5346414FUL: // AFS
    case 0x73757245UL: // CODA
    case 0x564C: // NCP
    case 0x01021997UL: // 9P
    case 0x65735546UL: // FUSE (sshfs and other network mounts)
    case 0x47504653UL: // GPFS
    case 0x0BD00BD0UL: // Lustre
        return true;
    default:
        return false;
    }
}

void Database::setFilesystemProbeForTesting(std::function<long(const QString&)> probe)
{
    filesystemProbe() = std::move(probe);
}

Result<std::unique_ptr<Database>> Database::open(const QString& spec, const Options& options)
{
    QString trimmed = spec.trimmed();
    if (trimmed.isEmpty())
        return invalidInput(Database::tr("No database is configured."));
    const bool postgres
        = trimmed.startsWith(QLatin1String("postgresql://")) || trimmed.startsWith(QLatin1String("postgres://"));
    if (trimmed.startsWith(QLatin1String("sqlite:")))
        trimmed = trimmed.mid(7);
    std::unique_ptr<Database> db(new Database(trimmed, postgres ? SqlDriver::Postgres : SqlDriver::Sqlite, options));
    if (Status status = db->connect(); !status.ok())
        return status.error();
    if (options.migrate) {
        if (Status status = db->migrate(); !status.ok())
            return status.error();
    } else {
        Result<int> version = db->schemaVersion();
        if (!version.ok())
            return version.error();
        if (version.value() > latestSchemaVersion())
            return newerSchemaError(version.value());
    }
    return db;
}

Result<std::unique_ptr<Database>> Database::openAnother(const QString& terminalSuffix, FileReads fileReads) const
{
    Options options = m_options;
    options.migrate = false;
    options.fileReads = fileReads;
    if (!terminalSuffix.isEmpty())
        options.terminal += terminalSuffix;
    return open(m_driver == SqlDriver::Sqlite ? QStringLiteral("sqlite:") + m_spec : m_spec, options);
}

QString Database::describe() const
{
    if (m_driver == SqlDriver::Sqlite)
        return Database::tr("SQLite: %1").arg(QDir::toNativeSeparators(m_spec));
    const QUrl url(m_spec);
    return Database::tr("PostgreSQL: %1:%2/%3").arg(url.host()).arg(url.port(5432)).arg(url.path().mid(1));
}

Status Database::connect()
{
    if (m_driver == SqlDriver::Sqlite) {
        QFileInfo file(m_spec);
        QDir folder = file.absoluteDir();
        if (!folder.exists() && !QDir().mkpath(folder.absolutePath()))
            return Error { ErrorCode::Database,
                           Database::tr("Cannot create the folder %1.").arg(folder.absolutePath()) };
        if (isNetworkFilesystem(filesystemProbe()(folder.absolutePath()))) {
            return Error { ErrorCode::Database,
                           Database::tr(
                               "The database file %1 is on a network share. SQLite cannot safely share a file over "
                               "the network: keep the file on this computer, or use PostgreSQL when several "
                               "computers share the data.")
                               .arg(QDir::toNativeSeparators(file.absoluteFilePath())) };
        }
        m_spec = file.absoluteFilePath();
        if (!file.exists()) {
            // A new database holds personal data: created 0600 whatever the umask; SQLite gives its WAL and shared
            // memory files the database file's mode. An existing file keeps the mode its owner gave it.
            const QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
            QFile created(m_spec);
            const bool madeHere = created.open(QIODevice::WriteOnly | QIODevice::NewOnly, ownerOnly);
            if (madeHere)
                created.setPermissions(ownerOnly);
            else if (!QFile::exists(m_spec)) // another process may have created it a moment ago
                return Error {
                    ErrorCode::Database,
                    Database::tr("Cannot create the database file %1: %2").arg(m_spec, created.errorString())
                };
        }
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(m_spec);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(m_options.busyTimeoutMs));
        if (!db.open())
            return Error { ErrorCode::Database,
                           Database::tr("Cannot open the database file %1: %2").arg(m_spec, db.lastError().text()) };
    } else {
        const QUrl url(m_spec);
        if (!url.isValid() || url.host().isEmpty() || url.path().size() < 2) {
            return invalidInput(
                Database::tr("The PostgreSQL address must look like postgresql://user:password@host:port/database."));
        }
        // TLS by default to a server on another machine (sslmode=verify-full unless the URL names a mode).
        const Result<QStringList> tls = TransportSecurity::postgresOptions(url, m_options.allowPlainConnections);
        if (!tls.ok())
            return tls.error();
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setDatabaseName(url.path().mid(1));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        QStringList options { QStringLiteral("connect_timeout=5") };
        // Backslashes in literals are plain characters in this session, whatever the server's or the database's
        // default: set at connection start, so the driver's own detection (at open) sees it too, and a reconnect
        // keeps it. SqlSession's literals do not depend on it; Qt's prepared statements do.
        QString serverOptions = QStringLiteral("-c standard_conforming_strings=on");
        for (const QString& option : tls.value()) {
            if (option.startsWith(QLatin1String("options=")))
                serverOptions = option.mid(8) + QLatin1Char(' ') + serverOptions;
            else
                options << option;
        }
        options << QStringLiteral("options='%1'").arg(serverOptions);
        db.setConnectOptions(options.join(QLatin1Char(';')));
        if (!db.open()) {
            return Error { ErrorCode::Unavailable,
                           Database::tr("Cannot connect to the PostgreSQL server at %1:%2: %3")
                               .arg(url.host())
                               .arg(url.port(5432))
                               .arg(db.lastError().databaseText().trimmed()) };
        }
    }

    SqlSession session(*this);
    try {
        if (m_driver == SqlDriver::Sqlite) {
            // Reading the schema fails at once on a file that is not a database.
            session.exec(QStringLiteral("SELECT count(*) FROM sqlite_master"));
            session.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
            session.exec(QStringLiteral("PRAGMA synchronous=FULL"));
            session.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
            if (m_options.fileReads == FileReads::Mapped)
                session.exec(QStringLiteral("PRAGMA mmap_size=2147418112"));
        } else {
            session.exec(QStringLiteral("SET client_min_messages TO warning"));
            session.exec(QStringLiteral("SET TIME ZONE 'UTC'"));
            session.exec(QStringLiteral("SET standard_conforming_strings = on"));
            // Qt's driver escapes the values of prepared statements by what it found at open: it must agree.
            QSqlField backslash(QString(), QMetaType(QMetaType::QString));
            backslash.setValue(QStringLiteral("\\"));
            if (connection().driver()->formatValue(backslash) != QLatin1String("'\\'"))
                return Error { ErrorCode::Database,
                               Database::tr("The PostgreSQL connection escapes text in a way Campdesk does not "
                                            "expect (standard_conforming_strings). Ask the administrator.") };
        }
    } catch (const DbError& error) {
        return toError(error);
    }
    return {};
}

Error Database::toError(const DbError& error)
{
    switch (error.kind()) {
    case DbError::Kind::Busy:
    case DbError::Kind::RunAgain:
        return Error { ErrorCode::Unavailable,
                       Database::tr(
                           "The database is busy or locked by another program. Please try again in a moment.") };
    case DbError::Kind::Corrupt:
        return Error { ErrorCode::Database,
                       Database::tr(
                           "The database file is damaged or is not a Campdesk database. Restore it from a backup.") };
    case DbError::Kind::Connection:
        return Error { ErrorCode::Unavailable,
                       Database::tr("The connection to the database was lost. Please try again.") };
    case DbError::Kind::Unique:
        return Error { ErrorCode::Conflict, Database::tr("This entry already exists.") };
    case DbError::Kind::ForeignKey:
        return Error { ErrorCode::Conflict, Database::tr("This entry is still in use by other records.") };
    case DbError::Kind::Check:
        return invalidInput(Database::tr("A value is outside the allowed range."));
    case DbError::Kind::BadValue:
        return invalidInput(Database::tr("A value contains a character that cannot be stored (NUL)."));
    case DbError::Kind::Other:
        break;
    }
    return Error { ErrorCode::Database, Database::tr("Database error: %1").arg(error.text()) };
}

Status Database::runNested(Transaction& tx, const std::function<Status(SqlSession&)>& body)
{
    // A write inside a write is a savepoint: when it fails, its rows, events and after-commit work go, and the
    // outer transaction goes on (and stays usable on PostgreSQL, which aborts a transaction on any error).
    const QString savepoint = QStringLiteral("nested_write_%1").arg(++m_nestedDepth);
    const size_t events = tx.m_events.size();
    const size_t callbacks = tx.m_afterCommit.size();
    auto undo = [&] {
        tx.exec(QStringLiteral("ROLLBACK TO SAVEPOINT ") + savepoint);
        tx.exec(QStringLiteral("RELEASE SAVEPOINT ") + savepoint);
        tx.m_events.resize(events);
        tx.m_afterCommit.resize(callbacks);
    };
    Status status;
    try {
        tx.exec(QStringLiteral("SAVEPOINT ") + savepoint);
        status = body(tx);
    } catch (const DbError& error) {
        try {
            undo();
        } catch (const DbError&) {
            // The connection is gone or the transaction cannot go on: the outer one fails with the first error.
        }
        --m_nestedDepth;
        throw;
    }
    --m_nestedDepth;
    if (status.ok())
        tx.exec(QStringLiteral("RELEASE SAVEPOINT ") + savepoint);
    else
        undo();
    return status;
}

Status Database::run(bool write, const std::function<Status(SqlSession&)>& body)
{
    if (m_current) {
        if (write && !m_currentIsWrite)
            return Error { ErrorCode::Database, QStringLiteral("write() called inside read()") };
        if (!write)
            return body(*m_current); // a read inside a transaction sees that transaction
        return runNested(static_cast<Transaction&>(*m_current), body);
    }

    const int attempts = write ? std::max(1, m_options.maxAttempts) : 3;
    for (int attempt = 1;; ++attempt) {
        Transaction tx(*this);
        m_current = &tx;
        m_currentIsWrite = write;
        Status status;
        bool began = false;
        try {
            if (m_driver == SqlDriver::Sqlite)
                tx.exec(write ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN"));
            else
                tx.exec(write ? QStringLiteral("BEGIN")
                              : QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
            began = true;
            status = body(tx);
            if (status.ok())
                tx.exec(QStringLiteral("COMMIT"));
            else
                tx.exec(QStringLiteral("ROLLBACK"));
            m_current = nullptr;
            m_statements->transactionEnded();
        } catch (const DbError& error) {
            m_current = nullptr;
            if (began) {
                QSqlQuery rollback(connection());
                rollback.exec(QStringLiteral("ROLLBACK"));
            }
            m_statements->transactionEnded();
            if (m_statements->isStale())
                dropStatements();
            if (error.kind() == DbError::Kind::RunAgain) {
                --attempt; // the failed statement now runs unprepared: this cannot happen twice for it
                continue;
            }
            if (error.kind() == DbError::Kind::Busy && attempt < attempts) {
                const int backoff = std::min(500, 10 << std::min(attempt, 6));
                QThread::msleep(static_cast<unsigned long>(backoff / 2 + QRandomGenerator::global()->bounded(backoff)));
                continue;
            }
            if (error.kind() == DbError::Kind::Connection && m_driver == SqlDriver::Postgres && attempt < attempts) {
                // A dropped server connection: reopen once and try again.
                dropStatements();
                QSqlDatabase db = connection();
                db.close();
                if (db.open())
                    continue;
            }
            return toError(error);
        }
        if (!status.ok())
            return status;

        // Committed: now the world may hear about it.
        for (auto& callback : tx.m_afterCommit)
            callback();
        if (m_options.bus) {
            for (const DomainEvent& event : tx.m_events)
                m_options.bus->publish(event);
        }
        return {};
    }
}

} // namespace campdesk
