#pragma once

#include "core/result.h"
#include "db/database.h"

#include <QCoreApplication>

namespace campdesk {

// One-time codes that prove a phone belongs to the person at the kiosk before its points are shown or spent:
// 6 digits, valid 5 minutes, 5 tries per code, at most one code a minute and 5 an hour per phone and 30 an hour per
// kiosk. Only a salted hash of the code is stored (phone_codes), so a copy of the database does not hold codes that
// still work. Sending the code is the caller's job (the text-message channel lives above this layer).
class PhoneVerification
{
    Q_DECLARE_TR_FUNCTIONS(PhoneVerification)

public:
    static constexpr int codeDigits = 6;
    static constexpr qint64 validMs = 5 * 60 * 1000;
    static constexpr int triesPerCode = 5;
    static constexpr qint64 resendAfterMs = 60 * 1000;
    static constexpr int codesPerPhonePerHour = 5;
    static constexpr int codesPerKioskPerHour = 30;

    explicit PhoneVerification(Database& db);

    // A new code for the phone (this kiosk's terminal name is recorded), or Locked with the wait when codes come
    // too often, or Invalid for a malformed phone. The code itself is returned once, to be sent, and never stored.
    Result<QString> issue(const QString& phone);
    // Ok when `code` is the phone's newest unused, unexpired code; it is then used up. Otherwise Invalid (wrong;
    // says how many tries are left), Locked (no tries left or expired: ask for a new code).
    Status verify(const QString& phone, const QString& code);

    static QString hashCode(const QString& salt, const QString& phone, const QString& code);

private:
    Database& m_db;
};

} // namespace campdesk
