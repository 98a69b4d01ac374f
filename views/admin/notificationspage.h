#pragma once

#include "core/actor.h"
#include "page.h"

class QAction;
class QComboBox;
class QLabel;
class QTableView;

namespace campdesk {

class NotificationService;
class NotificationTableModel;

// The outbox for staff: every confirmation and cancellation message with its channel, attempts and last answer,
// filtered by status; a message that could not be sent (dead) can be sent again.
class NotificationsPage final : public Page
{
    Q_OBJECT
public:
    // Takes ownership of model (built on service).
    NotificationsPage(NotificationService& service, NotificationTableModel* model, const Actor& actor,
                      QWidget* parent = nullptr);

    void refresh() override;
    bool canExport() const override { return true; }
    bool exportCsv(QTextStream& out, QString* error) const override;
    QString exportFileName() const override;

    NotificationTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QComboBox* statusFilter() const { return m_status; }
    QAction* retryAction() const { return m_retry; }

public slots:
    // Sends the selected notification again (the service checks the role and that it is dead).
    void retrySelected();

private:
    qint64 selectedId() const; // 0 when nothing is selected
    QString selectedStatus() const;
    void updateActions();

    NotificationService& m_service;
    Actor m_actor;
    NotificationTableModel* m_model;
    QAction* m_retry;
    QComboBox* m_status;
    QTableView* m_table;
    QLabel* m_count;
};

} // namespace campdesk
