#pragma once

#include "itemmodels/pagedquerymodel.h"

namespace campdesk {

// Customers with their points balance and number of bookings, for the Customers page.
class CustomerTableModel final : public PagedQueryModel
{
    Q_OBJECT
public:
    enum Column { Name, Phone, Email, Language, Points, Bookings, Created, ColumnCount };

    CustomerTableModel(Database& db, EventBus* bus, QObject* parent = nullptr);

    void setText(const QString& text); // name, phone or e-mail
};

} // namespace campdesk
