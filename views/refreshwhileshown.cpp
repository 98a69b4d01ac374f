#include "refreshwhileshown.h"

#include "itemmodels/refreshgate.h"

#include <QEvent>
#include <QPointer>
#include <QWidget>

namespace campdesk {

namespace {

class ShownFilter final : public QObject
{
public:
    ShownFilter(QWidget* page, RefreshGate* gate)
        : QObject(page)
        , m_gate(gate)
    {
        page->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        Q_UNUSED(watched);
        if (m_gate && (event->type() == QEvent::Show || event->type() == QEvent::Hide))
            m_gate->setOpen(event->type() == QEvent::Show);
        return false;
    }

private:
    QPointer<RefreshGate> m_gate;
};

} // namespace

void refreshWhileShown(QWidget* page, RefreshGate* gate)
{
    if (!page || !gate)
        return;
    new ShownFilter(page, gate);
    gate->setOpen(page->isVisible());
}

} // namespace campdesk
