// Guest details on a reservation (name, plates, equipment and length, staff notes), the search by plate, the day
// sheets (arrivals, departures, on site) and the cash-up, on both databases.
#include "bookingfixture.h"
#include "domain/balanceservice.h"
#include "domain/daysheetquery.h"
#include "domain/depositsettings.h"
#include "domain/guestdetailsservice.h"
#include "itemmodels/daysheetmodel.h"
#include "itemmodels/reservationtablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

namespace {

GuestDetails details(const QString& name, const QStringList& plates, const QString& equipment = QString(),
                     int lengthDm = 0, const QString& notes = QString())
{
    GuestDetails d;
    d.guestName = name;
    d.plates = plates;
    d.equipment = equipment;
    d.equipmentLengthDm = lengthDm;
    d.notes = notes;
    return d;
}

qint64 scalar(Database& db, const QString& sql, const QVariantList& binds = {})
{
    qint64 value = -1;
    Status read = db.read([&](SqlSession& s) -> Status {
        value = s.scalar(sql, binds).toLongLong();
        return {};
    });
    return read.ok() ? value : -1;
}

QStringList codes(const QList<DaySheetRow>& rows)
{
    QStringList found;
    for (const DaySheetRow& row : rows)
        found << row.code;
    return found;
}

} // namespace

class TestGuestDetails : public QObject
{
    Q_OBJECT
private slots:
    void platesAreNormalized_data();
    void platesAreNormalized();
    void detailsAreSavedInOneChange();
    void badInputIsRefusedAndChangesNothing_data();
    void badInputIsRefusedAndChangesNothing();
    void theSiteLimitsTheLength();
    void aKioskGivesDetailsOnlyWhileBooking();
    void searchFindsAPlateHoweverTyped();
    void daySheetsListArrivalsDeparturesAndGuestsOnSite();
    void anEarlyLeaverDepartsOnTheDayTheyLeft();
    void cashUpMatchesThePaymentsTable();
    void cashUpCreditsWhoeverTookTheMoney();
    void onlyStaffSeeTheSheets();
};

void TestGuestDetails::platesAreNormalized_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("expected"); // empty: refused
    QTest::newRow("plain") << "12가3456"
                           << "12가3456";
    QTest::newRow("spaces") << " 12가 3456 "
                            << "12가3456";
    QTest::newRow("three digits") << "123가4567"
                                  << "123가4567";
    QTest::newRow("dashes") << "123-나-4567"
                            << "123나4567";
    QTest::newRow("region") << "서울 12 가 3456"
                            << "서울12가3456";
    QTest::newRow("decomposed jamo") << QStringLiteral("12\u1100\u11613456") << "12가3456";
    QTest::newRow("foreign") << "ABC 1234"
                             << "";
    QTest::newRow("three digits at the end") << "12가345"
                                             << "";
    QTest::newRow("one digit first") << "1가3456"
                                     << "";
    QTest::newRow("five digits at the end") << "12가34567"
                                            << "";
    QTest::newRow("no syllable") << "123456"
                                 << "";
    QTest::newRow("sql") << "12가3456'; DROP TABLE reservations; --"
                         << "";
    QTest::newRow("emoji") << "12🚗3456"
                           << "";
}

void TestGuestDetails::platesAreNormalized()
{
    QFETCH(QString, typed);
    QFETCH(QString, expected);
    const std::optional<QString> plate = GuestDetails::normalizePlate(typed);
    if (expected.isEmpty())
        QVERIFY2(!plate, qPrintable(plate.value_or(QString())));
    else
        QCOMPARE(plate.value_or(QStringLiteral("(refused)")), expected);
}

void TestGuestDetails::detailsAreSavedInOneChange()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    const Campsite a = f.addSite(QStringLiteral("A-01"));
    const Reservation r = f.book(f.request(a, 1, 2));
    GuestDetailsService service(f.db());
    QSignalSpy changed(&f.bus, &EventBus::reservationDetailsChanged);
    QSignalSpy any(&f.bus, &EventBus::published);

    // Korean, an emoji and SQL's own characters are only text.
    const QString name = QStringLiteral("이서연 🏕️ O'Brien \"; DROP TABLE reservations; --");
    const QString notes = QStringLiteral("늦게 도착 (22시)\n'%_\\ 그대로");
    Result<GuestDetails> saved
        = service.set(BookingFixture::desk(), r.id,
                      details(name, { QStringLiteral("12가 3456"), QString(), QStringLiteral("서울 34 나 5678") },
                              QStringLiteral("rv"), 75, notes));
    CAMPDESK_VERIFY_OK(saved);
    QCOMPARE(saved->plates, QStringList({ QStringLiteral("12가3456"), QStringLiteral("서울34나5678") }));

    Result<GuestDetails> read = service.get(BookingFixture::desk(), r.id);
    CAMPDESK_VERIFY_OK(read);
    QCOMPARE(read->guestName, name);
    QCOMPARE(read->plates, QStringList({ QStringLiteral("12가3456"), QStringLiteral("서울34나5678") }));
    QCOMPARE(read->equipment, QStringLiteral("rv"));
    QCOMPARE(read->equipmentLengthDm, 75);
    QCOMPARE(read->notes, notes);
    QCOMPARE(
        scalar(f.db(), QStringLiteral("SELECT count(*) FROM reservation_plates WHERE reservation_id = ?"), { r.id }),
        2);
    QCOMPARE(scalar(f.db(), QStringLiteral("SELECT count(*) FROM reservations")), 1);
    // One event and one audit row, nothing else.
    QCOMPARE(changed.size(), 1);
    QCOMPARE(any.size(), 1);
    QCOMPARE(
        scalar(f.db(),
               QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'reservation.details' AND target = ?"),
               { r.code }),
        1);

    // Cleared again: no plate rows left, the length goes with the equipment.
    CAMPDESK_VERIFY_OK(service.set(BookingFixture::desk(), r.id, details(QString(), {})));
    read = service.get(BookingFixture::desk(), r.id);
    QVERIFY(read->plates.isEmpty());
    QCOMPARE(read->equipmentLengthDm, 0);
    QCOMPARE(read->notes, QString());
    QCOMPARE(scalar(f.db(), QStringLiteral("SELECT count(*) FROM reservation_plates")), 0);
}

void TestGuestDetails::badInputIsRefusedAndChangesNothing_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("plates");
    QTest::addColumn<QString>("equipment");
    QTest::addColumn<int>("lengthDm");
    QTest::addColumn<QString>("notes");
    QTest::addColumn<QString>("field");
    const QStringList none;
    QTest::newRow("name too long") << QString(101, QLatin1Char('x')) << none << "" << 0 << ""
                                   << "guestName";
    QTest::newRow("name with a control character") << "Kim\x01" << none << "" << 0 << ""
                                                   << "guestName";
    QTest::newRow("name on two lines") << "Kim\nLee" << none << "" << 0 << ""
                                       << "guestName";
    QTest::newRow("bad second plate") << "" << QStringList { QStringLiteral("12가3456"), QStringLiteral("ABC-123") }
                                      << "" << 0 << ""
                                      << "plate2";
    QTest::newRow("a plate twice") << "" << QStringList { QStringLiteral("12가3456"), QStringLiteral("12가 3456") }
                                   << "" << 0 << ""
                                   << "plate2";
    QTest::newRow("four plates") << ""
                                 << QStringList { QStringLiteral("12가3456"), QStringLiteral("12가3457"),
                                                  QStringLiteral("12가3458"), QStringLiteral("12가3459") }
                                 << "" << 0 << ""
                                 << "plate1";
    QTest::newRow("unknown equipment") << "" << none << "yacht" << 0 << ""
                                       << "equipment";
    QTest::newRow("length of a tent") << "" << none << "tent" << 30 << ""
                                      << "equipmentLength";
    QTest::newRow("too short") << "" << none << "caravan" << 5 << ""
                               << "equipmentLength";
    QTest::newRow("too long") << "" << none << "trailer" << 201 << ""
                              << "equipmentLength";
    QTest::newRow("negative") << "" << none << "rv" << -10 << ""
                              << "equipmentLength";
    QTest::newRow("notes too long") << "" << none << "" << 0 << QString(1001, QLatin1Char('n')) << "notes";
}

void TestGuestDetails::badInputIsRefusedAndChangesNothing()
{
    QFETCH(QString, name);
    QFETCH(QStringList, plates);
    QFETCH(QString, equipment);
    QFETCH(int, lengthDm);
    QFETCH(QString, notes);
    QFETCH(QString, field);
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    const Campsite a = f.addSite(QStringLiteral("A-01"));
    const Reservation r = f.book(f.request(a, 1, 2));
    GuestDetailsService service(f.db());
    const GuestDetails before = details(QStringLiteral("김하늘"), { QStringLiteral("99다9999") }, QStringLiteral("rv"),
                                        60, QStringLiteral("조용한 자리"));
    CAMPDESK_VERIFY_OK(service.set(BookingFixture::desk(), r.id, before));

    Result<GuestDetails> refused
        = service.set(BookingFixture::desk(), r.id, details(name, plates, equipment, lengthDm, notes));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Invalid);
    QCOMPARE(refused.error().field, field);
    QVERIFY(!refused.error().message.isEmpty());

    Result<GuestDetails> after = service.get(BookingFixture::desk(), r.id);
    CAMPDESK_VERIFY_OK(after);
    QCOMPARE(after->guestName, before.guestName);
    QCOMPARE(after->plates, before.plates);
    QCOMPARE(after->equipmentLengthDm, 60);
    QCOMPARE(after->notes, before.notes);
}

void TestGuestDetails::theSiteLimitsTheLength()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    const Campsite a = f.addSite(QStringLiteral("A-01"));
    const Reservation r = f.book(f.request(a, 1, 2));
    // The manager sets the limit in the campsite editor; a limit outside 1..20 m is refused and changes nothing.
    Campsite limited = f.campsites->get(a.id).value();
    for (int refusedDm : { 5, 201, -10 }) {
        limited.maxEquipmentLengthDm = refusedDm;
        Result<Campsite> refused = f.campsites->modify(BookingFixture::manager(), limited);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().field, QStringLiteral("maxEquipmentLength"));
        QCOMPARE(f.campsites->get(a.id)->maxEquipmentLengthDm, 0);
    }
    limited.maxEquipmentLengthDm = 80;
    CAMPDESK_VERIFY_OK(f.campsites->modify(BookingFixture::manager(), limited));
    QCOMPARE(f.campsites->get(a.id)->maxEquipmentLengthDm, 80);
    GuestDetailsService service(f.db());
    Result<GuestDetails> tooLong
        = service.set(BookingFixture::desk(), r.id, details(QString(), {}, QStringLiteral("caravan"), 85));
    QVERIFY(!tooLong.ok());
    QCOMPARE(tooLong.error().field, QStringLiteral("equipmentLength"));
    QVERIFY2(tooLong.error().message.contains(QStringLiteral("8")), qPrintable(tooLong.error().message));
    CAMPDESK_VERIFY_OK(
        service.set(BookingFixture::desk(), r.id, details(QString(), {}, QStringLiteral("caravan"), 80)));

    // "No limit" again: stored as NULL, any length up to the rule's 20 m fits.
    limited = f.campsites->get(a.id).value();
    limited.maxEquipmentLengthDm = 0;
    CAMPDESK_VERIFY_OK(f.campsites->modify(BookingFixture::manager(), limited));
    QCOMPARE(f.campsites->get(a.id)->maxEquipmentLengthDm, 0);
    CAMPDESK_VERIFY_OK(
        service.set(BookingFixture::desk(), r.id, details(QString(), {}, QStringLiteral("caravan"), 150)));
}

void TestGuestDetails::aKioskGivesDetailsOnlyWhileBooking()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    const Campsite a = f.addSite(QStringLiteral("A-01"));
    const Campsite b = f.addSite(QStringLiteral("B-01"));
    GuestDetailsService service(f.db());
    const Actor kiosk = BookingFixture::kiosk();

    Result<Reservation> held = f.booking->hold(kiosk, f.request(a, 1, 2));
    CAMPDESK_VERIFY_OK(held);
    // Staff notes already on it (a phone call before), which the kiosk neither sees nor overwrites.
    CAMPDESK_VERIFY_OK(
        service.set(BookingFixture::desk(), held->id, details(QString(), {}, {}, 0, QStringLiteral("VIP"))));
    Result<GuestDetails> byKiosk = service.set(
        kiosk, held->id, details(QStringLiteral("박지훈"), { QStringLiteral("12가3456") }, QStringLiteral("tent")));
    CAMPDESK_VERIFY_OK(byKiosk);
    QCOMPARE(byKiosk->notes, QString());
    Result<GuestDetails> stored = service.get(BookingFixture::desk(), held->id);
    CAMPDESK_VERIFY_OK(stored);
    QCOMPARE(stored->guestName, QStringLiteral("박지훈"));
    QCOMPARE(stored->notes, QStringLiteral("VIP"));

    Result<GuestDetails> notes = service.set(kiosk, held->id, details(QString(), {}, {}, 0, QStringLiteral("x")));
    QVERIFY(!notes.ok());
    QCOMPARE(notes.error().code, ErrorCode::Forbidden);
    QVERIFY(!service.get(kiosk, held->id).ok());

    // After the booking is made, or when the hold ran out, or on a desk booking: staff only.
    const Reservation confirmed = f.book(f.request(b, 1, 2), kiosk);
    Result<GuestDetails> late = service.set(kiosk, confirmed.id, details(QStringLiteral("x"), {}));
    QVERIFY(!late.ok());
    QCOMPARE(late.error().code, ErrorCode::Forbidden);
    f.clock.advanceSecs(60 * 60);
    Result<GuestDetails> expired = service.set(kiosk, held->id, details(QStringLiteral("x"), {}));
    QVERIFY(!expired.ok());
    QCOMPARE(expired.error().code, ErrorCode::Forbidden);
    Result<Reservation> deskHold = f.booking->hold(BookingFixture::desk(), f.request(a, 10, 1));
    CAMPDESK_VERIFY_OK(deskHold);
    QVERIFY(!service.set(kiosk, deskHold->id, details(QStringLiteral("x"), {})).ok());
    CAMPDESK_VERIFY_OK(service.set(BookingFixture::desk(), confirmed.id, details(QStringLiteral("x"), {})));
}

void TestGuestDetails::searchFindsAPlateHoweverTyped()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    const Campsite a = f.addSite(QStringLiteral("A-01"));
    const Campsite b = f.addSite(QStringLiteral("B-01"));
    const Reservation withCar = f.book(f.request(a, 1, 2));
    const Reservation other = f.book(f.request(b, 1, 2, QStringLiteral("010-5555-6666"), QStringLiteral("Lee")));
    GuestDetailsService service(f.db());
    CAMPDESK_VERIFY_OK(
        service.set(BookingFixture::desk(), withCar.id, details(QString(), { QStringLiteral("12가3456") })));
    CAMPDESK_VERIFY_OK(
        service.set(BookingFixture::desk(), other.id, details(QString(), { QStringLiteral("서울77다1234") })));

    ReservationTableModel model(f.db(), &f.bus);
    QAbstractItemModelTester tester(&model);
    auto found = [&model](const QString& text) {
        model.setText(text);
        while (model.canFetchMore(QModelIndex()))
            model.fetchMore(QModelIndex());
        QStringList result;
        for (int row = 0; row < model.rowCount(); ++row)
            result << model.index(row, ReservationTableModel::Code).data().toString();
        return result;
    };
    QCOMPARE(found(QStringLiteral("12가 3456")), QStringList { withCar.code });
    QCOMPARE(found(QStringLiteral("12가3456")), QStringList { withCar.code });
    QCOMPARE(found(QStringLiteral("12-가-3456")), QStringList { withCar.code });
    QCOMPARE(found(QStringLiteral("12가")), QStringList { withCar.code });
    QCOMPARE(found(QStringLiteral("3456")), QStringList { withCar.code });
    QCOMPARE(found(QStringLiteral("77다 1234")), QStringList { other.code }); // inside a plate with a region
    QCOMPARE(found(QStringLiteral("13가3456")), QStringList());
    QCOMPARE(found(QStringLiteral("%")), QStringList());
    // Only separators: no plate to look for, so not every booking with a plate.
    QCOMPARE(found(QStringLiteral("-")), QStringList());
    QCOMPARE(found(QStringLiteral(" - - ")), QStringList());
    // A plate is found from its digits: a region alone looks for guests of that name, not every plate of a region.
    QCOMPARE(found(QStringLiteral("서울")), QStringList());
    QCOMPARE(found(QStringLiteral("서울 77")), QStringList { other.code });
    // The plate search does not take over the others.
    QCOMPARE(found(QStringLiteral("Lee")), QStringList { other.code });
    QCOMPARE(found(QStringLiteral("le")), QStringList { other.code });
    QCOMPARE(found(other.code.toLower()), QStringList { other.code });
}

void TestGuestDetails::daySheetsListArrivalsDeparturesAndGuestsOnSite()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    const QList<Campsite> sites { f.addSite(QStringLiteral("A-01")), f.addSite(QStringLiteral("A-02")),
                                  f.addSite(QStringLiteral("A-03")), f.addSite(QStringLiteral("A-04")) };
    const QDate day = f.today().addDays(5);
    const Reservation leaving = f.book(f.request(sites[0], 3, 2)); // day-2 .. day
    const Reservation arriving
        = f.book(f.request(sites[1], 5, 2, QStringLiteral("010-2000-0001"), QStringLiteral("Park")));
    const Reservation staying
        = f.book(f.request(sites[2], 4, 3, QStringLiteral("010-2000-0002"), QStringLiteral("Choi")));
    const Reservation cancelled
        = f.book(f.request(sites[3], 5, 1, QStringLiteral("010-2000-0003"), QStringLiteral("Jung")));
    CancelRequest cancel;
    cancel.reservationId = cancelled.id;
    cancel.reason = QStringLiteral("customer");
    CAMPDESK_VERIFY_OK(f.booking->cancel(BookingFixture::desk(), cancel));
    GuestDetailsService service(f.db());
    CAMPDESK_VERIFY_OK(service.set(BookingFixture::desk(), arriving.id,
                                   details(QStringLiteral("Park Junior"), { QStringLiteral("12가3456") },
                                           QStringLiteral("caravan"), 65, QStringLiteral("late arrival"))));
    CAMPDESK_VERIFY_OK(service.set(BookingFixture::desk(), staying.id, details(QString(), {})));

    DaySheetQuery query(f.db());
    Result<QList<DaySheetRow>> arrivals = query.sheet(BookingFixture::desk(), DaySheetKind::Arrivals, day);
    CAMPDESK_VERIFY_OK(arrivals);
    QCOMPARE(codes(arrivals.value()), QStringList { arriving.code });
    const DaySheetRow& row = arrivals->first();
    QCOMPARE(row.guestName, QStringLiteral("Park Junior"));
    QCOMPARE(row.customerName, QStringLiteral("Park"));
    QCOMPARE(row.plates, QStringList { QStringLiteral("12가3456") });
    QCOMPARE(row.equipment, QStringLiteral("caravan"));
    QCOMPARE(row.equipmentLengthDm, 65);
    QCOMPARE(row.notes, QStringLiteral("late arrival"));
    QCOMPARE(row.guests, 2);
    QCOMPARE(row.paid, arriving.amount);
    QCOMPARE(row.balance(), 0);

    Result<QList<DaySheetRow>> departures = query.sheet(BookingFixture::desk(), DaySheetKind::Departures, day);
    CAMPDESK_VERIFY_OK(departures);
    QCOMPARE(codes(departures.value()), QStringList { leaving.code });
    Result<QList<DaySheetRow>> onSite = query.sheet(BookingFixture::desk(), DaySheetKind::OnSite, day);
    CAMPDESK_VERIFY_OK(onSite);
    QCOMPARE(codes(onSite.value()), QStringList({ arriving.code, staying.code })); // by site
    // No guest name given: the customer's.
    QCOMPARE(onSite->at(1).guestName, QStringLiteral("Choi"));

    // The model shows the same, and reads again when a booking changes.
    DaySheetModel model(f.db(), &f.bus, BookingFixture::desk(), DaySheetKind::Arrivals);
    QAbstractItemModelTester tester(&model);
    model.setDay(day);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, DaySheetModel::Guest).data().toString(), QStringLiteral("Park Junior"));
    QCOMPARE(model.index(0, DaySheetModel::Vehicles).data().toString(), QStringLiteral("12가3456"));
    QVERIFY(model.index(0, DaySheetModel::Equipment).data().toString().contains(QStringLiteral("6.5")));
    const Reservation another
        = f.book(f.request(sites[3], 5, 1, QStringLiteral("010-2000-0004"), QStringLiteral("Han")));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(1, DaySheetModel::Guest).data().toString(), QStringLiteral("Han"));
    QCOMPARE(model.totalGuests(), 4);
    Q_UNUSED(another);
}

void TestGuestDetails::anEarlyLeaverDepartsOnTheDayTheyLeft()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    const Campsite a = f.addSite(QStringLiteral("A-01"));
    const Reservation r = f.book(f.request(a, 0, 3));
    CAMPDESK_VERIFY_OK(f.booking->checkIn(BookingFixture::desk(), r.id));
    DaySheetQuery query(f.db());
    QCOMPARE(codes(query.sheet(BookingFixture::desk(), DaySheetKind::OnSite, f.today()).value()),
             QStringList { r.code });
    CAMPDESK_VERIFY_OK(f.booking->checkOut(BookingFixture::desk(), r.id));
    QCOMPARE(codes(query.sheet(BookingFixture::desk(), DaySheetKind::Departures, f.today()).value()),
             QStringList { r.code });
    QCOMPARE(codes(query.sheet(BookingFixture::desk(), DaySheetKind::Departures, r.checkOut).value()), QStringList());
    QCOMPARE(codes(query.sheet(BookingFixture::desk(), DaySheetKind::OnSite, f.today()).value()), QStringList());
    QCOMPARE(codes(query.sheet(BookingFixture::desk(), DaySheetKind::OnSite, f.today().addDays(1)).value()),
             QStringList());
}

void TestGuestDetails::cashUpMatchesThePaymentsTable()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    const QList<Campsite> sites { f.addSite(QStringLiteral("A-01"), 40000), f.addSite(QStringLiteral("A-02"), 30000),
                                  f.addSite(QStringLiteral("A-03"), 25000), f.addSite(QStringLiteral("A-04"), 50000) };
    qint64 staffId = 0;
    CAMPDESK_VERIFY_OK(f.db().write([&](Transaction& tx) -> Status {
        SqlRows q = tx.exec(QStringLiteral("INSERT INTO users (username, display_name, role, password_hash, salt, "
                                           "iterations, created_at, updated_at) VALUES ('jisoo', 'Jisoo', "
                                           "'frontdesk', 'h', 's', 1, 0, 0) RETURNING id"));
        q.next();
        staffId = q.value(0).toLongLong();
        return {};
    }));
    const Actor jisoo { staffId, QStringLiteral("jisoo"), Role::FrontDesk };

    // Yesterday: one card payment, which today's cash-up leaves out.
    f.clock.advanceSecs(-24 * 3600);
    const Reservation yesterday = f.book(f.request(sites[3], 10, 1), jisoo);
    f.clock.advanceSecs(24 * 3600);
    // Today: by the gateway (terminal), in cash and on the card machine at the desk, one from the kiosk; one cash
    // booking cancelled (refunded) the same day.
    const Reservation card = f.book(f.request(sites[0], 10, 2), jisoo);
    Result<Reservation> cash
        = f.booking->book(jisoo, f.request(sites[1], 10, 1, QStringLiteral("010-3000-0001"), QStringLiteral("Cash")),
                          f.deskPayment, QStringLiteral("cash"));
    CAMPDESK_VERIFY_OK(cash);
    Result<Reservation> machine
        = f.booking->book(jisoo, f.request(sites[2], 10, 1, QStringLiteral("010-3000-0002"), QStringLiteral("Machine")),
                          f.deskPayment, QStringLiteral("desk_card"));
    CAMPDESK_VERIFY_OK(machine);
    const Reservation kiosk = f.book(
        f.request(sites[1], 20, 1, QStringLiteral("010-3000-0003"), QStringLiteral("Kiosk")), BookingFixture::kiosk());
    CancelRequest cancel;
    cancel.reservationId = cash->id;
    cancel.reason = QStringLiteral("customer");
    Result<Reservation> cancelled = f.booking->cancel(jisoo, cancel);
    CAMPDESK_VERIFY_OK(cancelled);
    QVERIFY(cancelled->refundAmount > 0);

    DaySheetQuery query(f.db());
    Result<CashUp> today = query.cashUp(BookingFixture::desk(), f.today());
    CAMPDESK_VERIFY_OK(today);
    // What the bookings paid, line by line.
    auto line = [&](const QString& provider, const QString& method, const QString& staff) -> CashUpLine {
        for (const CashUpLine& l : today->lines) {
            if (l.provider == provider && l.method == method && l.staff == staff)
                return l;
        }
        return CashUpLine { QStringLiteral("missing") };
    };
    QCOMPARE(line(QStringLiteral("simulated"), QStringLiteral("card"), QStringLiteral("jisoo")).taken, card.amount);
    QCOMPARE(line(QStringLiteral("desk"), QStringLiteral("cash"), QStringLiteral("jisoo")).taken, cash->amount);
    QCOMPARE(line(QStringLiteral("desk"), QStringLiteral("cash"), QStringLiteral("jisoo")).refunded,
             cancelled->refundAmount);
    QCOMPARE(line(QStringLiteral("desk"), QStringLiteral("desk_card"), QStringLiteral("jisoo")).taken, machine->amount);
    QCOMPARE(line(QStringLiteral("simulated"), QStringLiteral("card"), QString()).taken, kiosk.amount);
    QCOMPARE(today->lines.size(), 4);
    QCOMPARE(today->taken(), card.amount + cash->amount + machine->amount + kiosk.amount);
    QCOMPARE(today->refunded(), cancelled->refundAmount);
    QCOMPARE(today->net(), today->taken() - today->refunded());

    // The same totals straight from the payments table.
    const auto [from, to] = DaySheetQuery::dayRangeMs(f.today());
    QCOMPARE(today->taken(),
             scalar(f.db(),
                    QStringLiteral(
                        "SELECT COALESCE(SUM(amount), 0) FROM payments WHERE approved_at >= ? AND approved_at < ?"),
                    { from, to }));
    QCOMPARE(today->refunded(),
             scalar(f.db(),
                    QStringLiteral("SELECT COALESCE(SUM(refund_amount), 0) FROM payments WHERE cancelled_at >= ? "
                                   "AND cancelled_at < ?"),
                    { from, to }));

    Result<CashUp> before = query.cashUp(BookingFixture::desk(), f.today().addDays(-1));
    CAMPDESK_VERIFY_OK(before);
    QCOMPARE(before->taken(), yesterday.amount);
    QCOMPARE(before->refunded(), 0);
}

// Two members of staff: one books with a deposit, the other takes the balance at check-in; a manager cancels a
// booking the first one made. Each is credited with the money they took or gave back, not the booking's creator.
void TestGuestDetails::cashUpCreditsWhoeverTookTheMoney()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    const Campsite a = f.addSite(QStringLiteral("A-01"), 40000);
    const Campsite b = f.addSite(QStringLiteral("A-02"), 30000);
    auto addUser = [&](const QString& name, const QString& role) -> Actor {
        qint64 id = 0;
        Status added = f.db().write([&](Transaction& tx) -> Status {
            SqlRows q = tx.exec(QStringLiteral("INSERT INTO users (username, display_name, role, password_hash, salt, "
                                               "iterations, created_at, updated_at) VALUES (?, ?, ?, 'h', 's', 1, 0, "
                                               "0) RETURNING id"),
                                { name, name, role });
            q.next();
            id = q.value(0).toLongLong();
            return {};
        });
        return Actor { added.ok() ? id : -1, name, roleFromName(role).value_or(Role::Kiosk) };
    };
    const Actor jisoo = addUser(QStringLiteral("jisoo"), QStringLiteral("frontdesk"));
    const Actor minho = addUser(QStringLiteral("minho"), QStringLiteral("frontdesk"));
    const Actor boss = addUser(QStringLiteral("boss"), QStringLiteral("manager"));
    QVERIFY(jisoo.userId > 0 && minho.userId > 0 && boss.userId > 0);
    DepositRule rule;
    rule.mode = DepositRule::Mode::Percent;
    rule.percent = 30;
    CAMPDESK_VERIFY_OK(DepositSettings(f.db()).set(BookingFixture::manager(), rule));

    // Jisoo books tonight with a 30 % deposit in cash; Minho takes the balance in cash at check-in.
    BookingRequest request = f.request(a, 0, 2);
    request.deposit = true;
    Result<Reservation> booked = f.booking->book(jisoo, request, f.deskPayment, QStringLiteral("cash"));
    CAMPDESK_VERIFY_OK(booked);
    QCOMPARE(booked->amount, qint64(24000));
    QCOMPARE(booked->balanceDue, qint64(56000));
    BalanceService balances(*f.booking);
    Result<Reservation> in = balances.payAndCheckIn(minho, booked->id, f.deskPayment, QStringLiteral("cash"));
    CAMPDESK_VERIFY_OK(in);
    QCOMPARE(in->status, ReservationStatus::CheckedIn);
    // Jisoo books another stay in full; the manager cancels it (a refund by the rule).
    Result<Reservation> other = f.booking->book(jisoo, f.request(b, 20, 1, QStringLiteral("010-3000-0009")),
                                                f.deskPayment, QStringLiteral("cash"));
    CAMPDESK_VERIFY_OK(other);
    CancelRequest cancel;
    cancel.reservationId = other->id;
    cancel.reason = QStringLiteral("customer");
    Result<Reservation> cancelled = f.booking->cancel(boss, cancel);
    CAMPDESK_VERIFY_OK(cancelled);
    QVERIFY(cancelled->refundAmount > 0);

    Result<CashUp> today = DaySheetQuery(f.db()).cashUp(BookingFixture::desk(), f.today());
    CAMPDESK_VERIFY_OK(today);
    auto line = [&](const QString& staff) -> CashUpLine {
        for (const CashUpLine& l : today->lines) {
            if (l.provider == QLatin1String("desk") && l.method == QLatin1String("cash") && l.staff == staff)
                return l;
        }
        CashUpLine missing;
        missing.provider = QStringLiteral("missing");
        return missing;
    };
    QCOMPARE(line(QStringLiteral("jisoo")).taken, qint64(24000) + other->amount);
    QCOMPARE(line(QStringLiteral("jisoo")).takenCount, 2);
    QCOMPARE(line(QStringLiteral("jisoo")).refunded, qint64(0));
    QCOMPARE(line(QStringLiteral("minho")).taken, qint64(56000));
    QCOMPARE(line(QStringLiteral("minho")).takenCount, 1);
    QCOMPARE(line(QStringLiteral("boss")).taken, qint64(0));
    QCOMPARE(line(QStringLiteral("boss")).refunded, cancelled->refundAmount);
    QCOMPARE(today->lines.size(), 3);
    QCOMPARE(today->taken(), qint64(80000) + other->amount);
    QCOMPARE(scalar(f.db(), QStringLiteral("SELECT count(*) FROM payments WHERE taken_by IS NULL")), qint64(0));
}

void TestGuestDetails::onlyStaffSeeTheSheets()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    DaySheetQuery query(f.db());
    Result<QList<DaySheetRow>> sheet = query.sheet(BookingFixture::kiosk(), DaySheetKind::Arrivals, f.today());
    QVERIFY(!sheet.ok());
    QCOMPARE(sheet.error().code, ErrorCode::Forbidden);
    Result<CashUp> cash = query.cashUp(BookingFixture::kiosk(), f.today());
    QVERIFY(!cash.ok());
    QCOMPARE(cash.error().code, ErrorCode::Forbidden);
    QVERIFY(!query.sheet(BookingFixture::desk(), DaySheetKind::Arrivals, QDate()).ok());
}

CAMPDESK_DB_TEST_MAIN(TestGuestDetails)
#include "tst_guestdetails.moc"
