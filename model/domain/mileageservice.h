#pragma once

#include "core/actor.h"
#include "db/database.h"

#include <QCoreApplication>
#include <QList>

namespace campdesk {

struct DailyDelta;

// One row of a customer's points ledger, with the balance after it.
struct MileageEntry
{
    qint64 id = 0;
    qint64 customerId = 0;
    qint64 delta = 0;
    QString reason; // payment, cancel, review, review_deleted, redeem, adjust
    QString sourceId; // the reservation id (payment, cancel, review, review_deleted, redeem)
    QString note;
    qint64 createdAt = 0; // UTC ms
    qint64 balanceAfter = 0;
};

// Loyalty points: an append-only ledger; the balance is its sum. Rows are unique per (reason, source), so
// replaying a credit never credits twice.
class MileageService
{
    Q_DECLARE_TR_FUNCTIONS(MileageService)

public:
    explicit MileageService(Database& db);

    // Appends a ledger row inside the caller's transaction and counts it in the daily statistics.
    // Returns false (and changes nothing) when the (reason, source) row already exists.
    static bool record(Transaction& tx, qint64 customerId, qint64 delta, const QString& reason, const QString& sourceId,
                       const QString& note = QString());
    // The same, dated atMs, adding the points to `stats` instead of writing daily_stats: for a caller that writes
    // the day's figures once, its own with these (the row must then be counted on the day of atMs).
    static bool record(Transaction& tx, qint64 customerId, qint64 delta, const QString& reason, const QString& sourceId,
                       const QString& note, qint64 atMs, DailyDelta& stats);
    static qint64 balance(SqlSession& session, qint64 customerId);
    // Locks the customer's row until the transaction ends, before a balance is read to take points off it: on
    // PostgreSQL (READ COMMITTED) two transactions could otherwise both spend the same points. SQLite's BEGIN
    // IMMEDIATE already serialises writers. Every write that can lower a balance calls this first.
    static void lockBalance(Transaction& tx, qint64 customerId);
    // What cancelling a booking cannot take back in points because they were spent since (0 when the balance
    // covers it): the customer's balance plus what the booking used minus what it earned, when below 0.
    static qint64 cancelShortfall(SqlSession& session, qint64 customerId, qint64 reservationId, qint64 pointsUsed);
    // What the ledger row (reason, source) holds, or 0 when there is none.
    static qint64 entryDelta(SqlSession& session, const QString& reason, const QString& sourceId);
    // What a booking has earned: its payment credit plus the rows its changes wrote (reason adjust, source
    // changeSource()) and its balance's (balance-<id>, BalanceService), so a cancel after a change or a balance taken
    // before arrival takes back what the booking holds now.
    static qint64 earnedBy(SqlSession& session, qint64 reservationId);
    // The ledger source of the points a change of reservationId made, at the version it wrote ("change:12:3").
    static QString changeSource(qint64 reservationId, int version);

    Result<qint64> balance(qint64 customerId) const;
    // The ledger, oldest first, with the running balance.
    Result<QList<MileageEntry>> ledger(qint64 customerId) const;
    // A manager's correction (MileageAdjusted event, audited). The reason text is required.
    Result<MileageEntry> adjust(const Actor& actor, qint64 customerId, qint64 delta, const QString& reason);

private:
    Database& m_db;
};

} // namespace campdesk
