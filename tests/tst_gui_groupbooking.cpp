// Group bookings as the desk sees them (issue 20, item 2), on the offscreen platform: the group dialog (payer, sites
// added and removed, the total, one payment), errors next to the site row they are about, in English and Korean, a
// taken site holding nothing, and a part's reservation dialog naming its group and cancelling the whole group;
// screenshots of the dialog at 1024x768 and 1366x768 in both languages (build/screens/).
#include "bookingfixture.h"
#include "dialogs/groupbookingdialog.h"
#include "dialogs/groupchangedialog.h"
#include "dialogs/reservationdialog.h"
#include "domain/groupbookingservice.h"
#include "messagebox.h"
#include "screenshot.h"
#include "uilanguage.h"

#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>
#include <QTimer>

using namespace campdesk;
using namespace campdesk::test;

class TestGuiGroupBooking : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void booksEverySiteWithOnePayment();
    void addAndRemoveSites();
    void payerIsFoundByPhone();
    void errorsStandNextToTheirSite();
    void takenSiteHoldsNothing();
    void reservationDialogCancelsTheWholeGroup();
    void reservationDialogChangesTheWholeGroup();
    void groupChangeScreenshots();
    void screenshots();

private:
    std::unique_ptr<GroupBookingDialog> openDialog();
    // Fills row `part`: the site at `siteIndex` of the list, the dates `daysAhead` on for `nights`, `guests`.
    void fillPart(GroupBookingDialog& dialog, int part, int siteIndex, int daysAhead, int nights, int guests = 2);
    QWidget* row(GroupBookingDialog& dialog, int part);
    QString fieldMessage(GroupBookingDialog& dialog, int part, const QString& field);
    static bool saveScreen(QWidget* widget, const QString& name);
    // A group booked for 김민준: two nights from 10 days ahead on each of the first `sites` sites (each next one
    // `stagger` days after the one before), paid on the simulated terminal or in cash at the desk.
    BookingGroup bookGroup(int sites, bool cash, int stagger = 0);

    std::unique_ptr<BookingFixture> f;
    QList<Campsite> m_sites;
    QList<MessageBox::Shown> m_boxes;
};

void TestGuiGroupBooking::init()
{
    f = std::make_unique<BookingFixture>();
    QVERIFY2(f->ok(), qPrintable(f->t->errorMessage()));
    m_sites = { f->addSite(QStringLiteral("A-01"), 40000), f->addSite(QStringLiteral("A-02"), 50000),
                f->addSite(QStringLiteral("A-03"), 60000) };
    m_boxes.clear();
    MessageBox::setHandlerForTesting([this](const MessageBox::Shown& shown) {
        m_boxes.append(shown);
        return true;
    });
}

void TestGuiGroupBooking::cleanup()
{
    MessageBox::setHandlerForTesting({});
    f.reset();
}

std::unique_ptr<GroupBookingDialog> TestGuiGroupBooking::openDialog()
{
    auto dialog = std::make_unique<GroupBookingDialog>(*f->booking, *f->campsites,
                                                       GroupBookingDialog::Gateways { &f->deskPayment, &f->terminal },
                                                       BookingFixture::desk());
    dialog->show();
    if (!QTest::qWaitForWindowExposed(dialog.get()))
        return nullptr;
    dialog->findChild<QLineEdit*>(QStringLiteral("phone"))->setText(QStringLiteral("010-3030-4040"));
    dialog->findChild<QLineEdit*>(QStringLiteral("name"))->setText(QStringLiteral("산악회 Hiking club"));
    return dialog;
}

QWidget* TestGuiGroupBooking::row(GroupBookingDialog& dialog, int part)
{
    return dialog.findChild<QWidget*>(QStringLiteral("part%1").arg(part));
}

void TestGuiGroupBooking::fillPart(GroupBookingDialog& dialog, int part, int siteIndex, int daysAhead, int nights,
                                   int guests)
{
    QWidget* r = row(dialog, part);
    QVERIFY(r);
    r->findChild<QComboBox*>(QStringLiteral("site"))->setCurrentIndex(siteIndex);
    r->findChild<QDateEdit*>(QStringLiteral("checkIn"))->setDate(f->today().addDays(daysAhead));
    r->findChild<QDateEdit*>(QStringLiteral("checkOut"))->setDate(f->today().addDays(daysAhead + nights));
    r->findChild<QLineEdit*>(QStringLiteral("guests"))->setText(QString::number(guests));
}

QString TestGuiGroupBooking::fieldMessage(GroupBookingDialog& dialog, int part, const QString& field)
{
    QWidget* r = row(dialog, part);
    auto* label = r ? r->findChild<QLabel*>(field + QStringLiteral("Message")) : nullptr;
    return label && label->isVisible() ? label->text() : QString();
}

bool TestGuiGroupBooking::saveScreen(QWidget* widget, const QString& name)
{
    // build/screens/, where people look at the dialogs; the usual screenshots folder gets it too.
    const QDir dir(QStringLiteral(CAMPDESK_BINARY_DIR));
    if (!dir.mkpath(QStringLiteral("screens")))
        return false;
    QApplication::processEvents();
    return widget->grab().save(dir.filePath(QStringLiteral("screens/%1.png").arg(name)))
        && !saveScreenshot(widget, name).isEmpty();
}

BookingGroup TestGuiGroupBooking::bookGroup(int sites, bool cash, int stagger)
{
    GroupRequest request;
    request.payer.name = QStringLiteral("김민준");
    request.payer.phone = QStringLiteral("010-1234-5678");
    for (int i = 0; i < sites; ++i) {
        GroupPart part;
        part.campsiteId = m_sites.at(i).id;
        part.checkIn = f->today().addDays(10 + i * stagger);
        part.checkOut = part.checkIn.addDays(2);
        part.guests = 2;
        request.parts.append(part);
    }
    GroupBookingService groups(*f->booking);
    Result<BookingGroup> group = cash
        ? groups.book(BookingFixture::desk(), request, f->deskPayment, QStringLiteral("cash"))
        : groups.book(BookingFixture::desk(), request, f->terminal);
    if (!group.ok()) {
        qWarning() << group.error().message;
        return BookingGroup();
    }
    return group.value();
}

void TestGuiGroupBooking::booksEverySiteWithOnePayment()
{
    std::unique_ptr<GroupBookingDialog> dialog = openDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->partCount(), 2); // a group starts with two sites
    fillPart(*dialog, 0, 0, 10, 2);
    fillPart(*dialog, 1, 1, 12, 1, 4); // other dates, another party
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("addPart")), Qt::LeftButton);
    QCOMPARE(dialog->partCount(), 3);
    fillPart(*dialog, 2, 2, 10, 2);
    auto* pay = dialog->findChild<QPushButton*>(QStringLiteral("bookAndPay"));
    QVERIFY2(pay->isEnabled(), qPrintable(dialog->problem()));
    // Two nights at 40,000, one at 50,000, two at 60,000.
    const QString quote = dialog->findChild<QLabel*>(QStringLiteral("quote"))->text();
    QVERIFY2(quote.contains(QStringLiteral("250,000")), qPrintable(quote));
    QTest::mouseClick(pay, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isVisible(), 10000);
    QCOMPARE(dialog->result(), int(QDialog::Accepted));
    const BookingGroup& group = dialog->group();
    QCOMPARE(group.parts.size(), 3);
    QCOMPARE(group.count(ReservationStatus::Confirmed), 3);
    QCOMPARE(group.total(), 250000);
    QCOMPARE(group.parts.at(1).guests, 4);
    QCOMPARE(group.parts.at(1).checkIn, f->today().addDays(12));
    // One cash payment for the group: each part's row is its share of it.
    QCOMPARE(f->t->count(QStringLiteral("payments"), QStringLiteral("method = 'cash' AND status = 'approved'")), 3);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestGuiGroupBooking::addAndRemoveSites()
{
    std::unique_ptr<GroupBookingDialog> dialog = openDialog();
    QVERIFY(dialog);
    fillPart(*dialog, 0, 0, 10, 2);
    fillPart(*dialog, 1, 1, 10, 2);
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("addPart")), Qt::LeftButton);
    // A new row takes the next site and the last row's dates.
    QWidget* third = row(*dialog, 2);
    QVERIFY(third);
    QCOMPARE(third->findChild<QComboBox*>(QStringLiteral("site"))->currentData().toLongLong(), m_sites.at(2).id);
    QCOMPARE(third->findChild<QDateEdit*>(QStringLiteral("checkIn"))->date(), f->today().addDays(10));
    QTest::mouseClick(row(*dialog, 0)->findChild<QPushButton*>(QStringLiteral("removePart")), Qt::LeftButton);
    QCOMPARE(dialog->partCount(), 2);
    const GroupRequest request = dialog->request();
    QCOMPARE(request.parts.at(0).campsiteId, m_sites.at(1).id);
    QCOMPARE(request.parts.at(1).campsiteId, m_sites.at(2).id);
    // The last site cannot be removed.
    QTest::mouseClick(row(*dialog, 0)->findChild<QPushButton*>(QStringLiteral("removePart")), Qt::LeftButton);
    QCOMPARE(dialog->partCount(), 1);
    QVERIFY(!row(*dialog, 0)->findChild<QPushButton*>(QStringLiteral("removePart"))->isEnabled());
}

// The payer form is the desk booking's (PayerForm): a returning customer's phone fills in the name, e-mail and the
// language of the messages, and says so.
void TestGuiGroupBooking::payerIsFoundByPhone()
{
    BookingRequest earlier
        = f->request(m_sites.at(2), 20, 1, QStringLiteral("010-7777-8888"), QStringLiteral("이서연"));
    earlier.customer.email = QStringLiteral("seoyeon@example.com");
    earlier.customer.language = QStringLiteral("en");
    f->book(earlier);
    std::unique_ptr<GroupBookingDialog> dialog = openDialog();
    QVERIFY(dialog);
    dialog->findChild<QLineEdit*>(QStringLiteral("phone"))->setText(QStringLiteral("010-7777-8888"));
    QCOMPARE(dialog->findChild<QLineEdit*>(QStringLiteral("name"))->text(), QStringLiteral("이서연"));
    QCOMPARE(dialog->findChild<QLineEdit*>(QStringLiteral("email"))->text(), QStringLiteral("seoyeon@example.com"));
    QCOMPARE(dialog->findChild<QComboBox*>(QStringLiteral("language"))->currentData().toString(), QStringLiteral("en"));
    const QString state = dialog->findChild<QLabel*>(QStringLiteral("customerState"))->text();
    QVERIFY2(state.contains(QStringLiteral("Returning customer")), qPrintable(state));
    const GroupRequest request = dialog->request();
    QCOMPARE(request.payer.name, QStringLiteral("이서연"));
    QCOMPARE(request.payer.language, QStringLiteral("en"));
}

void TestGuiGroupBooking::errorsStandNextToTheirSite()
{
    for (const QString& language : { QStringLiteral("en"), QStringLiteral("ko") }) {
        UiLanguage ui(language);
        QVERIFY(ui.ok());
        std::unique_ptr<GroupBookingDialog> dialog = openDialog();
        QVERIFY(dialog);
        fillPart(*dialog, 0, 0, 10, 2);
        fillPart(*dialog, 1, 1, 10, 2, 9); // the site takes four
        auto* pay = dialog->findChild<QPushButton*>(QStringLiteral("bookAndPay"));
        QVERIFY(!pay->isEnabled());
        const QString tooMany = fieldMessage(*dialog, 1, QStringLiteral("guests"));
        QVERIFY2(!tooMany.isEmpty(), qPrintable(dialog->problem()));
        QVERIFY(fieldMessage(*dialog, 0, QStringLiteral("guests")).isEmpty());
        if (language == QLatin1String("ko"))
            QVERIFY2(tooMany.contains(QStringLiteral("최대")), qPrintable(tooMany));
        else
            QVERIFY2(tooMany.contains(QStringLiteral("at most 4 guests")), qPrintable(tooMany));
        // Fixed: the message goes; a check-out before check-in stands next to that row's check-out.
        fillPart(*dialog, 1, 1, 10, 2, 2);
        QVERIFY(fieldMessage(*dialog, 1, QStringLiteral("guests")).isEmpty());
        QVERIFY(pay->isEnabled());
        row(*dialog, 0)->findChild<QDateEdit*>(QStringLiteral("checkOut"))->setDate(f->today().addDays(9));
        QVERIFY(!fieldMessage(*dialog, 0, QStringLiteral("checkOut")).isEmpty());
        QVERIFY(!pay->isEnabled());
        // The payer's phone, next to the phone.
        fillPart(*dialog, 0, 0, 10, 2);
        dialog->findChild<QLineEdit*>(QStringLiteral("phone"))->setText(QStringLiteral("12"));
        QVERIFY(!pay->isEnabled());
        auto* phoneMessage = dialog->findChild<QLabel*>(QStringLiteral("phoneMessage"));
        QVERIFY(phoneMessage && phoneMessage->isVisible());
    }
}

void TestGuiGroupBooking::takenSiteHoldsNothing()
{
    f->book(f->request(m_sites.at(1), 11, 1, QStringLiteral("010-9999-1111")));
    std::unique_ptr<GroupBookingDialog> dialog = openDialog();
    QVERIFY(dialog);
    fillPart(*dialog, 0, 0, 10, 2);
    fillPart(*dialog, 1, 1, 10, 2);
    auto* pay = dialog->findChild<QPushButton*>(QStringLiteral("bookAndPay"));
    QVERIFY(pay->isEnabled());
    QTest::mouseClick(pay, Qt::LeftButton);
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->isPaying());
    const QString taken = fieldMessage(*dialog, 1, QStringLiteral("site"));
    QVERIFY2(taken.contains(QStringLiteral("A-02")), qPrintable(taken));
    QVERIFY(fieldMessage(*dialog, 0, QStringLiteral("site")).isEmpty());
    QCOMPARE(f->t->count(QStringLiteral("reservations")), 1); // the single booking only
    QCOMPARE(f->t->count(QStringLiteral("booking_groups")), 0);
}

void TestGuiGroupBooking::reservationDialogCancelsTheWholeGroup()
{
    GroupBookingService groups(*f->booking);
    const BookingGroup group = bookGroup(2, false);
    QVERIFY(group.id > 0);
    // A single booking has no group row and no group button.
    const Reservation single = f->book(f->request(m_sites.at(2), 10, 1, QStringLiteral("010-5555-6666")));
    {
        ReservationDialog dialog(*f->booking, single.id, BookingFixture::desk());
        static_cast<QDialog&>(dialog).show();
        QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("cancelGroup"))->isVisible());
    }
    ReservationDialog dialog(*f->booking, group.parts.at(0).id, BookingFixture::desk());
    static_cast<QDialog&>(dialog).show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QString details = dialog.findChild<QLabel*>(QStringLiteral("details"))->text();
    QVERIFY2(details.contains(group.code), qPrintable(details));
    QVERIFY2(details.contains(group.parts.at(1).code), qPrintable(details));
    auto* cancelGroup = dialog.findChild<QPushButton*>(QStringLiteral("cancelGroup"));
    QVERIFY(cancelGroup->isVisible() && cancelGroup->isEnabled());
    QTest::mouseClick(cancelGroup, Qt::LeftButton);
    // Asked first, with each site's refund (10 days ahead: all of it).
    QCOMPARE(m_boxes.size(), 1);
    QVERIFY2(m_boxes.at(0).text.contains(group.parts.at(1).code), qPrintable(m_boxes.at(0).text));
    QVERIFY2(m_boxes.at(0).text.contains(QStringLiteral("180,000")), qPrintable(m_boxes.at(0).text));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), 10000);
    QCOMPARE(dialog.reservation().status, ReservationStatus::Cancelled);
    QVERIFY(!cancelGroup->isEnabled());
    Result<BookingGroup> now = groups.get(group.id);
    CAMPDESK_VERIFY_OK(now);
    QCOMPARE(now->count(ReservationStatus::Cancelled), 2);
    QCOMPARE(f->terminal.refundedAmount(group.orderId), 180000);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestGuiGroupBooking::reservationDialogChangesTheWholeGroup()
{
    GroupBookingService groups(*f->booking);
    const BookingGroup group = bookGroup(2, true);
    QVERIFY(group.id > 0);
    // Someone else has the second site the day after the group's stay.
    const Reservation other = f->book(f->request(m_sites.at(1), 12, 1, QStringLiteral("010-5555-6666")));

    ReservationDialog dialog(*f->booking, group.parts.at(0).id, BookingFixture::desk());
    static_cast<QDialog&>(dialog).show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* changeGroup = dialog.findChild<QPushButton*>(QStringLiteral("changeGroup"));
    QVERIFY(changeGroup->isVisible() && changeGroup->isEnabled());

    // One night more for every site: each site's new stay and price shown, OK only once something changes.
    QString shownParts;
    bool okDisabledUnchanged = false;
    QTimer::singleShot(0, this, [&] {
        auto* change = qobject_cast<GroupChangeDialog*>(QApplication::activeModalWidget());
        QVERIFY(change);
        auto* confirm = change->findChild<QPushButton*>(QStringLiteral("confirmGroupChange"));
        okDisabledUnchanged = !confirm->isEnabled();
        change->findChild<QSpinBox*>(QStringLiteral("nightsDelta"))->setValue(1);
        shownParts = change->findChild<QLabel*>(QStringLiteral("groupChangeParts"))->text();
        QVERIFY(confirm->isEnabled());
        QTest::mouseClick(confirm, Qt::LeftButton);
    });
    QTest::mouseClick(changeGroup, Qt::LeftButton);
    QVERIFY(okDisabledUnchanged);
    QVERIFY2(shownParts.contains(group.parts.at(0).code) && shownParts.contains(group.parts.at(1).code),
             qPrintable(shownParts));
    QVERIFY2(shownParts.contains(QStringLiteral("To take now")), qPrintable(shownParts));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), 10000);
    // The second site's new night is the other guest's: nothing changed, and the message names that site's booking.
    const QString refused = dialog.findChild<QLabel*>(QStringLiteral("message"))->text();
    QVERIFY2(refused.contains(m_sites.at(1).code) && refused.contains(group.parts.at(1).code), qPrintable(refused));
    Result<BookingGroup> now = groups.get(group.id);
    CAMPDESK_VERIFY_OK(now);
    for (const Reservation& part : now->parts)
        QCOMPARE(part.nights(), 2);
    QCOMPARE(f->booking->get(other.id)->status, ReservationStatus::Confirmed);

    // A week later instead: every site moves, in one go, and the dialog shows the new dates.
    QTimer::singleShot(0, this, [&] {
        auto* change = qobject_cast<GroupChangeDialog*>(QApplication::activeModalWidget());
        QVERIFY(change);
        change->findChild<QSpinBox*>(QStringLiteral("shiftDays"))->setValue(7);
        auto* confirm = change->findChild<QPushButton*>(QStringLiteral("confirmGroupChange"));
        QVERIFY(confirm->isEnabled());
        QTest::mouseClick(confirm, Qt::LeftButton);
    });
    QTest::mouseClick(changeGroup, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), 10000);
    QVERIFY2(dialog.findChild<QLabel*>(QStringLiteral("message"))->text().isEmpty(),
             qPrintable(dialog.findChild<QLabel*>(QStringLiteral("message"))->text()));
    now = groups.get(group.id);
    CAMPDESK_VERIFY_OK(now);
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(now->parts.at(i).checkIn, group.parts.at(i).checkIn.addDays(7));
        QCOMPARE(now->parts.at(i).checkOut, group.parts.at(i).checkOut.addDays(7));
    }
    QCOMPARE(dialog.reservation().checkIn, group.parts.at(0).checkIn.addDays(7));
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestGuiGroupBooking::groupChangeScreenshots()
{
    GroupBookingService groups(*f->booking);
    const BookingGroup group = bookGroup(3, true, 1);
    QVERIFY(group.id > 0);
    for (const QString& language : { QStringLiteral("en"), QStringLiteral("ko") }) {
        UiLanguage ui(language);
        QVERIFY(ui.ok());
        for (const QSize& size : { QSize(1024, 768), QSize(1366, 768) }) {
            GroupChangeDialog dialog(groups, group, BookingFixture::desk());
            dialog.findChild<QSpinBox*>(QStringLiteral("shiftDays"))->setValue(2);
            dialog.findChild<QSpinBox*>(QStringLiteral("nightsDelta"))->setValue(-1);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            dialog.resize(size);
            QApplication::processEvents();
            QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
            QVERIFY(dialog.quote().refund > 0);
            QVERIFY(dialog.minimumSizeHint().height() <= size.height());
            QVERIFY(dialog.minimumSizeHint().width() <= size.width());
            QVERIFY(saveScreen(
                &dialog, QStringLiteral("groupchange-%1-%2x%3").arg(language).arg(size.width()).arg(size.height())));
        }
    }
}

void TestGuiGroupBooking::screenshots()
{
    for (const QString& language : { QStringLiteral("en"), QStringLiteral("ko") }) {
        UiLanguage ui(language);
        QVERIFY(ui.ok());
        for (const QSize& size : { QSize(1024, 768), QSize(1366, 768) }) {
            std::unique_ptr<GroupBookingDialog> dialog = openDialog();
            QVERIFY(dialog);
            fillPart(*dialog, 0, 0, 10, 2);
            fillPart(*dialog, 1, 1, 12, 1, 4);
            QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("addPart")), Qt::LeftButton);
            fillPart(*dialog, 2, 2, 10, 2, 9); // one error, shown where it is
            dialog->resize(size);
            QApplication::processEvents();
            // The dialog fits the screen: nothing is cut off at 768 pixels high.
            QVERIFY2(dialog->minimumSizeHint().height() <= size.height(),
                     qPrintable(QString::number(dialog->minimumSizeHint().height())));
            QVERIFY2(dialog->minimumSizeHint().width() <= size.width(),
                     qPrintable(QString::number(dialog->minimumSizeHint().width())));
            QVERIFY(
                saveScreen(dialog.get(),
                           QStringLiteral("groupbooking-%1-%2x%3").arg(language).arg(size.width()).arg(size.height())));
        }
    }
}

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    TestGuiGroupBooking test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_gui_groupbooking.moc"
