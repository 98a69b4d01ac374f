#pragma once

#include "db/database.h"

#include <QCoreApplication>
#include <QStringList>

namespace campdesk {

// Checks the booking engine's invariants on the whole database and lists every violation in words: no site
// booked twice, nights rows matching reservations, one payment per paid booking, refunds recorded, the
// mileage ledger following the rules, each reservation transition happening once, no redemption beyond the balance
// and no negative balance, refunds as the payment records them, no payment needing attention, and the read model
// equal to a rebuild. Used by `campdesk --check`.
class InvariantsChecker
{
    Q_DECLARE_TR_FUNCTIONS(InvariantsChecker)

public:
    // At most this many violations of one kind are listed (a broken table would otherwise flood the report).
    static constexpr int maxPerKind = 20;

    explicit InvariantsChecker(Database& db);

    // The violations found, empty when every invariant holds.
    Result<QStringList> check() const;
    // For HealthCheck::Options::invariants.
    static Result<QStringList> run(Database& db);

private:
    Database& m_db;
};

} // namespace campdesk
