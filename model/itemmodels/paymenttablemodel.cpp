#include "itemmodels/paymenttablemodel.h"

#include "db/database.h"

#include <QDateTime>

namespace campdesk {

PaymentTableModel::PaymentTableModel(Database& db, EventBus* bus, QObject* parent)
    : PagedQueryModel(db, parent)
{
    setQuery(
        QStringLiteral("p.id"),
        QStringLiteral("payments p JOIN reservations r ON r.id = p.reservation_id "
                       "JOIN customers c ON c.id = r.customer_id"),
        {
            // Sorted by id, which follows the time rows were written and has an index (1,000,000 rows).
            { QStringLiteral("p.created_at"), tr("Time"), CellKind::DateTime, QStringLiteral("p.id") },
            { QStringLiteral("p.order_id"), tr("Order"), CellKind::Text, QStringLiteral("p.order_id") },
            { QStringLiteral("r.code"), tr("Booking code"), CellKind::Text, QStringLiteral("r.code") },
            { QStringLiteral("c.name"), tr("Guest"), CellKind::Text, QStringLiteral("c.name") },
            { QStringLiteral("p.provider"), tr("Provider"), CellKind::Key, QStringLiteral("p.provider"),
              QStringLiteral("provider") },
            { QStringLiteral("p.method"), tr("Method"), CellKind::Key, QStringLiteral("p.method"),
              QStringLiteral("method") },
            { QStringLiteral("p.amount"), tr("Amount"), CellKind::Money, QStringLiteral("p.amount") },
            { QStringLiteral("p.refund_amount"), tr("Refunded"), CellKind::Money, QStringLiteral("p.refund_amount") },
            { QStringLiteral("p.status"), tr("Status"), CellKind::Status, QStringLiteral("p.status"),
              QStringLiteral("payment") },
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
    if (!m_status.isEmpty())
        filter.add(QStringLiteral("p.status = ?"), { m_status });
    if (m_from.isValid())
        filter.add(QStringLiteral("p.created_at >= ?"), { m_from.startOfDay().toMSecsSinceEpoch() });
    if (m_to.isValid())
        filter.add(QStringLiteral("p.created_at < ?"), { m_to.addDays(1).startOfDay().toMSecsSinceEpoch() });
    filter.addText(m_text, { QStringLiteral("p.order_id"), QStringLiteral("r.code"), QStringLiteral("c.name") },
                   QStringLiteral("c.phone"));
    setFilter(filter);
}

} // namespace campdesk
