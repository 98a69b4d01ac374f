// Customer notifications: templates, the outbox, the e-mail and webhook channels against real servers on
// 127.0.0.1, leases, backoff, dead letters and their retry, the worker thread, and fault isolation.
#include "bookingfixture.h"
#include "core/eventbus.h"
#include "domain/depositsettings.h"
#include "domain/extras.h"
#include "domain/notificationqueue.h"
#include "domain/notificationservice.h"
#include "notificationfixture.h"
#include "notify/emailchannel.h"
#include "notify/notificationdispatcher.h"
#include "notify/notificationthread.h"
#include "notify/webhookchannel.h"
#include "smtptestserver.h"
#include "testdatabase.h"
#include "webhooktestserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <algorithm>
#include <set>
#include <thread>

using namespace campdesk;
using namespace campdesk::test;

namespace {

int freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

EmailChannel::Settings smtpSettings(int port)
{
    EmailChannel::Settings s;
    s.port = port;
    s.fromAddress = QStringLiteral("desk@campdesk.example");
    s.fromName = QStringLiteral("캠프데스크 예약센터");
    s.timeoutMs = 10000;
    return s;
}

WebhookChannel::Settings webhookSettings(const QUrl& url)
{
    WebhookChannel::Settings s;
    s.url = url;
    s.authHeader = QByteArrayLiteral("X-Api-Key");
    s.authValue = QByteArrayLiteral("secret-123");
    s.timeoutMs = 5000;
    return s;
}

QVariant scalar(Database& db, const QString& sql, const QVariantList& binds = {})
{
    Result<QVariant> r = db.read([&](SqlSession& s) -> Result<QVariant> { return s.scalar(sql, binds); });
    return r.ok() ? r.value() : QVariant();
}

qint64 median(std::vector<qint64> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

class TestNotifications : public QObject
{
    Q_OBJECT
private slots:
    void templatesFillEveryPlaceholder();
    void queueWritesOneRowPerReachableChannel();
    void depositBalanceAndExtrasAreInTheMessages();
    void emailAndWebhookArriveIntact();
    void emailOverStartTlsAndSmtps();
    void failedSendsBackOffThenDieAndCanBeRetried();
    void permanentRejectionIsDeadAtOnce();
    void silentServersTimeOut();
    void twoDispatchersNeverSendTwice();
    void workerThreadSendsWhenWoken();
    void bookingsAndCancellationsStayFastWithChannelsDownAndNothingIsLost();
};

void TestNotifications::templatesFillEveryPlaceholder()
{
    const QHash<QString, QString> values {
        { QStringLiteral("name"), QStringLiteral("이서연") },
        { QStringLiteral("code"), QStringLiteral("CD-7K3P9Q") },
        { QStringLiteral("site"), QStringLiteral("A-3") },
        { QStringLiteral("check_in"), QStringLiteral("IN") },
        { QStringLiteral("check_out"), QStringLiteral("OUT") },
        { QStringLiteral("nights"), QStringLiteral("2") },
        { QStringLiteral("guests"), QStringLiteral("3") },
        { QStringLiteral("amount"), QStringLiteral("AMT") },
        { QStringLiteral("refund"), QStringLiteral("REF") },
        { QStringLiteral("points_used"), QStringLiteral("PU") },
        { QStringLiteral("points_earned"), QStringLiteral("PE") },
        { QStringLiteral("extras"), QStringLiteral("EXTRA") },
        { QStringLiteral("balance_lines"), QStringLiteral("BALANCE") },
    };
    for (EventType type :
         { EventType::ReservationConfirmed, EventType::ReservationCancelled, EventType::ReservationModified }) {
        for (const QString& language : { QStringLiteral("ko"), QStringLiteral("en") }) {
            const NotificationQueue::Rendered r = NotificationQueue::render(type, language, values);
            QVERIFY2(r.subject.contains(QLatin1String("CD-7K3P9Q")), qPrintable(r.subject));
            QVERIFY(!r.body.isEmpty());
            QVERIFY2(!r.body.contains(QLatin1String("{{")) && !r.subject.contains(QLatin1String("{{")),
                     qPrintable(r.body));
            for (const char* expected : { "이서연", "A-3", "IN", "OUT", "AMT", "PE" })
                QVERIFY2(r.body.contains(QString::fromUtf8(expected)), expected);
            QCOMPARE(r.body.contains(QLatin1String("PU")), type != EventType::ReservationModified);
            QCOMPARE(r.body.contains(QLatin1String("REF")), type == EventType::ReservationCancelled);
            QCOMPARE(r.body.contains(QLatin1String("EXTRA")), type != EventType::ReservationCancelled);
            QCOMPARE(r.body.contains(QLatin1String("BALANCE")), type != EventType::ReservationCancelled);
            const bool hangul = r.body.contains(QStringLiteral("예약번호"));
            QCOMPARE(hangul, language == QLatin1String("ko"));
        }
    }
    // Without a balance its line goes, leaving no blank line behind.
    QHash<QString, QString> paidInFull = values;
    paidInFull.insert(QStringLiteral("balance_lines"), QString());
    for (const QString& language : { QStringLiteral("ko"), QStringLiteral("en") }) {
        const NotificationQueue::Rendered r
            = NotificationQueue::render(EventType::ReservationConfirmed, language, paidInFull);
        QVERIFY2(!r.body.contains(QLatin1String("{{")) && !r.body.contains(QLatin1String("AMT\n\n")),
                 qPrintable(r.body));
    }
    // An unknown language falls back to Korean, the campground's language.
    QVERIFY(NotificationQueue::render(EventType::ReservationConfirmed, QStringLiteral("fr"), values)
                .subject.contains(QStringLiteral("확정")));
}

void TestNotifications::queueWritesOneRowPerReachableChannel()
{
    TestDatabase t;
    QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
    Status s = t->write([](Transaction& tx) -> Status {
        writeBooking(tx, 1); // e-mail + SMS
        writeBooking(tx, 2, Guest { QStringLiteral("Jane Doe"), QString(), QStringLiteral("en"), true }); // SMS only
        writeBooking(tx, 3, Guest { QStringLiteral("박지훈"), QString(), QStringLiteral("ko"), false }); // none
        return {};
    });
    CAMPDESK_VERIFY_OK(s);
    QCOMPARE(t.count(QStringLiteral("notifications")), 3);
    QCOMPARE(t.count(QStringLiteral("notifications"), QStringLiteral("status = 'pending' AND attempts = 0")), 3);

    NotificationService service(t.db());
    Result<QList<NotificationRecord>> all = service.list();
    CAMPDESK_VERIFY_OK(all);
    QCOMPARE(all.value().size(), 3);
    for (const NotificationRecord& n : all.value()) {
        QCOMPARE(n.event, QStringLiteral("ReservationConfirmed"));
        if (n.language == QLatin1String("ko")) {
            QVERIFY2(n.subject.contains(QStringLiteral("예약이 확정되었습니다")), qPrintable(n.subject));
            QVERIFY2(n.body.contains(QStringLiteral("52,000원")), qPrintable(n.body));
            QVERIFY2(n.body.contains(QStringLiteral("2026년 12월 24일")), qPrintable(n.body));
            QVERIFY2(n.body.contains(QStringLiteral("(2박)")), qPrintable(n.body));
            QVERIFY2(n.body.contains(QStringLiteral("적립된 마일리지: 2,600점")), qPrintable(n.body));
            QVERIFY2(n.body.contains(QStringLiteral("사용한 마일리지: 1,000점")), qPrintable(n.body));
        } else {
            QCOMPARE(n.channel, QStringLiteral("webhook"));
            QCOMPARE(n.recipient, QStringLiteral("010-5555-0002"));
            QVERIFY2(n.body.contains(QStringLiteral("Dear Jane Doe")), qPrintable(n.body));
            QVERIFY2(n.body.contains(QStringLiteral("KRW 52,000")), qPrintable(n.body));
            QVERIFY2(n.body.contains(QStringLiteral("(2 nights)")), qPrintable(n.body));
        }
    }
    // A cancellation carries the refund.
    Status cancel = t->write([](Transaction& tx) -> Status {
        writeBooking(tx, 4, Guest(), EventType::ReservationCancelled);
        return {};
    });
    CAMPDESK_VERIFY_OK(cancel);
    Result<QList<NotificationRecord>> latest = service.list(QStringLiteral("pending"), 1);
    CAMPDESK_VERIFY_OK(latest);
    QVERIFY2(latest.value().first().body.contains(QStringLiteral("환불금액: 41,600원")),
             qPrintable(latest.value().first().body));
}

// A deposit booking's confirmation says what was paid and what is due at check-in, with its extras, by e-mail and by
// SMS (the webhook) in the guest's language; a booking paid in full has no balance line.
void TestNotifications::depositBalanceAndExtrasAreInTheMessages()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    const Campsite site = f.addSite(QStringLiteral("D-01"), 40000);
    Extra firewood;
    firewood.name = QStringLiteral("장작");
    firewood.unit = QStringLiteral("unit");
    firewood.unitPrice = 10000;
    Result<Extra> saved = ExtrasService(f.db()).save(BookingFixture::manager(), firewood);
    CAMPDESK_VERIFY_OK(saved);
    DepositRule rule;
    rule.mode = DepositRule::Mode::Percent;
    rule.percent = 30;
    CAMPDESK_VERIFY_OK(DepositSettings(f.db()).set(BookingFixture::manager(), rule));

    struct Case
    {
        QString language;
        QString phone;
        bool deposit;
        QStringList expected;
        QStringList absent;
    };
    // 2 nights x 40,000 + 2 bundles x 10,000 = 100,000; 30% now.
    const QList<Case> cases {
        { QStringLiteral("en"),
          QStringLiteral("010-5555-0101"),
          true,
          { QStringLiteral("Paid: KRW 30,000"), QStringLiteral("Deposit paid: KRW 30,000 (of KRW 100,000)"),
            QStringLiteral("Balance due at check-in: KRW 70,000"), QStringLiteral("Extras: 장작 × 2 (KRW 20,000)") },
          {} },
        { QStringLiteral("ko"),
          QStringLiteral("010-5555-0102"),
          true,
          { QStringLiteral("결제금액: 30,000원"), QStringLiteral("예약금 결제: 30,000원 (총 100,000원 중)"),
            QStringLiteral("체크인 때 결제할 잔금: 70,000원"), QStringLiteral("추가 상품: 장작 × 2 (20,000원)") },
          {} },
        { QStringLiteral("en"),
          QStringLiteral("010-5555-0103"),
          false,
          { QStringLiteral("Paid: KRW 100,000\nPoints used") },
          { QStringLiteral("Balance due"), QStringLiteral("Deposit") } },
    };
    int daysAhead = 3;
    for (const Case& c : cases) {
        BookingRequest request = f.request(site, daysAhead, 2, c.phone);
        daysAhead += 3;
        request.customer.language = c.language;
        request.customer.messageConsent = true;
        request.extras = { { saved->id, 2 } };
        request.deposit = c.deposit;
        const Reservation r = f.book(request);
        QVERIFY(r.id > 0);
        QCOMPARE(r.balanceDue, c.deposit ? qint64(70000) : qint64(0));
        Result<QList<QPair<QString, QString>>> rows = f.db().read([&](SqlSession& s) {
            SqlRows q = s.exec(QStringLiteral("SELECT channel, body FROM notifications WHERE reservation_id = ? "
                                              "ORDER BY channel"),
                               { r.id });
            QList<QPair<QString, QString>> out;
            while (q.next())
                out.append({ q.value(0).toString(), q.value(1).toString() });
            return Result<QList<QPair<QString, QString>>>(out);
        });
        CAMPDESK_VERIFY_OK(rows);
        QCOMPARE(rows->size(), 2);
        QCOMPARE(rows->at(0).first, QStringLiteral("email"));
        QCOMPARE(rows->at(1).first, QStringLiteral("webhook"));
        for (const auto& [channel, body] : rows.value()) {
            for (const QString& text : c.expected)
                QVERIFY2(body.contains(text), qPrintable(channel + QLatin1String(": ") + body));
            for (const QString& text : c.absent)
                QVERIFY2(!body.contains(text), qPrintable(channel + QLatin1String(": ") + body));
            QVERIFY2(!body.contains(QLatin1String("{{")), qPrintable(body));
        }
    }
}

void TestNotifications::emailAndWebhookArriveIntact()
{
    TestDatabase t;
    QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
    SmtpTestServer smtp;
    QVERIFY(smtp.start(0, QStringLiteral("campdesk"), QStringLiteral("s3cret")));
    WebhookTestServer hook;
    QVERIFY(hook.listen());

    Result<qint64> reservation = t->write([](Transaction& tx) -> Result<qint64> { return writeBooking(tx, 1); });
    CAMPDESK_VERIFY_OK(reservation);
    Status cancelled = t->write([](Transaction& tx) -> Status {
        writeBooking(
            tx, 2,
            Guest { QStringLiteral("Jane Doe"), QStringLiteral("jane@example.com"), QStringLiteral("en"), false },
            EventType::ReservationCancelled);
        return {};
    });
    CAMPDESK_VERIFY_OK(cancelled);

    NotificationDispatcher dispatcher(t.db());
    EmailChannel::Settings mail = smtpSettings(smtp.port());
    mail.username = QStringLiteral("campdesk");
    mail.password = QStringLiteral("s3cret");
    dispatcher.addChannel(std::make_unique<EmailChannel>(mail));
    dispatcher.addChannel(std::make_unique<WebhookChannel>(webhookSettings(hook.url())));
    Result<int> claimed = dispatcher.dispatchDue();
    CAMPDESK_VERIFY_OK(claimed);
    QCOMPARE(claimed.value(), 3);

    NotificationService service(t.db());
    Result<QList<NotificationRecord>> rows = service.list();
    CAMPDESK_VERIFY_OK(rows);
    QCOMPARE(rows.value().size(), 3);
    const QList<QJsonObject> mails = smtp.messages();
    QCOMPARE(mails.size(), 2);
    QCOMPARE(hook.requests().size(), 1);
    for (const NotificationRecord& n : rows.value()) {
        QCOMPARE(n.status, QStringLiteral("sent"));
        QCOMPARE(n.attempts, 1);
        QVERIFY(n.sentAt > 0);
        if (n.channel == QLatin1String("email")) {
            QVERIFY2(n.providerResponse.startsWith(QLatin1String("250")), qPrintable(n.providerResponse));
            const auto found = std::find_if(mails.begin(), mails.end(), [&](const QJsonObject& m) {
                return m.value(QStringLiteral("notification")).toString() == QString::number(n.id);
            });
            QVERIFY(found != mails.end());
            const QJsonObject& m = *found;
            // What Python's own MIME parser decoded from our message.
            QCOMPARE(m.value(QStringLiteral("subject")).toString(), n.subject);
            QCOMPARE(m.value(QStringLiteral("body")).toString().replace(QLatin1String("\r\n"), QLatin1String("\n")),
                     n.body);
            QCOMPARE(m.value(QStringLiteral("fromName")).toString(), QStringLiteral("캠프데스크 예약센터"));
            QCOMPARE(m.value(QStringLiteral("charset")).toString(), QStringLiteral("utf-8"));
            QCOMPARE(m.value(QStringLiteral("login")).toString(), QStringLiteral("campdesk"));
            QCOMPARE(m.value(QStringLiteral("rcptTos")).toArray().first().toString(), n.recipient);
            QVERIFY(m.value(QStringLiteral("rawSubject")).toString().startsWith(QLatin1String("=?UTF-8?B?")));
            QCOMPARE(m.value(QStringLiteral("messageId")).toString(),
                     QStringLiteral("<notification-%1@campdesk.example>").arg(n.id));
            if (n.language == QLatin1String("ko"))
                QVERIFY(m.value(QStringLiteral("body")).toString().contains(QStringLiteral("솔숲 1번 사이트")));
        } else {
            const WebhookTestServer::Request& r = hook.requests().first();
            QCOMPARE(r.header("Idempotency-Key"), QByteArray::number(n.id));
            QCOMPARE(r.header("X-Api-Key"), QByteArrayLiteral("secret-123"));
            const QJsonObject json = QJsonDocument::fromJson(r.body).object();
            QCOMPARE(json.value(QStringLiteral("to")).toString(), QStringLiteral("010-5555-0001"));
            QCOMPARE(json.value(QStringLiteral("language")).toString(), QStringLiteral("ko"));
            QCOMPARE(json.value(QStringLiteral("subject")).toString(), n.subject);
            QCOMPARE(json.value(QStringLiteral("body")).toString(), n.body);
            QCOMPARE(json.value(QStringLiteral("notificationId")).toInteger(), n.id);
            QCOMPARE(json.value(QStringLiteral("event")).toString(), QStringLiteral("ReservationConfirmed"));
            QVERIFY2(n.providerResponse.contains(QLatin1String("sms-1")), qPrintable(n.providerResponse));
        }
    }
    // One ConfirmMsgSent per sent confirmation, one CancelMsgSent for the cancellation.
    QCOMPARE(t.count(QStringLiteral("domain_events"), QStringLiteral("type = 'ConfirmMsgSent'")), 2);
    QCOMPARE(t.count(QStringLiteral("domain_events"), QStringLiteral("type = 'CancelMsgSent'")), 1);
    QCOMPARE(t.count(QStringLiteral("domain_events"),
                     QStringLiteral("type = 'ConfirmMsgSent' AND aggregate_id = %1").arg(reservation.value())),
             2);

    // Nothing is sent twice: a second pass finds nothing due.
    Result<int> again = dispatcher.dispatchDue();
    CAMPDESK_VERIFY_OK(again);
    QCOMPARE(again.value(), 0);
    QCOMPARE(smtp.messages().size(), 2);
    QCOMPARE(hook.requests().size(), 1);
}

void TestNotifications::emailOverStartTlsAndSmtps()
{
    OutgoingMessage message;
    message.notificationId = 42;
    message.event = QStringLiteral("ReservationConfirmed");
    message.recipient = QStringLiteral("minsu@example.com");
    message.language = QStringLiteral("ko");
    message.subject = QStringLiteral(
        "[캠프데스크] 예약이 확정되었습니다 🏕️ 솔숲 사이트, 2박 3일, 가족 네 명, "
        "바베큐 그릴 포함");
    message.body = QStringLiteral("김민수님, 예약이 확정되었습니다.\n즐거운 캠핑 되세요! 🔥\n");

    for (SmtpTestServer::Tls mode : { SmtpTestServer::Tls::StartTls, SmtpTestServer::Tls::Smtps }) {
        SmtpTestServer smtp;
        QVERIFY(smtp.startTls(mode));
        EmailChannel::Settings settings = smtpSettings(smtp.port());
        settings.security
            = mode == SmtpTestServer::Tls::StartTls ? EmailChannel::Security::StartTls : EmailChannel::Security::Tls;
        settings.caFile = smtp.certificatePath(); // the peer is verified against the test's own CA
        const DeliveryOutcome outcome = EmailChannel(settings).send(message);
        QVERIFY2(outcome.delivered, qPrintable(outcome.response));
        QCOMPARE(smtp.messages().size(), 1);
        const QJsonObject m = smtp.messages().first();
        QVERIFY2(m.value(QStringLiteral("tls")).toBool(), QJsonDocument(m).toJson().constData());
        QCOMPARE(m.value(QStringLiteral("subject")).toString(), message.subject); // long: several encoded words
        QCOMPARE(m.value(QStringLiteral("body")).toString().replace(QLatin1String("\r\n"), QLatin1String("\n")),
                 message.body);
        QCOMPARE(m.value(QStringLiteral("notification")).toString(), QStringLiteral("42"));

        // An untrusted certificate is refused: nothing is sent.
        settings.caFile.clear();
        const DeliveryOutcome untrusted = EmailChannel(settings).send(message);
        QVERIFY(!untrusted.delivered);
        QCOMPARE(smtp.messages().size(), 1);
    }

    // STARTTLS required but the server does not offer it: no fall-back to plain text.
    SmtpTestServer plain;
    QVERIFY(plain.start());
    EmailChannel::Settings settings = smtpSettings(plain.port());
    settings.security = EmailChannel::Security::StartTls;
    const DeliveryOutcome outcome = EmailChannel(settings).send(message);
    QVERIFY(!outcome.delivered);
    QVERIFY(!outcome.permanent);
    QCOMPARE(plain.messages().size(), 0);
}

void TestNotifications::failedSendsBackOffThenDieAndCanBeRetried()
{
    ManualClock clock;
    Database::Options options;
    options.clock = &clock;
    TestDatabase t(options);
    QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
    CAMPDESK_VERIFY_OK(writeBookings(t.db(), 1, 1, [](int) { return smsOnlyGuest(); }));
    const QUrl downUrl(QStringLiteral("http://127.0.0.1:%1/hook").arg(freePort()));
    NotificationDispatcher dispatcher(t.db());
    dispatcher.addChannel(std::make_unique<WebhookChannel>(webhookSettings(downUrl)));
    const qint64 id = scalar(t.db(), QStringLiteral("SELECT id FROM notifications")).toLongLong();

    const qint64 expectedWait[] = { 30000, 60000, 120000, 240000, 480000 };
    for (int attempt = 1; attempt <= 6; ++attempt) {
        Result<int> claimed = dispatcher.dispatchDue();
        CAMPDESK_VERIFY_OK(claimed);
        QCOMPARE(claimed.value(), 1);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT attempts FROM notifications")).toInt(), attempt);
        QVERIFY(!scalar(t.db(), QStringLiteral("SELECT last_error FROM notifications")).toString().isEmpty());
        if (attempt < 6) {
            QCOMPARE(scalar(t.db(), QStringLiteral("SELECT status FROM notifications")).toString(),
                     QStringLiteral("pending"));
            const qint64 next
                = scalar(t.db(), QStringLiteral("SELECT next_attempt_at FROM notifications")).toLongLong();
            QCOMPARE(next - clock.nowMs(), expectedWait[attempt - 1]);
            // Not due yet: nothing happens before the backoff has passed.
            Result<int> early = dispatcher.dispatchDue();
            CAMPDESK_VERIFY_OK(early);
            QCOMPARE(early.value(), 0);
            clock.advanceMs(expectedWait[attempt - 1]);
        }
    }
    QCOMPARE(scalar(t.db(), QStringLiteral("SELECT status FROM notifications")).toString(), QStringLiteral("dead"));
    clock.advanceSecs(24 * 3600);
    Result<int> none = dispatcher.dispatchDue();
    CAMPDESK_VERIFY_OK(none);
    QCOMPARE(none.value(), 0);

    NotificationService service(t.db());
    Result<QList<NotificationRecord>> dead = service.list(QStringLiteral("dead"));
    CAMPDESK_VERIFY_OK(dead);
    QCOMPARE(dead.value().size(), 1);
    QCOMPARE(dead.value().first().reservationCode, QStringLiteral("CD-T00001"));
    Result<QHash<QString, qint64>> counts = service.countByStatus();
    CAMPDESK_VERIFY_OK(counts);
    QCOMPARE(counts.value().value(QStringLiteral("dead")), 1);
    QCOMPARE(counts.value().value(QStringLiteral("pending")), 0);

    // Only staff may retry; the kiosk is refused and nothing changes.
    Status kiosk = service.retry(Actor::kiosk(), id);
    QVERIFY(!kiosk.ok());
    QCOMPARE(kiosk.error().code, ErrorCode::Forbidden);
    QCOMPARE(t.count(QStringLiteral("audit_log")), 0);
    QCOMPARE(service.retry(Actor { 7, QStringLiteral("manager"), Role::Manager }, 999999).error().code,
             ErrorCode::NotFound);

    WebhookTestServer hook;
    QVERIFY(hook.listen(quint16(downUrl.port())));
    CAMPDESK_VERIFY_OK(service.retry(Actor { 0, QStringLiteral("desk"), Role::FrontDesk }, id));
    QCOMPARE(t.count(QStringLiteral("audit_log"), QStringLiteral("action = 'notification.retry' AND actor = 'desk'")),
             1);
    // A retry of something not dead is refused (it is already queued).
    QCOMPARE(service.retry(Actor { 0, QStringLiteral("desk"), Role::FrontDesk }, id).error().code, ErrorCode::Invalid);
    Result<int> delivered = dispatcher.dispatchDue();
    CAMPDESK_VERIFY_OK(delivered);
    QCOMPARE(delivered.value(), 1);
    QCOMPARE(hook.requests().size(), 1);
    Result<NotificationRecord> row = service.get(id);
    CAMPDESK_VERIFY_OK(row);
    QCOMPARE(row.value().status, QStringLiteral("sent"));
    QCOMPARE(row.value().attempts, 1);
}

void TestNotifications::permanentRejectionIsDeadAtOnce()
{
    TestDatabase t;
    QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
    CAMPDESK_VERIFY_OK(writeBookings(t.db(), 1, 1, [](int) { return smsOnlyGuest(); }));
    WebhookTestServer hook;
    QVERIFY(hook.listen());
    hook.setFailStatus(422); // the gateway will never accept this request as it is
    NotificationDispatcher dispatcher(t.db());
    dispatcher.addChannel(std::make_unique<WebhookChannel>(webhookSettings(hook.url())));
    CAMPDESK_VERIFY_OK(dispatcher.dispatchDue());
    QCOMPARE(scalar(t.db(), QStringLiteral("SELECT status FROM notifications")).toString(), QStringLiteral("dead"));
    QVERIFY(scalar(t.db(), QStringLiteral("SELECT last_error FROM notifications"))
                .toString()
                .contains(QLatin1String("422")));

    // A temporary failure (503) is retried later instead.
    CAMPDESK_VERIFY_OK(writeBookings(t.db(), 2, 1, [](int) { return smsOnlyGuest(); }));
    hook.setFailStatus(503);
    CAMPDESK_VERIFY_OK(dispatcher.dispatchDue());
    QCOMPARE(t.count(QStringLiteral("notifications"), QStringLiteral("status = 'pending' AND attempts = 1")), 1);
}

void TestNotifications::silentServersTimeOut()
{
    // Accepts connections and never says a word: neither channel may hang the dispatcher's thread.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    OutgoingMessage message;
    message.notificationId = 7;
    message.recipient = QStringLiteral("minsu@example.com");
    message.subject = QStringLiteral("제목");
    message.body = QStringLiteral("본문");

    EmailChannel::Settings mail = smtpSettings(silent.serverPort());
    mail.timeoutMs = 1000;
    QElapsedTimer timer;
    timer.start();
    DeliveryOutcome outcome = EmailChannel(mail).send(message);
    QVERIFY(!outcome.delivered);
    QVERIFY(!outcome.permanent);
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));

    WebhookChannel::Settings hook
        = webhookSettings(QUrl(QStringLiteral("http://127.0.0.1:%1/hook").arg(silent.serverPort())));
    hook.timeoutMs = 1000;
    timer.restart();
    outcome = WebhookChannel(hook).send(message);
    QVERIFY(!outcome.delivered);
    QVERIFY2(outcome.response.contains(QLatin1String("1000 ms")), qPrintable(outcome.response));
    QVERIFY(!outcome.permanent);
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
}

void TestNotifications::twoDispatchersNeverSendTwice()
{
    TestDatabase t;
    QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
    constexpr int bookings = 30;
    CAMPDESK_VERIFY_OK(writeBookings(t.db(), 1, bookings, emailOnlyGuest));
    SmtpTestServer smtp;
    QVERIFY(smtp.start());
    smtp.setDelayMs(20);

    // Two terminals, each with its own connection on its own thread, draining the same outbox at once.
    std::atomic<int> claimedInAll { 0 };
    std::atomic<int> failures { 0 };
    auto terminal = [&](const QString& name) {
        Database::Options options;
        options.terminal = name;
        options.migrate = false;
        Result<std::unique_ptr<Database>> db = Database::open(t.spec(), options);
        if (!db.ok()) {
            ++failures;
            return;
        }
        NotificationDispatcher::Options dispatch;
        dispatch.batchSize = 3;
        NotificationDispatcher dispatcher(*db.value(), dispatch);
        dispatcher.addChannel(std::make_unique<EmailChannel>(smtpSettings(smtp.port())));
        Result<int> n = dispatcher.dispatchDue();
        if (!n.ok())
            ++failures;
        else
            claimedInAll += n.value();
    };
    std::thread a(terminal, QStringLiteral("desk-a"));
    std::thread b(terminal, QStringLiteral("desk-b"));
    a.join();
    b.join();
    QCOMPARE(failures.load(), 0);
    QCOMPARE(claimedInAll.load(), bookings);
    QCOMPARE(t.count(QStringLiteral("notifications"), QStringLiteral("status = 'sent' AND attempts = 1")), bookings);
    std::set<QString> ids;
    for (const QJsonObject& m : smtp.messages())
        ids.insert(m.value(QStringLiteral("notification")).toString());
    QCOMPARE(int(smtp.messages().size()), bookings);
    QCOMPARE(int(ids.size()), bookings);
    QCOMPARE(t.count(QStringLiteral("domain_events"), QStringLiteral("type = 'ConfirmMsgSent'")), bookings);
    // Both terminals did part of the work (the batches are small and the server is slow).
    QVERIFY(t.count(QStringLiteral("domain_events"), QStringLiteral("origin = 'desk-a'")) > 0);
    QVERIFY(t.count(QStringLiteral("domain_events"), QStringLiteral("origin = 'desk-b'")) > 0);
}

void TestNotifications::workerThreadSendsWhenWoken()
{
    EventBus bus;
    Database::Options options;
    options.bus = &bus;
    TestDatabase t(options);
    QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
    SmtpTestServer smtp;
    QVERIFY(smtp.start());

    NotificationWorker::Config config;
    config.spec = t.spec();
    config.database.terminal = t->terminal();
    config.database.bus = &bus;
    config.pollMs = 60000; // only the wake-up can make it send within the test's time
    const int port = smtp.port();
    config.channels = [port] {
        std::vector<std::unique_ptr<NotificationChannel>> channels;
        channels.push_back(std::make_unique<EmailChannel>(smtpSettings(port)));
        return channels;
    };
    NotificationThread thread(config, &bus);
    QTRY_VERIFY(thread.worker()->isReady());
    QSignalSpy sentSignal(&bus, &EventBus::confirmMsgSent);

    QElapsedTimer clock;
    clock.start();
    CAMPDESK_VERIFY_OK(writeBookings(t.db(), 1, 1, emailOnlyGuest));
    QTRY_COMPARE_WITH_TIMEOUT(smtp.messages().size(), 1, 10000);
    QTRY_COMPARE(sentSignal.count(), 1); // published by the worker's connection, delivered on this thread
    qInfo("woken worker delivered the e-mail %lld ms after the booking", clock.elapsed());
    QCOMPARE(sentSignal.first().first().value<DomainEvent>().aggregate, QStringLiteral("reservation"));

    if (t->driver() == SqlDriver::Postgres) {
        // The worker's connection is cut (server restart, network): it reconnects and carries on.
        std::unique_ptr<Database> killer = t.openAnother();
        QVERIFY(killer);
        const QVariant mainPid = scalar(t.db(), QStringLiteral("SELECT pg_backend_pid()"));
        Result<qint64> killed = killer->read([&](SqlSession& session) -> Result<qint64> {
            return session
                .scalar(QStringLiteral("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE "
                                       "datname = current_database() AND pid <> pg_backend_pid() AND pid <> ?"),
                        { mainPid })
                .toLongLong();
        });
        CAMPDESK_VERIFY_OK(killed);
        QCOMPARE(killed.value(), 1);
    }
    CAMPDESK_VERIFY_OK(writeBookings(t.db(), 2, 1, emailOnlyGuest));
    QTRY_COMPARE_WITH_TIMEOUT(smtp.messages().size(), 2, 10000);
    thread.stop();
    QCOMPARE(t.count(QStringLiteral("notifications"), QStringLiteral("status = 'sent'")), 2);
}

void TestNotifications::bookingsAndCancellationsStayFastWithChannelsDownAndNothingIsLost()
{
    // The real booking path: BookingService holds, takes the payment on the simulated terminal and confirms, and
    // cancels with a refund, for customers with an e-mail and message consent, so every confirmation and every
    // cancellation queues one e-mail and one webhook message.
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    // The worker's retries need time to pass, so it runs on the system clock; the bookings' clock is set to the
    // real now so that their notifications are due at once.
    f.clock.set(QDateTime::currentDateTimeUtc());
    const QList<Campsite> sites { f.addSite(QStringLiteral("A-01")), f.addSite(QStringLiteral("A-02")),
                                  f.addSite(QStringLiteral("A-03")) };
    const int smtpPort = freePort();
    const quint16 hookPort = quint16(freePort());
    SmtpTestServer smtp;
    WebhookTestServer hook;

    NotificationWorker::Config config;
    config.spec = f.t->spec();
    config.database.terminal = f.db().terminal();
    config.dispatch.backoffBaseMs = 200;
    config.dispatch.backoffMaxMs = 1000;
    config.dispatch.maxAttempts = 100;
    config.pollMs = 500;
    config.channels = [smtpPort, hookPort] {
        std::vector<std::unique_ptr<NotificationChannel>> channels;
        channels.push_back(std::make_unique<EmailChannel>(smtpSettings(smtpPort)));
        channels.push_back(std::make_unique<WebhookChannel>(
            webhookSettings(QUrl(QStringLiteral("http://127.0.0.1:%1/hook").arg(hookPort)))));
        return channels;
    };
    NotificationThread thread(config, &f.bus);

    // One phase of `steps` bookings, each by a new customer on its own nights (check-in 10 + n days ahead, so a
    // cancellation refunds in full); every even-numbered booking is followed by cancelling the one before it.
    // Each operation's time in microseconds; both lists empty when an operation failed.
    struct Timings
    {
        std::vector<qint64> bookings;
        std::vector<qint64> cancellations;
    };
    int n = 0;
    Reservation previous;
    QList<Reservation> cancelled;
    auto run = [&](int steps) -> Timings {
        Timings times;
        for (int i = 0; i < steps; ++i) {
            const int number = ++n;
            BookingRequest request = f.request(sites[number % sites.size()], 10 + number, 2,
                                               QStringLiteral("010-5555-%1").arg(number, 4, 10, QLatin1Char('0')));
            request.customer.email = QStringLiteral("guest%1@example.com").arg(number);
            request.customer.messageConsent = true;
            QElapsedTimer timer;
            timer.start();
            Result<Reservation> booked = f.booking->book(BookingFixture::desk(), request, f.terminal);
            times.bookings.push_back(timer.nsecsElapsed() / 1000);
            if (!booked.ok()) {
                qWarning("booking %d: %s", number, qPrintable(booked.error().message));
                return {};
            }
            QCoreApplication::processEvents(); // lets the webhook server answer when it is up
            if (number % 2 == 0) {
                CancelRequest cancel;
                cancel.reservationId = previous.id;
                cancel.reason = QStringLiteral("plans changed");
                timer.restart();
                Result<Reservation> done = f.booking->cancel(BookingFixture::desk(), cancel);
                times.cancellations.push_back(timer.nsecsElapsed() / 1000);
                if (!done.ok()) {
                    qWarning("cancelling %s: %s", qPrintable(previous.code), qPrintable(done.error().message));
                    return {};
                }
                cancelled.append(done.value());
                QCoreApplication::processEvents();
            }
            previous = booked.value();
        }
        return times;
    };
    const QString sent = QStringLiteral("status = 'sent'");

    // Up: both servers answer.
    QVERIFY(smtp.start(smtpPort));
    QVERIFY(hook.listen(hookPort));
    const Timings up = run(12);
    QCOMPARE(int(up.bookings.size()), 12);
    QCOMPARE(int(up.cancellations.size()), 6);
    QTRY_COMPARE_WITH_TIMEOUT(f.t->count(QStringLiteral("notifications"), sent), 36, 30000);

    // Down: the SMTP server stalls (stores each message, then answers 250 only after 2 s) and the webhook refuses
    // connections.
    smtp.setDelayMs(2000);
    hook.close();
    const qsizetype stored = smtp.messages().size();
    QCOMPARE(int(run(1).bookings.size()), 1);
    QTRY_VERIFY_WITH_TIMEOUT(smtp.messages().size() > stored, 10000); // the worker is now stuck in an SMTP exchange
    const Timings down = run(12);
    QCOMPARE(int(down.bookings.size()), 12);
    QCOMPARE(int(down.cancellations.size()), 6);
    // The bookings did not wait for the e-mails: at 2 s each, most are still queued.
    QVERIFY(f.t->count(QStringLiteral("notifications"), QStringLiteral("channel = 'email' AND status = 'pending'"))
            > 0);
    // The worker really met the failures: webhook attempts failed and wait for their retry.
    QTRY_VERIFY_WITH_TIMEOUT(f.t->count(QStringLiteral("notifications"),
                                        QStringLiteral("channel = 'webhook' AND status = 'pending' AND attempts > 0"))
                                 > 0,
                             20000);
    auto compare = [](const char* what, const std::vector<qint64>& upTimes, const std::vector<qint64>& downTimes) {
        const qint64 upMedian = median(upTimes);
        const qint64 downMedian = median(downTimes);
        qInfo("%s: %s median %lld us with the channels up, %lld us with them down", qPrintable(backendName()), what,
              upMedian, downMedian);
        // Generous enough for a loaded machine, far below one stalled SMTP answer (2 s) or a connect timeout.
        return downMedian <= upMedian * 3 + 20000;
    };
    QVERIFY(compare("booking", up.bookings, down.bookings));
    QVERIFY(compare("cancellation", up.cancellations, down.cancellations));
    QCOMPARE(f.t->count(QStringLiteral("reservations"), QStringLiteral("status = 'confirmed'")), 13);
    QCOMPARE(f.t->count(QStringLiteral("reservations"), QStringLiteral("status = 'cancelled'")), 12);
    for (const Reservation& r : cancelled) {
        QVERIFY(r.refundAmount > 0);
        QCOMPARE(r.refundAmount, r.amount); // 10 or more days before: in full
        QCOMPARE(f.terminal.refundedAmount(r.orderId), r.refundAmount);
    }

    // Back up: every queued notification is delivered, once per channel.
    smtp.setDelayMs(0);
    QVERIFY(hook.listen(hookPort));
    QTRY_COMPARE_WITH_TIMEOUT(f.t->count(QStringLiteral("notifications"), sent), 74, 60000);
    thread.stop();
    QCOMPARE(f.t->count(QStringLiteral("notifications")), 74);
    const QString confirmed = QStringLiteral(" AND event_id IN (SELECT id FROM domain_events WHERE type = "
                                             "'ReservationConfirmed')");
    const QString cancellation = QStringLiteral(" AND event_id IN (SELECT id FROM domain_events WHERE type = "
                                                "'ReservationCancelled')");
    for (const QString& channel : { QStringLiteral("email"), QStringLiteral("webhook") }) {
        const QString where = QStringLiteral("channel = '%1'").arg(channel);
        QCOMPARE(f.t->count(QStringLiteral("notifications"), where + confirmed), 25);
        QCOMPARE(f.t->count(QStringLiteral("notifications"), where + cancellation), 12);
    }
    std::map<QString, int> mails;
    for (const QJsonObject& m : smtp.messages())
        ++mails[m.value(QStringLiteral("notification")).toString()];
    QCOMPARE(int(mails.size()), 37);
    // The stalled server may have stored one message whose answer came too late (a repeat with the same id);
    // nothing else is ever sent twice.
    int repeats = 0;
    for (const auto& entry : mails)
        repeats += entry.second - 1;
    QVERIFY2(repeats <= 1, qPrintable(QString::number(repeats)));
    std::map<QByteArray, int> hooks;
    for (const WebhookTestServer::Request& r : hook.requests())
        ++hooks[r.header("Idempotency-Key")];
    QCOMPARE(int(hooks.size()), 37);
    for (const auto& entry : hooks)
        QCOMPARE(entry.second, 1);
    QCOMPARE(f.t->count(QStringLiteral("domain_events"), QStringLiteral("type = 'ConfirmMsgSent'")), 50);
    QCOMPARE(f.t->count(QStringLiteral("domain_events"), QStringLiteral("type = 'CancelMsgSent'")), 24);
    QVERIFY(BookingFixture::invariantsHold(f.db()));
}

CAMPDESK_DB_TEST_MAIN(TestNotifications)
#include "tst_notifications.moc"
