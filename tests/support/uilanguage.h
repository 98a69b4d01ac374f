#pragma once

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QString>
#include <QTranslator>

namespace campdesk::test {

// Switches the GUI tests to a language for one scope: "ko" installs Campdesk's and Qt's Korean translations
// and the Korean locale; anything else stays in English. Back to English (US) when it goes out of scope.
class UiLanguage
{
public:
    explicit UiLanguage(const QString& language)
    {
        if (language != QLatin1String("ko"))
            return;
        m_loaded = m_own.load(QStringLiteral(":/i18n/campdesk_ko.qm"));
        if (m_loaded)
            QCoreApplication::installTranslator(&m_own);
        if (m_qt.load(QStringLiteral("qtbase_ko"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(&m_qt);
        QLocale::setDefault(QLocale(QLocale::Korean, QLocale::SouthKorea));
    }
    ~UiLanguage()
    {
        QCoreApplication::removeTranslator(&m_own);
        QCoreApplication::removeTranslator(&m_qt);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }
    UiLanguage(const UiLanguage&) = delete;
    UiLanguage& operator=(const UiLanguage&) = delete;

    // False when Korean was asked for but Campdesk's translation could not be loaded.
    bool ok() const { return m_loaded; }

private:
    QTranslator m_own;
    QTranslator m_qt;
    bool m_loaded = true;
};

} // namespace campdesk::test
