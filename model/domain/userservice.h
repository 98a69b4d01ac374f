#pragma once

#include "core/actor.h"
#include "core/passwordhasher.h"
#include "core/result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

namespace campdesk {

class Database;

// One staff account (manager or front desk). Never carries the password hash out of the service.
struct User
{
    qint64 id = 0;
    QString username;
    QString displayName;
    Role role = Role::FrontDesk;
    bool active = true;
    int failedAttempts = 0;
    int lockouts = 0;
    QDateTime lockedUntil; // invalid when not locked
    QDateTime createdAt;
    QDateTime updatedAt;
};

// Staff accounts: login with lockout, and the manager's user management. Every failure is audited.
class UserService
{
    Q_DECLARE_TR_FUNCTIONS(UserService)

public:
    static constexpr int maxFailedAttempts = 5;
    static constexpr int minPasswordLength = 10;
    static constexpr int maxPasswordLength = 256;

    // iterations: PBKDF2 rounds for passwords set from now on (tests may pass fewer; logins use what is stored).
    explicit UserService(Database& db, int iterations = PasswordHasher::defaultIterations);

    // The Actor for a correct, active, unlocked account. Unknown user, wrong password and deactivated account
    // give the same message; a locked account says for how long (ErrorCode::Locked).
    Result<Actor> login(const QString& username, const QString& password);

    // Manager (or System, for the command line) only.
    Result<User> createUser(const Actor& actor, const QString& username, const QString& displayName, Role role,
                            const QString& password);
    Status changeRole(const Actor& actor, qint64 userId, Role role);
    Status setActive(const Actor& actor, qint64 userId, bool active);
    Status resetPassword(const Actor& actor, qint64 userId, const QString& newPassword); // also lifts a lockout
    // Any staff member, for their own account: needs the current password.
    Status changeOwnPassword(const Actor& actor, const QString& currentPassword, const QString& newPassword);

    Result<QList<User>> list(const Actor& actor);
    Result<User> get(const Actor& actor, qint64 userId);
    Result<User> findByUsername(const QString& username); // for the composition root and tests
    Result<qint64> count();

    static Status validateUsername(const QString& username);
    static Status validateDisplayName(const QString& displayName);
    static Status validatePassword(const QString& password, const QString& username = QString());
    static QString normalizedUsername(const QString& username); // trimmed, lower case
    // How long the n-th lockout in a row lasts (n >= 1): 1 min, 5 min, 15 min, 1 h, 4 h, then 24 h.
    static qint64 lockoutDurationMs(int lockoutNumber);
    static QString wrongCredentialsMessage();

private:
    Status requireUserAdmin(const Actor& actor) const;
    Status modify(const Actor& actor, qint64 userId, const QString& change, const QString& auditAction,
                  const QString& setSql, const QVariantList& binds, const QString& details);

    Database& m_db;
    int m_iterations;
};

} // namespace campdesk
