#pragma once

#include "itemmodels/pagedquerymodel.h"

namespace campdesk {

// Reviews (not deleted ones) with their campsite, guest and booking, for the Reviews page.
class ReviewTableModel final : public PagedQueryModel
{
    Q_OBJECT
public:
    enum Column { Created, Campsite, Guest, Booking, Rating, Text, Visibility, ColumnCount };

    ReviewTableModel(Database& db, EventBus* bus, QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    void setText(const QString& text); // review text, guest, campsite or booking code
    void setHiddenOnly(bool hiddenOnly);

private:
    void applyFilter();
    QString m_text;
    bool m_hiddenOnly = false;
};

} // namespace campdesk
