#pragma once

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QString>
#include <QTranslator>

namespace campdesk::test {

// Switches the GUI tests to a language for one scope, as the app does: Campdesk's translation for it ("en" gives
// proper plurals: "1 night", "2 nights"), and for "ko" also Qt's Korean and the Korean locale. Back to plain
// English (US) when it goes out of scope.
class UiLanguage
{
public:
    explicit UiLanguage(const QString& language)
    {
        m_loaded = m_own.load(QStringLiteral(":/i18n/campdesk_%1.qm").arg(language));
        if (m_loaded)
            QCoreApplication::installTranslator(&m_own);
        if (language != QLatin1String("ko"))
            return;
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

    // False when Campdesk's translation for the language could not be loaded.
    bool ok() const { return m_loaded; }

private:
    QTranslator m_own;
    QTranslator m_qt;
    bool m_loaded = true;
};

} // namespace campdesk::test
