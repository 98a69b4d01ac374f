// The one reader per row type (Campsite, Reservation, PaymentRecord, Customer) on both databases: columns are read
// by name whatever order a query selects them in, and a code this version does not know reads by the one rule in
// docs/decisions.md, the same for every service that reads the row.
#include "bookingfixture.h"
#include "db/sqlsession.h"
#include "db/transaction.h"
#include "domain/customerservice.h"
#include "domain/paymentrecord.h"
#include "testdatabase.h"

#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

namespace {

// The same columns in the opposite order: a reader by position would read every one of them wrong.
QString reversed(const QString& columns)
{
    QStringList list = columns.split(QStringLiteral(", "));
    std::reverse(list.begin(), list.end());
    return list.join(QStringLiteral(", "));
}

// Stores `value` in a column whose CHECK constraint knows only today's codes, as a newer version of Campsdesk
// sharing the database might: the constraint is dropped (PostgreSQL) or ignored (SQLite) for this one write.
Status storeUnknownCode(Database& db, const QString& table, const QString& column, const QString& value, qint64 id)
{
    return db.write([&](Transaction& tx) -> Status {
        if (currentBackend() == Backend::Postgres)
            tx.exec(QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT IF EXISTS %1_%2_check").arg(table, column));
        else
            tx.exec(QStringLiteral("PRAGMA ignore_check_constraints = ON"));
        tx.exec(QStringLiteral("UPDATE %1 SET %2 = ? WHERE id = ?").arg(table, column), { value, id });
        if (currentBackend() == Backend::Sqlite)
            tx.exec(QStringLiteral("PRAGMA ignore_check_constraints = OFF"));
        return {};
    });
}

template<typename T, typename Read>
Result<T> readOne(Database& db, const QString& sql, const QVariantList& binds, Read read)
{
    return db.read([&](SqlSession& s) -> Result<T> {
        SqlRows q = s.exec(sql, binds);
        if (!q.next())
            return Error(ErrorCode::NotFound, QStringLiteral("no row"));
        return read(q);
    });
}

} // namespace

class TestRowReaders : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void campsiteIsReadByColumnName();
    void unknownCampsiteCodesReadAsNotBookable();
    void reservationIsReadByColumnName();
    void unknownReservationStatusReadsAsExpired();
    void paymentIsReadByColumnName();
    void customerIsReadByColumnName();
    void unknownCustomerLanguageReadsAsKorean();

private:
    std::unique_ptr<BookingFixture> f;
};

void TestRowReaders::init()
{
    f = std::make_unique<BookingFixture>();
    QVERIFY2(f->ok(), qPrintable(f->t ? f->t->errorMessage() : QString()));
}

void TestRowReaders::cleanup()
{
    f.reset();
}

void TestRowReaders::campsiteIsReadByColumnName()
{
    Campsite draft;
    draft.code = QStringLiteral("R-01");
    draft.name = QStringLiteral("Riverside");
    draft.kind = CampsiteKind::Glamping;
    draft.description = QStringLiteral("By the water");
    draft.zone = QStringLiteral("R");
    draft.maxGuests = 3;
    draft.nightlyPrice = 41000;
    draft.weekendPrice = 52000;
    draft.amenities = { QStringLiteral("electricity"), QStringLiteral("water") };
    draft.status = CampsiteStatus::Maintenance;
    Result<Campsite> made = f->campsites->registerCampsite(BookingFixture::manager(), draft);
    CAMPDESK_VERIFY_OK(made);

    const Result<Campsite> read = readOne<Campsite>(
        f->db(),
        QStringLiteral("SELECT ") + reversed(Campsite::columns()) + QStringLiteral(" FROM campsites WHERE id = ?"),
        { made->id }, [](const SqlRows& row) { return Campsite::fromRow(row); });
    CAMPDESK_VERIFY_OK(read);
    const Campsite& c = read.value();
    QCOMPARE(c.id, made->id);
    QCOMPARE(c.code, QStringLiteral("R-01"));
    QCOMPARE(c.name, QStringLiteral("Riverside"));
    QCOMPARE(c.kind, CampsiteKind::Glamping);
    QCOMPARE(c.description, QStringLiteral("By the water"));
    QCOMPARE(c.zone, QStringLiteral("R"));
    QCOMPARE(c.maxGuests, 3);
    QCOMPARE(c.nightlyPrice, 41000);
    QCOMPARE(c.weekendPrice, 52000);
    QCOMPARE(c.amenities, QStringList({ QStringLiteral("electricity"), QStringLiteral("water") }));
    QCOMPARE(c.status, CampsiteStatus::Maintenance);
    QCOMPARE(c.version, made->version);
}

void TestRowReaders::unknownCampsiteCodesReadAsNotBookable()
{
    const Campsite site = f->addSite(QStringLiteral("U-01"));
    const Campsite other = f->addSite(QStringLiteral("U-02"));
    CAMPDESK_VERIFY_OK(storeUnknownCode(f->db(), QStringLiteral("campsites"), QStringLiteral("status"),
                                        QStringLiteral("seasonal"), site.id));
    CAMPDESK_VERIFY_OK(storeUnknownCode(f->db(), QStringLiteral("campsites"), QStringLiteral("kind"),
                                        QStringLiteral("yurt"), site.id));

    // The campsite service (the admin pages) and the booking engine read it the same way: retired, a tent.
    const Result<Campsite> listed = f->campsites->get(site.id);
    CAMPDESK_VERIFY_OK(listed);
    QCOMPARE(listed->status, CampsiteStatus::Retired);
    QCOMPARE(listed->kind, CampsiteKind::Tent);
    const Result<Quote> quote = f->booking->quote(f->request(site, 2, 1));
    QVERIFY(!quote.ok());
    QCOMPARE(quote.error().code, ErrorCode::Invalid);
    QVERIFY2(quote.error().message.contains(QLatin1String("no longer offered")), qPrintable(quote.error().message));
    const Result<Reservation> held = f->booking->hold(BookingFixture::desk(), f->request(site, 2, 1));
    QVERIFY(!held.ok());
    QCOMPARE(f->t->count(QStringLiteral("reservations")), 0);

    // Nor is it offered: not among the bookable sites, not free for any dates.
    const Result<QList<Campsite>> offered = f->campsites->list(false);
    CAMPDESK_VERIFY_OK(offered);
    QCOMPARE(offered->size(), 1);
    QCOMPARE(offered->first().id, other.id);
    const Result<QList<Campsite>> free = f->booking->freeSites(f->today().addDays(2), f->today().addDays(3), 2);
    CAMPDESK_VERIFY_OK(free);
    QCOMPARE(free->size(), 1);
    QCOMPARE(free->first().id, other.id);
}

void TestRowReaders::reservationIsReadByColumnName()
{
    const Campsite site = f->addSite(QStringLiteral("V-01"), 30000);
    const Reservation booked
        = f->book(f->request(site, 3, 2, QStringLiteral("010-5555-0101"), QStringLiteral("Han Ji-min"), 3));
    QVERIFY(booked.id > 0);

    const Result<Reservation> read
        = readOne<Reservation>(f->db(),
                               QStringLiteral("SELECT ") + reversed(Reservation::columns()) + Reservation::tables()
                                   + QStringLiteral(" WHERE r.id = ?"),
                               { booked.id }, [](const SqlRows& row) { return Reservation::fromRow(row); });
    CAMPDESK_VERIFY_OK(read);
    const Reservation& r = read.value();
    QCOMPARE(r.id, booked.id);
    QCOMPARE(r.code, booked.code);
    QCOMPARE(r.campsiteId, site.id);
    QCOMPARE(r.campsiteCode, QStringLiteral("V-01"));
    QCOMPARE(r.campsiteName, site.name);
    QCOMPARE(r.customerId, booked.customerId);
    QCOMPARE(r.customerName, QStringLiteral("Han Ji-min"));
    QCOMPARE(r.customerPhone, QStringLiteral("01055550101"));
    QCOMPARE(r.checkIn, f->today().addDays(3));
    QCOMPARE(r.checkOut, f->today().addDays(5));
    QCOMPARE(r.guests, 3);
    QCOMPARE(r.status, ReservationStatus::Confirmed);
    QCOMPARE(r.amount, booked.amount);
    QVERIFY(r.amount > 0);
    QCOMPARE(r.pointsUsed, 0);
    QCOMPARE(r.channel, QStringLiteral("desk"));
    QCOMPARE(r.orderId, booked.orderId);
    QCOMPARE(r.version, booked.version);
    QVERIFY(r.createdAt > 0);
    QVERIFY(r.confirmedAt >= r.createdAt);
    QCOMPARE(r.cancelledAt, 0);
    // The service hands out exactly what the reader reads.
    const Result<Reservation> got = f->booking->get(booked.id);
    CAMPDESK_VERIFY_OK(got);
    QCOMPARE(got->code, r.code);
    QCOMPARE(got->customerPhone, r.customerPhone);
    QCOMPARE(got->confirmedAt, r.confirmedAt);
}

void TestRowReaders::unknownReservationStatusReadsAsExpired()
{
    const Campsite site = f->addSite(QStringLiteral("W-01"));
    const Reservation booked = f->book(f->request(site, 3, 1, QStringLiteral("010-5555-0202")));
    QVERIFY(booked.id > 0);
    CAMPDESK_VERIFY_OK(storeUnknownCode(f->db(), QStringLiteral("reservations"), QStringLiteral("status"),
                                        QStringLiteral("paused"), booked.id));

    const Result<Reservation> got = f->booking->get(booked.id);
    CAMPDESK_VERIFY_OK(got);
    QCOMPARE(got->status, ReservationStatus::Expired);
    QVERIFY(!got->isReal());
    // Not real: the customer cannot find it, and it is not among their bookings.
    QCOMPARE(f->booking->findByCode(booked.code, QStringLiteral("010-5555-0202")).error().code, ErrorCode::NotFound);
}

void TestRowReaders::paymentIsReadByColumnName()
{
    const Campsite site = f->addSite(QStringLiteral("X-01"), 33000);
    const Reservation booked = f->book(f->request(site, 4, 1));
    QVERIFY(booked.id > 0);

    const Result<std::optional<PaymentRecord>> read = readOne<std::optional<PaymentRecord>>(
        f->db(),
        QStringLiteral("SELECT ") + reversed(PaymentRecord::columns())
            + QStringLiteral(" FROM payments p WHERE "
                             "p.order_id = ?"),
        { booked.orderId }, [](const SqlRows& row) { return PaymentRecord::fromRow(row); });
    CAMPDESK_VERIFY_OK(read);
    QVERIFY(read->has_value());
    const PaymentRecord& p = *read.value();
    QVERIFY(p.id > 0);
    QCOMPARE(p.orderId, booked.orderId);
    QCOMPARE(p.provider, f->terminal.provider());
    QCOMPARE(p.amount, booked.amount);
    QCOMPARE(p.status, QStringLiteral("approved"));
    QVERIFY(!p.method.isEmpty());
    QVERIFY(!p.providerTxId.isEmpty());

    // Beside a reservation's own columns (same names: id, order_id, amount, status), and absent after a LEFT JOIN.
    const Result<std::optional<PaymentRecord>> none = readOne<std::optional<PaymentRecord>>(
        f->db(),
        QStringLiteral("SELECT ") + Reservation::columns() + QStringLiteral(", ") + PaymentRecord::columns()
            + Reservation::tables()
            + QStringLiteral(" LEFT JOIN payments p ON p.order_id = r.order_id AND p.status = 'pending' "
                             "WHERE r.id = ?"),
        { booked.id }, [](const SqlRows& row) { return PaymentRecord::fromRow(row); });
    CAMPDESK_VERIFY_OK(none);
    QVERIFY(!none->has_value());
}

void TestRowReaders::customerIsReadByColumnName()
{
    const Campsite site = f->addSite(QStringLiteral("Y-01"));
    BookingRequest request = f->request(site, 2, 1, QStringLiteral("010-5555-0303"), QStringLiteral("Oh Se-ri"));
    request.customer.language = QStringLiteral("en");
    request.customer.messageConsent = true;
    const Reservation booked = f->book(request);
    QVERIFY(booked.id > 0);

    const Result<Customer> read = readOne<Customer>(
        f->db(),
        QStringLiteral("SELECT ") + reversed(Customer::columns()) + QStringLiteral(" FROM customers WHERE id = ?"),
        { booked.customerId }, [](const SqlRows& row) { return Customer::fromRow(row); });
    CAMPDESK_VERIFY_OK(read);
    QCOMPARE(read->id, booked.customerId);
    QCOMPARE(read->name, QStringLiteral("Oh Se-ri"));
    QCOMPARE(read->phone, QStringLiteral("01055550303"));
    QCOMPARE(read->email, QStringLiteral("guest@example.com"));
    QCOMPARE(read->language, QStringLiteral("en"));
    QCOMPARE(read->messageConsent, true);
}

void TestRowReaders::unknownCustomerLanguageReadsAsKorean()
{
    const Campsite site = f->addSite(QStringLiteral("Z-01"));
    BookingRequest request = f->request(site, 2, 1, QStringLiteral("010-5555-0404"));
    request.customer.language = QStringLiteral("en");
    const Reservation booked = f->book(request);
    QVERIFY(booked.id > 0);
    CAMPDESK_VERIFY_OK(storeUnknownCode(f->db(), QStringLiteral("customers"), QStringLiteral("language"),
                                        QStringLiteral("fr"), booked.customerId));

    CustomerService customers(f->db());
    const Result<Customer> got = customers.get(booked.customerId);
    CAMPDESK_VERIFY_OK(got);
    QCOMPARE(got->language, QStringLiteral("ko"));
    // So an edit by staff passes validation instead of failing on a language nobody chose here.
    CAMPDESK_VERIFY_OK(CustomerService::validate(got.value()));
}

CAMPDESK_DB_TEST_MAIN(TestRowReaders)
#include "tst_rowreaders.moc"
