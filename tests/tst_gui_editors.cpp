// Editors say what they correct: out-of-range input stays as typed and is flagged next to its field (no silent
// clamping), prices have a ceiling from the settings, and a dialog with unsaved edits asks before it closes.
#include "admin/settingspage.h"
#include "admin/userspage.h"
#include "dialogs/adjustpointsdialog.h"
#include "dialogs/campsiteeditordialog.h"
#include "dialogs/canceldialog.h"
#include "dialogs/customereditordialog.h"
#include "dialogs/deskbookingdialog.h"
#include "dialogs/reservationdialog.h"
#include "dialogs/userdialog.h"
#include "domain/bookingservice.h"
#include "domain/campgroundsettings.h"
#include "domain/campsiteservice.h"
#include "domain/waitlistservice.h"
#include "mainwindow.h"
#include "messagebox.h"
#include "ops/appcontext.h"
#include "ops/demodata.h"
#include "screenshot.h"
#include "testdatabase.h"
#include "uilanguage.h"

#include <QAction>
#include <QCheckBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace campdesk;

class TestGuiEditors : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void campsiteEditorFlagsNumbersItCannotTake();
    void priceCeilingIsASetting();
    void deskBookingFlagsDatesAndGuests();
    void adjustPointsKeepsTheMinusSign();
    void cancelRefundIsFlaggedNotClamped();
    void customerEditorSaysWhatIsWrong();
    void userDialogSaysWhichFieldIsWrong();
    void settingsPageFlagsNumbers();
    void settingsPageEditsTheWaitlistOfferTime();
    void escapeAsksBeforeDroppingEdits();
    void koreanMessages();
    void savedReceiptSaysWhereItWent();
    void userActionsWaitForASelection();

private:
    static QString messageOf(QWidget* dialog, const QString& field)
    {
        auto* label = dialog->findChild<QLabel*>(field + QStringLiteral("Message"));
        return label && label->isVisibleTo(dialog) ? label->text() : QString();
    }
    Actor manager() const { return { 1, QStringLiteral("manager"), Role::Manager }; }

    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_context;
    QList<MessageBox::Shown> m_messages;
    bool m_confirmAnswer = false;
    std::unique_ptr<test::UiLanguage> m_english;
};

void TestGuiEditors::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_english = std::make_unique<test::UiLanguage>(QStringLiteral("en"));
    MessageBox::setHandlerForTesting([this](const MessageBox::Shown& shown) {
        m_messages.append(shown);
        return m_confirmAnswer;
    });
}

void TestGuiEditors::init()
{
    static int counter = 0;
    Result<std::unique_ptr<AppContext>> opened
        = AppContext::open(m_dir.filePath(QStringLiteral("editors-%1.db").arg(++counter)));
    QVERIFY2(opened.ok(), qPrintable(opened.error().message));
    m_context = std::move(opened).value();
    Result<QList<DemoData::Login>> logins = DemoData::fillIfFresh(*m_context);
    QVERIFY2(logins.ok(), qPrintable(logins.error().message));
    m_messages.clear();
    m_confirmAnswer = false;
}

void TestGuiEditors::cleanup()
{
    m_context.reset();
}

void TestGuiEditors::campsiteEditorFlagsNumbersItCannotTake()
{
    CampsiteEditorDialog dialog(*m_context->campsites, manager(), std::nullopt);
    dialog.show();
    QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("code")), QStringLiteral("Z-01"));
    QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("name")), QStringLiteral("Deck"));
    auto* price = dialog.findChild<QLineEdit*>(QStringLiteral("nightlyPrice"));
    auto* guests = dialog.findChild<QLineEdit*>(QStringLiteral("maxGuests"));
    auto* ok = dialog.findChild<QPushButton*>(QStringLiteral("ok"));
    QVERIFY(price && guests && ok);

    price->clear();
    QTest::keyClicks(price, QStringLiteral("-5000"));
    QCOMPARE(price->text(), QStringLiteral("-5000")); // the minus sign is kept
    QCOMPARE(messageOf(&dialog, QStringLiteral("nightlyPrice")), QStringLiteral("Cannot be negative."));
    QVERIFY(!ok->isEnabled());

    price->clear();
    QTest::keyClicks(price, QStringLiteral("99999999999"));
    QCOMPARE(price->text(), QStringLiteral("99999999999")); // not cut to a maximum
    QCOMPARE(messageOf(&dialog, QStringLiteral("nightlyPrice")),
             QStringLiteral("At most 10,000,000 won per night (Settings)."));
    QVERIFY(!ok->isEnabled());

    price->clear();
    QTest::keyClicks(price, QStringLiteral("12abc"));
    QCOMPARE(messageOf(&dialog, QStringLiteral("nightlyPrice")), QStringLiteral("Enter a whole number."));

    price->clear();
    QTest::keyClicks(price, QStringLiteral("45,000"));
    QCOMPARE(messageOf(&dialog, QStringLiteral("nightlyPrice")), QString());
    QCOMPARE(dialog.campsite().nightlyPrice, 45000);

    guests->clear();
    QTest::keyClicks(guests, QStringLiteral("0"));
    QCOMPARE(guests->text(), QStringLiteral("0")); // not put back to a default
    QCOMPARE(messageOf(&dialog, QStringLiteral("maxGuests")), QStringLiteral("At least 1."));
    QVERIFY(!ok->isEnabled());
    test::saveScreenshot(&dialog, QStringLiteral("editor-guests-zero-en"));
    guests->setText(QStringLiteral("4"));
    QCOMPARE(messageOf(&dialog, QStringLiteral("maxGuests")), QString());
    QVERIFY2(ok->isEnabled(), qPrintable(dialog.findChild<QLabel*>(QStringLiteral("problem"))->text()));

    // The longest RV: "No limit" by default; a length beyond the rule is kept and flagged, not cut to 20 m.
    auto* length = dialog.findChild<QDoubleSpinBox*>(QStringLiteral("maxEquipmentLength"));
    QVERIFY(length);
    QCOMPARE(length->text(), QStringLiteral("No limit"));
    QCOMPARE(dialog.campsite().maxEquipmentLengthDm, 0);
    length->setValue(23.5);
    QCOMPARE(dialog.campsite().maxEquipmentLengthDm, 235);
    QCOMPARE(messageOf(&dialog, QStringLiteral("maxEquipmentLength")),
             QStringLiteral("The longest RV or caravan must be between 1 m and 20 m, or no limit."));
    QVERIFY(!ok->isEnabled());
    length->setValue(8.5);
    QCOMPARE(messageOf(&dialog, QStringLiteral("maxEquipmentLength")), QString());
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
    const Campsite saved = m_context->campsites->findByCode(QStringLiteral("Z-01")).value();
    QCOMPARE(saved.maxEquipmentLengthDm, 85);
}

void TestGuiEditors::priceCeilingIsASetting()
{
    CampgroundSettings settings(*m_context->db);
    CampgroundInfo info = settings.get().value();
    QCOMPARE(info.maxNightlyPrice, 10'000'000);
    info.maxNightlyPrice = 200'000;
    CAMPDESK_VERIFY_OK(settings.set(manager(), info));

    CampsiteEditorDialog dialog(*m_context->campsites, manager(), std::nullopt);
    dialog.show();
    auto* price = dialog.findChild<QLineEdit*>(QStringLiteral("nightlyPrice"));
    price->setText(QStringLiteral("250000"));
    QCOMPARE(messageOf(&dialog, QStringLiteral("nightlyPrice")),
             QStringLiteral("At most 200,000 won per night (Settings)."));
    auto* weekend = dialog.findChild<QLineEdit*>(QStringLiteral("weekendPrice"));
    weekend->setText(QStringLiteral("300000"));
    QCOMPARE(messageOf(&dialog, QStringLiteral("weekendPrice")),
             QStringLiteral("At most 200,000 won per night (Settings)."));

    // The service holds to the ceiling too, whatever the screen let through.
    Campsite site = m_context->campsites->findByCode(QStringLiteral("A-01")).value();
    site.nightlyPrice = 250'000;
    Result<Campsite> refused = m_context->campsites->modify(manager(), site);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().field, QStringLiteral("nightlyPrice"));
    site.nightlyPrice = 150'000;
    CAMPDESK_VERIFY_OK(m_context->campsites->modify(manager(), site));
}

void TestGuiEditors::deskBookingFlagsDatesAndGuests()
{
    const Actor desk { 2, QStringLiteral("desk"), Role::FrontDesk };
    DeskBookingDialog dialog(*m_context->bookings, *m_context->customers, *m_context->campsites,
                             { m_context->deskPayment.get(), nullptr }, desk);
    dialog.show();
    dialog.findChild<QLineEdit*>(QStringLiteral("phone"))->setText(QStringLiteral("010-7777-8888"));
    QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("name")), QStringLiteral("Alice Park"));
    auto* ok = dialog.findChild<QPushButton*>(QStringLiteral("bookAndPay"));
    QVERIFY2(ok->isEnabled(), qPrintable(dialog.problem()));
    auto* checkIn = dialog.findChild<QDateEdit*>(QStringLiteral("checkIn"));
    auto* checkOut = dialog.findChild<QDateEdit*>(QStringLiteral("checkOut"));
    const QDate today = QDate::currentDate();

    // A check-out before the check-in stays as chosen and is flagged under the check-out.
    checkIn->setDate(today.addDays(5));
    checkOut->setDate(today.addDays(3));
    QCOMPARE(checkOut->date(), today.addDays(3));
    QCOMPARE(messageOf(&dialog, QStringLiteral("checkOut")), QStringLiteral("Check-out must be after check-in."));
    QVERIFY(!ok->isEnabled());
    checkOut->setDate(today.addDays(6));
    QCOMPARE(messageOf(&dialog, QStringLiteral("checkOut")), QString());

    // A past date is kept and flagged, not turned back into today.
    checkIn->setDate(today.addDays(-2));
    QCOMPARE(checkIn->date(), today.addDays(-2));
    QVERIFY(messageOf(&dialog, QStringLiteral("checkIn")).startsWith(QLatin1String("Check-in cannot be in the past")));
    QVERIFY(!ok->isEnabled());
    checkIn->setDate(today.addDays(1));
    QCOMPARE(messageOf(&dialog, QStringLiteral("checkIn")), QString());

    auto* guests = dialog.findChild<QLineEdit*>(QStringLiteral("guests"));
    guests->clear();
    QTest::keyClicks(guests, QStringLiteral("0"));
    QCOMPARE(guests->text(), QStringLiteral("0"));
    QCOMPARE(messageOf(&dialog, QStringLiteral("guests")), QStringLiteral("At least 1."));
    QVERIFY(!ok->isEnabled());
    test::saveScreenshot(&dialog, QStringLiteral("deskbooking-guests-zero-en"));

    guests->setText(QStringLiteral("2"));
    auto* points = dialog.findChild<QLineEdit*>(QStringLiteral("points"));
    points->setText(QStringLiteral("-5000"));
    QCOMPARE(messageOf(&dialog, QStringLiteral("points")), QStringLiteral("Cannot be negative."));
    QVERIFY(!ok->isEnabled());
    points->setText(QStringLiteral("99999999999"));
    QVERIFY(messageOf(&dialog, QStringLiteral("points")).startsWith(QLatin1String("At most 0 points")));
    points->clear();
    QVERIFY2(ok->isEnabled(), qPrintable(dialog.problem()));
    m_confirmAnswer = true;
}

void TestGuiEditors::adjustPointsKeepsTheMinusSign()
{
    AdjustPointsDialog dialog(*m_context->mileage, 1, manager());
    dialog.show();
    auto* delta = dialog.findChild<QLineEdit*>(QStringLiteral("delta"));
    auto* reason = dialog.findChild<QLineEdit*>(QStringLiteral("reason"));
    auto* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    QTest::keyClicks(delta, QStringLiteral("-5000"));
    QCOMPARE(delta->text(), QStringLiteral("-5000"));
    QCOMPARE(messageOf(&dialog, QStringLiteral("delta")), QString());
    QCOMPARE(messageOf(&dialog, QStringLiteral("reason")), QStringLiteral("Give a reason."));
    QVERIFY(!ok->isEnabled());
    QTest::keyClicks(reason, QStringLiteral("correction"));
    QVERIFY(ok->isEnabled());

    delta->clear();
    QTest::keyClicks(delta, QStringLiteral("99999999999"));
    QCOMPARE(messageOf(&dialog, QStringLiteral("delta")), QStringLiteral("At most 10,000,000."));
    QVERIFY(!ok->isEnabled());
    delta->setText(QStringLiteral("0"));
    QCOMPARE(messageOf(&dialog, QStringLiteral("delta")), QStringLiteral("Enter a change other than 0."));
    QVERIFY(!ok->isEnabled());
    m_confirmAnswer = true;
}

// The refund a member of staff types stays as typed: a minus sign or more than was paid is said under the field
// (a spin box used to drop the sign and cut the amount to what was paid without a word).
void TestGuiEditors::cancelRefundIsFlaggedNotClamped()
{
    BookingRequest request;
    request.campsiteId = m_context->campsites->findByCode(QStringLiteral("A-01")).value().id;
    request.checkIn = QDate::currentDate().addDays(12);
    request.checkOut = request.checkIn.addDays(1);
    request.guests = 2;
    request.customer = Customer { 0,         QStringLiteral("Minji Kim"), QStringLiteral("010-2000-0002"),
                                  QString(), QStringLiteral("ko"),        false };
    Result<Reservation> booked
        = m_context->bookings->book(manager(), request, *m_context->deskPayment, QStringLiteral("cash"));
    CAMPDESK_VERIFY_OK(booked);
    CancelDialog dialog(*m_context->bookings, booked.value(), manager());
    dialog.show();
    auto* amount = dialog.findChild<QLineEdit*>(QStringLiteral("refundAmount"));
    auto* reason = dialog.findChild<QLineEdit*>(QStringLiteral("reason"));
    auto* ok = dialog.findChild<QPushButton*>(QStringLiteral("confirmCancel"));
    QVERIFY(ok->isEnabled()); // by the rule, nothing to say
    dialog.findChild<QCheckBox*>(QStringLiteral("overrideRefund"))->setChecked(true);
    QCOMPARE(messageOf(&dialog, QStringLiteral("reason")), QStringLiteral("Give a reason for changing the refund."));
    QTest::keyClicks(reason, QStringLiteral("goodwill"));
    QCOMPARE(messageOf(&dialog, QStringLiteral("reason")), QString());
    QVERIFY(ok->isEnabled());

    amount->clear();
    QTest::keyClicks(amount, QStringLiteral("-5000"));
    QCOMPARE(amount->text(), QStringLiteral("-5000"));
    QVERIFY(!messageOf(&dialog, QStringLiteral("refundAmount")).isEmpty());
    QVERIFY(!ok->isEnabled());
    amount->setText(QString::number(booked->amount + 1));
    QCOMPARE(messageOf(&dialog, QStringLiteral("refundAmount")),
             QStringLiteral("At most %1.").arg(QLocale().toString(booked->amount)));
    QVERIFY(!ok->isEnabled());
    amount->setText(QString::number(booked->amount / 2));
    QCOMPARE(messageOf(&dialog, QStringLiteral("refundAmount")), QString());
    QVERIFY(ok->isEnabled());
    QCOMPARE(dialog.request().refundOverride, booked->amount / 2);
}

// The customer editor: each problem under its field as typed, Save waits, nothing is saved until it is right; then
// details and the staff's notes are saved together.
void TestGuiEditors::customerEditorSaysWhatIsWrong()
{
    Customer draft;
    draft.name = QStringLiteral("이서준");
    draft.phone = QStringLiteral("010-4000-0004");
    Result<Customer> customer = m_context->customers->findOrCreate(manager(), draft);
    CAMPDESK_VERIFY_OK(customer);
    CustomerEditorDialog dialog(*m_context->customers, manager(), customer->id);
    dialog.show();
    auto* name = dialog.findChild<QLineEdit*>(QStringLiteral("name"));
    auto* email = dialog.findChild<QLineEdit*>(QStringLiteral("email"));
    auto* notes = dialog.findChild<QPlainTextEdit*>(QStringLiteral("notes"));
    auto* save = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save);
    QCOMPARE(name->text(), QStringLiteral("이서준"));
    QCOMPARE(dialog.findChild<QLineEdit*>(QStringLiteral("phone"))->text(), QStringLiteral("010-4000-0004"));
    QVERIFY(save->isEnabled());

    name->clear();
    QVERIFY(!messageOf(&dialog, QStringLiteral("name")).isEmpty());
    QVERIFY(!save->isEnabled());
    name->insert(QStringLiteral("이서준 Seojun")); // typed through an input method: QTest types ASCII only
    QCOMPARE(messageOf(&dialog, QStringLiteral("name")), QString());
    QTest::keyClicks(email, QStringLiteral("seojun@"));
    QCOMPARE(messageOf(&dialog, QStringLiteral("email")), QStringLiteral("This e-mail address does not look right."));
    QVERIFY(!save->isEnabled());
    QTest::keyClicks(email, QStringLiteral("example.com"));
    QVERIFY(save->isEnabled());
    notes->setPlainText(QString(1001, QLatin1Char('x')));
    QVERIFY(!messageOf(&dialog, QStringLiteral("notes")).isEmpty());
    QVERIFY(!save->isEnabled());
    QCOMPARE(m_context->customers->get(customer->id)->name, QStringLiteral("이서준")); // nothing saved yet
    notes->setPlainText(QStringLiteral("캠핑카 7m, 전기 필요"));
    QVERIFY(save->isEnabled());
    QVERIFY(!test::saveScreenshot(&dialog, QStringLiteral("dialog-customer-en")).isEmpty());
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(m_context->customers->get(customer->id)->name, QStringLiteral("이서준 Seojun"));
    QCOMPARE(m_context->customers->get(customer->id)->email, QStringLiteral("seojun@example.com"));
    QCOMPARE(m_context->customers->notes(manager(), customer->id).value(), QStringLiteral("캠핑카 7m, 전기 필요"));
}

void TestGuiEditors::userDialogSaysWhichFieldIsWrong()
{
    UserDialog dialog(*m_context->users, manager(), 0);
    dialog.show();
    QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("username")), QStringLiteral("a b"));
    QVERIFY(!messageOf(&dialog, QStringLiteral("username")).isEmpty());
    QCOMPARE(messageOf(&dialog, QStringLiteral("password")), QString()); // nothing typed there yet
    QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("password")), QStringLiteral("x"));
    QVERIFY(!messageOf(&dialog, QStringLiteral("password")).isEmpty());
    m_confirmAnswer = true;
}

void TestGuiEditors::settingsPageFlagsNumbers()
{
    SettingsPage page(*m_context->rules, std::make_unique<CampgroundSettings>(*m_context->db), nullptr, manager());
    page.resize(1000, 700);
    page.show();
    auto* reviewPoints = page.findChild<QLineEdit*>(QStringLiteral("reviewPoints"));
    auto* maxPrice = page.findChild<QLineEdit*>(QStringLiteral("maxNightlyPrice"));
    auto* business = page.findChild<QLineEdit*>(QStringLiteral("businessNumber"));
    QVERIFY(reviewPoints && maxPrice && business);
    QVERIFY(!page.saveButton()->isEnabled()); // nothing changed

    reviewPoints->setText(QStringLiteral("-5000"));
    QCOMPARE(messageOf(&page, QStringLiteral("reviewPoints")), QStringLiteral("Cannot be negative."));
    QVERIFY(!page.saveButton()->isEnabled());
    reviewPoints->setText(QStringLiteral("99999999999"));
    QCOMPARE(messageOf(&page, QStringLiteral("reviewPoints")), QStringLiteral("At most 1,000,000."));
    reviewPoints->setText(QStringLiteral("700"));
    QCOMPARE(messageOf(&page, QStringLiteral("reviewPoints")), QString());
    QVERIFY(page.saveButton()->isEnabled());

    business->setText(QStringLiteral("12-34"));
    QVERIFY(messageOf(&page, QStringLiteral("businessNumber")).contains(QLatin1String("123-45-67890")));
    QVERIFY(!page.saveButton()->isEnabled());
    business->setText(QStringLiteral("123-45-67890"));
    maxPrice->setText(QStringLiteral("300,000"));
    page.findChild<QLineEdit*>(QStringLiteral("campgroundName"))->setText(QStringLiteral("Pine Valley"));
    QVERIFY(page.saveButton()->isEnabled());
    page.save();
    QCOMPARE(m_context->rules->get()->reviewPoints, 700);
    const CampgroundInfo saved = CampgroundSettings(*m_context->db).get().value();
    QCOMPARE(saved.maxNightlyPrice, 300'000);
    QCOMPARE(saved.businessNumber, QStringLiteral("123-45-67890"));
    QCOMPARE(saved.name, QStringLiteral("Pine Valley"));
    QVERIFY(!page.saveButton()->isEnabled());
}

void TestGuiEditors::settingsPageEditsTheWaitlistOfferTime()
{
    WaitlistService& waitlist = *m_context->waitlist;
    SettingsPage page(*m_context->rules, std::make_unique<CampgroundSettings>(*m_context->db), nullptr, manager(),
                      nullptr, nullptr, nullptr, &waitlist);
    page.resize(1000, 700);
    page.show();
    auto* offer = page.findChild<QLineEdit*>(QStringLiteral("waitlistOfferMinutes"));
    QVERIFY(offer && offer->isEnabled());
    QVERIFY(page.findChild<QWidget*>(QStringLiteral("waitlistSettings"))->isVisible());
    QCOMPARE(offer->text(), QLocale().toString(WaitlistService::defaultOfferMinutes));
    QVERIFY(!page.saveButton()->isEnabled());
    // Out of range either way: said under the field, nothing saved.
    for (const QString& bad : { QStringLiteral("4"), QStringLiteral("10081"), QStringLiteral("two hours") }) {
        offer->setText(bad);
        QVERIFY2(!messageOf(&page, QStringLiteral("waitlistOfferMinutes")).isEmpty(), qPrintable(bad));
        QVERIFY(!page.saveButton()->isEnabled());
    }
    offer->setText(QStringLiteral("45"));
    QCOMPARE(messageOf(&page, QStringLiteral("waitlistOfferMinutes")), QString());
    QVERIFY(page.saveButton()->isEnabled());
    page.save();
    QCOMPARE(waitlist.offerMinutes().value(), 45);
    QSqlQuery audit(m_context->db->connection());
    QVERIFY(audit.exec(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'settings.waitlist' AND "
                                      "details = '45'"))
            && audit.next());
    QCOMPARE(audit.value(0).toInt(), 1);
    QVERIFY(!page.saveButton()->isEnabled());

    // Front desk staff cannot change it: the service refuses and the page says so.
    SettingsPage deskPage(*m_context->rules, std::make_unique<CampgroundSettings>(*m_context->db), nullptr,
                          Actor { 2, QStringLiteral("desk"), Role::FrontDesk }, nullptr, nullptr, nullptr, &waitlist);
    deskPage.show();
    deskPage.findChild<QLineEdit*>(QStringLiteral("waitlistOfferMinutes"))->setText(QStringLiteral("30"));
    deskPage.save();
    QVERIFY(!deskPage.findChild<QLabel*>(QStringLiteral("message"))->text().isEmpty());
    QCOMPARE(waitlist.offerMinutes().value(), 45);
}

void TestGuiEditors::escapeAsksBeforeDroppingEdits()
{
    {
        // Untouched: Escape closes without a question.
        CampsiteEditorDialog dialog(*m_context->campsites, manager(), std::nullopt);
        dialog.show();
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QVERIFY(!dialog.isVisible());
        QVERIFY(m_messages.isEmpty());
    }
    CampsiteEditorDialog dialog(*m_context->campsites, manager(),
                                m_context->campsites->findByCode(QStringLiteral("A-01")).value());
    dialog.show();
    QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("name")), QStringLiteral(" x"));
    m_confirmAnswer = false; // keep editing
    QTest::keyClick(&dialog, Qt::Key_Escape);
    QCOMPARE(m_messages.size(), 1);
    QCOMPARE(m_messages.first().kind, MessageBox::Kind::Question);
    QVERIFY(dialog.isVisible());
    dialog.close(); // the window's close button asks too
    QCOMPARE(m_messages.size(), 2);
    QVERIFY(dialog.isVisible());
    m_confirmAnswer = true; // discard
    QTest::keyClick(&dialog, Qt::Key_Escape);
    QVERIFY(!dialog.isVisible());

    // The desk booking dialog asks as well once something was typed.
    m_messages.clear();
    const Actor desk { 2, QStringLiteral("desk"), Role::FrontDesk };
    DeskBookingDialog booking(*m_context->bookings, *m_context->customers, *m_context->campsites,
                              { m_context->deskPayment.get(), nullptr }, desk);
    booking.show();
    QTest::keyClicks(booking.findChild<QLineEdit*>(QStringLiteral("name")), QStringLiteral("Kim"));
    m_confirmAnswer = false;
    QTest::keyClick(&booking, Qt::Key_Escape);
    QCOMPARE(m_messages.size(), 1);
    QVERIFY(booking.isVisible());
    m_confirmAnswer = true;
}

void TestGuiEditors::koreanMessages()
{
    test::UiLanguage korean(QStringLiteral("ko"));
    QVERIFY(korean.ok());
    CampsiteEditorDialog dialog(*m_context->campsites, manager(), std::nullopt);
    dialog.show();
    auto* price = dialog.findChild<QLineEdit*>(QStringLiteral("nightlyPrice"));
    price->clear();
    QTest::keyClicks(price, QStringLiteral("-5000"));
    QCOMPARE(messageOf(&dialog, QStringLiteral("nightlyPrice")), QStringLiteral("음수는 입력할 수 없습니다."));
    price->setText(QStringLiteral("99999999999"));
    QCOMPARE(messageOf(&dialog, QStringLiteral("nightlyPrice")),
             QStringLiteral("1박에 최대 10,000,000원까지 입력할 수 있습니다(설정)."));
    test::saveScreenshot(&dialog, QStringLiteral("editor-negative-ko"));
    m_confirmAnswer = true;
}

void TestGuiEditors::savedReceiptSaysWhereItWent()
{
    BookingRequest request;
    request.campsiteId = m_context->campsites->findByCode(QStringLiteral("A-01")).value().id;
    request.checkIn = QDate::currentDate().addDays(3);
    request.checkOut = request.checkIn.addDays(2);
    request.guests = 2;
    request.customer = Customer { 0,         QStringLiteral("Minji Kim"), QStringLiteral("010-2000-0001"),
                                  QString(), QStringLiteral("ko"),        false };
    Result<Reservation> booked
        = m_context->bookings->book(manager(), request, *m_context->deskPayment, QStringLiteral("cash"));
    CAMPDESK_VERIFY_OK(booked);
    MainWindow window(manager(), m_context->db->describe());
    window.show();
    QString suggested;
    const QString target = m_dir.filePath(QStringLiteral("receipt-saved.pdf"));
    MainWindow::setSaveFileNameProviderForTesting([&](const QString& path) {
        suggested = path;
        return target;
    });
    ReservationDialog dialog(*m_context->bookings, booked->id, manager(), &window);
    static_cast<QDialog&>(dialog).show();
    QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("saveReceipt")), Qt::LeftButton);
    MainWindow::setSaveFileNameProviderForTesting({});
    // The dialog opened in Documents; the status bar (and the dialog) say where the file went.
    QCOMPARE(QFileInfo(suggested).absolutePath(),
             QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)).absolutePath());
    QVERIFY(QFile::exists(target));
    QVERIFY2(window.statusBar()->currentMessage().contains(target), qPrintable(window.statusBar()->currentMessage()));
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("savedTo"))->text().contains(target));
}

void TestGuiEditors::userActionsWaitForASelection()
{
    UsersPage page(*m_context->users, nullptr, manager());
    page.show();
    auto* changeRole = page.findChild<QAction*>(QStringLiteral("changeRole"));
    QVERIFY(changeRole);
    QVERIFY(!changeRole->isEnabled());
    QVERIFY(!page.findChild<QAction*>(QStringLiteral("resetPassword"))->isEnabled());
    auto* view = page.findChild<QTableView*>();
    view->selectRow(0);
    QVERIFY(changeRole->isEnabled());
    view->clearSelection();
    QVERIFY(!changeRole->isEnabled());
}

QTEST_MAIN(TestGuiEditors)
#include "tst_gui_editors.moc"
