// CampsiteService on both databases: rules, roles, events after commit, delete-or-retire, bad input.
#include "core/eventbus.h"
#include "domain/campsiteservice.h"
#include "testdatabase.h"

#include <QSignalSpy>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

namespace {
Actor manager()
{
    return Actor { 1, QStringLiteral("manager"), Role::Manager };
}

Campsite pineGrove()
{
    Campsite c;
    c.code = QStringLiteral(" a-07 ");
    c.name = QStringLiteral("Pine Grove");
    c.kind = CampsiteKind::AutoCamping;
    c.zone = QStringLiteral("A");
    c.maxGuests = 4;
    c.nightlyPrice = 45000;
    c.weekendPrice = 60000;
    c.amenities = { QStringLiteral("electricity"), QStringLiteral(" water "), QStringLiteral("electricity") };
    return c;
}
} // namespace

class TestCampsites : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void registerStoresNormalizedCampsiteWithEventAndAudit();
    void badInputIsRefusedAndChangesNothing_data();
    void badInputIsRefusedAndChangesNothing();
    void koreanEmojiAndSqlTextAreKeptVerbatim();
    void duplicateCodeIsAConflict();
    void onlyManagersMayChangeCampsites();
    void modifyBumpsVersionAndRefusesStaleEdits();
    void removeDeletesWithoutHistoryAndRetiresWithHistory();
    void weekendPriceAppliesToFridayAndSaturdayNights();

private:
    std::unique_ptr<EventBus> m_bus;
    std::unique_ptr<TestDatabase> m_t;
    std::unique_ptr<CampsiteService> m_service;
};

void TestCampsites::init()
{
    m_bus = std::make_unique<EventBus>();
    Database::Options options;
    options.bus = m_bus.get();
    m_t = std::make_unique<TestDatabase>(options);
    QVERIFY2(m_t->ok(), qPrintable(m_t->errorMessage()));
    m_service = std::make_unique<CampsiteService>(m_t->db());
}

void TestCampsites::cleanup()
{
    m_service.reset();
    m_t.reset();
    m_bus.reset();
}

void TestCampsites::registerStoresNormalizedCampsiteWithEventAndAudit()
{
    QSignalSpy registered(m_bus.get(), &EventBus::campsiteRegistered);
    Result<Campsite> created = m_service->registerCampsite(manager(), pineGrove());
    CAMPDESK_VERIFY_OK(created);
    QCOMPARE(created->code, QStringLiteral("A-07"));
    QCOMPARE(created->amenities, (QStringList { QStringLiteral("electricity"), QStringLiteral("water") }));
    QCOMPARE(created->version, 1);

    Result<Campsite> loaded = m_service->get(created->id);
    CAMPDESK_VERIFY_OK(loaded);
    QCOMPARE(loaded->name, QStringLiteral("Pine Grove"));
    QCOMPARE(loaded->kind, CampsiteKind::AutoCamping);
    QCOMPARE(loaded->weekendPrice, 60000);
    QCOMPARE(loaded->amenities, created->amenities);

    QCOMPARE(registered.count(), 1);
    const DomainEvent event = registered.at(0).at(0).value<DomainEvent>();
    QCOMPARE(event.aggregateId, created->id);
    QCOMPARE(event.payload.value(QStringLiteral("code")).toString(), QStringLiteral("A-07"));
    QCOMPARE(m_t->count(QStringLiteral("domain_events"), QStringLiteral("type = 'CampsiteRegistered'")), 1);
    QCOMPARE(m_t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'campsite.register' AND user_id = 1")),
             1);
    QCOMPARE(m_t->count(QStringLiteral("campsite_status")), 1); // the read model knows the new site
}

void TestCampsites::badInputIsRefusedAndChangesNothing_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("maxGuests");
    QTest::addColumn<qint64>("nightly");
    QTest::addColumn<qint64>("weekend");
    QTest::addColumn<QString>("messagePart");

    const QString name = QStringLiteral("Riverside");
    QTest::newRow("empty code") << "code"
                                << "" << name << 4 << qint64(1000) << qint64(0) << "required";
    QTest::newRow("code with spaces") << "code"
                                      << "A 07" << name << 4 << qint64(1000) << qint64(0) << "16 letters";
    QTest::newRow("code too long") << "code"
                                   << "A-0123456789ABCDEF" << name << 4 << qint64(1000) << qint64(0) << "16 letters";
    QTest::newRow("code with SQL") << "code"
                                   << "A'; DROP TABLE campsites;--" << name << 4 << qint64(1000) << qint64(0)
                                   << "16 letters";
    QTest::newRow("empty name") << "name"
                                << "B-01"
                                << "   " << 4 << qint64(1000) << qint64(0) << "required";
    QTest::newRow("overlong name") << "name"
                                   << "B-01" << QString(61, QLatin1Char('x')) << 4 << qint64(1000) << qint64(0)
                                   << "at most 60";
    QTest::newRow("control character") << "name"
                                       << "B-01" << QStringLiteral("Bad\x01Name") << 4 << qint64(1000) << qint64(0)
                                       << "cannot be used";
    QTest::newRow("no guests") << "maxGuests"
                               << "B-01" << name << 0 << qint64(1000) << qint64(0) << "between 1 and 50";
    QTest::newRow("too many guests") << "maxGuests"
                                     << "B-01" << name << 51 << qint64(1000) << qint64(0) << "between 1 and 50";
    QTest::newRow("negative price") << "nightlyPrice"
                                    << "B-01" << name << 4 << qint64(-1) << qint64(0) << "negative";
    QTest::newRow("free night") << "nightlyPrice"
                                << "B-01" << name << 4 << qint64(0) << qint64(0) << "more than 0";
    QTest::newRow("absurd price") << "nightlyPrice"
                                  << "B-01" << name << 4 << qint64(100'000'001) << qint64(0) << "too large";
    QTest::newRow("negative weekend price") << "weekendPrice"
                                            << "B-01" << name << 4 << qint64(1000) << qint64(-5) << "negative";
}

void TestCampsites::badInputIsRefusedAndChangesNothing()
{
    QFETCH(QString, field);
    QFETCH(QString, code);
    QFETCH(QString, name);
    QFETCH(int, maxGuests);
    QFETCH(qint64, nightly);
    QFETCH(qint64, weekend);
    QFETCH(QString, messagePart);

    Campsite c;
    c.code = code;
    c.name = name;
    c.maxGuests = maxGuests;
    c.nightlyPrice = nightly;
    c.weekendPrice = weekend;
    QSignalSpy events(m_bus.get(), &EventBus::published);
    Result<Campsite> created = m_service->registerCampsite(manager(), c);
    QVERIFY(!created.ok());
    QCOMPARE(created.error().code, ErrorCode::Invalid);
    QCOMPARE(created.error().field, field);
    QVERIFY2(created.error().message.contains(messagePart), qPrintable(created.error().message));
    QCOMPARE(m_t->count(QStringLiteral("campsites")), 0);
    QCOMPARE(m_t->count(QStringLiteral("domain_events")), 0);
    QCOMPARE(m_t->count(QStringLiteral("audit_log")), 0);
    QCOMPARE(events.count(), 0);
    QVERIFY(!CampsiteService::validate(c).ok()); // the same rule the editor dialog uses
}

void TestCampsites::koreanEmojiAndSqlTextAreKeptVerbatim()
{
    Campsite c = pineGrove();
    c.name = QStringLiteral("솔밭 글램핑 🏕️ 'A'; --");
    c.description = QStringLiteral("강가 바로 앞.\n\"조용한\" 자리 — 50% 할인? _no_ \\ escapes");
    c.amenities = { QStringLiteral("전기"), QStringLiteral("개수대 🚰") };
    Result<Campsite> created = m_service->registerCampsite(manager(), c);
    CAMPDESK_VERIFY_OK(created);
    Result<Campsite> loaded = m_service->get(created->id);
    CAMPDESK_VERIFY_OK(loaded);
    QCOMPARE(loaded->name, c.name);
    QCOMPARE(loaded->description, c.description.trimmed());
    QCOMPARE(loaded->amenities, c.amenities);

    // A 60-character limit counts what a person sees: 60 emoji fit, 61 do not.
    c.code = QStringLiteral("E-01");
    c.name = QString();
    for (int i = 0; i < 60; ++i)
        c.name += QStringLiteral("🏕️");
    CAMPDESK_VERIFY_OK(m_service->registerCampsite(manager(), c));
    c.code = QStringLiteral("E-02");
    c.name += QStringLiteral("🏕️");
    QVERIFY(!m_service->registerCampsite(manager(), c).ok());
}

void TestCampsites::duplicateCodeIsAConflict()
{
    CAMPDESK_VERIFY_OK(m_service->registerCampsite(manager(), pineGrove()));
    Campsite again = pineGrove();
    again.name = QStringLiteral("Another");
    again.code = QStringLiteral("A-07");
    Result<Campsite> second = m_service->registerCampsite(manager(), again);
    QVERIFY(!second.ok());
    QCOMPARE(second.error().code, ErrorCode::Conflict);
    QVERIFY(second.error().message.contains(QLatin1String("A-07")));
    QCOMPARE(m_t->count(QStringLiteral("campsites")), 1);
    QCOMPARE(m_t->count(QStringLiteral("domain_events")), 1);
}

void TestCampsites::onlyManagersMayChangeCampsites()
{
    Result<Campsite> created = m_service->registerCampsite(manager(), pineGrove());
    CAMPDESK_VERIFY_OK(created);
    for (const Actor& actor : { Actor { 2, QStringLiteral("desk"), Role::FrontDesk }, Actor::kiosk() }) {
        Result<Campsite> registered = m_service->registerCampsite(actor, pineGrove());
        QVERIFY(!registered.ok());
        QCOMPARE(registered.error().code, ErrorCode::Forbidden);
        Campsite changed = created.value();
        changed.name = QStringLiteral("Renamed");
        QCOMPARE(m_service->modify(actor, changed).error().code, ErrorCode::Forbidden);
        QCOMPARE(m_service->remove(actor, created->id).error().code, ErrorCode::Forbidden);
    }
    QCOMPARE(m_service->get(created->id)->name, QStringLiteral("Pine Grove"));
    QCOMPARE(m_t->count(QStringLiteral("domain_events")), 1);
    // Everyone may look.
    Result<QList<Campsite>> all = m_service->list();
    CAMPDESK_VERIFY_OK(all);
    QCOMPARE(all->size(), 1);
}

void TestCampsites::modifyBumpsVersionAndRefusesStaleEdits()
{
    Result<Campsite> created = m_service->registerCampsite(manager(), pineGrove());
    CAMPDESK_VERIFY_OK(created);
    QSignalSpy modified(m_bus.get(), &EventBus::campsiteModified);

    Campsite first = created.value();
    first.nightlyPrice = 50000;
    first.status = CampsiteStatus::Maintenance;
    Result<Campsite> saved = m_service->modify(manager(), first);
    CAMPDESK_VERIFY_OK(saved);
    QCOMPARE(saved->version, 2);
    QCOMPARE(modified.count(), 1);

    Campsite stale = created.value(); // still version 1: someone else's older copy
    stale.name = QStringLiteral("Stale edit");
    Result<Campsite> refused = m_service->modify(manager(), stale);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Conflict);
    Result<Campsite> now = m_service->get(created->id);
    QCOMPARE(now->name, QStringLiteral("Pine Grove"));
    QCOMPARE(now->nightlyPrice, 50000);
    QCOMPARE(now->status, CampsiteStatus::Maintenance);
    QCOMPARE(modified.count(), 1);

    Campsite gone = saved.value();
    gone.id = 999999;
    QCOMPARE(m_service->modify(manager(), gone).error().code, ErrorCode::NotFound);
}

void TestCampsites::removeDeletesWithoutHistoryAndRetiresWithHistory()
{
    Result<Campsite> fresh = m_service->registerCampsite(manager(), pineGrove());
    CAMPDESK_VERIFY_OK(fresh);
    Result<CampsiteService::Removal> removed = m_service->remove(manager(), fresh->id);
    CAMPDESK_VERIFY_OK(removed);
    QCOMPARE(removed.value(), CampsiteService::Removal::Deleted);
    QCOMPARE(m_t->count(QStringLiteral("campsites")), 0);
    QCOMPARE(m_t->count(QStringLiteral("campsite_status")), 0);

    Campsite used = pineGrove();
    used.code = QStringLiteral("B-01");
    Result<Campsite> withHistory = m_service->registerCampsite(manager(), used);
    CAMPDESK_VERIFY_OK(withHistory);
    // A past, checked-out stay: history that must be kept.
    CAMPDESK_VERIFY_OK(m_t->db().write([&](Transaction& tx) -> Status {
        const qint64 customer = tx.insert(QStringLiteral("INSERT INTO customers (name, phone, created_at, updated_at) "
                                                         "VALUES ('Kim', '01012345678', 0, 0) RETURNING id"));
        tx.exec(QStringLiteral("INSERT INTO reservations (code, campsite_id, customer_id, check_in, check_out, guests, "
                               "status, amount, channel, order_id, created_at, updated_at) VALUES ('CD-OLD001', ?, ?, "
                               "'2020-05-01', '2020-05-03', 2, 'checked_out', 90000, 'desk', 'order-old-1', 0, 0)"),
                { withHistory->id, customer });
        return {};
    }));
    QSignalSpy deleted(m_bus.get(), &EventBus::campsiteDeleted);
    Result<CampsiteService::Removal> retired = m_service->remove(manager(), withHistory->id);
    CAMPDESK_VERIFY_OK(retired);
    QCOMPARE(retired.value(), CampsiteService::Removal::Retired);
    QCOMPARE(m_service->get(withHistory->id)->status, CampsiteStatus::Retired);
    QCOMPARE(deleted.count(), 1);
    QVERIFY(deleted.at(0).at(0).value<DomainEvent>().payload.value(QStringLiteral("retired")).toBool());
    QCOMPARE(m_service->list(false)->size(), 0);
    QCOMPARE(m_service->list(true)->size(), 1);
    QCOMPARE(m_service->remove(manager(), withHistory->id).error().code, ErrorCode::Conflict); // already retired
    QCOMPARE(m_service->remove(manager(), 424242).error().code, ErrorCode::NotFound);
}

void TestCampsites::weekendPriceAppliesToFridayAndSaturdayNights()
{
    Campsite c = pineGrove();
    QCOMPARE(c.priceFor(QDate(2026, 11, 26)), 45000); // Thursday
    QCOMPARE(c.priceFor(QDate(2026, 11, 27)), 60000); // Friday night
    QCOMPARE(c.priceFor(QDate(2026, 11, 28)), 60000); // Saturday night
    QCOMPARE(c.priceFor(QDate(2026, 11, 29)), 45000); // Sunday night
    c.weekendPrice = 0;
    QCOMPARE(c.priceFor(QDate(2026, 11, 27)), 45000);
}

CAMPDESK_DB_TEST_MAIN(TestCampsites)
#include "tst_campsites.moc"
