#include "dashboardpage.h"

#include "core/eventbus.h"
#include "domain/statustext.h"
#include "itemmodels/coalescedrefresh.h"
#include "itemmodels/refreshgate.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QPieSeries>
#include <QPieSlice>
#include <QResizeEvent>
#include <QScrollArea>
#include <QScrollBar>
#include <QStackedBarSeries>
#include <QVBoxLayout>
#include <QValueAxis>
#include <cmath>

namespace campdesk {

namespace {

// Changes a bar set's values where they differ, so the chart keeps its bars and only repaints.
void setValues(QBarSet* set, const QList<qreal>& values)
{
    while (set->count() > values.size())
        set->remove(set->count() - 1);
    for (int i = 0; i < values.size(); ++i) {
        if (i >= set->count())
            set->append(values.at(i));
        else if (set->at(i) != values.at(i))
            set->replace(i, values.at(i));
    }
}

void setCategories(QBarCategoryAxis* axis, const QStringList& categories)
{
    if (axis->categories() != categories)
        axis->setCategories(categories);
}

// A round upper bound for an axis: 1, 2 or 5 times a power of ten, at least `floor`.
qreal niceMax(qreal value, qreal floor = 1)
{
    value = std::max(value, floor);
    const qreal magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (qreal step : { 1.0, 2.0, 5.0, 10.0 }) {
        if (value <= step * magnitude)
            return step * magnitude;
    }
    return 10 * magnitude;
}

void setRange(QValueAxis* axis, qreal max)
{
    // At least 5: six whole-number ticks (0, 1, ... 5) stay distinct; a smaller top would label 0, 0, 0, 1, 1, 1.
    const qreal top = niceMax(max, 5);
    if (axis->max() != top || axis->min() != 0)
        axis->setRange(0, top);
}

QBarCategoryAxis* addCategoryAxis(QChart* chart, QAbstractSeries* series)
{
    auto* axis = new QBarCategoryAxis(chart);
    // A little smaller than the text, as the other labels of a chart.
    QFont font = axis->labelsFont();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    axis->setLabelsFont(font);
    chart->addAxis(axis, Qt::AlignBottom);
    series->attachAxis(axis);
    return axis;
}

QValueAxis* addValueAxis(QChart* chart, QAbstractSeries* series, const QString& format)
{
    auto* axis = new QValueAxis(chart);
    axis->setLabelFormat(format);
    axis->setTickCount(6);
    chart->addAxis(axis, Qt::AlignLeft);
    series->attachAxis(axis);
    return axis;
}

QString monthLabel(const QDate& month)
{
    return QLocale().toString(month, QStringLiteral("MMM"));
}

} // namespace

DashboardPage::DashboardPage(DashboardQueries& queries, EventBus* bus, QWidget* parent)
    : QWidget(parent)
    , m_queries(queries)
{
    setObjectName(QStringLiteral("dashboardPage"));
    // A page left open past midnight moves to the new day without waiting for an event.
    m_refresh = new CoalescedRefresh(
        bus, queries.database().clock(), coalesceMs, [this] { return m_snapshot.today; }, [this] { refresh(); }, this);
    m_refresh->gate()->setOpen(false); // opened by showEvent

    m_figures = new QGridLayout;
    m_figures->setSpacing(12);
    m_tiles << makeFigure(QStringLiteral("figureArrivals"), tr("Arrivals today"), &m_arrivals)
            << makeFigure(QStringLiteral("figureDepartures"), tr("Departures today"), &m_departures)
            << makeFigure(QStringLiteral("figureGuests"), tr("Guests on site"), &m_guests)
            << makeFigure(QStringLiteral("figureOccupancy"), tr("Occupancy tonight"), &m_occupancy)
            << makeFigure(QStringLiteral("figureRevenue"), tr("Revenue this month"), &m_revenue)
            << makeFigure(QStringLiteral("figureBalances"), tr("Balances due"), &m_balances);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("dashboardError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();

    // Occupancy for each of the next 30 nights.
    m_occupancyView = makeChart(QStringLiteral("occupancyChart"));
    m_occupancySet = new QBarSet(tr("Occupancy"));
    m_occupancySet->setColor(QColor(0x2e, 0x7d, 0x32));
    auto* occupancySeries = new QBarSeries;
    occupancySeries->setBarWidth(0.8);
    occupancySeries->append(m_occupancySet);
    m_occupancyView->chart()->addSeries(occupancySeries);
    m_occupancyDays = addCategoryAxis(m_occupancyView->chart(), occupancySeries);
    addValueAxis(m_occupancyView->chart(), occupancySeries, QStringLiteral("%.0f"))->setRange(0, 100);

    // Revenue (paid minus refunded) by month.
    m_revenueView = makeChart(QStringLiteral("revenueChart"));
    m_revenueSet = new QBarSet(tr("Revenue"));
    m_revenueSet->setColor(QColor(0x15, 0x65, 0xc0));
    auto* revenueSeries = new QBarSeries;
    revenueSeries->append(m_revenueSet);
    m_revenueView->chart()->addSeries(revenueSeries);
    m_revenueMonths = addCategoryAxis(m_revenueView->chart(), revenueSeries);
    m_revenueAxis = addValueAxis(m_revenueView->chart(), revenueSeries, QStringLiteral("%.0f"));

    // Reservations by status.
    m_statusView = makeChart(QStringLiteral("statusChart"));
    m_statusView->chart()->setTitle(tr("Reservations by status"));
    m_statusView->chart()->legend()->setVisible(true);
    m_statusView->chart()->legend()->setAlignment(Qt::AlignRight);
    m_statusSeries = new QPieSeries;
    m_statusSeries->setPieSize(0.75);
    const QList<QColor> statusColors { QColor(0x15, 0x65, 0xc0), QColor(0x2e, 0x7d, 0x32), QColor(0x75, 0x75, 0x75),
                                       QColor(0xc6, 0x28, 0x28) };
    for (const QColor& color : statusColors) {
        QPieSlice* slice = m_statusSeries->append(QString(), 0);
        slice->setColor(color);
    }
    m_statusView->chart()->addSeries(m_statusSeries);

    // Reviews by stars, with the average in the title.
    m_ratingView = makeChart(QStringLiteral("ratingChart"));
    m_ratingSet = new QBarSet(tr("Reviews"));
    m_ratingSet->setColor(QColor(0xf9, 0xa8, 0x25));
    auto* ratingSeries = new QBarSeries;
    ratingSeries->append(m_ratingSet);
    m_ratingView->chart()->addSeries(ratingSeries);
    QStringList stars;
    for (int i = 1; i <= 5; ++i)
        stars << tr("%n star(s)", nullptr, i);
    addCategoryAxis(m_ratingView->chart(), ratingSeries)->setCategories(stars);
    m_ratingAxis = addValueAxis(m_ratingView->chart(), ratingSeries, QStringLiteral("%.0f"));

    // Campsites by their average rating.
    m_siteRatingView = makeChart(QStringLiteral("siteRatingChart"));
    m_siteRatingSet = new QBarSet(tr("Campsites"));
    m_siteRatingSet->setColor(QColor(0x6a, 0x1b, 0x9a));
    auto* siteRatingSeries = new QBarSeries;
    siteRatingSeries->append(m_siteRatingSet);
    m_siteRatingView->chart()->addSeries(siteRatingSeries);
    QStringList bands;
    for (int i = 0; i < 8; ++i)
        bands << QLocale().toString(1.0 + i * 0.5, 'f', 1);
    addCategoryAxis(m_siteRatingView->chart(), siteRatingSeries)->setCategories(bands);
    m_siteRatingAxis = addValueAxis(m_siteRatingView->chart(), siteRatingSeries, QStringLiteral("%.0f"));

    // Points credited against points deducted, by month.
    m_pointsView = makeChart(QStringLiteral("pointsChart"));
    m_creditedSet = new QBarSet(tr("Credited"));
    m_creditedSet->setColor(QColor(0x00, 0x89, 0x7b));
    m_deductedSet = new QBarSet(tr("Deducted"));
    m_deductedSet->setColor(QColor(0xe6, 0x51, 0x00));
    auto* pointsSeries = new QBarSeries;
    pointsSeries->append(m_creditedSet);
    pointsSeries->append(m_deductedSet);
    m_pointsView->chart()->addSeries(pointsSeries);
    m_pointsView->chart()->legend()->setVisible(true);
    m_pointsMonths = addCategoryAxis(m_pointsView->chart(), pointsSeries);
    m_pointsAxis = addValueAxis(m_pointsView->chart(), pointsSeries, QStringLiteral("%.0f"));

    // Stay and extras sold, by the day the stays arrived (the read model's revenue by kind), stacked.
    m_soldView = makeChart(QStringLiteral("soldChart"));
    m_staySet = new QBarSet(tr("Stay"));
    m_staySet->setColor(QColor(0x15, 0x65, 0xc0));
    m_extrasSet = new QBarSet(tr("Extras"));
    m_extrasSet->setColor(QColor(0xf9, 0xa8, 0x25));
    auto* soldSeries = new QStackedBarSeries;
    soldSeries->setBarWidth(0.8);
    soldSeries->append(m_staySet);
    soldSeries->append(m_extrasSet);
    m_soldView->chart()->addSeries(soldSeries);
    m_soldView->chart()->legend()->setVisible(true);
    m_soldDays = addCategoryAxis(m_soldView->chart(), soldSeries);
    m_soldAxis = addValueAxis(m_soldView->chart(), soldSeries, QStringLiteral("%.0f"));

    // Occupancy gets a row of its own so thirty day labels fit; money and points side by side; then the three
    // smaller charts.
    m_charts = new QGridLayout;
    m_charts->setSpacing(8);
    for (int column = 0; column < 6; ++column)
        m_charts->setColumnStretch(column, 1);

    auto* content = new QWidget;
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->addLayout(m_figures);
    contentLayout->addWidget(m_error);
    contentLayout->addLayout(m_charts, 1);
    // On a small screen the charts keep a readable size and the page scrolls down, never sideways: the tiles and
    // charts flow into fewer columns instead.
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setWidget(content);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_scroll);
    reflow(1366);

    refresh();
}

QWidget* DashboardPage::makeFigure(const QString& objectName, const QString& caption, QLabel** value)
{
    auto* tile = new QFrame;
    tile->setObjectName(objectName);
    tile->setFrameShape(QFrame::StyledPanel);
    tile->setMinimumWidth(140);
    auto* layout = new QVBoxLayout(tile);
    layout->setContentsMargins(12, 8, 12, 8);
    *value = new QLabel(QStringLiteral("–"), tile);
    (*value)->setObjectName(objectName + QStringLiteral("Value"));
    QFont big = (*value)->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setBold(true);
    (*value)->setFont(big);
    auto* label = new QLabel(caption, tile);
    label->setWordWrap(true);
    layout->addWidget(*value);
    layout->addWidget(label);
    return tile;
}

QChartView* DashboardPage::makeChart(const QString& objectName)
{
    auto* chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation); // values change in place; animating each refresh would flicker
    chart->legend()->setVisible(false);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setLocalizeNumbers(true); // axis labels with the locale's digit grouping: 1,000,000 not 1000000
    auto* view = new QChartView(chart, this);
    view->setObjectName(objectName);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(240);
    view->setMinimumWidth(260);
    return view;
}

void DashboardPage::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    // The page's own width: the scroll area inside has not been laid out to it yet.
    reflow(event->size().width() - m_scroll->verticalScrollBar()->sizeHint().width());
}

void DashboardPage::reflow(int width)
{
    // Five tiles in a row from about 900 px, else three (then two); the charts two abreast below 1000 px.
    const int tileColumns = width >= 900 ? 5 : width >= 520 ? 3 : 2;
    const bool wide = width >= 1000;
    const int key = tileColumns * 10 + (wide ? 1 : 0);
    if (key == m_flowColumns)
        return;
    m_flowColumns = key;
    for (QWidget* tile : m_tiles)
        m_figures->removeWidget(tile);
    for (int i = 0; i < m_tiles.size(); ++i)
        m_figures->addWidget(m_tiles.at(i), i / tileColumns, i % tileColumns);
    for (QWidget* chart : { static_cast<QWidget*>(m_occupancyView), static_cast<QWidget*>(m_revenueView),
                            static_cast<QWidget*>(m_pointsView), static_cast<QWidget*>(m_statusView),
                            static_cast<QWidget*>(m_ratingView), static_cast<QWidget*>(m_siteRatingView),
                            static_cast<QWidget*>(m_soldView) })
        m_charts->removeWidget(chart);
    // Occupancy gets a row of its own so thirty day labels fit; money and points side by side when wide, each on
    // a row of its own when narrow (half of 1024 px leaves a month 27 px: "Oct" and "10월" were cut to "...");
    // then the three smaller charts (two and one when narrow).
    m_charts->addWidget(m_occupancyView, 0, 0, 1, 6);
    if (wide) {
        m_charts->addWidget(m_revenueView, 1, 0, 1, 3);
        m_charts->addWidget(m_pointsView, 1, 3, 1, 3);
        m_charts->addWidget(m_statusView, 2, 0, 1, 2);
        m_charts->addWidget(m_ratingView, 2, 2, 1, 2);
        m_charts->addWidget(m_siteRatingView, 2, 4, 1, 2);
        m_charts->addWidget(m_soldView, 3, 0, 1, 6);
    } else {
        m_charts->addWidget(m_revenueView, 1, 0, 1, 6);
        m_charts->addWidget(m_pointsView, 2, 0, 1, 6);
        m_charts->addWidget(m_statusView, 3, 0, 1, 3);
        m_charts->addWidget(m_ratingView, 3, 3, 1, 3);
        m_charts->addWidget(m_siteRatingView, 4, 0, 1, 3);
        m_charts->addWidget(m_soldView, 5, 0, 1, 6);
    }
}

void DashboardPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    // Events held back while hidden refresh once as the gate opens; without any, the day may still have changed.
    RefreshGate* gate = m_refresh->gate();
    const bool heldBack = gate->isStale();
    gate->setOpen(true);
    if (!heldBack)
        refresh();
}

void DashboardPage::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_refresh->gate()->setOpen(false);
}

void DashboardPage::refresh()
{
    m_refresh->cancelPending();
    Result<DashboardSnapshot> snapshot = m_queries.snapshot();
    if (!snapshot.ok()) {
        m_error->setText(tr("The dashboard could not be updated: %1").arg(snapshot.error().message));
        m_error->show();
        return;
    }
    m_error->hide();
    m_snapshot = snapshot.value();
    apply(m_snapshot);
    emit refreshed();
}

void DashboardPage::apply(const DashboardSnapshot& s)
{
    const QLocale locale;
    const auto won = [&](qint64 amount) { return tr("₩%1").arg(locale.toString(amount)); };
    m_arrivals->setText(locale.toString(s.arrivalsToday));
    m_departures->setText(locale.toString(s.departuresToday));
    m_guests->setText(locale.toString(s.guestsOnSite));
    m_occupancy->setText(tr("%1%").arg(locale.toString(s.occupancy(0) * 100, 'f', 0)));
    m_occupancy->setToolTip(tr("%1 of %2 campsites").arg(locale.toString(s.occupiedToday), locale.toString(s.sites)));
    m_revenue->setText(won(s.revenueThisMonth));
    m_balances->setText(tr("%1 · %2").arg(locale.toString(s.balancesDue), won(s.balancesDueSum)));
    m_balances->setToolTip(
        tr("Today's arrivals: %1 owing %2").arg(locale.toString(s.balancesDueToday), won(s.balancesDueTodaySum)));

    QList<qreal> occupancy;
    QStringList days;
    for (int i = 0; i < s.bookedSites.size(); ++i) {
        occupancy << std::round(s.occupancy(i) * 1000) / 10;
        const QDate day = s.today.addDays(i);
        days << QString::number(day.day()); // the dates of the range are in the title
    }
    if (!s.bookedSites.isEmpty()) {
        m_occupancyView->chart()->setTitle(
            tr("Occupancy, %1 to %2 (%)")
                .arg(locale.toString(s.today, QLocale::ShortFormat),
                     locale.toString(s.today.addDays(s.bookedSites.size() - 1), QLocale::ShortFormat)));
    }
    setValues(m_occupancySet, occupancy);
    setCategories(m_occupancyDays, days);

    // Revenue in thousands or millions of won, so the axis labels stay short.
    qint64 maxRevenue = 0;
    for (const MonthTotals& m : s.months)
        maxRevenue = std::max(maxRevenue, m.netRevenue());
    const bool millions = maxRevenue >= 10'000'000;
    const qreal unit = millions ? 1'000'000.0 : 1000.0;
    const QString monthFormat = tr("MMM yyyy", "QDate format of a month and its year");
    const QString period = s.months.isEmpty() ? QString()
                                              : tr("%1 to %2")
                                                    .arg(locale.toString(s.months.first().month, monthFormat),
                                                         locale.toString(s.months.last().month, monthFormat));
    m_revenueView->chart()->setTitle(millions ? tr("Revenue by month, %1 (millions of won)").arg(period)
                                              : tr("Revenue by month, %1 (thousands of won)").arg(period));
    m_pointsView->chart()->setTitle(tr("Points credited and deducted by month, %1").arg(period));
    QList<qreal> revenue;
    QList<qreal> credited;
    QList<qreal> deducted;
    QStringList months;
    qint64 maxPoints = 0;
    for (const MonthTotals& m : s.months) {
        revenue << qreal(m.netRevenue()) / unit;
        credited << qreal(m.pointsCredited);
        deducted << qreal(m.pointsDeducted);
        months << monthLabel(m.month);
        maxPoints = std::max({ maxPoints, m.pointsCredited, m.pointsDeducted });
    }
    setValues(m_revenueSet, revenue);
    setCategories(m_revenueMonths, months);
    setRange(m_revenueAxis, qreal(maxRevenue) / unit);
    setValues(m_creditedSet, credited);
    setValues(m_deductedSet, deducted);
    setCategories(m_pointsMonths, months);
    setRange(m_pointsAxis, qreal(maxPoints));

    // The same word for a status as every table and dialog (StatusText), in either language.
    QStringList statusNames;
    for (const char* key : { "confirmed", "checked_in", "checked_out", "cancelled" })
        statusNames << StatusText::name(QStringLiteral("reservation"), QLatin1String(key));
    const QList<QPieSlice*> slices = m_statusSeries->slices();
    for (int i = 0; i < 4; ++i) {
        QPieSlice* slice = slices.at(i);
        const qreal value = qreal(s.statusCounts[size_t(i)]);
        if (slice->value() != value)
            slice->setValue(value);
        const QString label = tr("%1: %2").arg(statusNames.at(i), locale.toString(s.statusCounts[size_t(i)]));
        if (slice->label() != label)
            slice->setLabel(label);
    }

    m_ratingView->chart()->setTitle(s.reviewCount() ? tr("Ratings: average %1 from %n review(s)", nullptr,
                                                         int(std::min<qint64>(s.reviewCount(), INT_MAX)))
                                                          .arg(locale.toString(s.averageRating(), 'f', 2))
                                                    : tr("Ratings: no reviews yet"));
    QList<qreal> ratings;
    qint64 maxRating = 0;
    for (qint64 count : s.ratings) {
        ratings << qreal(count);
        maxRating = std::max(maxRating, count);
    }
    setValues(m_ratingSet, ratings);
    setRange(m_ratingAxis, qreal(maxRating));

    m_siteRatingView->chart()->setTitle(
        tr("Campsites by average rating (%1 rated)").arg(locale.toString(s.ratedSites)));
    QList<qreal> siteBands;
    int maxBand = 0;
    for (int count : s.siteAverages) {
        siteBands << qreal(count);
        maxBand = std::max(maxBand, count);
    }
    setValues(m_siteRatingSet, siteBands);
    setRange(m_siteRatingAxis, qreal(maxBand));

    // Stay and extras in thousands of won (a day's arrivals rarely reach ten million).
    QList<qreal> stay;
    QList<qreal> extras;
    QStringList soldDays;
    qint64 maxSold = 0;
    qint64 staySum = 0;
    qint64 extrasSum = 0;
    const QDate firstSoldDay = s.today.addDays(1 - s.stayByDay.size());
    for (int i = 0; i < s.stayByDay.size() && i < s.extrasByDay.size(); ++i) {
        stay << qreal(s.stayByDay.at(i)) / 1000.0;
        extras << qreal(s.extrasByDay.at(i)) / 1000.0;
        soldDays << QString::number(firstSoldDay.addDays(i).day());
        maxSold = std::max(maxSold, s.stayByDay.at(i) + s.extrasByDay.at(i));
        staySum += s.stayByDay.at(i);
        extrasSum += s.extrasByDay.at(i);
    }
    if (!s.stayByDay.isEmpty()) {
        m_soldView->chart()->setTitle(tr("Stay and extras sold by arrival day, %1 to %2 (thousands of won)")
                                          .arg(locale.toString(firstSoldDay, QLocale::ShortFormat),
                                               locale.toString(s.today, QLocale::ShortFormat)));
    }
    m_staySet->setLabel(tr("Stay %1").arg(won(staySum)));
    m_extrasSet->setLabel(tr("Extras %1").arg(won(extrasSum)));
    setValues(m_staySet, stay);
    setValues(m_extrasSet, extras);
    setCategories(m_soldDays, soldDays);
    setRange(m_soldAxis, qreal(maxSold) / 1000.0);
}

} // namespace campdesk
