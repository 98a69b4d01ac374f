#include "database.h"

#include "eventbus.h"
#include "migrations.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlRecord>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>
#include <atomic>
#include <optional>
#include <sys/vfs.h>
#include <unordered_map>
#include <vector>

Q_LOGGING_CATEGORY(lcDatabase, "campdesk.database")

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

DbError::Kind classify(SqlDriver driver, const QSqlError& error)
{
    const QString code = error.nativeErrorCode();
    if (driver == SqlDriver::Sqlite) {
        // Primary result codes and the extended codes Qt may report.
        bool ok = false;
        const int value = code.toInt(&ok);
        const int primary = ok ? (value & 0xff) : -1;
        if (primary == 5 || primary == 6) // SQLITE_BUSY, SQLITE_LOCKED
            return DbError::Kind::Busy;
        if (primary == 11 || primary == 26) // SQLITE_CORRUPT, SQLITE_NOTADB
            return DbError::Kind::Corrupt;
        if (primary == 14) // SQLITE_CANTOPEN
            return DbError::Kind::Connection;
        const QString text = error.databaseText();
        if (primary == 19) {
            if (text.contains(QLatin1String("UNIQUE")) || text.contains(QLatin1String("PRIMARY KEY")))
                return DbError::Kind::Unique;
            if (text.contains(QLatin1String("FOREIGN KEY")))
                return DbError::Kind::ForeignKey;
            return DbError::Kind::Check;
        }
        if (text.contains(QLatin1String("database is locked")))
            return DbError::Kind::Busy;
        if (text.contains(QLatin1String("not a database")) || text.contains(QLatin1String("malformed")))
            return DbError::Kind::Corrupt;
        return DbError::Kind::Other;
    }
    if (code == QLatin1String("23505"))
        return DbError::Kind::Unique;
    if (code == QLatin1String("23503"))
        return DbError::Kind::ForeignKey;
    if (code.startsWith(QLatin1String("23")))
        return DbError::Kind::Check;
    if (code == QLatin1String("40001") || code == QLatin1String("40P01") || code == QLatin1String("55P03"))
        return DbError::Kind::Busy;
    // 08xxx: connection exceptions; 57P01-03: the server terminated this session or is shutting down.
    if (code.startsWith(QLatin1String("08")) || code.startsWith(QLatin1String("57P"))
        || error.type() == QSqlError::ConnectionError
        || error.databaseText().contains(QLatin1String("no connection to the server"))
        || error.databaseText().contains(QLatin1String("server closed the connection")))
        return DbError::Kind::Connection;
    return DbError::Kind::Other;
}

std::atomic<int> connectionCounter { 0 };

// A null QString would be stored as NULL; NULL is asked for explicitly with QVariant().
QVariant storedValue(const QVariant& value)
{
    if (value.metaType().id() == QMetaType::QString && value.toString().isNull())
        return QString(QLatin1String(""));
    return value;
}

// The statement with each ? placeholder (outside quoted text) replaced by its value, quoted and escaped by the
// driver (PQescapeStringConn for PostgreSQL). Qt's PostgreSQL driver runs a prepared query as PREPARE, EXECUTE and
// DEALLOCATE, three round trips to the server for every statement; inlined, it is one. Empty when the number of
// placeholders and values differ.
QString inlinedStatement(const QSqlDriver& driver, const QString& sql, const QVariantList& binds)
{
    QString out;
    out.reserve(sql.size() + binds.size() * 16);
    qsizetype next = 0;
    QChar quote;
    for (const QChar c : sql) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == u'\'' || c == u'"') {
            quote = c;
        } else if (c == u'?') {
            if (next >= binds.size())
                return QString();
            const QVariant value = storedValue(binds.at(next++));
            QSqlField field(QString(), value.metaType());
            field.setValue(value);
            out += driver.formatValue(field);
            continue;
        }
        out += c;
    }
    return next == binds.size() ? out : QString();
}

} // namespace

DbError::DbError(Kind kind, QString text, QString nativeCode)
    : m_kind(kind)
    , m_text(std::move(text))
    , m_nativeCode(std::move(nativeCode))
    , m_what(m_text.toUtf8())
{
}

// ---------------------------------------------------------------------------------------------------------

// The prepared statements of one connection, by their SQL text. Parsing a statement (and on PostgreSQL, planning
// it) costs more than running it, and a booking runs the same few dozen statements every time. A statement is kept
// from its second run, so a statement made up once (a search, a page) does not push out the ones that run all day.
class StatementCache
{
public:
    static constexpr int capacity = 200;
    static constexpr size_t maxSlots = 2000;

    struct Slot
    {
        std::optional<QSqlQuery> idle; // prepared and reset, ready to run again
        quint64 lastUse = 0;
        bool seen = false;
        bool unprepared = false; // PostgreSQL could not prepare it: it runs with its values written in
    };

    explicit StatementCache(QSet<QString> unprepared = {})
    {
        for (const QString& sql : unprepared)
            m_slots[sql].unprepared = true;
    }

    // The slot of a statement that should run prepared, or null when it should run as it is this time.
    Slot* preparedSlot(const QString& sql)
    {
        if (m_slots.size() > maxSlots)
            forgetRarelyRun();
        Slot& slot = m_slots[sql];
        slot.lastUse = ++m_uses;
        if (slot.unprepared)
            return nullptr;
        const bool seen = std::exchange(slot.seen, true);
        return seen ? &slot : nullptr;
    }

    std::optional<QSqlQuery> take(Slot& slot)
    {
        if (!slot.idle)
            return std::nullopt;
        --m_idleCount;
        return std::exchange(slot.idle, std::nullopt);
    }

    void giveBack(const QString& sql, QSqlQuery query)
    {
        query.finish();
        Slot& slot = m_slots[sql];
        if (slot.idle) { // the same statement ran twice at once; one copy is enough
            retire(std::move(query));
            return;
        }
        slot.seen = true;
        slot.idle.emplace(std::move(query));
        if (++m_idleCount > capacity)
            evictLeastRecentlyUsed();
    }

    void markUnprepared(const QString& sql) { m_slots[sql].unprepared = true; }
    void markStale() { m_stale = true; }
    int idleCount() const { return m_idleCount; }
    bool isStale() const { return m_stale; }

    QSet<QString> unprepared() const
    {
        QSet<QString> out;
        for (const auto& [sql, slot] : m_slots) {
            if (slot.unprepared)
                out.insert(sql);
        }
        return out;
    }

    // A statement dropped while a transaction may be open. PostgreSQL refuses DEALLOCATE in a failed transaction,
    // and a failed DEALLOCATE would abort a good one: it is destroyed when the transaction has ended.
    void retire(QSqlQuery query) { m_retired.push_back(std::move(query)); }
    void transactionEnded() { m_retired.clear(); }

private:
    void evictLeastRecentlyUsed()
    {
        Slot* oldest = nullptr;
        for (auto& [sql, slot] : m_slots) {
            if (slot.idle && (!oldest || slot.lastUse < oldest->lastUse))
                oldest = &slot;
        }
        if (oldest) {
            retire(std::move(*oldest->idle));
            oldest->idle.reset();
            --m_idleCount;
        }
    }

    void forgetRarelyRun()
    {
        for (auto it = m_slots.begin(); it != m_slots.end();) {
            if (!it->second.idle && !it->second.unprepared)
                it = m_slots.erase(it);
            else
                ++it;
        }
    }

    std::unordered_map<QString, Slot> m_slots;
    std::vector<QSqlQuery> m_retired;
    quint64 m_uses = 0;
    int m_idleCount = 0;
    bool m_stale = false;
};

namespace {

// PostgreSQL failed to prepare a statement because it could not settle the type of a placeholder; with the values
// written in, the same statement works.
bool cannotPrepare(const QSqlError& error)
{
    static const QStringList codes { QStringLiteral("42P18"), QStringLiteral("42P08"), QStringLiteral("42804"),
                                     QStringLiteral("42883"), QStringLiteral("42725") };
    return codes.contains(error.nativeErrorCode());
}

} // namespace

SqlRows::SqlRows(QSqlQuery query, QString cachedSql, std::weak_ptr<StatementCache> cache)
    : m_query(std::move(query))
    , m_cachedSql(std::move(cachedSql))
    , m_cache(std::move(cache))
{
}

SqlRows& SqlRows::operator=(SqlRows&& other) noexcept
{
    if (this != &other) {
        release();
        m_query = std::move(other.m_query);
        m_cachedSql = std::exchange(other.m_cachedSql, QString());
        m_cache = std::move(other.m_cache);
        m_record = std::exchange(other.m_record, std::nullopt);
    }
    return *this;
}

QVariant SqlRows::value(const QString& column) const
{
    if (!m_record)
        m_record = m_query.record();
    const int index = m_record->indexOf(column);
    if (index < 0) {
        qCWarning(lcDatabase) << "no column" << column << "in" << m_query.lastQuery().left(200);
        return QVariant();
    }
    return m_query.value(index);
}

void SqlRows::release()
{
    if (m_cachedSql.isEmpty())
        return;
    if (const std::shared_ptr<StatementCache> cache = m_cache.lock())
        cache->giveBack(m_cachedSql, std::move(m_query));
    m_cachedSql.clear();
}

SqlRows SqlSession::exec(const QString& sql, const QVariantList& binds)
{
    const bool postgres = m_db.driver() == SqlDriver::Postgres;
    StatementCache& cache = *m_db.m_statements;
    // PostgreSQL cannot prepare BEGIN or COMMIT; a statement without values runs in one round trip as it is.
    StatementCache::Slot* slot = postgres && binds.isEmpty() ? nullptr : cache.preparedSlot(sql);
    std::optional<QSqlQuery> query = slot ? cache.take(*slot) : std::nullopt;
    const bool reused = query.has_value();
    if (!reused) {
        query.emplace(m_db.connection());
        query->setForwardOnly(true);
    }
    bool ok = false;
    if (slot) {
        ok = reused || query->prepare(sql);
        if (ok) {
            for (int i = 0; i < binds.size(); ++i)
                query->bindValue(i, storedValue(binds.at(i)));
            ok = query->exec();
        }
    } else if (binds.isEmpty()) {
        ok = query->exec(sql);
    } else if (postgres) {
        const QString statement = inlinedStatement(*m_db.connection().driver(), sql, binds);
        if (statement.isEmpty())
            throw DbError(DbError::Kind::Other,
                          QStringLiteral("%1 values for the placeholders of: %2").arg(binds.size()).arg(sql.left(200)),
                          QString());
        ok = query->exec(statement);
    } else {
        ok = query->prepare(sql);
        if (ok) {
            for (const QVariant& value : binds)
                query->addBindValue(storedValue(value));
            ok = query->exec();
        }
    }
    if (!ok) {
        const QSqlError error = query->lastError();
        if (slot) {
            cache.retire(std::move(*query));
            if (postgres && cannotPrepare(error)) {
                qCWarning(lcDatabase) << "statement runs unprepared from now on:" << error.text() << "in"
                                      << sql.left(200);
                cache.markUnprepared(sql);
                throw DbError(DbError::Kind::RunAgain, error.text(), error.nativeErrorCode());
            }
        }
        const DbError::Kind kind = classify(m_db.driver(), error);
        if (reused && kind == DbError::Kind::Other) {
            // A kept statement may have gone stale (the server forgot it, the handle was closed under it): start
            // again with none kept. A statement that is really wrong fails again, unprepared, and says so.
            qCInfo(lcDatabase) << "kept statement failed, running the transaction again:" << error.text();
            cache.markStale();
            throw DbError(DbError::Kind::RunAgain, error.text(), error.nativeErrorCode());
        }
        if (kind != DbError::Kind::Unique && kind != DbError::Kind::Busy)
            qCWarning(lcDatabase) << "statement failed:" << error.text() << "in" << sql.left(200);
        throw DbError(kind, error.text(), error.nativeErrorCode());
    }
    if (!slot)
        return SqlRows(std::move(*query));
    return SqlRows(std::move(*query), sql, m_db.m_statements);
}

QVariant SqlSession::scalar(const QString& sql, const QVariantList& binds)
{
    SqlRows query = exec(sql, binds);
    if (!query.next())
        return QVariant();
    return query.value(0);
}

qint64 SqlSession::insert(const QString& sql, const QVariantList& binds)
{
    SqlRows query = exec(sql, binds);
    if (!query.next())
        throw DbError(DbError::Kind::Other, QStringLiteral("INSERT returned no id"), QString());
    return query.value(0).toLongLong();
}

SqlDriver SqlSession::driver() const
{
    return m_db.driver();
}

qint64 SqlSession::nowMs() const
{
    return m_db.clock().nowMs();
}

qint64 Transaction::recordEvent(EventType type, const QString& aggregate, qint64 aggregateId,
                                const QJsonObject& payload)
{
    DomainEvent event;
    event.type = type;
    event.aggregate = aggregate;
    event.aggregateId = aggregateId;
    event.payload = payload;
    event.origin = m_db.terminal();
    event.occurredAt = m_db.clock().nowUtc();
    QString sql = QStringLiteral("INSERT INTO domain_events (type, aggregate, aggregate_id, payload, origin, "
                                 "occurred_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
    if (m_events.empty() && driver() == SqlDriver::Postgres) {
        // The transaction's first event also queues the wake-up of the other terminals' event feeds, in the same
        // round trip. PostgreSQL delivers it only when this transaction commits; the feeds then read every new
        // event by id, so one wake-up per transaction is enough.
        sql = QStringLiteral("WITH e AS (") + sql
            + QStringLiteral(") SELECT id, pg_notify('campdesk_events', CAST(id AS TEXT)) FROM e");
    }
    event.id = insert(sql,
                      { eventTypeName(type), aggregate, aggregateId,
                        QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)), event.origin,
                        event.occurredAt.toMSecsSinceEpoch() });
    m_events.push_back(event);
    return event.id;
}

void Transaction::audit(const Actor& actor, const QString& action, const QString& target, const QString& details)
{
    exec(QStringLiteral("INSERT INTO audit_log (at, user_id, actor, role, action, target, details, terminal) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
         { nowMs(), actor.userId == 0 ? QVariant() : QVariant(actor.userId), actor.name, roleName(actor.role), action,
           target, details, m_db.terminal() });
}

// ---------------------------------------------------------------------------------------------------------

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

Result<std::unique_ptr<Database>> Database::openAnother(const QString& terminalSuffix) const
{
    Options options = m_options;
    options.migrate = false;
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
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setDatabaseName(url.path().mid(1));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        QStringList options { QStringLiteral("connect_timeout=5") };
        const QUrlQuery query(url);
        for (const auto& item : query.queryItems())
            options << item.first + QLatin1Char('=') + item.second;
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
        } else {
            session.exec(QStringLiteral("SET client_min_messages TO warning"));
            session.exec(QStringLiteral("SET TIME ZONE 'UTC'"));
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
    case DbError::Kind::Other:
        break;
    }
    return Error { ErrorCode::Database, Database::tr("Database error: %1").arg(error.text()) };
}

Status Database::run(bool write, const std::function<Status(SqlSession&)>& body)
{
    if (m_current) {
        if (write && !m_currentIsWrite)
            return Error { ErrorCode::Database, QStringLiteral("write() called inside read()") };
        return body(*m_current); // joins the outer transaction
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
