#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace campdesk {

// Decodes and re-encodes pictures for the site map and site photos. An interface because decoding is Qt Gui
// (QImageReader), which model/ never uses: the composition root hands SiteMapService and SitePhotoService the
// implementation in views/ (QtImageCodec), and without one they refuse every picture.
class ImageCodec
{
public:
    struct Image
    {
        QByteArray bytes; // what is stored
        QString mimeType; // "image/png", "image/jpeg", ...
        int width = 0;
        int height = 0;
    };

    virtual ~ImageCodec() = default;
    // Checks that bytes decode as a picture. maxEdge > 0: a larger picture is scaled down to that long edge and
    // written as JPEG (also when it was smaller but not JPEG); 0 keeps the bytes as they are. The error is Invalid
    // with a message for the user.
    virtual Result<Image> prepare(const QByteArray& bytes, int maxEdge) const = 0;
};

} // namespace campdesk
