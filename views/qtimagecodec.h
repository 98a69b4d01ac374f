#pragma once

#include "domain/imagecodec.h"

#include <QCoreApplication>

namespace campdesk {

// ImageCodec with QImageReader / QImageWriter: what the site map and photo services decode pictures with.
class QtImageCodec final : public ImageCodec
{
    Q_DECLARE_TR_FUNCTIONS(QtImageCodec)

public:
    // A picture with more pixels than this is refused before it is decoded (a small file can unpack to gigabytes).
    static constexpr qint64 maxPixels = 50'000'000;

    Result<Image> prepare(const QByteArray& bytes, int maxEdge) const override;
};

} // namespace campdesk
