// The admin window on the office screens it runs on: 1024x768 and 1366x768, in English and Korean. The first
// window never exceeds the screen; no page's table needs a horizontal scroll bar; the dashboard's tiles show
// their whole labels. Every page is grabbed to <build>/screenshots/fit (or $CAMPDESK_SHOTS) at both sizes in both
// languages, so people can look at them.
#include "admin/availabilityrack.h"
#include "adminpages.h"
#include "domain/bookingservice.h"
#include "domain/campsiteservice.h"
#include "mainwindow.h"
#include "messagebox.h"
#include "ops/appcontext.h"
#include "ops/demodata.h"
#include "uilanguage.h"

#include <QApplication>
#include <QBarCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QDir>
#include <QFile>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QStyle>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace campdesk;

class TestGuiFit : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void firstWindowFitsTheScreen();
    void everyPageFits_data();
    void everyPageFits();

private:
    QScreen* screenOfWidth(int width) const;

    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_context;
    Actor m_manager;
};

QScreen* TestGuiFit::screenOfWidth(int width) const
{
    for (QScreen* screen : QGuiApplication::screens()) {
        if (screen->geometry().width() == width)
            return screen;
    }
    return nullptr;
}

void TestGuiFit::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    MessageBox::setHandlerForTesting([](const MessageBox::Shown&) { return false; });
    QVERIFY2(screenOfWidth(1024) && screenOfWidth(1366), "the offscreen screens of main() are there");
}

void TestGuiFit::init()
{
    static int counter = 0;
    Result<std::unique_ptr<AppContext>> opened
        = AppContext::open(m_dir.filePath(QStringLiteral("fit-%1.db").arg(++counter)));
    QVERIFY2(opened.ok(), qPrintable(opened.error().message));
    m_context = std::move(opened).value();
    Result<QList<DemoData::Login>> logins = DemoData::fillIfFresh(*m_context);
    QVERIFY2(logins.ok() && !logins->isEmpty(), "demo data");
    m_manager = m_context->users->login(logins->first().username, logins->first().password).value();
    QSettings().clear();
    // A few bookings with long names, so the tables have rows to size and elide.
    const QStringList names { QStringLiteral("Maximilian Alexander Featherstonehaugh-Worthington"),
                              QStringLiteral("김하늘별빛 바다구름"), QStringLiteral("Sofia Wilson") };
    const QList<Campsite> sites = m_context->campsites->list(false).value();
    for (int i = 0; i < names.size(); ++i) {
        BookingRequest request;
        request.campsiteId = sites.at(i).id;
        request.checkIn = QDate::currentDate().addDays(i);
        request.checkOut = request.checkIn.addDays(2);
        request.guests = 2;
        request.customer = Customer { 0,         names.at(i),          QStringLiteral("010-4000-000%1").arg(i),
                                      QString(), QStringLiteral("ko"), false };
        QVERIFY(m_context->bookings->book(m_manager, request, *m_context->deskPayment, QStringLiteral("cash")).ok());
    }
}

void TestGuiFit::cleanup()
{
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    m_context.reset();
}

void TestGuiFit::firstWindowFitsTheScreen()
{
    // The primary screen is the 1024x768 one; a remembered window from a bigger screen does not overflow it.
    QScreen* screen = QGuiApplication::primaryScreen();
    QCOMPARE(screen->geometry().size(), QSize(1024, 768));
    for (bool remembered : { false, true }) {
        if (remembered) {
            MainWindow big(m_manager, m_context->db->describe());
            big.setGeometry(0, 0, 1900, 1000);
            big.close(); // remembers the geometry for this user
        }
        MainWindow window(m_manager, m_context->db->describe());
        addAdminPages(window, *m_context);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QRect available = screen->availableGeometry();
        QVERIFY2(available.contains(window.frameGeometry()),
                 qPrintable(QStringLiteral("window %1,%2 %3x%4 on a %5x%6 screen")
                                .arg(window.frameGeometry().x())
                                .arg(window.frameGeometry().y())
                                .arg(window.frameGeometry().width())
                                .arg(window.frameGeometry().height())
                                .arg(available.width())
                                .arg(available.height())));
        QVERIFY(window.minimumSizeHint().width() <= available.width());
    }
}

void TestGuiFit::everyPageFits_data()
{
    QTest::addColumn<int>("screenWidth");
    QTest::addColumn<QString>("language");
    for (int width : { 1024, 1366 }) {
        for (const char* language : { "en", "ko" })
            QTest::addRow("%dx768 %s", width, language) << width << QString::fromLatin1(language);
    }
}

void TestGuiFit::everyPageFits()
{
    QFETCH(int, screenWidth);
    QFETCH(QString, language);
    test::UiLanguage ui(language);
    QScreen* screen = screenOfWidth(screenWidth);
    QVERIFY(screen);
    const QString shots = qEnvironmentVariableIsSet("CAMPDESK_SHOTS")
        ? qEnvironmentVariable("CAMPDESK_SHOTS")
        : QDir(QStringLiteral(CAMPDESK_BINARY_DIR)).filePath(QStringLiteral("screenshots/fit"));
    QDir().mkpath(shots);

    MainWindow window(m_manager, m_context->db->describe());
    addAdminPages(window, *m_context);
    window.setScreen(screen);
    // Maximized on the office screen: all of its free area, less the frame.
    const QRect available = screen->availableGeometry();
    window.setGeometry(available.adjusted(8, 32, -8, -8));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QStringList widest;
    for (const QString& id : window.pageIds())
        widest << QStringLiteral("%1 %2").arg(id).arg(window.page(id)->minimumSizeHint().width());
    QVERIFY2(window.minimumSizeHint().width() <= available.width() - 16,
             qPrintable(QStringLiteral("minimum width %1: %2")
                            .arg(window.minimumSizeHint().width())
                            .arg(widest.join(QStringLiteral(", ")))));
    QVERIFY2(window.minimumSizeHint().height() <= available.height() - 40,
             qPrintable(QStringLiteral("minimum height %1").arg(window.minimumSizeHint().height())));
    QCOMPARE(window.size(), available.adjusted(8, 32, -8, -8).size());

    QStringList problems;
    for (const QString& id : window.pageIds()) {
        QVERIFY(window.showPage(id));
        QTest::qWait(120); // deferred column fitting and coalesced refreshes
        QWidget* page = window.page(id);
        for (QTableView* view : page->findChildren<QTableView*>()) {
            if (!view->isVisibleTo(page) || qobject_cast<AvailabilityRack*>(view))
                continue; // the rack scrolls through its dates by design
            if (view->horizontalScrollBar()->maximum() > 0)
                problems << QStringLiteral("%1/%2 scrolls sideways by %3 px")
                                .arg(id, view->objectName())
                                .arg(view->horizontalScrollBar()->maximum());
            // The waitlist's headers are read whole: it has room for them, and a column of free text ("Offered site")
            // gave its own away first.
            for (int c = 0; id == QLatin1String("waitlist") && c < view->model()->columnCount(); ++c) {
                const QString title = view->model()->headerData(c, Qt::Horizontal).toString();
                const int needed = view->horizontalHeader()->fontMetrics().horizontalAdvance(title) + 8;
                if (!view->isColumnHidden(c) && view->columnWidth(c) < needed)
                    problems << QStringLiteral("%1 header '%2' is cut (%3 < %4 px)")
                                    .arg(id, title)
                                    .arg(view->columnWidth(c))
                                    .arg(needed);
            }
            // Every column shows at least its header's first letters: none is squeezed to nothing.
            for (int c = 0; c < view->model()->columnCount(); ++c) {
                if (!view->isColumnHidden(c) && view->columnWidth(c) < 40)
                    problems << QStringLiteral("%1/%2 column %3 is %4 px")
                                    .arg(id, view->objectName())
                                    .arg(c)
                                    .arg(view->columnWidth(c));
            }
        }
        // A search field's hint says what it searches: it is read whole, not "Review, guest, phone, campsite or b…".
        for (QLineEdit* edit : page->findChildren<QLineEdit*>()) {
            if (!edit->isVisibleTo(page) || edit->placeholderText().isEmpty() || !edit->text().isEmpty())
                continue;
            // The frame and margins, and the clear button's room where there is one.
            const int needed = edit->fontMetrics().horizontalAdvance(edit->placeholderText()) + 10
                + (edit->isClearButtonEnabled() ? 24 : 0);
            if (edit->width() < needed)
                problems << QStringLiteral("%1: the hint '%2' is cut (%3 < %4 px)")
                                .arg(id, edit->placeholderText())
                                .arg(edit->width())
                                .arg(needed);
        }
        if (id == QLatin1String("dashboard")) {
            // Tile labels and figures are shown whole, not "F..." or "Confirme...".
            for (QLabel* label : page->findChildren<QLabel*>()) {
                if (!label->isVisibleTo(page) || label->wordWrap() || label->text().isEmpty()
                    || label->textFormat() == Qt::RichText)
                    continue;
                if (label->width() < label->fontMetrics().horizontalAdvance(label->text()))
                    problems << QStringLiteral("dashboard label '%1' is cut (%2 < %3 px)")
                                    .arg(label->text())
                                    .arg(label->width())
                                    .arg(label->fontMetrics().horizontalAdvance(label->text()));
            }
            // Every chart title, month and day under a chart has room for its whole text ("10월", not "...").
            for (QChartView* chartView : page->findChildren<QChartView*>()) {
                QChart* chart = chartView->chart();
                const qreal titleWidth = QFontMetricsF(chart->titleFont()).horizontalAdvance(chart->title());
                if (titleWidth + 2 * 8 > chart->size().width())
                    problems << QStringLiteral("chart title '%1' needs %2 px of %3")
                                    .arg(chart->title())
                                    .arg(titleWidth)
                                    .arg(chart->size().width());
                for (QAbstractAxis* axis : chart->axes(Qt::Horizontal)) {
                    auto* categories = qobject_cast<QBarCategoryAxis*>(axis);
                    if (!categories || categories->count() == 0)
                        continue;
                    const qreal room = chart->plotArea().width() / categories->count();
                    const QFontMetricsF metrics(categories->labelsFont());
                    // QtCharts keeps a few pixels of padding on each side of a label and elides what does not
                    // fit in the rest ("12월" of 20 px was cut to "..." in 27 px).
                    const qreal padding = 8;
                    for (const QString& category : categories->categories()) {
                        if (metrics.horizontalAdvance(category) + padding > room)
                            problems << QStringLiteral("chart '%1' label '%2' needs %3 px of %4")
                                            .arg(chart->title(), category)
                                            .arg(metrics.horizontalAdvance(category))
                                            .arg(room);
                    }
                }
            }
        }
        if (id == QLatin1String("settings")) {
            // The cancellation table's headers whole ("ys before check-in (at lea" was cut at 1024 in English), every
            // one-line label and group title whole: a form squeezed under its minimum cuts them.
            for (QTableView* view : page->findChildren<QTableView*>()) {
                QHeaderView* header = view->horizontalHeader();
                const int margin = header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
                for (int c = 0; c < view->model()->columnCount(); ++c) {
                    const QString text = view->model()->headerData(c, Qt::Horizontal).toString();
                    const int needed = header->fontMetrics().horizontalAdvance(text) + 2 * margin;
                    if (header->sectionSize(c) < needed)
                        problems << QStringLiteral("settings/%1 header '%2' is cut (%3 < %4 px)")
                                        .arg(view->objectName(), text)
                                        .arg(header->sectionSize(c))
                                        .arg(needed);
                }
            }
            for (QLabel* label : page->findChildren<QLabel*>()) {
                if (!label->isVisibleTo(page) || label->wordWrap() || label->text().isEmpty()
                    || label->textFormat() == Qt::RichText || label->text().startsWith(QLatin1Char('<')))
                    continue;
                const QString text = QString(label->text()).remove(QLatin1Char('&'));
                if (label->width() < label->fontMetrics().horizontalAdvance(text))
                    problems << QStringLiteral("settings label '%1' is cut (%2 < %3 px)")
                                    .arg(text)
                                    .arg(label->width())
                                    .arg(label->fontMetrics().horizontalAdvance(text));
            }
            for (QGroupBox* box : page->findChildren<QGroupBox*>()) {
                if (box->isVisibleTo(page) && box->width() < box->fontMetrics().horizontalAdvance(box->title()) + 16)
                    problems
                        << QStringLiteral("settings group '%1' is cut (%2 px)").arg(box->title()).arg(box->width());
            }
        }
        window.grab().save(QStringLiteral("%1/%2-%3-%4.png").arg(shots, id).arg(screenWidth).arg(language));
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    QSettings().clear();
}

// Two office screens side by side, as the offscreen platform's configuration file describes them.
int main(int argc, char* argv[])
{
    const QString config
        = QDir::temp().filePath(QStringLiteral("campdesk-fit-screens-%1.json").arg(QCoreApplication::applicationPid()));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly))
        return 2;
    file.write(R"({ "windowFrameMargins": true, "screens": [
        { "name": "office-1024", "x": 0, "y": 0, "width": 1024, "height": 768, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1 },
        { "name": "office-1366", "x": 1024, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1 } ] })");
    file.close();
    qputenv("QT_QPA_PLATFORM", QByteArray("offscreen:configfile=") + config.toLocal8Bit());
    QApplication app(argc, argv);
    TestGuiFit test;
    QTEST_SET_MAIN_SOURCE_PATH
    const int result = QTest::qExec(&test, argc, argv);
    QFile::remove(config);
    return result;
}

#include "tst_gui_fit.moc"
