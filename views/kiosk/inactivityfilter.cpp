#include "inactivityfilter.h"

#include <QCoreApplication>
#include <QEvent>

namespace campdesk {

InactivityFilter::InactivityFilter(QObject* parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(60000);
    connect(&m_timer, &QTimer::timeout, this, &InactivityFilter::inactive);
}

InactivityFilter::~InactivityFilter()
{
    deactivate();
}

void InactivityFilter::setTimeoutMs(int ms)
{
    m_timer.setInterval(ms);
    if (m_active)
        m_timer.start();
}

void InactivityFilter::activate()
{
    if (!m_active)
        qApp->installEventFilter(this);
    m_active = true;
    m_timer.start();
}

void InactivityFilter::deactivate()
{
    if (m_active && qApp)
        qApp->removeEventFilter(this);
    m_active = false;
    m_timer.stop();
}

void InactivityFilter::restart()
{
    if (m_active)
        m_timer.start();
}

bool InactivityFilter::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::Wheel:
        // The same input reaches several objects (window, then widget); one restart per event is plenty.
        if (watched->isWidgetType() || watched->isWindowType()) {
            m_timer.start();
            emit activity();
        }
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace campdesk
