#include "reservationtablemodel.h"

#include "customerservice.h"
#include "database.h"
#include "validation.h"

#include <QRegularExpression>

namespace campdesk {

ReservationTableModel::ReservationTableModel(Database& db, EventBus* bus, QObject* parent)
    : PagedQueryModel(db, parent)
{
    const QList<QueryColumn> columns {
        { QStringLiteral("r.code"), tr("Booking code"), CellKind::Text, QStringLiteral("r.code") },
        { QStringLiteral("s.code || ' ' || s.name"), tr("Campsite"), CellKind::Text, QStringLiteral("s.code") },
        { QStringLiteral("c.name"), tr("Guest"), CellKind::Text, QStringLiteral("c.name") },
        { QStringLiteral("c.phone"), tr("Phone"), CellKind::Text, QStringLiteral("c.phone") },
        { QStringLiteral("r.check_in"), tr("Check-in"), CellKind::Date, QStringLiteral("r.check_in") },
        { QStringLiteral("r.check_out"), tr("Check-out"), CellKind::Date, QStringLiteral("r.check_out") },
        { QStringLiteral("NULL"), tr("Nights"), CellKind::Number, QString() },
        { QStringLiteral("r.guests"), tr("Guests"), CellKind::Number, QStringLiteral("r.guests") },
        { QStringLiteral("r.status"), tr("Status"), CellKind::Status, QStringLiteral("r.status"),
          QStringLiteral("reservation") },
        { QStringLiteral("r.amount"), tr("Paid"), CellKind::Money, QStringLiteral("r.amount") },
        { QStringLiteral("r.points_used"), tr("Points used"), CellKind::Number, QStringLiteral("r.points_used") },
        { QStringLiteral("r.channel"), tr("Channel"), CellKind::Text, QStringLiteral("r.channel") },
        { QStringLiteral("r.created_at"), tr("Booked at"), CellKind::DateTime, QStringLiteral("r.created_at") },
    };
    setQuery(QStringLiteral("r.id"),
             QStringLiteral("reservations r JOIN campsites s ON s.id = r.campsite_id "
                            "JOIN customers c ON c.id = r.customer_id"),
             columns);
    setDefaultSort(Created, Qt::DescendingOrder);
    watch(bus,
          { QStringLiteral("reservation"), QStringLiteral("payment"), QStringLiteral("customer"),
            QStringLiteral("campsite") });
    applyFilter();
}

QVariant ReservationTableModel::data(const QModelIndex& index, int role) const
{
    // Nights are worked out here: date arithmetic is the one thing the two databases spell differently.
    if (index.isValid() && index.column() == Nights
        && (role == Qt::DisplayRole || role == RawRole || role == Qt::ToolTipRole)) {
        const int nights
            = int(dateFromSql(rawValue(index.row(), CheckIn)).daysTo(dateFromSql(rawValue(index.row(), CheckOut))));
        return role == RawRole ? QVariant(nights) : QVariant(QString::number(nights));
    }
    return PagedQueryModel::data(index, role);
}

void ReservationTableModel::setStatus(const QString& statusKey)
{
    m_status = statusKey;
    applyFilter();
}

void ReservationTableModel::setDateRange(const QDate& from, const QDate& to)
{
    m_from = from;
    m_to = to;
    applyFilter();
}

void ReservationTableModel::setText(const QString& text)
{
    m_text = text.trimmed();
    applyFilter();
}

void ReservationTableModel::setCampsite(qint64 campsiteId)
{
    m_campsiteId = campsiteId;
    applyFilter();
}

void ReservationTableModel::setCustomer(qint64 customerId)
{
    m_customerId = customerId;
    applyFilter();
}

void ReservationTableModel::applyFilter()
{
    QStringList conditions;
    QVariantList binds;
    if (m_status.isEmpty()) {
        conditions << QStringLiteral("r.status NOT IN ('held', 'expired')");
    } else {
        conditions << QStringLiteral("r.status = ?");
        binds << m_status;
    }
    if (m_from.isValid()) {
        conditions << QStringLiteral("r.check_out > ?");
        binds << sqlDate(m_from);
    }
    if (m_to.isValid()) {
        conditions << QStringLiteral("r.check_in <= ?");
        binds << sqlDate(m_to);
    }
    if (m_campsiteId > 0) {
        conditions << QStringLiteral("r.campsite_id = ?");
        binds << m_campsiteId;
    }
    if (m_customerId > 0) {
        conditions << QStringLiteral("r.customer_id = ?");
        binds << m_customerId;
    }
    if (!m_text.isEmpty()) {
        const QString like = likeContains(m_text.toLower());
        QString digits = m_text;
        digits.remove(QRegularExpression(QStringLiteral("[^0-9]")));
        QStringList any { QStringLiteral("lower(c.name) LIKE ? ESCAPE '\\'"),
                          QStringLiteral("lower(r.code) LIKE ? ESCAPE '\\'") };
        binds << like << like;
        if (digits.size() >= 3) {
            any << QStringLiteral("c.phone LIKE ?");
            binds << likeContains(digits);
        }
        conditions << QLatin1Char('(') + any.join(QStringLiteral(" OR ")) + QLatin1Char(')');
    }
    setFilter(conditions, binds);
}

} // namespace campdesk
