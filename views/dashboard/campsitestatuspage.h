#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace campdesk {

class CampsiteStatusModel;
class DashboardQueries;
class EventBus;
class CampsiteStatusProxy;

// Every campsite at once: today's state, current guest, next arrival, the next 30 nights, revenue and rating,
// live, with a text and state filter.
class CampsiteStatusPage final : public QWidget
{
    Q_OBJECT
public:
    // Shows `model` (not owned).
    explicit CampsiteStatusPage(CampsiteStatusModel* model, QWidget* parent = nullptr);
    // Makes and owns its model: what the main window adds.
    CampsiteStatusPage(DashboardQueries& queries, EventBus* bus, QWidget* parent = nullptr);

    QTableView* table() const { return m_table; }
    CampsiteStatusProxy* proxy() const { return m_proxy; }

private:
    void updateCount();

    CampsiteStatusModel* m_model;
    CampsiteStatusProxy* m_proxy;
    QLineEdit* m_filter;
    QComboBox* m_state;
    QLabel* m_count;
    QTableView* m_table;
};

} // namespace campdesk
