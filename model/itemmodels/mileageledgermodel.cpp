#include "itemmodels/mileageledgermodel.h"

namespace campdesk {

MileageLedgerModel::MileageLedgerModel(Database& db, EventBus* bus, QObject* parent)
    : PagedQueryModel(db, parent)
{
    // The running balance is a window over the customer's whole ledger, computed before paging cuts it.
    setQuery(QStringLiteral("m.id"),
             QStringLiteral("(SELECT l.id, l.customer_id, l.delta, l.reason, l.source_id, l.note, l.created_at, "
                            "SUM(l.delta) OVER (PARTITION BY l.customer_id ORDER BY l.id) AS balance "
                            "FROM mileage_ledger l) m LEFT JOIN reservations r "
                            "ON r.id = CASE WHEN m.reason <> 'adjust' THEN CAST(m.source_id AS BIGINT) END"),
             {
                 { QStringLiteral("m.created_at"), tr("Time"), CellKind::DateTime, QString() },
                 { QStringLiteral("m.reason"), tr("Reason"), CellKind::Key, QString(), QStringLiteral("mileage") },
                 { QStringLiteral("r.code"), tr("Booking code"), CellKind::Text, QString() },
                 { QStringLiteral("m.delta"), tr("Points"), CellKind::Number, QString() },
                 { QStringLiteral("m.balance"), tr("Balance"), CellKind::Number, QString() },
                 { QStringLiteral("m.note"), tr("Note"), CellKind::Text, QString() },
             });
    watch(bus, {}); // points move with bookings, cancellations, reviews and adjustments
    setCustomer(0);
}

void MileageLedgerModel::setCustomer(qint64 customerId)
{
    m_customerId = customerId;
    SqlFilter filter;
    filter.add(QStringLiteral("m.customer_id = ?"), { customerId });
    setFilter(filter);
}

} // namespace campdesk
