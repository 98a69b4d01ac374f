#include "core/qrcode.h"

#include <qrencode.h>

namespace campdesk {

std::optional<QrCode> QrCode::encode(const QByteArray& text)
{
    if (text.isEmpty())
        return std::nullopt;
    QRcode* symbol = QRcode_encodeString8bit(text.constData(), 0, QR_ECLEVEL_M);
    if (!symbol)
        return std::nullopt;
    QrCode code;
    code.m_size = symbol->width;
    code.m_modules.resize(symbol->width * symbol->width);
    // libqrencode: bit 0 of each byte is the module's colour (1 = dark).
    for (int i = 0; i < code.m_modules.size(); ++i)
        code.m_modules[i] = symbol->data[i] & 1;
    QRcode_free(symbol);
    return code;
}

} // namespace campdesk
