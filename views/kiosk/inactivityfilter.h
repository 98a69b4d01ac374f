#pragma once

#include <QObject>
#include <QTimer>

namespace campdesk {

// An application-wide event filter that notices when nobody has touched the screen or typed for a while
// (after KeePassXC's InactivityTimer). Every key, mouse, touch or wheel event restarts the timer.
class InactivityFilter final : public QObject
{
    Q_OBJECT
public:
    explicit InactivityFilter(QObject* parent = nullptr);
    ~InactivityFilter() override;

    void setTimeoutMs(int ms);
    int timeoutMs() const { return m_timer.interval(); }
    // Installs the filter on the application and starts counting.
    void activate();
    void deactivate();
    bool isActive() const { return m_active; }
    // Counts from now again, as if the user had just touched the screen.
    void restart();

signals:
    void inactive();
    void activity();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QTimer m_timer;
    bool m_active = false;
};

} // namespace campdesk
