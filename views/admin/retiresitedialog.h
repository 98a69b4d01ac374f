#pragma once

#include "core/actor.h"
#include "domain/campsite.h"
#include "domain/reservation.h"
#include "domain/reservationchange.h"

#include <QDialog>
#include <memory>
#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace campdesk {

class CampsiteService;
class ReservationChangeService;
class ServiceFlow;
struct ServiceOutcome;

// Retiring a site that still has coming bookings (issue 18 item 4): lists them with a "Move…" for each (the desk's
// change dialog, site field first) and one "Move all to free sites" (each to a free site of the same kind, each its
// own change, the ones that could not move reported); "Retire" once none is left. "Move all" runs the model's
// ReservationChangeService::moveAllOff on a worker (ServiceFlow): one change transaction per booking adds up on a
// busy site or a shared PostgreSQL server, and the window keeps painting with a busy bar meanwhile.
class RetireSiteDialog final : public QDialog
{
    Q_OBJECT
public:
    RetireSiteDialog(CampsiteService& campsites, ReservationChangeService& changes, const Campsite& site,
                     const Actor& actor, QWidget* parent = nullptr);

    int bookingCount() const { return int(m_bookings.size()); }
    bool retired() const { return m_retired; }
    QString report() const;
    bool isBusy() const;

signals:
    void moveRequested(qint64 reservationId);

public slots:
    void reload();
    void moveAll();
    void retire();
    void reject() override;

private:
    void movedAll(const ServiceOutcome& outcome);

    CampsiteService& m_campsites;
    ReservationChangeService& m_changes;
    Campsite m_site;
    Actor m_actor;
    QList<Reservation> m_bookings;
    bool m_retired = false;
    QLabel* m_intro;
    QTableWidget* m_table;
    QLabel* m_report;
    QPushButton* m_moveAll;
    QPushButton* m_retire;
    QProgressBar* m_busy;
    ServiceFlow* m_flow;
    // Filled on the worker, read when the flow reports back (after the worker is done).
    std::shared_ptr<std::optional<Result<MoveOffResult>>> m_moveResult;
};

} // namespace campdesk
