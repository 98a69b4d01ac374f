// What a running terminal starts in the background (TerminalRuntime, the composition root's one call), on both
// databases: a booking written by another terminal arrives on this terminal's bus within a second and wakes the
// notification thread, which sends its e-mail to a real SMTP server over the channel the settings configure; the
// timer releases an expired hold; the heartbeat is written; only configured channels run; stop() is clean.
#include "bookingfixture.h"
#include "notificationfixture.h"
#include "ops/appcontext.h"
#include "ops/terminalruntime.h"
#include "smtptestserver.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

namespace {

QVariant scalar(Database& db, const QString& sql, const QVariantList& args = {})
{
    Result<QVariant> r = db.read([&](SqlSession& s) -> Result<QVariant> { return s.scalar(sql, args); });
    return r.ok() ? r.value() : QVariant();
}

// This terminal ("kiosk-1": its own connection, bus and services, on the fixture's clock) next to the fixture's
// connection, which plays another terminal.
struct Terminal
{
    explicit Terminal(BookingFixture& f)
    {
        Database::Options options;
        options.terminal = QStringLiteral("kiosk-1");
        options.clock = &f.clock;
        std::unique_ptr<Database> db = f.t->openAnother(options);
        if (db)
            context = AppContext::build(std::move(db));
        settings = TerminalSettings::createTemporary();
        configured = settings->setValue(TerminalSettings::Key::TerminalName, QStringLiteral("kiosk-1")).ok()
            && settings->setValue(TerminalSettings::Key::Kind, QStringLiteral("kiosk")).ok();
    }
    bool ok() const { return context && configured; }
    TerminalRuntime::Options options() const
    {
        TerminalRuntime::Options o;
        o.expireHoldsIntervalMs = 100;
        o.feedPollMs = 50;
        o.notificationPollMs = 60 * 1000; // only a wake-up can send within the test's time
        o.operations.backupFolder = backups.path();
        return o;
    }
    std::unique_ptr<AppContext> context;
    std::unique_ptr<TerminalSettings> settings;
    bool configured = false;
    QTemporaryDir backups;
};

} // namespace

class TestTerminalRuntime : public QObject
{
    Q_OBJECT
private slots:
    void otherTerminalsBookingArrivesAndItsEmailIsSent();
    void expiredHoldIsReleasedByTheTimer();
    void onlyConfiguredChannelsRun();
    void plainChannelsToOtherMachinesAreNotUsed();
};

void TestTerminalRuntime::otherTerminalsBookingArrivesAndItsEmailIsSent()
{
    BookingFixture f;
    QVERIFY(f.ok());
    Terminal here(f);
    QVERIFY(here.ok());
    SmtpTestServer smtp;
    QVERIFY(smtp.start());
    CAMPDESK_VERIFY_OK(here.settings->setValue(TerminalSettings::Key::SmtpHost, QStringLiteral("127.0.0.1")));
    CAMPDESK_VERIFY_OK(here.settings->setValue(TerminalSettings::Key::SmtpPort, smtp.port()));
    CAMPDESK_VERIFY_OK(here.settings->setValue(TerminalSettings::Key::SmtpTls, QStringLiteral("none")));

    TerminalRuntime runtime(*here.context, *here.settings, TerminalRuntime::Secrets(), here.options());
    QCOMPARE(runtime.start(), QStringList());
    QVERIFY(runtime.notifications());
    QTRY_VERIFY(runtime.notifications()->worker()->isReady());
    QCOMPARE(runtime.operations().dailyBackup(), nullptr); // a kiosk leaves the backups to the office
    QCOMPARE(scalar(*here.context->db, QStringLiteral("SELECT kind FROM terminals WHERE name = ?"),
                    { QStringLiteral("kiosk-1") })
                 .toString(),
             QStringLiteral("kiosk"));

    QSignalSpy confirmed(&here.context->bus(), &EventBus::reservationConfirmed);
    QSignalSpy sent(&here.context->bus(), &EventBus::confirmMsgSent);
    QElapsedTimer clock;
    clock.start();
    CAMPDESK_VERIFY_OK(writeBookings(f.db(), 1, 1, emailOnlyGuest)); // on the other terminal's connection
    QTRY_COMPARE_WITH_TIMEOUT(confirmed.count(), 1, 1000);
    qInfo("the other terminal's booking arrived after %lld ms", clock.elapsed());
    QCOMPARE(confirmed.first().first().value<DomainEvent>().origin, f.db().terminal());
    QTRY_COMPARE_WITH_TIMEOUT(smtp.messages().size(), 1, 10000);
    QCOMPARE(smtp.messages().first().value(QStringLiteral("to")).toString().contains(QLatin1String("guest1")), true);
    QTRY_COMPARE(sent.count(), 1);

    runtime.stop();
    QVERIFY(!runtime.feed().isListening());
    CAMPDESK_VERIFY_OK(writeBookings(f.db(), 2, 1, emailOnlyGuest));
    QTest::qWait(500);
    QCOMPARE(confirmed.count(), 1); // stopped: nothing arrives, nothing is sent
    QCOMPARE(smtp.messages().size(), 1);
}

void TestTerminalRuntime::expiredHoldIsReleasedByTheTimer()
{
    BookingFixture f;
    QVERIFY(f.ok());
    Terminal here(f);
    QVERIFY(here.ok());
    const Campsite site = f.addSite(QStringLiteral("A-1"));
    Result<Reservation> held = f.booking->hold(BookingFixture::kiosk(), f.request(site, 3, 2));
    CAMPDESK_VERIFY_OK(held);

    TerminalRuntime runtime(*here.context, *here.settings, TerminalRuntime::Secrets(), here.options());
    QCOMPARE(runtime.start(), QStringList());
    QVERIFY(!runtime.notifications()); // no channel configured: the outbox waits
    QVERIFY(runtime.holdTimer().isActive());
    QSignalSpy released(&here.context->bus(), &EventBus::holdReleased);
    QTest::qWait(300);
    QCOMPARE(released.count(), 0); // not yet expired
    const QString statusSql = QStringLiteral("SELECT status FROM reservations WHERE id = ?");
    QCOMPARE(scalar(f.db(), statusSql, { held->id }).toString(), QStringLiteral("held"));

    f.clock.advanceSecs(11 * 60);
    QTRY_COMPARE_WITH_TIMEOUT(released.count(), 1, 2000);
    QCOMPARE(scalar(f.db(), statusSql, { held->id }).toString(), QStringLiteral("expired"));
}

void TestTerminalRuntime::onlyConfiguredChannelsRun()
{
    std::unique_ptr<TerminalSettings> settings = TerminalSettings::createTemporary();
    const TerminalRuntime::Secrets secrets { QStringLiteral("pw"), QByteArrayLiteral("Bearer t") };
    QVERIFY(!TerminalRuntime::channelFactory(*settings, secrets));

    CAMPDESK_VERIFY_OK(settings->setValue(TerminalSettings::Key::WebhookUrl, QStringLiteral("http://127.0.0.1:9/h")));
    NotificationWorker::ChannelFactory webhookOnly = TerminalRuntime::channelFactory(*settings, secrets);
    QVERIFY(webhookOnly);
    std::vector<std::unique_ptr<NotificationChannel>> channels = webhookOnly();
    QCOMPARE(channels.size(), size_t(1));
    QCOMPARE(channels.front()->name(), QStringLiteral("webhook"));

    CAMPDESK_VERIFY_OK(settings->setValue(TerminalSettings::Key::SmtpHost, QStringLiteral("mail.example.com")));
    channels = TerminalRuntime::channelFactory(*settings, secrets)();
    QCOMPARE(channels.size(), size_t(2));
    QCOMPARE(channels.front()->name(), QStringLiteral("email"));
}

void TestTerminalRuntime::plainChannelsToOtherMachinesAreNotUsed()
{
    // Channels are only built here, never connected: no traffic leaves this machine.
    std::unique_ptr<TerminalSettings> settings = TerminalSettings::createTemporary();
    const TerminalRuntime::Secrets secrets { QStringLiteral("pw"), QByteArrayLiteral("Bearer t") };
    CAMPDESK_VERIFY_OK(
        settings->setValue(TerminalSettings::Key::WebhookUrl, QStringLiteral("http://sms.campground.example/send")));
    CAMPDESK_VERIFY_OK(settings->setValue(TerminalSettings::Key::SmtpHost, QStringLiteral("mail.campground.example")));
    CAMPDESK_VERIFY_OK(settings->setValue(TerminalSettings::Key::SmtpTls, QStringLiteral("none")));
    QVERIFY(!TerminalRuntime::channelFactory(*settings, secrets)); // both would send in clear text

    // Encrypted e-mail is used; the plain webhook still is not.
    CAMPDESK_VERIFY_OK(settings->setValue(TerminalSettings::Key::SmtpTls, QStringLiteral("starttls")));
    std::vector<std::unique_ptr<NotificationChannel>> channels = TerminalRuntime::channelFactory(*settings, secrets)();
    QCOMPARE(channels.size(), size_t(1));
    QCOMPARE(channels.front()->name(), QStringLiteral("email"));

    // Allowed explicitly: both.
    CAMPDESK_VERIFY_OK(settings->setValue(TerminalSettings::Key::SmtpTls, QStringLiteral("none")));
    CAMPDESK_VERIFY_OK(settings->setValue(TerminalSettings::Key::AllowPlainConnections, QStringLiteral("true")));
    channels = TerminalRuntime::channelFactory(*settings, secrets)();
    QCOMPARE(channels.size(), size_t(2));
}

CAMPDESK_DB_TEST_MAIN(TestTerminalRuntime)
#include "tst_terminalruntime.moc"
