// The status page, built standalone on the offscreen platform: it shows the health, terminals, breaker, outbox,
// last event, database size and the log's last lines, and refreshes on demand.
#include "admin/statuspage.h"
#include "bookingfixture.h"
#include "core/logging.h"
#include "domain/paymentattention.h"
#include "ops/healthcheck.h"
#include "ops/terminalheartbeat.h"
#include "testdatabase.h"

#include <QApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

class TestStatusPage : public QObject
{
    Q_OBJECT
private slots:
    void cleanup() { Logging::uninstall(); }
    void showsEverySection();
    void unreachableDatabaseShowsDown();
    void paymentsNeedingAttentionAreListed();
};

void TestStatusPage::showsEverySection()
{
    QTemporaryDir logDir;
    Logging::Options logOptions;
    logOptions.folder = logDir.path();
    logOptions.echoToStderr = false;
    QVERIFY(Logging::install(logOptions).ok());
    qCWarning(lcPayment) << "gateway slow for order-7, customer 010-9999-1234";

    TestDatabase t(Backend::Sqlite);
    QVERIFY(t.ok());
    TerminalHeartbeat heartbeat(t.db(), QStringLiteral("kiosk-gate"), QStringLiteral("kiosk"));
    CAMPDESK_VERIFY_OK(heartbeat.beat());
    CAMPDESK_VERIFY_OK(t->write([](Transaction& tx) -> Status {
        tx.recordEvent(EventType::CircuitBreakerStateChanged, QStringLiteral("payment"), 0,
                       { { QStringLiteral("state"), QStringLiteral("open") } });
        const qint64 eventId = tx.recordEvent(EventType::ReservationConfirmed, QStringLiteral("reservation"), 1);
        tx.exec(
            QStringLiteral("INSERT INTO notifications (event_id, channel, recipient, language, subject, body, "
                           "next_attempt_at, created_at) VALUES (?, 'email', 'a@example.com', 'ko', 's', 'b', ?, ?)"),
            { eventId, tx.nowMs(), tx.nowMs() });
        return {};
    }));

    StatusPage page(t.spec(), HealthCheck::Options());
    page.resize(900, 700);
    page.show();
    auto* overall = page.findChild<QLabel*>(QStringLiteral("overallStatus"));
    QVERIFY(overall);
    QTRY_VERIFY_WITH_TIMEOUT(overall->text() == QLatin1String("DEGRADED"), 10000);

    auto* checks = page.findChild<QTableWidget*>(QStringLiteral("checksTable"));
    QVERIFY(checks);
    QCOMPARE(checks->rowCount(), 8);
    auto* terminals = page.findChild<QTableWidget*>(QStringLiteral("terminalsTable"));
    QCOMPARE(terminals->rowCount(), 1);
    QCOMPARE(terminals->item(0, 0)->text(), QStringLiteral("kiosk-gate"));
    QCOMPARE(terminals->item(0, 1)->text(), QStringLiteral("kiosk"));
    QVERIFY(page.findChild<QLabel*>(QStringLiteral("breakerLabel"))->text().contains(QLatin1String("open")));
    QVERIFY(page.findChild<QLabel*>(QStringLiteral("outboxLabel"))->text().contains(QLatin1String("1 notification")));
    QVERIFY(page.findChild<QLabel*>(QStringLiteral("lastEventLabel"))
                ->text()
                .contains(QLatin1String("ReservationConfirmed")));
    QVERIFY(page.report().databaseBytes > 0);
    QVERIFY(!page.findChild<QLabel*>(QStringLiteral("databaseSizeLabel"))->text().isEmpty());
    const QString log = page.findChild<QPlainTextEdit*>(QStringLiteral("logView"))->toPlainText();
    QVERIFY2(log.contains(QLatin1String("gateway slow for order-7")), qPrintable(log));
    QVERIFY(log.contains(QLatin1String("010-****-1234")));
    QVERIFY(!log.contains(QLatin1String("9999")));

    // The breaker closes; "Refresh now" shows it.
    CAMPDESK_VERIFY_OK(t->write([](Transaction& tx) -> Status {
        tx.recordEvent(EventType::CircuitBreakerStateChanged, QStringLiteral("payment"), 0,
                       { { QStringLiteral("state"), QStringLiteral("closed") } });
        return {};
    }));
    auto* refresh = page.findChild<QPushButton*>(QStringLiteral("refreshButton"));
    QTRY_VERIFY(refresh->isEnabled());
    QTest::mouseClick(refresh, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(overall->text() == QLatin1String("HEALTHY"), 10000);
    QVERIFY(page.findChild<QLabel*>(QStringLiteral("breakerLabel"))->text().contains(QLatin1String("closed")));
}

void TestStatusPage::unreachableDatabaseShowsDown()
{
    QTemporaryDir dir;
    StatusPage page(dir.filePath(QStringLiteral("gone.db")), HealthCheck::Options());
    page.show();
    auto* overall = page.findChild<QLabel*>(QStringLiteral("overallStatus"));
    QTRY_VERIFY_WITH_TIMEOUT(overall->text() == QLatin1String("DOWN"), 10000);
    QVERIFY(page.findChild<QLabel*>(QStringLiteral("outboxLabel"))->text().contains(QLatin1String("not reachable")));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("gone.db"))));
}

void TestStatusPage::paymentsNeedingAttentionAreListed()
{
    BookingFixture f;
    QVERIFY(f.ok());
    const Reservation booked = f.book(f.request(f.addSite(QStringLiteral("A-01"), 40000), 10, 1));
    qint64 paymentId = 0;
    CAMPDESK_VERIFY_OK(f.db().write([&](Transaction& tx) -> Status {
        paymentId
            = tx.scalar(QStringLiteral("SELECT id FROM payments WHERE order_id = ?"), { booked.orderId }).toLongLong();
        PaymentAttention::flag(tx, BookingFixture::desk(), paymentId, AttentionReason::RefundFailed,
                               QStringLiteral("no answer"), 40000);
        return {};
    }));

    StatusPage page(f.t->spec(), HealthCheck::Options());
    page.resize(1280, 800);
    page.show();
    auto* overall = page.findChild<QLabel*>(QStringLiteral("overallStatus"));
    QTRY_VERIFY_WITH_TIMEOUT(overall->text() == QLatin1String("DEGRADED"), 10000);
    auto* table = page.findChild<QTableWidget*>(QStringLiteral("attentionTable"));
    QVERIFY(table);
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 0)->text(), booked.code);
    QCOMPARE(table->item(0, 1)->text(), attentionReasonName(AttentionReason::RefundFailed));
    QCOMPARE(table->item(0, 2)->text(), QLocale().toString(40000));

    // Settled by a manager: gone on the next refresh.
    CAMPDESK_VERIFY_OK(PaymentAttention::resolve(f.db(), BookingFixture::manager(), paymentId,
                                                 QStringLiteral("refunded at the card company's site")));
    auto* refresh = page.findChild<QPushButton*>(QStringLiteral("refreshButton"));
    QTRY_VERIFY(refresh->isEnabled());
    QTest::mouseClick(refresh, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(overall->text() == QLatin1String("HEALTHY"), 10000);
    QCOMPARE(table->rowCount(), 0);
}

QTEST_MAIN(TestStatusPage)
#include "tst_statuspage.moc"
