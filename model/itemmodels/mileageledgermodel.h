#pragma once

#include "itemmodels/pagedquerymodel.h"

namespace campdesk {

// One customer's points ledger, newest first, with the balance after each row.
class MileageLedgerModel final : public PagedQueryModel
{
    Q_OBJECT
public:
    enum Column { At, Reason, Booking, Delta, Balance, Note, ColumnCount };

    MileageLedgerModel(Database& db, EventBus* bus, QObject* parent = nullptr);

    void setCustomer(qint64 customerId);
    qint64 customerId() const { return m_customerId; }

private:
    qint64 m_customerId = 0;
};

} // namespace campdesk
