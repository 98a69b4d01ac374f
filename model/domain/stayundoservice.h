#pragma once

#include "core/actor.h"
#include "db/database.h"
#include "domain/reservation.h"

#include <QCoreApplication>

namespace campdesk {

// Takes back the desk's last check-in or check-out of a booking, the same day (issue 18, item 6): a click on the
// wrong row is corrected without a manager. Guarded like every transition: only while the check-in (or check-out)
// is still the booking's last change (its version), and a check-out that freed nights (an early departure) is undone
// only while those nights are still free. Event, audit row and read model in the same transaction.
class StayUndoService
{
    Q_DECLARE_TR_FUNCTIONS(StayUndoService)

public:
    explicit StayUndoService(Database& db);

    // Whether the booking's last change is a check-in or check-out made today (what the desk offers to undo).
    Result<bool> canUndo(qint64 reservationId) const;
    Result<Reservation> undoCheckIn(const Actor& actor, qint64 reservationId); // checked_in -> confirmed
    Result<Reservation> undoCheckOut(const Actor& actor, qint64 reservationId); // checked_out -> checked_in

private:
    Result<Reservation> undo(const Actor& actor, qint64 reservationId, ReservationStatus from);

    Database& m_db;
};

} // namespace campdesk
