// Double booking with real processes, on both databases: eight booking_driver processes book random, overlapping
// sites and nights on the same database at once. No night is sold twice, no error (such as "database is
// locked") surfaces, every loser is told the site was just taken, and the invariants hold afterwards.
#include "bookingfixture.h"
#include "builtprograms.h"

#include <QProcess>
#include <QSet>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

class TestConcurrency : public QObject
{
    Q_OBJECT
private slots:
    void eightProcessesNeverDoubleBook();
};

void TestConcurrency::eightProcessesNeverDoubleBook()
{
    // On the system clock, as the drivers are: the read model's "today" must be the same for all.
    TestDatabase t;
    QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
    CampsiteService campsites(t.db());
    QCOMPARE(BookingFixture::registerSites(campsites, QStringLiteral("C")).size(), 3);

    constexpr int drivers = 8;
    constexpr int attemptsEach = 12;
    std::vector<std::unique_ptr<QProcess>> processes;
    for (int seed = 1; seed <= drivers; ++seed) {
        auto process = std::make_unique<QProcess>();
        process->start(builtProgram(QStringLiteral("tests/booking_driver")),
                       { t.spec(), QString::number(seed), QString::number(attemptsEach) });
        processes.push_back(std::move(process));
    }
    int ok = 0;
    int taken = 0;
    QSet<QString> soldNights; // "campsite night"
    for (const auto& process : processes) {
        QVERIFY2(process->waitForFinished(50000), "a booking driver did not finish in time");
        const QString err = QString::fromUtf8(process->readAllStandardError());
        QCOMPARE(process->exitCode(), 0);
        QVERIFY2(!err.contains(QLatin1String("locked")), qPrintable(err));
        const QStringList lines
            = QString::fromUtf8(process->readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), attemptsEach);
        for (const QString& line : lines) {
            QVERIFY2(!line.startsWith(QLatin1String("ERROR")), qPrintable(line));
            if (line.startsWith(QLatin1String("TAKEN"))) {
                QVERIFY2(line.contains(QLatin1String("just taken")), qPrintable(line));
                ++taken;
                continue;
            }
            const QStringList parts = line.split(QLatin1Char(' '));
            QCOMPARE(parts.size(), 5);
            QCOMPARE(parts.at(0), QStringLiteral("OK"));
            ++ok;
            const QDate checkOut = QDate::fromString(parts.at(4), Qt::ISODate);
            for (QDate night = QDate::fromString(parts.at(3), Qt::ISODate); night < checkOut;
                 night = night.addDays(1)) {
                const QString key = parts.at(2) + QLatin1Char(' ') + sqlDate(night);
                QVERIFY2(!soldNights.contains(key), qPrintable(QStringLiteral("sold twice: ") + key));
                soldNights.insert(key);
            }
        }
    }
    qDebug() << backendName() << ok << "booked," << taken << "told the site was just taken";
    QVERIFY(ok > 0);
    QVERIFY2(taken > 0, "the drivers should have competed for some nights");
    QCOMPARE(t.count(QStringLiteral("reservations"), QStringLiteral("status = 'confirmed'")), qint64(ok));
    QCOMPARE(t.count(QStringLiteral("reservation_nights")), qint64(soldNights.size()));
    QVERIFY(BookingFixture::invariantsHold(t.db()));
}

CAMPDESK_DB_TEST_MAIN(TestConcurrency)
#include "tst_concurrency.moc"
