#pragma once

#include "tablepage.h"

namespace campdesk {

class ReservationTableModel;

// Every reservation, filtered by status, stay dates and guest/phone/code; opens the detail of a row and
// starts a new desk booking (Ctrl+N).
class ReservationsPage final : public TablePage
{
    Q_OBJECT
public:
    // Takes ownership of model.
    ReservationsPage(ReservationTableModel* model, const Actor& actor, QWidget* parent = nullptr);

    ReservationTableModel* model() const { return m_model; }

signals:
    void reservationRequested(qint64 reservationId);
    void newBookingRequested();

private:
    ReservationTableModel* m_model;
};

} // namespace campdesk
