#pragma once

#include "core/qrcode.h"

#include <QWidget>
#include <optional>

namespace campdesk {

// Paints a QR code (black on white, with the quiet zone scanners need) scaled to fit the widget.
class QrCodeWidget final : public QWidget
{
    Q_OBJECT
public:
    explicit QrCodeWidget(QWidget* parent = nullptr);

    void setText(const QString& text);
    QString text() const { return m_text; }
    bool hasCode() const { return m_code.has_value(); }
    // The symbol as an image, `scale` pixels per module, quiet zone included: for receipts.
    QImage toImage(int scale = 8) const;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString m_text;
    std::optional<QrCode> m_code;
};

} // namespace campdesk
