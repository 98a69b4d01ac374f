#include "itemmodels/customertablemodel.h"

namespace campdesk {

namespace {
const QString pointsSql
    = QStringLiteral("(SELECT COALESCE(SUM(l.delta), 0) FROM mileage_ledger l WHERE l.customer_id = c.id)");
const QString bookingsSql = QStringLiteral("(SELECT count(*) FROM reservations r WHERE r.customer_id = c.id AND "
                                           "r.status NOT IN ('held', 'expired'))");
} // namespace

CustomerTableModel::CustomerTableModel(Database& db, EventBus* bus, QObject* parent)
    : PagedQueryModel(db, parent)
{
    setQuery(QStringLiteral("c.id"), QStringLiteral("customers c"),
             {
                 { QStringLiteral("c.name"), tr("Name"), CellKind::Text, QStringLiteral("c.name") },
                 { QStringLiteral("c.phone"), tr("Phone"), CellKind::Phone, QStringLiteral("c.phone") },
                 // Sorted only where an index gives the order (issue 17): points and bookings are sums over
                 // the ledger and the bookings, worked out for the rows shown.
                 { QStringLiteral("c.email"), tr("E-mail"), CellKind::Text, QString() },
                 { QStringLiteral("c.language"), tr("Language"), CellKind::Key, QString(), QStringLiteral("language") },
                 { pointsSql, tr("Points"), CellKind::Number, QString() },
                 { bookingsSql, tr("Bookings"), CellKind::Number, QString() },
                 // Ids grow with creation time.
                 { QStringLiteral("c.created_at"), tr("Customer since"), CellKind::DateTime, QStringLiteral("c.id") },
             });
    setDefaultSort(Name, Qt::AscendingOrder);
    watch(bus, {}); // points and bookings move with most events
    setFilter(SqlFilter());
}

void CustomerTableModel::setText(const QString& text)
{
    SqlFilter filter;
    filter.addCustomerText(text, QStringLiteral("c."));
    setFilter(filter);
}

} // namespace campdesk
