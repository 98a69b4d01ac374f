#include "core/languagemanager.h"

#include <QCoreApplication>
#include <QTranslator>

namespace campdesk {

LanguageManager::LanguageManager(QObject* parent)
    : QObject(parent)
    , m_language(QStringLiteral("en"))
{
}

LanguageManager::~LanguageManager()
{
    if (m_translator)
        QCoreApplication::removeTranslator(m_translator.get());
}

QString LanguageManager::systemLanguage()
{
    return QLocale::system().language() == QLocale::Korean ? QStringLiteral("ko") : QStringLiteral("en");
}

QString LanguageManager::nativeName(const QString& code)
{
    if (code == QLatin1String("ko"))
        return QString::fromUtf8("한국어");
    return QStringLiteral("English");
}

bool LanguageManager::setLanguage(const QString& code)
{
    if (!languages().contains(code))
        return false;
    auto translator = std::make_unique<QTranslator>();
    if (!translator->load(QStringLiteral(":/i18n/campdesk_%1.qm").arg(code)))
        return false;
    if (m_translator)
        QCoreApplication::removeTranslator(m_translator.get());
    m_translator = std::move(translator);
    // Installing sends QEvent::LanguageChange to every widget, which then retranslates itself.
    QCoreApplication::installTranslator(m_translator.get());
    const bool changed = code != m_language;
    m_language = code;
    QLocale::setDefault(locale());
    if (changed)
        emit languageChanged(code);
    return true;
}

QLocale LanguageManager::locale() const
{
    return m_language == QLatin1String("ko") ? QLocale(QLocale::Korean, QLocale::SouthKorea)
                                             : QLocale(QLocale::English, QLocale::UnitedKingdom);
}

QString LanguageManager::formatDate(const QDate& date) const
{
    return formatDate(date, m_language);
}

QString LanguageManager::formatDate(const QDate& date, const QString& language)
{
    if (language == QLatin1String("ko"))
        return QLocale(QLocale::Korean, QLocale::SouthKorea).toString(date, QStringLiteral("yyyy년 M월 d일"));
    return QLocale(QLocale::English, QLocale::UnitedKingdom).toString(date, QStringLiteral("d MMMM yyyy"));
}

QString LanguageManager::defaultLanguage()
{
    return QLocale().language() == QLocale::Korean ? QStringLiteral("ko") : QStringLiteral("en");
}

QString LanguageManager::formatShortDate(const QDate& date) const
{
    if (m_language == QLatin1String("ko"))
        return locale().toString(date, QStringLiteral("M월 d일 (ddd)"));
    return locale().toString(date, QStringLiteral("ddd d MMM"));
}

QString LanguageManager::formatMoney(qint64 won) const
{
    if (m_language == QLatin1String("ko"))
        return locale().toString(won) + QString::fromUtf8("원");
    return QString::fromUtf8("₩") + locale().toString(won);
}

QString LanguageManager::formatNumber(qint64 value) const
{
    return locale().toString(value);
}

} // namespace campdesk
