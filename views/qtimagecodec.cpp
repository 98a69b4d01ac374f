#include "qtimagecodec.h"

#include <QBuffer>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>

namespace campdesk {

namespace {
Error notAPicture()
{
    return invalidInput(QtImageCodec::tr("This file is not a picture Campdesk can read (PNG, JPEG, GIF, BMP or WebP)."),
                        QStringLiteral("image"));
}
} // namespace

Result<ImageCodec::Image> QtImageCodec::prepare(const QByteArray& bytes, int maxEdge) const
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    // The content decides, never a file name: a renamed text file has no format.
    QImageReader reader(&buffer);
    reader.setDecideFormatFromContent(true);
    const QByteArray format = reader.format();
    static const QList<QByteArray> accepted = { "png", "jpeg", "jpg", "gif", "bmp", "webp" };
    if (format.isEmpty() || !accepted.contains(format))
        return notAPicture();
    const QSize size = reader.size();
    if (size.isValid() && qint64(size.width()) * size.height() > maxPixels)
        return invalidInput(tr("The picture has too many pixels (%1 x %2).").arg(size.width()).arg(size.height()),
                            QStringLiteral("image"));
    reader.setAutoTransform(true);
    QImage image = reader.read();
    if (image.isNull())
        return notAPicture();

    const QString mime
        = format == "jpg" ? QStringLiteral("image/jpeg") : QStringLiteral("image/") + QString::fromLatin1(format);
    if (maxEdge <= 0)
        return Image { bytes, mime, image.width(), image.height() };

    if (image.width() > maxEdge || image.height() > maxEdge)
        image = image.scaled(maxEdge, maxEdge, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    if (image.hasAlphaChannel()) {
        // JPEG has no transparency: put the picture on white rather than black.
        QImage flat(image.size(), QImage::Format_RGB32);
        flat.fill(Qt::white);
        flat.setDevicePixelRatio(image.devicePixelRatio());
        QImage source = image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
        for (int y = 0; y < flat.height(); ++y) {
            auto* out = reinterpret_cast<QRgb*>(flat.scanLine(y));
            const auto* in = reinterpret_cast<const QRgb*>(source.constScanLine(y));
            for (int x = 0; x < flat.width(); ++x) {
                const int a = qAlpha(in[x]);
                out[x] = qRgb(qRed(in[x]) + 255 - a, qGreen(in[x]) + 255 - a, qBlue(in[x]) + 255 - a);
            }
        }
        image = flat;
    }
    QByteArray jpeg;
    QBuffer out(&jpeg);
    out.open(QIODevice::WriteOnly);
    QImageWriter writer(&out, "jpeg");
    writer.setQuality(85);
    if (!writer.write(image))
        return Error(ErrorCode::Unavailable, tr("The photo could not be converted: %1").arg(writer.errorString()));
    return Image { jpeg, QStringLiteral("image/jpeg"), image.width(), image.height() };
}

} // namespace campdesk
