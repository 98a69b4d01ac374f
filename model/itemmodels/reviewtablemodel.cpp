#include "itemmodels/reviewtablemodel.h"

#include "core/validation.h"
#include "db/database.h"
#include "domain/bookingservice.h"

namespace campdesk {

ReviewTableModel::ReviewTableModel(Database& db, EventBus* bus, QObject* parent)
    : PagedQueryModel(db, parent)
{
    const QString visibility = QStringLiteral("CASE WHEN v.hidden <> 0 THEN 'hidden' ELSE 'visible' END");
    QList<QueryColumn> columns {
        // Sorted by id, which follows the time rows were written and has an index.
        { QStringLiteral("v.created_at"), tr("Written"), CellKind::DateTime, QStringLiteral("v.id") },
        { QStringLiteral("s.code || ' ' || s.name"), tr("Campsite"), CellKind::Text, QStringLiteral("s.code") },
        { QStringLiteral("c.name"), tr("Guest"), CellKind::Text, QStringLiteral("c.name") },
        { QStringLiteral("r.code"), tr("Booking code"), CellKind::Text, QStringLiteral("r.code") },
        { QStringLiteral("v.rating"), tr("Rating"), CellKind::Number, QStringLiteral("v.rating") },
        { QStringLiteral("v.body"), tr("Review"), CellKind::Text, QString() },
        // A filter ("Hidden only"), not a sort: no index orders a CASE (2-4 s at a million bookings).
        { visibility, tr("Shown"), CellKind::Status, QString(), QStringLiteral("review") },
    };
    if (db.driver() == SqlDriver::Sqlite) {
        // By campsite or guest: walk the sites' codes or the customers' names and each one's reviews (SQLite
        // without statistics sorted every review instead: 2-7 s at a million bookings).
        columns[Campsite].sortFromSql = QStringLiteral(
            "campsites s CROSS JOIN reviews v ON v.campsite_id = s.id JOIN customers c ON c.id = v.customer_id "
            "JOIN reservations r ON r.id = v.reservation_id");
        columns[Guest].sortFromSql = QStringLiteral(
            "customers c CROSS JOIN reviews v ON v.customer_id = c.id JOIN campsites s ON s.id = v.campsite_id "
            "JOIN reservations r ON r.id = v.reservation_id");
    }
    setQuery(QStringLiteral("v.id"),
             QStringLiteral("reviews v JOIN campsites s ON s.id = v.campsite_id JOIN customers c ON c.id = "
                            "v.customer_id JOIN reservations r ON r.id = v.reservation_id"),
             columns);
    setDefaultSort(Created, Qt::DescendingOrder);
    watch(bus, { QStringLiteral("review") });
    applyFilter();
}

QVariant ReviewTableModel::data(const QModelIndex& index, int role) const
{
    if (index.isValid() && index.column() == Rating && role == Qt::DisplayRole) {
        const int stars = std::clamp(rawValue(index.row(), Rating).toInt(), 0, 5);
        return QString(stars, QChar(0x2605)) + QString(5 - stars, QChar(0x2606));
    }
    return PagedQueryModel::data(index, role);
}

void ReviewTableModel::setText(const QString& text)
{
    m_text = text;
    applyFilter();
}

void ReviewTableModel::setHiddenOnly(bool hiddenOnly)
{
    m_hiddenOnly = hiddenOnly;
    applyFilter();
}

void ReviewTableModel::applyFilter()
{
    SqlFilter filter;
    filter.add(QStringLiteral("v.deleted_at IS NULL"));
    if (m_hiddenOnly)
        filter.add(QStringLiteral("v.hidden <> 0"));
    const QString needle = m_text.trimmed().toLower();
    if (!needle.isEmpty()) {
        // The review's own words are searched in its row; the guest (by name, phone or e-mail, as on the other
        // pages), the booking code and the campsite through their own indexes, matched by id. Searched in the joined
        // rows, a search that matched nothing looked up the guest and the booking of every review first (208,000
        // reviews: 1.1-2.5 s on PostgreSQL).
        SqlFilter guests;
        guests.addCustomerText(m_text);
        const QString code = BookingService::codeSearchPrefix(m_text);
        const QString contains = likeContains(needle);
        filter.add(QStringLiteral("(lower(v.body) LIKE ? ESCAPE '\\' OR v.customer_id IN (SELECT id FROM customers "
                                  "WHERE %1) OR v.reservation_id IN (SELECT id FROM reservations WHERE code >= ? AND "
                                  "code < ?) OR v.campsite_id IN (SELECT id FROM campsites WHERE lower(name) LIKE ? "
                                  "ESCAPE '\\' OR lower(code) LIKE ? ESCAPE '\\'))")
                       .arg(guests.conditions.join(QStringLiteral(" AND "))),
                   QVariantList { contains } + guests.binds + SqlFilter::startsWith(code)
                       + QVariantList { contains, contains });
    }
    setFilter(filter);
}

} // namespace campdesk
