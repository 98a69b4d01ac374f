#pragma once

#include "itemmodels/campsitestatusmodel.h"

#include <QSortFilterProxyModel>
#include <optional>

namespace campdesk {

// Sorts the all-campsites table by the real values (dates, numbers) and filters it by text and by today's state.
class CampsiteStatusProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit CampsiteStatusProxy(QObject* parent = nullptr);

    // Matches code, name, zone and the current and next guest, ignoring case.
    void setText(const QString& text);
    void setState(std::optional<CampsiteStatusModel::SiteState> state);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
    std::optional<CampsiteStatusModel::SiteState> m_state;
};

} // namespace campdesk
