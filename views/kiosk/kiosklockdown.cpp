#include "kiosklockdown.h"

#include "core/logging.h"

#include <QApplication>
#include <QKeyEvent>
#include <QLoggingCategory>
#include <QMouseEvent>
#include <QScreen>
#include <QTouchEvent>
#include <QWidget>
#include <QWindow>

namespace campdesk {

namespace {
bool isEscapeKey(const QKeyEvent* key)
{
    const Qt::KeyboardModifiers mods = key->modifiers() & ~Qt::KeypadModifier;
    switch (key->key()) {
    case Qt::Key_Escape:
    case Qt::Key_Close:
    case Qt::Key_Exit:
    case Qt::Key_Cancel:
        return true;
    case Qt::Key_F4:
        return mods & (Qt::AltModifier | Qt::ControlModifier);
    case Qt::Key_Q:
    case Qt::Key_W:
        return mods & Qt::ControlModifier;
    case Qt::Key_Tab:
    case Qt::Key_Backtab:
        return mods & (Qt::AltModifier | Qt::MetaModifier);
    default:
        return false;
    }
}
} // namespace

KioskLockdown::KioskLockdown(QWidget* window, QObject* parent)
    : QObject(parent)
    , m_window(window)
{
    m_watch.setInterval(400);
    connect(&m_watch, &QTimer::timeout, this, &KioskLockdown::reclaim);
}

void KioskLockdown::showOnWholeScreen(QWidget* window)
{
    QScreen* screen = window->screen() ? window->screen() : QGuiApplication::primaryScreen();
    if (screen)
        window->setGeometry(screen->geometry());
    window->showFullScreen();
    window->raise();
    window->activateWindow();
}

void KioskLockdown::keepOnScreen()
{
    m_watch.start();
}

void KioskLockdown::reclaim()
{
    if (!m_active || !m_window)
        return;
    QWidget* window = m_window->window();
    const bool minimized = window->windowState() & Qt::WindowMinimized;
    const bool full = window->windowState() & Qt::WindowFullScreen;
    QScreen* screen = window->screen() ? window->screen() : QGuiApplication::primaryScreen();
    // Covers the screen (a window whose minimum size is larger than a small screen still starts at its corner).
    const bool covers = !screen
        || (window->geometry().topLeft() == screen->geometry().topLeft()
            && window->width() >= screen->geometry().width() && window->height() >= screen->geometry().height());
    const bool exposed = window->windowHandle() && window->windowHandle()->isExposed();
    // A popup of our own (none today) would be the active window legitimately; anything else on top is not.
    const bool active = QApplication::activeWindow() == window || QApplication::activePopupWidget()
        || !QGuiApplication::platformName().compare(QLatin1String("offscreen"));
    if (window->isVisible() && !minimized && full && covers && exposed && active)
        return;
    ++m_restores;
    qCWarning(lcKiosk) << "kiosk window lost the screen (minimised, hidden, covered or resized): taking it back";
    window->setWindowState((window->windowState() & ~Qt::WindowMinimized) | Qt::WindowFullScreen);
    showOnWholeScreen(window);
}

KioskLockdown::~KioskLockdown()
{
    deactivate();
}

void KioskLockdown::activate()
{
    if (!m_active)
        qApp->installEventFilter(this);
    m_active = true;
}

void KioskLockdown::deactivate()
{
    if (m_active && qApp)
        qApp->removeEventFilter(this);
    m_active = false;
    m_watch.stop();
}

bool KioskLockdown::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::KeyRelease:
    case QEvent::ShortcutOverride:
        if (isEscapeKey(static_cast<QKeyEvent*>(event))) {
            if (event->type() == QEvent::KeyPress)
                ++m_blockedKeys;
            event->accept();
            return true;
        }
        break;
    case QEvent::MouseButtonPress:
        // A press not accepted by a widget is sent again to its parent: count each press once.
        if (watched->isWidgetType() && m_window && m_window->isVisible()) {
            auto* mouse = static_cast<QMouseEvent*>(event);
            if (mouse == m_lastPress && mouse->timestamp() == m_lastPressTime)
                break;
            m_lastPress = mouse;
            m_lastPressTime = mouse->timestamp();
            const QPoint local = m_window->mapFromGlobal(mouse->globalPosition().toPoint());
            auto* widget = static_cast<QWidget*>(watched);
            if (widget->window() == m_window->window() && local.x() < cornerSize && local.y() < cornerSize
                && local.x() >= 0 && local.y() >= 0)
                cornerTap();
        }
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

void KioskLockdown::cornerTap()
{
    if (m_taps == 0 || !m_firstTap.isValid() || m_firstTap.elapsed() > tapWindowMs) {
        m_taps = 0;
        m_firstTap.start();
    }
    if (++m_taps >= tapsNeeded) {
        m_taps = 0;
        m_firstTap.invalidate();
        emit exitGesture();
    }
}

} // namespace campdesk
