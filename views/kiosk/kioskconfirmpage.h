#pragma once

#include "domain/rateplan.h"
#include "domain/reservation.h"
#include "kioskpage.h"

#include <QTimer>

namespace campdesk {

class QrCodeWidget;

// What a finished booking shows the customer: the confirmed reservation, the points it earned.
struct KioskReceipt
{
    Reservation reservation;
    qint64 pointsEarned = 0;
    bool simulated = false;
    QList<StayLine> lines; // the quote's lines: nights by band, extra persons, vehicles
};

// Step 6: the booking is confirmed — code, QR code, receipt to print or save as PDF. Returns to the welcome
// screen by itself after a while.
class KioskConfirmPage final : public KioskPage
{
    Q_OBJECT
public:
    explicit KioskConfirmPage(LanguageManager& language, QWidget* parent = nullptr);

    void showReceipt(const KioskReceipt& receipt, int returnAfterSeconds);
    const KioskReceipt& receipt() const { return m_receipt; }
    void clear() override;
    QrCodeWidget* qrCode() const { return m_qr; }
    // The receipt as HTML, in the current language: printed or written to PDF.
    QString receiptHtml() const;
    // Writes the receipt to a PDF file; false when it cannot.
    bool saveReceiptPdf(const QString& path) const;
    void setReceiptStatus(const QString& status);

signals:
    void done();
    void receiptRequested();

protected:
    void retranslate() override;

private:
    KioskReceipt m_receipt;
    int m_left = 0;
    QTimer m_timer;
    QLabel* m_codeCaption;
    QLabel* m_code;
    QrCodeWidget* m_qr;
    QLabel* m_details;
    QLabel* m_keep;
    QLabel* m_receiptStatus;
    QLabel* m_countdown;
    QPushButton* m_receiptButton;
    QPushButton* m_done;
};

} // namespace campdesk
