#pragma once

#include <QSet>
#include <QSqlQuery>
#include <QString>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace campdesk {

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

} // namespace campdesk
