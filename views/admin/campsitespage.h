#pragma once

#include "core/actor.h"
#include "domain/reservationchange.h"
#include "domain/siteblockservice.h"
#include "page.h"

#include <memory>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QToolBar;

namespace campdesk {

class CampsiteFilterProxy;
class CampsiteService;
class SitePhotoService;
class CampsiteTableModel;
class RetireSiteDialog;
class EventBus;

// The campsites table with a filter, and for managers New / Edit / Retire-or-delete.
// Front-desk users get the same table read-only (CampsiteService refuses their writes anyway).
class CampsitesPage final : public Page
{
    Q_OBJECT
public:
    CampsitesPage(CampsiteService& service, EventBus* bus, const Actor& actor, QWidget* parent = nullptr);

    void refresh() override;
    bool canExport() const override { return true; }
    bool exportCsv(QTextStream& out, QString* error) const override;
    QString exportFileName() const override;

    QTableView* view() const { return m_view; }
    CampsiteTableModel* model() const { return m_model; }
    CampsiteFilterProxy* proxy() const { return m_proxy; }
    // Selects the row of this campsite, if shown.
    void select(qint64 campsiteId);
    // Lists the selected site's coming blocks (date ranges closed) under the table.
    void setSiteBlocks(std::unique_ptr<SiteBlockService> blocks);
    // The editor then has a Photos tab (not owned; may be null).
    void setPhotoService(SitePhotoService* photos) { m_photos = photos; }
    // Retiring a site with coming bookings then offers to move them (RetireSiteDialog) instead of refusing.
    void setBookingChanges(std::unique_ptr<ReservationChangeService> changes);
    // The retire dialog open now, if any (tests).
    RetireSiteDialog* retireDialog() const { return m_retireDialog; }

signals:
    // "Move…" on one of a retiring site's bookings: the desk's change dialog.
    void moveRequested(qint64 reservationId);

public slots:
    void newCampsite();
    void editSelected();
    void removeSelected();
    // A booking changed elsewhere (the change dialog): the retire dialog's list follows.
    void bookingChanged(qint64 reservationId);

private:
    qint64 selectedId() const;
    void updateActions();
    void updateCount();
    void updateBlocks();

    CampsiteService& m_service;
    SitePhotoService* m_photos = nullptr;
    Actor m_actor;
    bool m_canEdit;
    CampsiteTableModel* m_model;
    CampsiteFilterProxy* m_proxy;
    QToolBar* m_toolBar;
    QAction* m_newAction = nullptr;
    QAction* m_editAction = nullptr;
    QAction* m_removeAction = nullptr;
    QLineEdit* m_filter;
    QComboBox* m_statusFilter;
    QTableView* m_view;
    QLabel* m_blocks = nullptr;
    std::unique_ptr<SiteBlockService> m_siteBlocks;
    std::unique_ptr<ReservationChangeService> m_changes;
    RetireSiteDialog* m_retireDialog = nullptr;
    QLabel* m_count;
};

} // namespace campdesk
