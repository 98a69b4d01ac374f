// The site map and site photos on both databases: pictures stored and read back byte for byte, the limits, pictures
// that are not pictures, marker positions, retired sites, today's state per site, and who may change what.
#include "bookingfixture.h"
#include "domain/siteblockservice.h"
#include "domain/sitemapservice.h"
#include "domain/sitephotoservice.h"
#include "itemmodels/sitemapmodel.h"
#include "qtimagecodec.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QImage>
#include <QImageReader>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

namespace {

// A generated picture: a gradient with a few stripes (compresses well), or noise (does not).
QByteArray picture(int width, int height, const char* format, bool noise = false)
{
    QImage image(width, height, QImage::Format_RGB32);
    QRandomGenerator random(7);
    for (int y = 0; y < height; ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < width; ++x)
            line[x] = noise ? random.generate() | 0xff000000u
                            : qRgb(x * 255 / width, y * 255 / height, (x / 40) % 2 ? 200 : 40);
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return bytes;
}

QSize decodedSize(const QByteArray& bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    return reader.read().size();
}

} // namespace

class TestSiteMap : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void mapPictureRoundTripsExactly();
    void mapOverTheSizeLimitIsRefused();
    void notAPictureIsRefused_data();
    void notAPictureIsRefused();
    void withoutADecoderNothingIsStored();
    void photosAreScaledStoredInOrderAndFifthRefused();
    void photoTooLargeAfterScalingIsRefused();
    void photosMoveRemoveAndCaption();
    void markersArePlacedMovedAndRemoved();
    void positionsOutsideThePictureAreRefused();
    void retiredSiteLeavesTheMapButKeepsItsMarker();
    void deletedSiteTakesItsMarkerAndPhotos();
    void todaysStatePerSite();
    void onlyTheManagerChangesTheMap();
    void theItemModelRefreshesInPlace();
    void theItemModelReadsOnAWorkerWhenAsked();

private:
    std::unique_ptr<BookingFixture> m_f;
    QtImageCodec m_codec;
    std::unique_ptr<SiteMapService> m_map;
    std::unique_ptr<SitePhotoService> m_photos;
};

void TestSiteMap::init()
{
    m_f = std::make_unique<BookingFixture>();
    QVERIFY(m_f->ok());
    m_map = std::make_unique<SiteMapService>(m_f->db(), &m_codec);
    m_photos = std::make_unique<SitePhotoService>(m_f->db(), &m_codec);
}

void TestSiteMap::cleanup()
{
    m_photos.reset();
    m_map.reset();
    m_f.reset();
}

void TestSiteMap::mapPictureRoundTripsExactly()
{
    Result<std::optional<SiteMapImage>> none = m_map->mapImage();
    CAMPDESK_VERIFY_OK(none);
    QVERIFY(!none.value().has_value());

    // Every byte value, NUL and backslash included, must survive bytea's escaping.
    const QByteArray png = picture(900, 600, "png", true);
    QVERIFY(png.contains('\0') && png.contains('\\') && png.contains('\''));
    QSignalSpy changed(&m_f->bus, &EventBus::campsiteModified);
    Result<SiteMapImage> stored = m_map->setMapImage(BookingFixture::manager(), png);
    CAMPDESK_VERIFY_OK(stored);
    QCOMPARE(stored->mimeType, QStringLiteral("image/png"));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(m_f->t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'sitemap.image'")), 1);

    Result<std::optional<SiteMapImage>> read = m_map->mapImage();
    CAMPDESK_VERIFY_OK(read);
    QVERIFY(read.value().has_value());
    QCOMPARE(read.value()->bytes.size(), png.size());
    QVERIFY(read.value()->bytes == png);
    QCOMPARE(read.value()->width, 900);
    QCOMPARE(read.value()->height, 600);

    // A second picture replaces the first (one map).
    const QByteArray jpeg = picture(640, 480, "jpeg");
    CAMPDESK_VERIFY_OK(m_map->setMapImage(BookingFixture::manager(), jpeg));
    read = m_map->mapImage();
    QVERIFY(read.value()->bytes == jpeg);
    QCOMPARE(read.value()->mimeType, QStringLiteral("image/jpeg"));
    QCOMPARE(m_f->t->count(QStringLiteral("site_map")), 1);
}

void TestSiteMap::mapOverTheSizeLimitIsRefused()
{
    // A real picture (uncompressed BMP) just over 5 MB: only the size limit can refuse it.
    const QByteArray big = picture(1400, 1300, "bmp");
    QVERIFY(big.size() > SiteMapService::maxMapBytes);
    QVERIFY(m_codec.prepare(big, 0).ok());
    Result<SiteMapImage> refused = m_map->setMapImage(BookingFixture::manager(), big);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Invalid);
    QVERIFY2(refused.error().message.contains(QStringLiteral("5 MB")), qPrintable(refused.error().message));
    QCOMPARE(m_f->t->count(QStringLiteral("site_map")), 0);

    const QByteArray fits = picture(1200, 1300, "bmp");
    QVERIFY(fits.size() < SiteMapService::maxMapBytes);
    CAMPDESK_VERIFY_OK(m_map->setMapImage(BookingFixture::manager(), fits));
}

void TestSiteMap::notAPictureIsRefused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("text file named map.png") << QByteArray("This is not a picture, just notes.\n");
    QTest::newRow("garbage") << QByteArray(4096, '\x5a');
    QByteArray truncated = picture(400, 300, "png");
    truncated.truncate(60); // a PNG header with no picture after it
    QTest::newRow("truncated png") << truncated;
    QTest::newRow("svg") << QByteArray("<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>");
}

void TestSiteMap::notAPictureIsRefused()
{
    QFETCH(QByteArray, bytes);
    Result<SiteMapImage> map = m_map->setMapImage(BookingFixture::manager(), bytes);
    QVERIFY(!map.ok());
    QCOMPARE(map.error().code, ErrorCode::Invalid);
    QVERIFY2(map.error().message.contains(QStringLiteral("not a picture")), qPrintable(map.error().message));
    const Campsite site = m_f->addSite(QStringLiteral("A-01"));
    Result<SitePhoto> photo = m_photos->addPhoto(BookingFixture::manager(), site.id, bytes);
    QVERIFY(!photo.ok());
    QCOMPARE(photo.error().code, ErrorCode::Invalid);
    QCOMPARE(m_f->t->count(QStringLiteral("site_map")), 0);
    QCOMPARE(m_f->t->count(QStringLiteral("site_photos")), 0);
}

void TestSiteMap::withoutADecoderNothingIsStored()
{
    SiteMapService blind(m_f->db());
    Result<SiteMapImage> refused = blind.setMapImage(BookingFixture::manager(), picture(100, 100, "png"));
    QVERIFY(!refused.ok());
    QCOMPARE(m_f->t->count(QStringLiteral("site_map")), 0);
}

void TestSiteMap::photosAreScaledStoredInOrderAndFifthRefused()
{
    const Campsite site = m_f->addSite(QStringLiteral("A-01"));
    // A camera-sized picture: stored as JPEG, long edge 1600.
    Result<SitePhoto> first = m_photos->addPhoto(BookingFixture::manager(), site.id, picture(3000, 2000, "png"),
                                                 QStringLiteral("소나무 그늘"));
    CAMPDESK_VERIFY_OK(first);
    QCOMPARE(first->mimeType, QStringLiteral("image/jpeg"));
    QCOMPARE(first->width, 1600);
    QCOMPARE(first->height, 1066);
    QVERIFY(first->bytes.size() <= SitePhotoService::maxStoredBytes);
    QCOMPARE(decodedSize(first->bytes), QSize(1600, 1066));
    QCOMPARE(m_f->t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'campsite.photo_add'")), 1);

    // A small one is not enlarged.
    CAMPDESK_VERIFY_OK(m_photos->addPhoto(BookingFixture::manager(), site.id, picture(800, 600, "jpeg")));
    CAMPDESK_VERIFY_OK(m_photos->addPhoto(BookingFixture::manager(), site.id, picture(500, 500, "png")));
    CAMPDESK_VERIFY_OK(m_photos->addPhoto(BookingFixture::manager(), site.id, picture(640, 480, "bmp")));
    Result<SitePhoto> fifth = m_photos->addPhoto(BookingFixture::manager(), site.id, picture(300, 200, "png"));
    QVERIFY(!fifth.ok());
    QCOMPARE(fifth.error().code, ErrorCode::Invalid);
    QVERIFY(fifth.error().message.contains(QStringLiteral("at most 4")));

    Result<QList<SitePhoto>> stored = m_photos->photos(site.id);
    CAMPDESK_VERIFY_OK(stored);
    QCOMPARE(stored->size(), 4);
    QVERIFY(stored->at(0).bytes == first->bytes); // byte for byte
    QCOMPARE(stored->at(0).caption, QStringLiteral("소나무 그늘"));
    QCOMPARE(stored->at(1).width, 800);
    QCOMPARE(stored->at(2).width, 500);
    for (int i = 0; i < 4; ++i)
        QCOMPARE(stored->at(i).position, i);

    Result<QHash<qint64, qint64>> cards = m_photos->firstPhotoIds();
    CAMPDESK_VERIFY_OK(cards);
    QCOMPARE(cards->size(), 1);
    QCOMPARE(cards->value(site.id), first->id);
    QVERIFY(m_photos->photoBytes(first->id).value() == first->bytes);
}

void TestSiteMap::photoTooLargeAfterScalingIsRefused()
{
    // A JPEG of at most 1600 x 1600 at quality 85 hardly reaches 2 MB (even noise stays under it), so a codec that
    // hands back a picture one byte over the limit stands in for the rare one that does.
    struct Oversized final : ImageCodec
    {
        Result<Image> prepare(const QByteArray&, int) const override
        {
            return Image { QByteArray(SitePhotoService::maxStoredBytes + 1, 'x'), QStringLiteral("image/jpeg"), 1600,
                           1600 };
        }
    } oversized;
    const Campsite site = m_f->addSite(QStringLiteral("A-01"));
    SitePhotoService photos(m_f->db(), &oversized);
    Result<SitePhoto> refused = photos.addPhoto(BookingFixture::manager(), site.id, picture(100, 100, "png"));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Invalid);
    QVERIFY2(refused.error().message.contains(QStringLiteral("2 MB")), qPrintable(refused.error().message));
    QCOMPARE(m_f->t->count(QStringLiteral("site_photos")), 0);
    // The upload itself has a ceiling too, checked before anything is decoded.
    refused = m_photos->addPhoto(BookingFixture::manager(), site.id,
                                 QByteArray(SitePhotoService::maxUploadBytes + 1, '\x01'));
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(QStringLiteral("30 MB")), qPrintable(refused.error().message));
}

void TestSiteMap::photosMoveRemoveAndCaption()
{
    const Campsite site = m_f->addSite(QStringLiteral("A-01"));
    QList<qint64> ids;
    for (int i = 0; i < 3; ++i) {
        Result<SitePhoto> p = m_photos->addPhoto(BookingFixture::manager(), site.id, picture(200 + i * 10, 100, "png"),
                                                 QStringLiteral("photo %1").arg(i));
        CAMPDESK_VERIFY_OK(p);
        ids << p->id;
    }
    CAMPDESK_VERIFY_OK(m_photos->movePhoto(BookingFixture::manager(), ids.at(2), 0));
    Result<QList<SitePhoto>> now = m_photos->photos(site.id);
    QCOMPARE(now->at(0).id, ids.at(2));
    QCOMPARE(now->at(1).id, ids.at(0));
    QCOMPARE(now->at(2).id, ids.at(1));
    QCOMPARE(m_photos->firstPhotoIds()->value(site.id), ids.at(2));
    QVERIFY(!m_photos->movePhoto(BookingFixture::manager(), ids.at(0), 3).ok());

    CAMPDESK_VERIFY_OK(m_photos->removePhoto(BookingFixture::manager(), ids.at(2)));
    now = m_photos->photos(site.id);
    QCOMPARE(now->size(), 2);
    QCOMPARE(now->at(0).id, ids.at(0));
    QCOMPARE(now->at(0).position, 0);
    QCOMPARE(now->at(1).position, 1);

    CAMPDESK_VERIFY_OK(m_photos->setCaption(BookingFixture::manager(), ids.at(1), QStringLiteral("  화장실 가까움 ")));
    QCOMPARE(m_photos->photos(site.id)->at(1).caption, QStringLiteral("화장실 가까움"));
    Status tooLong = m_photos->setCaption(BookingFixture::manager(), ids.at(1), QString(81, QLatin1Char('x')));
    QVERIFY(!tooLong.ok());
    QCOMPARE(tooLong.error().field, QStringLiteral("caption"));
    QCOMPARE(m_photos->removePhoto(BookingFixture::manager(), 999999).error().code, ErrorCode::NotFound);
}

void TestSiteMap::markersArePlacedMovedAndRemoved()
{
    const Campsite a = m_f->addSite(QStringLiteral("A-01"));
    const Campsite b = m_f->addSite(QStringLiteral("A-02"));
    CAMPDESK_VERIFY_OK(m_map->saveMarkers(BookingFixture::manager(), { { a.id, 0.25, 0.5 }, { b.id, 1.0, 0.0 } }));
    Result<QList<SiteMapEntry>> sites = m_map->sites();
    CAMPDESK_VERIFY_OK(sites);
    QCOMPARE(sites->size(), 2);
    QVERIFY(sites->at(0).placed);
    QCOMPARE(sites->at(0).x, 0.25);
    QCOMPARE(sites->at(0).y, 0.5);
    QCOMPARE(sites->at(1).x, 1.0);

    CAMPDESK_VERIFY_OK(m_map->saveMarkers(BookingFixture::manager(), { { a.id, 0.75, 0.125 } }, { b.id }));
    sites = m_map->sites();
    QCOMPARE(sites->at(0).x, 0.75);
    QCOMPARE(sites->at(0).y, 0.125);
    QVERIFY(!sites->at(1).placed);
    QCOMPARE(m_f->t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'sitemap.markers'")), 2);

    // The kiosk's read: only the placed sites, where they are; a retired one is off the map.
    const Campsite c = m_f->addSite(QStringLiteral("A-03"));
    CAMPDESK_VERIFY_OK(m_map->saveMarkers(BookingFixture::manager(), { { b.id, 0.5, 0.5 }, { c.id, 0.1, 0.9 } }));
    Result<QList<SiteMapEntry>> placed = m_map->placedSites();
    CAMPDESK_VERIFY_OK(placed);
    QCOMPARE(placed->size(), 3);
    QCOMPARE(placed->at(0).code, QStringLiteral("A-01"));
    QCOMPARE(placed->at(0).x, 0.75);
    QCOMPARE(placed->at(2).y, 0.9);
    CAMPDESK_VERIFY_OK(m_f->db().write([&](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("UPDATE campsites SET status = 'retired' WHERE id = ?"), { c.id });
        return {};
    }));
    placed = m_map->placedSites();
    CAMPDESK_VERIFY_OK(placed);
    QCOMPARE(placed->size(), 2);
    QCOMPARE(placed->at(1).code, QStringLiteral("A-02"));
    QVERIFY(placed->at(1).placed);
}

void TestSiteMap::positionsOutsideThePictureAreRefused()
{
    const Campsite a = m_f->addSite(QStringLiteral("A-01"));
    const Campsite b = m_f->addSite(QStringLiteral("A-02"));
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (const auto& [x, y] : QList<std::pair<double, double>> { { -0.01, 0.5 }, { 0.5, 1.01 }, { nan, 0.5 } }) {
        // One bad marker in a batch: nothing of the batch is saved.
        Status refused = m_map->saveMarkers(BookingFixture::manager(), { { a.id, 0.5, 0.5 }, { b.id, x, y } });
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::Invalid);
    }
    QCOMPARE(m_f->t->count(QStringLiteral("site_markers")), 0);
    QCOMPARE(m_map->saveMarkers(BookingFixture::manager(), { { 999999, 0.5, 0.5 } }).error().code, ErrorCode::NotFound);
}

void TestSiteMap::retiredSiteLeavesTheMapButKeepsItsMarker()
{
    // Decision: a retired site is not drawn (nobody books it), but its marker stays, so a site brought back into
    // use is where it was.
    Campsite a = m_f->addSite(QStringLiteral("A-01"));
    const Campsite b = m_f->addSite(QStringLiteral("A-02"));
    CAMPDESK_VERIFY_OK(m_map->saveMarkers(BookingFixture::manager(), { { a.id, 0.2, 0.2 }, { b.id, 0.4, 0.4 } }));
    // A stay that is over: removing the site retires it.
    const Reservation stay = m_f->book(m_f->request(a, 0, 2));
    CAMPDESK_VERIFY_OK(m_f->booking->checkIn(BookingFixture::desk(), stay.id));
    CAMPDESK_VERIFY_OK(m_f->booking->checkOut(BookingFixture::desk(), stay.id));
    Result<CampsiteService::Removal> removed = m_f->campsites->remove(BookingFixture::manager(), a.id);
    QVERIFY(removed.ok());
    QVERIFY(removed.value() == CampsiteService::Removal::Retired);
    Result<QList<SiteMapEntry>> sites = m_map->sites();
    QCOMPARE(sites->size(), 1);
    QCOMPARE(sites->at(0).code, QStringLiteral("A-02"));
    QCOMPARE(m_f->t->count(QStringLiteral("site_markers")), 2);
    // A retired site cannot be placed.
    QVERIFY(!m_map->saveMarkers(BookingFixture::manager(), { { a.id, 0.3, 0.3 } }).ok());
}

void TestSiteMap::deletedSiteTakesItsMarkerAndPhotos()
{
    const Campsite a = m_f->addSite(QStringLiteral("A-01"));
    CAMPDESK_VERIFY_OK(m_map->saveMarkers(BookingFixture::manager(), { { a.id, 0.2, 0.2 } }));
    CAMPDESK_VERIFY_OK(m_photos->addPhoto(BookingFixture::manager(), a.id, picture(200, 100, "png")));
    Result<CampsiteService::Removal> removed = m_f->campsites->remove(BookingFixture::manager(), a.id);
    QVERIFY(removed.ok());
    QVERIFY(removed.value() == CampsiteService::Removal::Deleted);
    QCOMPARE(m_f->t->count(QStringLiteral("site_markers")), 0);
    QCOMPARE(m_f->t->count(QStringLiteral("site_photos")), 0);
}

void TestSiteMap::todaysStatePerSite()
{
    const Campsite free = m_f->addSite(QStringLiteral("A-01"));
    const Campsite arriving = m_f->addSite(QStringLiteral("A-02"));
    const Campsite occupied = m_f->addSite(QStringLiteral("A-03"));
    const Campsite departing = m_f->addSite(QStringLiteral("A-04"));
    Campsite blocked = m_f->addSite(QStringLiteral("A-05"));
    const Campsite late = m_f->addSite(QStringLiteral("A-06"));
    const Campsite leftEarly = m_f->addSite(QStringLiteral("A-07"));
    const Campsite closedTonight = m_f->addSite(QStringLiteral("A-08"));

    // Yesterday: two guests check in (one for a night, one for three); a third books and never comes.
    const Reservation d = m_f->book(m_f->request(departing, 0, 1, QStringLiteral("010-1111-0001")));
    const Reservation o = m_f->book(m_f->request(occupied, 0, 3, QStringLiteral("010-1111-0002")));
    m_f->book(m_f->request(late, 0, 2, QStringLiteral("010-1111-0003")));
    const Reservation e = m_f->book(m_f->request(leftEarly, 0, 3, QStringLiteral("010-1111-0004")));
    CAMPDESK_VERIFY_OK(m_f->booking->checkIn(BookingFixture::desk(), d.id));
    CAMPDESK_VERIFY_OK(m_f->booking->checkIn(BookingFixture::desk(), o.id));
    CAMPDESK_VERIFY_OK(m_f->booking->checkIn(BookingFixture::desk(), e.id));
    m_f->clock.advanceSecs(24 * 3600);
    // Today: an arrival, a stay that ended (checked out) and a free site with a booking next week.
    m_f->book(m_f->request(arriving, 0, 2, QStringLiteral("010-1111-0005")));
    m_f->book(m_f->request(free, 7, 2, QStringLiteral("010-1111-0006")));
    CAMPDESK_VERIFY_OK(m_f->booking->checkOut(BookingFixture::desk(), e.id));
    blocked.status = CampsiteStatus::Maintenance;
    CAMPDESK_VERIFY_OK(m_f->campsites->modify(BookingFixture::manager(), blocked));
    // A site block for a date range covering tonight (the site itself stays available).
    const QDate today = m_f->clock.today();
    CAMPDESK_VERIFY_OK(SiteBlockService(m_f->db()).add(
        BookingFixture::manager(),
        { closedTonight.id, today, today.addDays(2), QStringLiteral("closure"), QStringLiteral("배수 공사") }));

    Result<QList<SiteMapEntry>> sites = m_map->sites();
    CAMPDESK_VERIFY_OK(sites);
    QHash<QString, SiteMapState> state;
    for (const SiteMapEntry& entry : sites.value())
        state.insert(entry.code, entry.state);
    QCOMPARE(state.size(), 8);
    QCOMPARE(state.value(QStringLiteral("A-01")), SiteMapState::Free);
    QCOMPARE(state.value(QStringLiteral("A-02")), SiteMapState::Arriving);
    QCOMPARE(state.value(QStringLiteral("A-03")), SiteMapState::Occupied);
    QCOMPARE(state.value(QStringLiteral("A-04")), SiteMapState::Departing);
    QCOMPARE(state.value(QStringLiteral("A-05")), SiteMapState::Blocked);
    QCOMPARE(state.value(QStringLiteral("A-06")), SiteMapState::Arriving); // expected, not here yet
    QCOMPARE(state.value(QStringLiteral("A-07")), SiteMapState::Free); // left early
    QCOMPARE(state.value(QStringLiteral("A-08")), SiteMapState::Blocked); // a block for tonight
}

void TestSiteMap::onlyTheManagerChangesTheMap()
{
    const Campsite a = m_f->addSite(QStringLiteral("A-01"));
    CAMPDESK_VERIFY_OK(m_photos->addPhoto(BookingFixture::manager(), a.id, picture(200, 100, "png")));
    const qint64 photoId = m_photos->photos(a.id)->at(0).id;
    const QByteArray png = picture(300, 200, "png");
    for (const Actor& actor : { BookingFixture::desk(), BookingFixture::kiosk() }) {
        QCOMPARE(m_map->setMapImage(actor, png).error().code, ErrorCode::Forbidden);
        QCOMPARE(m_map->saveMarkers(actor, { { a.id, 0.5, 0.5 } }).error().code, ErrorCode::Forbidden);
        QCOMPARE(m_photos->addPhoto(actor, a.id, png).error().code, ErrorCode::Forbidden);
        QCOMPARE(m_photos->removePhoto(actor, photoId).error().code, ErrorCode::Forbidden);
        QCOMPARE(m_photos->movePhoto(actor, photoId, 0).error().code, ErrorCode::Forbidden);
        QCOMPARE(m_photos->setCaption(actor, photoId, QStringLiteral("x")).error().code, ErrorCode::Forbidden);
    }
    QCOMPARE(m_f->t->count(QStringLiteral("site_map")), 0);
    QCOMPARE(m_f->t->count(QStringLiteral("site_markers")), 0);
    QCOMPARE(m_f->t->count(QStringLiteral("site_photos")), 1);
    // Reading needs no role: the kiosk shows the map and the photos.
    CAMPDESK_VERIFY_OK(m_map->sites());
    CAMPDESK_VERIFY_OK(m_photos->photos(a.id));
}

void TestSiteMap::theItemModelRefreshesInPlace()
{
    const Campsite a = m_f->addSite(QStringLiteral("A-01"));
    Campsite c = m_f->addSite(QStringLiteral("C-01"));
    SiteMapModel model(*m_map, &m_f->bus);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy pictureSpy(&model, &SiteMapModel::pictureChanged);
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(model.picture().isEmpty());

    const Campsite b = m_f->addSite(QStringLiteral("B-01"));
    QTRY_COMPARE(model.rowCount(), 3); // from the event, after the coalescing pause
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.entry(1).code, QStringLiteral("B-01"));

    CAMPDESK_VERIFY_OK(m_map->saveMarkers(BookingFixture::manager(), { { a.id, 0.5, 0.5 } }));
    QTRY_VERIFY(model.entry(0).placed);
    QVERIFY(changed.size() >= 1);
    const QByteArray png = picture(300, 200, "png");
    CAMPDESK_VERIFY_OK(m_map->setMapImage(BookingFixture::manager(), png));
    QTRY_COMPARE(pictureSpy.size(), 1);
    QVERIFY(model.picture() == png);

    c.code = QStringLiteral("A-00"); // renamed: moves to the top
    CAMPDESK_VERIFY_OK(m_f->campsites->modify(BookingFixture::manager(), c));
    QTRY_COMPARE(model.entry(0).code, QStringLiteral("A-00"));
    QCOMPARE(moved.size(), 1);
    CAMPDESK_VERIFY_OK(m_f->campsites->remove(BookingFixture::manager(), b.id));
    QTRY_COMPARE(model.rowCount(), 2);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(pictureSpy.size(), 1); // not read again while it did not change
}

// The admin window's model reads on a worker with its own connection: nothing on the caller's connection (the
// window's thread), and the rows, picture and later changes arrive as the synchronous model has them.
void TestSiteMap::theItemModelReadsOnAWorkerWhenAsked()
{
    const Campsite a = m_f->addSite(QStringLiteral("A-01"));
    m_f->addSite(QStringLiteral("B-01"));
    CAMPDESK_VERIFY_OK(m_map->saveMarkers(BookingFixture::manager(), { { a.id, 0.25, 0.75 } }));
    const QByteArray png = picture(300, 200, "png");
    CAMPDESK_VERIFY_OK(m_map->setMapImage(BookingFixture::manager(), png));

    int onCallersConnection = 0;
    m_f->db().setStatementObserver([&](const QString&, const QVariantList&) { ++onCallersConnection; });
    SiteMapModel model(*m_map, &m_f->bus, nullptr, SiteMapModel::Reads::OnWorker);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy refreshed(&model, &SiteMapModel::refreshed);
    QCOMPARE(model.rowCount(), 0); // nothing read yet: the constructor returned at once
    QVERIFY(model.isReading());
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(onCallersConnection, 0);
    m_f->db().setStatementObserver(nullptr);

    SiteMapModel here(*m_map, &m_f->bus);
    QCOMPARE(model.rowCount(), 2);
    for (int row = 0; row < here.rowCount(); ++row) {
        QCOMPARE(model.entry(row).code, here.entry(row).code);
        QCOMPARE(model.entry(row).placed, here.entry(row).placed);
        QCOMPARE(model.entry(row).x, here.entry(row).x);
        QCOMPARE(model.entry(row).state, here.entry(row).state);
    }
    QVERIFY(model.picture() == png);
    QCOMPARE(model.pictureVersion(), here.pictureVersion());
    QVERIFY(model.lastError().isEmpty());

    // A change from an event is read on the worker too.
    m_f->addSite(QStringLiteral("C-01"));
    QTRY_COMPARE(model.rowCount(), 3);
    QCOMPARE(model.entry(2).code, QStringLiteral("C-01"));
}

CAMPDESK_DB_TEST_MAIN(TestSiteMap)
#include "tst_sitemap.moc"
