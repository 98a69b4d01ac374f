#pragma once

#include <QDate>
#include <QLocale>
#include <QObject>
#include <QStringList>
#include <memory>

class QTranslator;

namespace campdesk {

// Switches the program's language at runtime: installs the translator for the chosen language (from the
// embedded :/i18n/campdesk_<code>.qm) so every widget receives QEvent::LanguageChange, and formats dates and
// money the way that language writes them.
class LanguageManager final : public QObject
{
    Q_OBJECT
public:
    explicit LanguageManager(QObject* parent = nullptr);
    ~LanguageManager() override;

    static QStringList languages() { return { QStringLiteral("ko"), QStringLiteral("en") }; }
    // "ko" for a Korean system locale, otherwise "en": what the admin app follows when no setting says.
    static QString systemLanguage();
    // The language's own name, for the switch buttons: "한국어", "English".
    static QString nativeName(const QString& code);

    QString language() const { return m_language; }
    // Installs the translation for code ("ko" or "en"); false (and nothing changes) for an unknown code or a
    // missing translation file.
    bool setLanguage(const QString& code);

    QLocale locale() const;
    // 2026년 11월 24일 / 24 November 2026
    QString formatDate(const QDate& date) const;
    // The same for a language code ("ko", or anything else for English): for model code without the manager, which
    // passes the language setLanguage() made the default locale's.
    static QString formatDate(const QDate& date, const QString& language);
    // The language of the default locale, as setLanguage() sets it: "ko" or "en".
    static QString defaultLanguage();
    // 11월 24일 (화) / Tue 24 Nov: for tight spaces.
    QString formatShortDate(const QDate& date) const;
    // 45,000원 / ₩45,000
    QString formatMoney(qint64 won) const;
    QString formatNumber(qint64 value) const;

signals:
    void languageChanged(const QString& code);

private:
    QString m_language;
    std::unique_ptr<QTranslator> m_translator;
};

} // namespace campdesk
