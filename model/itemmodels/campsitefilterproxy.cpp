#include "itemmodels/campsitefilterproxy.h"

#include "itemmodels/campsitetablemodel.h"

namespace campdesk {

CampsiteFilterProxy::CampsiteFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(CampsiteTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(true);
    setDynamicSortFilter(true);
}

void CampsiteFilterProxy::setText(const QString& text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

void CampsiteFilterProxy::setStatus(const QString& statusKey)
{
    m_status = statusKey;
    invalidateFilter();
}

bool CampsiteFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_status.isEmpty() && index.data(CampsiteTableModel::StatusKeyRole).toString() != m_status)
        return false;
    if (m_text.isEmpty())
        return true;
    return index.data(CampsiteTableModel::FilterTextRole).toString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace campdesk
