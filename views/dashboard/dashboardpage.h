#pragma once

#include "domain/dashboardqueries.h"

#include <QWidget>

class QBarCategoryAxis;
class QBarSet;
class QChartView;
class QLabel;
class QPieSeries;
class QValueAxis;

class QGridLayout;
class QScrollArea;

namespace campdesk {

class CoalescedRefresh;
class EventBus;

// The manager's dashboard: today's figures and six charts, all from the read model, updated in place when events
// arrive (a burst of events becomes one refresh).
class DashboardPage final : public QWidget
{
    Q_OBJECT
public:
    DashboardPage(DashboardQueries& queries, EventBus* bus, QWidget* parent = nullptr);

    // Events closer together than this are folded into one refresh.
    static constexpr int coalesceMs = 200;
    const DashboardSnapshot& snapshot() const { return m_snapshot; }

public slots:
    void refresh();

signals:
    void refreshed();

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    QWidget* makeFigure(const QString& objectName, const QString& caption, QLabel** value);
    QChartView* makeChart(const QString& objectName);
    void apply(const DashboardSnapshot& s);

    // Tiles and charts flow into as many columns as the width allows: no sideways scrolling on a small screen.
    void reflow(int width);

    DashboardQueries& m_queries;
    QList<QWidget*> m_tiles;
    QGridLayout* m_figures = nullptr;
    QGridLayout* m_charts = nullptr;
    QScrollArea* m_scroll = nullptr;
    int m_flowColumns = 0;
    DashboardSnapshot m_snapshot;
    CoalescedRefresh* m_refresh = nullptr;

    QLabel* m_arrivals = nullptr;
    QLabel* m_balances = nullptr; // deposit bookings still owing their balance
    QLabel* m_departures = nullptr;
    QLabel* m_guests = nullptr;
    QLabel* m_occupancy = nullptr;
    QLabel* m_revenue = nullptr;
    QLabel* m_error = nullptr;

    QChartView* m_occupancyView = nullptr;
    QBarSet* m_occupancySet = nullptr;
    QBarCategoryAxis* m_occupancyDays = nullptr;

    QChartView* m_revenueView = nullptr;
    QBarSet* m_revenueSet = nullptr;
    QBarCategoryAxis* m_revenueMonths = nullptr;
    QValueAxis* m_revenueAxis = nullptr;

    QChartView* m_statusView = nullptr;
    QPieSeries* m_statusSeries = nullptr;

    QChartView* m_ratingView = nullptr;
    QBarSet* m_ratingSet = nullptr;
    QValueAxis* m_ratingAxis = nullptr;

    QChartView* m_siteRatingView = nullptr;
    QBarSet* m_siteRatingSet = nullptr;
    QValueAxis* m_siteRatingAxis = nullptr;

    QChartView* m_pointsView = nullptr;
    QBarSet* m_creditedSet = nullptr;
    QBarSet* m_deductedSet = nullptr;
    QBarCategoryAxis* m_pointsMonths = nullptr;
    QValueAxis* m_pointsAxis = nullptr;

    // Stay and extras sold by the stays that arrived on each of the last 30 days, stacked.
    QChartView* m_soldView = nullptr;
    QBarSet* m_staySet = nullptr;
    QBarSet* m_extrasSet = nullptr;
    QBarCategoryAxis* m_soldDays = nullptr;
    QValueAxis* m_soldAxis = nullptr;
};

} // namespace campdesk
