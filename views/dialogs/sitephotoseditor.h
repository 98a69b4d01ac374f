#pragma once

#include "core/actor.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace campdesk {

class SitePhotoService;

// A campsite's photos in the editor's Photos tab: add (a picture file, scaled down by the service), remove,
// reorder (the first is the kiosk card's) and caption. Each change is saved at once.
class SitePhotosEditor final : public QWidget
{
    Q_OBJECT
public:
    SitePhotosEditor(SitePhotoService& service, const Actor& actor, qint64 campsiteId, QWidget* parent = nullptr);

    QListWidget* list() const { return m_list; }

public slots:
    void addPhoto();
    void removeSelected();
    void moveSelected(int by);
    void applyCaption();

private:
    void reload(qint64 select = 0);
    void updateButtons();
    void showError(const QString& message);
    qint64 selectedId() const;

    SitePhotoService& m_service;
    Actor m_actor;
    qint64 m_campsiteId;
    QListWidget* m_list;
    QPushButton* m_add;
    QPushButton* m_remove;
    QPushButton* m_earlier;
    QPushButton* m_later;
    QLineEdit* m_caption;
    QLabel* m_note;
    QLabel* m_error;
};

} // namespace campdesk
