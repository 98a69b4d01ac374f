#include "domain/userservice.h"

#include "core/validation.h"
#include "db/database.h"
#include "domain/statustext.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <algorithm>
#include <iterator>

namespace campdesk {

namespace {

const QString userColumns = QStringLiteral(
    "id, username, display_name, role, active, failed_attempts, lockouts, locked_until, created_at, updated_at");

QDateTime fromMs(const QVariant& value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

User userFromQuery(const QSqlQuery& q)
{
    User user;
    user.id = q.value(0).toLongLong();
    user.username = q.value(1).toString();
    user.displayName = q.value(2).toString();
    user.role = roleFromName(q.value(3).toString()).value_or(Role::FrontDesk);
    user.active = q.value(4).toInt() != 0;
    user.failedAttempts = q.value(5).toInt();
    user.lockouts = q.value(6).toInt();
    user.lockedUntil = fromMs(q.value(7));
    user.createdAt = fromMs(q.value(8));
    user.updatedAt = fromMs(q.value(9));
    return user;
}

std::optional<User> loadUser(SqlSession& s, const QString& where, const QVariant& key, bool forUpdate = false)
{
    QString sql = QStringLiteral("SELECT %1 FROM users WHERE %2").arg(userColumns, where);
    if (forUpdate && s.driver() == SqlDriver::Postgres) // SQLite's BEGIN IMMEDIATE already serializes writers
        sql += QStringLiteral(" FOR UPDATE");
    SqlRows q = s.exec(sql, { key });
    if (!q.next())
        return std::nullopt;
    return userFromQuery(q);
}

Error notFound()
{
    return Error { ErrorCode::NotFound, UserService::tr("This user does not exist.") };
}

QString lockedMessage(qint64 remainingMs)
{
    const int minutes = static_cast<int>((remainingMs + 59999) / 60000);
    return UserService::tr("Too many failed logins: this account is locked for %n more minute(s).", nullptr,
                           std::max(1, minutes));
}

QString target(const QString& username)
{
    return QStringLiteral("user:") + username.left(64);
}

// Staff roles a user account may have; the kiosk and the system are not accounts.
bool isAccountRole(Role role)
{
    return role == Role::Manager || role == Role::FrontDesk;
}

// True when the user is the only active manager left, so removing them would lock everyone out of administration.
bool isLastActiveManager(SqlSession& s, const User& user)
{
    if (user.role != Role::Manager || !user.active)
        return false;
    return s.scalar(QStringLiteral("SELECT count(*) FROM users WHERE role = 'manager' AND active = 1 AND id <> ?"),
                    { user.id })
               .toInt()
        == 0;
}

} // namespace

UserService::UserService(Database& db, int iterations)
    : m_db(db)
    , m_iterations(iterations)
{
}

QString UserService::wrongCredentialsMessage()
{
    return tr("The user name or password is wrong.");
}

QString UserService::normalizedUsername(const QString& username)
{
    return username.trimmed().toLower();
}

qint64 UserService::lockoutDurationMs(int lockoutNumber)
{
    static const qint64 minutes[] = { 1, 5, 15, 60, 240, 1440 };
    const int index = std::clamp(lockoutNumber, 1, int(std::size(minutes))) - 1;
    return minutes[index] * 60 * 1000;
}

Status UserService::validateUsername(const QString& username)
{
    const QString name = normalizedUsername(username);
    if (name.isEmpty())
        return invalidInput(tr("Enter a user name."), QStringLiteral("username"));
    if (name.size() < 3 || name.size() > 32)
        return invalidInput(tr("A user name has 3 to 32 characters."), QStringLiteral("username"));
    static const QRegularExpression pattern(QStringLiteral("^[a-z][a-z0-9._-]*$"));
    if (!pattern.match(name).hasMatch()) {
        return invalidInput(tr("A user name starts with a letter and uses only the letters a-z, digits, '.', '_' "
                               "and '-'."),
                            QStringLiteral("username"));
    }
    return {};
}

Status UserService::validateDisplayName(const QString& displayName)
{
    return checkText(displayName, tr("Display name"), QStringLiteral("displayName"), 0, 100);
}

Status UserService::validatePassword(const QString& password, const QString& username)
{
    if (password.size() < minPasswordLength) {
        return invalidInput(tr("A password has at least %n characters.", nullptr, minPasswordLength),
                            QStringLiteral("password"));
    }
    if (password.size() > maxPasswordLength) {
        return invalidInput(tr("A password has at most %n characters.", nullptr, maxPasswordLength),
                            QStringLiteral("password"));
    }
    if (!username.isEmpty() && password.compare(username.trimmed(), Qt::CaseInsensitive) == 0)
        return invalidInput(tr("The password must not be the user name."), QStringLiteral("password"));
    return {};
}

Status UserService::requireUserAdmin(const Actor& actor) const
{
    return requireRole(actor, { Role::Manager, Role::System });
}

Result<Actor> UserService::login(const QString& rawUsername, const QString& password)
{
    const QString username = normalizedUsername(rawUsername);
    struct Stored
    {
        std::optional<User> user;
        QString hash;
        QString salt;
        int iterations = 0;
    };
    Result<Stored> stored = m_db.read([&](SqlSession& s) -> Result<Stored> {
        Stored out;
        out.user = loadUser(s, QStringLiteral("username = ?"), username);
        if (out.user) {
            SqlRows q = s.exec(QStringLiteral("SELECT password_hash, salt, iterations FROM users WHERE id = ?"),
                               { out.user->id });
            q.next();
            out.hash = q.value(0).toString();
            out.salt = q.value(1).toString();
            out.iterations = q.value(2).toInt();
        }
        return out;
    });
    if (!stored.ok())
        return stored.error();

    const qint64 now = m_db.clock().nowMs();
    const std::optional<User>& known = stored->user;
    const bool lockedBefore = known && known->lockedUntil.isValid() && known->lockedUntil.toMSecsSinceEpoch() > now;
    // The slow hash runs outside the write transaction so it never holds the database lock. An unknown user
    // costs the same time as a known one.
    bool correct = false;
    if (known && !lockedBefore)
        correct = PasswordHasher::verify(password, stored->salt, stored->iterations, stored->hash);
    else if (!known)
        PasswordHasher::burn(password);

    struct Outcome
    {
        std::optional<Actor> actor;
        qint64 lockedForMs = 0;
    };
    Result<Outcome> outcome = m_db.write([&](Transaction& tx) -> Result<Outcome> {
        if (!known) {
            tx.audit(Actor::system(QStringLiteral("login")), QStringLiteral("login.failed"), target(username),
                     StatusText::code(QStringLiteral("login.unknown_user")));
            return Outcome {};
        }
        std::optional<User> user = loadUser(tx, QStringLiteral("id = ?"), known->id, true);
        if (!user) {
            tx.audit(Actor::system(QStringLiteral("login")), QStringLiteral("login.failed"), target(username),
                     StatusText::code(QStringLiteral("login.unknown_user")));
            return Outcome {};
        }
        const Actor who { user->id, user->username, user->role };
        const qint64 lockedUntil = user->lockedUntil.isValid() ? user->lockedUntil.toMSecsSinceEpoch() : 0;
        if (lockedUntil > now) {
            tx.audit(
                who, QStringLiteral("login.refused_locked"), target(username),
                StatusText::code(QStringLiteral("login.locked_until"), { user->lockedUntil.toString(Qt::ISODate) }));
            return Outcome { std::nullopt, lockedUntil - now };
        }
        if (!user->active) {
            tx.audit(who, QStringLiteral("login.failed"), target(username),
                     StatusText::code(QStringLiteral("login.deactivated")));
            return Outcome {};
        }
        if (correct) {
            tx.exec(QStringLiteral("UPDATE users SET failed_attempts = 0, lockouts = 0, locked_until = NULL "
                                   "WHERE id = ?"),
                    { user->id });
            tx.audit(who, QStringLiteral("login"), target(username));
            return Outcome { who, 0 };
        }
        const int failed = user->failedAttempts + 1;
        if (failed < maxFailedAttempts) {
            tx.exec(QStringLiteral("UPDATE users SET failed_attempts = ? WHERE id = ?"), { failed, user->id });
            tx.audit(who, QStringLiteral("login.failed"), target(username),
                     StatusText::code(QStringLiteral("login.wrong_password"), { failed, maxFailedAttempts }));
            return Outcome {};
        }
        const int lockouts = user->lockouts + 1;
        const qint64 duration = lockoutDurationMs(lockouts);
        tx.exec(QStringLiteral("UPDATE users SET failed_attempts = 0, lockouts = ?, locked_until = ? WHERE id = ?"),
                { lockouts, now + duration, user->id });
        tx.audit(who, QStringLiteral("login.failed"), target(username),
                 StatusText::code(QStringLiteral("login.wrong_password"), { failed, maxFailedAttempts }));
        tx.audit(who, QStringLiteral("login.lockout"), target(username),
                 StatusText::code(QStringLiteral("lockout"), { lockouts, duration / 1000 }));
        return Outcome { std::nullopt, duration };
    });
    if (!outcome.ok())
        return outcome.error();
    if (outcome->actor)
        return *outcome->actor;
    if (outcome->lockedForMs > 0)
        return Error { ErrorCode::Locked, lockedMessage(outcome->lockedForMs) };
    return Error { ErrorCode::Forbidden, wrongCredentialsMessage() };
}

Result<User> UserService::createUser(const Actor& actor, const QString& rawUsername, const QString& rawDisplayName,
                                     Role role, const QString& password)
{
    if (Status allowed = requireUserAdmin(actor); !allowed.ok())
        return allowed.error();
    const QString username = normalizedUsername(rawUsername);
    const QString displayName = rawDisplayName.trimmed().isEmpty() ? username : rawDisplayName.trimmed();
    for (const Status& check :
         { validateUsername(username), validateDisplayName(displayName), validatePassword(password, username) }) {
        if (!check.ok())
            return check.error();
    }
    if (!isAccountRole(role))
        return invalidInput(tr("A user is either a manager or front desk."), QStringLiteral("role"));

    const PasswordHasher::Hashed hashed = PasswordHasher::hash(password, m_iterations);
    return m_db.write([&](Transaction& tx) -> Result<User> {
        if (loadUser(tx, QStringLiteral("username = ?"), username)) {
            return Error { ErrorCode::Conflict, tr("A user named %1 already exists.").arg(username),
                           QStringLiteral("username") };
        }
        const qint64 now = tx.nowMs();
        const qint64 id = tx.insert(
            QStringLiteral("INSERT INTO users (username, display_name, role, password_hash, salt, iterations, "
                           "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
            { username, displayName, roleName(role), hashed.hash, hashed.salt, hashed.iterations, now, now });
        tx.recordEvent(EventType::UserCreated, QStringLiteral("user"), id,
                       { { QStringLiteral("username"), username }, { QStringLiteral("role"), roleName(role) } });
        tx.audit(actor, QStringLiteral("user.create"), target(username), roleName(role));
        return *loadUser(tx, QStringLiteral("id = ?"), id);
    });
}

Status UserService::modify(const Actor& actor, qint64 userId, const QString& change, const QString& auditAction,
                           const QString& setSql, const QVariantList& binds, const QString& details)
{
    return m_db.write([&](Transaction& tx) -> Status {
        std::optional<User> user = loadUser(tx, QStringLiteral("id = ?"), userId, true);
        if (!user)
            return notFound();
        QVariantList all = binds;
        all << tx.nowMs() << userId;
        tx.exec(QStringLiteral("UPDATE users SET %1, updated_at = ? WHERE id = ?").arg(setSql), all);
        tx.recordEvent(EventType::UserModified, QStringLiteral("user"), userId,
                       { { QStringLiteral("username"), user->username }, { QStringLiteral("change"), change } });
        tx.audit(actor, auditAction, target(user->username), details);
        return {};
    });
}

Status UserService::changeRole(const Actor& actor, qint64 userId, Role role)
{
    if (Status allowed = requireUserAdmin(actor); !allowed.ok())
        return allowed;
    if (!isAccountRole(role))
        return invalidInput(tr("A user is either a manager or front desk."), QStringLiteral("role"));
    return m_db.write([&](Transaction& tx) -> Status {
        std::optional<User> user = loadUser(tx, QStringLiteral("id = ?"), userId, true);
        if (!user)
            return notFound();
        if (user->role == role)
            return {};
        if (isLastActiveManager(tx, *user))
            return invalidInput(tr("At least one active manager must remain."), QStringLiteral("role"));
        return modify(actor, userId, QStringLiteral("role"), QStringLiteral("user.role"), QStringLiteral("role = ?"),
                      { roleName(role) }, roleName(user->role) + QStringLiteral(" -> ") + roleName(role));
    });
}

Status UserService::setActive(const Actor& actor, qint64 userId, bool active)
{
    if (Status allowed = requireUserAdmin(actor); !allowed.ok())
        return allowed;
    if (!active && actor.userId == userId)
        return invalidInput(tr("You cannot deactivate your own account."));
    return m_db.write([&](Transaction& tx) -> Status {
        std::optional<User> user = loadUser(tx, QStringLiteral("id = ?"), userId, true);
        if (!user)
            return notFound();
        if (user->active == active)
            return {};
        if (!active && isLastActiveManager(tx, *user))
            return invalidInput(tr("At least one active manager must remain."));
        return modify(actor, userId, active ? QStringLiteral("activated") : QStringLiteral("deactivated"),
                      active ? QStringLiteral("user.activate") : QStringLiteral("user.deactivate"),
                      QStringLiteral("active = ?"), { active ? 1 : 0 }, QString());
    });
}

Status UserService::resetPassword(const Actor& actor, qint64 userId, const QString& newPassword)
{
    if (Status allowed = requireUserAdmin(actor); !allowed.ok())
        return allowed;
    if (Status valid = validatePassword(newPassword); !valid.ok())
        return valid;
    Result<User> user = m_db.read([&](SqlSession& s) -> Result<User> {
        std::optional<User> found = loadUser(s, QStringLiteral("id = ?"), userId);
        return found ? Result<User>(*found) : Result<User>(notFound());
    });
    if (!user.ok())
        return user.error();
    if (Status valid = validatePassword(newPassword, user->username); !valid.ok())
        return valid;
    const PasswordHasher::Hashed hashed = PasswordHasher::hash(newPassword, m_iterations);
    return modify(actor, userId, QStringLiteral("password"), QStringLiteral("user.reset_password"),
                  QStringLiteral("password_hash = ?, salt = ?, iterations = ?, failed_attempts = 0, lockouts = 0, "
                                 "locked_until = NULL"),
                  { hashed.hash, hashed.salt, hashed.iterations }, QString());
}

Status UserService::changeOwnPassword(const Actor& actor, const QString& currentPassword, const QString& newPassword)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk }); !allowed.ok())
        return allowed;
    if (Status valid = validatePassword(newPassword, actor.name); !valid.ok())
        return valid;
    Result<Actor> confirmed = login(actor.name, currentPassword);
    if (!confirmed.ok())
        return confirmed.error();
    if (confirmed->userId != actor.userId)
        return Error { ErrorCode::Forbidden, wrongCredentialsMessage() };
    const PasswordHasher::Hashed hashed = PasswordHasher::hash(newPassword, m_iterations);
    return modify(actor, actor.userId, QStringLiteral("password"), QStringLiteral("user.change_password"),
                  QStringLiteral("password_hash = ?, salt = ?, iterations = ?"),
                  { hashed.hash, hashed.salt, hashed.iterations }, QString());
}

Result<QList<User>> UserService::list(const Actor& actor)
{
    if (Status allowed = requireUserAdmin(actor); !allowed.ok())
        return allowed.error();
    return m_db.read([&](SqlSession& s) -> Result<QList<User>> {
        QList<User> users;
        SqlRows q = s.exec(QStringLiteral("SELECT %1 FROM users ORDER BY username").arg(userColumns));
        while (q.next())
            users << userFromQuery(q);
        return users;
    });
}

Result<User> UserService::get(const Actor& actor, qint64 userId)
{
    if (actor.userId != userId) {
        if (Status allowed = requireUserAdmin(actor); !allowed.ok())
            return allowed.error();
    }
    return m_db.read([&](SqlSession& s) -> Result<User> {
        std::optional<User> found = loadUser(s, QStringLiteral("id = ?"), userId);
        return found ? Result<User>(*found) : Result<User>(notFound());
    });
}

Result<User> UserService::findByUsername(const QString& username)
{
    return m_db.read([&](SqlSession& s) -> Result<User> {
        std::optional<User> found = loadUser(s, QStringLiteral("username = ?"), normalizedUsername(username));
        return found ? Result<User>(*found) : Result<User>(notFound());
    });
}

Result<qint64> UserService::count()
{
    return m_db.read([](SqlSession& s) -> Result<qint64> {
        return s.scalar(QStringLiteral("SELECT count(*) FROM users")).toLongLong();
    });
}

} // namespace campdesk
