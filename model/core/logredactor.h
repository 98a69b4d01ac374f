#pragma once

#include <QString>

namespace campdesk {

// Masks what must never reach a log file: secrets (Authorization values, password=/secret/key= values, passwords
// in URLs, payment keys by their shape, and the values this terminal's secret store holds, wherever they appear),
// card numbers (13-19 digits, grouped or not; the last four stay), Korean phone numbers however written
// (010-****-5678, 010.****.5678, (010) ****-5678, +82 10 **** 5678, 8210****5678, landlines) and e-mail addresses
// (k***@example.com). Over-masking is accepted: a log line that loses a harmless number is cheaper than a leak.
class LogRedactor
{
public:
    static QString redact(const QString& text);
    // A secret value to mask wherever it appears, even bare (SecretStore registers what it reads and writes).
    // Values shorter than 6 characters are not registered: they would mask ordinary words.
    static void addSecretValue(const QString& value);
    static void clearSecretValuesForTesting();
};

} // namespace campdesk
