// CustomerService on both databases: phone normalization, find-or-create, who may change what, bad input.
#include "core/eventbus.h"
#include "domain/customerservice.h"
#include "testdatabase.h"

#include <QSignalSpy>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

namespace {
Actor desk()
{
    return Actor { 2, QStringLiteral("desk"), Role::FrontDesk };
}
Customer kim()
{
    Customer c;
    c.name = QStringLiteral("김민지");
    c.phone = QStringLiteral("010-1234-5678");
    c.email = QStringLiteral("MinJi@Example.com");
    c.language = QStringLiteral("ko");
    return c;
}
} // namespace

class TestCustomers : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void phoneNumbersAreNormalized_data();
    void phoneNumbersAreNormalized();
    void findOrCreateReusesTheSamePhone();
    void kioskCannotRenameSomeoneByTypingTheirNumber();
    void badInputIsRefusedAndChangesNothing_data();
    void badInputIsRefusedAndChangesNothing();
    void kioskMayNotEditCustomers();
    void searchTreatsWildcardsLiterally();
    void staffNotesAreKeptAndChecked();

private:
    std::unique_ptr<EventBus> m_bus;
    std::unique_ptr<TestDatabase> m_t;
    std::unique_ptr<CustomerService> m_service;
};

void TestCustomers::init()
{
    m_bus = std::make_unique<EventBus>();
    Database::Options options;
    options.bus = m_bus.get();
    m_t = std::make_unique<TestDatabase>(options);
    QVERIFY2(m_t->ok(), qPrintable(m_t->errorMessage()));
    m_service = std::make_unique<CustomerService>(m_t->db());
}

void TestCustomers::cleanup()
{
    m_service.reset();
    m_t.reset();
    m_bus.reset();
}

void TestCustomers::phoneNumbersAreNormalized_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected"); // empty: refused
    QTest::newRow("dashes") << "010-1234-5678"
                            << "01012345678";
    QTest::newRow("spaces") << " 010 1234 5678 "
                            << "01012345678";
    QTest::newRow("international") << "+82 10-1234-5678"
                                   << "01012345678";
    QTest::newRow("old mobile") << "011-123-4567"
                                << "0111234567";
    QTest::newRow("Seoul landline") << "02-123-4567"
                                    << "021234567";
    QTest::newRow("foreign") << "+1 555 123 4567"
                             << "";
    QTest::newRow("letters") << "010-CALL-NOW"
                             << "";
    QTest::newRow("too short") << "010-12"
                               << "";
    QTest::newRow("SQL") << "010'; DROP TABLE customers;--"
                         << "";
    QTest::newRow("full-width digits") << "０１０１２３４５６７８"
                                       << "";
    QTest::newRow("empty") << ""
                           << "";
}

void TestCustomers::phoneNumbersAreNormalized()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const std::optional<QString> normalized = CustomerService::normalizePhone(input);
    QCOMPARE(normalized.value_or(QString()), expected);
    if (!expected.isEmpty()) {
        QCOMPARE(CustomerService::normalizePhone(CustomerService::formatPhone(expected)).value_or(QString()), expected);
        QVERIFY(!CustomerService::maskPhone(expected).contains(expected.mid(3, 3)));
    }
}

void TestCustomers::findOrCreateReusesTheSamePhone()
{
    QSignalSpy registered(m_bus.get(), &EventBus::customerRegistered);
    Result<Customer> first = m_service->findOrCreate(desk(), kim());
    CAMPDESK_VERIFY_OK(first);
    QCOMPARE(first->phone, QStringLiteral("01012345678"));
    QCOMPARE(first->email, QStringLiteral("minji@example.com"));
    QCOMPARE(registered.count(), 1);
    // The event does not carry the phone number: it travels to other terminals and logs.
    QVERIFY(!registered.at(0).at(0).value<DomainEvent>().payload.contains(QStringLiteral("phone")));

    Customer again = kim();
    again.phone = QStringLiteral("+82 10 1234 5678");
    again.name = QStringLiteral("김민지 (Minji Kim)");
    Result<Customer> second = m_service->findOrCreate(desk(), again);
    CAMPDESK_VERIFY_OK(second);
    QCOMPARE(second->id, first->id);
    QCOMPARE(second->name, QStringLiteral("김민지 (Minji Kim)")); // staff may correct the name
    QCOMPARE(m_t->count(QStringLiteral("customers")), 1);
    QCOMPARE(registered.count(), 1);

    Result<std::optional<Customer>> found = m_service->findByPhone(QStringLiteral("01012345678"));
    CAMPDESK_VERIFY_OK(found);
    QVERIFY(found->has_value());
    QCOMPARE(found.value()->id, first->id);
}

void TestCustomers::kioskCannotRenameSomeoneByTypingTheirNumber()
{
    Customer original = kim();
    original.email.clear();
    CAMPDESK_VERIFY_OK(m_service->findOrCreate(desk(), original));
    Customer stranger = kim();
    stranger.name = QStringLiteral("Someone Else");
    stranger.email = QStringLiteral("else@example.com");
    stranger.language = QStringLiteral("en");
    stranger.messageConsent = true;
    Result<Customer> atKiosk = m_service->findOrCreate(Actor::kiosk(), stranger);
    CAMPDESK_VERIFY_OK(atKiosk);
    QCOMPARE(atKiosk->name, QStringLiteral("김민지"));
    QCOMPARE(atKiosk->email, QStringLiteral("else@example.com")); // filled because it was empty
    QCOMPARE(atKiosk->language, QStringLiteral("en"));
    QVERIFY(atKiosk->messageConsent);
}

void TestCustomers::badInputIsRefusedAndChangesNothing_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("phone");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("field");
    QTest::newRow("empty name") << "  "
                                << "01012345678"
                                << ""
                                << "ko"
                                << "name";
    QTest::newRow("overlong name") << QString(51, QLatin1Char('n')) << "01012345678"
                                   << ""
                                   << "ko"
                                   << "name";
    QTest::newRow("no phone") << "Kim"
                              << ""
                              << ""
                              << "ko"
                              << "phone";
    QTest::newRow("bad phone") << "Kim"
                               << "12345"
                               << ""
                               << "ko"
                               << "phone";
    QTest::newRow("bad email") << "Kim"
                               << "01012345678"
                               << "kim@"
                               << "ko"
                               << "email";
    QTest::newRow("email with SQL") << "Kim"
                                    << "01012345678"
                                    << "a'; DROP TABLE x;--@b"
                                    << "ko"
                                    << "email";
    QTest::newRow("unknown language") << "Kim"
                                      << "01012345678"
                                      << ""
                                      << "fr"
                                      << "language";
}

void TestCustomers::badInputIsRefusedAndChangesNothing()
{
    QFETCH(QString, name);
    QFETCH(QString, phone);
    QFETCH(QString, email);
    QFETCH(QString, language);
    QFETCH(QString, field);
    Customer c;
    c.name = name;
    c.phone = phone;
    c.email = email;
    c.language = language;
    Result<Customer> created = m_service->findOrCreate(desk(), c);
    QVERIFY(!created.ok());
    QCOMPARE(created.error().code, ErrorCode::Invalid);
    QCOMPARE(created.error().field, field);
    QVERIFY(!created.error().message.isEmpty());
    QCOMPARE(m_t->count(QStringLiteral("customers")), 0);
    QCOMPARE(m_t->count(QStringLiteral("domain_events")), 0);
}

void TestCustomers::kioskMayNotEditCustomers()
{
    Result<Customer> created = m_service->findOrCreate(desk(), kim());
    CAMPDESK_VERIFY_OK(created);
    Customer changed = created.value();
    changed.name = QStringLiteral("Hacked");
    QCOMPARE(m_service->modify(Actor::kiosk(), changed).error().code, ErrorCode::Forbidden);
    QCOMPARE(m_service->get(created->id)->name, QStringLiteral("김민지"));
    CAMPDESK_VERIFY_OK(m_service->modify(desk(), changed));
    QCOMPARE(m_service->get(created->id)->name, QStringLiteral("Hacked"));
}

void TestCustomers::searchTreatsWildcardsLiterally()
{
    CAMPDESK_VERIFY_OK(m_service->findOrCreate(desk(), kim()));
    Customer percent;
    percent.name = QStringLiteral("100% Camper");
    percent.phone = QStringLiteral("010-9999-0000");
    CAMPDESK_VERIFY_OK(m_service->findOrCreate(desk(), percent));

    QCOMPARE(m_service->search(QStringLiteral("%"))->size(), 1);
    QCOMPARE(m_service->search(QStringLiteral("민지"))->size(), 1);
    QCOMPARE(m_service->search(QStringLiteral("1234-5678"))->size(), 1);
    QCOMPARE(m_service->search(QString())->size(), 2);
    QCOMPARE(m_service->search(QStringLiteral("nobody"))->size(), 0);
}

// The staff's notes on a customer: saved with the details in one write, any text (Korean, emoji, quotes) kept as
// typed, over 1,000 characters refused under the field with nothing changed; the kiosk can neither read nor write them.
void TestCustomers::staffNotesAreKeptAndChecked()
{
    Result<Customer> created = m_service->findOrCreate(desk(), kim());
    CAMPDESK_VERIFY_OK(created);
    Result<QString> none = m_service->notes(desk(), created->id);
    CAMPDESK_VERIFY_OK(none);
    QCOMPARE(none.value(), QString());

    const QString notes = QStringLiteral("조용한 사이트 선호 🌲\nlikes 'quiet'; DROP TABLE customers; --");
    Customer changed = created.value();
    changed.name = QStringLiteral("김민지 (Minji)");
    CAMPDESK_VERIFY_OK(m_service->modify(desk(), changed, QStringLiteral("  ") + notes + QStringLiteral("  ")));
    QCOMPARE(m_service->notes(desk(), created->id).value(), notes);
    QCOMPARE(m_service->get(created->id)->name, QStringLiteral("김민지 (Minji)"));

    // Details without notes leave the notes alone.
    changed.email = QStringLiteral("minji@example.org");
    CAMPDESK_VERIFY_OK(m_service->modify(desk(), changed));
    QCOMPARE(m_service->notes(desk(), created->id).value(), notes);

    changed.name = QStringLiteral("Someone else");
    Result<Customer> tooLong = m_service->modify(desk(), changed, QString(1001, QLatin1Char('x')));
    QVERIFY(!tooLong.ok());
    QCOMPARE(tooLong.error().field, QStringLiteral("notes"));
    QCOMPARE(m_service->get(created->id)->name, QStringLiteral("김민지 (Minji)")); // nothing changed
    QCOMPARE(m_service->notes(desk(), created->id).value(), notes);
    Result<Customer> control = m_service->modify(desk(), changed, QStringLiteral("bell\a"));
    QVERIFY(!control.ok());
    QCOMPARE(control.error().field, QStringLiteral("notes"));

    QCOMPARE(m_service->notes(Actor::kiosk(), created->id).error().code, ErrorCode::Forbidden);
    QCOMPARE(m_service->modify(Actor::kiosk(), changed, QStringLiteral("x")).error().code, ErrorCode::Forbidden);
    QCOMPARE(m_service->notes(desk(), 999999).error().code, ErrorCode::NotFound);
}

CAMPDESK_DB_TEST_MAIN(TestCustomers)
#include "tst_customers.moc"
