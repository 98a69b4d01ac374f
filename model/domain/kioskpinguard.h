#pragma once

#include "core/actor.h"
#include "db/database.h"

#include <QCoreApplication>

namespace campdesk {

// The manager's kiosk PIN: the only way out of the kiosk. Stored PBKDF2-hashed in the settings table; five
// wrong PINs lock it for a growing time. Failures, lockouts and the lockout state are in the database, so
// restarting the kiosk does not reset them, and every failure is in the audit log.
class KioskPinGuard
{
    Q_DECLARE_TR_FUNCTIONS(KioskPinGuard)

public:
    static constexpr int attemptsBeforeLockout = 5;

    explicit KioskPinGuard(Database& db);

    // 4 to 8 digits.
    static Status validatePin(const QString& pin);
    // How long the n-th lockout in a row lasts: 1, 5, 15, 60 minutes, then 4 hours.
    static qint64 lockoutDurationMs(int lockoutNumber);

    // Sets a new PIN (manager or the command line only); clears any lockout. Audited.
    Status setPin(const Actor& actor, const QString& pin);
    Result<bool> hasPin() const;
    // Ok when the PIN is right. Otherwise Invalid (wrong; says how many tries are left), Locked (wait; says
    // how long) or NotFound (no PIN has been set). Every failure is audited.
    Status verify(const QString& pin);
    // Milliseconds the PIN pad stays locked (0 when it is not).
    Result<qint64> lockedForMs() const;

private:
    Database& m_db;
};

} // namespace campdesk
