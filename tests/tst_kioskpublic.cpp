// A kiosk in a public place, without its window, on both databases: one-time codes that prove a phone (6 digits,
// 5 minutes, 5 tries, throttled, stored hashed), points shown and spent only for a proven phone, a known phone with
// another name never renaming the customer (the typed name is the reservation's guest name), and the "my booking"
// throttle kept in the database per booking code and per kiosk.
#include "bookingfixture.h"
#include "domain/kiosklookupthrottle.h"
#include "domain/kiosksession.h"
#include "domain/phoneverification.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

class TestKioskPublic : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void codeIsSixDigitsStoredHashedAndUsedOnce();
    void codeAllowsFiveTriesAndFiveMinutes();
    void codesAreThrottledPerPhoneAndPerKiosk();
    void balanceOnlyAfterTheCodeAndPointsOnlyForAProvenPhone();
    void withoutAnSmsChannelPointsStayAtTheDesk();
    void knownPhoneWithAnotherNameNeverRenamesTheCustomer();
    void lookupThrottleCountsPerCodeAndPerKioskAndSurvivesARestart();
    void lookupThrottleForgetsAfterAnHourOnly();

private:
    // Searches, chooses m_a and enters a guest with `phone`.
    void walkTo(KioskSession& session, const QString& phone, const QString& name = QStringLiteral("Guest"));

    std::unique_ptr<BookingFixture> f;
    Campsite m_a;
    Campsite m_b;
    int m_walks = 0;
};

void TestKioskPublic::init()
{
    m_walks = 0;
    f = std::make_unique<BookingFixture>();
    QVERIFY2(f->ok(), qPrintable(f->t->errorMessage()));
    m_a = f->addSite(QStringLiteral("A-01"), 45000);
    m_b = f->addSite(QStringLiteral("B-02"), 60000, 80000, 6);
}

void TestKioskPublic::cleanup()
{
    f.reset();
}

void TestKioskPublic::walkTo(KioskSession& session, const QString& phone, const QString& name)
{
    QList<KioskSiteOffer> offers;
    connect(
        &session, &KioskSession::sitesFound, this, [&](const QList<KioskSiteOffer>& found) { offers = found; },
        Qt::SingleShotConnection);
    // Each walk another stay: an earlier walk may have booked the site.
    const QDate in = f->today().addDays(3 + 3 * m_walks++);
    session.search(in, in.addDays(2), 2);
    QVERIFY(!offers.isEmpty());
    for (const KioskSiteOffer& offer : std::as_const(offers)) {
        if (offer.site.id == m_a.id)
            session.chooseSite(offer);
    }
    QSignalSpy amounts(&session, &KioskSession::amountsReady);
    Customer guest;
    guest.name = name;
    guest.phone = phone;
    session.enterGuest(guest);
    QCOMPARE(amounts.size(), 1);
}

void TestKioskPublic::codeIsSixDigitsStoredHashedAndUsedOnce()
{
    PhoneVerification verification(f->db());
    Result<QString> code = verification.issue(QStringLiteral("010-2222-3333"));
    CAMPDESK_VERIFY_OK(code);
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9]{6}$")).match(code.value()).hasMatch());
    // Only a hash is kept: the database holds nothing that is the code.
    QCOMPARE(f->t->count(QStringLiteral("phone_codes"), QStringLiteral("phone = '01022223333'")), 1);
    QCOMPARE(f->t->count(QStringLiteral("phone_codes"), QStringLiteral("code_hash LIKE '%%1%'").arg(code.value())), 0);
    QCOMPARE(f->t->count(QStringLiteral("phone_codes"), QStringLiteral("salt LIKE '%%1%'").arg(code.value())), 0);
    // A code proves only its own phone.
    QVERIFY(!verification.verify(QStringLiteral("010-9999-0000"), code.value()).ok());
    CAMPDESK_VERIFY_OK(verification.verify(QStringLiteral("01022223333"), code.value()));
    const Status again = verification.verify(QStringLiteral("01022223333"), code.value());
    QVERIFY(!again.ok()); // used up
    QCOMPARE(again.error().code, ErrorCode::Locked);
    QCOMPARE(f->t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'kiosk.phone_verified'")), 1);
}

void TestKioskPublic::codeAllowsFiveTriesAndFiveMinutes()
{
    PhoneVerification verification(f->db());
    const QString phone = QStringLiteral("010-2222-3333");
    Result<QString> code = verification.issue(phone);
    CAMPDESK_VERIFY_OK(code);
    const QString wrong = code.value() == QLatin1String("000000") ? QStringLiteral("111111") : QStringLiteral("000000");
    for (int attempt = 1; attempt < PhoneVerification::triesPerCode; ++attempt) {
        const Status tried = verification.verify(phone, wrong);
        QCOMPARE(tried.error().code, ErrorCode::Invalid);
    }
    QCOMPARE(verification.verify(phone, wrong).error().code, ErrorCode::Locked); // the fifth wrong try spends it
    QCOMPARE(verification.verify(phone, code.value()).error().code, ErrorCode::Locked); // even the right code now

    f->clock.advanceSecs(61);
    Result<QString> second = verification.issue(phone);
    CAMPDESK_VERIFY_OK(second);
    f->clock.advanceSecs(5 * 60 + 1);
    QCOMPARE(verification.verify(phone, second.value()).error().code, ErrorCode::Locked); // expired
    f->clock.advanceSecs(1);
    Result<QString> third = verification.issue(phone);
    CAMPDESK_VERIFY_OK(third);
    f->clock.advanceSecs(4 * 60 + 50);
    CAMPDESK_VERIFY_OK(verification.verify(phone, third.value())); // still within five minutes
}

void TestKioskPublic::codesAreThrottledPerPhoneAndPerKiosk()
{
    PhoneVerification verification(f->db());
    const QString phone = QStringLiteral("010-2222-3333");
    CAMPDESK_VERIFY_OK(verification.issue(phone));
    const Result<QString> tooSoon = verification.issue(phone);
    QVERIFY(!tooSoon.ok());
    QCOMPARE(tooSoon.error().code, ErrorCode::Locked);
    for (int i = 1; i < PhoneVerification::codesPerPhonePerHour; ++i) {
        f->clock.advanceSecs(61);
        CAMPDESK_VERIFY_OK(verification.issue(phone));
    }
    f->clock.advanceSecs(61);
    QCOMPARE(verification.issue(phone).error().code, ErrorCode::Locked); // five an hour
    f->clock.advanceSecs(60 * 60);
    CAMPDESK_VERIFY_OK(verification.issue(phone));

    // Many phones from one kiosk: at most 30 codes an hour.
    f->clock.advanceSecs(2 * 60 * 60);
    for (int i = 0; i < PhoneVerification::codesPerKioskPerHour; ++i)
        CAMPDESK_VERIFY_OK(verification.issue(QStringLiteral("010-3000-%1").arg(1000 + i)));
    QCOMPARE(verification.issue(QStringLiteral("010-4000-1000")).error().code, ErrorCode::Locked);
}

void TestKioskPublic::balanceOnlyAfterTheCodeAndPointsOnlyForAProvenPhone()
{
    const Reservation earlier = f->book(f->request(m_b, 40, 1, QStringLiteral("010-2222-3333")));
    const auto balanceNow = [&] {
        return f->t->db()
            .read([&](SqlSession& s) -> Result<qint64> {
                return s
                    .scalar(QStringLiteral("SELECT COALESCE(SUM(delta), 0) FROM mileage_ledger WHERE customer_id = ?"),
                            { earlier.customerId })
                    .toLongLong();
            })
            .value();
    };
    const qint64 balance = balanceNow();
    QVERIFY(balance >= 1000);

    KioskSession session(*f->booking, f->terminal, nullptr);
    QStringList sent;
    session.setCodeSender([&sent](const QString& phone, const QString& text) -> Status {
        sent << phone + QLatin1Char('|') + text;
        return {};
    });
    QVERIFY(session.canVerifyPhone());
    QSignalSpy unlocked(&session, &KioskSession::pointsUnlocked);
    QSignalSpy problems(&session, &KioskSession::codeProblem);
    QSignalSpy codeSent(&session, &KioskSession::codeSent);
    walkTo(session, QStringLiteral("010-2222-3333"), QStringLiteral("Someone"));
    QVERIFY(!session.phoneVerified());

    // Asking to spend points before proving the phone spends none.
    QSignalSpy booked(&session, &KioskSession::booked);
    QSignalSpy paying(&session, &KioskSession::paying);
    QVERIFY(session.pay(500));
    QCOMPARE(paying.first().at(0).toLongLong(), 90000); // 2 weeknights at 45,000, no points taken off
    QTRY_COMPARE_WITH_TIMEOUT(booked.size(), 1, 10000);
    QCOMPARE(booked.first().at(0).value<Reservation>().pointsUsed, 0);

    walkTo(session, QStringLiteral("010-2222-3333"), QStringLiteral("Someone"));
    QVERIFY(session.requestCode());
    QTRY_COMPARE_WITH_TIMEOUT(codeSent.size(), 1, 10000);
    QCOMPARE(sent.size(), 1);
    QVERIFY(sent.first().startsWith(QLatin1String("010-2222-3333|")));
    const QString code = QRegularExpression(QStringLiteral("[0-9]{6}")).match(sent.first().section(u'|', 1)).captured();
    QCOMPARE(code.size(), 6);
    QVERIFY(session.verifyCode(code == QLatin1String("999999") ? QStringLiteral("999998") : QStringLiteral("999999")));
    QTRY_COMPARE_WITH_TIMEOUT(problems.size(), 1, 10000);
    QCOMPARE(unlocked.size(), 0);
    QVERIFY(session.verifyCode(code));
    QTRY_COMPARE_WITH_TIMEOUT(unlocked.size(), 1, 10000);
    QCOMPARE(unlocked.first().at(0).toLongLong(), balanceNow()); // with what the first booking earned
    QVERIFY(session.phoneVerified());
    QVERIFY(session.pay(500));
    QTRY_COMPARE_WITH_TIMEOUT(booked.size(), 2, 10000);
    QCOMPARE(booked.last().at(0).value<Reservation>().pointsUsed, 500);

    // A new customer at the kiosk starts unproven.
    QVERIFY(session.reset());
    walkTo(session, QStringLiteral("010-2222-3333"));
    QVERIFY(!session.phoneVerified());
}

void TestKioskPublic::withoutAnSmsChannelPointsStayAtTheDesk()
{
    f->book(f->request(m_b, 40, 1, QStringLiteral("010-2222-3333")));
    KioskSession session(*f->booking, f->terminal, nullptr);
    QVERIFY(!session.canVerifyPhone());
    walkTo(session, QStringLiteral("010-2222-3333"));
    QVERIFY(!session.requestCode());
    QSignalSpy booked(&session, &KioskSession::booked);
    QVERIFY(session.pay(1000));
    QTRY_COMPARE_WITH_TIMEOUT(booked.size(), 1, 10000);
    QCOMPARE(booked.first().at(0).value<Reservation>().pointsUsed, 0);
}

void TestKioskPublic::knownPhoneWithAnotherNameNeverRenamesTheCustomer()
{
    const Reservation owner
        = f->book(f->request(m_b, 40, 1, QStringLiteral("010-2222-3333"), QStringLiteral("김민준")));
    KioskSession session(*f->booking, f->terminal, nullptr);
    walkTo(session, QStringLiteral("010-2222-3333"), QStringLiteral("Mallory"));
    QSignalSpy booked(&session, &KioskSession::booked);
    QVERIFY(session.pay(0));
    QTRY_COMPARE_WITH_TIMEOUT(booked.size(), 1, 10000);
    const Reservation r = booked.first().at(0).value<Reservation>();
    QCOMPARE(r.guestName, QStringLiteral("Mallory"));
    QCOMPARE(r.customerId, owner.customerId);
    QCOMPARE(f->t->count(QStringLiteral("customers"), QString::fromUtf8("name = '김민준'")), 1);
    QCOMPARE(f->t->count(QStringLiteral("customers"), QStringLiteral("name = 'Mallory'")), 0);
    Result<Reservation> found = f->booking->findByCode(r.code, QStringLiteral("010-2222-3333"));
    CAMPDESK_VERIFY_OK(found);
    QCOMPARE(found->guestName, QStringLiteral("Mallory"));
}

void TestKioskPublic::lookupThrottleCountsPerCodeAndPerKioskAndSurvivesARestart()
{
    auto throttle = std::make_unique<KioskLookupThrottle>(f->db());
    const QString code = QStringLiteral("CD-AAAAAA");
    CAMPDESK_VERIFY_OK(throttle->recordMiss(code));
    CAMPDESK_VERIFY_OK(throttle->recordMiss(code));
    QCOMPARE(throttle->waitMs(code).value(), 0); // two typos cost nothing
    CAMPDESK_VERIFY_OK(throttle->recordMiss(code));
    QCOMPARE(throttle->waitMs(code).value(), 2000);
    // A restarted kiosk (a new throttle on a new connection) still waits.
    throttle.reset();
    Database::Options same;
    same.clock = &f->clock;
    same.terminal = f->db().terminal();
    std::unique_ptr<Database> other = f->t->openAnother(same);
    QVERIFY(other);
    KioskLookupThrottle restarted(*other);
    QVERIFY(restarted.waitMs(code).value() > 0);
    QVERIFY(restarted.waitMs(QStringLiteral("cd-aaaaaa")).value() > 0); // however the code is typed
    // Per kiosk: another code at this kiosk waits too.
    QVERIFY(restarted.waitMs(QStringLiteral("CD-BBBBBB")).value() > 0);
    f->clock.advanceSecs(3);
    CAMPDESK_VERIFY_OK(restarted.recordMiss(QStringLiteral("CD-BBBBBB")));
    QCOMPARE(restarted.waitMs(QStringLiteral("CD-CCCCCC")).value(), 4000); // the kiosk's 4th miss
    // Per code: the same code at another kiosk waits as long as that code's count says.
    Database::Options another = same;
    another.terminal = QStringLiteral("kiosk-2");
    std::unique_ptr<Database> elsewhere = f->t->openAnother(another);
    QVERIFY(elsewhere);
    KioskLookupThrottle otherKiosk(*elsewhere);
    QCOMPARE(otherKiosk.waitMs(QStringLiteral("CD-CCCCCC")).value(), 0);
    f->clock.advanceSecs(2);
    QCOMPARE(otherKiosk.waitMs(code).value(), 0); // the code's own wait (2 s) is over
    CAMPDESK_VERIFY_OK(otherKiosk.recordMiss(code));
    QCOMPARE(otherKiosk.waitMs(code).value(), 4000); // the code's 4th miss, wherever it was tried
    QCOMPARE(restarted.misses(code).value(), 4);
}

void TestKioskPublic::lookupThrottleForgetsAfterAnHourOnly()
{
    KioskLookupThrottle throttle(f->db());
    const QString code = QStringLiteral("CD-AAAAAA");
    for (int i = 0; i < 8; ++i)
        CAMPDESK_VERIFY_OK(throttle.recordMiss(code));
    QCOMPARE(throttle.waitMs(code).value(), 60000);
    f->clock.advanceSecs(30 * 60);
    QCOMPARE(throttle.misses(code).value(), 8); // half an hour later, a miss still costs a minute
    CAMPDESK_VERIFY_OK(throttle.recordMiss(code));
    QCOMPARE(throttle.waitMs(code).value(), 60000);
    f->clock.advanceSecs(61 * 60);
    QCOMPARE(throttle.misses(code).value(), 0);
    CAMPDESK_VERIFY_OK(throttle.recordMiss(code));
    QCOMPARE(throttle.waitMs(code).value(), 0);
}

CAMPDESK_DB_TEST_MAIN(TestKioskPublic)

#include "tst_kioskpublic.moc"
