#pragma once

#include "core/actor.h"
#include "domain/guestdetails.h"

#include <QCoreApplication>

namespace campdesk {

class Database;

// Reads and sets a reservation's guest details. Staff may change them on any booking; a kiosk only on the booking
// it is making (held, from a kiosk, hold not expired), and never the staff's notes.
class GuestDetailsService
{
    Q_DECLARE_TR_FUNCTIONS(GuestDetailsService)

public:
    explicit GuestDetailsService(Database& db);

    // Staff only (the notes are in it).
    Result<GuestDetails> get(const Actor& actor, qint64 reservationId) const;
    // One transaction: the reservation's columns and its plate rows, an audit row and one ReservationDetailsChanged
    // event. `details` comes from GuestDetails::fromInput (checked again here). A kiosk's notes must be empty; the
    // stored notes stay as they are.
    Result<GuestDetails> set(const Actor& actor, qint64 reservationId, const GuestDetails& details);
    // The same checks before there is a booking (the desk checks the details before taking the money), with the
    // campsite's length limit.
    Status check(qint64 campsiteId, const GuestDetails& details) const;

private:
    Database& m_db;
};

} // namespace campdesk
