#pragma once

#include "tablepage.h"

class QAction;

namespace campdesk {

class ReviewService;
class ReviewTableModel;

// Guests' reviews with their campsite and booking: staff hide an unfitting one from the kiosk (and show it again);
// the manager deletes one for good.
class ReviewsPage final : public TablePage
{
    Q_OBJECT
public:
    // Takes ownership of model.
    ReviewsPage(ReviewService& service, ReviewTableModel* model, const Actor& actor, QWidget* parent = nullptr);

    ReviewTableModel* model() const { return m_model; }
    QAction* hideAction() const { return m_hide; }
    QAction* deleteAction() const { return m_delete; } // null for anyone but a manager

public slots:
    // Hides the selected review, or shows it again when it is hidden.
    void toggleHidden();
    // Asks, then deletes the selected review.
    void removeSelected();

private:
    bool selectedIsHidden() const;
    void updateActions();

    ReviewService& m_service;
    ReviewTableModel* m_model;
    QAction* m_hide;
    QAction* m_delete = nullptr;
};

} // namespace campdesk
