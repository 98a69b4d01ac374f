#pragma once

#include <QString>

namespace campdesk {

// Masks what must never reach a log file: secrets (Authorization values, password=/secret/key= values, passwords
// in URLs), card numbers (13-19 digits, grouped or not; the last four stay) and Korean phone numbers
// (010-****-5678). Over-masking is accepted: a log line that loses a harmless number is cheaper than a leak.
class LogRedactor
{
public:
    static QString redact(const QString& text);
};

} // namespace campdesk
