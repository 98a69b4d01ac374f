#pragma once

#include "itemmodels/pagedquerymodel.h"

#include <QDate>

namespace campdesk {

// Every payment attempt with its booking and guest, for the Payments page; lazy and refreshed in place.
class PaymentTableModel final : public PagedQueryModel
{
    Q_OBJECT
public:
    enum Column { Created, OrderId, Booking, Guest, Provider, Method, Amount, Refund, Status, ColumnCount };

    PaymentTableModel(Database& db, EventBus* bus, QObject* parent = nullptr);

    void setStatus(const QString& statusKey); // "pending", "approved", "cancelled", "failed"; empty = all
    void setDateRange(const QDate& from, const QDate& to); // by the day the payment was made (local days)
    void setText(const QString& text); // order id, booking code, guest name or phone

private:
    void applyFilter();

    QString m_status;
    QDate m_from;
    QDate m_to;
    QString m_text;
};

} // namespace campdesk
