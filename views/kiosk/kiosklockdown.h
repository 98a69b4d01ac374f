#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

class QWidget;

namespace campdesk {

// Keeps a customer inside the kiosk: swallows the keys that close or leave a window (Escape, Alt+F4,
// Ctrl+Q, Ctrl+W, Alt+Tab) everywhere in the application, and watches for the manager's hidden exit
// gesture (five taps in the top-left corner within three seconds).
class KioskLockdown final : public QObject
{
    Q_OBJECT
public:
    static constexpr int cornerSize = 96; // px from the window's top-left corner
    static constexpr int tapsNeeded = 5;
    static constexpr int tapWindowMs = 3000;

    explicit KioskLockdown(QWidget* window, QObject* parent = nullptr);
    ~KioskLockdown() override;

    void activate();
    void deactivate();
    // How many keys were swallowed; for tests and the log.
    int blockedKeys() const { return m_blockedKeys; }

signals:
    void exitGesture();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void cornerTap();

    QPointer<QWidget> m_window;
    bool m_active = false;
    int m_taps = 0;
    QElapsedTimer m_firstTap;
    int m_blockedKeys = 0;
    const QEvent* m_lastPress = nullptr;
    quint64 m_lastPressTime = 0;
};

} // namespace campdesk
