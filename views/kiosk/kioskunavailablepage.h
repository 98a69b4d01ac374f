#pragma once

#include "kioskpage.h"

namespace campdesk {

// Shown while the database cannot be reached: the kiosk says so in plain words and keeps retrying by
// itself; it never shows a technical error or freezes.
class KioskUnavailablePage final : public KioskPage
{
    Q_OBJECT
public:
    explicit KioskUnavailablePage(LanguageManager& language, QWidget* parent = nullptr);

    void setSecondsToRetry(int seconds);

protected:
    void retranslate() override;

private:
    int m_seconds = 0;
    QLabel* m_message;
    QLabel* m_retry;
};

} // namespace campdesk
