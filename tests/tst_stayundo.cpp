// Undoing the desk's last check-in or check-out of the day, on both databases (issue 18, item 6): guarded by the
// booking's version and last event, the same day only, an early departure's nights back only while still free.
#include "bookingfixture.h"
#include "domain/readmodel.h"
#include "domain/stayundoservice.h"

#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

class TestStayUndo : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void undoCheckInGoesBackToConfirmed();
    void undoCheckOutRestoresTheFreedNights();
    void undoCheckOutRefusedWhenTheNightsWereBooked();
    void onlyTheSameDayAndTheLastChange();

private:
    std::unique_ptr<BookingFixture> f;
    std::unique_ptr<StayUndoService> undo;
};

void TestStayUndo::init()
{
    f = std::make_unique<BookingFixture>();
    QVERIFY2(f->ok(), qPrintable(f->t->errorMessage()));
    undo = std::make_unique<StayUndoService>(f->db());
}

void TestStayUndo::cleanup()
{
    undo.reset();
    f.reset();
}

void TestStayUndo::undoCheckInGoesBackToConfirmed()
{
    const Reservation r = f->book(f->request(f->addSite(QStringLiteral("A-01")), 0, 2));
    CAMPDESK_VERIFY_OK(f->booking->checkIn(BookingFixture::desk(), r.id));
    QCOMPARE(undo->canUndo(r.id).value(), true);
    Result<Reservation> undone = undo->undoCheckIn(BookingFixture::desk(), r.id);
    CAMPDESK_VERIFY_OK(undone);
    QCOMPARE(undone->status, ReservationStatus::Confirmed);
    QCOMPARE(undo->canUndo(r.id).value(), false);
    Result<Reservation> twice = undo->undoCheckIn(BookingFixture::desk(), r.id);
    QVERIFY(!twice.ok());
    QCOMPARE(twice.error().code, ErrorCode::AlreadyDone);
    QCOMPARE(f->t->count(QStringLiteral("audit_log"), QStringLiteral("action = 'reservation.undo_check_in'")), 1);
    // Checked in again: the checker counts the undone one out.
    CAMPDESK_VERIFY_OK(f->booking->checkIn(BookingFixture::desk(), r.id));
    QVERIFY(BookingFixture::invariantsHold(f->db()));
    Result<QStringList> diff = ReadModel(f->db()).differencesFromRebuild();
    CAMPDESK_VERIFY_OK(diff);
    QVERIFY2(diff->isEmpty(), qPrintable(diff->join(QLatin1Char('\n'))));
    QCOMPARE(undo->undoCheckIn(Actor::kiosk(), r.id).error().code, ErrorCode::Forbidden);
}

void TestStayUndo::undoCheckOutRestoresTheFreedNights()
{
    const Reservation r = f->book(f->request(f->addSite(QStringLiteral("B-01")), 0, 3));
    CAMPDESK_VERIFY_OK(f->booking->checkIn(BookingFixture::desk(), r.id));
    f->clock.advanceSecs(24 * 3600); // the second day: leaving early frees the last night
    Result<Reservation> out = f->booking->checkOut(BookingFixture::desk(), r.id);
    CAMPDESK_VERIFY_OK(out);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights")), 1); // tonight and tomorrow night freed
    Result<Reservation> undone = undo->undoCheckOut(BookingFixture::desk(), r.id);
    CAMPDESK_VERIFY_OK(undone);
    QCOMPARE(undone->status, ReservationStatus::CheckedIn);
    QCOMPARE(undone->checkOut, r.checkOut);
    QCOMPARE(f->t->count(QStringLiteral("reservation_nights")), 3);
    QCOMPARE(f->t->count(QStringLiteral("domain_events"), QStringLiteral("type = 'ReservationCheckOutUndone'")), 1);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
    Result<QStringList> diff = ReadModel(f->db()).differencesFromRebuild();
    CAMPDESK_VERIFY_OK(diff);
    QVERIFY2(diff->isEmpty(), qPrintable(diff->join(QLatin1Char('\n'))));
}

void TestStayUndo::undoCheckOutRefusedWhenTheNightsWereBooked()
{
    const Campsite site = f->addSite(QStringLiteral("C-01"));
    const Reservation r = f->book(f->request(site, 0, 3));
    CAMPDESK_VERIFY_OK(f->booking->checkIn(BookingFixture::desk(), r.id));
    f->clock.advanceSecs(24 * 3600);
    CAMPDESK_VERIFY_OK(f->booking->checkOut(BookingFixture::desk(), r.id));
    const Reservation walkIn = f->book(f->request(site, 1, 1, QStringLiteral("010-7777-8888")));
    Result<Reservation> undone = undo->undoCheckOut(BookingFixture::desk(), r.id);
    QVERIFY(!undone.ok());
    QCOMPARE(undone.error().code, ErrorCode::SiteTaken);
    QVERIFY2(undone.error().message.contains(walkIn.code), qPrintable(undone.error().message));
    QCOMPARE(f->booking->get(r.id)->status, ReservationStatus::CheckedOut);
    QVERIFY(BookingFixture::invariantsHold(f->db()));
}

void TestStayUndo::onlyTheSameDayAndTheLastChange()
{
    const Reservation r = f->book(f->request(f->addSite(QStringLiteral("D-01")), 0, 3));
    CAMPDESK_VERIFY_OK(f->booking->checkIn(BookingFixture::desk(), r.id));
    f->clock.advanceSecs(24 * 3600);
    Result<Reservation> late = undo->undoCheckIn(BookingFixture::desk(), r.id);
    QVERIFY(!late.ok());
    QCOMPARE(late.error().code, ErrorCode::Invalid);
    CAMPDESK_VERIFY_OK(f->booking->checkOut(BookingFixture::desk(), r.id));
    // The check-in is no longer the last change.
    QCOMPARE(undo->undoCheckIn(BookingFixture::desk(), r.id).error().code, ErrorCode::AlreadyDone);
    CAMPDESK_VERIFY_OK(undo->undoCheckOut(BookingFixture::desk(), r.id));
    QCOMPARE(undo->undoCheckIn(BookingFixture::desk(), r.id).error().code, ErrorCode::Invalid);
}

CAMPDESK_DB_TEST_MAIN(TestStayUndo)
#include "tst_stayundo.moc"
