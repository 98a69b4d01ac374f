#pragma once

#include <QEvent>
#include <QWidget>

namespace campdesk::test {

// Counts the paint events a widget receives: with a timer asking for a repaint now and then, the count only grows
// while the GUI thread is free to paint.
class PaintCounter final : public QObject
{
public:
    explicit PaintCounter(QWidget* widget)
        : QObject(widget)
    {
        widget->installEventFilter(this);
    }
    int paints() const { return m_paints; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint)
            ++m_paints;
        return QObject::eventFilter(watched, event);
    }

private:
    int m_paints = 0;
};

} // namespace campdesk::test
