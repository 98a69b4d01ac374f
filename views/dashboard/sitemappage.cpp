#include "sitemappage.h"

#include "dialogs/unsavedchanges.h"
#include "imagefilechooser.h"
#include "itemmodels/sitemapmodel.h"
#include "messagebox.h"
#include "refreshwhileshown.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace campdesk {

namespace {
constexpr SiteMapState legendStates[] = { SiteMapState::Free, SiteMapState::Arriving, SiteMapState::Occupied,
                                          SiteMapState::Departing, SiteMapState::Blocked };

QPixmap legendSwatch(SiteMapState state, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    SiteMapView::drawMarker(painter, QPointF(size / 2.0, size / 2.0), size / 2.0 - 2, state, true);
    return pixmap;
}

// The file the page reads at most; the service says what a map may be (5 MB).
constexpr qint64 readLimit = 64 * 1024 * 1024;
} // namespace

SiteMapPage::SiteMapPage(SiteMapModel* model, const Actor& actor, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_actor(actor)
    , m_stack(new QStackedWidget(this))
    , m_view(new SiteMapView(this))
    , m_emptyText(new QLabel(this))
    , m_addPicture(new QPushButton(this))
    , m_summary(new QLabel(this))
    , m_edit(new QPushButton(this))
    , m_choose(new QPushButton(this))
    , m_removeMarker(new QPushButton(this))
    , m_save(new QPushButton(this))
    , m_cancel(new QPushButton(this))
    , m_editPanel(new QWidget(this))
    , m_unplacedHelp(new QLabel(this))
    , m_unplaced(new QListWidget(this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("siteMapPage"));
    m_model->setParent(this);
    refreshWhileShown(this, m_model->refreshGate());
    const bool manager = actor.role == Role::Manager;

    m_edit->setObjectName(QStringLiteral("editMap"));
    m_edit->setVisible(manager);
    m_choose->setObjectName(QStringLiteral("choosePicture"));
    m_removeMarker->setObjectName(QStringLiteral("removeMarker"));
    m_save->setObjectName(QStringLiteral("saveMap"));
    m_cancel->setObjectName(QStringLiteral("cancelMap"));
    m_addPicture->setObjectName(QStringLiteral("addPicture"));
    m_addPicture->setVisible(manager);
    m_summary->setObjectName(QStringLiteral("mapSummary"));
    m_emptyText->setObjectName(QStringLiteral("mapEmpty"));
    m_emptyText->setAlignment(Qt::AlignCenter);
    m_emptyText->setWordWrap(true);
    m_unplaced->setObjectName(QStringLiteral("unplacedSites"));
    m_unplacedHelp->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("mapError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();

    auto* top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_choose);
    top->addWidget(m_removeMarker);
    top->addWidget(m_save);
    top->addWidget(m_cancel);
    top->addWidget(m_edit);

    auto* empty = new QWidget(this);
    auto* emptyLayout = new QVBoxLayout(empty);
    emptyLayout->addStretch();
    emptyLayout->addWidget(m_emptyText);
    emptyLayout->addWidget(m_addPicture, 0, Qt::AlignHCenter);
    emptyLayout->addStretch();
    m_stack->addWidget(empty);
    m_stack->addWidget(m_view);

    auto* panelLayout = new QVBoxLayout(m_editPanel);
    panelLayout->setContentsMargins(0, 0, 0, 0);
    panelLayout->addWidget(m_unplacedHelp);
    panelLayout->addWidget(m_unplaced, 1);
    m_editPanel->setMaximumWidth(220);

    auto* middle = new QHBoxLayout;
    middle->addWidget(m_stack, 1);
    middle->addWidget(m_editPanel);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_error);
    layout->addLayout(middle, 1);
    layout->addWidget(makeLegend());

    connect(m_edit, &QPushButton::clicked, this, &SiteMapPage::startEditing);
    connect(m_addPicture, &QPushButton::clicked, this, [this] {
        startEditing();
        choosePicture();
    });
    connect(m_choose, &QPushButton::clicked, this, &SiteMapPage::choosePicture);
    connect(m_save, &QPushButton::clicked, this, &SiteMapPage::save);
    connect(m_cancel, &QPushButton::clicked, this, &SiteMapPage::cancelEditing);
    connect(m_removeMarker, &QPushButton::clicked, this, &SiteMapPage::removeSelected);
    connect(m_view, &SiteMapView::markerClicked, this, &SiteMapPage::onMarkerClicked);
    connect(m_view, &SiteMapView::markerMoved, this, &SiteMapPage::onMarkerMoved);
    connect(m_view, &SiteMapView::pictureClicked, this, &SiteMapPage::onPictureClicked);
    // One redraw per refresh, however many rows it changed.
    connect(m_model, &SiteMapModel::refreshed, this, &SiteMapPage::rebuild);
    connect(m_model, &SiteMapModel::pictureChanged, this, &SiteMapPage::updatePicture);

    retranslate();
    updatePicture();
}

QWidget* SiteMapPage::makeLegend()
{
    auto* legend = new QWidget(this);
    legend->setObjectName(QStringLiteral("mapLegend"));
    auto* row = new QHBoxLayout(legend);
    row->setContentsMargins(0, 0, 0, 0);
    for (SiteMapState state : legendStates) {
        auto* swatch = new QLabel(legend);
        swatch->setPixmap(legendSwatch(state, 18));
        auto* text = new QLabel(legend);
        text->setObjectName(QStringLiteral("legend_") + siteMapStateKey(state));
        m_legendTexts << text;
        row->addWidget(swatch);
        row->addWidget(text);
        row->addSpacing(12);
    }
    row->addStretch();
    return legend;
}

void SiteMapPage::retranslate()
{
    m_edit->setText(tr("Edit map"));
    m_choose->setText(tr("Choose picture…"));
    m_removeMarker->setText(tr("Take off the map"));
    m_save->setText(tr("Save"));
    m_cancel->setText(tr("Cancel"));
    m_addPicture->setText(tr("Add a map picture…"));
    m_emptyText->setText(m_actor.role == Role::Manager
                             ? tr("No site map yet. Choose a picture of the campground (a drawing, a plan or an aerial "
                                  "photo) and place the sites on it.")
                             : tr("No site map yet. A manager can add a picture of the campground."));
    m_unplacedHelp->setText(tr("Drag a marker to move it. Sites not on the map yet are listed here: pick one, then "
                               "click the map where it is."));
    for (int i = 0; i < m_legendTexts.size(); ++i)
        m_legendTexts.at(i)->setText(SiteMapView::stateName(legendStates[i]));
    rebuild();
}

void SiteMapPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

bool SiteMapPage::hasUnsavedChanges() const
{
    return m_editing && (!m_pendingPicture.isEmpty() || !m_moved.isEmpty() || !m_removed.isEmpty());
}

void SiteMapPage::updatePicture()
{
    const QByteArray& bytes = m_pendingPicture.isEmpty() ? m_model->picture() : m_pendingPicture;
    m_view->setPicture(bytes.isEmpty() ? QImage() : QImage::fromData(bytes));
    rebuild();
}

// The markers and the list of unplaced sites from the model, with this edit's unsaved moves laid over them.
void SiteMapPage::rebuild()
{
    QList<SiteMapView::Marker> markers;
    int placed = 0;
    const QString selectedCode = m_unplaced->currentItem() ? m_unplaced->currentItem()->text() : QString();
    m_unplaced->clear();
    for (const SiteMapEntry& e : m_model->entries()) {
        bool onMap = e.placed && !m_removed.contains(e.campsiteId);
        QPointF at(e.x, e.y);
        if (m_moved.contains(e.campsiteId)) {
            onMap = true;
            at = m_moved.value(e.campsiteId);
        }
        if (!onMap) {
            auto* item = new QListWidgetItem(e.name.isEmpty() ? e.code : QStringLiteral("%1 %2").arg(e.code, e.name),
                                             m_unplaced);
            item->setData(Qt::UserRole, e.campsiteId);
            if (item->text() == selectedCode)
                m_unplaced->setCurrentItem(item);
            continue;
        }
        ++placed;
        SiteMapView::Marker m;
        m.campsiteId = e.campsiteId;
        m.code = e.code;
        m.x = at.x();
        m.y = at.y();
        m.state = e.state;
        m.tip = QStringLiteral("%1 %2\n%3").arg(e.code, e.name, SiteMapView::stateName(e.state));
        markers << m;
    }
    m_view->setMarkers(markers);

    const bool hasPicture = m_view->hasPicture();
    m_stack->setCurrentIndex(hasPicture ? 1 : 0);
    const int unplaced = int(m_model->entries().size()) - placed;
    m_summary->setText(
        hasPicture ? tr("%n site(s) on the map", nullptr, placed)
                + (unplaced > 0 ? QStringLiteral(", ") + tr("%n not placed", nullptr, unplaced) : QString())
                   : QString());
    m_edit->setVisible(m_actor.role == Role::Manager && !m_editing && hasPicture);
    for (QPushButton* button : { m_choose, m_save, m_cancel })
        button->setVisible(m_editing);
    m_removeMarker->setVisible(m_editing);
    m_removeMarker->setEnabled(m_editing && m_selected != 0 && m_view->markerRect(m_selected).isValid());
    m_save->setEnabled(hasUnsavedChanges());
    m_editPanel->setVisible(m_editing);
    m_addPicture->setVisible(m_actor.role == Role::Manager && !hasPicture);
}

void SiteMapPage::startEditing()
{
    if (m_actor.role != Role::Manager || m_editing)
        return;
    m_editing = true;
    m_selected = 0;
    m_view->setEditing(true);
    m_error->hide();
    rebuild();
}

void SiteMapPage::choosePicture()
{
    const QString path = ImageFileChooser::choose(this, tr("Choose the campground picture"));
    if (path.isEmpty())
        return;
    Result<QByteArray> bytes = ImageFileChooser::read(path, readLimit);
    if (!bytes.ok()) {
        showError(bytes.error().message);
        return;
    }
    // Checked by the service only at Save; the preview shows at once whether the picture reads at all.
    const QImage preview = QImage::fromData(bytes.value());
    if (preview.isNull()) {
        showError(tr("This file is not a picture Campdesk can read (PNG, JPEG, GIF, BMP or WebP)."));
        return;
    }
    if (bytes.value().size() > SiteMapService::maxMapBytes) {
        showError(tr("The picture is larger than %1 MB. Save it smaller (e.g. as JPEG) and choose it again.")
                      .arg(SiteMapService::maxMapBytes / (1024 * 1024)));
        return;
    }
    m_error->hide();
    if (!m_editing)
        startEditing();
    m_pendingPicture = bytes.value();
    updatePicture();
}

bool SiteMapPage::save()
{
    if (!m_editing)
        return true;
    SiteMapService& service = m_model->service();
    if (!m_pendingPicture.isEmpty()) {
        Result<SiteMapImage> stored = service.setMapImage(m_actor, m_pendingPicture);
        if (!stored.ok()) {
            showError(stored.error().message);
            return false;
        }
        m_pendingPicture.clear();
    }
    QList<SiteMarker> placed;
    for (auto it = m_moved.cbegin(); it != m_moved.cend(); ++it)
        placed << SiteMarker { it.key(), it.value().x(), it.value().y() };
    Status saved = service.saveMarkers(m_actor, placed, QList<qint64>(m_removed.cbegin(), m_removed.cend()));
    if (!saved.ok()) {
        showError(saved.error().message);
        m_model->refresh();
        return false;
    }
    m_moved.clear();
    m_removed.clear();
    m_editing = false;
    m_view->setEditing(false);
    m_error->hide();
    m_model->refresh();
    updatePicture();
    return true;
}

bool SiteMapPage::cancelEditing()
{
    if (!m_editing)
        return true;
    if (hasUnsavedChanges() && !UnsavedChanges::askDiscard(this))
        return false;
    m_pendingPicture.clear();
    m_moved.clear();
    m_removed.clear();
    m_editing = false;
    m_view->setEditing(false);
    m_error->hide();
    updatePicture();
    return true;
}

void SiteMapPage::onMarkerClicked(qint64 campsiteId)
{
    if (m_editing) {
        m_selected = campsiteId;
        rebuild();
        return;
    }
    const int row = m_model->rowOf(campsiteId);
    if (row >= 0)
        emit bookingsRequested(campsiteId, m_model->entry(row).code);
}

void SiteMapPage::onMarkerMoved(qint64 campsiteId, double x, double y)
{
    m_moved.insert(campsiteId, QPointF(x, y));
    m_removed.remove(campsiteId);
    m_selected = campsiteId;
    rebuild();
}

void SiteMapPage::onPictureClicked(double x, double y)
{
    QListWidgetItem* item = m_unplaced->currentItem();
    if (!item)
        return;
    onMarkerMoved(item->data(Qt::UserRole).toLongLong(), x, y);
}

void SiteMapPage::removeSelected()
{
    if (m_selected == 0)
        return;
    m_moved.remove(m_selected);
    m_removed.insert(m_selected);
    m_selected = 0;
    rebuild();
}

void SiteMapPage::showError(const QString& message)
{
    m_error->setText(message);
    m_error->show();
}

} // namespace campdesk
