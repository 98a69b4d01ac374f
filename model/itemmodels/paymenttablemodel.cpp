#include "itemmodels/paymenttablemodel.h"

#include "db/database.h"
#include "domain/bookingservice.h"

#include <QDateTime>

namespace campdesk {

PaymentTableModel::PaymentTableModel(Database& db, EventBus* bus, QObject* parent)
    : PagedQueryModel(db, parent)
{
    // By time through its index on PostgreSQL (migration 37), whose planner cannot know that ids follow the time
    // and walked them from the first payment ever for a recent week (0.7 s at a million). SQLite sorts by id, which
    // follows the time rows were written and is walked to a week in 0.12 s.
    const QString byTime = db.driver() == SqlDriver::Postgres ? QStringLiteral("p.created_at") : QStringLiteral("p.id");
    setQuery(QStringLiteral("p.id"),
             QStringLiteral("payments p JOIN reservations r ON r.id = p.reservation_id "
                            "JOIN customers c ON c.id = r.customer_id"),
             {
                 { QStringLiteral("p.created_at"), tr("Time"), CellKind::DateTime, byTime },
                 { QStringLiteral("p.order_id"), tr("Order"), CellKind::Text, QStringLiteral("p.order_id") },
                 { QStringLiteral("r.code"), tr("Booking code"), CellKind::Text, QStringLiteral("r.code") },
                 // Not sortable: a guest's payments are found through two joins, so the order of a million of them
                 // is a sort of every payment (13 s at 1M, bench_gui).
                 { QStringLiteral("c.name"), tr("Guest"), CellKind::Text, QString() },
                 { QStringLiteral("p.provider"), tr("Provider"), CellKind::Key, QString(), QStringLiteral("provider") },
                 { QStringLiteral("p.method"), tr("Method"), CellKind::Key, QString(), QStringLiteral("method") },
                 // Only columns an index gives in order sort (issue 17); status is a filter.
                 { QStringLiteral("p.amount"), tr("Amount"), CellKind::Money, QString() },
                 { QStringLiteral("p.refund_amount"), tr("Refunded"), CellKind::Money, QString() },
                 { QStringLiteral("p.status"), tr("Status"), CellKind::Status, QString(), QStringLiteral("payment") },
             });
    setDefaultSort(Created, Qt::DescendingOrder);
    watch(bus, { QStringLiteral("payment"), QStringLiteral("reservation") });
    applyFilter();
}

void PaymentTableModel::setStatus(const QString& statusKey)
{
    m_status = statusKey;
    applyFilter();
}

void PaymentTableModel::setDateRange(const QDate& from, const QDate& to)
{
    m_from = from;
    m_to = to;
    applyFilter();
}

void PaymentTableModel::setText(const QString& text)
{
    m_text = text;
    applyFilter();
}

void PaymentTableModel::applyFilter()
{
    SqlFilter filter;
    if (!m_status.isEmpty()) {
        // SQLite, without statistics, takes the status index for any status and sorts all it gives: for "approved",
        // nearly every payment, a sort of a million rows (2.7-3.9 s). Approved and cancelled payments are most of
        // the table, so for them the page's own order is walked and each row's status checked on the way ("+" keeps
        // the index out: 7 ms); pending and failed ones are few, and their index finds them at once.
        const bool common = m_status == QLatin1String("approved") || m_status == QLatin1String("cancelled");
        const bool walkTheOrder = common && database().driver() == SqlDriver::Sqlite;
        filter.add(walkTheOrder ? QStringLiteral("+p.status = ?") : QStringLiteral("p.status = ?"), { m_status });
    }
    if (m_from.isValid())
        filter.add(QStringLiteral("p.created_at >= ?"), { m_from.startOfDay().toMSecsSinceEpoch() });
    if (m_to.isValid())
        filter.add(QStringLiteral("p.created_at < ?"), { m_to.addDays(1).startOfDay().toMSecsSinceEpoch() });
    if (!m_text.trimmed().isEmpty()) {
        // The guest by an index of customers, or the start of the order id or booking code. A bare "CD-" gives no
        // start, which finds nothing rather than every payment.
        const QString code = BookingService::codeSearchPrefix(m_text);
        if (code.isEmpty() && database().driver() == SqlDriver::Postgres) {
            // Only guests can match: PostgreSQL, with its statistics, chooses between walking the page's order and
            // starting from the guests (a common name: 0.1-0.4 s where the UNION below took 1.1-2.3 s).
            filter.addCustomerText(m_text, QStringLiteral("c."));
        } else {
            // Each part of the UNION is found through an index of payments (its reservation, its order id): an OR of
            // a subquery and a range would make PostgreSQL read every payment. SQLite, without statistics, would
            // walk every payment in the page's order for a guest that is not there, so it starts from what matched.
            SqlFilter guests;
            guests.addCustomerText(m_text);
            filter.add(
                QStringLiteral("p.id IN (SELECT id FROM payments WHERE reservation_id IN (SELECT id FROM "
                               "reservations WHERE customer_id IN (SELECT id FROM customers WHERE %1) UNION SELECT id "
                               "FROM reservations WHERE code >= ? AND code < ?) UNION SELECT id FROM payments "
                               "WHERE order_id >= ? AND order_id < ?)")
                    .arg(guests.conditions.join(QStringLiteral(" AND "))),
                guests.binds + SqlFilter::startsWith(code) + SqlFilter::startsWith(code.toLower()));
        }
    }
    setFilter(filter);
}

} // namespace campdesk
