#pragma once

#include <QByteArray>
#include <QString>

namespace campdesk {

// PBKDF2-HMAC-SHA256 through OpenSSL, for staff passwords and the kiosk's manager PIN.
// Hashes and salts travel as base64 text so they fit a TEXT column on both databases.
class PasswordHasher
{
public:
    static constexpr int defaultIterations = 600000;
    static constexpr int saltBytes = 16;
    static constexpr int hashBytes = 32;

    struct Hashed
    {
        QString hash; // base64
        QString salt; // base64
        int iterations = defaultIterations;
    };

    // A fresh random salt and the derived key.
    static Hashed hash(const QString& secret, int iterations = defaultIterations);
    // Derives with the stored salt and iterations and compares in constant time.
    static bool verify(const QString& secret, const QString& salt, int iterations, const QString& expectedHash);
    // The raw PBKDF2-HMAC-SHA256 output (hashBytes long); empty if OpenSSL fails or iterations < 1.
    static QByteArray derive(const QString& secret, const QByteArray& salt, int iterations);
    static QByteArray randomBytes(int count);
    // Compares without an early exit, so timing does not reveal how much of a hash matched.
    static bool constantTimeEquals(const QByteArray& a, const QByteArray& b);
    // Spends as long as a real verify(): used when the user does not exist, so the answer time tells nothing.
    static void burn(const QString& secret, int iterations = defaultIterations);
};

} // namespace campdesk
