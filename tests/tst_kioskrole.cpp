// The kiosk's PostgreSQL role (issue 16 item 8): created by `campdesk --create-kiosk-role`, it runs the whole kiosk
// flow (booking, look-up, cancel, points, review, one-time code, throttle, PIN counters, read model) and nothing
// else: every forbidden statement fails with "permission denied" or sees no row. PostgreSQL only: skipped with a
// message when CAMPDESK_TEST_PG_URL is unset (SQLite has no roles).
#include "bookingfixture.h"
#include "db/kioskrole.h"
#include "domain/campgroundsettings.h"
#include "domain/extras.h"
#include "domain/guestdetailsservice.h"
#include "domain/kiosklookupthrottle.h"
#include "domain/kioskpinguard.h"
#include "domain/mileageservice.h"
#include "domain/phoneverification.h"
#include "domain/readmodel.h"
#include "domain/reviewservice.h"
#include "domain/siteblockservice.h"
#include "domain/sitemapservice.h"
#include "domain/sitephotoservice.h"
#include "domain/userservice.h"
#include "domain/waitlistservice.h"
#include "payment/simulatedterminal.h"
#include "testdatabase.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>

using namespace campdesk;
using namespace campdesk::test;

class TestKioskRole : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void refusesWhatIsNotARole();
    void kioskFlowRunsAsTheRole();
    void forbiddenStatementsAreRefused_data();
    void forbiddenStatementsAreRefused();
    void staffDataIsOutOfSight();
    void aCustomerOfLongAgoBooksAsTheRole();
    void settingsOnlyTheKioskKeys();
    void cannotMigrate();

private:
    // Runs sql on the kiosk's connection; the error text, or empty when it ran.
    QString asKiosk(const QString& sql, int* rows = nullptr);
    QString asAdmin(const QString& sql);

    std::unique_ptr<TestDatabase> m_admin;
    std::unique_ptr<Database> m_kiosk;
    QString m_role;
    QString m_kioskSpec;
    Campsite m_site;
    Extra m_firewood;
};

namespace {
const QString kioskPassword = QStringLiteral("kiosk password 42");
}

void TestKioskRole::initTestCase()
{
    if (postgresAdminUrl().isEmpty())
        QSKIP("CAMPDESK_TEST_PG_URL is not set: the kiosk role exists on PostgreSQL only (scripts/pg start DIR)");
    m_admin = std::make_unique<TestDatabase>(Backend::Postgres);
    QVERIFY2(m_admin->ok(), qPrintable(m_admin->errorMessage()));
    m_role = QStringLiteral("cdt_kiosk_%1").arg(QCoreApplication::applicationPid());

    // What must stay out of the kiosk's reach: a staff account, a secret setting, the PIN, a customer of long ago.
    UserService users(m_admin->db());
    CAMPDESK_VERIFY_OK(users.createUser(Actor::system(), QStringLiteral("lee"), QStringLiteral("Lee"), Role::Manager,
                                        QStringLiteral("a long manager password")));
    KioskPinGuard pin(m_admin->db());
    CAMPDESK_VERIFY_OK(pin.setPin(Actor::system(), QStringLiteral("4826")));
    QCOMPARE(asAdmin(QStringLiteral("INSERT INTO settings (key, value, updated_at) VALUES "
                                    "('notify.webhook_token', 'staff only', 0)")),
             QString());
    CampsiteService campsites(m_admin->db());
    m_site = BookingFixture::registerSite(campsites, QStringLiteral("A-01"));
    Extra firewood;
    firewood.name = QStringLiteral("장작");
    firewood.unit = QStringLiteral("unit");
    firewood.unitPrice = 10000;
    firewood.stock = 5;
    Result<Extra> savedExtra = ExtrasService(m_admin->db()).save(BookingFixture::manager(), firewood);
    CAMPDESK_VERIFY_OK(savedExtra);
    m_firewood = savedExtra.value();
    QCOMPARE(asAdmin(QStringLiteral("INSERT INTO customers (name, phone, email, language, message_consent, created_at, "
                                    "updated_at) VALUES ('옛손님', '01099998888', 'old@example.com', 'ko', 0, 0, 0)")),
             QString());
    QCOMPARE(
        asAdmin(QStringLiteral(
                    "INSERT INTO reservations (code, campsite_id, customer_id, check_in, check_out, guests, status, "
                    "amount, channel, order_id, created_at, updated_at, guest_name) SELECT 'CD-OLD001', %1, id, "
                    "'2020-05-01', '2020-05-02', 2, 'checked_out', 40000, 'desk', 'old-order', 0, 0, '옛손님' "
                    "FROM customers WHERE phone = '01099998888'")
                    .arg(m_site.id)),
        QString());

    CAMPDESK_VERIFY_OK(KioskRole::create(m_admin->db(), m_role, kioskPassword));
    // Twice is fine (after an upgrade): the grants and policies are put in place again.
    CAMPDESK_VERIFY_OK(KioskRole::create(m_admin->db(), m_role, kioskPassword));

    // The password is stored (SCRAM), never as given.
    QSqlQuery stored(m_admin->db().connection());
    QVERIFY(stored.exec(QStringLiteral("SELECT rolpassword FROM pg_authid WHERE rolname = '%1'").arg(m_role)));
    QVERIFY(stored.next());
    QVERIFY2(stored.value(0).toString().startsWith(QLatin1String("SCRAM-SHA-256$")),
             qPrintable(stored.value(0).toString().left(14)));

    QUrl url(m_admin->spec());
    url.setUserName(m_role);
    url.setPassword(kioskPassword);
    m_kioskSpec = url.toString();
    Database::Options options;
    options.terminal = QStringLiteral("kiosk-1");
    options.migrate = false;
    Result<std::unique_ptr<Database>> opened = Database::open(m_kioskSpec, options);
    QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
    m_kiosk = std::move(opened).value();
    QCOMPARE(asKiosk(QStringLiteral("SELECT current_user")), QString());
}

void TestKioskRole::cleanupTestCase()
{
    m_kiosk.reset();
    if (!m_admin)
        return;
    m_admin.reset(); // drops the database, and with it the role's grants and policies
    QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("dropRole"));
    const QUrl url(postgresAdminUrl());
    admin.setHostName(url.host());
    admin.setPort(url.port(5432));
    admin.setDatabaseName(url.path().mid(1));
    admin.setUserName(url.userName());
    admin.setPassword(url.password());
    if (admin.open()) {
        QSqlQuery drop(admin);
        if (!drop.exec(QStringLiteral("DROP ROLE IF EXISTS %1").arg(m_role)))
            qWarning("DROP ROLE failed: %s", qPrintable(drop.lastError().text()));
    }
}

QString TestKioskRole::asKiosk(const QString& sql, int* rows)
{
    QSqlQuery q(m_kiosk->connection());
    if (!q.exec(sql))
        return q.lastError().text();
    if (rows) {
        *rows = 0;
        while (q.next())
            ++*rows;
        if (!q.isSelect())
            *rows = q.numRowsAffected();
    }
    return QString();
}

QString TestKioskRole::asAdmin(const QString& sql)
{
    QSqlQuery q(m_admin->db().connection());
    return q.exec(sql) ? QString() : q.lastError().text();
}

void TestKioskRole::refusesWhatIsNotARole()
{
    QVERIFY(!KioskRole::create(m_admin->db(), QStringLiteral("kiosk; DROP TABLE users"), kioskPassword).ok());
    QVERIFY(!KioskRole::create(m_admin->db(), QStringLiteral("Kiosk"), kioskPassword).ok());
    QVERIFY(!KioskRole::create(m_admin->db(), QStringLiteral("kiosk2"), QStringLiteral("short")).ok());
    // The kiosk role itself cannot make roles (or give itself more).
    QVERIFY(!KioskRole::create(*m_kiosk, QStringLiteral("another_kiosk"), kioskPassword).ok());
}

void TestKioskRole::kioskFlowRunsAsTheRole()
{
    Database& db = *m_kiosk;
    const Actor kiosk = Actor::kiosk();
    SimulatedTerminal terminal;
    BookingService bookings(db);
    bookings.addGateway(&terminal);
    const QDate today = QDate::currentDate();

    // The schema version (what tells "being updated"), the rules, the receipt header, the site list with ratings.
    Result<int> version = db.schemaVersion();
    CAMPDESK_VERIFY_OK(version);
    QCOMPARE(version.value(), Database::latestSchemaVersion());
    CAMPDESK_VERIFY_OK(CampgroundSettings(db).get());
    Result<QList<SiteQuote>> free = bookings.freeSitesQuoted(today.addDays(3), today.addDays(5), 2);
    CAMPDESK_VERIFY_OK(free);
    QCOMPARE(free->size(), 1);
    CAMPDESK_VERIFY_OK(ReadModel(db).campsiteStatuses());
    // The site map and the site photos (the sites page's map and cards).
    CAMPDESK_VERIFY_OK(SiteMapService(db).sites());
    CAMPDESK_VERIFY_OK(SiteMapService(db).mapImage());
    CAMPDESK_VERIFY_OK(SiteMapService(db).mapImageUpdatedAt());
    CAMPDESK_VERIFY_OK(SitePhotoService(db).firstPhotoIds());
    CAMPDESK_VERIFY_OK(SitePhotoService(db).photos(m_site.id));

    // A booking by a new customer (from today, so that it can be reviewed below), then one by a returning customer
    // (found by phone, not renamed).
    BookingRequest request;
    request.campsiteId = m_site.id;
    request.checkIn = today;
    request.checkOut = today.addDays(2);
    request.guests = 2;
    request.customer.name = QStringLiteral("김민준");
    request.customer.phone = QStringLiteral("010-2222-3333");
    CAMPDESK_VERIFY_OK(bookings.quote(request));
    Result<Reservation> booked = bookings.book(kiosk, request, terminal);
    CAMPDESK_VERIFY_OK(booked);
    QCOMPARE(booked->status, ReservationStatus::Confirmed);
    request.checkIn = today.addDays(7);
    request.checkOut = today.addDays(8);
    request.customer.name = QStringLiteral("다른 이름");
    Result<Reservation> again = bookings.book(kiosk, request, terminal);
    CAMPDESK_VERIFY_OK(again);
    QCOMPARE(again->customerId, booked->customerId);
    QCOMPARE(again->customerName, QStringLiteral("김민준"));
    QCOMPARE(again->guestName, QStringLiteral("다른 이름"));

    // The guest's name, plate and equipment, given while booking (the hold), replaced once.
    BookingRequest later = request;
    later.checkIn = today.addDays(10);
    later.checkOut = today.addDays(11);
    // With two bundles of firewood: the stock is taken, and given back when the hold is released below.
    later.extras = { { m_firewood.id, 2 } };
    Result<Reservation> held = bookings.hold(kiosk, later);
    CAMPDESK_VERIFY_OK(held);
    Result<QList<Extra>> stockTaken = ExtrasService(db).list(true, true);
    CAMPDESK_VERIFY_OK(stockTaken);
    QCOMPARE(stockTaken->value(0).stock.value_or(-1), 3);
    GuestDetailsService guestDetails(db);
    GuestDetails given;
    given.guestName = QStringLiteral("이서연");
    given.plates = { QStringLiteral("12가3456") };
    given.equipment = QStringLiteral("tent");
    CAMPDESK_VERIFY_OK(guestDetails.set(kiosk, held->id, given));
    given.plates = { QStringLiteral("12가3457") };
    CAMPDESK_VERIFY_OK(guestDetails.set(kiosk, held->id, given));
    CAMPDESK_VERIFY_OK(bookings.releaseHold(kiosk, held->id));
    Result<QList<Extra>> stockBack = ExtrasService(db).list();
    CAMPDESK_VERIFY_OK(stockBack);
    QCOMPARE(stockBack->value(0).stock.value_or(-1), 5);

    // Points of a proven phone: a one-time code issued and checked.
    MileageService mileage(db);
    Result<qint64> balance = mileage.balance(booked->customerId);
    CAMPDESK_VERIFY_OK(balance);
    QVERIFY(balance.value() > 0);
    PhoneVerification verification(db);
    Result<QString> code = verification.issue(request.customer.phone);
    CAMPDESK_VERIFY_OK(code);
    CAMPDESK_VERIFY_OK(verification.verify(request.customer.phone, code.value()));

    // The look-up: a miss counted in the throttle, then the right code and phone, then the cancel.
    KioskLookupThrottle throttle(db);
    CAMPDESK_VERIFY_OK(throttle.recordMiss(QStringLiteral("CD-WRONG1")));
    CAMPDESK_VERIFY_OK(throttle.waitMs(QStringLiteral("CD-WRONG1")));
    Result<Reservation> found = bookings.findByCode(again->code, request.customer.phone);
    CAMPDESK_VERIFY_OK(found);
    QCOMPARE(found->id, again->id);
    CancelRequest cancel;
    cancel.code = again->code;
    cancel.phone = request.customer.phone;
    cancel.reason = QStringLiteral("customer");
    CAMPDESK_VERIFY_OK(bookings.cancellationQuote(kiosk, cancel));
    Result<Reservation> cancelled = bookings.cancel(kiosk, cancel);
    CAMPDESK_VERIFY_OK(cancelled);
    QCOMPARE(cancelled->status, ReservationStatus::Cancelled);

    // A review of a stay that has ended (checked in and out at the desk, on the admin connection).
    BookingService desk(m_admin->db());
    CAMPDESK_VERIFY_OK(desk.checkIn(BookingFixture::desk(), booked->id));
    CAMPDESK_VERIFY_OK(desk.checkOut(BookingFixture::desk(), booked->id));
    ReviewService reviews(db);
    CAMPDESK_VERIFY_OK(
        reviews.submitByCode(kiosk, booked->code, request.customer.phone, 5, QStringLiteral("조용하고 좋았어요")));

    // A wrong PIN is counted (the guard's counters are the settings it may write).
    KioskPinGuard pin(db);
    QVERIFY(!pin.verify(QStringLiteral("0000")).ok());
    CAMPDESK_VERIFY_OK(pin.verify(QStringLiteral("4826")));

    // Nothing free: the customer joins the waitlist (an INSERT only); the same phone and dates again is refused.
    WaitlistService waitlist(bookings);
    WaitlistRequest wish;
    wish.checkIn = today.addDays(40);
    wish.checkOut = wish.checkIn.addDays(1);
    wish.guests = 2;
    wish.customer.name = QStringLiteral("대기 손님");
    wish.customer.phone = QStringLiteral("010-4040-5050");
    CAMPDESK_VERIFY_OK(waitlist.join(kiosk, wish));
    QCOMPARE(waitlist.join(kiosk, wish).error().code, ErrorCode::AlreadyDone);

    // A site is free for those dates: a staff terminal's sweep offers it; the customer pays the offer at the kiosk by
    // the code in its message and the phone, and the entry becomes booked, all as the kiosk role.
    BookingService staffBookings(m_admin->db());
    WaitlistService staffWaitlist(staffBookings);
    Result<int> offers = staffWaitlist.sweep();
    CAMPDESK_VERIFY_OK(offers);
    QCOMPARE(offers.value(), 1);
    Result<QList<WaitlistEntry>> offered = staffWaitlist.list(BookingFixture::desk(), WaitlistStatus::Offered);
    CAMPDESK_VERIFY_OK(offered);
    QCOMPARE(offered->size(), 1);
    const QString offerCode = offered->first().reservationCode;
    QCOMPARE(waitlist.findOffer(kiosk, offerCode, QStringLiteral("010-4040-5051")).error().code, ErrorCode::NotFound);
    Result<Reservation> offer = waitlist.findOffer(kiosk, offerCode, wish.customer.phone);
    CAMPDESK_VERIFY_OK(offer);
    QCOMPARE(offer->status, ReservationStatus::Held);
    // The one move the kiosk may make is offered -> booked: not back to waiting, not away from the list.
    QVERIFY(asKiosk(QStringLiteral("UPDATE waitlist_entries SET status = 'waiting' WHERE status = 'offered'"))
                .contains(QLatin1String("row-level security")));
    QVERIFY(asKiosk(QStringLiteral("UPDATE waitlist_entries SET status = 'removed' WHERE status = 'offered'"))
                .contains(QLatin1String("row-level security")));
    // Waiting entries are out of sight, even their status (one joins behind the offer).
    WaitlistRequest behind = wish;
    behind.customer.phone = QStringLiteral("010-4040-6060");
    CAMPDESK_VERIFY_OK(waitlist.join(kiosk, behind));
    int waitingRows = -1;
    QCOMPARE(asKiosk(QStringLiteral("SELECT status FROM waitlist_entries WHERE status = 'waiting'"), &waitingRows),
             QString());
    QCOMPARE(waitingRows, 0);
    // A declined card keeps the offer (a fresh order id on the held booking, as the kiosk role); the next card pays.
    terminal.scriptConfirmOutcomes({ PaymentOutcome::Status::Declined });
    Result<Reservation> declined = waitlist.payOffer(kiosk, offerCode, wish.customer.phone, terminal);
    QCOMPARE(declined.error().code, ErrorCode::Payment);
    QCOMPARE(declined.error().field, QStringLiteral("holdKept"));
    Result<Reservation> paidOffer = waitlist.payOffer(kiosk, offerCode, wish.customer.phone, terminal);
    CAMPDESK_VERIFY_OK(paidOffer);
    QCOMPARE(paidOffer->status, ReservationStatus::Confirmed);
    Result<WaitlistEntry> bookedEntry = staffWaitlist.get(BookingFixture::desk(), offered->first().id);
    CAMPDESK_VERIFY_OK(bookedEntry);
    QCOMPARE(bookedEntry->status, WaitlistStatus::Booked);
}

void TestKioskRole::forbiddenStatementsAreRefused_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("expected");
    const QString denied = QStringLiteral("permission denied");
    const QString owner = QStringLiteral("must be owner");
    QTest::newRow("read users") << "SELECT username FROM users" << denied;
    QTest::newRow("read password hashes") << "SELECT password_hash, salt FROM users" << denied;
    QTest::newRow("update users") << "UPDATE users SET role = 'manager'" << denied;
    QTest::newRow("add a user") << "INSERT INTO users (username, display_name, role, password_hash, salt, iterations, "
                                   "created_at, updated_at) VALUES ('x', 'x', 'manager', 'h', 's', 1, 0, 0)"
                                << denied;
    QTest::newRow("delete users") << "DELETE FROM users" << denied;
    QTest::newRow("read the audit log") << "SELECT * FROM audit_log" << denied;
    QTest::newRow("change the audit log") << "UPDATE audit_log SET details = ''" << denied;
    QTest::newRow("delete the audit log") << "DELETE FROM audit_log" << denied;
    QTest::newRow("change a payment's amount") << "UPDATE payments SET amount = 0" << denied;
    QTest::newRow("delete payments") << "DELETE FROM payments" << denied;
    QTest::newRow("rename a customer") << "UPDATE customers SET name = 'x'" << denied;
    QTest::newRow("change a phone") << "UPDATE customers SET phone = '01000000000'" << denied;
    QTest::newRow("delete customers") << "DELETE FROM customers" << denied;
    QTest::newRow("delete reservations") << "DELETE FROM reservations" << denied;
    QTest::newRow("move a reservation") << "UPDATE reservations SET campsite_id = campsite_id" << denied;
    QTest::newRow("write staff notes") << "UPDATE reservations SET staff_notes = 'x'" << denied;
    QTest::newRow("read staff notes") << "SELECT staff_notes FROM reservations" << denied;
    QTest::newRow("read every column of a stay") << "SELECT * FROM reservations" << denied;
    QTest::newRow("read notes on a customer") << "SELECT notes FROM customers" << denied;
    QTest::newRow("read plates") << "SELECT plate FROM reservation_plates" << denied;
    QTest::newRow("change a plate") << "UPDATE reservation_plates SET plate = 'x'" << denied;
    QTest::newRow("change prices") << "UPDATE campsites SET nightly_price = 0" << denied;
    QTest::newRow("delete settings") << "DELETE FROM settings" << denied;
    QTest::newRow("read the waitlist") << "SELECT name, phone FROM waitlist_entries" << denied;
    QTest::newRow("read one's own waitlist entry")
        << "SELECT id FROM waitlist_entries WHERE phone = '01040405050'" << denied;
    QTest::newRow("change the waitlist") << "UPDATE waitlist_entries SET position = 0" << denied;
    QTest::newRow("delete from the waitlist") << "DELETE FROM waitlist_entries" << denied;
    QTest::newRow("read who waits for an offer") << "SELECT name, phone, check_in FROM waitlist_entries "
                                                    "WHERE status = 'offered'"
                                                 << denied;
    QTest::newRow("take the waitlist's place")
        << "UPDATE waitlist_entries SET position = 0, status = 'booked'" << denied;
    QTest::newRow("delete points") << "DELETE FROM mileage_ledger" << denied;
    QTest::newRow("delete reviews") << "DELETE FROM reviews" << denied;
    QTest::newRow("truncate") << "TRUNCATE phone_codes" << denied;
    QTest::newRow("create a table") << "CREATE TABLE kiosk_own (x INTEGER)" << denied;
    QTest::newRow("alter a table") << "ALTER TABLE reservations ADD COLUMN x INTEGER" << owner;
    QTest::newRow("drop a table") << "DROP TABLE customers" << owner;
    QTest::newRow("switch row security off") << "ALTER TABLE customers DISABLE ROW LEVEL SECURITY" << owner;
    QTest::newRow("record a migration")
        << "INSERT INTO schema_migrations (version, description, applied_at) VALUES (99, 'x', 0)" << denied;
    QTest::newRow("make a role") << "CREATE ROLE kiosk_friend LOGIN" << denied;
    QTest::newRow("move a marker") << "UPDATE site_markers SET x = 0" << denied;
    QTest::newRow("replace the map") << "DELETE FROM site_map" << denied;
    QTest::newRow("add a photo") << "INSERT INTO site_photos (campsite_id, position, caption, image, mime_type, width, "
                                    "height, created_at) VALUES (1, 0, '', '\\x00', 'image/png', 1, 1, 0)"
                                 << denied;
    QTest::newRow("delete photos") << "DELETE FROM site_photos" << denied;
    QTest::newRow("change an extra's price") << "UPDATE extras SET unit_price = 0" << denied;
    QTest::newRow("rename an extra") << "UPDATE extras SET name = 'x'" << denied;
    QTest::newRow("add an extra")
        << "INSERT INTO extras (name, unit, unit_price, updated_at) VALUES ('x', 'unit', 0, 0)" << denied;
    QTest::newRow("mark an extra consumed") << "UPDATE reservation_lines SET consumed_at = 1" << denied;
}

void TestKioskRole::forbiddenStatementsAreRefused()
{
    QFETCH(QString, sql);
    QFETCH(QString, expected);
    const QString error = asKiosk(sql);
    QVERIFY2(error.contains(expected), qPrintable(QStringLiteral("ran or failed otherwise: ") + error));
}

void TestKioskRole::staffDataIsOutOfSight()
{
    // Customers: only those with a recent or coming stay, or the one a look-up names by phone.
    int rows = -1;
    QCOMPARE(asKiosk(QStringLiteral("SELECT id FROM customers WHERE phone = '01099998888'"), &rows), QString());
    QCOMPARE(rows, 0);
    QCOMPARE(asKiosk(QStringLiteral("SELECT id FROM reservations WHERE code = 'CD-OLD001'"), &rows), QString());
    QCOMPARE(rows, 0);
    QCOMPARE(asKiosk(QStringLiteral("SELECT id FROM customers"), &rows), QString());
    int all = -1;
    QSqlQuery count(m_admin->db().connection());
    QVERIFY(count.exec(QStringLiteral("SELECT count(*) FROM customers")) && count.next());
    all = count.value(0).toInt();
    QVERIFY2(rows < all, qPrintable(QStringLiteral("%1 of %2").arg(rows).arg(all)));
    // The admin connection still sees every row (the policies are the kiosk's only).
    QVERIFY(count.exec(QStringLiteral("SELECT count(*) FROM reservations WHERE code = 'CD-OLD001'")) && count.next());
    QCOMPARE(count.value(0).toInt(), 1);
}

void TestKioskRole::aCustomerOfLongAgoBooksAsTheRole()
{
    // Out of sight until the booking names the phone (the hold's first statement scopes the role to it): found and
    // booked as themselves, not registered again (which the phone's unique index would refuse) nor renamed.
    const Actor kiosk = Actor::kiosk();
    SimulatedTerminal terminal;
    BookingService bookings(*m_kiosk);
    bookings.addGateway(&terminal);
    BookingRequest request;
    request.campsiteId = m_site.id;
    request.checkIn = QDate::currentDate().addDays(50);
    request.checkOut = request.checkIn.addDays(1);
    request.guests = 2;
    request.customer.name = QStringLiteral("다른 이름");
    request.customer.phone = QStringLiteral("010-9999-8888");
    // A night the site is closed: the kiosk says why (it reads a block's reason, nothing else of it).
    SiteBlockRequest block;
    block.campsiteId = m_site.id;
    block.from = request.checkIn;
    block.to = request.checkOut;
    block.reason = QStringLiteral("배수로 공사");
    Result<SiteBlock> blocked = SiteBlockService(m_admin->db()).add(BookingFixture::manager(), block);
    CAMPDESK_VERIFY_OK(blocked);
    Result<Reservation> closed = bookings.book(kiosk, request, terminal);
    QCOMPARE(closed.error().code, ErrorCode::SiteTaken);
    QVERIFY2(closed.error().message.contains(block.reason), qPrintable(closed.error().message));
    CAMPDESK_VERIFY_OK(SiteBlockService(m_admin->db()).remove(BookingFixture::manager(), blocked->id));

    Result<Reservation> booked = bookings.book(kiosk, request, terminal);
    CAMPDESK_VERIFY_OK(booked);
    QCOMPARE(booked->customerName, QStringLiteral("옛손님"));
    QSqlQuery check(m_admin->db().connection());
    QVERIFY(check.exec(QStringLiteral("SELECT count(*), min(id) FROM customers WHERE phone = '01099998888'"))
            && check.next());
    QCOMPARE(check.value(0).toInt(), 1);
    QCOMPARE(booked->customerId, check.value(1).toLongLong());
}

void TestKioskRole::settingsOnlyTheKioskKeys()
{
    int rows = -1;
    QCOMPARE(asKiosk(QStringLiteral("SELECT * FROM settings WHERE key = 'notify.webhook_token'"), &rows), QString());
    QCOMPARE(rows, 0);
    // The PIN's hash cannot be replaced, only the guard's counters written.
    QVERIFY(asKiosk(QStringLiteral("INSERT INTO settings (key, value, updated_at) VALUES ('kiosk.pin.other', 'x', 0)"))
                .contains(QLatin1String("row-level security")));
    QCOMPARE(asKiosk(QStringLiteral("UPDATE settings SET value = 'x' WHERE key = 'kiosk.pin.hash'"), &rows), QString());
    QCOMPARE(rows, 0);
    QCOMPARE(asKiosk(QStringLiteral("UPDATE settings SET value = '0' WHERE key = 'kiosk.pin.failures'"), &rows),
             QString());
    QCOMPARE(rows, 1);
    KioskPinGuard pin(*m_kiosk);
    CAMPDESK_VERIFY_OK(pin.verify(QStringLiteral("4826")));
}

void TestKioskRole::cannotMigrate()
{
    // A schema one migration behind: the kiosk role cannot bring it up (only the owner can); the kiosk itself never
    // tries (it opens with migrate = false and shows "being updated", tst_kioskpublic).
    const int latest = Database::latestSchemaVersion();
    QCOMPARE(asAdmin(QStringLiteral("DELETE FROM schema_migrations WHERE version = %1").arg(latest)), QString());
    Database::Options options;
    options.migrate = true;
    Result<std::unique_ptr<Database>> opened = Database::open(m_kioskSpec, options);
    QVERIFY(!opened.ok());
    QVERIFY2(opened.error().message.contains(QLatin1String("permission denied"))
                 || opened.error().message.contains(QLatin1String("must be owner")),
             qPrintable(opened.error().message));
    QCOMPARE(asAdmin(QStringLiteral("INSERT INTO schema_migrations (version, description, applied_at) VALUES (%1, "
                                    "'restored', 0)")
                         .arg(latest)),
             QString());
}

QTEST_GUILESS_MAIN(TestKioskRole)
#include "tst_kioskrole.moc"
