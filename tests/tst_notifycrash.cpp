// A dispatcher process killed in the middle of a batch loses nothing: after a restart every notification is
// sent, at most the one in flight is sent again, and the repeat carries the same notification id.
#include "notificationfixture.h"
#include "smtptestserver.h"
#include "testdatabase.h"

#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <map>

using namespace campdesk;
using namespace campdesk::test;

class TestNotifyCrash : public QObject
{
    Q_OBJECT
private slots:
    void killedDispatcherLosesNothing();
};

void TestNotifyCrash::killedDispatcherLosesNothing()
{
    TestDatabase t;
    QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
    constexpr int bookings = 5;
    CAMPDESK_VERIFY_OK(writeBookings(t.db(), 1, bookings, emailOnlyGuest));
    SmtpTestServer smtp;
    QVERIFY(smtp.start());
    smtp.setDelayMs(1500); // each message is stored, then answered 1.5 s later: a kill lands between the two

    const QString tool = QStringLiteral(CAMPDESK_BINARY_DIR "/tests/notify_worker");
    const QString lease = QStringLiteral("2000");
    QProcess first;
    first.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    first.start(tool, { t.spec(), QString::number(smtp.port()), lease });
    QVERIFY(first.waitForStarted());
    // The first message was answered (sent), the second is stored by the server but not yet answered.
    QTRY_VERIFY_WITH_TIMEOUT(smtp.messages().size() >= 2, 20000);
    first.kill(); // SIGKILL: no clean-up of any kind
    QVERIFY(first.waitForFinished(5000));
    const qint64 sentBefore = t.count(QStringLiteral("notifications"), QStringLiteral("status = 'sent'"));
    const qint64 leased
        = t.count(QStringLiteral("notifications"), QStringLiteral("status = 'pending' AND lease_owner IS NOT NULL"));
    qInfo("%s: killed with %lld sent, %lld leased by the dead process, %lld messages at the server",
          qPrintable(backendName()), sentBefore, leased, qint64(smtp.messages().size()));
    QVERIFY(sentBefore < bookings);
    QVERIFY(leased > 0); // its claims outlive it until the lease runs out

    smtp.setDelayMs(0);
    QProcess second;
    second.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    second.start(tool, { t.spec(), QString::number(smtp.port()), lease, QStringLiteral("--until-done") });
    QVERIFY(second.waitForFinished(60000));
    QCOMPARE(second.exitCode(), 0);

    QCOMPARE(t.count(QStringLiteral("notifications"), QStringLiteral("status = 'sent'")), bookings);
    QCOMPARE(t.count(QStringLiteral("domain_events"), QStringLiteral("type = 'ConfirmMsgSent'")), bookings);
    std::map<QString, QList<QJsonObject>> byId;
    for (const QJsonObject& m : smtp.messages())
        byId[m.value(QStringLiteral("notification")).toString()].append(m);
    QCOMPARE(int(byId.size()), bookings); // every notification arrived
    int repeats = 0;
    for (const auto& [id, copies] : byId) {
        QVERIFY2(copies.size() <= 2, qPrintable(id));
        if (copies.size() == 2) {
            ++repeats;
            // The repeat is recognisable as the same message.
            QCOMPARE(copies.at(0).value(QStringLiteral("messageId")), copies.at(1).value(QStringLiteral("messageId")));
            QCOMPARE(copies.at(0).value(QStringLiteral("body")), copies.at(1).value(QStringLiteral("body")));
        }
    }
    qInfo("%s: after the restart: %d notifications delivered, %d repeated", qPrintable(backendName()), int(byId.size()),
          repeats);
    QVERIFY(repeats <= 1);
}

CAMPDESK_DB_TEST_MAIN(TestNotifyCrash)
#include "tst_notifycrash.moc"
