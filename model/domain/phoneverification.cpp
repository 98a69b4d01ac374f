#include "domain/phoneverification.h"

#include "domain/customerservice.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

namespace campdesk {

namespace {
constexpr qint64 hourMs = 60 * 60 * 1000;

Error badPhone()
{
    return Error(ErrorCode::Invalid, PhoneVerification::tr("Please check the phone number."), QStringLiteral("phone"));
}

Error waitError(qint64 ms)
{
    const int seconds = int((ms + 999) / 1000);
    if (seconds > 90)
        return Error(ErrorCode::Locked,
                     PhoneVerification::tr("Too many codes were asked for. Please try again in %n minute(s), or use "
                                           "your points at the front desk.",
                                           nullptr, (seconds + 59) / 60));
    return Error(
        ErrorCode::Locked,
        PhoneVerification::tr("A code was just sent. You can ask for another in %n second(s).", nullptr, seconds));
}
} // namespace

PhoneVerification::PhoneVerification(Database& db)
    : m_db(db)
{
}

QString PhoneVerification::hashCode(const QString& salt, const QString& phone, const QString& code)
{
    // Keyed by a random salt per code and bound to the phone: a code for one phone proves nothing for another.
    return QString::fromLatin1(QMessageAuthenticationCode::hash((phone + QLatin1Char(':') + code).toUtf8(),
                                                                QByteArray::fromHex(salt.toLatin1()),
                                                                QCryptographicHash::Sha256)
                                   .toHex());
}

Result<QString> PhoneVerification::issue(const QString& input)
{
    const std::optional<QString> phone = CustomerService::normalizePhone(input);
    if (!phone)
        return badPhone();
    const QString terminal = m_db.terminal();
    QString code;
    for (int i = 0; i < codeDigits; ++i)
        code.append(QChar(u'0' + QRandomGenerator::system()->bounded(10)));
    QByteArray saltBytes(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(saltBytes.data()), saltBytes.size() / 4);
    const QString salt = QString::fromLatin1(saltBytes.toHex());
    Result<bool> issued = m_db.write([&](Transaction& tx) -> Result<bool> {
        const qint64 now = tx.nowMs();
        // Counted inside the write, so two kiosks asking at once both count.
        SqlRows last = tx.exec(QStringLiteral("SELECT count(*), max(created_at), min(created_at) FROM phone_codes "
                                              "WHERE phone = ? AND created_at > ?"),
                               { *phone, now - hourMs });
        last.next();
        const int perPhone = last.value(0).toInt();
        const qint64 newest = last.value(1).isNull() ? 0 : last.value(1).toLongLong();
        const qint64 oldest = last.value(2).isNull() ? 0 : last.value(2).toLongLong();
        last.finish();
        if (newest > 0 && now - newest < resendAfterMs)
            return waitError(resendAfterMs - (now - newest));
        if (perPhone >= codesPerPhonePerHour)
            return waitError(oldest + hourMs - now);
        SqlRows kiosk = tx.exec(QStringLiteral("SELECT count(*), min(created_at) FROM phone_codes WHERE terminal = ? "
                                               "AND created_at > ?"),
                                { terminal, now - hourMs });
        kiosk.next();
        const int perKiosk = kiosk.value(0).toInt();
        const qint64 kioskOldest = kiosk.value(1).isNull() ? now : kiosk.value(1).toLongLong();
        kiosk.finish();
        if (perKiosk >= codesPerKioskPerHour)
            return waitError(kioskOldest + hourMs - now);
        // Codes over a day old say nothing any more: they go, so the table only ever holds today's.
        tx.exec(QStringLiteral("DELETE FROM phone_codes WHERE created_at < ?"), { now - 24 * hourMs });
        tx.exec(QStringLiteral("INSERT INTO phone_codes (phone, terminal, code_hash, salt, created_at, expires_at) "
                               "VALUES (?, ?, ?, ?, ?, ?)"),
                { *phone, terminal, hashCode(salt, *phone, code), salt, now, now + validMs });
        tx.audit(Actor::kiosk(), QStringLiteral("kiosk.code_sent"), QStringLiteral("phone"));
        return true;
    });
    if (!issued.ok())
        return issued.error();
    return code;
}

Status PhoneVerification::verify(const QString& input, const QString& code)
{
    const std::optional<QString> phone = CustomerService::normalizePhone(input);
    if (!phone)
        return badPhone();
    struct Outcome
    {
        bool right = false;
        int triesLeft = 0;
        bool spent = false; // expired, used up or none: a new code is needed
    };
    Result<Outcome> outcome = m_db.write([&](Transaction& tx) -> Result<Outcome> {
        const qint64 now = tx.nowMs();
        SqlRows q = tx.exec(QStringLiteral("SELECT id, code_hash, salt, expires_at, attempts, used_at FROM phone_codes "
                                           "WHERE phone = ? ORDER BY created_at DESC, id DESC LIMIT 1"),
                            { *phone });
        if (!q.next())
            return Outcome { false, 0, true };
        const qint64 id = q.value(0).toLongLong();
        const QString hash = q.value(1).toString();
        const QString salt = q.value(2).toString();
        const qint64 expires = q.value(3).toLongLong();
        const int attempts = q.value(4).toInt();
        const bool used = !q.value(5).isNull();
        q.finish();
        if (used || expires <= now || attempts >= triesPerCode)
            return Outcome { false, 0, true };
        const bool right = code.size() == codeDigits && hashCode(salt, *phone, code) == hash;
        if (right) {
            tx.exec(QStringLiteral("UPDATE phone_codes SET used_at = ? WHERE id = ?"), { now, id });
            tx.audit(Actor::kiosk(), QStringLiteral("kiosk.phone_verified"), QStringLiteral("phone"));
            return Outcome { true, 0, false };
        }
        tx.exec(QStringLiteral("UPDATE phone_codes SET attempts = attempts + 1 WHERE id = ?"), { id });
        tx.audit(Actor::kiosk(), QStringLiteral("kiosk.code_wrong"), QStringLiteral("phone"));
        const int left = triesPerCode - attempts - 1;
        return Outcome { false, left, left <= 0 };
    });
    if (!outcome.ok())
        return outcome.error();
    if (outcome->right)
        return {};
    if (outcome->spent)
        return Error(ErrorCode::Locked, tr("This code can no longer be used. Please ask for a new code."));
    return Error(ErrorCode::Invalid, tr("The code is not right. %n try(s) left.", nullptr, outcome->triesLeft),
                 QStringLiteral("code"));
}

} // namespace campdesk
