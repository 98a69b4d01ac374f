#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QWidget;

namespace campdesk {

// Keeps a customer inside the kiosk: swallows the keys that close or leave a window (Escape, Alt+F4,
// Ctrl+Q, Ctrl+W, Alt+Tab) everywhere in the application, and watches for the manager's hidden exit
// gesture (five taps in the top-left corner within three seconds). Keeps the window on the whole screen.
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
    // Takes the screen back within a second whenever the window is minimised, hidden (unmapped), loses full screen
    // or is covered by another window: with or without a window manager. Stops with deactivate().
    void keepOnScreen();
    // Shows window full screen from its first frame: the screen's geometry set before showing, so a compositor or
    // an X server without a window manager never shows it at its own size first.
    static void showOnWholeScreen(QWidget* window);
    // How often the window had to be brought back; for tests and the log.
    int restores() const { return m_restores; }
    // How many keys were swallowed; for tests and the log.
    int blockedKeys() const { return m_blockedKeys; }

signals:
    void exitGesture();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void cornerTap();
    void reclaim();

    QPointer<QWidget> m_window;
    bool m_active = false;
    int m_taps = 0;
    QElapsedTimer m_firstTap;
    int m_blockedKeys = 0;
    int m_restores = 0;
    QTimer m_watch;
    const QEvent* m_lastPress = nullptr;
    quint64 m_lastPressTime = 0;
};

} // namespace campdesk
