#pragma once

#include "core/actor.h"
#include "domain/campsite.h"
#include "domain/reservation.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTableWidget;

namespace campdesk {

class CampsiteService;
class ReservationChangeService;

// Retiring a site that still has coming bookings (issue 18 item 4): lists them with a "Move…" for each (the desk's
// change dialog, site field first) and one "Move all to free sites" (each to a free site of the same kind, each its
// own change, the ones that could not move reported); "Retire" once none is left. The moves are quick local
// transactions with no gateway call (a price a card payment cannot settle is refused, not charged), so they run on
// the GUI thread as the block dialog's writes do.
class RetireSiteDialog final : public QDialog
{
    Q_OBJECT
public:
    RetireSiteDialog(CampsiteService& campsites, ReservationChangeService& changes, const Campsite& site,
                     const Actor& actor, QWidget* parent = nullptr);

    int bookingCount() const { return int(m_bookings.size()); }
    bool retired() const { return m_retired; }
    QString report() const;

signals:
    void moveRequested(qint64 reservationId);

public slots:
    void reload();
    void moveAll();
    void retire();

private:
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
};

} // namespace campdesk
