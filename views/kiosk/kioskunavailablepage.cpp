#include "kioskunavailablepage.h"

#include <QBoxLayout>
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

void KioskUnavailablePage::setSecondsToRetry(int seconds)
{
    m_seconds = seconds;
    retranslate();
}

void KioskUnavailablePage::retranslate()
{
    title()->setText(tr("The kiosk is temporarily unavailable"));
    m_message->setText(tr("Sorry — we cannot take bookings here right now. Please go to the front desk, or try "
                          "again in a few minutes. Nothing you entered has been charged."));
    m_retry->setText(m_seconds > 0 ? tr("Trying again in %n second(s)…", nullptr, m_seconds) : tr("Trying again…"));
}

} // namespace campdesk
