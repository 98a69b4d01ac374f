// The printable receipt: rendered to a PDF with QPdfWriter, it is a real, non-trivial PDF whose text (read
// back with poppler's pdftotext) holds the booking code, the guest, the amounts and a masked phone number.
#include "receiptprinter.h"

#include <QApplication>
#include <QFile>
#include <QProcess>
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

private:
    static Reservation sample();
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

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    TestReceipt test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_receipt.moc"
