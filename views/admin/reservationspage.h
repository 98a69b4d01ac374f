#pragma once

#include "tablepage.h"

namespace campdesk {

class ReservationTableModel;

// Every reservation, filtered by status, stay dates and guest/phone/code; opens the detail of a row (and, from its
// context menu, takes a balance still due) and starts a new desk booking (Ctrl+N).
class ReservationsPage final : public TablePage
{
    Q_OBJECT
public:
    // Takes ownership of model.
    ReservationsPage(ReservationTableModel* model, const Actor& actor, QWidget* parent = nullptr);

    ReservationTableModel* model() const { return m_model; }
    // Shows only this site's bookings (from the site map), with a button that shows all again; 0 = every site.
    void showCampsite(qint64 campsiteId, const QString& code = QString());

signals:
    void reservationRequested(qint64 reservationId);
    void balanceRequested(qint64 reservationId); // "Take the balance…" on a row that owes one
    void newBookingRequested();

private:
    void showContextMenu(const QPoint& pos);

    ReservationTableModel* m_model;
    QAction* m_campsiteFilter = nullptr;
};

} // namespace campdesk
