#include "itemmodels/refreshgate.h"

namespace campdesk {

RefreshGate::RefreshGate(std::function<void()> refresh, QObject* parent)
    : QObject(parent)
    , m_refresh(std::move(refresh))
{
}

bool RefreshGate::admit()
{
    if (m_open)
        return true;
    m_stale = true;
    return false;
}

void RefreshGate::setOpen(bool open)
{
    m_open = open;
    if (m_open && m_stale) {
        m_stale = false;
        m_refresh();
    }
}

} // namespace campdesk
