#include "kioskidleoverlay.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace campdesk {

KioskIdleOverlay::KioskIdleOverlay(QWidget* window)
    : KioskOverlay(window)
    , m_question(new QLabel(panel()))
    , m_count(new QLabel(panel()))
    , m_explain(new QLabel(panel()))
    , m_stay(new QPushButton(panel()))
{
    setObjectName(QStringLiteral("kioskIdleOverlay"));
    m_question->setProperty("role", QStringLiteral("title"));
    m_question->setAlignment(Qt::AlignCenter);
    m_question->setWordWrap(true);
    m_count->setObjectName(QStringLiteral("kioskIdleCount"));
    m_count->setProperty("role", QStringLiteral("countdown"));
    m_count->setAlignment(Qt::AlignCenter);
    m_stay->setObjectName(QStringLiteral("kioskStillHere"));
    m_stay->setProperty("role", QStringLiteral("primary"));
    m_stay->setMinimumSize(360, 88);
    panelLayout()->addWidget(m_question);
    panelLayout()->addWidget(m_count);
    m_explain->setProperty("role", QStringLiteral("hint"));
    m_explain->setAlignment(Qt::AlignCenter);
    m_explain->setWordWrap(true);
    m_explain->setMaximumWidth(640);
    panelLayout()->addWidget(m_explain);
    panelLayout()->addWidget(m_stay, 0, Qt::AlignHCenter);
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &KioskIdleOverlay::tick);
    connect(m_stay, &QPushButton::clicked, this, [this] {
        stop();
        emit stillHere();
    });
}

void KioskIdleOverlay::start(int seconds)
{
    m_remaining = seconds;
    showOverlay();
    m_timer.start();
}

void KioskIdleOverlay::stop()
{
    m_timer.stop();
    hide();
}

void KioskIdleOverlay::tick()
{
    if (--m_remaining <= 0) {
        stop();
        emit expired();
        return;
    }
    retranslate();
}

void KioskIdleOverlay::retranslate()
{
    m_question->setText(tr("Are you still there?"));
    m_count->setText(QString::number(m_remaining));
    m_stay->setText(tr("Yes, I'm still here"));
    m_explain->setText(tr("Otherwise everything you entered is cleared and the kiosk starts over."));
}

} // namespace campdesk
