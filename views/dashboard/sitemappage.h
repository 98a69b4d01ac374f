#pragma once

#include "core/actor.h"
#include "sitemapview.h"

#include <QHash>
#include <QPointF>
#include <QSet>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;

namespace campdesk {

class SiteMapModel;

// The campground map: today's state of every placed site, live, with a legend; a click on a site opens its
// bookings. A manager's "Edit map" mode chooses the picture, drags markers, places unplaced sites and takes sites
// off the map, saved together (or dropped, after asking).
class SiteMapPage final : public QWidget
{
    Q_OBJECT
public:
    // Owns `model`.
    SiteMapPage(SiteMapModel* model, const Actor& actor, QWidget* parent = nullptr);

    SiteMapView* view() const { return m_view; }
    SiteMapModel* model() const { return m_model; }
    bool editing() const { return m_editing; }
    bool hasUnsavedChanges() const;

public slots:
    void startEditing();
    // Saves the picture and the markers; false (and still editing) when the service refused.
    bool save();
    // Leaves edit mode, asking first when something changed; false when the user chose to stay.
    bool cancelEditing();
    void choosePicture();

signals:
    // A site's bookings were asked for.
    void bookingsRequested(qint64 campsiteId, const QString& campsiteCode);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void rebuild();
    void updatePicture();
    void onMarkerClicked(qint64 campsiteId);
    void onMarkerMoved(qint64 campsiteId, double x, double y);
    void onPictureClicked(double x, double y);
    void removeSelected();
    void showError(const QString& message);
    QWidget* makeLegend();

    SiteMapModel* m_model;
    Actor m_actor;
    bool m_editing = false;
    QByteArray m_pendingPicture; // chosen in edit mode, not saved yet
    QHash<qint64, QPointF> m_moved; // edit mode: placed or moved, not saved yet
    QSet<qint64> m_removed; // edit mode: taken off the map, not saved yet
    qint64 m_selected = 0; // edit mode: the marker last clicked

    QStackedWidget* m_stack;
    SiteMapView* m_view;
    QLabel* m_emptyText;
    QPushButton* m_addPicture;
    QLabel* m_summary;
    QPushButton* m_edit;
    QPushButton* m_choose;
    QPushButton* m_removeMarker;
    QPushButton* m_save;
    QPushButton* m_cancel;
    QWidget* m_editPanel;
    QLabel* m_unplacedHelp;
    QListWidget* m_unplaced;
    QLabel* m_error;
    QList<QLabel*> m_legendTexts;
};

} // namespace campdesk
