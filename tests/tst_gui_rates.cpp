// The Rates page and the party fields: a season with bad input says what is wrong under the field and saves nothing,
// an overlapping season is refused on its first day, the preview shows a holiday at its holiday price, the desk
// booking dialog takes children and vehicles and shows the quote as lines. Screenshots at 1024x768 and 1366x768 in
// Korean and English.
#include "admin/ratespage.h"
#include "core/languagemanager.h"
#include "core/money.h"
#include "dialogs/deskbookingdialog.h"
#include "domain/bookingservice.h"
#include "domain/campsiteservice.h"
#include "domain/rateplanservice.h"
#include "kiosk/kioskguestpage.h"
#include "kiosk/kioskstepper.h"
#include "ops/appcontext.h"
#include "ops/demodata.h"
#include "screenshot.h"
#include "uilanguage.h"

#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace campdesk;

class TestGuiRates : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void seasonWithBadInputSaysWhatIsWrongAndSavesNothing();
    void overlappingSeasonIsFlaggedOnItsFirstDay();
    void previewShowsTheHolidayPrice();
    void aSitesOwnPricesAreSavedAndPreviewed();
    void deskBookingTakesChildrenAndVehiclesAndShowsLines();
    void kioskGuestPageHasPartySteppers();
    void screenshotsInBothLanguages();

private:
    static QString messageOf(QWidget* widget, const QString& field)
    {
        auto* label = widget->findChild<QLabel*>(field + QStringLiteral("Message"));
        return label && label->isVisibleTo(widget) ? label->text() : QString();
    }
    Actor manager() const { return { 1, QStringLiteral("manager"), Role::Manager }; }
    std::unique_ptr<RatesPage> page();
    void addSummerSeason();

    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<test::UiLanguage> m_english;
};

void TestGuiRates::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_english = std::make_unique<test::UiLanguage>(QStringLiteral("en"));
}

void TestGuiRates::init()
{
    static int counter = 0;
    Result<std::unique_ptr<AppContext>> opened
        = AppContext::open(m_dir.filePath(QStringLiteral("rates-%1.db").arg(++counter)));
    QVERIFY2(opened.ok(), qPrintable(opened.error().message));
    m_context = std::move(opened).value();
    Result<QList<DemoData::Login>> logins = DemoData::fillIfFresh(*m_context);
    QVERIFY2(logins.ok(), qPrintable(logins.error().message));
}

void TestGuiRates::cleanup()
{
    m_context.reset();
}

std::unique_ptr<RatesPage> TestGuiRates::page()
{
    return std::make_unique<RatesPage>(std::make_unique<RatePlanService>(*m_context->db), *m_context->campsites,
                                       manager());
}

void TestGuiRates::addSummerSeason()
{
    Season summer;
    summer.name = QStringLiteral("여름 성수기");
    summer.band = QStringLiteral("peak");
    summer.fromMonth = 7;
    summer.fromDay = 15;
    summer.toMonth = 9;
    summer.toDay = 30;
    summer.minNightsWeekend = 2;
    for (CampsiteKind kind : allCampsiteKinds())
        summer.prices.append({ SeasonPrice::kindScope(kind), 70000, 90000, 110000 });
    QVERIFY(RatePlanService(*m_context->db).saveSeason(manager(), summer).ok());
}

void TestGuiRates::seasonWithBadInputSaysWhatIsWrongAndSavesNothing()
{
    auto rates = page();
    rates->resize(1024, 700);
    rates->show();
    rates->findChild<QPushButton*>(QStringLiteral("newSeason"))->click();
    auto* save = rates->findChild<QPushButton*>(QStringLiteral("saveSeason"));
    auto* name = rates->findChild<QLineEdit*>(QStringLiteral("name"));
    auto* minimum = rates->findChild<QLineEdit*>(QStringLiteral("minNightsWeekday"));
    auto* prices = rates->findChild<QTableWidget*>(QStringLiteral("seasonPrices"));
    QVERIFY(save && name && minimum && prices);
    QVERIFY(!save->isEnabled()); // no name yet
    QCOMPARE(messageOf(rates.get(), QStringLiteral("name")), QStringLiteral("Give the season a name."));
    name->setText(QStringLiteral("겨울 ❄️"));
    QCOMPARE(messageOf(rates.get(), QStringLiteral("name")), QString());
    minimum->setText(QStringLiteral("0"));
    QCOMPARE(messageOf(rates.get(), QStringLiteral("minNightsWeekday")), QStringLiteral("At least 1."));
    QVERIFY(!save->isEnabled());
    minimum->setText(QStringLiteral("2"));
    QVERIFY(save->isEnabled());
    // A negative price: the message beside Save names the kind; an absurd one, the ceiling.
    prices->item(0, 1)->setText(QStringLiteral("-5000"));
    auto* message = rates->findChild<QLabel*>(QStringLiteral("seasonMessage"));
    QVERIFY2(message->text().contains(QLatin1String("cannot be negative")), qPrintable(message->text()));
    QVERIFY(message->text().startsWith(campsiteKindName(allCampsiteKinds().first())));
    QVERIFY(!save->isEnabled());
    prices->item(0, 1)->setText(QStringLiteral("99999999999"));
    QVERIFY2(message->text().contains(QLatin1String("at most")), qPrintable(message->text()));
    QVERIFY(!save->isEnabled());
    rates->saveSeason(); // even when called, nothing is saved
    QCOMPARE(RatePlanService(*m_context->db).seasons()->size(), 0);
    prices->item(0, 1)->setText(QStringLiteral("35,000"));
    QCOMPARE(message->text(), QString());
    QVERIFY(save->isEnabled());
    save->click();
    const QList<Season> seasons = RatePlanService(*m_context->db).seasons().value();
    QCOMPARE(seasons.size(), 1);
    QCOMPARE(seasons.first().name, QStringLiteral("겨울 ❄️"));
    QCOMPARE(seasons.first().minNightsWeekday, 2);
    QCOMPARE(seasons.first().prices.size(), 1);
    QCOMPARE(seasons.first().prices.first().weekday, qint64(35000));
    QCOMPARE(rates->findChild<QListWidget*>(QStringLiteral("seasonList"))->count(), 1);
}

void TestGuiRates::overlappingSeasonIsFlaggedOnItsFirstDay()
{
    addSummerSeason();
    auto rates = page();
    rates->show();
    rates->findChild<QPushButton*>(QStringLiteral("newSeason"))->click();
    rates->findChild<QLineEdit*>(QStringLiteral("name"))->setText(QStringLiteral("가을"));
    rates->findChild<QDateEdit*>(QStringLiteral("from"))->setDate(QDate(2024, 9, 15));
    rates->findChild<QDateEdit*>(QStringLiteral("to"))->setDate(QDate(2024, 11, 10));
    rates->findChild<QTableWidget*>(QStringLiteral("seasonPrices"))->item(1, 1)->setText(QStringLiteral("50000"));
    auto* save = rates->findChild<QPushButton*>(QStringLiteral("saveSeason"));
    QVERIFY(save->isEnabled());
    save->click();
    QVERIFY2(messageOf(rates.get(), QStringLiteral("from")).contains(QStringLiteral("여름 성수기")),
             qPrintable(messageOf(rates.get(), QStringLiteral("from"))));
    QCOMPARE(RatePlanService(*m_context->db).seasons()->size(), 1);
}

void TestGuiRates::previewShowsTheHolidayPrice()
{
    addSummerSeason();
    auto rates = page();
    rates->resize(1024, 700);
    rates->show();
    rates->tabs()->setCurrentIndex(4);
    // September 2026: 추석 (24-26) from the shipped calendar; the 23rd is the night before.
    rates->findChild<QDateEdit*>(QStringLiteral("previewMonth"))->setDate(QDate(2026, 9, 1));
    auto* preview = rates->findChild<QTableWidget*>(QStringLiteral("preview"));
    QCOMPARE(preview->rowCount(), 30);
    QVERIFY2(preview->item(24, 2)->text().contains(QStringLiteral("추석")), qPrintable(preview->item(24, 2)->text()));
    QVERIFY(preview->item(24, 2)->text().startsWith(QLatin1String("holiday")));
    QCOMPARE(preview->item(24, 1)->text(), QStringLiteral("Peak season"));
    QCOMPARE(preview->item(24, 3)->text(), formatWon(110000));
    QCOMPARE(preview->item(22, 2)->text(), QStringLiteral("weekend"));
    QCOMPARE(preview->item(22, 3)->text(), formatWon(90000));
    QCOMPARE(preview->item(28, 3)->text(), formatWon(70000)); // Tuesday 29th
    // October is after the season: the site's own price.
    rates->findChild<QDateEdit*>(QStringLiteral("previewMonth"))->setDate(QDate(2026, 10, 1));
    QCOMPARE(preview->item(0, 1)->text(), QStringLiteral("Standard rate"));
}

// One site's own weekday / weekend / holiday prices in a season: a row added under the kinds, checked like theirs (a
// negative price named by the site beside Save), saved as the site's scope, shown again when the page opens, and
// used by the preview for that site only; removing the row takes the site back to its kind's prices.
void TestGuiRates::aSitesOwnPricesAreSavedAndPreviewed()
{
    addSummerSeason();
    auto rates = page();
    rates->resize(1024, 700);
    rates->show();
    auto* prices = rates->findChild<QTableWidget*>(QStringLiteral("seasonPrices"));
    auto* sites = rates->findChild<QComboBox*>(QStringLiteral("sitePriceSite"));
    auto* add = rates->findChild<QPushButton*>(QStringLiteral("addSitePrice"));
    auto* remove = rates->findChild<QPushButton*>(QStringLiteral("removeSitePrice"));
    auto* save = rates->findChild<QPushButton*>(QStringLiteral("saveSeason"));
    auto* message = rates->findChild<QLabel*>(QStringLiteral("seasonMessage"));
    QVERIFY(prices && sites && add && remove && save && message);
    QVERIFY(sites->count() >= 2);
    const int kinds = int(allCampsiteKinds().size());
    QCOMPARE(prices->rowCount(), kinds);
    const qint64 siteId = sites->itemData(0).toLongLong();
    const qint64 otherId = sites->itemData(1).toLongLong();
    sites->setCurrentIndex(0);
    add->click();
    QCOMPARE(prices->rowCount(), kinds + 1);
    add->click(); // the same site again: its row, not a second one
    QCOMPARE(prices->rowCount(), kinds + 1);
    QVERIFY(prices->item(kinds, 0)->text().startsWith(QLatin1String("Site ")));
    prices->item(kinds, 1)->setText(QStringLiteral("-1"));
    QVERIFY2(message->text().startsWith(prices->item(kinds, 0)->text())
                 && message->text().contains(QLatin1String("cannot be negative")),
             qPrintable(message->text()));
    QVERIFY(!save->isEnabled());
    prices->item(kinds, 1)->setText(QStringLiteral("55,000"));
    prices->item(kinds, 2)->setText(QStringLiteral("66000"));
    QCOMPARE(message->text(), QString());
    QVERIFY(save->isEnabled());
    save->click();
    Season saved = RatePlanService(*m_context->db).seasons()->first();
    const auto own = std::find_if(saved.prices.cbegin(), saved.prices.cend(),
                                  [&](const SeasonPrice& p) { return p.scope == SeasonPrice::siteScope(siteId); });
    QVERIFY(own != saved.prices.cend());
    QCOMPARE(own->weekday, qint64(55000));
    QCOMPARE(own->weekend, qint64(66000));
    QCOMPARE(own->holiday, qint64(0));

    // Opened again: the site's row is there with its prices.
    rates = page();
    rates->resize(1024, 700);
    rates->show();
    prices = rates->findChild<QTableWidget*>(QStringLiteral("seasonPrices"));
    QCOMPARE(prices->rowCount(), kinds + 1);
    QCOMPARE(prices->item(kinds, 1)->text(), QStringLiteral("55000"));
    // The preview of September 2026 for that site: its own prices (a holiday without one: its weekend price).
    rates->tabs()->setCurrentIndex(4);
    auto* previewSite = rates->findChild<QComboBox*>(QStringLiteral("previewSite"));
    QVERIFY(previewSite);
    previewSite->setCurrentIndex(previewSite->findData(siteId));
    rates->findChild<QDateEdit*>(QStringLiteral("previewMonth"))->setDate(QDate(2026, 9, 1));
    auto* preview = rates->findChild<QTableWidget*>(QStringLiteral("preview"));
    QCOMPARE(preview->item(28, 3)->text(), formatWon(55000)); // Tuesday 29th
    QCOMPARE(preview->item(22, 3)->text(), formatWon(66000)); // the night before 추석
    QCOMPARE(preview->item(24, 3)->text(), formatWon(66000)); // 추석
    previewSite->setCurrentIndex(previewSite->findData(otherId));
    QCOMPARE(preview->item(28, 3)->text(), formatWon(70000)); // another site: its kind's

    // Removed: back to the kind's prices.
    rates->tabs()->setCurrentIndex(0);
    prices->setCurrentCell(kinds, 1);
    auto* removeAgain = rates->findChild<QPushButton*>(QStringLiteral("removeSitePrice"));
    QVERIFY(removeAgain->isEnabled());
    removeAgain->click();
    QCOMPARE(prices->rowCount(), kinds);
    rates->findChild<QPushButton*>(QStringLiteral("saveSeason"))->click();
    saved = RatePlanService(*m_context->db).seasons()->first();
    QCOMPARE(saved.prices.size(), kinds);
}

void TestGuiRates::deskBookingTakesChildrenAndVehiclesAndShowsLines()
{
    const Actor desk { 2, QStringLiteral("desk"), Role::FrontDesk };
    OccupancyFees fees;
    fees.scope = SeasonPrice::kindScope(CampsiteKind::AutoCamping);
    fees.vehicleFee = 5000;
    for (CampsiteKind kind : allCampsiteKinds()) {
        fees.scope = SeasonPrice::kindScope(kind);
        QVERIFY(RatePlanService(*m_context->db).setOccupancyFees(manager(), fees).ok());
    }
    DeskBookingDialog dialog(*m_context->bookings, *m_context->customers, *m_context->campsites,
                             { m_context->deskPayment.get(), nullptr }, desk);
    dialog.show();
    dialog.findChild<QLineEdit*>(QStringLiteral("phone"))->setText(QStringLiteral("010-7777-8888"));
    QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("name")), QStringLiteral("Alice Park"));
    const QDate today = QDate::currentDate();
    dialog.findChild<QDateEdit*>(QStringLiteral("checkIn"))->setDate(today.addDays(10));
    dialog.findChild<QDateEdit*>(QStringLiteral("checkOut"))->setDate(today.addDays(12));
    auto* children = dialog.findChild<QLineEdit*>(QStringLiteral("children"));
    auto* vehicles = dialog.findChild<QLineEdit*>(QStringLiteral("vehicles"));
    QVERIFY(children && vehicles);
    auto* quote = dialog.findChild<QLabel*>(QStringLiteral("quote"));
    QVERIFY2(quote->text().contains(QLatin1String("2 nights")), qPrintable(quote->text()));
    QVERIFY(!quote->text().contains(QLatin1String("Extra vehicle")));
    vehicles->setText(QStringLiteral("2"));
    QVERIFY2(quote->text().contains(QStringLiteral("Extra vehicle × 2: ") + formatWon(10000)),
             qPrintable(quote->text()));
    // Children are among the guests: as many as the guests leaves no adult.
    children->setText(QStringLiteral("2"));
    QVERIFY2(!messageOf(&dialog, QStringLiteral("children")).isEmpty(), qPrintable(dialog.problem()));
    QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("bookAndPay"))->isEnabled());
    children->setText(QStringLiteral("1"));
    QCOMPARE(messageOf(&dialog, QStringLiteral("children")), QString());
    QVERIFY2(dialog.findChild<QPushButton*>(QStringLiteral("bookAndPay"))->isEnabled(), qPrintable(dialog.problem()));
    test::saveScreenshot(&dialog, QStringLiteral("rates-deskbooking-lines-en"));
}

void TestGuiRates::kioskGuestPageHasPartySteppers()
{
    LanguageManager language;
    KioskGuestPage guest(language);
    guest.resize(1024, 768);
    guest.show();
    QCOMPARE(guest.children(), 0);
    QCOMPARE(guest.vehicles(), 1);
    guest.childrenStepper()->plusButton()->click();
    guest.vehiclesStepper()->plusButton()->click();
    QCOMPARE(guest.children(), 1);
    QCOMPARE(guest.vehicles(), 2);
    // The buttons are made for a finger.
    QVERIFY(guest.childrenStepper()->plusButton()->height() >= 48);
    QList<int> sent;
    connect(&guest, &KioskGuestPage::next, this, [&sent](const Customer&, int children, int vehicles) {
        sent = { children, vehicles };
    });
    guest.findChild<QLineEdit*>(QStringLiteral("kioskGuestName"))->setText(QStringLiteral("김민지"));
    guest.findChild<QLineEdit*>(QStringLiteral("kioskGuestPhone"))->setText(QStringLiteral("010-1234-5678"));
    guest.findChild<QPushButton*>(QStringLiteral("kioskGuestNext"))->click();
    QCOMPARE(sent, QList<int>({ 1, 2 }));
    guest.clear();
    QCOMPARE(guest.children(), 0);
    test::saveScreenshot(&guest, QStringLiteral("rates-kiosk-guest-en"));
}

void TestGuiRates::screenshotsInBothLanguages()
{
    addSummerSeason();
    for (const QString& language : { QStringLiteral("en"), QStringLiteral("ko") }) {
        std::unique_ptr<test::UiLanguage> korean;
        if (language == QLatin1String("ko"))
            korean = std::make_unique<test::UiLanguage>(language);
        for (const QSize& size : { QSize(1024, 768), QSize(1366, 768) }) {
            auto rates = page();
            rates->resize(size);
            rates->show();
            QVERIFY(QTest::qWaitForWindowExposed(rates.get()));
            rates->findChild<QLineEdit*>(QStringLiteral("minNightsWeekday"))->setText(QStringLiteral("0"));
            // A site's own prices under the kinds'.
            rates->findChild<QPushButton*>(QStringLiteral("addSitePrice"))->click();
            auto* prices = rates->findChild<QTableWidget*>(QStringLiteral("seasonPrices"));
            prices->item(prices->rowCount() - 1, 1)->setText(QStringLiteral("55000"));
            prices->item(prices->rowCount() - 1, 2)->setText(QStringLiteral("66000"));
            const QString suffix = QStringLiteral("%1-%2").arg(language).arg(size.width());
            QVERIFY(!test::saveScreenshot(rates.get(), QStringLiteral("rates-season-") + suffix).isEmpty());
            rates->tabs()->setCurrentIndex(4);
            rates->findChild<QDateEdit*>(QStringLiteral("previewMonth"))->setDate(QDate(2026, 9, 1));
            QVERIFY(!test::saveScreenshot(rates.get(), QStringLiteral("rates-preview-") + suffix).isEmpty());
            rates->tabs()->setCurrentIndex(1);
            QVERIFY(!test::saveScreenshot(rates.get(), QStringLiteral("rates-holidays-") + suffix).isEmpty());
            rates->tabs()->setCurrentIndex(3);
            QVERIFY(!test::saveScreenshot(rates.get(), QStringLiteral("rates-occupancy-") + suffix).isEmpty());
        }
    }
}

QTEST_MAIN(TestGuiRates)
#include "tst_gui_rates.moc"
