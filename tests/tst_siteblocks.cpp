// Site blocks on both databases (issue 18, item 4): a date range closed with a kind and reason refuses bookings and
// is left out of the free sites; a block over a booked night (named) or another block is refused; removing it opens
// the nights again; a block and a booking racing for the same night on two connections: one of them gets it.
#include "bookingfixture.h"
#include "domain/siteblockservice.h"

#include <QTest>
#include <QThread>

using namespace campdesk;
using namespace campdesk::test;

class TestSiteBlocks : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void blockRefusesBookingsAndFreeSites();
    void refusedOverBookingsOrAnotherBlock();
    void validationAndRoles();
    void removeOpensTheNightsAgain();
    void blockRacingABookingForTheSameNight();

private:
    SiteBlockRequest block(const Campsite& site, int fromDays, int nights,
                           const QString& reason = QStringLiteral("pipes"));
    std::unique_ptr<BookingFixture> f;
    std::unique_ptr<SiteBlockService> blocks;
};

void TestSiteBlocks::init()
{
    f = std::make_unique<BookingFixture>();
    QVERIFY2(f->ok(), qPrintable(f->t->errorMessage()));
    blocks = std::make_unique<SiteBlockService>(f->db());
}

void TestSiteBlocks::cleanup()
{
    blocks.reset();
    f.reset();
}

SiteBlockRequest TestSiteBlocks::block(const Campsite& site, int fromDays, int nights, const QString& reason)
{
    SiteBlockRequest r;
    r.campsiteId = site.id;
    r.from = f->today().addDays(fromDays);
    r.to = r.from.addDays(nights);
    r.kind = QStringLiteral("maintenance");
    r.reason = reason;
    return r;
}

void TestSiteBlocks::blockRefusesBookingsAndFreeSites()
{
    const Campsite a = f->addSite(QStringLiteral("A-01"), 30000);
    const Campsite b = f->addSite(QStringLiteral("A-02"), 40000);
    Result<SiteBlock> added = blocks->add(BookingFixture::desk(), block(a, 5, 3, QStringLiteral("new deck")));
    CAMPDESK_VERIFY_OK(added);
    QCOMPARE(added->nights(), 3);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights"), QStringLiteral("block_id IS NOT NULL")), 3);
    QCOMPARE(f->t->count(QStringLiteral("domain_events"), QStringLiteral("type = 'SiteBlockAdded'")), 1);
    QCOMPARE(f->t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'site_block.add'")), 1);
    // A stay touching the block is refused, saying why; one ending the night before it is not.
    Result<Reservation> refused = f->booking->hold(BookingFixture::desk(), f->request(a, 6, 2));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::SiteTaken);
    QVERIFY2(refused.error().message.contains(QLatin1String("new deck")), qPrintable(refused.error().message));
    QVERIFY(f->book(f->request(a, 3, 2)).id > 0);
    QVERIFY(f->book(f->request(a, 8, 1, QStringLiteral("010-2222-3333"))).id > 0);
    Result<QList<Campsite>> free = f->booking->freeSites(f->today().addDays(4), f->today().addDays(6), 2);
    CAMPDESK_VERIFY_OK(free);
    QCOMPARE(free->size(), 1);
    QCOMPARE(free->first().id, b.id);
    Result<QList<SiteQuote>> quoted = f->booking->freeSitesQuoted(f->today().addDays(5), f->today().addDays(6), 2);
    CAMPDESK_VERIFY_OK(quoted);
    QCOMPARE(quoted->size(), 1);
    Result<QList<SiteBlock>> listed = blocks->forCampsite(a.id);
    CAMPDESK_VERIFY_OK(listed);
    QCOMPARE(listed->size(), 1);
    QCOMPARE(listed->first().reason, QStringLiteral("new deck"));
    Result<QList<SiteBlock>> rack = blocks->between(f->today(), f->today().addDays(6));
    CAMPDESK_VERIFY_OK(rack);
    QCOMPARE(rack->size(), 1);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestSiteBlocks::refusedOverBookingsOrAnotherBlock()
{
    const Campsite a = f->addSite(QStringLiteral("B-01"));
    const Reservation r = f->book(f->request(a, 2, 2));
    Result<SiteBlock> over = blocks->add(BookingFixture::manager(), block(a, 1, 5));
    QVERIFY(!over.ok());
    QCOMPARE(over.error().code, ErrorCode::Conflict);
    QVERIFY2(over.error().message.contains(r.code), qPrintable(over.error().message));
    CAMPDESK_VERIFY_OK(blocks->add(BookingFixture::manager(), block(a, 10, 3)));
    Result<SiteBlock> twice = blocks->add(BookingFixture::manager(), block(a, 12, 3));
    QVERIFY(!twice.ok());
    QCOMPARE(twice.error().code, ErrorCode::Conflict);
    QCOMPARE(f->t->count(QStringLiteral("site_blocks")), 1);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights"), QStringLiteral("block_id IS NOT NULL")), 3);
}

void TestSiteBlocks::validationAndRoles()
{
    const Campsite a = f->addSite(QStringLiteral("C-01"));
    SiteBlockRequest r = block(a, 1, 2);
    r.reason = QStringLiteral("  ");
    QCOMPARE(blocks->add(BookingFixture::desk(), r).error().field, QStringLiteral("reason"));
    r = block(a, -1, 2);
    QCOMPARE(blocks->add(BookingFixture::desk(), r).error().field, QStringLiteral("from"));
    r = block(a, 1, 0);
    QCOMPARE(blocks->add(BookingFixture::desk(), r).error().field, QStringLiteral("to"));
    r = block(a, 1, 2);
    r.kind = QStringLiteral("party");
    QCOMPARE(blocks->add(BookingFixture::desk(), r).error().field, QStringLiteral("kind"));
    QCOMPARE(blocks->add(Actor::kiosk(), block(a, 1, 2)).error().code, ErrorCode::Forbidden);
    QCOMPARE(f->t->count(QStringLiteral("site_blocks")), 0);
}

void TestSiteBlocks::removeOpensTheNightsAgain()
{
    const Campsite a = f->addSite(QStringLiteral("D-01"));
    Result<SiteBlock> added = blocks->add(BookingFixture::desk(), block(a, 0, 2));
    CAMPDESK_VERIFY_OK(added);
    QVERIFY(!f->booking->hold(BookingFixture::desk(), f->request(a, 0, 1)).ok());
    CAMPDESK_VERIFY_OK(blocks->remove(BookingFixture::desk(), added->id));
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights")), 0);
    QCOMPARE(blocks->remove(BookingFixture::desk(), added->id).error().code, ErrorCode::AlreadyDone);
    QCOMPARE(f->t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'site_block.remove'")), 1);
    QVERIFY(f->book(f->request(a, 0, 1)).id > 0);
}

void TestSiteBlocks::blockRacingABookingForTheSameNight()
{
    const Campsite a = f->addSite(QStringLiteral("E-01"));
    for (int round = 0; round < 5; ++round) {
        const int day = 2 + round * 3;
        Result<Reservation> booked = Error(ErrorCode::Database, QString());
        QThread* thread = QThread::create([&] {
            Result<std::unique_ptr<Database>> mine = f->db().openAnother(QStringLiteral("-2"));
            if (!mine.ok())
                return;
            BookingService bookings(*mine.value());
            bookings.addGateway(&f->terminal);
            booked = bookings.hold(BookingFixture::desk(), f->request(a, day, 2));
        });
        thread->start();
        Result<SiteBlock> blocked = blocks->add(BookingFixture::desk(), block(a, day + 1, 1));
        thread->wait();
        delete thread;
        QVERIFY2(booked.ok() != blocked.ok(),
                 qPrintable(QStringLiteral("round %1: booking %2, block %3")
                                .arg(round)
                                .arg(booked.ok() ? QStringLiteral("ok") : booked.error().message,
                                     blocked.ok() ? QStringLiteral("ok") : blocked.error().message)));
    }
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

CAMPDESK_DB_TEST_MAIN(TestSiteBlocks)
#include "tst_siteblocks.moc"
