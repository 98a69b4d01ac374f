#include "hangulcomposer.h"

namespace campdesk {

namespace {

// Unicode's orders: a syllable is U+AC00 + (initial * 21 + medial) * 28 + final.
const QString initials = QStringLiteral("ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ");
const QString medials = QStringLiteral("ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ");
const QString finals = QStringLiteral(" ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"); // index 0: none

struct Pair
{
    char16_t first;
    char16_t second;
    char16_t both;
};

// Two vowel keys that make one vowel, and two consonants that make one final.
const Pair doubleVowels[]
    = { { u'ㅗ', u'ㅏ', u'ㅘ' }, { u'ㅗ', u'ㅐ', u'ㅙ' }, { u'ㅗ', u'ㅣ', u'ㅚ' }, { u'ㅜ', u'ㅓ', u'ㅝ' },
        { u'ㅜ', u'ㅔ', u'ㅞ' }, { u'ㅜ', u'ㅣ', u'ㅟ' }, { u'ㅡ', u'ㅣ', u'ㅢ' } };
const Pair doubleFinals[]
    = { { u'ㄱ', u'ㅅ', u'ㄳ' }, { u'ㄴ', u'ㅈ', u'ㄵ' }, { u'ㄴ', u'ㅎ', u'ㄶ' }, { u'ㄹ', u'ㄱ', u'ㄺ' },
        { u'ㄹ', u'ㅁ', u'ㄻ' }, { u'ㄹ', u'ㅂ', u'ㄼ' }, { u'ㄹ', u'ㅅ', u'ㄽ' }, { u'ㄹ', u'ㅌ', u'ㄾ' },
        { u'ㄹ', u'ㅍ', u'ㄿ' }, { u'ㄹ', u'ㅎ', u'ㅀ' }, { u'ㅂ', u'ㅅ', u'ㅄ' } };

template<size_t N> QChar joined(const Pair (&pairs)[N], QChar first, QChar second)
{
    for (const Pair& pair : pairs) {
        if (first == QChar(pair.first) && second == QChar(pair.second))
            return QChar(pair.both);
    }
    return QChar();
}

// What a sequence of keys makes: the initial, the medial and the final it parses into, and how many keys it used.
struct Syllable
{
    QChar initial;
    QChar medial;
    QChar final;
    int used = 0;
};

Syllable parse(const QList<QChar>& keys)
{
    Syllable s;
    int i = 0;
    const int n = int(keys.size());
    if (i < n && HangulComposer::isConsonant(keys.at(i)) && initials.contains(keys.at(i)))
        s.initial = keys.at(i++);
    if (i < n && HangulComposer::isVowel(keys.at(i))) {
        s.medial = keys.at(i++);
        if (i < n && HangulComposer::isVowel(keys.at(i))) {
            if (const QChar both = joined(doubleVowels, s.medial, keys.at(i)); !both.isNull()) {
                s.medial = both;
                ++i;
            }
        }
    }
    // A final only after an initial and a medial; ㄸ, ㅃ and ㅉ are never finals.
    if (!s.initial.isNull() && !s.medial.isNull() && i < n && finals.indexOf(keys.at(i)) > 0) {
        s.final = keys.at(i++);
        if (i < n) {
            if (const QChar both = joined(doubleFinals, s.final, keys.at(i)); !both.isNull()) {
                s.final = both;
                ++i;
            }
        }
    }
    s.used = i;
    return s;
}

} // namespace

bool HangulComposer::isJamo(QChar c)
{
    return c.unicode() >= 0x3131 && c.unicode() <= 0x3163;
}

bool HangulComposer::isConsonant(QChar c)
{
    return c.unicode() >= 0x3131 && c.unicode() <= 0x314E;
}

bool HangulComposer::isVowel(QChar c)
{
    return c.unicode() >= 0x314F && c.unicode() <= 0x3163;
}

bool HangulComposer::fits(const QList<QChar>& keys)
{
    return parse(keys).used == keys.size();
}

QString HangulComposer::compose(const QList<QChar>& keys)
{
    if (keys.isEmpty())
        return QString();
    const Syllable s = parse(keys);
    if (!s.initial.isNull() && !s.medial.isNull()) {
        const int code = 0xAC00 + (int(initials.indexOf(s.initial)) * 21 + int(medials.indexOf(s.medial))) * 28
            + (s.final.isNull() ? 0 : int(finals.indexOf(s.final)));
        return QString(QChar(code));
    }
    return QString(s.initial.isNull() ? s.medial : s.initial);
}

QString HangulComposer::input(QChar key)
{
    if (!isJamo(key))
        return commit() + key;
    QList<QChar> grown = m_keys;
    grown.append(key);
    if (fits(grown)) {
        m_keys = grown;
        return QString();
    }
    // A vowel after a final consonant: the consonant starts the next syllable (갑 + ㅏ = 가바).
    if (isVowel(key) && m_keys.size() >= 3) {
        const Syllable s = parse(m_keys);
        if (!s.final.isNull()) {
            const QChar moved = m_keys.takeLast();
            const QString done = compose(m_keys);
            m_keys = { moved, key };
            return done;
        }
    }
    const QString done = compose(m_keys);
    m_keys = { key };
    return done;
}

bool HangulComposer::backspace()
{
    if (m_keys.isEmpty())
        return false;
    m_keys.removeLast();
    return true;
}

QString HangulComposer::commit()
{
    const QString done = compose(m_keys);
    m_keys.clear();
    return done;
}

} // namespace campdesk
