// The printable receipt: rendered to a PDF with QPdfWriter, it is a real, non-trivial PDF whose text (read
// back with poppler's pdftotext) holds the booking code, the guest, the amounts and a masked phone number.
#include "receiptprinter.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace campdesk;

class TestReceipt : public QObject
{
    Q_OBJECT
private slots:
    void pdfHoldsTheBookingInText();
    void cancelledReceiptShowsTheRefund();
    void koreanTextSurvives();
    void unwritablePathIsReported();
    void fullReceiptOnA5FillsThePage();
    void extrasDepositAndBalanceOnTheReceipt();
    void rollReceiptIsEightyMillimetresWide();

private:
    static Reservation sample();
    static ReceiptDetails full(const QString& paper);
    // The share of the page's width and height that the printed content spans (dark pixels' bounding box).
    static QSizeF inkShare(const QImage& page);
    static QString pdfText(const QString& path);
    QTemporaryDir m_dir;
};

Reservation TestReceipt::sample()
{
    Reservation r;
    r.id = 7;
    r.code = QStringLiteral("CD-7K3P9Q");
    r.campsiteCode = QStringLiteral("A-07");
    r.campsiteName = QStringLiteral("Pine Grove");
    r.customerName = QStringLiteral("Minji Kim");
    r.customerPhone = QStringLiteral("01012345678");
    r.checkIn = QDate(2026, 12, 24);
    r.checkOut = QDate(2026, 12, 26);
    r.guests = 3;
    r.status = ReservationStatus::Confirmed;
    r.amount = 85000;
    r.pointsUsed = 5000;
    r.channel = QStringLiteral("desk");
    return r;
}

QString TestReceipt::pdfText(const QString& path)
{
    QProcess pdftotext;
    pdftotext.start(QStringLiteral("pdftotext"), { QStringLiteral("-layout"), path, QStringLiteral("-") });
    if (!pdftotext.waitForFinished(30000) || pdftotext.exitCode() != 0)
        return QString();
    return QString::fromUtf8(pdftotext.readAllStandardOutput());
}

void TestReceipt::pdfHoldsTheBookingInText()
{
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(QStringLiteral("receipt.pdf"));
    QString error;
    const mode_t previousUmask = ::umask(022); // a session that lets others read new files
    const bool written = ReceiptPrinter::writePdf(sample(), path, &error);
    ::umask(previousUmask);
    QVERIFY2(written, qPrintable(error));
    // The receipt names the guest: only this user may read it.
    QCOMPARE(QFile::permissions(path),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.startsWith("%PDF-"));
    QVERIFY2(bytes.size() > 2000, "a receipt with text and fonts is more than an empty page");
    QVERIFY(bytes.trimmed().endsWith("%%EOF"));

    const QString text = pdfText(path);
    QVERIFY2(!text.isEmpty(), "pdftotext (poppler-utils, in scripts/deps) read the file");
    QVERIFY2(text.contains(QLatin1String("CD-7K3P9Q")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("Minji Kim")));
    QVERIFY(text.contains(QLatin1String("A-07 Pine Grove")));
    QVERIFY(text.contains(QLatin1String("85,000"))); // paid
    QVERIFY(text.contains(QLatin1String("90,000"))); // price before points
    QVERIFY(text.contains(QLatin1String("010-****-5678")));
    QVERIFY(!text.contains(QLatin1String("1234"))); // the phone is masked
}

void TestReceipt::cancelledReceiptShowsTheRefund()
{
    Reservation r = sample();
    r.status = ReservationStatus::Cancelled;
    r.refundAmount = 42500;
    const QString path = m_dir.filePath(QStringLiteral("cancelled.pdf"));
    QVERIFY(ReceiptPrinter::writePdf(r, path));
    const QString text = pdfText(path);
    QVERIFY2(text.contains(QLatin1String("42,500")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("Cancelled")));
}

void TestReceipt::koreanTextSurvives()
{
    Reservation r = sample();
    r.customerName = QStringLiteral("김민지");
    r.campsiteName = QStringLiteral("솔숲 텐트");
    const QString path = m_dir.filePath(QStringLiteral("korean.pdf"));
    QVERIFY(ReceiptPrinter::writePdf(r, path));
    const QString text = pdfText(path);
    QVERIFY2(text.contains(QStringLiteral("김민지")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("솔숲 텐트")));
    QVERIFY(text.contains(QLatin1String("CD-7K3P9Q")));
}

void TestReceipt::unwritablePathIsReported()
{
    QString error;
    QVERIFY(!ReceiptPrinter::writePdf(sample(), m_dir.filePath(QStringLiteral("no/such/folder/r.pdf")), &error));
    QVERIFY(!error.isEmpty());
}

ReceiptDetails TestReceipt::full(const QString& paper)
{
    ReceiptDetails d;
    d.reservation = sample(); // Thursday 24 and Friday 25 December 2026
    d.campground.name = QStringLiteral("솔숲 캠핑장 Pine Valley Camp");
    d.campground.address = QStringLiteral("강원도 평창군 봉평면 솔숲길 12");
    d.campground.businessNumber = QStringLiteral("123-45-67890");
    d.campground.phone = QStringLiteral("033-123-4567");
    d.campground.receiptPaper = paper;
    d.lines = { { QStringLiteral("night"), QDate(2026, 12, 24), QString(), QStringLiteral("weekend"), 1, 40000, 40000 },
                { QStringLiteral("night"), QDate(2026, 12, 25), QStringLiteral("peak"), QStringLiteral("holiday"), 1,
                  50000, 50000 },
                { QStringLiteral("points"), QDate(), QString(), QString(), 1, -5000, -5000 } };
    d.method = QStringLiteral("cash");
    d.paidAt = QDateTime(QDate(2026, 12, 1), QTime(14, 30)).toMSecsSinceEpoch();
    return d;
}

QSizeF TestReceipt::inkShare(const QImage& page)
{
    int left = page.width(), right = -1, top = page.height(), bottom = -1;
    for (int y = 0; y < page.height(); ++y) {
        const QRgb* line = reinterpret_cast<const QRgb*>(page.constScanLine(y));
        for (int x = 0; x < page.width(); ++x) {
            if (qGray(line[x]) < 160) {
                left = std::min(left, x);
                right = std::max(right, x);
                top = std::min(top, y);
                bottom = std::max(bottom, y);
            }
        }
    }
    if (right < 0)
        return {};
    return { qreal(right - left) / page.width(), qreal(bottom - top) / page.height() };
}

void TestReceipt::fullReceiptOnA5FillsThePage()
{
    const ReceiptDetails d = full(QStringLiteral("a5"));
    const QString path = m_dir.filePath(QStringLiteral("full-a5.pdf"));
    QVERIFY(ReceiptPrinter::writePdf(d, path));
    const QString text = pdfText(path);
    for (const char* expected : { "Pine Valley Camp", "123-45-67890", "033-123-4567", "CD-7K3P9Q", "Minji Kim",
                                  "A-07 Pine Grove", "40,000", "50,000", "Standard rate weekend", "Peak season holiday",
                                  "90,000", "5,000", "85,000", "Cash", "Payment method" })
        QVERIFY2(text.contains(QLatin1String(expected)),
                 qPrintable(QStringLiteral("%1 missing in:\n%2").arg(QLatin1String(expected), text)));
    QVERIFY(text.contains(QStringLiteral("평창군")));

    // The page is A5, and the receipt fills it: no quarter-page print in a corner.
    QProcess info;
    info.start(QStringLiteral("pdfinfo"), { path });
    QVERIFY(info.waitForFinished(30000));
    const QString pageInfo = QString::fromUtf8(info.readAllStandardOutput());
    QVERIFY2(pageInfo.contains(QLatin1String("420 x 595 pts")), qPrintable(pageInfo));
    QVERIFY2(pageInfo.contains(QRegularExpression(QStringLiteral("Pages: +1\\n"))), qPrintable(pageInfo));
    const QString png = m_dir.filePath(QStringLiteral("full-a5"));
    QProcess toppm;
    toppm.start(QStringLiteral("pdftoppm"),
                { QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("60"), QStringLiteral("-singlefile"),
                  path, png });
    QVERIFY(toppm.waitForFinished(30000));
    const QImage page(png + QStringLiteral(".png"));
    QVERIFY(!page.isNull());
    const QSizeF share = inkShare(page);
    QVERIFY2(
        share.width() > 0.8 && share.height() > 0.6,
        qPrintable(QStringLiteral("the receipt spans %1 x %2 of the page").arg(share.width()).arg(share.height())));
    const QString shots = qEnvironmentVariableIsSet("CAMPDESK_SHOTS") ? qEnvironmentVariable("CAMPDESK_SHOTS")
                                                                      : QStringLiteral("/tmp/hD-shots");
    QDir().mkpath(shots);
    QFile::remove(shots + QStringLiteral("/receipt-a5.png"));
    QFile::copy(png + QStringLiteral(".png"), shots + QStringLiteral("/receipt-a5.png"));
    // The same painting code into an image.
    ReceiptPrinter::renderImage(d, 100).save(shots + QStringLiteral("/receipt-a5-image.png"));
}

// A booking with two bundles of firewood, a 30 % deposit paid and the balance still due: every one of them is a
// line of the printed page, in Korean.
void TestReceipt::extrasDepositAndBalanceOnTheReceipt()
{
    ReceiptDetails d = full(QStringLiteral("a5"));
    StayLine firewood;
    firewood.kind = QStringLiteral("extra");
    firewood.name = QStringLiteral("장작 한 묶음");
    firewood.quantity = 2;
    firewood.unitPrice = 10000;
    firewood.amount = 20000;
    d.lines.insert(2, firewood);
    d.deposit = 31500;
    d.reservation.amount = 31500;
    d.reservation.balanceDue = 73500;
    const QString path = m_dir.filePath(QStringLiteral("deposit-a5.pdf"));
    QVERIFY(ReceiptPrinter::writePdf(d, path));
    const QString text = pdfText(path);
    for (const char* expected : { "장작 한 묶음", "20,000", "31,500", "73,500", "Deposit paid", "Balance due" })
        QVERIFY2(text.contains(QString::fromUtf8(expected)),
                 qPrintable(QStringLiteral("%1 missing in:\n%2").arg(QString::fromUtf8(expected), text)));
    const QString shots = qEnvironmentVariableIsSet("CAMPDESK_SHOTS") ? qEnvironmentVariable("CAMPDESK_SHOTS")
                                                                      : QStringLiteral("/tmp/hD-shots");
    QDir().mkpath(shots);
    QProcess toppm;
    toppm.start(QStringLiteral("pdftoppm"),
                { QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("80"), QStringLiteral("-singlefile"),
                  path, shots + QStringLiteral("/receipt-deposit-a5") });
    QVERIFY(toppm.waitForFinished(30000));
    QVERIFY(!QImage(shots + QStringLiteral("/receipt-deposit-a5.png")).isNull());
}

void TestReceipt::rollReceiptIsEightyMillimetresWide()
{
    const ReceiptDetails d = full(QStringLiteral("roll80"));
    const QSizeF paper = ReceiptPrinter::paperSizeMm(d);
    QCOMPARE(paper.width(), 80.0);
    QVERIFY2(paper.height() > 100 && paper.height() < 400, qPrintable(QString::number(paper.height())));
    const QString path = m_dir.filePath(QStringLiteral("roll.pdf"));
    QVERIFY(ReceiptPrinter::writePdf(d, path));
    const QString text = pdfText(path);
    QVERIFY2(text.contains(QLatin1String("123-45-67890")) && text.contains(QLatin1String("85,000")), qPrintable(text));
    QProcess info;
    info.start(QStringLiteral("pdfinfo"), { path });
    QVERIFY(info.waitForFinished(30000));
    const QString pageInfo = QString::fromUtf8(info.readAllStandardOutput());
    QVERIFY2(pageInfo.contains(QLatin1String("Page size:       227 x")), qPrintable(pageInfo)); // 80 mm in points
    const QString shots = qEnvironmentVariableIsSet("CAMPDESK_SHOTS") ? qEnvironmentVariable("CAMPDESK_SHOTS")
                                                                      : QStringLiteral("/tmp/hD-shots");
    QDir().mkpath(shots);
    QProcess toppm;
    toppm.start(QStringLiteral("pdftoppm"),
                { QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("100"), QStringLiteral("-singlefile"),
                  path, shots + QStringLiteral("/receipt-roll") });
    QVERIFY(toppm.waitForFinished(30000));
    const QImage page(shots + QStringLiteral("/receipt-roll.png"));
    QVERIFY(!page.isNull());
    QVERIFY2(inkShare(page).width() > 0.8, qPrintable(QString::number(inkShare(page).width())));
}

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    TestReceipt test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_receipt.moc"
