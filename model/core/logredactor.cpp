#include "core/logredactor.h"

#include <QMutex>
#include <QMutexLocker>
#include <QRegularExpression>
#include <QSet>

namespace campdesk {

namespace {

const QString kMask = QStringLiteral("***");

// Replaces every digit of a match with '*' except the last `keep` digits; separators stay.
QString maskDigits(const QString& text, int keep)
{
    int digits = 0;
    for (QChar c : text)
        digits += c.isDigit() ? 1 : 0;
    QString out = text;
    int seen = 0;
    for (QChar& c : out) {
        if (c.isDigit() && ++seen <= digits - keep)
            c = QLatin1Char('*');
    }
    return out;
}

template<typename F> QString replaceEach(const QString& text, const QRegularExpression& pattern, F replacement)
{
    QString out;
    qsizetype last = 0;
    QRegularExpressionMatchIterator it = pattern.globalMatch(text);
    if (!it.hasNext())
        return text;
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        out += QStringView(text).mid(last, match.capturedStart() - last);
        out += replacement(match);
        last = match.capturedEnd();
    }
    out += QStringView(text).mid(last);
    return out;
}

struct SecretValues
{
    QMutex mutex;
    QSet<QString> values;
};

SecretValues& secretValues()
{
    static SecretValues registry;
    return registry;
}

} // namespace

void LogRedactor::addSecretValue(const QString& value)
{
    const QString trimmed = value.trimmed();
    if (trimmed.size() < 6)
        return;
    SecretValues& registry = secretValues();
    QMutexLocker lock(&registry.mutex);
    registry.values.insert(trimmed);
}

void LogRedactor::clearSecretValuesForTesting()
{
    SecretValues& registry = secretValues();
    QMutexLocker lock(&registry.mutex);
    registry.values.clear();
}

QString LogRedactor::redact(const QString& text)
{
    static const QRegularExpression authorization(
        QStringLiteral(R"(\b(Basic|Bearer|Digest|Token)(\s+)[A-Za-z0-9+/=._~-]+)"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression authorizationHeader(
        QStringLiteral(
            R"(\b(Authorization|Proxy-Authorization)(["']?\s*[:=]\s*)(?!(?:Basic|Bearer|Digest|Token)\s)([^\s,;"']+))"),
        QRegularExpression::CaseInsensitiveOption);
    // password=..., "smtpPassword": "...", secret: ..., gateway.key=..., api_key=..., token=...
    static const QRegularExpression namedSecret(
        QStringLiteral(
            R"(\b([\w.-]*(?:password|passwd|pwd|secret|key|token)[\w.-]*)(["']?\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s&,;"']+))"),
        QRegularExpression::CaseInsensitiveOption);
    // scheme://user:password@host
    static const QRegularExpression urlPassword(QStringLiteral(R"(\b([a-z][a-z0-9+.-]*://[^\s:/@]+:)[^\s@/]+@)"),
                                                QRegularExpression::CaseInsensitiveOption);
    // Card numbers: 13-19 digits in one run, or in the printed groups 4-4-4-x and 4-6-5 (space or dash).
    static const QRegularExpression card(
        QStringLiteral(R"((?<![\d*])(?:\d{13,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}|\d{4}([ -])\d{6}\2\d{5})(?![\d*]))"));
    // Korean phone numbers, mobile and landline, as people write them: 010-1234-5678, 01012345678, 010 123 4567,
    // 010.1234.5678, (010) 1234-5678, +82 10 1234 5678, +82-10-..., +82 (0)10 ..., +821012345678, and the country
    // code without its plus as gateways echo it (821012345678, 82-10-...); 02-123-4567, 031.123.4567.
    static const QRegularExpression phone(QStringLiteral(
        R"((?<![\d*])((?:\+?82[ .-]?(?:\(0\)[ .-]?)?|\(?0)(?:1[016789]|2|[3-6][1-5]|70)\)?)([ .-]?)(\d{3,4})([ .-]?)(\d{4})(?![\d*]))"));
    // E-mail addresses: the first letter and the domain stay (k***@example.com).
    static const QRegularExpression email(
        QStringLiteral(R"((?<![\w.%+-])([\w%+-])[\w.%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}))"));
    // Payment keys by their shape, even without a name in front: test_sk_..., live_ck_..., sk_live_...
    static const QRegularExpression paymentKey(
        QStringLiteral(R"(\b(?:(?:test|live)_(?:sk|ck|gsk|gck)_|(?:sk|pk|rk)_(?:test|live)_)[A-Za-z0-9]{8,}\b)"));

    QString out = text;
    {
        SecretValues& registry = secretValues();
        QMutexLocker lock(&registry.mutex);
        for (const QString& value : std::as_const(registry.values))
            out.replace(value, kMask);
    }
    out = replaceEach(out, paymentKey, [](const QRegularExpressionMatch&) { return kMask; });
    out = replaceEach(out, urlPassword,
                      [](const QRegularExpressionMatch& m) { return m.captured(1) + kMask + QLatin1Char('@'); });
    out = replaceEach(out, authorization,
                      [](const QRegularExpressionMatch& m) { return m.captured(1) + m.captured(2) + kMask; });
    out = replaceEach(out, authorizationHeader,
                      [](const QRegularExpressionMatch& m) { return m.captured(1) + m.captured(2) + kMask; });
    out = replaceEach(out, namedSecret, [](const QRegularExpressionMatch& m) {
        if (m.captured(3) == kMask) // already masked by an earlier rule
            return m.captured(0);
        return m.captured(1) + m.captured(2) + kMask;
    });
    out = replaceEach(out, email, [](const QRegularExpressionMatch& m) {
        return m.captured(1) + kMask + QLatin1Char('@') + m.captured(2);
    });
    out = replaceEach(out, card, [](const QRegularExpressionMatch& m) { return maskDigits(m.captured(0), 4); });
    out = replaceEach(out, phone, [](const QRegularExpressionMatch& m) {
        return m.captured(1) + m.captured(2) + QString(m.captured(3).size(), QLatin1Char('*')) + m.captured(4)
            + m.captured(5);
    });
    return out;
}

} // namespace campdesk
