#include "domain/kiosklookupthrottle.h"

#include <algorithm>

namespace campdesk {

KioskLookupThrottle::KioskLookupThrottle(Database& db)
    : m_db(db)
{
}

QStringList KioskLookupThrottle::scopes(const QString& code) const
{
    return { QStringLiteral("code:") + code.trimmed().toUpper(), QStringLiteral("kiosk:") + m_db.terminal() };
}

Result<qint64> KioskLookupThrottle::waitMs(const QString& code) const
{
    const QStringList keys = scopes(code);
    return m_db.read([&](SqlSession& s) -> Result<qint64> {
        const qint64 blocked = s.scalar(QStringLiteral("SELECT max(blocked_until) FROM kiosk_lookup_throttle WHERE "
                                                       "scope IN (?, ?)"),
                                        { keys.at(0), keys.at(1) })
                                   .toLongLong();
        return std::max<qint64>(0, blocked - s.nowMs());
    });
}

Result<int> KioskLookupThrottle::misses(const QString& code) const
{
    const QStringList keys = scopes(code);
    return m_db.read([&](SqlSession& s) -> Result<int> {
        return s
            .scalar(QStringLiteral("SELECT max(misses) FROM kiosk_lookup_throttle WHERE scope IN (?, ?) AND "
                                   "updated_at > ?"),
                    { keys.at(0), keys.at(1), s.nowMs() - forgetAfterMs })
            .toInt();
    });
}

Status KioskLookupThrottle::recordMiss(const QString& code)
{
    const QStringList keys = scopes(code);
    return m_db.write([&](Transaction& tx) -> Status {
        const qint64 now = tx.nowMs();
        for (const QString& scope : keys) {
            SqlRows q = tx.exec(QStringLiteral("SELECT misses, updated_at FROM kiosk_lookup_throttle WHERE scope = ?"),
                                { scope });
            int misses = 0;
            if (q.next() && q.value(1).toLongLong() > now - forgetAfterMs)
                misses = q.value(0).toInt();
            q.finish();
            ++misses;
            tx.exec(
                QStringLiteral("INSERT INTO kiosk_lookup_throttle (scope, misses, blocked_until, updated_at) VALUES "
                               "(?, ?, ?, ?) ON CONFLICT (scope) DO UPDATE SET misses = excluded.misses, "
                               "blocked_until = excluded.blocked_until, updated_at = excluded.updated_at"),
                { scope, misses, now + delayAfterMisses(misses), now });
        }
        // Old rows say nothing any more; a guesser's codes must not grow the table for ever.
        tx.exec(QStringLiteral("DELETE FROM kiosk_lookup_throttle WHERE updated_at < ?"), { now - 24 * forgetAfterMs });
        return {};
    });
}

qint64 KioskLookupThrottle::delayAfterMisses(int misses)
{
    // A typo or two costs nothing; a guessing run soon waits a minute per try.
    if (misses <= 2)
        return 0;
    const int doublings = std::min(misses - 2, 6);
    return std::min<qint64>(60000, 1000LL << doublings);
}

} // namespace campdesk
