#include "domain/waitlistservice.h"

#include "core/logging.h"
#include "db/dberror.h"
#include "db/sqldates.h"
#include "domain/customerservice.h"
#include "domain/notificationqueue.h"
#include "domain/settingstable.h"

#include <QDateTime>
#include <QLocale>

namespace campdesk {

namespace {

const QString keyOfferMinutes = QStringLiteral("waitlist.offer_minutes");
const QString selectEntry = QStringLiteral("SELECT ") + WaitlistEntry::columns() + WaitlistEntry::tables();

std::optional<WaitlistEntry> loadEntry(SqlSession& s, qint64 id)
{
    SqlRows q = s.exec(selectEntry + QStringLiteral(" WHERE w.id = ?"), { id });
    if (!q.next())
        return std::nullopt;
    return WaitlistEntry::fromRow(q);
}

Error notFound()
{
    return Error(ErrorCode::NotFound, WaitlistService::tr("This waitlist entry could not be found."));
}

Error notLive(const WaitlistEntry& e)
{
    return Error(ErrorCode::AlreadyDone,
                 WaitlistService::tr("This waitlist entry is already %1.").arg(waitlistStatusName(e.status)));
}

int loadOfferMinutes(SqlSession& s)
{
    bool ok = false;
    const int minutes = s.scalar(QStringLiteral("SELECT value FROM settings WHERE key = ?"), { keyOfferMinutes })
                            .toString()
                            .toInt(&ok);
    return ok && minutes > 0 ? minutes : WaitlistService::defaultOfferMinutes;
}

// The offer's deadline as the customer reads it, in their language and the campground's time.
QString deadlineText(qint64 ms, bool korean)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
    if (korean)
        return QLocale(QLocale::Korean).toString(at, QStringLiteral("M월 d일 (ddd) HH:mm"));
    return QLocale(QLocale::English, QLocale::UnitedKingdom).toString(at, QStringLiteral("ddd d MMM, HH:mm"));
}

} // namespace

WaitlistService::WaitlistService(BookingService& bookings)
    : m_bookings(bookings)
    , m_db(bookings.database())
{
}

Status WaitlistService::validate(const WaitlistRequest& request) const
{
    // The same rules as a booking request; the site is chosen when one frees up.
    BookingRequest booking;
    booking.campsiteId = 1;
    booking.checkIn = request.checkIn;
    booking.checkOut = request.checkOut;
    booking.guests = request.guests;
    booking.customer = request.customer;
    return m_bookings.validate(booking);
}

Status WaitlistService::join(const Actor& actor, const WaitlistRequest& request)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::Kiosk }); !allowed.ok())
        return allowed;
    if (Status valid = validate(request); !valid.ok())
        return valid;
    const QString phone = CustomerService::normalizePhone(request.customer.phone).value_or(QString());
    return m_db.write([&](Transaction& tx) -> Status {
        const qint64 now = tx.nowMs();
        try {
            // A plain INSERT: the kiosk may not read the table back (not even the new id).
            tx.exec(QStringLiteral("INSERT INTO waitlist_entries (name, phone, email, language, check_in, check_out, "
                                   "guests, site_kind, channel, status, position, created_by, created_at, updated_at) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, CAST(? AS BIGINT), ?, ?)"),
                    { request.customer.name.trimmed(), phone, request.customer.email.trimmed(),
                      request.customer.language == QLatin1String("en") ? QStringLiteral("en") : QStringLiteral("ko"),
                      sqlDate(request.checkIn), sqlDate(request.checkOut), request.guests,
                      request.kind ? QVariant(campsiteKindKey(*request.kind)) : QVariant(),
                      actor.role == Role::Kiosk ? QStringLiteral("kiosk") : QStringLiteral("desk"), now,
                      actor.userId > 0 ? QVariant(actor.userId) : QVariant(), now, now });
        } catch (const DbError& error) {
            if (error.kind() != DbError::Kind::Unique)
                throw;
            return Error(ErrorCode::AlreadyDone, tr("This phone number is already on the waitlist for these dates."));
        }
        tx.audit(
            actor, QStringLiteral("waitlist.join"), QStringLiteral("waitlist"),
            QStringLiteral("%1..%2, %3").arg(sqlDate(request.checkIn), sqlDate(request.checkOut)).arg(request.guests));
        return {};
    });
}

Result<QList<WaitlistEntry>> WaitlistService::list(const Actor& actor, std::optional<WaitlistStatus> status) const
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk }); !allowed.ok())
        return allowed.error();
    return m_db.read([&](SqlSession& s) -> Result<QList<WaitlistEntry>> {
        const QString order = QStringLiteral(" ORDER BY CASE WHEN w.status IN ('waiting', 'offered') THEN 0 ELSE 1 "
                                             "END, w.position, w.id");
        SqlRows q = status
            ? s.exec(selectEntry + QStringLiteral(" WHERE w.status = ?") + order, { waitlistStatusKey(*status) })
            : s.exec(selectEntry + order);
        QList<WaitlistEntry> entries;
        while (q.next())
            entries.append(WaitlistEntry::fromRow(q));
        return entries;
    });
}

Result<WaitlistEntry> WaitlistService::get(const Actor& actor, qint64 entryId) const
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::System }); !allowed.ok())
        return allowed.error();
    return m_db.read([&](SqlSession& s) -> Result<WaitlistEntry> {
        std::optional<WaitlistEntry> e = loadEntry(s, entryId);
        if (!e)
            return notFound();
        return *e;
    });
}

Status WaitlistService::move(const Actor& actor, qint64 entryId, bool up)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk }); !allowed.ok())
        return allowed;
    return m_db.write([&](Transaction& tx) -> Status {
        std::optional<WaitlistEntry> e = loadEntry(tx, entryId);
        if (!e)
            return notFound();
        if (e->status != WaitlistStatus::Waiting)
            return notLive(*e);
        SqlRows q = tx.exec(
            up ? QStringLiteral("SELECT id, position FROM waitlist_entries WHERE status = 'waiting' AND (position < ? "
                                "OR (position = ? AND id < ?)) ORDER BY position DESC, id DESC")
               : QStringLiteral("SELECT id, position FROM waitlist_entries WHERE status = 'waiting' AND (position > ? "
                                "OR (position = ? AND id > ?)) ORDER BY position, id"),
            { e->position, e->position, e->id });
        if (!q.next())
            return {}; // already first (or last)
        const qint64 otherId = q.value(0).toLongLong();
        const qint64 otherPosition = q.value(1).toLongLong();
        q.finish();
        // Equal positions (joined in the same millisecond) are ordered by id: step past the other one instead.
        const qint64 mine = otherPosition != e->position ? otherPosition : otherPosition + (up ? -1 : 1);
        const qint64 theirs = otherPosition != e->position ? e->position : otherPosition;
        const qint64 now = tx.nowMs();
        tx.exec(QStringLiteral("UPDATE waitlist_entries SET position = ?, updated_at = ?, version = version + 1 "
                               "WHERE id = ?"),
                { mine, now, e->id });
        tx.exec(QStringLiteral("UPDATE waitlist_entries SET position = ?, updated_at = ?, version = version + 1 "
                               "WHERE id = ?"),
                { theirs, now, otherId });
        tx.audit(actor, QStringLiteral("waitlist.move"), QStringLiteral("waitlist:%1").arg(e->id),
                 up ? QStringLiteral("up") : QStringLiteral("down"));
        return {};
    });
}

Status WaitlistService::remove(const Actor& actor, qint64 entryId)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk }); !allowed.ok())
        return allowed;
    return m_db.write([&](Transaction& tx) -> Status {
        std::optional<WaitlistEntry> e = loadEntry(tx, entryId);
        if (!e)
            return notFound();
        if (e->status != WaitlistStatus::Waiting && e->status != WaitlistStatus::Offered)
            return notLive(*e);
        SqlRows update = tx.exec(QStringLiteral("UPDATE waitlist_entries SET status = 'removed', updated_at = ?, "
                                                "version = version + 1 WHERE id = ? AND status = ?"),
                                 { tx.nowMs(), e->id, waitlistStatusKey(e->status) });
        if (update.numRowsAffected() != 1)
            return notLive(*e);
        update.finish();
        if (e->status == WaitlistStatus::Offered && e->reservationId > 0) {
            const QString held
                = tx.scalar(QStringLiteral("SELECT status FROM reservations WHERE id = ?"), { e->reservationId })
                      .toString();
            // The offer's nights go back (to the next entry, on the next sweep).
            if (held == QLatin1String("held")) {
                if (Status released = m_bookings.releaseHold(actor, e->reservationId); !released.ok())
                    return released;
            }
        }
        tx.audit(actor, QStringLiteral("waitlist.remove"), QStringLiteral("waitlist:%1").arg(e->id));
        return {};
    });
}

Result<bool> WaitlistService::tryOffer(const WaitlistEntry& entry, int offerMinutes)
{
    const Actor system = Actor::system(QStringLiteral("waitlist"));
    return m_db.write([&](Transaction& tx) -> Result<bool> {
        SqlRows q = tx.exec(QStringLiteral("SELECT id FROM campsites s WHERE status = 'active' AND max_guests >= ? "
                                           "AND (CAST(? AS TEXT) IS NULL OR kind = ?) AND NOT EXISTS (SELECT 1 FROM "
                                           "reservation_nights n WHERE n.campsite_id = s.id AND n.night >= ? AND "
                                           "n.night < ?) ORDER BY nightly_price, code"),
                            { entry.guests, entry.kind ? QVariant(campsiteKindKey(*entry.kind)) : QVariant(),
                              entry.kind ? QVariant(campsiteKindKey(*entry.kind)) : QVariant(), sqlDate(entry.checkIn),
                              sqlDate(entry.checkOut) });
        QList<qint64> sites;
        while (q.next())
            sites.append(q.value(0).toLongLong());
        q.finish();
        for (qint64 siteId : sites) {
            BookingRequest request;
            request.campsiteId = siteId;
            request.checkIn = entry.checkIn;
            request.checkOut = entry.checkOut;
            request.guests = entry.guests;
            request.customer.name = entry.name;
            request.customer.phone = entry.phone;
            request.customer.email = entry.email;
            request.customer.language = entry.language;
            // The hold is a savepoint of this transaction. Its nights rows are the guard: a night another offerer
            // (or a booking) holds gives SiteTaken, and the savepoint goes, so the next site is tried.
            Result<Reservation> held = m_bookings.hold(system, request);
            if (!held.ok())
                continue;
            const qint64 now = tx.nowMs();
            const qint64 expires = now + qint64(offerMinutes) * 60 * 1000;
            SqlRows claimed = tx.exec(QStringLiteral("UPDATE waitlist_entries SET status = 'offered', "
                                                     "reservation_id = ?, offer_expires_at = ?, updated_at = ?, "
                                                     "version = version + 1 WHERE id = ? AND status = 'waiting'"),
                                      { held->id, expires, now, entry.id });
            // Another terminal offered this entry first (or staff removed it): this hold goes with the rollback.
            if (claimed.numRowsAffected() != 1)
                return Error(ErrorCode::AlreadyDone, notLive(entry).message);
            claimed.finish();
            tx.exec(QStringLiteral("UPDATE reservations SET hold_expires_at = ? WHERE id = ?"), { expires, held->id });
            qint64 eventId = 0;
            for (const DomainEvent& event : tx.events()) {
                if (event.type == EventType::ReservationHeld && event.aggregateId == held->id)
                    eventId = event.id;
            }
            NotificationQueue::Facts facts;
            facts.reservation = held.value();
            facts.email = entry.email;
            facts.language = entry.language;
            facts.messageConsent = true; // they joined the waitlist to be told when a site is free
            NotificationQueue::enqueueTemplate(
                tx, eventId, QStringLiteral("waitlist_offer"), held->id, facts,
                { { QStringLiteral("expires"), deadlineText(expires, entry.language != QLatin1String("en")) } });
            tx.audit(system, QStringLiteral("waitlist.offer"), QStringLiteral("waitlist:%1").arg(entry.id),
                     QStringLiteral("%1 %2").arg(held->code, held->campsiteCode));
            qCInfo(lcBooking) << "waitlist entry" << entry.id << "offered" << held->campsiteCode << "as" << held->code;
            return true;
        }
        return false;
    });
}

Result<WaitlistEntry> WaitlistService::offer(const Actor& actor, qint64 entryId)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk }); !allowed.ok())
        return allowed.error();
    Result<WaitlistEntry> entry = get(actor, entryId);
    if (!entry.ok())
        return entry.error();
    if (entry->status != WaitlistStatus::Waiting)
        return notLive(entry.value());
    Result<int> minutes = offerMinutes();
    if (!minutes.ok())
        return minutes.error();
    Result<bool> offered = tryOffer(entry.value(), minutes.value());
    if (!offered.ok())
        return offered.error();
    if (!offered.value())
        return Error(ErrorCode::SiteTaken, tr("No free site fits this entry's dates and party now."));
    return get(actor, entryId);
}

Result<Reservation> WaitlistService::convert(const Actor& actor, qint64 entryId, PaymentGateway& gateway,
                                             const QString& method)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk }); !allowed.ok())
        return allowed.error();
    Result<WaitlistEntry> entry = get(actor, entryId);
    if (!entry.ok())
        return entry.error();
    if (entry->status != WaitlistStatus::Offered || entry->reservationId == 0)
        return notLive(entry.value());
    return payHeld(actor, entry->reservationId, gateway, method);
}

Result<Reservation> WaitlistService::payHeld(const Actor& actor, qint64 reservationId, PaymentGateway& gateway,
                                             const QString& method)
{
    // The usual pay step on the offer's held booking. A card that does not go through keeps the hold (and the offer)
    // until the offer's own expiry, so the customer can try another card or come back with the same code.
    Result<PaymentRequest> request = m_bookings.beginPayment(actor, reservationId, gateway, method);
    if (!request.ok())
        return request.error();
    const PaymentOutcome outcome = BookingService::charge(gateway, request.value());
    Result<Reservation> paid
        = m_bookings.finishPayment(actor, reservationId, gateway, outcome, BookingService::OnFailure::KeepHold);
    if (!paid.ok())
        return paid;
    if (paid->status == ReservationStatus::Confirmed) {
        Status marked = m_db.write([&](Transaction& tx) -> Status {
            tx.exec(QStringLiteral("UPDATE waitlist_entries SET status = 'booked', updated_at = ?, "
                                   "version = version + 1 WHERE reservation_id = ? AND status = 'offered'"),
                    { tx.nowMs(), reservationId });
            tx.audit(actor, QStringLiteral("waitlist.convert"), QStringLiteral("reservation:%1").arg(reservationId),
                     paid->code);
            return {};
        });
        if (!marked.ok()) // the sweep marks it booked from the confirmed booking
            qCWarning(lcBooking) << "could not mark the waitlist offer of" << paid->code
                                 << "booked:" << marked.error().message;
    }
    return paid;
}

Result<Reservation> WaitlistService::findOffer(const Actor& actor, const QString& code, const QString& phone) const
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::Kiosk }); !allowed.ok())
        return allowed.error();
    const Error miss(ErrorCode::NotFound, tr("No waitlist offer has this booking code and phone number."));
    const std::optional<QString> normalized = CustomerService::normalizePhone(phone);
    if (!normalized || code.trimmed().isEmpty())
        return miss;
    return m_db.read([&](SqlSession& s) -> Result<Reservation> {
        // The booking and its offer's status, matched on the code and the customer's phone together.
        SqlRows q = s.exec(QStringLiteral("SELECT ") + Reservation::columns()
                               + QStringLiteral(", w.status AS offer_status") + Reservation::tables()
                               + QStringLiteral(" JOIN waitlist_entries w ON w.reservation_id = r.id WHERE r.code = ? "
                                                "AND c.phone = ?"),
                           { code.trimmed().toUpper(), *normalized });
        if (!q.next())
            return miss;
        const Reservation r = Reservation::fromRow(q);
        const QString offerStatus = q.value(QStringLiteral("offer_status")).toString();
        if (offerStatus == QLatin1String("booked") || r.status == ReservationStatus::Confirmed)
            return Error(ErrorCode::AlreadyDone,
                         tr("Booking %1 is already paid. Find it under \"My booking\".").arg(r.code));
        if (offerStatus != QLatin1String("offered") || r.status != ReservationStatus::Held
            || r.holdExpiresAt <= s.nowMs())
            return Error(ErrorCode::AlreadyDone,
                         tr("This offer has expired and the site went back to the waitlist. You can join the waitlist "
                            "again or ask at the front desk."));
        return r;
    });
}

Result<Reservation> WaitlistService::payOffer(const Actor& actor, const QString& code, const QString& phone,
                                              PaymentGateway& gateway, const QString& method)
{
    // Looked up again: the offer may have lapsed since it was shown.
    Result<Reservation> offer = findOffer(actor, code, phone);
    if (!offer.ok())
        return offer;
    return payHeld(actor, offer->id, gateway, method);
}

Status WaitlistService::settle()
{
    return m_db.write([&](Transaction& tx) -> Status {
        const qint64 now = tx.nowMs();
        // An offer whose booking was paid (at the desk, the kiosk, or by convert()) is booked.
        tx.exec(QStringLiteral("UPDATE waitlist_entries SET status = 'booked', updated_at = ?, version = version + 1 "
                               "WHERE status = 'offered' AND EXISTS (SELECT 1 FROM reservations r WHERE r.id = "
                               "waitlist_entries.reservation_id AND r.status NOT IN ('held', 'expired', 'cancelled'))"),
                { now });
        // An offer whose hold lapsed or was released is over; the nights go to the next entry.
        tx.exec(QStringLiteral("UPDATE waitlist_entries SET status = 'expired', updated_at = ?, version = version + 1 "
                               "WHERE status = 'offered' AND NOT EXISTS (SELECT 1 FROM reservations r WHERE r.id = "
                               "waitlist_entries.reservation_id AND r.status NOT IN ('expired', 'cancelled'))"),
                { now });
        // Nobody can be offered a stay that has begun.
        tx.exec(QStringLiteral("UPDATE waitlist_entries SET status = 'expired', updated_at = ?, version = version + 1 "
                               "WHERE status = 'waiting' AND check_in < ?"),
                { now, sqlDate(m_db.clock().today()) });
        return {};
    });
}

Result<int> WaitlistService::sweep()
{
    if (Result<int> released = m_bookings.expireHolds(); !released.ok())
        return released.error();
    if (Status settled = settle(); !settled.ok())
        return settled.error();
    Result<int> minutes = offerMinutes();
    if (!minutes.ok())
        return minutes.error();
    // The waiting entries some free site fits, in order, read at once; each offer is its own transaction.
    Result<QList<WaitlistEntry>> candidates = m_db.read([&](SqlSession& s) -> Result<QList<WaitlistEntry>> {
        SqlRows q = s.exec(
            selectEntry
                + QStringLiteral(" WHERE w.status = 'waiting' AND w.check_in >= ? AND EXISTS (SELECT 1 FROM "
                                 "campsites c WHERE c.status = 'active' AND c.max_guests >= w.guests AND "
                                 "(w.site_kind IS NULL OR c.kind = w.site_kind) AND NOT EXISTS (SELECT 1 FROM "
                                 "reservation_nights n WHERE n.campsite_id = c.id AND n.night >= w.check_in AND "
                                 "n.night < w.check_out)) ORDER BY w.position, w.id"),
            { sqlDate(m_db.clock().today()) });
        QList<WaitlistEntry> entries;
        while (q.next())
            entries.append(WaitlistEntry::fromRow(q));
        return entries;
    });
    if (!candidates.ok())
        return candidates.error();
    int offers = 0;
    for (const WaitlistEntry& entry : candidates.value()) {
        Result<bool> offered = tryOffer(entry, minutes.value());
        if (offered.ok() && offered.value())
            ++offers;
        else if (!offered.ok() && offered.error().code != ErrorCode::AlreadyDone)
            qCWarning(lcBooking) << "offering waitlist entry" << entry.id << "failed:" << offered.error().message;
    }
    return offers;
}

Result<int> WaitlistService::offerMinutes() const
{
    return m_db.read([](SqlSession& s) -> Result<int> { return loadOfferMinutes(s); });
}

Status WaitlistService::setOfferMinutes(const Actor& actor, int minutes)
{
    if (Status allowed = requireRole(actor, { Role::Manager }); !allowed.ok())
        return allowed;
    if (minutes < minOfferMinutes || minutes > maxOfferMinutes)
        return invalidInput(tr("An offer lasts between 5 minutes and 7 days."), QStringLiteral("offerMinutes"));
    return m_db.write([&](Transaction& tx) -> Status {
        storeSetting(tx, keyOfferMinutes, QString::number(minutes));
        tx.recordEvent(EventType::SettingsChanged, QStringLiteral("settings"), 0,
                       { { keyOfferMinutes, QString::number(minutes) } });
        tx.audit(actor, QStringLiteral("settings.waitlist"), keyOfferMinutes, QString::number(minutes));
        return {};
    });
}

} // namespace campdesk
