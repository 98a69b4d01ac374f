// Extras in the GUI (issue 19 item 3): the Rates page's Extras tab says what is wrong under each field and keeps Save
// disabled until it is right; the desk booking dialog adds extras and its quote lines follow; the kiosk's extras
// step shows touch steppers and the quote's lines before paying and fits 1024x768; the receipt lists the extras;
// staff mark an extra line consumed in the reservation dialog. Screenshots at 1024x768 and 1366x768 in Korean and
// English.
#include "admin/extrastab.h"
#include "admin/ratespage.h"
#include "core/languagemanager.h"
#include "core/money.h"
#include "dialogs/deskbookingdialog.h"
#include "dialogs/reservationdialog.h"
#include "domain/bookingservice.h"
#include "domain/campsiteservice.h"
#include "domain/extras.h"
#include "domain/rateplanservice.h"
#include "domain/receiptquery.h"
#include "kiosk/kioskextraspage.h"
#include "kiosk/kioskstepper.h"
#include "ops/appcontext.h"
#include "ops/demodata.h"
#include "payment/deskpayment.h"
#include "receiptprinter.h"
#include "screenshot.h"
#include "uilanguage.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace campdesk;

class TestGuiExtras : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void extrasTabSaysWhatIsWrongAndSaves();
    void deskBookingAddsExtrasToTheQuote();
    void kioskStepShowsStepperAndLinesBeforePaying();
    void receiptAndReservationDialogShowTheExtras();
    void screenshotsInBothLanguages();

private:
    static QString messageOf(QWidget* widget, const QString& field)
    {
        auto* label = widget->findChild<QLabel*>(field + QStringLiteral("Message"));
        return label && label->isVisibleTo(widget) ? label->text() : QString();
    }
    Actor manager() const { return { 1, QStringLiteral("manager"), Role::Manager }; }
    Actor desk() const { return { 2, QStringLiteral("desk"), Role::FrontDesk }; }
    std::unique_ptr<RatesPage> page();
    Extra addFirewood(int stock = 5);
    BookingRequest request(qint64 extraId, int quantity) const;

    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<test::UiLanguage> m_english;
};

void TestGuiExtras::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_english = std::make_unique<test::UiLanguage>(QStringLiteral("en"));
}

void TestGuiExtras::init()
{
    static int counter = 0;
    Result<std::unique_ptr<AppContext>> opened
        = AppContext::open(m_dir.filePath(QStringLiteral("extras-%1.db").arg(++counter)));
    QVERIFY2(opened.ok(), qPrintable(opened.error().message));
    m_context = std::move(opened).value();
    Result<QList<DemoData::Login>> logins = DemoData::fillIfFresh(*m_context);
    QVERIFY2(logins.ok(), qPrintable(logins.error().message));
}

void TestGuiExtras::cleanup()
{
    m_context.reset();
}

std::unique_ptr<RatesPage> TestGuiExtras::page()
{
    return std::make_unique<RatesPage>(std::make_unique<RatePlanService>(*m_context->db), *m_context->campsites,
                                       manager(), nullptr, std::make_unique<ExtrasService>(*m_context->db));
}

Extra TestGuiExtras::addFirewood(int stock)
{
    Extra firewood;
    firewood.name = QStringLiteral("장작");
    firewood.unit = QStringLiteral("unit");
    firewood.unitPrice = 10000;
    firewood.stock = stock;
    Result<Extra> saved = ExtrasService(*m_context->db).save(manager(), firewood);
    return saved.ok() ? saved.value() : Extra();
}

BookingRequest TestGuiExtras::request(qint64 extraId, int quantity) const
{
    Result<QList<Campsite>> sites = m_context->campsites->list(false);
    BookingRequest r;
    r.campsiteId = sites.ok() && !sites->isEmpty() ? sites->first().id : 0;
    r.checkIn = QDate::currentDate().addDays(20);
    r.checkOut = r.checkIn.addDays(2);
    r.guests = 2;
    r.customer.name = QStringLiteral("Alice Park");
    r.customer.phone = QStringLiteral("010-7777-8888");
    r.extras = { { extraId, quantity } };
    return r;
}

void TestGuiExtras::extrasTabSaysWhatIsWrongAndSaves()
{
    auto rates = page();
    QTabWidget* tabs = rates->tabs();
    QCOMPARE(tabs->tabText(tabs->count() - 1), QStringLiteral("Extras"));
    ExtrasTab* tab = rates->extrasTab();
    QVERIFY(tab);
    tabs->setCurrentWidget(tab);
    rates->show();
    auto* name = tab->findChild<QLineEdit*>(QStringLiteral("name"));
    auto* price = tab->findChild<QLineEdit*>(QStringLiteral("unitPrice"));
    auto* stock = tab->findChild<QLineEdit*>(QStringLiteral("stock"));
    auto* save = tab->findChild<QPushButton*>(QStringLiteral("saveExtra"));
    QVERIFY(name && price && stock && save);
    // A new extra: nothing typed yet, so Save waits and the name says why.
    QVERIFY(!save->isEnabled());
    QVERIFY(!messageOf(tab, QStringLiteral("name")).isEmpty());
    name->setText(QStringLiteral("장작 🔥"));
    QCOMPARE(messageOf(tab, QStringLiteral("name")), QString());
    price->setText(QStringLiteral("-5000"));
    QVERIFY2(!messageOf(tab, QStringLiteral("unitPrice")).isEmpty(), "a negative price is flagged");
    QVERIFY(!save->isEnabled());
    price->setText(QStringLiteral("999999999"));
    QVERIFY(!messageOf(tab, QStringLiteral("unitPrice")).isEmpty());
    QVERIFY(!save->isEnabled());
    price->setText(QStringLiteral("10,000"));
    QCOMPARE(messageOf(tab, QStringLiteral("unitPrice")), QString());
    stock->setText(QStringLiteral("-1"));
    QVERIFY(!messageOf(tab, QStringLiteral("stock")).isEmpty());
    QVERIFY(!save->isEnabled());
    stock->setText(QStringLiteral("12"));
    name->setText(QString(41, QLatin1Char('x')));
    QVERIFY(!messageOf(tab, QStringLiteral("name")).isEmpty());
    QVERIFY(!save->isEnabled());
    name->setText(QStringLiteral("장작 🔥"));
    QVERIFY(save->isEnabled());
    save->click();
    Result<QList<Extra>> stored = ExtrasService(*m_context->db).list();
    QVERIFY(stored.ok());
    QCOMPARE(stored->size(), 1);
    QCOMPARE(stored->first().name, QStringLiteral("장작 🔥"));
    QCOMPARE(stored->first().unitPrice, qint64(10000));
    QCOMPARE(stored->first().stock.value_or(-1), 12);
    auto* list = tab->findChild<QTableWidget*>(QStringLiteral("extrasList"));
    QCOMPARE(list->rowCount(), 1);
    QCOMPARE(list->item(0, 0)->text(), QStringLiteral("장작 🔥"));
    QCOMPARE(list->item(0, 3)->text(), QStringLiteral("12"));
    // Empty stock is unlimited.
    stock->clear();
    QVERIFY(save->isEnabled());
    save->click();
    QVERIFY(!ExtrasService(*m_context->db).list()->first().stock.has_value());
    QCOMPARE(list->item(0, 3)->text(), QStringLiteral("Unlimited"));
}

void TestGuiExtras::deskBookingAddsExtrasToTheQuote()
{
    const Extra firewood = addFirewood();
    QVERIFY(firewood.id > 0);
    DeskBookingDialog dialog(*m_context->bookings, *m_context->customers, *m_context->campsites,
                             { m_context->deskPayment.get(), nullptr }, desk());
    dialog.show();
    dialog.findChild<QLineEdit*>(QStringLiteral("phone"))->setText(QStringLiteral("010-7777-8888"));
    QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("name")), QStringLiteral("Alice Park"));
    auto* quantity = dialog.findChild<QLineEdit*>(QStringLiteral("extra-%1").arg(firewood.id));
    QVERIFY(quantity);
    auto* quote = dialog.findChild<QLabel*>(QStringLiteral("quote"));
    QVERIFY2(!quote->text().contains(QStringLiteral("장작")), qPrintable(quote->text()));
    quantity->setText(QStringLiteral("2"));
    QVERIFY2(quote->text().contains(QStringLiteral("장작 × 2: ") + formatWon(20000)), qPrintable(quote->text()));
    QVERIFY2(dialog.findChild<QPushButton*>(QStringLiteral("bookAndPay"))->isEnabled(), qPrintable(dialog.problem()));
    // Back to none, then a quantity that is no quantity: said next to the extras, and nothing can be booked.
    quantity->setText(QStringLiteral("0"));
    QVERIFY(!quote->text().contains(QStringLiteral("장작")));
    quantity->setText(QStringLiteral("-3"));
    QVERIFY(!messageOf(&dialog, QStringLiteral("extras")).isEmpty());
    QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("bookAndPay"))->isEnabled());
    quantity->setText(QStringLiteral("2"));
    QCOMPARE(messageOf(&dialog, QStringLiteral("extras")), QString());
    dialog.adjustSize(); // as tall as the quote's lines
    QVERIFY2(quote->text().contains(QLatin1String("To pay")), qPrintable(quote->text()));
    test::saveScreenshot(&dialog, QStringLiteral("extras-deskbooking-en"));
}

void TestGuiExtras::kioskStepShowsStepperAndLinesBeforePaying()
{
    const Extra firewood = addFirewood(3);
    LanguageManager language;
    KioskExtrasPage extras(language);
    extras.resize(1024, 768);
    extras.show();
    QVERIFY(QTest::qWaitForWindowExposed(&extras));
    extras.setExtras({ firewood }, {});
    QSignalSpy changed(&extras, &KioskExtrasPage::extrasChanged);
    KioskStepper* stepper = extras.stepper(firewood.id);
    QVERIFY(stepper);
    QVERIFY(stepper->plusButton()->height() >= 48);
    stepper->plusButton()->click();
    stepper->plusButton()->click();
    QCOMPARE(changed.count(), 2);
    QCOMPARE(extras.choices().size(), 1);
    QCOMPARE(extras.choices().first().quantity, 2);
    // Never more than the stock left.
    for (int i = 0; i < 5; ++i)
        stepper->plusButton()->click();
    QCOMPARE(stepper->value(), 3);
    Result<Quote> quote = m_context->bookings->quote(request(firewood.id, 3));
    QVERIFY2(quote.ok(), quote.ok() ? "" : qPrintable(quote.error().message));
    extras.setQuote(quote.value());
    const QString lines = extras.findChild<QLabel*>(QStringLiteral("kioskExtrasLines"))->text();
    QVERIFY2(lines.contains(QStringLiteral("장작 × 3")), qPrintable(lines));
    QVERIFY2(lines.contains(formatWon(30000).toHtmlEscaped()), qPrintable(lines));
    QVERIFY2(lines.contains(formatWon(quote->total).toHtmlEscaped()), qPrintable(lines));
    QVERIFY2(lines.contains(QLatin1String(" night")), qPrintable(lines)); // the stay's nights, by band and day type
    // Fits the kiosk's screen.
    QVERIFY2(extras.minimumSizeHint().width() <= 1024 && extras.minimumSizeHint().height() <= 768,
             qPrintable(
                 QStringLiteral("%1x%2").arg(extras.minimumSizeHint().width()).arg(extras.minimumSizeHint().height())));
}

void TestGuiExtras::receiptAndReservationDialogShowTheExtras()
{
    const Extra firewood = addFirewood();
    Result<Reservation> booked
        = m_context->bookings->book(desk(), request(firewood.id, 2), *m_context->deskPayment, QStringLiteral("cash"));
    QVERIFY2(booked.ok(), booked.ok() ? "" : qPrintable(booked.error().message));
    Result<ReceiptDetails> details = ReceiptQuery::details(*m_context->bookings, booked->id);
    QVERIFY(details.ok());
    const QString receipt = ReceiptPrinter::html(details.value());
    QVERIFY2(receipt.contains(QStringLiteral("장작")), qPrintable(receipt));

    ReservationDialog dialog(*m_context->bookings, booked->id, desk());
    dialog.QWidget::show(); // show(Reservation) is the dialog's own
    Result<QList<StayLine>> lines = ExtrasService(*m_context->db).linesOf(booked->id);
    QVERIFY(lines.ok() && lines->size() == 1);
    auto* consumed = dialog.findChild<QCheckBox*>(QStringLiteral("consumed-%1").arg(lines->first().id));
    QVERIFY(consumed);
    QVERIFY(consumed->isVisible());
    QVERIFY2(consumed->text().contains(QStringLiteral("장작 × 2")), qPrintable(consumed->text()));
    QVERIFY(!consumed->isChecked());
    consumed->click();
    QVERIFY(ExtrasService(*m_context->db).linesOf(booked->id)->first().consumed);
    test::saveScreenshot(&dialog, QStringLiteral("extras-reservation-en"));
}

void TestGuiExtras::screenshotsInBothLanguages()
{
    const Extra firewood = addFirewood();
    Extra power;
    power.name = QStringLiteral("전기 (Electricity)");
    power.unit = QStringLiteral("night");
    power.unitPrice = 5000;
    QVERIFY(ExtrasService(*m_context->db).save(manager(), power).ok());
    for (const QString& language : { QStringLiteral("en"), QStringLiteral("ko") }) {
        std::unique_ptr<test::UiLanguage> korean;
        if (language == QLatin1String("ko"))
            korean = std::make_unique<test::UiLanguage>(language);
        for (const QSize& size : { QSize(1024, 768), QSize(1366, 768) }) {
            auto rates = page();
            rates->resize(size);
            rates->tabs()->setCurrentWidget(rates->extrasTab());
            rates->show();
            QVERIFY(QTest::qWaitForWindowExposed(rates.get()));
            rates->findChild<QLineEdit*>(QStringLiteral("unitPrice"))->setText(QStringLiteral("-1"));
            const QString suffix = QStringLiteral("%1-%2").arg(language).arg(size.width());
            QVERIFY(!test::saveScreenshot(rates.get(), QStringLiteral("extras-tab-") + suffix).isEmpty());
        }
        LanguageManager kioskLanguage;
        kioskLanguage.setLanguage(language);
        KioskExtrasPage kiosk(kioskLanguage);
        kiosk.resize(1024, 768);
        kiosk.show();
        QVERIFY(QTest::qWaitForWindowExposed(&kiosk));
        Result<QList<Extra>> offered = ExtrasService(*m_context->db).list(true, true);
        QVERIFY(offered.ok());
        kiosk.setExtras(offered.value(), { { firewood.id, 2 } });
        Result<Quote> quote = m_context->bookings->quote(request(firewood.id, 2));
        QVERIFY(quote.ok());
        kiosk.setQuote(quote.value());
        QVERIFY(!test::saveScreenshot(&kiosk, QStringLiteral("extras-kiosk-%1-1024").arg(language)).isEmpty());
    }
}

QTEST_MAIN(TestGuiExtras)
#include "tst_gui_extras.moc"
