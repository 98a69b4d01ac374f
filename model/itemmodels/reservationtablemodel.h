#pragma once

#include "itemmodels/pagedquerymodel.h"

#include <QDate>

namespace campdesk {

// Every reservation (holds and expired holds are attempts, never shown) for the Reservations page:
// filtered and sorted by the database, loaded as the view scrolls, refreshed in place from the EventBus.
class ReservationTableModel final : public PagedQueryModel
{
    Q_OBJECT
public:
    enum Column {
        Code,
        Campsite,
        Guest,
        Phone,
        CheckIn,
        CheckOut,
        Nights,
        Guests,
        Status,
        Amount,
        PointsUsed,
        Channel,
        Created,
        Extras, // the extras lines, "장작 ×2, 전기 ×4"
        BalanceDue, // after a deposit; not sortable (no index hands it over in order)
        ColumnCount
    };

    ReservationTableModel(Database& db, EventBus* bus, QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

    // A status key ("confirmed", "cancelled", ...) or empty for every status.
    void setStatus(const QString& statusKey);
    // Stays that overlap [from, to]; an invalid date leaves that end open.
    void setDateRange(const QDate& from, const QDate& to);
    // Matches the guest's name or phone (anywhere, in any format), the start of the booking code, or a vehicle plate
    // (its start, or its last four digits; spaces and dashes ignored).
    void setText(const QString& text);
    void setCampsite(qint64 campsiteId); // 0 = every campsite
    void setCustomer(qint64 customerId); // 0 = every customer

private:
    void applyFilter();

    QString m_status;
    QDate m_from;
    QDate m_to;
    QString m_text;
    qint64 m_campsiteId = 0;
    qint64 m_customerId = 0;
};

} // namespace campdesk
