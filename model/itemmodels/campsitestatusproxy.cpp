#include "itemmodels/campsitestatusproxy.h"

namespace campdesk {

CampsiteStatusProxy::CampsiteStatusProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(CampsiteStatusModel::SortRole);
    setSortLocaleAware(true);
    setDynamicSortFilter(true);
}

void CampsiteStatusProxy::setText(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateFilter();
}

void CampsiteStatusProxy::setState(std::optional<CampsiteStatusModel::SiteState> state)
{
    if (state == m_state)
        return;
    m_state = state;
    invalidateFilter();
}

bool CampsiteStatusProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    Q_UNUSED(sourceParent)
    const auto* model = qobject_cast<const CampsiteStatusModel*>(sourceModel());
    if (!model)
        return true;
    const CampsiteStatusRow& r = model->row(sourceRow);
    if (m_state && CampsiteStatusModel::stateOf(r) != *m_state)
        return false;
    if (m_text.isEmpty())
        return true;
    for (const QString* field : { &r.code, &r.name, &r.zone, &r.currentGuest, &r.nextGuest }) {
        if (field->contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace campdesk
