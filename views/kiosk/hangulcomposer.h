#pragma once

#include <QList>
#include <QString>

namespace campdesk {

// Hangul syllables composed as they are typed on a 2-beolsik (dubeolsik) keyboard, without any widget: the keys
// are compatibility jamo (ㄱ U+3131 ... ㅣ U+3163). A syllable grows while the keys fit (initial, medial, final;
// ㅗ+ㅏ = ㅘ and the other double vowels; ㄹ+ㄱ = ㄺ and the other double finals), and is committed when the next key
// cannot join it; a vowel after a final consonant takes that consonant along (갑 + ㅏ = 가바, 값 + ㅏ = 갑사).
// Backspace takes the last key back out of the syllable being composed (값 -> 갑 -> 가 -> ㄱ -> nothing).
class HangulComposer
{
public:
    static bool isJamo(QChar c);
    static bool isConsonant(QChar c);
    static bool isVowel(QChar c);

    // Feeds one jamo; returns the text that is finished with it (a syllable the key could not join), often empty.
    // A key that is not a jamo commits the syllable being composed and then itself.
    QString input(QChar key);
    // Takes the last key back out of the syllable being composed: true when there was one (the preedit changed),
    // false when nothing is being composed (the field should delete its previous character).
    bool backspace();
    // The syllable being composed (the preedit), empty when none.
    QString preedit() const { return compose(m_keys); }
    bool isComposing() const { return !m_keys.isEmpty(); }
    // Ends the composition: returns what it held (to be committed) and forgets it.
    QString commit();
    void reset() { m_keys.clear(); }

private:
    // The keys form one syllable (or a lone jamo).
    static bool fits(const QList<QChar>& keys);
    static QString compose(const QList<QChar>& keys);

    QList<QChar> m_keys; // of the syllable being composed, in the order typed
};

} // namespace campdesk
