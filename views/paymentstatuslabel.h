#pragma once

#include "core/domainevent.h"

#include <QDateTime>
#include <QLabel>
#include <QTimer>

namespace campdesk {

class EventBus;

// The status bar's word on card payments: hidden until the payment service's circuit breaker changes state on this
// terminal or another (CircuitBreakerStateChanged on the bus), then "paused", "testing" or "available"; "available"
// hides itself after a while, the other two stay until the next change.
class PaymentStatusLabel final : public QLabel
{
    Q_OBJECT
public:
    enum class State { Unknown, Paused, Testing, Available };
    Q_ENUM(State)

    explicit PaymentStatusLabel(EventBus* bus, QWidget* parent = nullptr);

    State state() const { return m_state; }
    // How long "available" stays before the label hides (default 5 min): long enough to be noticed by someone who
    // told a guest to wait, short enough not to clutter the bar for the rest of the day.
    void setAvailableShownMs(int ms) { m_hideTimer.setInterval(ms); }

    // Shows what one CircuitBreakerStateChanged event says (payload "state": open, half_open or closed).
    void applyEvent(const campdesk::DomainEvent& event);

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateText();

    State m_state = State::Unknown;
    QDateTime m_since; // when the breaker changed, UTC
    QString m_terminal; // which terminal's breaker said so
    int m_openSeconds = 0;
    QTimer m_hideTimer;
};

} // namespace campdesk
