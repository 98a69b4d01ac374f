#include "domain/siteblockservice.h"

#include "db/dberror.h"
#include "db/sqldates.h"
#include "domain/statustext.h"

#include <QJsonObject>
#include <QLocale>

namespace campdesk {

namespace {

constexpr int maxBlockNights = 366;

const QString selectBlock = QStringLiteral("SELECT b.id, b.campsite_id, s.code, b.date_from, b.date_to, b.kind, "
                                           "b.reason, b.created_at FROM site_blocks b "
                                           "JOIN campsites s ON s.id = b.campsite_id");

SiteBlock blockFromRow(const SqlRows& q)
{
    SiteBlock b;
    b.id = q.value(0).toLongLong();
    b.campsiteId = q.value(1).toLongLong();
    b.campsiteCode = q.value(2).toString();
    b.from = dateFromSql(q.value(3));
    b.to = dateFromSql(q.value(4));
    b.kind = q.value(5).toString();
    b.reason = q.value(6).toString();
    b.createdAt = q.value(7).toLongLong();
    return b;
}

QString shortDate(const QDate& d)
{
    return QLocale().toString(d, QLocale::ShortFormat);
}

} // namespace

SiteBlockService::SiteBlockService(Database& db)
    : m_db(db)
{
}

QStringList SiteBlockService::kinds()
{
    return { QStringLiteral("maintenance"), QStringLiteral("closure"), QStringLiteral("private_event") };
}

QString SiteBlockService::kindName(const QString& kind)
{
    if (kind == QLatin1String("maintenance"))
        return tr("Maintenance");
    if (kind == QLatin1String("closure"))
        return tr("Closure");
    if (kind == QLatin1String("private_event"))
        return tr("Private event");
    return kind;
}

Status SiteBlockService::validate(const SiteBlockRequest& request) const
{
    if (!request.from.isValid())
        return invalidInput(tr("Choose the first night of the block."), QStringLiteral("from"));
    if (!request.to.isValid() || request.to <= request.from)
        return invalidInput(tr("The block must end at least one night after it starts."), QStringLiteral("to"));
    if (request.from < m_db.clock().today())
        return invalidInput(tr("A block cannot start in the past."), QStringLiteral("from"));
    if (request.from.daysTo(request.to) > maxBlockNights)
        return invalidInput(tr("A block can last at most %1 nights.").arg(maxBlockNights), QStringLiteral("to"));
    if (!kinds().contains(request.kind))
        return invalidInput(tr("Choose what the block is for."), QStringLiteral("kind"));
    const QString reason = request.reason.trimmed();
    if (reason.isEmpty())
        return invalidInput(tr("Give a reason for the block."), QStringLiteral("reason"));
    if (reason.size() > 200)
        return invalidInput(tr("The reason can be at most 200 characters."), QStringLiteral("reason"));
    return {};
}

Result<SiteBlock> SiteBlockService::add(const Actor& actor, const SiteBlockRequest& request)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk }); !allowed.ok())
        return allowed.error();
    if (Status valid = validate(request); !valid.ok())
        return valid.error();
    const QString from = sqlDate(request.from);
    const QString to = sqlDate(request.to);
    return m_db.write([&](Transaction& tx) -> Result<SiteBlock> {
        SqlRows site
            = tx.exec(QStringLiteral("SELECT code, status FROM campsites WHERE id = ?"), { request.campsiteId });
        if (!site.next())
            return Error(ErrorCode::NotFound, tr("This campsite does not exist."), QStringLiteral("campsiteId"));
        const QString code = site.value(0).toString();
        if (site.value(1).toString() == QLatin1String("retired"))
            return invalidInput(tr("Campsite %1 is no longer offered.").arg(code), QStringLiteral("campsiteId"));
        site.finish();
        // What is already on these nights: bookings (named) or another block.
        SqlRows taken = tx.exec(QStringLiteral("SELECT DISTINCT r.code, n.block_id FROM reservation_nights n "
                                               "LEFT JOIN reservations r ON r.id = n.reservation_id "
                                               "WHERE n.campsite_id = ? AND n.night >= ? AND n.night < ? "
                                               "ORDER BY r.code"),
                                { request.campsiteId, from, to });
        QStringList bookings;
        bool blocked = false;
        while (taken.next()) {
            if (taken.value(1).isNull())
                bookings << taken.value(0).toString();
            else
                blocked = true;
        }
        taken.finish();
        if (!bookings.isEmpty())
            return Error(ErrorCode::Conflict,
                         tr("Campsite %1 is booked on these dates (%2). Move or cancel the booking first, or choose "
                            "other dates.")
                             .arg(code, bookings.join(QStringLiteral(", "))),
                         QStringLiteral("from"));
        if (blocked)
            return Error(ErrorCode::Conflict, tr("Campsite %1 is already blocked on some of these dates.").arg(code),
                         QStringLiteral("from"));
        const qint64 now = tx.nowMs();
        SqlRows inserted = tx.exec(QStringLiteral("INSERT INTO site_blocks (campsite_id, date_from, date_to, kind, "
                                                  "reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, "
                                                  "CAST(? AS BIGINT), ?) RETURNING id"),
                                   { request.campsiteId, from, to, request.kind, request.reason.trimmed(),
                                     actor.userId > 0 ? QVariant(actor.userId) : QVariant(), now });
        inserted.next();
        SiteBlock block;
        block.id = inserted.value(0).toLongLong();
        inserted.finish();
        try {
            QString sql
                = QStringLiteral("INSERT INTO reservation_nights (campsite_id, night, block_id) VALUES (?, ?, ?)");
            QVariantList values { request.campsiteId, from, block.id };
            for (QDate night = request.from.addDays(1); night < request.to; night = night.addDays(1)) {
                sql += QStringLiteral(", (?, ?, ?)");
                values << request.campsiteId << sqlDate(night) << block.id;
            }
            tx.exec(sql, values);
        } catch (const DbError& error) {
            if (error.kind() != DbError::Kind::Unique)
                throw;
            // A booking took one of the nights after the check above (PostgreSQL): all of this rolls back.
            return Error(ErrorCode::Conflict,
                         tr("Campsite %1 was just booked on one of these dates; look at the rack again.").arg(code),
                         QStringLiteral("from"));
        }
        block.campsiteId = request.campsiteId;
        block.campsiteCode = code;
        block.from = request.from;
        block.to = request.to;
        block.kind = request.kind;
        block.reason = request.reason.trimmed();
        block.createdAt = now;
        tx.recordEvent(EventType::SiteBlockAdded, QStringLiteral("campsite"), request.campsiteId,
                       { { QStringLiteral("blockId"), block.id },
                         { QStringLiteral("campsiteCode"), code },
                         { QStringLiteral("from"), from },
                         { QStringLiteral("to"), to },
                         { QStringLiteral("kind"), block.kind },
                         { QStringLiteral("reason"), block.reason } });
        tx.audit(actor, QStringLiteral("site_block.add"), code,
                 StatusText::code(QStringLiteral("site_block"), { block.kind, from, to, block.reason }));
        return block;
    });
}

Status SiteBlockService::remove(const Actor& actor, qint64 blockId)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk }); !allowed.ok())
        return allowed;
    return m_db.write([&](Transaction& tx) -> Status {
        SqlRows q = tx.exec(selectBlock + QStringLiteral(" WHERE b.id = ?"), { blockId });
        if (!q.next())
            return Error(ErrorCode::AlreadyDone, tr("This block was already removed."));
        const SiteBlock block = blockFromRow(q);
        q.finish();
        // Its nights go with it (ON DELETE CASCADE, said here too for SQLite connections without foreign keys).
        tx.exec(QStringLiteral("DELETE FROM reservation_nights WHERE block_id = ?"), { blockId });
        SqlRows deleted = tx.exec(QStringLiteral("DELETE FROM site_blocks WHERE id = ? RETURNING id"), { blockId });
        if (!deleted.next())
            return Error(ErrorCode::AlreadyDone, tr("This block was already removed."));
        deleted.finish();
        tx.recordEvent(EventType::SiteBlockRemoved, QStringLiteral("campsite"), block.campsiteId,
                       { { QStringLiteral("blockId"), blockId },
                         { QStringLiteral("campsiteCode"), block.campsiteCode },
                         { QStringLiteral("from"), sqlDate(block.from) },
                         { QStringLiteral("to"), sqlDate(block.to) },
                         { QStringLiteral("kind"), block.kind },
                         { QStringLiteral("reason"), block.reason } });
        tx.audit(actor, QStringLiteral("site_block.remove"), block.campsiteCode,
                 StatusText::code(QStringLiteral("site_block"),
                                  { block.kind, sqlDate(block.from), sqlDate(block.to), block.reason }));
        return {};
    });
}

Result<QList<SiteBlock>> SiteBlockService::forCampsite(qint64 campsiteId, const QDate& from) const
{
    return m_db.read([&](SqlSession& s) -> Result<QList<SiteBlock>> {
        SqlRows q = s.exec(selectBlock
                               + QStringLiteral(" WHERE b.campsite_id = ? AND b.date_to > ? "
                                                "ORDER BY b.date_from, b.id"),
                           { campsiteId, from.isValid() ? sqlDate(from) : QStringLiteral("0000-00-00") });
        QList<SiteBlock> out;
        while (q.next())
            out.append(blockFromRow(q));
        return out;
    });
}

Result<QList<SiteBlock>> SiteBlockService::between(const QDate& from, const QDate& to) const
{
    return m_db.read([&](SqlSession& s) -> Result<QList<SiteBlock>> {
        SqlRows q = s.exec(selectBlock
                               + QStringLiteral(" WHERE b.date_to > ? AND b.date_from < ? "
                                                "ORDER BY b.campsite_id, b.date_from"),
                           { sqlDate(from), sqlDate(to) });
        QList<SiteBlock> out;
        while (q.next())
            out.append(blockFromRow(q));
        return out;
    });
}

} // namespace campdesk
