#pragma once

#include "core/actor.h"
#include "db/database.h"
#include "domain/campsite.h"
#include "domain/reservation.h"

#include <QCoreApplication>

namespace campdesk {

// Registers, edits and removes campsites (manager only); lists them for everyone.
class CampsiteService
{
    Q_DECLARE_TR_FUNCTIONS(CampsiteService)

public:
    explicit CampsiteService(Database& db);

    // Checks a campsite's fields without touching the database: for dialogs that validate as the user types.
    static Status validate(const Campsite& campsite);

    Result<Campsite> registerCampsite(const Actor& actor, const Campsite& draft);
    // Saves changes; refused when someone else saved a newer version first (Conflict).
    Result<Campsite> modify(const Actor& actor, const Campsite& changed);

    enum class Removal { Deleted, Retired };
    // Deletes a campsite that never had a reservation or review; otherwise retires it, keeping its history.
    Result<Removal> remove(const Actor& actor, qint64 campsiteId);
    // The bookings that keep a site from being retired (held, confirmed or checked in, leaving after today), by
    // check-in: what the manager is offered to move first.
    Result<QList<Reservation>> upcomingReservations(qint64 campsiteId) const;

    Result<QList<Campsite>> list(bool includeRetired = true) const;
    // The highest price per night an editor may enter (CampgroundSettings).
    qint64 maxNightlyPrice() const;
    Result<Campsite> get(qint64 campsiteId) const;
    Result<Campsite> findByCode(const QString& code) const;

private:
    Database& m_db;
};

} // namespace campdesk
