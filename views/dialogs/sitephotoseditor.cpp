#include "sitephotoseditor.h"

#include "domain/sitephotoservice.h"
#include "imagefilechooser.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPixmap>
#include <QPushButton>
#include <QVBoxLayout>

namespace campdesk {

SitePhotosEditor::SitePhotosEditor(SitePhotoService& service, const Actor& actor, qint64 campsiteId, QWidget* parent)
    : QWidget(parent)
    , m_service(service)
    , m_actor(actor)
    , m_campsiteId(campsiteId)
    , m_list(new QListWidget(this))
    , m_add(new QPushButton(tr("Add photo…"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_earlier(new QPushButton(tr("Move earlier"), this))
    , m_later(new QPushButton(tr("Move later"), this))
    , m_caption(new QLineEdit(this))
    , m_note(new QLabel(this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("sitePhotos"));
    // Saved as made: closing the dialog has nothing of this tab to lose (UnsavedChanges skips it).
    setProperty("savedAtOnce", true);
    m_list->setObjectName(QStringLiteral("photoList"));
    m_list->setViewMode(QListView::IconMode);
    m_list->setIconSize(QSize(120, 90));
    m_list->setMovement(QListView::Static);
    m_list->setWrapping(true);
    m_list->setMinimumHeight(150);
    m_list->setSpacing(6);
    m_add->setObjectName(QStringLiteral("addPhoto"));
    m_remove->setObjectName(QStringLiteral("removePhoto"));
    m_earlier->setObjectName(QStringLiteral("photoEarlier"));
    m_later->setObjectName(QStringLiteral("photoLater"));
    m_caption->setObjectName(QStringLiteral("photoCaption"));
    m_caption->setMaxLength(80);
    m_caption->setPlaceholderText(tr("e.g. View from the terrace"));
    m_note->setWordWrap(true);
    m_note->setText(tr("Up to %1 photos; the first is shown on the kiosk. Large photos are scaled down to %2 pixels. "
                       "Changes here are saved at once.")
                        .arg(SitePhotoService::maxPhotos)
                        .arg(SitePhotoService::maxEdge));
    m_error->setObjectName(QStringLiteral("photoError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();

    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : { m_add, m_remove, m_earlier, m_later })
        buttons->addWidget(b);
    buttons->addStretch();
    auto* caption = new QFormLayout;
    caption->addRow(tr("Ca&ption:"), m_caption);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    layout->addLayout(caption);
    layout->addWidget(m_error);

    connect(m_add, &QPushButton::clicked, this, &SitePhotosEditor::addPhoto);
    connect(m_remove, &QPushButton::clicked, this, &SitePhotosEditor::removeSelected);
    connect(m_earlier, &QPushButton::clicked, this, [this] { moveSelected(-1); });
    connect(m_later, &QPushButton::clicked, this, [this] { moveSelected(1); });
    connect(m_caption, &QLineEdit::editingFinished, this, &SitePhotosEditor::applyCaption);
    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        const QListWidgetItem* item = m_list->currentItem();
        m_caption->setText(item ? item->data(Qt::UserRole + 1).toString() : QString());
        updateButtons();
    });
    reload();
}

qint64 SitePhotosEditor::selectedId() const
{
    const QListWidgetItem* item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toLongLong() : 0;
}

void SitePhotosEditor::reload(qint64 select)
{
    Result<QList<SitePhoto>> photos = m_service.photos(m_campsiteId);
    if (!photos.ok()) {
        showError(photos.error().message);
        return;
    }
    const QSignalBlocker quiet(m_list);
    m_list->clear();
    for (const SitePhoto& photo : photos.value()) {
        QImage image = QImage::fromData(photo.bytes);
        QPixmap thumb
            = QPixmap::fromImage(image.scaled(m_list->iconSize(), Qt::KeepAspectRatio, Qt::SmoothTransformation));
        auto* item = new QListWidgetItem(
            QIcon(thumb), photo.caption.isEmpty() ? tr("Photo %1").arg(photo.position + 1) : photo.caption, m_list);
        item->setData(Qt::UserRole, photo.id);
        item->setData(Qt::UserRole + 1, photo.caption);
        if (photo.id == select)
            m_list->setCurrentItem(item);
    }
    const QListWidgetItem* item = m_list->currentItem();
    m_caption->setText(item ? item->data(Qt::UserRole + 1).toString() : QString());
    updateButtons();
}

void SitePhotosEditor::updateButtons()
{
    const int row = m_list->currentRow();
    const bool selected = row >= 0;
    m_add->setEnabled(m_list->count() < SitePhotoService::maxPhotos);
    m_remove->setEnabled(selected);
    m_earlier->setEnabled(selected && row > 0);
    m_later->setEnabled(selected && row < m_list->count() - 1);
    m_caption->setEnabled(selected);
}

void SitePhotosEditor::addPhoto()
{
    const QString path = ImageFileChooser::choose(this, tr("Choose a photo of the site"));
    if (path.isEmpty())
        return;
    Result<QByteArray> bytes = ImageFileChooser::read(path, SitePhotoService::maxUploadBytes);
    if (!bytes.ok()) {
        showError(bytes.error().message);
        return;
    }
    Result<SitePhoto> added = m_service.addPhoto(m_actor, m_campsiteId, bytes.value());
    if (!added.ok()) {
        showError(added.error().message);
        return;
    }
    m_error->hide();
    reload(added->id);
}

void SitePhotosEditor::removeSelected()
{
    const qint64 id = selectedId();
    if (id == 0)
        return;
    if (Status removed = m_service.removePhoto(m_actor, id); !removed.ok()) {
        showError(removed.error().message);
        return;
    }
    m_error->hide();
    reload();
}

void SitePhotosEditor::moveSelected(int by)
{
    const qint64 id = selectedId();
    if (id == 0)
        return;
    if (Status moved = m_service.movePhoto(m_actor, id, m_list->currentRow() + by); !moved.ok()) {
        showError(moved.error().message);
        return;
    }
    m_error->hide();
    reload(id);
}

void SitePhotosEditor::applyCaption()
{
    const qint64 id = selectedId();
    if (id == 0 || m_caption->text().trimmed() == m_list->currentItem()->data(Qt::UserRole + 1).toString())
        return;
    if (Status saved = m_service.setCaption(m_actor, id, m_caption->text()); !saved.ok()) {
        showError(saved.error().message);
        return;
    }
    m_error->hide();
    reload(id);
}

void SitePhotosEditor::showError(const QString& message)
{
    m_error->setText(message);
    m_error->show();
}

} // namespace campdesk
