// The Day sheets page and the guest details as a person sees them: the arrivals with guest name, plates and
// equipment, the totals under each sheet, the cash-up's lines and total, the CSV and the PDF; the reservation
// dialog's guest details with each problem under its field. Screenshots at 1024x768 and 1366x768 in Korean and
// English under build/screens/.
#include "admin/daysheetspage.h"
#include "bookingfixture.h"
#include "core/money.h"
#include "dialogs/customereditordialog.h"
#include "dialogs/deskbookingdialog.h"
#include "dialogs/reservationdialog.h"
#include "domain/daysheetquery.h"
#include "domain/guestdetailsservice.h"
#include "domain/mileageservice.h"
#include "globalpooloccupied.h"
#include "itemmodels/daysheetmodel.h"
#include "mainwindow.h"
#include "uilanguage.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

using namespace campdesk;
using namespace campdesk::test;

namespace {

QString screensDir()
{
    QString binaryDir = qEnvironmentVariable("CAMPDESK_BINARY_DIR");
    if (binaryDir.isEmpty())
        binaryDir = QStringLiteral(CAMPDESK_BINARY_DIR);
    const QString folder = QDir(binaryDir).filePath(QStringLiteral("screens"));
    QDir().mkpath(folder);
    return folder;
}

bool grab(QWidget* widget, const QString& name)
{
    QApplication::processEvents();
    return widget->grab().save(QDir(screensDir()).filePath(name + QStringLiteral(".png")));
}

// A campground with a day of arrivals (one with a guest name, plates and a caravan), a departure, a guest staying
// on, and payments in cash, on the card machine and through the terminal.
struct Day
{
    explicit Day(BookingFixture& f)
        : guestDetails(f.db())
        , query(f.db())
    {
        const QList<Campsite> sites { f.addSite(QStringLiteral("A-01")), f.addSite(QStringLiteral("A-02")),
                                      f.addSite(QStringLiteral("B-01")), f.addSite(QStringLiteral("B-02")) };
        day = f.today().addDays(3);
        caravan = f.book(f.request(sites[0], 3, 2, QStringLiteral("010-1111-2222"), QStringLiteral("김민준")));
        Result<Reservation> cash
            = f.booking->book(BookingFixture::desk(),
                              f.request(sites[1], 3, 1, QStringLiteral("010-3333-4444"), QStringLiteral("Jane Doe"), 3),
                              f.deskPayment, QStringLiteral("cash"));
        cashBooking = cash.ok() ? cash.value() : Reservation();
        leaving = f.book(f.request(sites[2], 1, 2, QStringLiteral("010-5555-6666"), QStringLiteral("이서연")));
        GuestDetails d;
        d.guestName = QStringLiteral("김하늘");
        d.plates = { QStringLiteral("12가3456"), QStringLiteral("서울34나5678") };
        d.equipment = QStringLiteral("caravan");
        d.equipmentLengthDm = 75;
        d.notes = QStringLiteral("늦게 도착 (22시)");
        detailsSaved = guestDetails.set(BookingFixture::desk(), caravan.id, d).ok();
    }

    GuestDetailsService guestDetails;
    DaySheetQuery query;
    QDate day;
    Reservation caravan;
    Reservation cashBooking;
    Reservation leaving;
    bool detailsSaved = false;
};

// `onAWorker`: the sheets read as the admin window's do, each on a worker with its own connection.
DaySheetsPage* makePage(BookingFixture& f, DaySheetQuery& query, bool onAWorker = false)
{
    auto sheet = [&](DaySheetKind kind) {
        auto* model = new DaySheetModel(f.db(), &f.bus, BookingFixture::desk(), kind);
        model->setLoadsInBackground(onAWorker);
        return model;
    };
    return new DaySheetsPage(sheet(DaySheetKind::Arrivals), sheet(DaySheetKind::Departures),
                             sheet(DaySheetKind::OnSite), query, &f.bus, BookingFixture::desk());
}

QString cell(QTableView* view, int row, int column)
{
    return view->model()->index(row, column).data().toString();
}

} // namespace

class TestGuiDaySheets : public QObject
{
    Q_OBJECT
private slots:
    void arrivalsShowTheGuestDetailsAndTotals();
    void anotherDayIsReadOnAWorkerAndNeverExportedUnderItsDate();
    void sheetsAreReadWhileThePaintersPoolIsBusy();
    void cashUpShowsEachMethodAndTheTotal();
    void cashUpIsReadOnAWorkerAndNeverExportedUnderAnotherDate();
    void sheetsExportAndSaveAsPdf();
    void reservationDialogEditsTheGuestDetails();
    void deskBookingSavesTheGuestDetailsOncePaid();
    void customerEditorListsBookingsAndPoints();
    void screenshots_data();
    void screenshots();
};

void TestGuiDaySheets::arrivalsShowTheGuestDetailsAndTotals()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    Day d(f);
    QVERIFY(d.detailsSaved);
    std::unique_ptr<DaySheetsPage> page(makePage(f, d.query));
    page->resize(1024, 700);
    page->show();
    page->setDay(d.day);
    QCOMPARE(page->day(), d.day);

    auto* arrivals = page->findChild<QTableView*>(QStringLiteral("arrivals"));
    QVERIFY(arrivals);
    QCOMPARE(arrivals->model()->rowCount(), 2);
    QCOMPARE(cell(arrivals, 0, DaySheetModel::Campsite), QStringLiteral("A-01 Site A-01"));
    QCOMPARE(cell(arrivals, 0, DaySheetModel::Guest), QStringLiteral("김하늘"));
    QCOMPARE(cell(arrivals, 0, DaySheetModel::Vehicles), QStringLiteral("12가3456, 서울34나5678"));
    QCOMPARE(cell(arrivals, 0, DaySheetModel::Equipment), QStringLiteral("Caravan, 7.5 m"));
    QCOMPARE(cell(arrivals, 0, DaySheetModel::Notes), QStringLiteral("늦게 도착 (22시)"));
    QCOMPARE(cell(arrivals, 0, DaySheetModel::Paid), formatWon(d.caravan.amount));
    QCOMPARE(cell(arrivals, 0, DaySheetModel::Balance), formatWon(0));
    // No guest name given: the customer's.
    QCOMPARE(cell(arrivals, 1, DaySheetModel::Guest), QStringLiteral("Jane Doe"));
    QCOMPARE(cell(arrivals, 1, DaySheetModel::Guests), QStringLiteral("3"));
    const QString summary = page->findChild<QLabel*>(QStringLiteral("arrivalsSummary"))->text();
    // (Plain English here, without the translation that makes the plurals.)
    QVERIFY2(summary.contains(QStringLiteral("2 arrival")) && summary.contains(QStringLiteral("5 guest")),
             qPrintable(summary));

    auto* departures = page->findChild<QTableView*>(QStringLiteral("departures"));
    QCOMPARE(departures->model()->rowCount(), 1);
    QCOMPARE(cell(departures, 0, DaySheetModel::Guest), QStringLiteral("이서연"));
    QVERIFY(
        page->findChild<QLabel*>(QStringLiteral("departuresSummary"))->text().contains(QStringLiteral("1 departure")));
    auto* onSite = page->findChild<QTableView*>(QStringLiteral("onSite"));
    QCOMPARE(onSite->model()->rowCount(), 2);

    // A booking made meanwhile (at another terminal or here) shows without a refresh.
    const Campsite another = f.addSite(QStringLiteral("C-01"));
    f.book(f.request(another, 3, 1, QStringLiteral("010-7777-8888"), QStringLiteral("Han")));
    QCOMPARE(arrivals->model()->rowCount(), 3);
    QVERIFY(page->findChild<QLabel*>(QStringLiteral("arrivalsSummary"))->text().contains(QStringLiteral("3 arrival")));

    // Another day, by the buttons.
    QTest::mouseClick(page->findChild<QPushButton*>(QStringLiteral("nextDay")), Qt::LeftButton);
    QCOMPARE(page->day(), d.day.addDays(1));
    QCOMPARE(arrivals->model()->rowCount(), 0);
}

void TestGuiDaySheets::anotherDayIsReadOnAWorkerAndNeverExportedUnderItsDate()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    Day d(f);
    std::unique_ptr<DaySheetsPage> page(makePage(f, d.query, true));
    page->resize(1024, 700);
    page->show();
    auto* arrivals = page->findChild<QTableView*>(QStringLiteral("arrivals"));
    auto* sheet = qobject_cast<DaySheetModel*>(arrivals->model());
    auto* summary = page->findChild<QLabel*>(QStringLiteral("arrivalsSummary"));
    QVERIFY(sheet && summary);
    page->setDay(d.day);
    QTRY_VERIFY(!sheet->isLoading());
    QCOMPARE(sheet->shownDay(), d.day);
    QCOMPARE(arrivals->model()->rowCount(), 2);

    // The next day: while it is read, the rows on screen stay under a busy cursor, the summary says the day is being
    // read, and neither the CSV nor the print take the old day's rows under the new date.
    page->setDay(d.day.addDays(1));
    QVERIFY(sheet->isLoading());
    QCOMPARE(arrivals->model()->rowCount(), 2);
    QCOMPARE(summary->text(), QStringLiteral("Reading the day's bookings…"));
    QCOMPARE(arrivals->viewport()->cursor().shape(), Qt::BusyCursor);
    QString csv;
    QTextStream out(&csv);
    QString error;
    QVERIFY(!page->exportCsv(out, &error));
    QVERIFY2(error.contains(QStringLiteral("still being read")), qPrintable(error));
    QVERIFY(csv.isEmpty());
    QTRY_VERIFY(!sheet->isLoading());
    QCOMPARE(sheet->shownDay(), d.day.addDays(1));
    QCOMPARE(arrivals->model()->rowCount(), 0);
    QVERIFY2(summary->text().contains(QStringLiteral("0 arrival")), qPrintable(summary->text()));
    QCOMPARE(arrivals->viewport()->cursor().shape(), Qt::ArrowCursor);
    QVERIFY(page->exportCsv(out, &error));

    // Two days chosen quickly: the first day's read is overtaken and never shown; one reset, with the last day's rows.
    QSignalSpy resets(sheet, &QAbstractItemModel::modelReset);
    page->setDay(d.day.addDays(2));
    page->setDay(d.day);
    QTRY_VERIFY(!sheet->isLoading());
    QCOMPARE(resets.count(), 1);
    QCOMPARE(sheet->shownDay(), d.day);
    QCOMPARE(arrivals->model()->rowCount(), 2);
    QCOMPARE(cell(arrivals, 0, DaySheetModel::Guest), QStringLiteral("김하늘"));
}

// Qt's raster painter waits on the global thread pool for its fills; when the sheets read there, opening the page
// froze the window until the reads were done (490-690 ms on a million bookings). With every global thread busy (as
// while painting) the sheets still read.
void TestGuiDaySheets::sheetsAreReadWhileThePaintersPoolIsBusy()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    Day d(f);
    DaySheetModel arrivals(f.db(), &f.bus, BookingFixture::desk(), DaySheetKind::Arrivals);
    arrivals.setLoadsInBackground(true);
    GlobalPoolOccupied painting;
    arrivals.setDay(d.day);
    QVERIFY(arrivals.isLoading());
    QTRY_VERIFY(!arrivals.isLoading());
    QCOMPARE(arrivals.shownDay(), d.day);
    QCOMPARE(arrivals.rowCount(), 2);
}

void TestGuiDaySheets::cashUpShowsEachMethodAndTheTotal()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    Day d(f);
    std::unique_ptr<DaySheetsPage> page(makePage(f, d.query));
    page->show();
    page->setDay(f.today());
    page->findChild<QTabWidget*>(QStringLiteral("sheets"))->setCurrentIndex(3);
    auto* cash = page->findChild<QTableView*>(QStringLiteral("cashUp"));
    QVERIFY(cash);
    // Terminal card and desk cash (desk staff), then the total.
    QCOMPARE(cash->model()->rowCount(), 3);
    const int total = cash->model()->rowCount() - 1;
    QCOMPARE(cell(cash, total, 0), QStringLiteral("Total"));
    const qint64 taken = d.caravan.amount + d.cashBooking.amount + d.leaving.amount;
    QCOMPARE(cell(cash, total, 3), formatWon(taken));
    QCOMPARE(cell(cash, total, 2), QStringLiteral("3"));
    QStringList methods;
    for (int row = 0; row < total; ++row)
        methods << cell(cash, row, 0);
    QVERIFY2(methods.contains(QStringLiteral("Front desk · Cash")), qPrintable(methods.join(QLatin1Char('|'))));
    QVERIFY2(methods.contains(QStringLiteral("Simulated terminal · Card")), qPrintable(methods.join(QLatin1Char('|'))));
    QCOMPARE(page->findChild<QLabel*>(QStringLiteral("cashUpSummary"))->text(),
             QStringLiteral("Taken %1, refunded %2: %1 for the day.").arg(formatWon(taken), formatWon(0)));

    // A refund shows at once, as its own column and in the net.
    CancelRequest cancel;
    cancel.reservationId = d.cashBooking.id;
    cancel.reason = QStringLiteral("customer");
    Result<Reservation> cancelled = f.booking->cancel(BookingFixture::desk(), cancel);
    CAMPDESK_VERIFY_OK(cancelled);
    QCOMPARE(cell(cash, total, 5), formatWon(cancelled->refundAmount));
    QCOMPARE(cell(cash, total, 6), formatWon(taken - cancelled->refundAmount));
}

// As the admin window shows it: the cash-up is read on a worker (opening the page read it on the window's thread,
// 148 ms on a cold PostgreSQL at a million bookings), and another day's is not exported until it is read.
void TestGuiDaySheets::cashUpIsReadOnAWorkerAndNeverExportedUnderAnotherDate()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    Day d(f);
    std::unique_ptr<DaySheetsPage> page(makePage(f, d.query, true));
    page->show();
    QVERIFY(QTest::qWaitForWindowExposed(page.get()));
    page->findChild<QTabWidget*>(QStringLiteral("sheets"))->setCurrentIndex(3);
    page->setDay(f.today());
    auto* cash = page->findChild<QTableView*>(QStringLiteral("cashUp"));
    QVERIFY(cash);
    QTRY_COMPARE(cash->model()->rowCount(), 3);
    QCOMPARE(page->stillReading(), QString());
    const qint64 taken = d.caravan.amount + d.cashBooking.amount + d.leaving.amount;
    QCOMPARE(cell(cash, 2, 3), formatWon(taken));

    page->setDay(f.today().addDays(-1));
    QString csv;
    QTextStream out(&csv);
    QString error;
    QVERIFY(!page->exportCsv(out, &error));
    QVERIFY2(error.contains(QStringLiteral("payments")), qPrintable(error));
    QVERIFY(csv.isEmpty());
    QCOMPARE(cell(cash, 2, 3), formatWon(taken)); // today's, until the day before is read
    QTRY_COMPARE(page->stillReading(), QString());
    QCOMPARE(cash->model()->rowCount(), 1); // nothing taken that day: the total alone
    QCOMPARE(cell(cash, 0, 3), formatWon(0));
    QVERIFY(page->exportCsv(out, &error));
}

void TestGuiDaySheets::sheetsExportAndSaveAsPdf()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    Day d(f);
    std::unique_ptr<DaySheetsPage> page(makePage(f, d.query));
    page->show(); // export is offered for the page on screen; a hidden one reads its sheets when shown
    page->setDay(d.day);
    QVERIFY(page->canExport());
    QString csv;
    QTextStream out(&csv);
    QString error;
    QVERIFY(page->exportCsv(out, &error));
    out.flush();
    QVERIFY2(csv.startsWith(QStringLiteral("Campsite,Guest,Guests,Vehicles")), qPrintable(csv.left(80)));
    QVERIFY2(csv.contains(QStringLiteral("12가3456, 서울34나5678")), qPrintable(csv));
    QVERIFY2(csv.contains(QStringLiteral(",%1,0,").arg(d.caravan.amount)), qPrintable(csv)); // paid, balance as numbers
    QCOMPARE(page->exportFileName(), QStringLiteral("arrivals-%1.csv").arg(d.day.toString(Qt::ISODate)));

    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("arrivals.pdf"));
    MainWindow::setSaveFileNameProviderForTesting([&](const QString&) { return target; });
    QTest::mouseClick(page->findChild<QPushButton*>(QStringLiteral("savePdf")), Qt::LeftButton);
    MainWindow::setSaveFileNameProviderForTesting({});
    QFile pdf(target);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QVERIFY(pdf.read(5).startsWith("%PDF"));
    QVERIFY(pdf.size() > 1000);
    QVERIFY(page->findChild<QLabel*>(QStringLiteral("savedTo"))->text().contains(QStringLiteral("arrivals.pdf")));
}

void TestGuiDaySheets::reservationDialogEditsTheGuestDetails()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    const Campsite site = f.addSite(QStringLiteral("A-01"));
    const Reservation r = f.book(f.request(site, 2, 2, QStringLiteral("010-1234-5678"), QStringLiteral("박지훈")));
    CAMPDESK_VERIFY_OK(f.db().write([&](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("UPDATE campsites SET max_equipment_length_dm = 60 WHERE id = ?"), { site.id });
        return {};
    }));
    GuestDetailsService service(f.db());
    ReservationDialog dialog(*f.booking, service, r.id, BookingFixture::desk());
    dialog.QDialog::show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    // Booked in the customer's own name: the field is empty and says whose name it is.
    auto* name = dialog.findChild<QLineEdit*>(QStringLiteral("guestName"));
    QCOMPARE(name->text(), QString());
    QVERIFY2(name->placeholderText().contains(QStringLiteral("박지훈")), qPrintable(name->placeholderText()));
    auto* save = dialog.findChild<QPushButton*>(QStringLiteral("saveGuestDetails"));
    QVERIFY(!save->isEnabled());

    // A bad plate: said under that plate, and nothing can be saved.
    // Hangul as an input method hands it over: whole text at once (QTest types ASCII only).
    name->setText(QStringLiteral("최유나"));
    dialog.findChild<QLineEdit*>(QStringLiteral("plate1"))->setText(QStringLiteral("12가 3456"));
    QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("plate2")), QStringLiteral("ABC-123"));
    auto* plateMessage = dialog.findChild<QLabel*>(QStringLiteral("plate2Message"));
    QVERIFY(plateMessage->isVisible());
    QVERIFY2(plateMessage->text().contains(QStringLiteral("12가3456")), qPrintable(plateMessage->text()));
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("plate1Message"))->text().isEmpty());
    QVERIFY(!save->isEnabled());
    dialog.findChild<QLineEdit*>(QStringLiteral("plate2"))->clear();
    QVERIFY(plateMessage->text().isEmpty());
    QVERIFY(save->isEnabled());

    // A caravan longer than the site takes: the service's answer under the length.
    auto* equipment = dialog.findChild<QComboBox*>(QStringLiteral("equipment"));
    auto* length = dialog.findChild<QDoubleSpinBox*>(QStringLiteral("equipmentLength"));
    QVERIFY(!length->isEnabled());
    equipment->setCurrentIndex(equipment->findData(QStringLiteral("caravan")));
    QVERIFY(length->isEnabled());
    length->setValue(7.5);
    QTest::mouseClick(save, Qt::LeftButton);
    const QString tooLong = dialog.findChild<QLabel*>(QStringLiteral("equipmentLengthMessage"))->text();
    QVERIFY2(tooLong.contains(QStringLiteral("6 m")), qPrintable(tooLong));
    QCOMPARE(service.get(BookingFixture::desk(), r.id)->plates, QStringList());

    length->setValue(5.5);
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(dialog.findChild<QLabel*>(QStringLiteral("guestDetailsState"))->text(),
             QStringLiteral("Guest details saved."));
    Result<GuestDetails> stored = service.get(BookingFixture::desk(), r.id);
    CAMPDESK_VERIFY_OK(stored);
    QCOMPARE(stored->guestName, QStringLiteral("최유나"));
    QCOMPARE(stored->plates, QStringList { QStringLiteral("12가3456") });
    QCOMPARE(stored->equipmentLengthDm, 55);
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("details"))->text().contains(QStringLiteral("최유나")));
}

void TestGuiDaySheets::deskBookingSavesTheGuestDetailsOncePaid()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    const Campsite site = f.addSite(QStringLiteral("A-01"));
    CustomerService customers(f.db());
    GuestDetailsService service(f.db());
    DeskBookingDialog dialog(*f.booking, customers, *f.campsites, { &f.deskPayment, &f.terminal },
                             BookingFixture::desk());
    dialog.setGuestDetailsService(&service);
    dialog.prefill(site.id, f.today().addDays(4), f.today().addDays(6));
    dialog.show();
    dialog.findChild<QLineEdit*>(QStringLiteral("phone"))->setText(QStringLiteral("010-7777-8888"));
    QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("name")), QStringLiteral("Alice Park"));
    auto* box = dialog.findChild<QGroupBox*>(QStringLiteral("guestDetailsBox"));
    QVERIFY(box);
    QVERIFY(!box->isChecked()); // optional: closed until wanted
    QVERIFY(!dialog.findChild<QLineEdit*>(QStringLiteral("plate1"))->isVisible());
    box->setChecked(true);
    QVERIFY(dialog.findChild<QLineEdit*>(QStringLiteral("guestName"))
                ->placeholderText()
                .contains(QStringLiteral("Alice Park")));
    dialog.findChild<QRadioButton*>(QStringLiteral("payCash"))->setChecked(true);

    // A bad plate stops the booking before any money moves.
    dialog.findChild<QLineEdit*>(QStringLiteral("plate1"))->setText(QStringLiteral("XYZ"));
    auto* ok = dialog.findChild<QPushButton*>(QStringLiteral("bookAndPay"));
    QTest::mouseClick(ok, Qt::LeftButton);
    QVERIFY(!dialog.isPaying());
    QVERIFY(!dialog.findChild<QLabel*>(QStringLiteral("plate1Message"))->text().isEmpty());
    QCOMPARE(f.booking->forCustomer(1)->size(), 0);

    dialog.findChild<QLineEdit*>(QStringLiteral("plate1"))->setText(QStringLiteral("34나 5678"));
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.result() == QDialog::Accepted, 10000);
    Result<GuestDetails> stored = service.get(BookingFixture::desk(), dialog.reservation().id);
    CAMPDESK_VERIFY_OK(stored);
    QCOMPARE(stored->plates, QStringList { QStringLiteral("34나5678") });
    QCOMPARE(stored->guestName, QString()); // the customer's name
}

void TestGuiDaySheets::customerEditorListsBookingsAndPoints()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    const Campsite site = f.addSite(QStringLiteral("A-01"));
    const Reservation first = f.book(f.request(site, 2, 2));
    const Reservation second = f.book(f.request(site, 10, 1));
    CancelRequest cancel;
    cancel.reservationId = second.id;
    cancel.reason = QStringLiteral("customer");
    CAMPDESK_VERIFY_OK(f.booking->cancel(BookingFixture::desk(), cancel));
    CustomerService customers(f.db());
    MileageService mileage(f.db());
    CustomerEditorDialog dialog(customers, BookingFixture::desk(), first.customerId);
    dialog.showHistory(*f.booking, mileage);
    dialog.show();
    auto* stays = dialog.findChild<QTableWidget*>(QStringLiteral("customerBookings"));
    QVERIFY(stays);
    QCOMPARE(stays->rowCount(), 2);
    QStringList codes { stays->item(0, 0)->text(), stays->item(1, 0)->text() };
    QVERIFY(codes.contains(first.code) && codes.contains(second.code));
    auto* points = dialog.findChild<QTableWidget*>(QStringLiteral("customerLedger"));
    // Earned twice, and the cancelled booking's points taken back.
    QCOMPARE(points->rowCount(), 3);
    QCOMPARE(points->item(points->rowCount() - 1, 3)->text(),
             QLocale().toString(mileage.balance(first.customerId).value()));
    QVERIFY(grab(&dialog, QStringLiteral("customer-editor-history-en")));
}

void TestGuiDaySheets::screenshots_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("ko") << QStringLiteral("ko");
    QTest::newRow("en") << QStringLiteral("en");
}

void TestGuiDaySheets::screenshots()
{
    QFETCH(QString, language);
    UiLanguage ui(language);
    QVERIFY(ui.ok());
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    Day d(f);
    // Two named members of staff taking money today, so the cash-up shows a line per person who took it.
    int phone = 0;
    for (const QString& name : { QStringLiteral("jisoo"), QStringLiteral("minho") }) {
        qint64 id = 0;
        CAMPDESK_VERIFY_OK(f.db().write([&](Transaction& tx) -> Status {
            SqlRows q = tx.exec(QStringLiteral("INSERT INTO users (username, display_name, role, password_hash, salt, "
                                               "iterations, created_at, updated_at) VALUES (?, ?, 'frontdesk', 'h', "
                                               "'s', 1, 0, 0) RETURNING id"),
                                { name, name });
            q.next();
            id = q.value(0).toLongLong();
            return {};
        }));
        const Actor staff { id, name, Role::FrontDesk };
        const Campsite site = f.addSite(QStringLiteral("C-0%1").arg(++phone));
        CAMPDESK_VERIFY_OK(f.booking->book(
            staff, f.request(site, 5, 2, QStringLiteral("010-7000-000%1").arg(phone), QStringLiteral("최유진")),
            f.deskPayment, phone == 1 ? QStringLiteral("cash") : QStringLiteral("desk_card")));
    }
    for (const QSize size : { QSize(1024, 768), QSize(1366, 768) }) {
        const QString suffix = QStringLiteral("%1x%2-%3").arg(size.width()).arg(size.height()).arg(language);
        std::unique_ptr<DaySheetsPage> page(makePage(f, d.query));
        page->resize(size);
        page->show();
        QVERIFY(QTest::qWaitForWindowExposed(page.get()));
        page->setDay(d.day);
        QVERIFY(grab(page.get(), QStringLiteral("daysheets-arrivals-") + suffix));
        page->setDay(f.today());
        page->findChild<QTabWidget*>(QStringLiteral("sheets"))->setCurrentIndex(3);
        QVERIFY(grab(page.get(), QStringLiteral("daysheets-cashup-") + suffix));

        // As the admin window reads them, on a worker: the next day being read, the rows shown meanwhile.
        std::unique_ptr<DaySheetsPage> reading(makePage(f, d.query, true));
        reading->resize(size);
        reading->show();
        QVERIFY(QTest::qWaitForWindowExposed(reading.get()));
        auto* arrivals
            = qobject_cast<DaySheetModel*>(reading->findChild<QTableView*>(QStringLiteral("arrivals"))->model());
        reading->setDay(d.day);
        QTRY_VERIFY(!arrivals->isLoading());
        reading->setDay(d.day.addDays(1));
        QVERIFY(arrivals->isLoading());
        // Grabbed at once: grab() lets events run first, and the worker's rows would come in meanwhile.
        QVERIFY(reading->grab().save(
            QDir(screensDir()).filePath(QStringLiteral("daysheets-reading-") + suffix + QStringLiteral(".png"))));
        QTRY_VERIFY(!arrivals->isLoading());

        ReservationDialog dialog(*f.booking, d.guestDetails, d.caravan.id, BookingFixture::desk());
        dialog.resize(std::min(size.width(), 640), std::min(size.height(), 760));
        dialog.QDialog::show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.findChild<QLineEdit*>(QStringLiteral("plate3"))->setText(QStringLiteral("ABC"));
        QVERIFY(!dialog.findChild<QLabel*>(QStringLiteral("plate3Message"))->text().isEmpty());
        QVERIFY(grab(&dialog, QStringLiteral("reservation-guestdetails-") + suffix));
        dialog.findChild<QLineEdit*>(QStringLiteral("plate3"))->clear();
    }
}

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    TestGuiDaySheets test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_gui_daysheets.moc"
