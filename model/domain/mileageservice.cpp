#include "domain/mileageservice.h"

#include "core/validation.h"
#include "domain/readmodel.h"
#include "domain/statustext.h"

#include <QUuid>
#include <algorithm>

namespace campdesk {

MileageService::MileageService(Database& db)
    : m_db(db)
{
}

bool MileageService::record(Transaction& tx, qint64 customerId, qint64 delta, const QString& reason,
                            const QString& sourceId, const QString& note)
{
    const qint64 now = tx.nowMs();
    DailyDelta stats;
    if (!record(tx, customerId, delta, reason, sourceId, note, now, stats))
        return false;
    ReadModel::addDaily(tx, now, stats);
    return true;
}

bool MileageService::record(Transaction& tx, qint64 customerId, qint64 delta, const QString& reason,
                            const QString& sourceId, const QString& note, qint64 atMs, DailyDelta& stats)
{
    // ON CONFLICT DO NOTHING rather than a failing insert: on PostgreSQL a failed statement would abort
    // the caller's whole transaction.
    SqlRows q = tx.exec(QStringLiteral("INSERT INTO mileage_ledger (customer_id, delta, reason, source_id, note, "
                                       "created_at) VALUES (?, ?, ?, ?, ?, ?) "
                                       "ON CONFLICT (reason, source_id) DO NOTHING RETURNING id"),
                        { customerId, delta, reason, sourceId, note, atMs });
    if (!q.next())
        return false;
    q.finish();
    if (delta > 0)
        stats.pointsCredited += delta;
    else
        stats.pointsDeducted += -delta;
    return true;
}

qint64 MileageService::balance(SqlSession& s, qint64 customerId)
{
    return s
        .scalar(QStringLiteral("SELECT COALESCE(SUM(delta), 0) FROM mileage_ledger WHERE customer_id = ?"),
                { customerId })
        .toLongLong();
}

void MileageService::lockBalance(Transaction& tx, qint64 customerId)
{
    if (tx.driver() == SqlDriver::Postgres)
        tx.exec(QStringLiteral("SELECT id FROM customers WHERE id = ? FOR UPDATE"), { customerId });
}

qint64 MileageService::cancelShortfall(SqlSession& s, qint64 customerId, qint64 reservationId, qint64 pointsUsed)
{
    const qint64 earned = earnedBy(s, reservationId);
    return std::max<qint64>(0, earned - pointsUsed - balance(s, customerId));
}

qint64 MileageService::earnedBy(SqlSession& s, qint64 reservationId)
{
    return s
        .scalar(QStringLiteral("SELECT COALESCE(SUM(delta), 0) FROM mileage_ledger WHERE (reason = 'payment' AND "
                               "source_id = ?) OR (reason = 'adjust' AND (source_id LIKE ? OR source_id = ?))"),
                { QString::number(reservationId), QStringLiteral("change:%1:%").arg(reservationId),
                  QStringLiteral("balance-%1").arg(reservationId) })
        .toLongLong();
}

QString MileageService::changeSource(qint64 reservationId, int version)
{
    return QStringLiteral("change:%1:%2").arg(reservationId).arg(version);
}

qint64 MileageService::entryDelta(SqlSession& s, const QString& reason, const QString& sourceId)
{
    return s
        .scalar(QStringLiteral("SELECT delta FROM mileage_ledger WHERE reason = ? AND source_id = ?"),
                { reason, sourceId })
        .toLongLong();
}

Result<qint64> MileageService::balance(qint64 customerId) const
{
    return m_db.read([&](SqlSession& s) -> Result<qint64> { return balance(s, customerId); });
}

Result<QList<MileageEntry>> MileageService::ledger(qint64 customerId) const
{
    return m_db.read([&](SqlSession& s) -> Result<QList<MileageEntry>> {
        SqlRows q = s.exec(QStringLiteral("SELECT id, customer_id, delta, reason, source_id, note, created_at "
                                          "FROM mileage_ledger WHERE customer_id = ? ORDER BY id"),
                           { customerId });
        QList<MileageEntry> entries;
        qint64 running = 0;
        while (q.next()) {
            MileageEntry e;
            e.id = q.value(0).toLongLong();
            e.customerId = q.value(1).toLongLong();
            e.delta = q.value(2).toLongLong();
            e.reason = q.value(3).toString();
            e.sourceId = q.value(4).toString();
            e.note = q.value(5).toString();
            e.createdAt = q.value(6).toLongLong();
            running += e.delta;
            e.balanceAfter = running;
            entries.append(e);
        }
        return entries;
    });
}

Result<MileageEntry> MileageService::adjust(const Actor& actor, qint64 customerId, qint64 delta, const QString& reason)
{
    if (Status allowed = requireRole(actor, { Role::Manager }); !allowed.ok())
        return allowed.error();
    if (delta == 0 || delta > 10000000 || delta < -10000000)
        return invalidInput(tr("An adjustment must be a non-zero number of points up to 10,000,000."),
                            QStringLiteral("delta"));
    if (Status s = checkText(reason.trimmed(), tr("Reason"), QStringLiteral("reason"), 1, 200); !s.ok())
        return s.error();

    return m_db.write([&](Transaction& tx) -> Result<MileageEntry> {
        if (tx.scalar(QStringLiteral("SELECT count(*) FROM customers WHERE id = ?"), { customerId }).toInt() == 0)
            return Error(ErrorCode::NotFound, tr("This customer no longer exists."));
        lockBalance(tx, customerId);
        if (const qint64 before = balance(tx, customerId); before + delta < 0)
            return invalidInput(tr("The balance is %1 points; it cannot go below zero.").arg(before),
                                QStringLiteral("delta"));
        MileageEntry e;
        e.customerId = customerId;
        e.delta = delta;
        e.reason = QStringLiteral("adjust");
        e.sourceId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        e.note = reason.trimmed();
        e.createdAt = tx.nowMs();
        record(tx, customerId, delta, e.reason, e.sourceId, e.note);
        e.balanceAfter = balance(tx, customerId);
        tx.recordEvent(EventType::MileageAdjusted, QStringLiteral("customer"), customerId,
                       { { QStringLiteral("points"), delta }, { QStringLiteral("balance"), e.balanceAfter } });
        tx.audit(actor, QStringLiteral("mileage.adjust"), QString::number(customerId),
                 StatusText::code(QStringLiteral("mileage.adjust"), { delta, e.note }));
        return e;
    });
}

} // namespace campdesk
