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
                 { QStringLiteral("c.email"), tr("E-mail"), CellKind::Text, QStringLiteral("c.email") },
                 { QStringLiteral("c.language"), tr("Language"), CellKind::Key, QStringLiteral("c.language"),
                   QStringLiteral("language") },
                 { pointsSql, tr("Points"), CellKind::Number, pointsSql },
                 { bookingsSql, tr("Bookings"), CellKind::Number, bookingsSql },
                 { QStringLiteral("c.created_at"), tr("Customer since"), CellKind::DateTime,
                   QStringLiteral("c.created_at") },
             });
    setDefaultSort(Name, Qt::AscendingOrder);
    watch(bus, {}); // points and bookings move with most events
    setFilter(SqlFilter());
}

void CustomerTableModel::setText(const QString& text)
{
    SqlFilter filter;
    filter.addText(text, { QStringLiteral("c.name"), QStringLiteral("c.email") }, QStringLiteral("c.phone"));
    setFilter(filter);
}

} // namespace campdesk
