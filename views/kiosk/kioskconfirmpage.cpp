#include "kioskconfirmpage.h"

#include "core/languagemanager.h"
#include "domain/customerservice.h"
#include "qrcodewidget.h"

#include <QBoxLayout>
#include <QBuffer>
#include <QFile>
#include <QLabel>
#include <QPageSize>
#include <QPdfWriter>
#include <QPushButton>
#include <QTextDocument>

namespace campdesk {

KioskConfirmPage::KioskConfirmPage(LanguageManager& language, QWidget* parent)
    : KioskPage(language, parent)
    , m_qr(new QrCodeWidget(this))
{
    setObjectName(QStringLiteral("kioskConfirmPage"));
    m_codeCaption = makeLabel(QStringLiteral("kioskConfirmCodeCaption"), QStringLiteral("subtitle"));
    m_code = makeLabel(QStringLiteral("kioskConfirmCode"), QStringLiteral("code"));
    m_code->setTextInteractionFlags(Qt::NoTextInteraction);
    m_qr->setObjectName(QStringLiteral("kioskConfirmQr"));
    m_qr->setFixedSize(240, 240);
    m_details = makeLabel(QStringLiteral("kioskConfirmDetails"), QStringLiteral("detail"));
    m_keep = makeLabel(QStringLiteral("kioskConfirmKeep"), QStringLiteral("hint"));
    m_keep->setWordWrap(true);
    // Short lines, each its own: without word wrap the layout reserves their full height (wrapped labels get squeezed).
    m_details->setWordWrap(false);
    m_details->setTextFormat(Qt::PlainText);
    m_receiptStatus = makeLabel(QStringLiteral("kioskReceiptStatus"), QStringLiteral("hint"));
    m_receiptStatus->setWordWrap(true);
    m_countdown = makeLabel(QStringLiteral("kioskConfirmCountdown"), QStringLiteral("hint"));
    // Wraps between the two buttons rather than squeezing them: at 1024 px in English the buttons' words were cut.
    m_countdown->setWordWrap(true);
    m_countdown->setAlignment(Qt::AlignCenter);
    m_countdown->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    auto* left = new QVBoxLayout;
    left->addWidget(m_codeCaption);
    left->addWidget(m_code);
    left->addSpacing(12);
    left->addWidget(m_details);
    left->addWidget(m_keep);
    left->addWidget(m_receiptStatus);
    left->addStretch();
    auto* row = new QHBoxLayout;
    row->addLayout(left, 1);
    row->addSpacing(32);
    row->addWidget(m_qr, 0, Qt::AlignTop);
    content()->addLayout(row, 1);

    m_receiptButton = makeButton(QStringLiteral("kioskReceiptButton"));
    m_done = makeButton(QStringLiteral("kioskConfirmDone"), QStringLiteral("primary"));
    navigation()->addWidget(m_receiptButton);
    // The countdown sits between the buttons: the details above need every line of an 800-pixel screen.
    navigation()->addWidget(m_countdown, 1);
    navigation()->addWidget(m_done);
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (--m_left <= 0) {
            m_timer.stop();
            emit done();
            return;
        }
        retranslate();
    });
    connect(m_done, &QPushButton::clicked, this, [this] {
        m_timer.stop();
        emit done();
    });
    connect(m_receiptButton, &QPushButton::clicked, this, &KioskConfirmPage::receiptRequested);
    retranslate();
}

void KioskConfirmPage::showReceipt(const KioskReceipt& receipt, int returnAfterSeconds)
{
    m_receipt = receipt;
    m_qr->setText(receipt.reservation.code);
    m_receiptStatus->clear();
    m_left = returnAfterSeconds;
    m_timer.start();
    retranslate();
}

void KioskConfirmPage::clear()
{
    m_timer.stop();
    m_receipt = KioskReceipt();
    m_qr->setText(QString());
    m_receiptStatus->clear();
    retranslate();
}

void KioskConfirmPage::setReceiptStatus(const QString& status)
{
    m_receiptStatus->setText(status);
}

QString KioskConfirmPage::receiptHtml() const
{
    const Reservation& r = m_receipt.reservation;
    const auto row = [](const QString& label, const QString& value) {
        return QStringLiteral("<tr><td>%1</td><td align=\"right\"><b>%2</b></td></tr>")
            .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    };
    QString html = QStringLiteral("<h2>%1</h2><p style=\"font-size:28pt\"><b>%2</b></p><table width=\"100%\">")
                       .arg(tr("Campsite booking receipt").toHtmlEscaped(), r.code.toHtmlEscaped());
    html += row(tr("Site"), tr("%1 · %2").arg(r.campsiteCode, r.campsiteName));
    html += row(tr("Check-in"), m_language.formatDate(r.checkIn));
    html += row(tr("Check-out"), m_language.formatDate(r.checkOut));
    html += row(tr("Guests"), QString::number(r.guests));
    for (const StayLine& line : groupedLines(m_receipt.lines))
        html += row(stayLineText(line), m_language.formatMoney(line.amount));
    // The name typed for this stay: a phone someone else knows must not print its owner's name.
    html += row(tr("Name"), r.guestName);
    html += row(tr("Phone"), CustomerService::maskPhone(r.customerPhone));
    if (r.pointsUsed > 0)
        html += row(tr("Points used"), m_language.formatNumber(r.pointsUsed));
    html += row(tr("Amount paid"), m_language.formatMoney(r.amount));
    html += QStringLiteral("</table>");
    if (m_receipt.simulated)
        html += QStringLiteral("<p><b>%1</b></p>").arg(tr("SIMULATED payment — training mode").toHtmlEscaped());
    const QImage qr = m_qr->toImage(6);
    if (!qr.isNull()) {
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        qr.save(&buffer, "PNG");
        html += QStringLiteral("<p><img src=\"data:image/png;base64,%1\"></p>").arg(QLatin1String(png.toBase64()));
    }
    return html;
}

bool KioskConfirmPage::saveReceiptPdf(const QString& path) const
{
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A5));
    writer.setResolution(150);
    writer.setTitle(tr("Campsite booking receipt"));
    QTextDocument document;
    document.setHtml(receiptHtml());
    document.setPageSize(QSizeF(writer.width(), writer.height()));
    document.print(&writer);
    return QFile::exists(path);
}

void KioskConfirmPage::retranslate()
{
    title()->setText(tr("Your booking is confirmed. Thank you!"));
    m_codeCaption->setText(tr("Your booking code"));
    const Reservation& r = m_receipt.reservation;
    m_code->setText(r.code);
    if (!r.code.isEmpty()) {
        // The price's lines are on the printed receipt (receiptHtml()); the screen keeps to what fits beside the QR.
        QString details = tr("Site %1 · %2\n%3 – %4 · %5")
                              .arg(r.campsiteCode, r.campsiteName, m_language.formatDate(r.checkIn),
                                   m_language.formatDate(r.checkOut), tr("%n guest(s)", nullptr, r.guests));
        details += QLatin1Char('\n') + tr("Paid: %1").arg(m_language.formatMoney(r.amount));
        if (m_receipt.pointsEarned > 0)
            details
                += QLatin1Char('\n') + tr("You earned %1 points.").arg(m_language.formatNumber(m_receipt.pointsEarned));
        m_details->setText(details);
        m_keep->setText(tr("Keep the code: with it and your phone number you can find, cancel or "
                           "review your booking here."));
    } else {
        m_details->clear();
        m_keep->clear();
    }
    m_countdown->setText(tr("This screen closes by itself in %n second(s).", nullptr, m_left));
    m_receiptButton->setText(tr("Print or save receipt"));
    m_done->setText(tr("Done"));
}

} // namespace campdesk
