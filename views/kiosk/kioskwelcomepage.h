#pragma once

#include "kioskpage.h"

namespace campdesk {

// The kiosk's first screen: language choice, "Book a site" and "My booking".
class KioskWelcomePage final : public KioskPage
{
    Q_OBJECT
public:
    explicit KioskWelcomePage(LanguageManager& language, QWidget* parent = nullptr);

signals:
    void bookRequested();
    void findRequested();
    void languageRequested(const QString& code);

protected:
    void retranslate() override;

private:
    QLabel* m_subtitle;
    QPushButton* m_book;
    QPushButton* m_find;
    QLabel* m_hint;
};

} // namespace campdesk
