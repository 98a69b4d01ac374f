#pragma once

#include "kioskpage.h"

namespace campdesk {

class KioskLockdown;

// Shown while the kiosk cannot take bookings: the database cannot be reached, this kiosk is not set up (no database
// where the settings say, no payment service), or the database is being updated. It says so in plain words and
// keeps retrying by itself; it never shows a technical error or freezes. At start-up it is its own window, with the
// same lockdown and style as the kiosk.
class KioskUnavailablePage final : public KioskPage
{
    Q_OBJECT
public:
    enum class Reason {
        Unreachable,
        NotConfigured,
        BeingUpdated,
    };

    explicit KioskUnavailablePage(LanguageManager& language, QWidget* parent = nullptr);
    ~KioskUnavailablePage() override;

    void setSecondsToRetry(int seconds);
    void setReason(Reason reason);
    Reason reason() const { return m_reason; }
    // As a window of its own: the kiosk's style sheet, frameless, on top, full screen and locked down.
    void enterKioskMode();

protected:
    void retranslate() override;
    void closeEvent(QCloseEvent* event) override;

private:
    Reason m_reason = Reason::Unreachable;
    int m_seconds = 0;
    QLabel* m_message;
    QLabel* m_retry;
    KioskLockdown* m_lockdown = nullptr;
};

} // namespace campdesk
