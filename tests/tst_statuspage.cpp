// The status page, built standalone on the offscreen platform: it shows the health, terminals, breaker, outbox,
// last event, database size and the log's last lines, and refreshes on demand.
#include "admin/statuspage.h"
#include "bookingfixture.h"
#include "core/logging.h"
#include "domain/paymentattention.h"
#include "domain/statustext.h"
#include "ops/healthcheck.h"
#include "ops/terminalheartbeat.h"
#include "payment/breakereventrecorder.h"
#include "testdatabase.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
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
    void managerRetriesAndResolvesFromTheTable();
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
        tx.recordEvent(EventType::CircuitBreakerStateChanged, BreakerEventRecorder::aggregate(), 0,
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
        tx.recordEvent(EventType::CircuitBreakerStateChanged, BreakerEventRecorder::aggregate(), 0,
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

// The attention table's buttons, driven as a manager would: "Retry now" makes a retried payment due at once, "Mark
// resolved" needs a note and settles it; each is one audit row. The table fits 1366 pixels without a horizontal
// scroll bar, long text elided with the whole of it in the tooltip.
void TestStatusPage::managerRetriesAndResolvesFromTheTable()
{
    BookingFixture f;
    QVERIFY(f.ok());
    const Reservation failed = f.book(f.request(f.addSite(QStringLiteral("A-01"), 40000), 10, 1));
    const Reservation differs = f.book(f.request(f.addSite(QStringLiteral("A-02"), 40000), 10, 1));
    const QString longDetail
        = QStringLiteral("the card company answered with an error page instead of a result; ").repeated(6).trimmed();
    qint64 failedPayment = 0;
    qint64 differsPayment = 0;
    CAMPDESK_VERIFY_OK(f.db().write([&](Transaction& tx) -> Status {
        const QString byOrder = QStringLiteral("SELECT id FROM payments WHERE order_id = ?");
        failedPayment = tx.scalar(byOrder, { failed.orderId }).toLongLong();
        differsPayment = tx.scalar(byOrder, { differs.orderId }).toLongLong();
        PaymentAttention::flag(tx, BookingFixture::desk(), failedPayment, AttentionReason::RefundFailed, longDetail,
                               40000);
        PaymentAttention::flag(tx, BookingFixture::desk(), differsPayment, AttentionReason::RefundDiffers,
                               StatusText::code(QStringLiteral("payment.refund_differs"), { 20000, 15000 }));
        return {};
    }));
    HealthCheck::Options options;
    options.clock = &f.clock;

    StatusPage page(f.t->spec(), options, BookingFixture::manager());
    page.resize(1366, 768);
    page.show();
    auto* table = page.findChild<QTableWidget*>(QStringLiteral("attentionTable"));
    QVERIFY(table);
    QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 2, 10000);
    auto rowOf = [&](const QString& code) {
        for (int row = 0; row < table->rowCount(); ++row) {
            if (table->item(row, 0)->text() == code)
                return row;
        }
        return -1;
    };
    QVERIFY(rowOf(failed.code) >= 0 && rowOf(differs.code) >= 0);
    // It fits: no horizontal scrolling; the long detail is elided, and whole in its tooltip.
    QTRY_VERIFY(table->horizontalScrollBar()->maximum() == 0);
    QCOMPARE(table->item(rowOf(failed.code), 6)->toolTip(), longDetail);
    // A stored code is shown as a sentence in the screen's language.
    QCOMPARE(table->item(rowOf(differs.code), 6)->text(),
             QStringLiteral("Asked 20,000 won back; the payment service refunded 15,000 won"));
    QVERIFY(table->columnWidth(6) < table->fontMetrics().horizontalAdvance(longDetail));
    // The short columns (booking, owed, since, tries, next try) are shown whole.
    for (int column : { 0, 2, 3, 4, 5 }) {
        const QString text = table->item(rowOf(failed.code), column)->text();
        QVERIFY2(table->columnWidth(column) >= table->fontMetrics().horizontalAdvance(text), qPrintable(text));
    }

    auto* note = page.findChild<QLineEdit*>(QStringLiteral("attentionNote"));
    auto* retry = page.findChild<QPushButton*>(QStringLiteral("retryNowButton"));
    auto* resolve = page.findChild<QPushButton*>(QStringLiteral("resolveButton"));
    auto* message = page.findChild<QLabel*>(QStringLiteral("attentionMessage"));
    QVERIFY(note && retry && resolve && message);
    QVERIFY(!retry->isEnabled() && !resolve->isEnabled()); // nothing selected

    // A refund that differs is not retried; resolving it needs a note.
    table->selectRow(rowOf(differs.code));
    QVERIFY(!retry->isEnabled());
    QVERIFY(!resolve->isEnabled());
    QTest::keyClicks(note, QStringLiteral("the customer agreed to 15,000"));
    QVERIFY(resolve->isEnabled());
    QTest::mouseClick(resolve, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 1, 10000);
    QCOMPARE(table->item(0, 0)->text(), failed.code);
    QCOMPARE(message->text(), QStringLiteral("Marked resolved."));
    QVERIFY(note->text().isEmpty());
    QCOMPARE(f.t->count(QStringLiteral("audit_log"),
                        QStringLiteral("action = 'payment.attention_cleared' AND details LIKE '%customer agreed to "
                                       "15,000%'")),
             1);

    // The failed refund: "Retry now" makes it due at once (the reconciler's next run), one audit row.
    table->selectRow(0);
    QVERIFY(retry->isEnabled());
    QVERIFY(!resolve->isEnabled());
    QTest::mouseClick(retry, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(
        f.t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'payment.retry_requested'")), 1, 10000);
    QTRY_VERIFY(!message->text().isEmpty());
    Result<qint64> next = f.db().read([&](SqlSession& s) -> Result<qint64> {
        return s.scalar(QStringLiteral("SELECT attention_next_at FROM payments WHERE id = ?"), { failedPayment })
            .toLongLong();
    });
    CAMPDESK_VERIFY_OK(next);
    QCOMPARE(next.value(), f.clock.nowMs());
    // Asked again while due: said so, nothing more written.
    QTRY_VERIFY(retry->isEnabled());
    table->selectRow(0);
    QTest::mouseClick(retry, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(message->text().contains(QLatin1String("already due")), 10000);
    QCOMPARE(f.t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'payment.retry_requested'")), 1);

    // At the front desk the buttons stay off.
    StatusPage desk(f.t->spec(), options, BookingFixture::desk());
    desk.show();
    auto* deskTable = desk.findChild<QTableWidget*>(QStringLiteral("attentionTable"));
    QTRY_COMPARE_WITH_TIMEOUT(deskTable->rowCount(), 1, 10000);
    deskTable->selectRow(0);
    QVERIFY(!desk.findChild<QPushButton*>(QStringLiteral("retryNowButton"))->isEnabled());
    QVERIFY(!desk.findChild<QPushButton*>(QStringLiteral("resolveButton"))->isEnabled());
}

QTEST_MAIN(TestStatusPage)
#include "tst_statuspage.moc"
