// The admin and front-desk app driven as staff would, on the offscreen platform: log in, register a campsite,
// book it from the availability rack (drag over nights -> prefilled desk booking -> pay cash), check in, book
// and cancel another stay with a refund, and check the tables, the mileage ledger and the rack afterwards.
// Front-desk users do not see manager-only pages and actions, and the services refuse them anyway.
// The status bar shows card payments' state from the circuit breakers of this and other terminals.
// Saves a screenshot of every page, in English and Korean, to build/screenshots/.
#include "admin/availabilitypage.h"
#include "admin/availabilityrack.h"
#include "admin/campsitespage.h"
#include "admin/columnfitter.h"
#include "admin/customerspage.h"
#include "admin/daysheetspage.h"
#include "admin/paymentspage.h"
#include "admin/reservationspage.h"
#include "admin/settingspage.h"
#include "admin/tablepage.h"
#include "adminpages.h"
#include "datatableview.h"
#include "datedelegate.h"
#include "deskactions.h"
#include "dialogs/balancedialog.h"
#include "dialogs/campsiteeditordialog.h"
#include "dialogs/canceldialog.h"
#include "dialogs/deskbookingdialog.h"
#include "dialogs/logindialog.h"
#include "dialogs/numberedit.h"
#include "dialogs/reservationdialog.h"
#include "domain/balanceservice.h"
#include "domain/depositsettings.h"
#include "itemmodels/availabilityrackmodel.h"
#include "itemmodels/csvexport.h"
#include "itemmodels/customertablemodel.h"
#include "itemmodels/daysheetmodel.h"
#include "itemmodels/mileageledgermodel.h"
#include "itemmodels/paymenttablemodel.h"
#include "itemmodels/reservationtablemodel.h"
#include "mainwindow.h"
#include "messagebox.h"
#include "ops/appcontext.h"
#include "ops/demodata.h"
#include "ops/eventfeed.h"
#include "payment/breakereventrecorder.h"
#include "payment/circuitbreaker.h"
#include "paymentstatuslabel.h"
#include "screenshot.h"
#include "testdatabase.h"
#include "uilanguage.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDateEdit>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressDialog>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSemaphore>
#include <QSettings>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocumentFragment>
#include <QTimer>
#include <QToolBar>

using namespace campdesk;

class TestGuiAdmin : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void bookFromTheRackCheckInAndCancelWithARefund();
    void deskBookingKeepsOkDisabledUntilValid();
    void frontDeskSeesNoManagerActionsAndServicesRefuse();
    void shortcutsAndRememberedLayout();
    void headerMenuHidesAndShowsColumnsForThisUser();
    void amountsAndDatesAreCutLastAndAHiddenColumnsWidthIsShared();
    void aNarrowDateColumnDropsTheYearNotTheDay();
    void exportWritesEveryMatchingRowAsShown();
    void exportShowsItsProgressAndCancelLeavesNoFile();
    void paymentStateInTheStatusBar_data();
    void paymentStateInTheStatusBar();
    void screenshotsOfEveryPage();
    void takeABalanceFromTheDaySheetMenu();

private:
    Actor logIn(const QString& username);
    std::unique_ptr<MainWindow> openWindow(const Actor& actor);
    template<typename T> T* waitForDialog();

    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_context;
    QList<DemoData::Login> m_logins;
    QList<QDialog*> m_dialogs;
};

void TestGuiAdmin::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Settings (column layouts, window geometry) go to a private file, not the user's.
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    MessageBox::setHandlerForTesting([](const MessageBox::Shown&) { return true; });
    DeskActions::setDialogObserverForTesting([this](QDialog* dialog) { m_dialogs.append(dialog); });
}

void TestGuiAdmin::init()
{
    static int counter = 0;
    Result<std::unique_ptr<AppContext>> opened
        = AppContext::open(m_dir.filePath(QStringLiteral("admin-%1.db").arg(++counter)));
    QVERIFY2(opened.ok(), qPrintable(opened.error().message));
    m_context = std::move(opened).value();
    Result<QList<DemoData::Login>> logins = DemoData::fillIfFresh(*m_context);
    QVERIFY2(logins.ok(), qPrintable(logins.error().message));
    m_logins = logins.value();
    m_dialogs.clear();
    QSettings().clear(); // each test starts from the default layouts
}

void TestGuiAdmin::cleanup()
{
    for (QWidget* widget : QApplication::topLevelWidgets()) {
        if (qobject_cast<QDialog*>(widget))
            widget->close();
    }
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    m_context.reset();
}

Actor TestGuiAdmin::logIn(const QString& username)
{
    QString password;
    for (const DemoData::Login& login : m_logins) {
        if (login.username == username)
            password = login.password;
    }
    LoginDialog dialog(*m_context->users, m_context->db->describe());
    dialog.show();
    QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("username")), username);
    QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("password")), password);
    QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("ok")), Qt::LeftButton);
    return dialog.result() == QDialog::Accepted ? dialog.actor() : Actor();
}

std::unique_ptr<MainWindow> TestGuiAdmin::openWindow(const Actor& actor)
{
    auto window = std::make_unique<MainWindow>(actor, m_context->db->describe());
    addAdminPages(*window, *m_context);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    return window;
}

template<typename T> T* TestGuiAdmin::waitForDialog()
{
    // Dialogs open without blocking; a missing one gives nullptr, which the caller's QVERIFY reports.
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 5000) {
        if (!m_dialogs.isEmpty()) {
            if (T* found = qobject_cast<T*>(m_dialogs.constLast()))
                return found;
        }
        QTest::qWait(10);
    }
    return nullptr;
}

void TestGuiAdmin::bookFromTheRackCheckInAndCancelWithARefund()
{
    const Actor manager = logIn(QStringLiteral("manager"));
    QCOMPARE(manager.role, Role::Manager);
    auto window = openWindow(manager);
    QVERIFY(window);
    QCOMPARE(
        window->findChild<QLabel*>(QStringLiteral("connectionStatus"))->text().contains(QLatin1String("connected")),
        true);

    // Register a campsite through the campsites page's editor.
    auto* campsites = qobject_cast<CampsitesPage*>(window->page(QStringLiteral("campsites")));
    QTimer::singleShot(0, this, [] {
        auto* editor = qobject_cast<CampsiteEditorDialog*>(QApplication::activeModalWidget());
        QVERIFY(editor);
        QTest::keyClicks(editor->findChild<QLineEdit*>(QStringLiteral("code")), QStringLiteral("Z-01"));
        editor->findChild<QLineEdit*>(QStringLiteral("name"))
            ->insert(QStringLiteral("노을 데크")); // keyClicks is ASCII only
        auto* price = editor->findChild<QLineEdit*>(QStringLiteral("nightlyPrice"));
        price->selectAll();
        QTest::keyClicks(price, QStringLiteral("50000"));
        QTest::mouseClick(editor->findChild<QPushButton*>(QStringLiteral("ok")), Qt::LeftButton);
    });
    campsites->findChild<QAction*>(QStringLiteral("newCampsite"))->trigger();
    Result<Campsite> site = m_context->campsites->findByCode(QStringLiteral("Z-01"));
    QVERIFY2(site.ok(), "the campsite was registered through the editor");

    // The rack shows it; drag over today and tomorrow on its row.
    QVERIFY(window->showPage(QStringLiteral("availability")));
    auto* rackPage = qobject_cast<AvailabilityPage*>(window->page(QStringLiteral("availability")));
    AvailabilityRack* rack = rackPage->rack();
    AvailabilityRackModel* rackModel = rackPage->model();
    QTRY_VERIFY(rackModel->rowOfCampsite(site->id) >= 0); // the CampsiteRegistered event refreshed the rack
    const int row = rackModel->rowOfCampsite(site->id);
    const int today = rackModel->columnOf(QDate::currentDate());
    QVERIFY(today >= 0);
    rack->scrollTo(rackModel->index(row, today));
    QTest::mousePress(rack->viewport(), Qt::LeftButton, {}, rack->cellRect(row, today).center());
    QTest::mouseMove(rack->viewport(), rack->cellRect(row, today + 1).center());
    QTest::mouseRelease(rack->viewport(), Qt::LeftButton, {}, rack->cellRect(row, today + 1).center());

    // The desk booking dialog opens prefilled; pay cash.
    auto* booking = waitForDialog<DeskBookingDialog>();
    QVERIFY(booking);
    QCOMPARE(booking->findChild<QComboBox*>(QStringLiteral("campsite"))->currentData().toLongLong(), site->id);
    QCOMPARE(booking->findChild<QDateEdit*>(QStringLiteral("checkIn"))->date(), QDate::currentDate());
    QCOMPARE(booking->findChild<QDateEdit*>(QStringLiteral("checkOut"))->date(), QDate::currentDate().addDays(2));
    auto* bookAndPay = booking->findChild<QPushButton*>(QStringLiteral("bookAndPay"));
    QVERIFY(!bookAndPay->isEnabled()); // no customer yet
    QTest::keyClicks(booking->findChild<QLineEdit*>(QStringLiteral("phone")), QStringLiteral("010-5555-1234"));
    booking->findChild<QLineEdit*>(QStringLiteral("name"))->insert(QStringLiteral("박서연"));
    QVERIFY2(bookAndPay->isEnabled(), qPrintable(booking->problem()));
    QVERIFY(booking->findChild<QLabel*>(QStringLiteral("quote"))->text().contains(QLatin1String("100,000")));
    booking->findChild<QRadioButton*>(QStringLiteral("payCash"))->setChecked(true);
    QTest::mouseClick(bookAndPay, Qt::LeftButton);
    // Once paid, the booking dialog closes (and is deleted) and the reservation's detail opens.

    // The reservation's detail opens next: check in.
    auto* detail = waitForDialog<ReservationDialog>();
    QVERIFY(detail);
    const Reservation first = detail->reservation();
    QCOMPARE(first.status, ReservationStatus::Confirmed);
    QCOMPARE(first.amount, 100000);
    auto* checkIn = detail->findChild<QPushButton*>(QStringLiteral("checkIn"));
    QVERIFY(checkIn->isEnabled());
    QVERIFY(!detail->findChild<QPushButton*>(QStringLiteral("checkOut"))->isEnabled());
    QTest::mouseClick(checkIn, Qt::LeftButton); // asks first (answered yes here), then runs off the GUI thread
    QTRY_COMPARE(detail->reservation().status, ReservationStatus::CheckedIn);
    QVERIFY(detail->findChild<QPushButton*>(QStringLiteral("checkOut"))->isEnabled());
    QVERIFY(!detail->findChild<QPushButton*>(QStringLiteral("cancelBooking"))->isEnabled());
    detail->close();

    // A second stay for the same customer, ten days ahead, through Ctrl+N; pay on the card machine.
    m_dialogs.clear();
    window->findChild<QAction*>(QStringLiteral("newBookingAction"))->trigger();
    auto* second = waitForDialog<DeskBookingDialog>();
    QVERIFY(second);
    second->prefill(site->id, QDate::currentDate().addDays(10), QDate::currentDate().addDays(11));
    QTest::keyClicks(second->findChild<QLineEdit*>(QStringLiteral("phone")), QStringLiteral("01055551234"));
    QCOMPARE(second->findChild<QLineEdit*>(QStringLiteral("name"))->text(), QStringLiteral("박서연")); // found by phone
    QVERIFY(second->findChild<QLabel*>(QStringLiteral("quote"))->text().contains(QLatin1String("5,000"))); // balance
    second->findChild<QRadioButton*>(QStringLiteral("payCardMachine"))->setChecked(true);
    QTest::mouseClick(second->findChild<QPushButton*>(QStringLiteral("bookAndPay")), Qt::LeftButton);
    auto* secondDetail = waitForDialog<ReservationDialog>();
    QVERIFY(secondDetail);
    const qint64 secondId = secondDetail->reservation().id;
    QCOMPARE(secondDetail->reservation().amount, 50000);

    // Cancel it: the refund by the rules (10 days ahead: 100%) is shown first; override it with a reason.
    bool ruleShown = false;
    bool okDisabledWithoutReason = false;
    QTimer::singleShot(0, this, [&] {
        auto* cancel = qobject_cast<CancelDialog*>(QApplication::activeModalWidget());
        QVERIFY(cancel);
        ruleShown = cancel->findChild<QLabel*>(QStringLiteral("refundRule"))->text().contains(QLatin1String("50,000"));
        QCOMPARE(cancel->ruleRefund(), 50000);
        cancel->findChild<QCheckBox*>(QStringLiteral("overrideRefund"))->setChecked(true);
        auto* amount = cancel->findChild<NumberEdit*>(QStringLiteral("refundAmount"));
        amount->setValue(40000);
        auto* confirm = cancel->findChild<QPushButton*>(QStringLiteral("confirmCancel"));
        okDisabledWithoutReason = !confirm->isEnabled();
        QTest::keyClicks(cancel->findChild<QLineEdit*>(QStringLiteral("reason")), QStringLiteral("late notice"));
        QVERIFY(confirm->isEnabled());
        QTest::mouseClick(confirm, Qt::LeftButton);
    });
    QTest::mouseClick(secondDetail->findChild<QPushButton*>(QStringLiteral("cancelBooking")), Qt::LeftButton);
    QVERIFY(ruleShown);
    QVERIFY(okDisabledWithoutReason);
    QTRY_COMPARE(secondDetail->reservation().status, ReservationStatus::Cancelled); // refunded off the GUI thread
    QCOMPARE(secondDetail->reservation().refundAmount, 40000);
    secondDetail->close();

    // The tables, refreshed from the bus in place once shown.
    auto* reservations = qobject_cast<ReservationsPage*>(window->page(QStringLiteral("reservations")));
    QVERIFY(window->showPage(QStringLiteral("reservations")));
    ReservationTableModel* rmodel = reservations->model();
    QTRY_VERIFY(rmodel->rowOfId(secondId) >= 0);
    QCOMPARE(rmodel->rawValue(rmodel->rowOfId(first.id), ReservationTableModel::Status).toString(),
             QStringLiteral("checked_in"));
    QTRY_COMPARE(rmodel->rawValue(rmodel->rowOfId(secondId), ReservationTableModel::Status).toString(),
                 QStringLiteral("cancelled"));
    reservations->statusFilter()->setCurrentIndex(reservations->statusFilter()->findData(QStringLiteral("cancelled")));
    QVERIFY(rmodel->isLoading()); // the page's table reads on a worker
    QTRY_VERIFY(!rmodel->isLoading());
    QCOMPARE(rmodel->rowCount(), 1);

    auto* payments = qobject_cast<PaymentsPage*>(window->page(QStringLiteral("payments")));
    QVERIFY(window->showPage(QStringLiteral("payments")));
    QTRY_COMPARE(payments->model()->rowCount(), 2);
    qint64 refunded = 0;
    for (int r = 0; r < payments->model()->rowCount(); ++r)
        refunded += payments->model()->rawValue(r, PaymentTableModel::Refund).toLongLong();
    QCOMPARE(refunded, 40000);

    // The ledger: 5% of 100,000 and of 50,000 credited, the cancelled booking's 2,500 deducted.
    auto* customers = qobject_cast<CustomersPage*>(window->page(QStringLiteral("customers")));
    QVERIFY(window->showPage(QStringLiteral("customers")));
    customers->textFilter()->insert(QStringLiteral("박서연"));
    QTest::keyClick(customers->textFilter(), Qt::Key_Return);
    QTRY_COMPARE(customers->model()->rowCount(), 1);
    customers->view()->selectRow(0);
    QTRY_COMPARE(customers->ledgerModel()->rowCount(), 3);
    QCOMPARE(customers->ledgerModel()->rawValue(0, MileageLedgerModel::Balance).toLongLong(), 5000);
    QCOMPARE(customers->ledgerModel()->rawValue(0, MileageLedgerModel::Delta).toLongLong(), -2500);
    QCOMPARE(customers->ledgerModel()->rawValue(1, MileageLedgerModel::Balance).toLongLong(), 7500);
    QVERIFY(customers->findChild<QLabel*>(QStringLiteral("ledgerTitle"))->text().contains(QLatin1String("5,000")));

    // The rack (read on a worker when its page shows): the checked-in stay is a bar over today and tomorrow; the
    // cancelled nights are free again.
    QVERIFY(window->showPage(QStringLiteral("availability")));
    QTRY_VERIFY(!rackModel->isLoading() && rackModel->isBookable(row, today + 10));
    QTRY_COMPARE(rackModel->index(row, today).data(AvailabilityRackModel::StatusKeyRole).toString(),
                 QStringLiteral("checked_in"));
    QCOMPARE(rack->columnSpan(row, today), 2);
}

void TestGuiAdmin::deskBookingKeepsOkDisabledUntilValid()
{
    const Actor desk { 2, QStringLiteral("desk"), Role::FrontDesk };
    DeskBookingDialog dialog(*m_context->bookings, *m_context->customers, *m_context->campsites,
                             { m_context->deskPayment.get(), m_context->simulatedTerminal.get() }, desk);
    dialog.show();
    auto* ok = dialog.findChild<QPushButton*>(QStringLiteral("bookAndPay"));
    QVERIFY(!ok->isEnabled());
    QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("phone")), QStringLiteral("12"));
    QVERIFY(!ok->isEnabled());
    QVERIFY(!dialog.findChild<QLabel*>(QStringLiteral("message"))->text().isEmpty());
    dialog.findChild<QLineEdit*>(QStringLiteral("phone"))->setText(QStringLiteral("010-7777-8888"));
    QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("name")), QStringLiteral("Alice Park"));
    QVERIFY2(ok->isEnabled(), qPrintable(dialog.problem()));
    dialog.findChild<QLineEdit*>(QStringLiteral("guests"))->setText(QStringLiteral("40")); // more than any site takes
    QVERIFY(!ok->isEnabled());
    dialog.findChild<QLineEdit*>(QStringLiteral("guests"))->setText(QStringLiteral("2"));
    QVERIFY(ok->isEnabled());
    // The simulated terminal is offered, and says it is simulated.
    auto* simulated = dialog.findChild<QRadioButton*>(QStringLiteral("paySimulated"));
    QVERIFY(simulated);
    QVERIFY(simulated->text().contains(QLatin1String("SIMULATED"), Qt::CaseInsensitive));

    // Paying on a slow terminal: the dialog waits without blocking the event loop, and cannot be closed.
    m_context->simulatedTerminal->setDelayMs(300);
    simulated->setChecked(true);
    QTest::mouseClick(ok, Qt::LeftButton);
    QVERIFY(dialog.isPaying());
    QVERIFY(dialog.findChild<QWidget*>(QStringLiteral("paymentProgress"))->isVisible());
    dialog.reject();
    QVERIFY(dialog.isVisible());
    QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.reservation().status, ReservationStatus::Confirmed);
}

void TestGuiAdmin::frontDeskSeesNoManagerActionsAndServicesRefuse()
{
    const Actor desk = logIn(QStringLiteral("desk"));
    QCOMPARE(desk.role, Role::FrontDesk);
    auto window = openWindow(desk);
    QVERIFY(window);
    // The GUI hides it ...
    const QStringList pages = window->pageIds();
    QVERIFY(pages.contains(QStringLiteral("reservations")));
    QVERIFY(pages.contains(QStringLiteral("availability")));
    QVERIFY(!pages.contains(QStringLiteral("users")));
    QVERIFY(!pages.contains(QStringLiteral("settings")));
    QVERIFY(!pages.contains(QStringLiteral("audit")));
    auto* campsites = window->page(QStringLiteral("campsites"));
    QVERIFY(!campsites->findChild<QAction*>(QStringLiteral("newCampsite")));
    QVERIFY(!campsites->findChild<QAction*>(QStringLiteral("removeCampsite")));
    QVERIFY(!window->page(QStringLiteral("customers"))->findChild<QPushButton*>(QStringLiteral("adjustPoints")));
    QVERIFY(window->findChild<QAction*>(QStringLiteral("newBookingAction"))); // the desk's own work is there

    // ... and the services refuse it anyway.
    Result<Campsite> site = m_context->campsites->findByCode(QStringLiteral("A-01"));
    QVERIFY(site.ok());
    QCOMPARE(m_context->campsites->remove(desk, site->id).error().code, ErrorCode::Forbidden);
    Campsite edited = site.value();
    edited.name = QStringLiteral("hijacked");
    QCOMPARE(m_context->campsites->modify(desk, edited).error().code, ErrorCode::Forbidden);
    QCOMPARE(m_context->users
                 ->createUser(desk, QStringLiteral("mallory"), QStringLiteral("Mallory"), Role::Manager,
                              QStringLiteral("correct horse battery"))
                 .error()
                 .code,
             ErrorCode::Forbidden);
    QCOMPARE(m_context->users->list(desk).error().code, ErrorCode::Forbidden);
    BookingRules rules;
    rules.mileageRatePercent = 50;
    QCOMPARE(m_context->rules->set(desk, rules).error().code, ErrorCode::Forbidden);
    Result<Customer> customer = m_context->customers->findOrCreate(
        desk,
        Customer { 0, QStringLiteral("Kim"), QStringLiteral("010-1212-3434"), QString(), QStringLiteral("ko"), false });
    QVERIFY(customer.ok());
    QCOMPARE(m_context->mileage->adjust(desk, customer->id, 100000, QStringLiteral("gift")).error().code,
             ErrorCode::Forbidden);
}

void TestGuiAdmin::shortcutsAndRememberedLayout()
{
    const Actor manager = logIn(QStringLiteral("manager"));
    QSize remembered;
    int dragged = 0;
    {
        auto window = openWindow(manager);
        QVERIFY(window);
        QCOMPARE(window->findChild<QAction*>(QStringLiteral("newBookingAction"))->shortcut(),
                 QKeySequence(QKeySequence::New));
        QCOMPARE(window->findChild<QAction*>(QStringLiteral("refreshAction"))->shortcut(), QKeySequence(Qt::Key_F5));
        // Ctrl+N opens a desk booking wherever the user is (also on the campsites page).
        QVERIFY(window->showPage(QStringLiteral("campsites")));
        m_dialogs.clear();
        QTest::keySequence(window.get(), QKeySequence::New);
        QVERIFY(waitForDialog<DeskBookingDialog>());
        m_dialogs.constLast()->close();
        // Ctrl+F goes to the page's search box.
        QVERIFY(window->showPage(QStringLiteral("reservations")));
        auto* reservations = qobject_cast<ReservationsPage*>(window->page(QStringLiteral("reservations")));
        QTest::keySequence(window.get(), QKeySequence::Find);
        QTRY_VERIFY(reservations->textFilter()->hasFocus());
        // Column widths the user dragged are remembered for this user.
        QHeaderView* header = reservations->view()->horizontalHeader();
        const int guest = ReservationTableModel::Guest;
        QTest::qWait(150); // the deferred fitting
        const int edge = header->sectionViewportPosition(guest) + header->sectionSize(guest) - 1;
        const int y = header->height() / 2;
        dragged = header->sectionSize(guest) + 40;
        QTest::mousePress(header->viewport(), Qt::LeftButton, {}, QPoint(edge, y));
        QTest::mouseMove(header->viewport(), QPoint(edge + 20, y));
        QTest::mouseMove(header->viewport(), QPoint(edge + 40, y));
        QTest::mouseRelease(header->viewport(), Qt::LeftButton, {}, QPoint(edge + 40, y));
        QCOMPARE(header->sectionSize(guest), dragged);
        // Smaller than the (800x600 offscreen) screen: a size that fits is kept.
        remembered = QSize(701, 507).expandedTo(window->minimumSizeHint());
        window->resize(remembered);
        window->close();
    }
    auto window = openWindow(manager);
    auto* reservations = qobject_cast<ReservationsPage*>(window->page(QStringLiteral("reservations")));
    QCOMPARE(reservations->view()->columnWidth(ReservationTableModel::Guest), dragged);
    QCOMPARE(window->size(), remembered);
}

// At 1024 px the reservations table has 13 columns for 800 px: the desk hides what it does not read (the channel,
// the time booked) and the others get the room. The choice is the user's, kept like the sort, and the extras the
// page hides by default can be shown.
void TestGuiAdmin::headerMenuHidesAndShowsColumnsForThisUser()
{
    const Actor manager = logIn(QStringLiteral("manager"));
    const int channel = ReservationTableModel::Channel;
    const int extras = ReservationTableModel::Extras;
    {
        auto window = openWindow(manager);
        QVERIFY(window->showPage(QStringLiteral("reservations")));
        auto* page = qobject_cast<ReservationsPage*>(window->page(QStringLiteral("reservations")));
        DataTableView* view = page->view();
        QTest::qWait(150); // the deferred fitting
        QVERIFY(!view->isColumnHidden(channel));
        QVERIFY(view->isColumnHidden(extras));

        QContextMenuEvent click(QContextMenuEvent::Mouse, QPoint(20, 5), QPoint(20, 5));
        QApplication::sendEvent(view->horizontalHeader()->viewport(), &click);
        auto* menu = view->findChild<QMenu*>(QStringLiteral("columnsMenu"));
        QVERIFY(menu);
        QTRY_VERIFY(menu->isVisible());
        QAction* channelAction = menu->findChild<QAction*>(QStringLiteral("column%1").arg(channel));
        QAction* extrasAction = menu->findChild<QAction*>(QStringLiteral("column%1").arg(extras));
        QVERIFY(channelAction && extrasAction);
        QCOMPARE(channelAction->text(), page->model()->headerData(channel, Qt::Horizontal).toString());
        QVERIFY(channelAction->isChecked());
        QVERIFY(!extrasAction->isChecked());
        channelAction->trigger();
        extrasAction->trigger();
        menu->close();
        QVERIFY(view->isColumnHidden(channel));
        QVERIFY(!view->isColumnHidden(extras));
        QVERIFY(view->columnWidth(extras) > 0);
    }
    {
        auto window = openWindow(manager);
        QVERIFY(window->showPage(QStringLiteral("reservations")));
        auto* page = qobject_cast<ReservationsPage*>(window->page(QStringLiteral("reservations")));
        QVERIFY(page->view()->isColumnHidden(channel));
        QVERIFY(!page->view()->isColumnHidden(extras));

        // The last column shown cannot be hidden: a table with no column would show nothing to click.
        for (int c = 1; c < page->model()->columnCount(); ++c)
            page->view()->setColumnHidden(c, true);
        QContextMenuEvent click(QContextMenuEvent::Mouse, QPoint(20, 5), QPoint(20, 5));
        QApplication::sendEvent(page->view()->horizontalHeader()->viewport(), &click);
        QMenu* menu = nullptr;
        for (QMenu* m : page->view()->findChildren<QMenu*>(QStringLiteral("columnsMenu")))
            menu = m->isVisible() ? m : menu;
        QVERIFY(menu);
        QVERIFY(!menu->findChild<QAction*>(QStringLiteral("column0"))->isEnabled());
        QVERIFY(menu->findChild<QAction*>(QStringLiteral("column1"))->isEnabled());
        menu->close();
    }
    // Another user's table is as the page made it.
    const Actor desk = logIn(QStringLiteral("desk"));
    auto window = openWindow(desk);
    QVERIFY(window->showPage(QStringLiteral("reservations")));
    auto* page = qobject_cast<ReservationsPage*>(window->page(QStringLiteral("reservations")));
    QVERIFY(!page->view()->isColumnHidden(channel));
    QVERIFY(page->view()->isColumnHidden(extras));
}

// "70,00…" reads as a wrong number; "Sofia Ki…" with its tooltip does not. A column hidden from the header's menu
// gives its width to the others at once.
void TestGuiAdmin::amountsAndDatesAreCutLastAndAHiddenColumnsWidthIsShared()
{
    enum { Code, Name, Amount, Date, Notes, Count, Columns };
    QStandardItemModel model(3, Columns);
    for (int row = 0; row < 3; ++row) {
        model.setItem(row, Code, new QStandardItem(QStringLiteral("CD-ABC12%1").arg(row)));
        model.setItem(row, Name, new QStandardItem(QStringLiteral("Sofia Kim-Andersson 김하늘 %1").arg(row)));
        model.setItem(row, Amount, new QStandardItem(QStringLiteral("1,234,56%1원").arg(row)));
        model.setItem(row, Date, new QStandardItem(QStringLiteral("2026. 12. 2%1.").arg(row)));
        model.setItem(row, Notes, new QStandardItem(QStringLiteral("late arrival, two dogs, firewood %1").arg(row)));
        model.setItem(row, Count, new QStandardItem(QString::number(row + 2)));
    }
    QTableView view;
    view.setModel(&model);
    view.horizontalHeader()->setMinimumSectionSize(40);
    auto* fitter = new ColumnFitter(&view, { Name, Notes }, { Code });
    fitter->setSecondary({ Count });
    fitter->setWhole({ Amount, Date });
    view.resize(1000, 200);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTest::qWait(50); // the deferred fitting
    // Just room for the code, the amount and the date whole, and the three others at their first letters (40 px).
    const int tight = view.columnWidth(Code) + view.columnWidth(Amount) + view.columnWidth(Date) + 3 * 40
        + (view.width() - view.viewport()->width()) + view.verticalScrollBar()->sizeHint().width() + 2;
    view.resize(tight, 200);
    QTest::qWait(50);
    const auto whole = [&](int column) { return static_cast<QAbstractItemView&>(view).sizeHintForColumn(column); };
    QVERIFY2(view.columnWidth(Amount) >= whole(Amount),
             qPrintable(QStringLiteral("%1 < %2").arg(view.columnWidth(Amount)).arg(whole(Amount))));
    QVERIFY(view.columnWidth(Date) >= whole(Date));
    QVERIFY(view.columnWidth(Name) < whole(Name)); // the name gave up its width instead
    QCOMPARE(view.horizontalScrollBar()->maximum(), 0);

    const int nameWidth = view.columnWidth(Name);
    view.setColumnHidden(Notes, true);
    QTRY_VERIFY(view.columnWidth(Name) > nameWidth);
    QCOMPARE(view.horizontalScrollBar()->maximum(), 0);
}

void TestGuiAdmin::aNarrowDateColumnDropsTheYearNotTheDay()
{
    const QDate date(2026, 12, 7);
    const QFontMetrics metrics(QApplication::font());
    const QList<std::pair<QLocale, QString>> expected {
        { QLocale(QLocale::Korean, QLocale::SouthKorea), QStringLiteral("12. 7. (월)") },
        { QLocale(QLocale::English, QLocale::UnitedKingdom), QStringLiteral("07/12 (Mon)") },
    };
    for (const auto& [locale, withoutYear] : expected) {
        const QString whole = DateDelegate::text(date, locale, metrics, 0);
        // Room is measured with the widest weekday: a column shows every row in one form.
        int slack = 0;
        for (int day = 1; day <= 7; ++day)
            slack = std::max(slack, metrics.horizontalAdvance(locale.dayName(day, QLocale::ShortFormat)));
        slack -= metrics.horizontalAdvance(locale.dayName(date.dayOfWeek(), QLocale::ShortFormat));
        QVERIFY2(whole.contains(QLatin1String("26")) && whole.contains(locale.dayName(1, QLocale::ShortFormat)),
                 qPrintable(whole));
        QCOMPARE(DateDelegate::text(date, locale, metrics, metrics.horizontalAdvance(whole) + slack), whole);
        QCOMPARE(DateDelegate::text(date, locale, metrics, metrics.horizontalAdvance(whole) + slack - 1), withoutYear);
        const QString dayAndMonth = withoutYear.left(withoutYear.indexOf(QLatin1String(" (")));
        QCOMPARE(DateDelegate::text(date, locale, metrics, metrics.horizontalAdvance(withoutYear) + slack - 1),
                 dayAndMonth);
        QCOMPARE(DateDelegate::text(date, locale, metrics, 1), dayAndMonth); // then it elides like any text
    }
    // The column still asks for the whole date, whatever rect the view hands the size hint: the fitter gives it
    // that room when there is some.
    QStandardItemModel model(1, 1);
    model.setData(model.index(0, 0), date, PagedQueryModel::DateRole);
    model.setData(model.index(0, 0), date.toString(Qt::ISODate)); // what the model shows without the delegate
    QTableView view;
    view.setModel(&model);
    DateDelegate delegate;
    QStyleOptionViewItem option;
    option.initFrom(&view);
    option.rect = QRect(0, 0, 30, 20);
    const QString whole = DateDelegate::text(date, option.locale, QFontMetrics(option.font), 0);
    QVERIFY(delegate.sizeHint(option, model.index(0, 0)).width() >= QFontMetrics(option.font).horizontalAdvance(whole));
}

void TestGuiAdmin::exportWritesEveryMatchingRowAsShown()
{
    const Actor manager = logIn(QStringLiteral("manager"));
    Result<Campsite> site = m_context->campsites->findByCode(QStringLiteral("A-02"));
    QVERIFY(site.ok());
    const QStringList names { QStringLiteral("Kim, \"Jay\""), QStringLiteral("이서준"), QStringLiteral("=cmd") };
    for (int i = 0; i < names.size(); ++i) {
        BookingRequest request;
        request.campsiteId = site->id;
        request.checkIn = QDate::currentDate().addDays(2 + 3 * i);
        request.checkOut = request.checkIn.addDays(2);
        request.customer = Customer { 0,         names.at(i),          QStringLiteral("010-3000-000%1").arg(i),
                                      QString(), QStringLiteral("ko"), false };
        QVERIFY(m_context->bookings->book(manager, request, *m_context->deskPayment, QStringLiteral("cash")).ok());
    }
    auto window = openWindow(manager);
    QVERIFY(window->showPage(QStringLiteral("reservations")));
    auto* page = qobject_cast<ReservationsPage*>(window->page(QStringLiteral("reservations")));
    // Pages of one row, each taller than the window: the view fetches until its viewport is filled, so it loads two
    // rows at most (the first fills it, the second starts below it). The export must still write all three.
    page->model()->setPageSize(1);
    page->view()->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    page->view()->verticalHeader()->setDefaultSectionSize(4000);
    page->model()->reload();
    QTRY_VERIFY(!page->model()->isLoading());
    QVERIFY2(page->model()->rowCount() < 3, qPrintable(QString::number(page->model()->rowCount())));

    const QString path = m_dir.filePath(QStringLiteral("reservations.csv"));
    MainWindow::setSaveFileNameProviderForTesting([&](const QString&) { return path; });
    window->findChild<QAction*>(QStringLiteral("exportAction"))->trigger();
    MainWindow::setSaveFileNameProviderForTesting(nullptr);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY2(bytes.startsWith("\xEF\xBB\xBF"), "UTF-8 with a BOM, so spreadsheets read Korean correctly");
    const QStringList lines = QString::fromUtf8(bytes.mid(3)).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4); // header and every matching row
    QVERIFY(lines.at(0).startsWith(QLatin1String("Booking code,Campsite,Guest,Phone,Check-in")));
    const QString all = lines.join(QLatin1Char('\n'));
    QVERIFY2(all.contains(QLatin1String("\"Kim, \"\"Jay\"\"\"")), qPrintable(all)); // RFC 4180 quoting
    QVERIFY(all.contains(QStringLiteral("이서준")));
    QVERIFY(all.contains(QLatin1String("'=cmd"))); // not run as a formula
    QVERIFY(all.contains(QLatin1String(",Paid,"))); // the status as the table shows it
    // Money as plain numbers and dates as ISO dates, for spreadsheets.
    QVERIFY2(all.contains(QRegularExpression(QStringLiteral(",[0-9]+000,"))), qPrintable(all));
    QVERIFY(!all.contains(QStringLiteral("₩")));
    QVERIFY(all.contains(QDate::currentDate().addDays(2).toString(Qt::ISODate)));
    // Nights, which the model works out from the dates, are exported too.
    QVERIFY2(all.contains(QStringLiteral(",%1,%2,2,")
                              .arg(QDate::currentDate().addDays(2).toString(Qt::ISODate),
                                   QDate::currentDate().addDays(4).toString(Qt::ISODate))),
             qPrintable(all));
    QVERIFY(all.contains(QLatin1String("010-3000-0001")));
    QVERIFY2(page->model()->rowCount() < 3, "the export read the rows itself, not into the table");
}

void TestGuiAdmin::exportShowsItsProgressAndCancelLeavesNoFile()
{
    const Actor manager = logIn(QStringLiteral("manager"));
    Result<Campsite> site = m_context->campsites->findByCode(QStringLiteral("A-02"));
    QVERIFY(site.ok());
    for (int i = 0; i < 3; ++i) {
        BookingRequest request;
        request.campsiteId = site->id;
        request.checkIn = QDate::currentDate().addDays(2 + 3 * i);
        request.checkOut = request.checkIn.addDays(2);
        request.customer = Customer { 0,
                                      QStringLiteral("손님 %1").arg(i),
                                      QStringLiteral("010-3100-000%1").arg(i),
                                      QString(),
                                      QStringLiteral("ko"),
                                      false };
        QVERIFY(m_context->bookings->book(manager, request, *m_context->deskPayment, QStringLiteral("cash")).ok());
    }
    auto window = openWindow(manager);
    QVERIFY(window->showPage(QStringLiteral("reservations")));

    // The worker stops after its first page until the test lets it go on: the dialog is up, counting, meanwhile.
    QSemaphore goOn;
    CsvExport::setPageHookForTesting([&](qint64) { goOn.acquire(); });
    QString shown;
    bool wasVisible = false;
    QTimer poll;
    poll.setInterval(20);
    QElapsedTimer waited;
    waited.start();
    connect(&poll, &QTimer::timeout, this, [&] {
        auto* dialog = window->findChild<QProgressDialog*>(QStringLiteral("exportProgress"));
        if (dialog && dialog->labelText().contains(QLatin1Char('3'))) {
            shown = dialog->labelText();
            wasVisible = dialog->isVisible();
            QTest::mouseClick(dialog->findChild<QPushButton*>(), Qt::LeftButton); // Cancel
        } else if (waited.elapsed() < 5000) {
            return;
        }
        poll.stop();
        goOn.release(100);
    });
    poll.start();
    const QString path = m_dir.filePath(QStringLiteral("cancelled.csv"));
    MainWindow::setSaveFileNameProviderForTesting([&](const QString&) { return path; });
    window->findChild<QAction*>(QStringLiteral("exportAction"))->trigger();
    MainWindow::setSaveFileNameProviderForTesting(nullptr);
    CsvExport::setPageHookForTesting(nullptr);
    QVERIFY2(wasVisible, qPrintable(shown));
    QCOMPARE(shown, QStringLiteral("3 rows written"));
    QVERIFY(!QFile::exists(path)); // cancel leaves no file, not even a partial one
    QVERIFY(QDir(m_dir.path()).entryList({ QStringLiteral("cancelled.csv*") }, QDir::Files | QDir::Hidden).isEmpty());
    QCOMPARE(window->statusBar()->currentMessage(), QStringLiteral("Export cancelled"));
    QVERIFY(!window->findChild<QProgressDialog*>(QStringLiteral("exportProgress"))); // gone with the export
}

void TestGuiAdmin::paymentStateInTheStatusBar_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("paused");
    QTest::addColumn<QString>("testing");
    QTest::addColumn<QString>("available");
    QTest::newRow("en") << QStringLiteral("en") << QStringLiteral("Card payments: paused (service busy)")
                        << QStringLiteral("Card payments: testing") << QStringLiteral("Card payments: available");
    QTest::newRow("ko") << QStringLiteral("ko") << QStringLiteral("카드 결제: 일시 중지 (결제 서비스 혼잡)")
                        << QStringLiteral("카드 결제: 확인 중") << QStringLiteral("카드 결제: 사용 가능");
}

void TestGuiAdmin::paymentStateInTheStatusBar()
{
    QFETCH(QString, language);
    QFETCH(QString, paused);
    QFETCH(QString, testing);
    QFETCH(QString, available);
    test::UiLanguage ui(language);
    QVERIFY(ui.ok());
    const Actor desk = logIn(QStringLiteral("desk"));
    QCOMPARE(desk.role, Role::FrontDesk);
    auto window = openWindow(desk);
    QVERIFY(window);
    auto* label = window->statusBar()->findChild<QLabel*>(QStringLiteral("paymentStatus"));
    QVERIFY(label);
    QVERIFY(!label->isVisible()); // nothing to say until a breaker changes state
    const auto seen = [label] { return QTextDocumentFragment::fromHtml(label->text()).toPlainText(); };

    // A kiosk's breaker opens: its event reaches this window through the event feed, as in the running app.
    EventFeed feed(*m_context->db);
    feed.setPollInterval(50);
    CAMPDESK_VERIFY_OK(feed.start());
    Database::Options kioskOptions;
    kioskOptions.terminal = QStringLiteral("kiosk-lobby");
    Result<std::unique_ptr<Database>> kioskDb = Database::open(m_context->db->spec(), kioskOptions);
    CAMPDESK_VERIFY_OK(kioskDb);
    ManualClock clock;
    CircuitBreaker::Config config;
    config.windowSize = 2;
    config.minimumCalls = 2;
    config.halfOpenProbes = 1;
    CircuitBreaker kioskBreaker(config, &clock);
    BreakerEventRecorder kioskRecorder(*kioskDb.value(), kioskBreaker);
    for (int i = 0; i < 2; ++i)
        kioskBreaker.record(kioskBreaker.tryAcquire(), true, 10);
    QCOMPARE(kioskBreaker.state(), CircuitBreaker::State::Open);
    QTRY_VERIFY_WITH_TIMEOUT(label->isVisible(), 5000);
    QCOMPARE(seen(), QStringLiteral("● ") + paused);
    QVERIFY2(label->toolTip().contains(QLatin1String("kiosk-lobby")), qPrintable(label->toolTip()));
    QVERIFY2(label->toolTip().contains(language == QLatin1String("en") ? QStringLiteral("after 30 seconds.")
                                                                       : QStringLiteral("30초 후")),
             qPrintable(label->toolTip())); // when it tries again
    QVERIFY(!test::saveScreenshot(window.get(), QStringLiteral("admin-payments-paused-") + language).isEmpty());

    // Its wait is over: the next payment is a probe.
    clock.advanceMs(config.openMs);
    QVERIFY(kioskBreaker.tryAcquire());
    QCOMPARE(kioskBreaker.state(), CircuitBreaker::State::HalfOpen);
    QTRY_COMPARE_WITH_TIMEOUT(seen(), QStringLiteral("● ") + testing, 5000);

    // This terminal's own breaker: its events are published on the bus after commit, without the feed.
    feed.stop();
    CircuitBreaker ownBreaker(config, &clock);
    BreakerEventRecorder ownRecorder(*m_context->db, ownBreaker);
    auto* status = qobject_cast<PaymentStatusLabel*>(label);
    QVERIFY(status);
    status->setAvailableShownMs(300);
    for (int i = 0; i < 2; ++i)
        ownBreaker.record(ownBreaker.tryAcquire(), true, 10);
    QTRY_COMPARE_WITH_TIMEOUT(seen(), QStringLiteral("● ") + paused, 5000);
    clock.advanceMs(config.openMs);
    const CircuitBreaker::Permit probe = ownBreaker.tryAcquire();
    QVERIFY(probe);
    QTRY_COMPARE_WITH_TIMEOUT(seen(), QStringLiteral("● ") + testing, 5000);
    ownBreaker.record(probe, false, 10);
    QCOMPARE(ownBreaker.state(), CircuitBreaker::State::Closed);
    QTRY_COMPARE_WITH_TIMEOUT(seen(), QStringLiteral("● ") + available, 5000);
    QVERIFY(label->isVisible());
    QVERIFY(!test::saveScreenshot(window.get(), QStringLiteral("admin-payments-available-") + language).isEmpty());
    // Good news is shown for a while, then the bar is quiet again.
    QTRY_VERIFY_WITH_TIMEOUT(!label->isVisible(), 5000);
    QCOMPARE(status->state(), PaymentStatusLabel::State::Available);
}

void TestGuiAdmin::screenshotsOfEveryPage()
{
    const Actor manager = logIn(QStringLiteral("manager"));
    // Something to show: two bookings, one cancelled.
    Result<Campsite> site = m_context->campsites->findByCode(QStringLiteral("A-01"));
    BookingRequest request;
    request.campsiteId = site->id;
    request.checkIn = QDate::currentDate().addDays(1);
    request.checkOut = QDate::currentDate().addDays(4);
    request.guests = 2;
    request.customer = Customer { 0,         QStringLiteral("김민지"), QStringLiteral("010-2222-3333"),
                                  QString(), QStringLiteral("ko"),     true };
    Result<Reservation> booked
        = m_context->bookings->book(manager, request, *m_context->deskPayment, QStringLiteral("cash"));
    QVERIFY2(booked.ok(), qPrintable(booked.error().message));
    request.checkIn = QDate::currentDate().addDays(12);
    request.checkOut = QDate::currentDate().addDays(14);
    Result<Reservation> later
        = m_context->bookings->book(manager, request, *m_context->deskPayment, QStringLiteral("desk_card"));
    QVERIFY(later.ok());
    CancelRequest cancel;
    cancel.reservationId = later->id;
    cancel.reason = QStringLiteral("plans changed");
    QVERIFY(m_context->bookings->cancel(manager, cancel).ok());

    for (const QString& language : { QStringLiteral("en"), QStringLiteral("ko") }) {
        test::UiLanguage ui(language);
        QVERIFY(ui.ok());
        {
            auto window = openWindow(manager);
            QVERIFY(window);
            for (const QString& id : window->pageIds()) {
                QVERIFY(window->showPage(id));
                QCoreApplication::processEvents();
                if (auto* table = qobject_cast<TablePage*>(window->page(id)))
                    QTRY_VERIFY(!table->view()->pagedModel()->isLoading()); // the rows, read on a worker
                QVERIFY(!test::saveScreenshot(window.get(), QStringLiteral("admin-%1-%2").arg(id, language)).isEmpty());
            }
            // A new sort while its rows are read: the rows shown stay, and the count says they are coming.
            auto* reservations = qobject_cast<ReservationsPage*>(window->page(QStringLiteral("reservations")));
            QVERIFY(window->showPage(QStringLiteral("reservations")));
            QTRY_VERIFY(!reservations->model()->isLoading());
            const int shown = reservations->model()->rowCount();
            // (the second language's window restores the first one's sort: the other order)
            const bool byGuestUp = reservations->model()->sortColumn() == ReservationTableModel::Guest
                && reservations->model()->sortOrder() == Qt::AscendingOrder;
            reservations->view()->sortByColumn(ReservationTableModel::Guest,
                                               byGuestUp ? Qt::DescendingOrder : Qt::AscendingOrder);
            QVERIFY(reservations->model()->isLoading());
            QCOMPARE(reservations->model()->rowCount(), shown);
            QCOMPARE(reservations->findChild<QLabel*>(QStringLiteral("reservationsCount"))->text(),
                     language == QLatin1String("ko") ? QStringLiteral("목록을 불러오는 중…")
                                                     : QStringLiteral("Reading rows…"));
            QVERIFY(!test::saveScreenshot(window.get(), QStringLiteral("admin-reservations-reading-") + language)
                         .isEmpty());
            QTRY_VERIFY(!reservations->model()->isLoading());
            QCOMPARE(reservations->findChild<QLabel*>(QStringLiteral("reservationsCount"))->text(),
                     language == QLatin1String("ko") ? QStringLiteral("%1개 행").arg(shown)
                                                     : QStringLiteral("%1 rows").arg(shown));
            m_dialogs.clear();
            auto* desk = window->findChild<DeskActions*>();
            desk->newBookingFor(site->id, QDate::currentDate().addDays(20), QDate::currentDate().addDays(22));
            auto* dialog = waitForDialog<DeskBookingDialog>();
            QVERIFY(dialog);
            QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("phone")), QStringLiteral("010-2222-3333"));
            QVERIFY(!test::saveScreenshot(dialog, QStringLiteral("dialog-deskbooking-") + language).isEmpty());
            dialog->close();
            desk->openReservation(booked->id);
            auto* detail = waitForDialog<ReservationDialog>();
            QVERIFY(detail);
            QVERIFY(!test::saveScreenshot(detail, QStringLiteral("dialog-reservation-") + language).isEmpty());
            CancelDialog cancelDialog(*m_context->bookings, booked.value(), manager);
            cancelDialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&cancelDialog));
            QVERIFY(!test::saveScreenshot(&cancelDialog, QStringLiteral("dialog-cancel-") + language).isEmpty());
            detail->close();
        }
    }
}

// The whole path as the desk takes it (balance3): a guest let in without the balance, on the Day sheets' "On site"
// tab; its row's menu "Take the balance…" opens the booking with the balance dialog over it; cash taken, the
// booking's dialog shows nothing owed and the sheet's row follows.
void TestGuiAdmin::takeABalanceFromTheDaySheetMenu()
{
    const Actor manager = logIn(QStringLiteral("manager"));
    QVERIFY(manager.role == Role::Manager);
    DepositRule rule;
    rule.mode = DepositRule::Mode::Percent;
    rule.percent = 30;
    QVERIFY(DepositSettings(*m_context->db).set(manager, rule).ok());
    Result<QList<Campsite>> free
        = m_context->bookings->freeSites(QDate::currentDate(), QDate::currentDate().addDays(2), 2);
    QVERIFY(free.ok() && !free->isEmpty());
    BookingRequest request;
    request.campsiteId = free->first().id;
    request.checkIn = QDate::currentDate();
    request.checkOut = QDate::currentDate().addDays(2);
    request.guests = 2;
    request.deposit = true;
    request.customer = Customer { 0,         QStringLiteral("정하늘"), QStringLiteral("010-4444-5555"),
                                  QString(), QStringLiteral("ko"),     false };
    Result<Reservation> booked
        = m_context->bookings->book(manager, request, *m_context->deskPayment, QStringLiteral("cash"));
    QVERIFY2(booked.ok(), qPrintable(booked.error().message));
    QVERIFY(booked->balanceDue > 0);
    QVERIFY(BalanceService(*m_context->bookings)
                .checkInWithoutBalance(manager, booked->id, QStringLiteral("card machine down"))
                .ok());

    auto window = openWindow(manager);
    QVERIFY(window);
    QVERIFY(window->showPage(QStringLiteral("daysheets")));
    auto* page = window->findChild<DaySheetsPage*>();
    QVERIFY(page);
    page->findChild<QTabWidget*>(QStringLiteral("sheets"))->setCurrentIndex(2);
    auto* onSite = page->findChild<QTableView*>(QStringLiteral("onSite"));
    int row = -1;
    QTRY_VERIFY([&] {
        for (int i = 0; i < onSite->model()->rowCount(); ++i) {
            if (onSite->model()->index(i, 0).data(DaySheetModel::ReservationIdRole).toLongLong() == booked->id)
                row = i;
        }
        return row >= 0;
    }());
    const QModelIndex index = onSite->model()->index(row, 0);
    onSite->scrollTo(index);
    emit onSite->customContextMenuRequested(onSite->visualRect(index).center());
    QMenu* menu = nullptr;
    QTRY_VERIFY((menu = qobject_cast<QMenu*>(QApplication::activePopupWidget())) != nullptr);
    QAction* take = menu->findChild<QAction*>(QStringLiteral("takeBalanceAction"));
    QVERIFY(take && take->isEnabled());
    bool taken = false;
    // Once the booking's dialog has opened the balance dialog over itself (modal: polled from its own event loop),
    // pays in cash.
    QTimer poll;
    poll.setInterval(10);
    connect(&poll, &QTimer::timeout, this, [&taken, &poll] {
        auto* balance = qobject_cast<BalanceDialog*>(QApplication::activeModalWidget());
        if (!balance)
            return;
        poll.stop();
        auto* methods = balance->findChild<QComboBox*>(QStringLiteral("balanceMethod"));
        methods->setCurrentIndex(methods->findData(QStringLiteral("cash")));
        balance->findChild<QPushButton*>(QStringLiteral("takeBalance"))->click();
        (void)QTest::qWaitFor([balance] { return !balance->isVisible(); }, 10000);
        taken = balance->result() == QDialog::Accepted;
    });
    poll.start();
    take->trigger();
    menu->close();
    auto* dialog = waitForDialog<ReservationDialog>();
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(taken, 15000);
    QTRY_COMPARE(dialog->reservation().balanceDue, qint64(0));
    QCOMPARE(dialog->reservation().status, ReservationStatus::CheckedIn);
    QVERIFY(!dialog->findChild<QLabel*>(QStringLiteral("details"))->text().contains(QLatin1String("Balance due")));
    QCOMPARE(m_context->bookings->get(booked->id)->balanceDue, qint64(0));
    // The sheet's row follows the payment (its own refresh on the event).
    const QModelIndex balanceCell = onSite->model()->index(row, DaySheetModel::Balance);
    QTRY_COMPARE(balanceCell.data(DaySheetModel::RawRole).toLongLong(), qint64(0));
    dialog->close();
}

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    TestGuiAdmin test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_gui_admin.moc"
