#pragma once

#include <QByteArray>
#include <QVector>
#include <optional>

namespace campdesk {

// A QR code symbol as a square of dark/light modules, encoded by libqrencode; the kiosk paints it.
class QrCode
{
public:
    // Encodes text (UTF-8, error correction level M); nullopt when libqrencode refuses it.
    static std::optional<QrCode> encode(const QByteArray& text);

    int size() const { return m_size; } // modules per side, without the quiet zone
    bool isDark(int x, int y) const { return m_modules.at(y * m_size + x); }

private:
    int m_size = 0;
    QVector<bool> m_modules;
};

} // namespace campdesk
