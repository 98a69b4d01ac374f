#include "paymentstatuslabel.h"

#include "core/eventbus.h"
#include "core/logging.h"

#include <QEvent>
#include <QLocale>

namespace campdesk {

PaymentStatusLabel::PaymentStatusLabel(EventBus* bus, QWidget* parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("paymentStatus"));
    setTextFormat(Qt::RichText);
    hide();
    m_hideTimer.setSingleShot(true);
    m_hideTimer.setInterval(5 * 60 * 1000);
    connect(&m_hideTimer, &QTimer::timeout, this, &QWidget::hide);
    if (bus)
        connect(bus, &EventBus::circuitBreakerStateChanged, this, &PaymentStatusLabel::applyEvent);
}

void PaymentStatusLabel::applyEvent(const DomainEvent& event)
{
    // "state" is what BreakerEventRecorder writes for readers (the health check reads it too).
    const QString name = event.payload.value(QLatin1String("state")).toString();
    State state = State::Unknown;
    if (name == QLatin1String("open"))
        state = State::Paused;
    else if (name == QLatin1String("half_open"))
        state = State::Testing;
    else if (name == QLatin1String("closed"))
        state = State::Available;
    if (state == State::Unknown) {
        qCWarning(lcUi).noquote() << "unknown circuit breaker state in event" << event.id << name;
        return;
    }
    m_state = state;
    m_since = event.occurredAt.isValid() ? event.occurredAt : QDateTime::currentDateTimeUtc();
    m_terminal = event.origin;
    m_openSeconds = event.payload.value(QLatin1String("openSeconds")).toInt();
    updateText();
    show();
    if (m_state == State::Available)
        m_hideTimer.start();
    else
        m_hideTimer.stop();
}

void PaymentStatusLabel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        updateText();
    QLabel::changeEvent(event);
}

void PaymentStatusLabel::updateText()
{
    QString colour;
    QString text;
    QString detail;
    const QString since = QLocale().toString(m_since.toLocalTime().time(), QLocale::ShortFormat);
    switch (m_state) {
    case State::Unknown:
        return;
    case State::Paused:
        colour = QStringLiteral("#c62828");
        text = tr("Card payments: paused (service busy)");
        detail = tr("Since %1 the card payment service has been busy or not answering, so card payments and refunds "
                    "are paused. Kiosk guests may come to the desk to pay.")
                     .arg(since);
        if (m_openSeconds > 0)
            detail += QLatin1Char(' ')
                + tr("Campdesk tries the service again by itself after %n second(s).", nullptr, m_openSeconds);
        break;
    case State::Testing:
        colour = QStringLiteral("#ef6c00");
        text = tr("Card payments: testing");
        detail = tr("Since %1 Campdesk has been trying the card payment service again with a few payments.").arg(since);
        break;
    case State::Available:
        colour = QStringLiteral("#2e7d32");
        text = tr("Card payments: available");
        detail = tr("The card payment service has been working again since %1.").arg(since);
        break;
    }
    if (!m_terminal.isEmpty())
        detail += QLatin1Char('\n') + tr("Reported by terminal %1.").arg(m_terminal);
    setText(QStringLiteral("<span style='color:%1'>●</span> %2").arg(colour, text.toHtmlEscaped()));
    setToolTip(detail);
}

} // namespace campdesk
