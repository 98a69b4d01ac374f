// Redaction end to end (issue 21): bookings paid, looked up, cancelled with a refund and declined through the HTTP
// payment gateway with its secret key, for one customer whose phone is written in every way people write it and
// whose e-mail changes; their notifications sent by e-mail to a real SMTP server on 127.0.0.1 and by the SMS
// webhook on a loopback server, one delivery failing first. Debug logging on, files rotated small. Then every log
// file, rotated ones included, is searched for the addresses, the phone numbers (as written and as digits only)
// and the keys. Both databases.
#include "bookingfixture.h"
#include "core/logging.h"
#include "core/logredactor.h"
#include "domain/notificationservice.h"
#include "notify/emailchannel.h"
#include "notify/notificationdispatcher.h"
#include "notify/webhookchannel.h"
#include "payment/httppaymentgateway.h"
#include "paymentsimulator.h"
#include "smtptestserver.h"
#include "webhooktestserver.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;
using Mode = PaymentSimulator::Mode;

namespace {

const QString kGatewayKey = QStringLiteral("live_sk_Zt7Qm2Xw9Lp4Vb8N");
// A webhook token without any recognisable shape: masked because the secret store registered it when it read it.
const QString kWebhookToken = QStringLiteral("hooktoken-8Rk2Pq7Ls");

const QStringList phoneForms
    = { QStringLiteral("010-1234-5678"), QStringLiteral("010.1234.5678"), QStringLiteral("010 1234 5678"),
        QStringLiteral("+82 10 1234 5678"), QStringLiteral("+821012345678") };
const QStringList emails
    = { QStringLiteral("minsu.kim@example.com"), QStringLiteral("jane_doe+camp@mail.example.co.kr"),
        QStringLiteral("LEE.SEOYEON@Example.ORG"), QStringLiteral("p.jiho@campers.example.net"),
        QStringLiteral("emma@example.com") };

// Every level of every Campdesk category, whatever QT_LOGGING_RULES says (ctest switches debug off, and the
// environment's rules win over setFilterRules): all a support person could switch on.
QLoggingCategory::CategoryFilter previousFilter = nullptr;
void everythingOn(QLoggingCategory* category)
{
    if (previousFilter)
        previousFilter(category);
    if (QByteArray(category->categoryName()).startsWith("campdesk.")) {
        for (QtMsgType type : { QtDebugMsg, QtInfoMsg, QtWarningMsg, QtCriticalMsg })
            category->setEnabled(type, true);
    }
}

QString digitsOnly(const QString& text)
{
    QString out;
    for (QChar c : text) {
        if (c.isDigit())
            out += c;
    }
    return out;
}

// Every file of the log: campdesk.log and its rotated predecessors.
QString readAllLogs(const QString& folder, int* files)
{
    QString text;
    const QStringList names = QDir(folder).entryList({ QStringLiteral("campdesk.log*") }, QDir::Files, QDir::Name);
    *files = int(names.size());
    for (const QString& name : names) {
        QFile file(QDir(folder).filePath(name));
        if (file.open(QIODevice::ReadOnly))
            text += QString::fromUtf8(file.readAll());
    }
    return text;
}

} // namespace

class TestRedaction : public QObject
{
    Q_OBJECT
private slots:
    void cleanup();
    void bookCancelAndFailThroughEveryChannelLeavesNothingInTheLog();
    void everyFormIsMasked_data();
    void everyFormIsMasked();
};

void TestRedaction::cleanup()
{
    Logging::uninstall();
    QLoggingCategory::installFilter(previousFilter);
    previousFilter = nullptr;
    LogRedactor::clearSecretValuesForTesting();
}

void TestRedaction::bookCancelAndFailThroughEveryChannelLeavesNothingInTheLog()
{
    QTemporaryDir folder;
    Logging::Options options;
    options.folder = folder.path();
    options.echoToStderr = false;
    options.maxBytes = 4 * 1024; // rotates several times during the test
    options.keepFiles = 200; // and keeps every file, so a leak cannot rotate away
    QVERIFY(Logging::install(options).ok());
    previousFilter = QLoggingCategory::installFilter(everythingOn);
    LogRedactor::addSecretValue(kWebhookToken);

    BookingFixture f;
    QVERIFY(f.ok());
    PaymentSimulator sim(kGatewayKey);
    QVERIFY(sim.listen() != 0);
    HttpPaymentGateway::Config config;
    config.baseUrl = sim.baseUrl();
    config.secretKey = kGatewayKey;
    config.timeoutMs = 2000;
    HttpPaymentGateway gateway(config);
    f.booking->addGateway(&gateway);
    const Campsite site = f.addSite(QStringLiteral("A-07"), 42000);

    QStringList codes;
    for (int i = 0; i < phoneForms.size(); ++i) {
        const QString& phone = phoneForms.at(i);
        BookingRequest request = f.request(site, 10 + 6 * i, 2, phone, QStringLiteral("김민수"));
        request.customer.email = emails.at(i);
        request.customer.language = i % 2 ? QStringLiteral("en") : QStringLiteral("ko");
        request.customer.messageConsent = true;
        // Paid through the gateway with its key, found by code and phone as written, cancelled with a refund.
        Result<Reservation> booked = f.booking->book(BookingFixture::kiosk(), request, gateway);
        CAMPDESK_VERIFY_OK(booked);
        codes << booked->code;
        CAMPDESK_VERIFY_OK(f.booking->findByCode(booked->code, phone));
        QVERIFY(!f.booking->findByCode(booked->code, QStringLiteral("010-9999-0000")).ok());
        CancelRequest cancel;
        cancel.code = booked->code;
        cancel.phone = phone;
        cancel.reason = QStringLiteral("call %1 or write to %2").arg(phone, emails.at(i));
        Result<Reservation> cancelled = f.booking->cancel(BookingFixture::kiosk(), cancel);
        CAMPDESK_VERIFY_OK(cancelled);
        QVERIFY(cancelled->refundAmount > 0);
        // A card the gateway declines.
        sim.setMode(Mode::Decline);
        QVERIFY(!f.booking->book(BookingFixture::kiosk(), f.request(site, 11 + 6 * i, 1, phone), gateway).ok());
        sim.setMode(Mode::Approve);
    }

    // The customers' messages: by e-mail and by the SMS webhook, both failing at first with answers that quote the
    // recipient back (the mail server names the address it refuses, the SMS gateway echoes the request).
    SmtpTestServer smtp;
    QVERIFY(smtp.start());
    smtp.setRejectingRecipients(true);
    WebhookTestServer hook;
    QVERIFY(hook.listen());
    hook.setFailStatus(500);
    hook.setEchoOnFailure(true);
    NotificationDispatcher dispatcher(f.db());
    EmailChannel::Settings mail;
    mail.port = smtp.port();
    mail.fromAddress = QStringLiteral("desk@campdesk.example");
    mail.timeoutMs = 10000;
    dispatcher.addChannel(std::make_unique<EmailChannel>(mail));
    WebhookChannel::Settings sms;
    sms.url = hook.url();
    sms.authValue = QStringLiteral("Bearer %1").arg(kWebhookToken).toUtf8();
    sms.timeoutMs = 5000;
    dispatcher.addChannel(std::make_unique<WebhookChannel>(sms));
    CAMPDESK_VERIFY_OK(dispatcher.dispatchDue());
    QVERIFY(smtp.messages().isEmpty());
    smtp.setRejectingRecipients(false);
    hook.setFailStatus(0);
    // A refused address is final: the manager sends those again once the address is fixed.
    NotificationService notifications(f.db());
    Result<QList<NotificationRecord>> dead = notifications.list(QStringLiteral("dead"));
    CAMPDESK_VERIFY_OK(dead);
    QVERIFY(!dead->isEmpty());
    for (const NotificationRecord& record : dead.value())
        CAMPDESK_VERIFY_OK(notifications.retry(BookingFixture::manager(), record.id));
    f.clock.advanceSecs(3600); // past the retry's backoff
    CAMPDESK_VERIFY_OK(dispatcher.dispatchDue());
    QVERIFY(!smtp.messages().isEmpty());
    QVERIFY(!hook.requests().isEmpty());
    QCOMPARE(f.t->count(QStringLiteral("notifications"), QStringLiteral("status <> 'sent'")), 0);
    QCoreApplication::processEvents();

    Logging::uninstall();
    int files = 0;
    const QString log = readAllLogs(folder.path(), &files);
    if (qEnvironmentVariableIsSet("DUMPLOG"))
        qInfo().noquote() << log;
    // The log did see all of it, and rotated: the search below is not vacuous.
    QVERIFY2(files >= 2, qPrintable(QString::number(files)));
    for (const QString& code : std::as_const(codes))
        QVERIFY2(log.contains(code), qPrintable(code));
    // The failures were logged with what the servers answered (the SMS gateway's echo of the request), masked.
    QVERIFY(log.contains(QLatin1String("request")));
    QVERIFY(log.contains(QLatin1String("010****5678")));

    QStringList forbidden = { kGatewayKey,
                              QString::fromLatin1((kGatewayKey + QLatin1Char(':')).toUtf8().toBase64()),
                              kWebhookToken,
                              QStringLiteral("1234-5678"),
                              QStringLiteral("1234.5678"),
                              QStringLiteral("1234 5678"),
                              QStringLiteral("12345678"),
                              QStringLiteral("010-9999-0000"),
                              QStringLiteral("guest@example.com") };
    for (const QString& phone : phoneForms)
        forbidden << phone << digitsOnly(phone);
    for (const QString& email : emails) {
        forbidden << email << email.section(QLatin1Char('@'), 0, 0);
    }
    for (const QString& needle : std::as_const(forbidden)) {
        const qsizetype at = log.indexOf(needle, 0, Qt::CaseInsensitive);
        QVERIFY2(at < 0, qPrintable(QStringLiteral("%1 in the log: ...%2...").arg(needle, log.mid(at - 200, 400))));
    }
}

void TestRedaction::everyFormIsMasked_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QStringList>("secrets");
    const QStringList phone = { QStringLiteral("1234"), QStringLiteral("12345678") };
    for (const QString& form : phoneForms
             + QStringList { QStringLiteral("01012345678"), QStringLiteral("821012345678"),
                             QStringLiteral("+82-10-1234-5678"), QStringLiteral("+82 (0)10 1234 5678"),
                             QStringLiteral("82-10-1234-5678"), QStringLiteral("(010) 1234-5678"),
                             QStringLiteral("010)1234-5678") }) {
        QTest::addRow("phone %s", qPrintable(form)) << QStringLiteral("recipient %1 unknown").arg(form) << phone;
        QTest::addRow("phone %s in JSON", qPrintable(form))
            << QStringLiteral(R"({"to":"%1","text":"hi"})").arg(form) << phone;
        QTest::addRow("phone %s after a colon", qPrintable(form)) << QStringLiteral("tel:%1").arg(form) << phone;
    }
    for (const QString& email : emails) {
        QTest::addRow("e-mail %s", qPrintable(email))
            << QStringLiteral("550 5.1.1 <%1>: Recipient address rejected").arg(email)
            << QStringList { email.section(QLatin1Char('@'), 0, 0) };
    }
    QTest::newRow("bare gateway key") << QStringLiteral("confirm with %1 failed").arg(kGatewayKey)
                                      << QStringList { kGatewayKey };
    QTest::newRow("gateway key in JSON") << QStringLiteral(R"({"secretKey":"%1"})").arg(kGatewayKey)
                                         << QStringList { kGatewayKey };
    QTest::newRow("Basic header") << QStringLiteral("Authorization: Basic %1")
                                         .arg(QString::fromLatin1((kGatewayKey + QLatin1Char(':')).toUtf8().toBase64()))
                                  << QStringList { QString::fromLatin1(
                                         (kGatewayKey + QLatin1Char(':')).toUtf8().toBase64()) };
}

void TestRedaction::everyFormIsMasked()
{
    QFETCH(QString, line);
    QFETCH(QStringList, secrets);
    const QString redacted = LogRedactor::redact(line);
    for (const QString& secret : secrets)
        QVERIFY2(!redacted.contains(secret, Qt::CaseInsensitive), qPrintable(redacted));
}

CAMPDESK_DB_TEST_MAIN(TestRedaction)
#include "tst_redaction.moc"
