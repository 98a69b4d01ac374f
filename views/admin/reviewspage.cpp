#include "reviewspage.h"

#include "datatableview.h"
#include "domain/reviewservice.h"
#include "itemmodels/reviewtablemodel.h"
#include "messagebox.h"

#include <QAction>
#include <QComboBox>
#include <QItemSelectionModel>
#include <QToolBar>

namespace campdesk {

ReviewsPage::ReviewsPage(ReviewService& service, ReviewTableModel* model, const Actor& actor, QWidget* parent)
    : TablePage(tr("Reviews"), QStringLiteral("reviews"), model, actor, parent)
    , m_service(service)
    , m_model(static_cast<ReviewTableModel*>(view()->pagedModel()))
{
    m_hide = toolBar()->addAction(QIcon::fromTheme(QStringLiteral("view-hidden")), tr("&Hide"), this,
                                  &ReviewsPage::toggleHidden);
    m_hide->setObjectName(QStringLiteral("hideReview"));
    if (actor.role == Role::Manager) {
        m_delete = toolBar()->addAction(QIcon::fromTheme(QStringLiteral("edit-delete")), tr("&Delete…"), this,
                                        &ReviewsPage::removeSelected);
        m_delete->setObjectName(QStringLiteral("deleteReview"));
    }
    addTextFilter(tr("Review, guest, phone, campsite or booking code"),
                  [this](const QString& text) { m_model->setText(text); });
    addStatusFilter({ { tr("All reviews"), QString() }, { tr("Hidden only"), QStringLiteral("hidden") } },
                    [this](const QString& key) { m_model->setHiddenOnly(!key.isEmpty()); });

    connect(view()->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ReviewsPage::updateActions);
    // The hidden flag of the selected row can change under it (here or on another terminal).
    connect(m_model, &PagedQueryModel::refreshed, this, &ReviewsPage::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ReviewsPage::updateActions);
    updateActions();
}

bool ReviewsPage::selectedIsHidden() const
{
    const int row = m_model->rowOfId(view()->selectedId());
    return row >= 0 && m_model->rawValue(row, ReviewTableModel::Visibility).toString() == QLatin1String("hidden");
}

void ReviewsPage::updateActions()
{
    const bool selected = view()->selectedId() > 0;
    const bool hidden = selectedIsHidden();
    m_hide->setEnabled(selected);
    m_hide->setText(hidden ? tr("&Show again") : tr("&Hide"));
    m_hide->setToolTip(hidden ? tr("Show this review on the kiosk again") : tr("Hide this review from the kiosk"));
    if (m_delete)
        m_delete->setEnabled(selected);
}

void ReviewsPage::toggleHidden()
{
    const qint64 id = view()->selectedId();
    if (id <= 0)
        return;
    Status done = m_service.hide(actor(), id, !selectedIsHidden());
    if (!done.ok()) {
        MessageBox::warning(this, tr("Reviews"), done.error().message);
        return;
    }
    m_model->refresh();
}

void ReviewsPage::removeSelected()
{
    const qint64 id = view()->selectedId();
    const int row = m_model->rowOfId(id);
    if (id <= 0 || row < 0)
        return;
    const QString guest = m_model->index(row, ReviewTableModel::Guest).data().toString();
    const QString booking = m_model->index(row, ReviewTableModel::Booking).data().toString();
    if (!MessageBox::confirm(this, tr("Delete review"),
                             tr("Delete the review by %1 (booking %2)? It cannot be brought back, and the points it "
                                "earned are taken back.")
                                 .arg(guest, booking),
                             tr("Delete")))
        return;
    Status done = m_service.remove(actor(), id);
    if (!done.ok()) {
        MessageBox::warning(this, tr("Delete review"), done.error().message);
        return;
    }
    m_model->refresh();
}

} // namespace campdesk
