// The dashboard and all-campsites pages on a generated data set (SQLite, offscreen): real numbers from the read
// model, a booking made through the booking service updates the charts in place (same series objects, new
// values), and screenshots in English and Korean.
#include "core/eventbus.h"
#include "dashboard/campsitestatuspage.h"
#include "dashboard/dashboardpage.h"
#include "datasetfixture.h"
#include "domain/bookingservice.h"
#include "domain/dashboardqueries.h"
#include "domain/extras.h"
#include "itemmodels/campsitestatusmodel.h"
#include "payment/simulatedterminal.h"
#include "screenshot.h"
#include "testdatabase.h"
#include "uilanguage.h"

#include <QApplication>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPieSeries>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStackedBarSeries>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>

using namespace campdesk;

class TestGuiDashboard : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void showsTheReadModelsNumbers();
    void aBookingUpdatesTheChartsInPlace();
    void stayAndExtrasSoldAreStacked();
    void allCampsitesTableShowsEverySite();
    void emptyChartsHaveDistinctAxisLabels();
    void screenshotsInEnglishAndKorean();

private:
    QBarSet* occupancySet(DashboardPage& page);
    QString label(DashboardPage& page, const char* name);

    QTemporaryDir m_dir;
    EventBus m_bus;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<DashboardQueries> m_queries;
    std::unique_ptr<BookingService> m_booking;
    SimulatedTerminal m_terminal;
};

void TestGuiDashboard::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    const QString file = m_dir.filePath(QStringLiteral("chain.db"));
    const QString error = test::generateDataSet(
        file,
        { QStringLiteral("--campsites"), QStringLiteral("24"), QStringLiteral("--customers"), QStringLiteral("400"),
          QStringLiteral("--reservations"), QStringLiteral("6000"), QStringLiteral("--seed"), QStringLiteral("8") });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    Database::Options options;
    options.bus = &m_bus;
    Result<std::unique_ptr<Database>> db = Database::open(file, options);
    QVERIFY2(db.ok(), qPrintable(db.error().message));
    m_db = std::move(db.value());
    m_queries = std::make_unique<DashboardQueries>(*m_db);
    m_booking = std::make_unique<BookingService>(*m_db);
    m_booking->addGateway(&m_terminal);
}

void TestGuiDashboard::cleanupTestCase()
{
    m_booking.reset();
    m_queries.reset();
    m_db.reset();
}

QBarSet* TestGuiDashboard::occupancySet(DashboardPage& page)
{
    auto* view = page.findChild<QChartView*>(QStringLiteral("occupancyChart"));
    auto* series = qobject_cast<QBarSeries*>(view->chart()->series().value(0));
    return series ? series->barSets().value(0) : nullptr;
}

QString TestGuiDashboard::label(DashboardPage& page, const char* name)
{
    auto* value = page.findChild<QLabel*>(QLatin1String(name) + QStringLiteral("Value"));
    return value ? value->text() : QString();
}

void TestGuiDashboard::showsTheReadModelsNumbers()
{
    DashboardPage page(*m_queries, &m_bus);
    page.resize(1400, 900);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    const DashboardSnapshot& s = page.snapshot();
    QCOMPARE(s.sites, 24);
    qint64 reservations = 0;
    for (qint64 n : s.statusCounts)
        reservations += n;
    QCOMPARE(reservations, 6000);
    QVERIFY(s.occupiedToday > 0);
    QVERIFY(s.revenueThisMonth > 0);
    QVERIFY(s.reviewCount() > 0);
    const QLocale locale;
    QCOMPARE(label(page, "figureArrivals"), locale.toString(s.arrivalsToday));
    QCOMPARE(label(page, "figureDepartures"), locale.toString(s.departuresToday));
    QCOMPARE(label(page, "figureGuests"), locale.toString(s.guestsOnSite));
    QCOMPARE(label(page, "figureOccupancy"),
             QStringLiteral("%1%").arg(locale.toString(100.0 * s.occupiedToday / s.sites, 'f', 0)));
    QCOMPARE(label(page, "figureRevenue"), QStringLiteral("₩") + locale.toString(s.revenueThisMonth));
    QBarSet* set = occupancySet(page);
    QVERIFY(set);
    QCOMPARE(set->count(), 30);
    QCOMPARE(set->at(0), std::round(1000.0 * s.occupiedToday / s.sites) / 10);
    auto* status = page.findChild<QChartView*>(QStringLiteral("statusChart"));
    auto* pie = qobject_cast<QPieSeries*>(status->chart()->series().value(0));
    QVERIFY(pie);
    QCOMPARE(qint64(pie->sum()), reservations);
}

void TestGuiDashboard::aBookingUpdatesTheChartsInPlace()
{
    DashboardPage page(*m_queries, &m_bus);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QBarSet* before = occupancySet(page);
    QVERIFY(before);
    // A night three days ahead on a site that is free then.
    const QDate night = m_db->clock().today().addDays(3);
    Result<QList<Campsite>> free = m_booking->freeSites(night, night.addDays(1), 1);
    CAMPDESK_VERIFY_OK(free);
    QVERIFY(!free->isEmpty());
    const qreal was = before->at(3);
    const int bookedWas = page.snapshot().bookedSites.at(3);
    QSignalSpy refreshed(&page, &DashboardPage::refreshed);
    BookingRequest request;
    request.campsiteId = free->first().id;
    request.checkIn = night;
    request.checkOut = night.addDays(1);
    request.guests = 1;
    request.customer.name = QStringLiteral("Noah Hall");
    request.customer.phone = QStringLiteral("010-9876-5432");
    Result<Reservation> booked
        = m_booking->book(Actor { 0, QStringLiteral("desk"), Role::FrontDesk }, request, m_terminal);
    CAMPDESK_VERIFY_OK(booked);
    QVERIFY(refreshed.wait(5000));
    // The burst of events of one booking is one refresh.
    QTest::qWait(DashboardPage::coalesceMs * 2);
    QCOMPARE(refreshed.count(), 1);
    QBarSet* after = occupancySet(page);
    QCOMPARE(after, before); // the same series and set: updated in place, not rebuilt
    QCOMPARE(page.snapshot().bookedSites.at(3), bookedWas + 1);
    QVERIFY2(after->at(3) > was, qPrintable(QStringLiteral("%1 -> %2").arg(was).arg(after->at(3))));
}

// A stay with extras arriving today: the stacked chart of stay and extras sold (from daily_stats) grows by its stay
// lines and its extras lines, in the same bar sets, and the legend gives the 30 days' totals.
void TestGuiDashboard::stayAndExtrasSoldAreStacked()
{
    DashboardPage page(*m_queries, &m_bus);
    page.resize(1400, 900);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto* view = page.findChild<QChartView*>(QStringLiteral("soldChart"));
    QVERIFY(view);
    auto* series = qobject_cast<QStackedBarSeries*>(view->chart()->series().value(0));
    QVERIFY(series);
    QCOMPARE(series->barSets().size(), 2);
    QBarSet* stay = series->barSets().at(0);
    QBarSet* extras = series->barSets().at(1);
    QCOMPARE(stay->count(), DashboardSnapshot::soldDays);
    const int today = DashboardSnapshot::soldDays - 1;
    const qreal stayWas = stay->at(today);
    const qreal extrasWas = extras->at(today);
    const qint64 extrasSumWas = [&] {
        qint64 sum = 0;
        for (qint64 v : page.snapshot().extrasByDay)
            sum += v;
        return sum;
    }();

    Extra firewood;
    firewood.name = QStringLiteral("Firewood");
    firewood.unit = QStringLiteral("unit");
    firewood.unitPrice = 12000;
    const Actor manager { 0, QStringLiteral("manager"), Role::Manager };
    Result<Extra> saved = ExtrasService(*m_db).save(manager, firewood);
    CAMPDESK_VERIFY_OK(saved);
    const QDate day = m_db->clock().today();
    Result<QList<Campsite>> free = m_booking->freeSites(day, day.addDays(2), 1);
    CAMPDESK_VERIFY_OK(free);
    QVERIFY(!free->isEmpty());
    QSignalSpy refreshed(&page, &DashboardPage::refreshed);
    BookingRequest request;
    request.campsiteId = free->first().id;
    request.checkIn = day;
    request.checkOut = day.addDays(2);
    request.guests = 1;
    request.customer.name = QStringLiteral("Mia Park");
    request.customer.phone = QStringLiteral("010-9876-1111");
    request.extras = { { saved->id, 2 } };
    Result<Reservation> booked
        = m_booking->book(Actor { 0, QStringLiteral("desk"), Role::FrontDesk }, request, m_terminal);
    CAMPDESK_VERIFY_OK(booked);
    QVERIFY(refreshed.wait(5000));
    QCOMPARE(series->barSets().at(0), stay); // updated in place
    const qint64 stayPrice = booked->amount - 24000;
    QCOMPARE(stay->at(today), stayWas + stayPrice / 1000.0);
    QCOMPARE(extras->at(today), extrasWas + 24.0);
    const QLocale locale;
    QVERIFY2(extras->label().contains(locale.toString(extrasSumWas + 24000)), qPrintable(extras->label()));
}

void TestGuiDashboard::allCampsitesTableShowsEverySite()
{
    CampsiteStatusModel model(*m_queries, &m_bus);
    CampsiteStatusPage page(&model);
    page.resize(1400, 800);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QCOMPARE(page.table()->model()->rowCount(), 24);
    auto* filter = page.findChild<QLineEdit*>(QStringLiteral("campsiteStatusFilter"));
    QTest::keyClicks(filter, QStringLiteral("A-00"));
    QCOMPARE(page.table()->model()->rowCount(), 9); // A-001 .. A-009
    filter->clear();
    QCOMPARE(page.table()->model()->rowCount(), 24);
}

void TestGuiDashboard::emptyChartsHaveDistinctAxisLabels()
{
    // A new campground: nothing booked, paid or reviewed yet. Six whole-number ticks on a 0..1 axis would read
    // 0, 0, 0, 1, 1, 1.
    Result<std::unique_ptr<Database>> empty = Database::open(m_dir.filePath(QStringLiteral("empty.db")));
    QVERIFY2(empty.ok(), qPrintable(empty.error().message));
    DashboardQueries queries(*empty.value());
    DashboardPage page(queries, nullptr);
    page.resize(1400, 900);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QList<QValueAxis*> axes;
    for (QChartView* view : page.findChildren<QChartView*>()) {
        for (QAbstractAxis* axis : view->chart()->axes(Qt::Vertical)) {
            if (auto* values = qobject_cast<QValueAxis*>(axis))
                axes.append(values);
        }
    }
    QVERIFY(axes.size() >= 4);
    for (QValueAxis* axis : std::as_const(axes)) {
        QVERIFY2(axis->max() >= 5, qPrintable(QString::number(axis->max())));
        const qreal step = (axis->max() - axis->min()) / (axis->tickCount() - 1);
        QCOMPARE(step, std::round(step)); // every tick a whole number
    }
    QVERIFY(!test::saveScreenshot(&page, QStringLiteral("dashboard-empty")).isEmpty());
}

void TestGuiDashboard::screenshotsInEnglishAndKorean()
{
    for (const QString& language : { QStringLiteral("en"), QStringLiteral("ko") }) {
        test::UiLanguage ui(language);
        QVERIFY(ui.ok());
        {
            DashboardPage page(*m_queries, &m_bus);
            page.resize(1400, 1000);
            page.show();
            QVERIFY(QTest::qWaitForWindowExposed(&page));
            QVERIFY(!test::saveScreenshot(&page, QStringLiteral("dashboard-") + language).isEmpty());
            // The office screens: the stay and extras chart is at the bottom, scrolled to.
            for (const QSize& size : { QSize(1024, 768), QSize(1366, 768) }) {
                page.resize(size);
                QTest::qWait(50);
                const QString suffix = QStringLiteral("%1-%2").arg(language).arg(size.width());
                QVERIFY(!test::saveScreenshot(&page, QStringLiteral("dashboard-") + suffix).isEmpty());
                auto* scroll = page.findChild<QScrollArea*>();
                QVERIFY(scroll);
                QVERIFY(page.findChild<QChartView*>(QStringLiteral("soldChart")));
                scroll->verticalScrollBar()->setValue(scroll->verticalScrollBar()->maximum());
                QVERIFY(!test::saveScreenshot(&page, QStringLiteral("dashboard-sold-") + suffix).isEmpty());
                scroll->verticalScrollBar()->setValue(0);
            }
            CampsiteStatusPage sites(*m_queries, &m_bus);
            sites.resize(1400, 700);
            sites.show();
            QVERIFY(QTest::qWaitForWindowExposed(&sites));
            QVERIFY(!test::saveScreenshot(&sites, QStringLiteral("campsite-status-") + language).isEmpty());
        }
    }
}

QTEST_MAIN(TestGuiDashboard)
#include "tst_gui_dashboard.moc"
