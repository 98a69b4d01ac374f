#include "kiosklockdown.h"

#include <QApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QTouchEvent>
#include <QWidget>

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
