#include "domain/kioskpinguard.h"

#include "core/passwordhasher.h"
#include "domain/settingstable.h"
#include "domain/statustext.h"

#include <QRegularExpression>
#include <algorithm>
#include <iterator>

namespace campdesk {

namespace {

const QString keyHash = QStringLiteral("kiosk.pin.hash");
const QString keySalt = QStringLiteral("kiosk.pin.salt");
const QString keyIterations = QStringLiteral("kiosk.pin.iterations");
const QString keyFailures = QStringLiteral("kiosk.pin.failures");
const QString keyLockouts = QStringLiteral("kiosk.pin.lockouts");
const QString keyLockedUntil = QStringLiteral("kiosk.pin.locked_until");

struct PinState
{
    QString hash;
    QString salt;
    int iterations = 0;
    int failures = 0;
    int lockouts = 0;
    qint64 lockedUntil = 0;
};

PinState loadState(SqlSession& s)
{
    PinState state;
    SqlRows q = s.exec(QStringLiteral("SELECT key, value FROM settings WHERE key LIKE 'kiosk.pin.%'"));
    while (q.next()) {
        const QString key = q.value(0).toString();
        const QString value = q.value(1).toString();
        if (key == keyHash)
            state.hash = value;
        else if (key == keySalt)
            state.salt = value;
        else if (key == keyIterations)
            state.iterations = value.toInt();
        else if (key == keyFailures)
            state.failures = value.toInt();
        else if (key == keyLockouts)
            state.lockouts = value.toInt();
        else if (key == keyLockedUntil)
            state.lockedUntil = value.toLongLong();
    }
    return state;
}

void storeCounters(Transaction& tx, int failures, int lockouts, qint64 lockedUntil)
{
    storeSetting(tx, keyFailures, QString::number(failures));
    storeSetting(tx, keyLockouts, QString::number(lockouts));
    storeSetting(tx, keyLockedUntil, QString::number(lockedUntil));
}

Error lockedError(qint64 remainingMs)
{
    const int minutes = int((remainingMs + 59999) / 60000);
    return Error(
        ErrorCode::Locked,
        KioskPinGuard::tr("Too many wrong PINs. The PIN pad is locked for %n more minute(s).", nullptr, minutes));
}

Error noPinError()
{
    return Error(ErrorCode::NotFound,
                 KioskPinGuard::tr("No kiosk PIN has been set. A manager sets it with campdesk --set-kiosk-pin."));
}

const QString pinTarget = QStringLiteral("kiosk PIN");

} // namespace

KioskPinGuard::KioskPinGuard(Database& db)
    : m_db(db)
{
}

Status KioskPinGuard::validatePin(const QString& pin)
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]{4,8}$"));
    if (!digits.match(pin).hasMatch())
        return invalidInput(tr("The kiosk PIN must be 4 to 8 digits."), QStringLiteral("pin"));
    return {};
}

qint64 KioskPinGuard::lockoutDurationMs(int lockoutNumber)
{
    static const int minutes[] = { 1, 5, 15, 60, 240 };
    const int index = std::clamp(lockoutNumber, 1, int(std::size(minutes))) - 1;
    return qint64(minutes[index]) * 60000;
}

Status KioskPinGuard::setPin(const Actor& actor, const QString& pin)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::System }); !allowed.ok())
        return allowed;
    if (Status valid = validatePin(pin); !valid.ok())
        return valid;
    // The slow hash runs before the transaction so it never holds the database lock.
    const PasswordHasher::Hashed hashed = PasswordHasher::hash(pin);
    return m_db.write([&](Transaction& tx) -> Status {
        storeSetting(tx, keyHash, hashed.hash);
        storeSetting(tx, keySalt, hashed.salt);
        storeSetting(tx, keyIterations, QString::number(hashed.iterations));
        storeCounters(tx, 0, 0, 0);
        tx.recordEvent(EventType::SettingsChanged, QStringLiteral("settings"), 0,
                       { { QStringLiteral("key"), QStringLiteral("kiosk.pin") } });
        tx.audit(actor, QStringLiteral("kiosk.pin_set"), pinTarget);
        return {};
    });
}

Result<bool> KioskPinGuard::hasPin() const
{
    return m_db.read([](SqlSession& s) -> Result<bool> { return !loadState(s).hash.isEmpty(); });
}

Result<qint64> KioskPinGuard::lockedForMs() const
{
    return m_db.read([this](SqlSession& s) -> Result<qint64> {
        return std::max<qint64>(0, loadState(s).lockedUntil - m_db.clock().nowMs());
    });
}

Status KioskPinGuard::verify(const QString& pin)
{
    const Actor kiosk = Actor::kiosk();
    Result<PinState> before = m_db.read([](SqlSession& s) -> Result<PinState> { return loadState(s); });
    if (!before.ok())
        return before.error();
    if (before->hash.isEmpty())
        return noPinError();
    const qint64 now = m_db.clock().nowMs();
    if (before->lockedUntil > now) {
        // Refused without hashing: a locked pad must not become a free PIN-guessing oracle.
        const Status audited = m_db.write([&](Transaction& tx) -> Status {
            tx.audit(kiosk, QStringLiteral("kiosk.pin_refused_locked"), pinTarget);
            return {};
        });
        if (!audited.ok())
            return audited;
        return lockedError(before->lockedUntil - now);
    }
    const bool right
        = validatePin(pin).ok() && PasswordHasher::verify(pin, before->salt, before->iterations, before->hash);

    // Counted again inside the write, so two kiosks failing at once both count. The write reports the outcome
    // as a value: an error result would roll the failure count back.
    struct Outcome
    {
        int attemptsLeft = 0;
        qint64 lockedForMs = 0;
    };
    Result<Outcome> outcome = m_db.write([&](Transaction& tx) -> Result<Outcome> {
        const PinState state = loadState(tx);
        if (right) {
            storeCounters(tx, 0, 0, 0);
            tx.audit(kiosk, QStringLiteral("kiosk.exit"), pinTarget,
                     StatusText::code(QStringLiteral("kiosk.pin_accepted")));
            return Outcome();
        }
        const int failures = state.failures + 1;
        tx.audit(kiosk, QStringLiteral("kiosk.pin_failed"), pinTarget,
                 StatusText::code(QStringLiteral("kiosk.pin_failure"), { failures, attemptsBeforeLockout }));
        if (failures < attemptsBeforeLockout) {
            storeCounters(tx, failures, state.lockouts, state.lockedUntil);
            return Outcome { attemptsBeforeLockout - failures, 0 };
        }
        const int lockouts = state.lockouts + 1;
        const qint64 duration = lockoutDurationMs(lockouts);
        storeCounters(tx, 0, lockouts, now + duration);
        tx.audit(kiosk, QStringLiteral("kiosk.pin_lockout"), pinTarget,
                 StatusText::code(QStringLiteral("lockout"), { lockouts, duration / 1000 }));
        return Outcome { 0, duration };
    });
    if (!outcome.ok())
        return outcome.error();
    if (right)
        return {};
    if (outcome->lockedForMs > 0)
        return lockedError(outcome->lockedForMs);
    return invalidInput(tr("Wrong PIN. %n more try(s) before the PIN pad locks.", nullptr, outcome->attemptsLeft),
                        QStringLiteral("pin"));
}

} // namespace campdesk
