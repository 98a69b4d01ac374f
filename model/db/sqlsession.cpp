#include "db/sqlsession.h"

#include "core/logging.h"
#include "db/database.h"
#include "db/statementcache.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>

namespace campdesk {

namespace {

// A null QString would be stored as NULL; NULL is asked for explicitly with QVariant().
QVariant storedValue(const QVariant& value)
{
    if (value.metaType().id() == QMetaType::QString && value.toString().isNull())
        return QString(QLatin1String(""));
    return value;
}

// A value as a PostgreSQL literal. Text and bytes are written here, as escape-string literals (E'...') whose meaning
// does not depend on standard_conforming_strings: a backslash and a quote are both escaped, so nothing a user types
// can end the literal whatever the server's setting. Numbers, booleans and dates come from the driver, which builds
// them from the value alone (no user text).
QString postgresLiteral(const QSqlDriver& driver, const QVariant& value)
{
    if (value.isNull())
        return QStringLiteral("NULL");
    switch (value.metaType().id()) {
    case QMetaType::Bool:
        return value.toBool() ? QStringLiteral("TRUE") : QStringLiteral("FALSE");
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Double:
    case QMetaType::Float:
    case QMetaType::QDate:
    case QMetaType::QTime:
    case QMetaType::QDateTime: {
        QSqlField field(QString(), value.metaType());
        field.setValue(value);
        return driver.formatValue(field);
    }
    case QMetaType::QByteArray:
        return QStringLiteral("E'\\\\x") + QString::fromLatin1(value.toByteArray().toHex()) + QLatin1Char('\'');
    default:
        break;
    }
    QString text = value.toString();
    text.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    text.replace(QLatin1Char('\''), QLatin1String("''"));
    return QStringLiteral("E'") + text + QLatin1Char('\'');
}

// The statement with each ? placeholder (outside quoted text) replaced by its value as a literal (postgresLiteral).
// Qt's PostgreSQL driver runs a prepared query as PREPARE, EXECUTE and DEALLOCATE, three round trips to the server for
// every statement; inlined, it is one. Empty when the number of placeholders and values differ.
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
            out += postgresLiteral(driver, storedValue(binds.at(next++)));
            continue;
        }
        out += c;
    }
    return next == binds.size() ? out : QString();
}

// Text with a NUL character: PostgreSQL cannot store it, and libpq would cut the statement at it. Refused on both
// databases so a value behaves the same everywhere.
bool hasNul(const QVariantList& binds)
{
    for (const QVariant& value : binds) {
        if (value.metaType().id() == QMetaType::QString && value.toString().contains(QChar(0)))
            return true;
    }
    return false;
}

// PostgreSQL failed to prepare a statement because it could not settle the type of a placeholder; with the values
// written in, the same statement works.
bool cannotPrepare(const QSqlError& error)
{
    static const QStringList codes { QStringLiteral("42P18"), QStringLiteral("42P08"), QStringLiteral("42804"),
                                     QStringLiteral("42883"), QStringLiteral("42725") };
    return codes.contains(error.nativeErrorCode());
}

} // namespace

SqlRows SqlSession::exec(const QString& sql, const QVariantList& binds)
{
    const bool postgres = m_db.driver() == SqlDriver::Postgres;
    if (m_db.m_observer)
        m_db.m_observer(sql, binds);
    if (hasNul(binds))
        throw DbError(DbError::Kind::BadValue, QStringLiteral("a text value contains a NUL character"), QString());
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
        const DbError::Kind kind = classifySqlError(m_db.driver(), error);
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

} // namespace campdesk
