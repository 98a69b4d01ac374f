#include "core/passwordhasher.h"

#include <QRandomGenerator>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace campdesk {

QByteArray PasswordHasher::derive(const QString& secret, const QByteArray& salt, int iterations)
{
    if (iterations < 1)
        return {};
    const QByteArray utf8 = secret.toUtf8();
    QByteArray out(hashBytes, '\0');
    const int ok
        = PKCS5_PBKDF2_HMAC(utf8.constData(), static_cast<int>(utf8.size()),
                            reinterpret_cast<const unsigned char*>(salt.constData()), static_cast<int>(salt.size()),
                            iterations, EVP_sha256(), hashBytes, reinterpret_cast<unsigned char*>(out.data()));
    return ok == 1 ? out : QByteArray();
}

QByteArray PasswordHasher::randomBytes(int count)
{
    QByteArray bytes(count, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), count) != 1) {
        // OpenSSL's generator failed (should not happen): fall back to the OS generator Qt uses.
        QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(bytes.data()), count / 4);
    }
    return bytes;
}

PasswordHasher::Hashed PasswordHasher::hash(const QString& secret, int iterations)
{
    const QByteArray salt = randomBytes(saltBytes);
    Hashed out;
    out.salt = QString::fromLatin1(salt.toBase64());
    out.hash = QString::fromLatin1(derive(secret, salt, iterations).toBase64());
    out.iterations = iterations;
    return out;
}

bool PasswordHasher::verify(const QString& secret, const QString& salt, int iterations, const QString& expectedHash)
{
    const QByteArray expected = QByteArray::fromBase64(expectedHash.toLatin1());
    const QByteArray actual = derive(secret, QByteArray::fromBase64(salt.toLatin1()), iterations);
    if (actual.isEmpty() || expected.isEmpty())
        return false;
    return constantTimeEquals(actual, expected);
}

bool PasswordHasher::constantTimeEquals(const QByteArray& a, const QByteArray& b)
{
    if (a.size() != b.size())
        return false;
    return CRYPTO_memcmp(a.constData(), b.constData(), static_cast<size_t>(a.size())) == 0;
}

void PasswordHasher::burn(const QString& secret, int iterations)
{
    static const QByteArray salt = randomBytes(saltBytes);
    derive(secret, salt, iterations);
}

} // namespace campdesk
