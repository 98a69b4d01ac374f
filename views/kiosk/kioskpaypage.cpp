#include "kioskpaypage.h"

#include "core/languagemanager.h"
#include "kioskspinner.h"

#include <QBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace campdesk {

KioskPayPage::KioskPayPage(LanguageManager& language, QWidget* parent)
    : KioskPage(language, parent)
    , m_spinner(new KioskSpinner(this))
{
    setObjectName(QStringLiteral("kioskPayPage"));
    m_spinner->setObjectName(QStringLiteral("kioskSpinner"));
    m_spinner->setFixedSize(160, 160);
    m_message = makeLabel(QStringLiteral("kioskPayMessage"), QStringLiteral("subtitle"));
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_simulatedBadge = makeLabel(QStringLiteral("kioskPaySimulated"));
    m_simulatedBadge->setObjectName(QStringLiteral("kioskSimulatedBadge"));
    title()->setAlignment(Qt::AlignCenter);
    content()->addStretch();
    content()->addWidget(m_spinner, 0, Qt::AlignHCenter);
    content()->addWidget(m_message);
    content()->addWidget(m_simulatedBadge, 0, Qt::AlignHCenter);
    content()->addStretch();

    m_startOver = makeButton(QStringLiteral("kioskPayStartOver"));
    m_retry = makeButton(QStringLiteral("kioskPayRetry"), QStringLiteral("primary"));
    navigation()->addWidget(m_startOver);
    navigation()->addStretch();
    navigation()->addWidget(m_retry);
    m_retryTimer.setInterval(1000);
    connect(&m_retryTimer, &QTimer::timeout, this, &KioskPayPage::tick);
    connect(m_retry, &QPushButton::clicked, this, &KioskPayPage::retry);
    connect(m_startOver, &QPushButton::clicked, this, &KioskPayPage::startOver);
    clear();
}

void KioskPayPage::showWaiting(qint64 amount, bool simulated)
{
    m_state = State::Waiting;
    m_amount = amount;
    m_simulated = simulated;
    m_retryTimer.stop();
    m_spinner->start();
    m_spinner->show();
    retranslate();
}

void KioskPayPage::showProblem(const QString& heading, const QString& message, bool canRetry, int retryAfterSeconds)
{
    m_state = State::Problem;
    m_heading = heading;
    m_spinner->stop();
    m_spinner->hide();
    m_message->setText(message);
    m_retry->setVisible(canRetry);
    m_retryLeft = canRetry ? retryAfterSeconds : 0;
    if (m_retryLeft > 0)
        m_retryTimer.start();
    retranslate();
}

bool KioskPayPage::isWaiting() const
{
    return m_state == State::Waiting;
}

void KioskPayPage::clear()
{
    m_state = State::Idle;
    m_retryTimer.stop();
    m_spinner->stop();
    m_message->clear();
    m_retry->hide();
    retranslate();
}

void KioskPayPage::tick()
{
    if (--m_retryLeft <= 0)
        m_retryTimer.stop();
    retranslate();
}

void KioskPayPage::retranslate()
{
    const bool waiting = m_state == State::Waiting;
    m_startOver->setVisible(!waiting);
    m_simulatedBadge->setVisible(waiting && m_simulated);
    m_simulatedBadge->setText(tr("SIMULATED card terminal — training mode, no money is taken"));
    m_startOver->setText(tr("Start over"));
    if (waiting) {
        m_retry->hide();
        title()->setText(tr("Paying %1").arg(m_language.formatMoney(m_amount)));
        m_message->setText(tr("Please insert or tap your card on the card terminal and follow its instructions.\n"
                              "Please wait — this can take a few seconds."));
    } else if (m_state == State::Problem) {
        title()->setText(m_heading);
        m_retry->setEnabled(m_retryLeft <= 0);
        m_retry->setText(m_retryLeft > 0 ? tr("Try again in %n s", nullptr, m_retryLeft) : tr("Try again"));
    } else {
        title()->clear();
    }
}

} // namespace campdesk
