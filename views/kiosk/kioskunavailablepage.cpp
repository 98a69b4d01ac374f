#include "kioskunavailablepage.h"

#include "kiosklockdown.h"
#include "kioskwindow.h"

#include <QBoxLayout>
#include <QCloseEvent>
#include <QLabel>

namespace campdesk {

KioskUnavailablePage::KioskUnavailablePage(LanguageManager& language, QWidget* parent)
    : KioskPage(language, parent)
{
    setObjectName(QStringLiteral("kioskUnavailablePage"));
    title()->setAlignment(Qt::AlignCenter);
    m_message = makeLabel(QStringLiteral("kioskUnavailableMessage"), QStringLiteral("subtitle"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_retry = makeLabel(QStringLiteral("kioskUnavailableRetry"), QStringLiteral("hint"));
    m_retry->setAlignment(Qt::AlignCenter);
    content()->addStretch();
    content()->addWidget(m_message);
    content()->addWidget(m_retry);
    content()->addStretch();
    retranslate();
}

KioskUnavailablePage::~KioskUnavailablePage() = default;

void KioskUnavailablePage::setSecondsToRetry(int seconds)
{
    m_seconds = seconds;
    retranslate();
}

void KioskUnavailablePage::setReason(Reason reason)
{
    m_reason = reason;
    retranslate();
}

void KioskUnavailablePage::enterKioskMode()
{
    setObjectName(QStringLiteral("kioskWindow")); // the style sheet's background
    setAttribute(Qt::WA_StyledBackground);
    setStyleSheet(KioskWindow::styleSheet());
    setWindowFlags(Qt::Window | Qt::FramelessWindowHint | Qt::WindowStaysOnTopHint);
    if (!m_lockdown) {
        m_lockdown = new KioskLockdown(this, this);
        m_lockdown->activate();
        m_lockdown->keepOnScreen();
    }
    KioskLockdown::showOnWholeScreen(this);
}

void KioskUnavailablePage::closeEvent(QCloseEvent* event)
{
    // A start-up screen left by Alt+F4 would uncover whatever is behind it; it goes only when the kiosk starts.
    if (m_lockdown && isWindow() && !property("closing").toBool()) {
        event->ignore();
        return;
    }
    KioskPage::closeEvent(event);
}

void KioskUnavailablePage::retranslate()
{
    switch (m_reason) {
    case Reason::Unreachable:
        title()->setText(tr("The kiosk is temporarily unavailable"));
        m_message->setText(tr("Sorry — we cannot take bookings here right now. Please go to the front desk, or try "
                              "again in a few minutes. Nothing you entered has been charged."));
        break;
    case Reason::NotConfigured:
        title()->setText(tr("This kiosk is not set up yet"));
        m_message->setText(tr("Sorry — bookings are not taken here yet. Please go to the front desk."));
        break;
    case Reason::BeingUpdated:
        title()->setText(tr("The kiosk is being updated"));
        m_message->setText(tr("Sorry — we cannot take bookings here for a few minutes while the system is being "
                              "updated. Please go to the front desk, or come back shortly."));
        break;
    }
    m_retry->setText(m_seconds > 0 ? tr("Trying again in %n second(s)…", nullptr, m_seconds) : tr("Trying again…"));
}

} // namespace campdesk
