#include "domain/bookingservice.h"

#include "core/logging.h"
#include "db/kioskrole.h"
#include "domain/balanceservice.h"
#include "domain/earlydeparture.h"
#include "domain/mileageservice.h"
#include "domain/notificationqueue.h"
#include "domain/paymentattention.h"
#include "domain/paymentrecord.h"
#include "domain/readmodel.h"
#include "domain/reservationchange.h"
#include "domain/rulesettings.h"
#include "domain/statustext.h"

#include <QJsonObject>
#include <QLocale>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QUuid>
#include <algorithm>

namespace campdesk {

namespace {

// Error::field naming the campsite input. A taken site is ErrorCode::SiteTaken; it carries this field too until the
// kiosk window and BookingFlow branch on the code alone (they read the field today).
const QString campsiteField = QStringLiteral("campsiteId");

// Reservation::fromRow() reads these columns; a query may add its own after them.
const QString reservationColumns = QStringLiteral("SELECT ") + Reservation::columns();
const QString reservationTables = Reservation::tables();
const QString selectReservation = reservationColumns + reservationTables;

std::optional<Reservation> loadReservation(SqlSession& s, qint64 id)
{
    SqlRows q = s.exec(selectReservation + QStringLiteral(" WHERE r.id = ?"), { id });
    if (!q.next())
        return std::nullopt;
    return Reservation::fromRow(q);
}

// The campsite; with `rules`, the booking rules too, read in the same round trip. With `customerPhone`, that
// round trip also scopes a kiosk role's reads to the customer (KioskRole::scopeToPhoneColumn).
std::optional<Campsite> loadCampsite(SqlSession& s, qint64 id, BookingRules* rules = nullptr,
                                     const QString* customerPhone = nullptr)
{
    const QString phoneScope = customerPhone ? KioskRole::scopeToPhoneColumn(s) : QString();
    QVariantList values;
    if (!phoneScope.isEmpty())
        values << *customerPhone;
    values << id;
    SqlRows q = s.exec(QStringLiteral("SELECT ") + Campsite::columns()
                           + (rules ? QStringLiteral(", ") + RuleSettings::ruleColumns() : QString()) + phoneScope
                           + QStringLiteral(" FROM campsites WHERE id = ?"),
                       values);
    if (!q.next())
        return std::nullopt;
    if (rules)
        *rules = RuleSettings::fromColumns(q, Campsite::columnCount());
    return Campsite::fromRow(q);
}

// What a payment of reservation r is recorded as: a booking paid in full with points has no card payment.
QString paymentMethod(const Reservation& r, const QString& method)
{
    return r.amount == 0 ? QStringLiteral("points") : method;
}

// What the gateway is asked to take for reservation r.
PaymentRequest paymentRequest(const Reservation& r, const QString& method, const QString& paymentKey)
{
    PaymentRequest request;
    request.orderId = r.orderId;
    request.amount = r.amount;
    request.orderName
        = BookingService::tr("%1 %2, %n night(s)", nullptr, r.nights()).arg(r.campsiteCode, r.campsiteName);
    request.customerName = r.customerName;
    request.method = method;
    request.paymentKey = paymentKey;
    return request;
}

std::optional<PaymentRecord> loadPayment(SqlSession& s, const QString& where, const QVariant& key)
{
    SqlRows q = s.exec(QStringLiteral("SELECT ") + PaymentRecord::columns() + QStringLiteral(" FROM payments p WHERE ")
                           + where + QStringLiteral(" ORDER BY p.id DESC"),
                       { key });
    if (!q.next())
        return std::nullopt;
    return PaymentRecord::fromRow(q);
}

Error notFound()
{
    return Error(ErrorCode::NotFound, BookingService::tr("This booking could not be found."));
}

// Another terminal (or the reconciler) made the same change first.
Error alreadyConfirmed(const Reservation& r)
{
    return Error(ErrorCode::AlreadyDone, BookingService::tr("Booking %1 is already confirmed.").arg(r.code));
}

Error alreadyCancelled(const Reservation& r)
{
    return Error(ErrorCode::AlreadyDone, BookingService::tr("Booking %1 is already cancelled.").arg(r.code));
}

// A cancel has claimed the booking's refund (another terminal's, or one whose answer is still being checked).
Error refundInProgress(const Reservation& r)
{
    return Error(ErrorCode::AlreadyDone,
                 BookingService::tr("Booking %1 is already being cancelled: its refund is in progress.").arg(r.code));
}

// The refund was worked out from the booking as it was before another terminal changed it (its dates, its price).
Error changedSinceQuoted(const Reservation& r)
{
    return Error(ErrorCode::AlreadyDone,
                 BookingService::tr("Booking %1 was changed on another terminal, so its refund was not worked out from "
                                    "what it is now; please look at it again.")
                     .arg(r.code));
}

QJsonObject describe(const Reservation& r)
{
    return { { QStringLiteral("code"), r.code },
             { QStringLiteral("campsiteId"), r.campsiteId },
             { QStringLiteral("campsiteCode"), r.campsiteCode },
             { QStringLiteral("checkIn"), sqlDate(r.checkIn) },
             { QStringLiteral("checkOut"), sqlDate(r.checkOut) },
             { QStringLiteral("guests"), r.guests },
             { QStringLiteral("amount"), r.amount },
             { QStringLiteral("pointsUsed"), r.pointsUsed },
             { QStringLiteral("channel"), r.channel } };
}

// The rates every night of a request may need, read once.
RateTables loadRates(SqlSession& s, const BookingRequest& request)
{
    return RateTables::load(s, request.checkIn, request.checkOut);
}

Result<Quote> computeQuote(const RateTables& rates, const Campsite& site, const BookingRequest& request, qint64 balance,
                           const BookingRules& rules)
{
    Result<StayPrice> price
        = rates.price(site, request.checkIn, request.checkOut, request.guests, request.children, request.vehicles);
    if (!price.ok())
        return price.error();
    Quote q;
    q.balance = balance;
    q.lines = price->lines;
    q.nightlyPrices = price->nightlyPrices();
    q.total = price->total;
    q.nights = int(q.nightlyPrices.size());
    q.points = request.pointsToRedeem;
    q.payable = q.total - q.points;
    q.pointsToEarn = rules.pointsFor(q.payable);
    return q;
}

// The chosen extras (issue 19 item 3) as lines after the stay's, in the same total: amount = sum of lines holds.
Status addExtras(SqlSession& s, const BookingRequest& request, bool kioskOnly, const BookingRules& rules, Quote& q)
{
    Result<QList<StayLine>> extras = ExtrasService::price(s, request.extras, q.nights, kioskOnly);
    if (!extras.ok())
        return extras.error();
    qint64 extrasTotal = 0;
    for (const StayLine& line : extras.value()) {
        q.lines.append(line);
        q.total += line.amount;
        extrasTotal += line.amount;
    }
    q.payable = q.total - q.points;
    // On the extras too, unless the manager's rule says the stay only (decisions.md, "Points on extras").
    q.pointsToEarn = rules.pointsFor(q.payable, q.total, extrasTotal);
    return {};
}

// The checks that need the campsite and the customer's balance; the same for quote() and hold().
Status checkSiteAndPoints(const Campsite& site, const BookingRequest& request, const Quote& quote)
{
    if (site.status == CampsiteStatus::Maintenance)
        return invalidInput(BookingService::tr("Campsite %1 is closed for maintenance.").arg(site.code), campsiteField);
    if (site.status == CampsiteStatus::Retired)
        return invalidInput(BookingService::tr("Campsite %1 is no longer offered.").arg(site.code), campsiteField);
    if (request.guests > site.maxGuests) {
        return invalidInput(
            BookingService::tr("Campsite %1 takes at most %n guest(s).", nullptr, site.maxGuests).arg(site.code),
            QStringLiteral("guests"));
    }
    if (request.pointsToRedeem > 0) {
        if (quote.balance <= 0 || request.pointsToRedeem > quote.balance) {
            return invalidInput(BookingService::tr("You can use at most %1 points (your balance).")
                                    .arg(std::max<qint64>(0, quote.balance)),
                                QStringLiteral("pointsToRedeem"));
        }
        if (request.pointsToRedeem > quote.total) {
            return invalidInput(BookingService::tr("You can use at most %1 points (the price).").arg(quote.total),
                                QStringLiteral("pointsToRedeem"));
        }
    }
    return {};
}

qint64 balanceByPhone(SqlSession& s, const QString& phone)
{
    const QString normalized = CustomerService::normalizePhone(phone).value_or(phone);
    KioskRole::scopeToPhone(s, normalized);
    const QVariant id = s.scalar(QStringLiteral("SELECT id FROM customers WHERE phone = ?"), { normalized });
    return id.isValid() ? MileageService::balance(s, id.toLongLong()) : 0;
}

bool hasPendingPayment(SqlSession& s, qint64 reservationId)
{
    return s.scalar(QStringLiteral("SELECT count(*) FROM payments WHERE reservation_id = ? AND status = 'pending'"),
                    { reservationId })
               .toLongLong()
        > 0;
}

// Frees a held reservation's nights and fails its pending payment. False when it is no longer held.
// The UPDATE only moves a held row: of two terminals releasing (or one confirming) the same hold, one does it.
bool releaseHeld(Transaction& tx, qint64 reservationId, const QString& reason)
{
    SqlRows update = tx.exec(QStringLiteral("UPDATE reservations SET status = 'expired', cancel_reason = ?, "
                                            "hold_expires_at = NULL, updated_at = ?, version = version + 1 "
                                            "WHERE id = ? AND status = 'held'"),
                             { reason, tx.nowMs(), reservationId });
    if (update.numRowsAffected() != 1)
        return false;
    update.finish();
    tx.exec(QStringLiteral("DELETE FROM reservation_nights WHERE reservation_id = ?"), { reservationId });
    ExtrasService::returnStock(tx, reservationId);
    if (std::optional<PaymentRecord> payment
        = loadPayment(tx, QStringLiteral("reservation_id = ? AND status = 'pending'"), reservationId)) {
        tx.exec(
            QStringLiteral("UPDATE payments SET status = 'failed', failure_reason = ?, updated_at = ? WHERE id = ?"),
            { reason, tx.nowMs(), payment->id });
        tx.recordEvent(EventType::PaymentFailed, QStringLiteral("payment"), payment->id,
                       { { QStringLiteral("reservationId"), reservationId },
                         { QStringLiteral("orderId"), payment->orderId },
                         { QStringLiteral("reason"), reason } });
    }
    tx.recordEvent(EventType::HoldReleased, QStringLiteral("reservation"), reservationId,
                   { { QStringLiteral("reason"), reason } });
    return true;
}

Error takenError(const QList<Campsite>& alternatives)
{
    QString message = BookingService::tr("Sorry, this site was just taken for these dates.");
    if (alternatives.isEmpty()) {
        message += QLatin1Char(' ') + BookingService::tr("No other site is free for these dates.");
    } else {
        QStringList names;
        for (const Campsite& c : alternatives)
            names << QStringLiteral("%1 %2").arg(c.code, c.name);
        message += QLatin1Char(' ')
            + BookingService::tr("Free for the same dates: %1.").arg(names.join(QStringLiteral(", ")));
    }
    return Error(ErrorCode::SiteTaken, message, campsiteField);
}

} // namespace

BookingService::BookingService(Database& db)
    : m_db(db)
{
}

void BookingService::addGateway(PaymentGateway* gateway)
{
    if (gateway)
        m_gateways.insert(gateway->provider(), gateway);
}

PaymentGateway* BookingService::gateway(const QString& provider) const
{
    return m_gateways.value(provider, nullptr);
}

QString BookingService::newReservationCode()
{
    static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    QString code = QStringLiteral("CD-");
    for (int i = 0; i < 6; ++i)
        code.append(QLatin1Char(alphabet[QRandomGenerator::system()->bounded(int(sizeof(alphabet) - 1))]));
    return code;
}

QString BookingService::codeSearchPrefix(const QString& typed)
{
    const QString text = typed.trimmed().toUpper();
    static const QLatin1String every("CD-");
    return text.startsWith(every) && text.size() >= every.size() + 2 ? text : QString();
}

Status BookingService::validate(const BookingRequest& request) const
{
    if (!request.checkIn.isValid() || !request.checkOut.isValid())
        return invalidInput(tr("Choose the check-in and check-out dates."), QStringLiteral("checkIn"));
    if (request.checkOut < request.checkIn)
        return invalidInput(tr("Check-out cannot be before check-in."), QStringLiteral("checkOut"));
    if (request.checkOut == request.checkIn)
        return invalidInput(tr("Check-out must be at least one night after check-in."), QStringLiteral("checkOut"));
    if (request.checkIn.daysTo(request.checkOut) > maxStayNights)
        return invalidInput(tr("A booking can be at most %n night(s).", nullptr, maxStayNights),
                            QStringLiteral("checkOut"));
    if (request.checkIn < m_db.clock().today())
        return invalidInput(tr("Check-in cannot be in the past."), QStringLiteral("checkIn"));
    if (request.guests < 1)
        return invalidInput(tr("A booking needs at least one guest."), QStringLiteral("guests"));
    if (request.campsiteId <= 0)
        return invalidInput(tr("Choose a campsite."), campsiteField);
    if (request.children < 0 || request.children >= request.guests)
        return invalidInput(tr("At least one guest is an adult: children are fewer than the guests."),
                            QStringLiteral("children"));
    if (request.vehicles < 0 || request.vehicles > 10)
        return invalidInput(tr("Vehicles must be between 0 and 10."), QStringLiteral("vehicles"));
    if (request.pointsToRedeem < 0)
        return invalidInput(tr("Points to use cannot be negative."), QStringLiteral("pointsToRedeem"));
    return CustomerService::validate(request.customer);
}

Result<Quote> BookingService::quote(const BookingRequest& request) const
{
    Customer anyone = request.customer;
    if (anyone.name.trimmed().isEmpty() && anyone.phone.trimmed().isEmpty()) {
        // A price check before the guest's details are typed in.
        anyone.name = QStringLiteral("-");
        anyone.phone = QStringLiteral("01000000000");
    }
    BookingRequest checked = request;
    checked.customer = anyone;
    if (Status valid = validate(checked); !valid.ok())
        return valid.error();
    return m_db.read([&](SqlSession& s) -> Result<Quote> {
        BookingRules rules;
        const std::optional<Campsite> site = loadCampsite(s, request.campsiteId, &rules);
        if (!site)
            return Error(ErrorCode::NotFound, tr("This campsite does not exist."), campsiteField);
        const RateTables rates = loadRates(s, request);
        if (Status open = rates.checkStay(request.checkIn, request.checkOut); !open.ok())
            return open.error();
        const qint64 balance = request.customer.phone.isEmpty() ? 0 : balanceByPhone(s, request.customer.phone);
        Result<Quote> q = computeQuote(rates, *site, request, balance, rules);
        if (!q.ok())
            return q.error();
        if (Status extras = addExtras(s, request, false, rules, q.value()); !extras.ok())
            return extras.error();
        if (Status ok = checkSiteAndPoints(*site, request, q.value()); !ok.ok())
            return ok.error();
        if (Status deposit = BalanceService::applyDeposit(s, nullptr, request, q.value()); !deposit.ok())
            return deposit.error();
        return q;
    });
}

Result<QList<Campsite>> BookingService::freeSites(const QDate& checkIn, const QDate& checkOut, int guests,
                                                  qint64 excludeCampsiteId, int limit) const
{
    return m_db.read([&](SqlSession& s) -> Result<QList<Campsite>> {
        SqlRows q = s.exec(QStringLiteral("SELECT id FROM campsites s WHERE status = 'active' AND max_guests >= ? "
                                          "AND id <> ? AND NOT EXISTS (SELECT 1 FROM reservation_nights n "
                                          "WHERE n.campsite_id = s.id AND n.night >= ? AND n.night < ?) "
                                          "ORDER BY nightly_price, code"),
                           { guests, excludeCampsiteId, sqlDate(checkIn), sqlDate(checkOut) });
        QList<qint64> ids;
        while (q.next() && ids.size() < limit)
            ids.append(q.value(0).toLongLong());
        q.finish();
        QList<Campsite> sites;
        for (qint64 id : ids) {
            if (std::optional<Campsite> c = loadCampsite(s, id))
                sites.append(*c);
        }
        return sites;
    });
}

Result<QList<SiteQuote>> BookingService::freeSitesQuoted(const QDate& checkIn, const QDate& checkOut, int guests,
                                                         int limit) const
{
    BookingRequest request;
    request.checkIn = checkIn;
    request.checkOut = checkOut;
    request.guests = guests;
    request.customer.name = QStringLiteral("-"); // a price check before the guest's details are typed in
    request.customer.phone = QStringLiteral("01000000000");
    request.campsiteId = 1; // the dates and party size are checked here, each site below
    if (Status valid = validate(request); !valid.ok())
        return valid.error();
    return m_db.read([&](SqlSession& s) -> Result<QList<SiteQuote>> {
        SqlRows q = s.exec(QStringLiteral("SELECT id FROM campsites s WHERE status = 'active' AND max_guests >= ? "
                                          "AND NOT EXISTS (SELECT 1 FROM reservation_nights n "
                                          "WHERE n.campsite_id = s.id AND n.night >= ? AND n.night < ?) "
                                          "ORDER BY nightly_price, code"),
                           { guests, sqlDate(checkIn), sqlDate(checkOut) });
        QList<qint64> ids;
        while (q.next() && ids.size() < limit)
            ids.append(q.value(0).toLongLong());
        q.finish();
        const RateTables rates = loadRates(s, request);
        if (Status open = rates.checkStay(checkIn, checkOut); !open.ok())
            return open.error();
        QList<SiteQuote> quoted;
        for (qint64 id : ids) {
            BookingRules rules;
            const std::optional<Campsite> site = loadCampsite(s, id, &rules);
            if (!site)
                continue;
            request.campsiteId = id;
            const Result<Quote> price = computeQuote(rates, *site, request, 0, rules);
            if (price.ok() && checkSiteAndPoints(*site, request, price.value()).ok())
                quoted.append(SiteQuote { *site, price.value() });
        }
        return quoted;
    });
}

Result<Reservation> BookingService::hold(const Actor& actor, const BookingRequest& request)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::Kiosk, Role::System });
        !allowed.ok())
        return allowed.error();
    if (Status valid = validate(request); !valid.ok())
        return valid.error();

    auto attempt = [&]() {
        return m_db.write([&](Transaction& tx) -> Result<Reservation> {
            BookingRules rules;
            const QString phone = CustomerService::normalizePhone(request.customer.phone).value_or(QString());
            const std::optional<Campsite> site = loadCampsite(tx, request.campsiteId, &rules, &phone);
            if (!site)
                return Error(ErrorCode::NotFound, tr("This campsite does not exist."), campsiteField);
            // The customer (created when new), with their balance in the same query when points are to be used (a
            // sum over their whole ledger: not read when nothing needs it). Looked up before the checks below; when
            // one fails, the transaction rolls back and nothing of it stays.
            qint64 balance = 0;
            Result<Customer> customer = CustomerService::findOrCreate(tx, actor, request.customer,
                                                                      request.pointsToRedeem > 0 ? &balance : nullptr,
                                                                      CustomerService::PhoneScope::AlreadyScoped);
            if (!customer.ok())
                return customer.error();
            const RateTables rates = loadRates(tx, request);
            if (Status open = rates.checkStay(request.checkIn, request.checkOut); !open.ok())
                return open.error();
            Result<Quote> priced = computeQuote(rates, *site, request, balance, rules);
            if (!priced.ok())
                return priced.error();
            if (Status extras = addExtras(tx, request, actor.role == Role::Kiosk, rules, priced.value()); !extras.ok())
                return extras.error();
            Quote& q = priced.value();
            if (Status ok = checkSiteAndPoints(*site, request, q); !ok.ok())
                return ok.error();
            // With a deposit, the amount paid now is the deposit; the rest is the balance due at check-in.
            if (Status deposit = BalanceService::applyDeposit(tx, &actor, request, priced.value()); !deposit.ok())
                return deposit.error();
            const QString from = sqlDate(request.checkIn);
            const QString to = sqlDate(request.checkOut);
            const QString orderId = QStringLiteral("cd-") + QUuid::createUuid().toString(QUuid::Id128);
            const qint64 now = tx.nowMs();
            const qint64 expires = now + qint64(rules.holdMinutes) * 60 * 1000;
            const QString channel = actor.role == Role::Kiosk ? QStringLiteral("kiosk") : QStringLiteral("desk");
            // One statement checks that the nights are free (so the usual lost race fails cleanly; the primary key
            // of reservation_nights still guards the rest) and that the code is unused, and inserts.
            QString code;
            qint64 id = 0;
            while (id == 0) {
                code = newReservationCode();
                SqlRows inserted = tx.exec(
                    QStringLiteral(
                        "INSERT INTO reservations (code, campsite_id, customer_id, check_in, check_out, guests, "
                        "status, amount, points_used, channel, order_id, hold_expires_at, created_by, version, "
                        "created_at, updated_at, guest_name) SELECT ?, ?, ?, ?, ?, ?, 'held', ?, ?, ?, ?, ?, "
                        "CAST(? AS BIGINT), 1, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM reservation_nights WHERE "
                        "campsite_id = ? AND night >= ? "
                        "AND night < ?) ON CONFLICT (code) DO NOTHING RETURNING id"),
                    { code, site->id, customer->id, from, to, request.guests, q.deposit, q.points, channel, orderId,
                      expires, actor.userId > 0 ? QVariant(actor.userId) : QVariant(), now, now,
                      request.customer.name.trimmed(), site->id, from, to });
                if (inserted.next()) {
                    id = inserted.value(0).toLongLong();
                } else if (tx.scalar(QStringLiteral("SELECT count(*) FROM reservation_nights WHERE campsite_id = ? "
                                                    "AND night >= ? AND night < ?"),
                                     { site->id, from, to })
                               .toInt()
                           > 0) {
                    return Error(ErrorCode::SiteTaken, QString(), campsiteField);
                } // else the code was taken: another one
            }
            try {
                // Every night in one statement.
                QString sql = QStringLiteral("INSERT INTO reservation_nights (campsite_id, night, reservation_id) "
                                             "VALUES (?, ?, ?)");
                QVariantList values { site->id, from, id };
                for (QDate night = request.checkIn.addDays(1); night < request.checkOut; night = night.addDays(1)) {
                    sql += QStringLiteral(", (?, ?, ?)");
                    values << site->id << sqlDate(night) << id;
                }
                tx.exec(sql, values);
                BalanceService::recordBalanceDue(tx, id, q.balanceDue);
            } catch (const DbError& error) {
                if (error.kind() != DbError::Kind::Unique)
                    throw;
                // Another terminal committed the same night after our check (PostgreSQL): rolled back below.
                return Error(ErrorCode::SiteTaken, QString(), campsiteField);
            }
            // The priced lines, so the receipt (and a later change) reads what was charged, not today's rates. The
            // points are a line of their own: the lines add up to the amount.
            {
                QList<StayLine> lines = q.lines;
                // Sold out: rolled back, nothing held.
                if (Status stock = ExtrasService::takeStock(tx, lines); !stock.ok())
                    return stock.error();
                if (q.points > 0) {
                    StayLine points;
                    points.kind = QStringLiteral("points");
                    points.unitPrice = points.amount = -q.points;
                    lines.append(points);
                }
                QString sql = QStringLiteral("INSERT INTO reservation_lines (reservation_id, kind, night, label_code, "
                                             "quantity, unit_price, amount, extra_id, label, stock_taken) VALUES ");
                QVariantList values;
                for (const StayLine& line : lines) {
                    sql += values.isEmpty() ? QStringLiteral("(?, ?, ?, ?, ?, ?, ?, CAST(? AS BIGINT), ?, ?)")
                                            : QStringLiteral(", (?, ?, ?, ?, ?, ?, ?, CAST(? AS BIGINT), ?, ?)");
                    values << id << line.kind << (line.night.isValid() ? QVariant(sqlDate(line.night)) : QVariant())
                           << line.labelCode() << line.quantity << line.unitPrice << line.amount
                           << (line.extraId > 0 ? QVariant(line.extraId) : QVariant()) << line.name << line.stockTaken;
                }
                tx.exec(sql, values);
            }
            // The row just written, described without reading it back.
            Reservation held;
            held.id = id;
            held.code = code;
            held.campsiteId = site->id;
            held.campsiteCode = site->code;
            held.campsiteName = site->name;
            held.customerId = customer->id;
            held.customerName = customer->name;
            held.customerPhone = customer->phone;
            held.checkIn = request.checkIn;
            held.checkOut = request.checkOut;
            held.guests = request.guests;
            held.status = ReservationStatus::Held;
            held.amount = q.deposit;
            held.balanceDue = q.balanceDue;
            held.pointsUsed = q.points;
            held.channel = channel;
            held.orderId = orderId;
            held.holdExpiresAt = expires;
            held.version = 1;
            held.createdAt = now;
            tx.recordEvent(EventType::ReservationHeld, QStringLiteral("reservation"), id, describe(held));
            return held;
        });
    };

    Result<Reservation> result = attempt();
    // A new customer's phone or a reservation code created by another terminal at the same moment: once more.
    for (int retry = 0; retry < 2 && !result.ok() && result.error().code == ErrorCode::Conflict; ++retry)
        result = attempt();
    if (!result.ok() && result.error().code == ErrorCode::SiteTaken) {
        Result<QList<Campsite>> others
            = freeSites(request.checkIn, request.checkOut, request.guests, request.campsiteId);
        Error taken = takenError(others.ok() ? others.value() : QList<Campsite>());
        // A night held by a site block (migration 18): say it is closed, and why, instead of "just taken".
        Result<QString> blocked = m_db.read([&](SqlSession& s) -> Result<QString> {
            SqlRows q = s.exec(QStringLiteral("SELECT b.reason FROM reservation_nights n JOIN site_blocks b ON "
                                              "b.id = n.block_id WHERE n.campsite_id = ? AND n.night >= ? "
                                              "AND n.night < ? ORDER BY n.night"),
                               { request.campsiteId, sqlDate(request.checkIn), sqlDate(request.checkOut) });
            return q.next() ? q.value(0).toString() : QString();
        });
        if (blocked.ok() && !blocked->isEmpty()) {
            taken.message.replace(tr("Sorry, this site was just taken for these dates."),
                                  tr("This site is closed on some of these dates (%1).").arg(blocked.value()));
        }
        return taken;
    }
    return result;
}

Result<PaymentRequest> BookingService::beginPayment(const Actor& actor, qint64 reservationId,
                                                    const PaymentGateway& gateway, const QString& method,
                                                    const QString& paymentKey)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::Kiosk, Role::System });
        !allowed.ok())
        return allowed.error();
    return m_db.write([&](Transaction& tx) -> Result<PaymentRequest> {
        // Locked so that hold expiry or release on another terminal either sees this payment or ran before it.
        lockReservation(tx, reservationId);
        // The reservation and whether a payment for it is pending, in one query.
        SqlRows q = tx.exec(reservationColumns
                                + QStringLiteral(", (SELECT count(*) FROM payments p WHERE p.reservation_id = r.id "
                                                 "AND p.status = 'pending') AS pending_payments")
                                + reservationTables + QStringLiteral(" WHERE r.id = ?"),
                            { reservationId });
        if (!q.next())
            return notFound();
        const std::optional<Reservation> r = Reservation::fromRow(q);
        const bool paymentPending = q.value(QStringLiteral("pending_payments")).toLongLong() > 0;
        q.finish();
        if (r->status == ReservationStatus::Confirmed)
            return Error(ErrorCode::Conflict, tr("Booking %1 is already paid.").arg(r->code));
        if (r->status != ReservationStatus::Held || r->holdExpiresAt <= tx.nowMs())
            return Error(ErrorCode::Conflict, tr("The hold on this site ran out. Please start the booking again."));
        if (paymentPending) {
            return Error(
                ErrorCode::Conflict,
                tr("A payment for booking %1 is already in progress. Please wait for its result.").arg(r->code));
        }
        tx.exec(QStringLiteral("INSERT INTO payments (reservation_id, order_id, provider, method, amount, status, "
                               "created_at, updated_at, taken_by) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)"),
                { reservationId, r->orderId, gateway.provider(), paymentMethod(*r, method), r->amount, tx.nowMs(),
                  tx.nowMs(), PaymentRecord::staffOf(actor) });
        return paymentRequest(*r, method, paymentKey);
    });
}

Result<PaymentRequest> BookingService::beginPaymentForNewHold(const Actor& actor, const Reservation& held,
                                                              const PaymentGateway& gateway, const QString& method,
                                                              const QString& paymentKey)
{
    // beginPayment()'s checks, made by the INSERT itself: the hold is current and no payment of it is pending.
    Result<bool> inserted = m_db.write([&](Transaction& tx) -> Result<bool> {
        // The hold is locked as in beginPayment(), by the INSERT itself on PostgreSQL (one round trip less): a row
        // that another terminal changes meanwhile is read again after its commit and must still be held.
        const QString lock = tx.driver() == SqlDriver::Postgres ? QStringLiteral(" FOR UPDATE") : QString();
        const qint64 now = tx.nowMs();
        SqlRows q = tx.exec(
            QStringLiteral("INSERT INTO payments (reservation_id, order_id, provider, method, amount, status, "
                           "created_at, updated_at, taken_by) SELECT ?, ?, ?, ?, ?, 'pending', ?, ?, ? WHERE EXISTS "
                           "(SELECT 1 FROM reservations WHERE id = ? AND status = 'held' AND hold_expires_at > ?")
                + lock
                + QStringLiteral(") AND NOT EXISTS (SELECT 1 FROM payments WHERE reservation_id = ? AND status = "
                                 "'pending') RETURNING id"),
            { held.id, held.orderId, gateway.provider(), paymentMethod(held, method), held.amount, now, now,
              PaymentRecord::staffOf(actor), held.id, now, held.id });
        return q.next();
    });
    if (!inserted.ok())
        return inserted.error();
    if (!inserted.value()) // beginPayment() reads the reservation and says why not
        return beginPayment(actor, held.id, gateway, method, paymentKey);
    return paymentRequest(held, method, paymentKey);
}

PaymentOutcome BookingService::charge(PaymentGateway& gateway, const PaymentRequest& request)
{
    if (request.amount == 0) {
        PaymentOutcome paidWithPoints;
        paidWithPoints.status = PaymentOutcome::Status::Approved;
        paidWithPoints.providerTxId = QStringLiteral("points");
        return paidWithPoints;
    }
    return gateway.confirm(request);
}

Result<Reservation> BookingService::confirmPaid(const Actor& actor, qint64 reservationId, const PaymentOutcome& outcome,
                                                const QString& groupCode, qint64 pointsShare)
{
    Result<Reservation> result = m_db.write([&](Transaction& tx) -> Result<Reservation> {
        // The reservation, its payment, the customer's balance and contacts, and the booking rules, in one query.
        SqlRows q = tx.exec(reservationColumns + QStringLiteral(", ") + PaymentRecord::columns()
                                + QStringLiteral(", (SELECT COALESCE(SUM(m.delta), 0) FROM mileage_ledger m "
                                                 "WHERE m.customer_id = r.customer_id) AS balance, ")
                                + RuleSettings::ruleColumns()
                                + QStringLiteral(", c.email, c.language, c.message_consent, (SELECT count(*) FROM "
                                                 "reservation_lines l WHERE l.reservation_id = r.id AND l.kind = "
                                                 "'extra') AS extras")
                                + reservationTables
                                + QStringLiteral(" LEFT JOIN payments p ON p.order_id = r.order_id WHERE r.id = ?"),
                            { reservationId });
        if (!q.next())
            return notFound();
        std::optional<Reservation> r = Reservation::fromRow(q);
        const std::optional<PaymentRecord> payment = PaymentRecord::fromRow(q);
        // Read in this transaction: what this confirmation records is added to it below.
        qint64 balance = q.value(QStringLiteral("balance")).toLongLong();
        // The rules' columns have no names: they follow the balance.
        const BookingRules rules = RuleSettings::fromColumns(q, q.record().indexOf(QStringLiteral("balance")) + 1);
        NotificationQueue::Facts facts;
        facts.email = q.value(QStringLiteral("email")).toString();
        facts.language = q.value(QStringLiteral("language")).toString();
        facts.messageConsent = q.value(QStringLiteral("message_consent")).toInt() != 0;
        facts.mayHaveExtras = q.value(QStringLiteral("extras")).toLongLong() > 0;
        q.finish();
        if (r->status == ReservationStatus::Confirmed)
            return alreadyConfirmed(*r); // e.g. by the reconciler: nothing to do twice
        if (r->status != ReservationStatus::Held || !payment || payment->status != QLatin1String("pending"))
            return Error(ErrorCode::Conflict, tr("Booking %1 is no longer waiting for its payment.").arg(r->code));
        if (outcome.amount != r->amount || payment->amount != r->amount) {
            qCWarning(lcBooking) << "amount mismatch for" << r->code << "expected" << r->amount << "gateway"
                                 << outcome.amount;
            return Error(ErrorCode::Payment, tr("The amount paid does not match the booking."));
        }

        // The guard: only a held row becomes confirmed. The read above may be stale (PostgreSQL); this UPDATE waits
        // for another terminal's confirmation, cancel or release of the same row and then finds it no longer held.
        const qint64 now = tx.nowMs();
        SqlRows claimed = tx.exec(
            QStringLiteral("UPDATE reservations SET status = 'confirmed', confirmed_at = ?, hold_expires_at = NULL, "
                           "updated_at = ?, version = version + 1 WHERE id = ? AND status = 'held' RETURNING id"),
            { now, now, reservationId });
        if (!claimed.next()) {
            claimed.finish();
            const QString status
                = tx.scalar(QStringLiteral("SELECT status FROM reservations WHERE id = ?"), { reservationId })
                      .toString();
            if (status == reservationStatusKey(ReservationStatus::Confirmed))
                return alreadyConfirmed(*r);
            return Error(ErrorCode::Conflict, tr("Booking %1 is no longer waiting for its payment.").arg(r->code));
        }
        claimed.finish();
        SqlRows approved = tx.exec(QStringLiteral("UPDATE payments SET status = 'approved', provider_tx_id = ?, "
                                                  "approved_at = ?, updated_at = ? WHERE id = ? AND status = 'pending' "
                                                  "RETURNING id"),
                                   { outcome.providerTxId, now, now, payment->id });
        if (!approved.next())
            return Error(ErrorCode::Conflict, tr("Booking %1 is no longer waiting for its payment.").arg(r->code));
        approved.finish();
        if (r->pointsUsed > 0) {
            // Spent at commit, whatever else spends this customer's points at the same moment.
            MileageService::lockBalance(tx, r->customerId);
            balance = MileageService::balance(tx, r->customerId);
            if (balance < r->pointsUsed)
                return Error(ErrorCode::Conflict, tr("The points for this booking are no longer available."));
        }
        // The day's figures, the points included, are written once below.
        DailyDelta stats;
        stats.bookings = 1;
        stats.revenue = r->amount;
        stats.bookedNights = r->nights();
        const QString source = QString::number(reservationId);
        if (r->pointsUsed > 0
            && MileageService::record(tx, r->customerId, -r->pointsUsed, QStringLiteral("redeem"), source, QString(),
                                      now, stats))
            balance -= r->pointsUsed;
        const qint64 earned
            = pointsShare >= 0 ? pointsShare : RuleSettings::pointsForBooking(tx, rules, reservationId, r->amount);
        if (earned > 0
            && MileageService::record(tx, r->customerId, earned, QStringLiteral("payment"), source, QString(), now,
                                      stats))
            balance += earned;

        // What the UPDATE above wrote, without reading the row back (one round trip less on PostgreSQL).
        r->status = ReservationStatus::Confirmed;
        r->confirmedAt = now;
        r->holdExpiresAt = 0;
        r->version += 1;
        const std::vector<qint64> events = tx.recordEvents(
            { { EventType::PaymentApproved,
                QStringLiteral("payment"),
                payment->id,
                { { QStringLiteral("reservationId"), reservationId },
                  { QStringLiteral("orderId"), r->orderId },
                  { QStringLiteral("provider"), payment->provider },
                  { QStringLiteral("method"), payment->method },
                  { QStringLiteral("amount"), r->amount } } },
              { EventType::ReservationConfirmed, QStringLiteral("reservation"), reservationId, describe(*r) },
              { EventType::MileageSaved,
                QStringLiteral("customer"),
                r->customerId,
                { { QStringLiteral("reservationId"), reservationId },
                  { QStringLiteral("points"), earned },
                  { QStringLiteral("pointsUsed"), r->pointsUsed },
                  { QStringLiteral("balance"), balance } } } });
        const qint64 confirmedEvent = events.at(1);
        facts.reservation = *r;
        facts.pointsEarned = earned;
        if (groupCode.isEmpty())
            NotificationQueue::enqueue(tx, confirmedEvent, EventType::ReservationConfirmed, reservationId, facts);
        else
            NotificationQueue::enqueueTemplate(tx, confirmedEvent, QStringLiteral("group_confirmed"), reservationId,
                                               facts, { { QStringLiteral("group"), groupCode } });
        ReadModel::addDaily(tx, now, stats);
        ReadModel::refreshCampsite(tx, r->campsiteId);
        if (actor.isStaff())
            tx.audit(actor, QStringLiteral("reservation.confirm"), r->code, payment->method);
        return *r;
    });
    // One line per booking for the log (codes and ids only: no names, phone numbers or card data).
    if (result.ok())
        qCInfo(lcBooking).noquote() << "booking" << result->code << "confirmed: site" << result->campsiteCode
                                    << result->nights() << "night(s) from" << result->checkIn.toString(Qt::ISODate)
                                    << "," << result->amount << "won," << result->channel << "by" << actor.name;
    return result;
}

Status BookingService::releaseWithPayment(qint64 reservationId, const QString& reason)
{
    return m_db.write([&](Transaction& tx) -> Status {
        releaseHeld(tx, reservationId, reason);
        return {};
    });
}

Result<bool> BookingService::failPaymentKeepHold(qint64 reservationId, const QString& reason)
{
    return m_db.write([&](Transaction& tx) -> Result<bool> {
        lockReservation(tx, reservationId);
        const qint64 now = tx.nowMs();
        // The guard: only a hold still current keeps its nights. The order id the provider refused is spent (it stays
        // on the failed payment row); the next try is a new order.
        SqlRows kept
            = tx.exec(QStringLiteral("UPDATE reservations SET order_id = ?, updated_at = ?, "
                                     "version = version + 1 WHERE id = ? AND status = 'held' AND "
                                     "hold_expires_at > ?"),
                      { QStringLiteral("cd-") + QUuid::createUuid().toString(QUuid::Id128), now, reservationId, now });
        if (kept.numRowsAffected() != 1) {
            kept.finish();
            releaseHeld(tx, reservationId, reason); // lapsed meanwhile: as a walk-in's hold
            return false;
        }
        kept.finish();
        SqlRows failed = tx.exec(QStringLiteral("UPDATE payments SET status = 'failed', failure_reason = ?, "
                                                "updated_at = ? WHERE reservation_id = ? AND status = 'pending' "
                                                "RETURNING id, order_id"),
                                 { reason, now, reservationId });
        QList<QPair<qint64, QString>> payments; // (id, the refused order id)
        while (failed.next())
            payments.append({ failed.value(0).toLongLong(), failed.value(1).toString() });
        failed.finish();
        for (const auto& [paymentId, orderId] : payments) {
            tx.recordEvent(EventType::PaymentFailed, QStringLiteral("payment"), paymentId,
                           { { QStringLiteral("reservationId"), reservationId },
                             { QStringLiteral("orderId"), orderId },
                             { QStringLiteral("reason"), reason },
                             { QStringLiteral("holdKept"), true } });
        }
        return true;
    });
}

Result<Reservation> BookingService::finishPayment(const Actor& actor, qint64 reservationId, PaymentGateway& gateway,
                                                  const PaymentOutcome& outcome, OnFailure onFailure)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::Kiosk, Role::System });
        !allowed.ok())
        return allowed.error();
    using S = PaymentOutcome::Status;
    switch (outcome.status) {
    case S::Approved: {
        Result<Reservation> confirmed = confirmPaid(actor, reservationId, outcome);
        // Already confirmed by another terminal: the money belongs to that booking, nothing to give back.
        if (confirmed.ok() || confirmed.error().code == ErrorCode::AlreadyDone)
            return confirmed;
        // Money was taken but the booking cannot be saved: give the money back (compensation).
        qCWarning(lcBooking) << "confirming reservation" << reservationId
                             << "failed after approval:" << confirmed.error().message;
        Result<Reservation> r = get(reservationId);
        if (!r.ok())
            return confirmed.error();
        PaymentCancelRequest refund;
        refund.orderId = r->orderId;
        refund.providerTxId = outcome.providerTxId;
        refund.cancelAmount = outcome.amount;
        refund.reason = QStringLiteral("booking could not be saved");
        const PaymentOutcome undone
            = r->amount == 0 && outcome.providerTxId == QLatin1String("points") ? outcome : gateway.cancel(refund);
        Status recorded = m_db.write([&](Transaction& tx) -> Status {
            const qint64 now = tx.nowMs();
            if (undone.approved()) {
                // The row keeps what the gateway actually took and gave back, so the day's totals add up.
                SqlRows q = tx.exec(QStringLiteral("UPDATE payments SET status = 'cancelled', provider_tx_id = ?, "
                                                   "approved_at = ?, cancelled_at = ?, amount = ?, refund_amount = ?, "
                                                   "failure_reason = ?, updated_at = ? WHERE order_id = ? "
                                                   "AND status = 'pending' RETURNING id"),
                                    { outcome.providerTxId, now, now, outcome.amount, outcome.amount,
                                      confirmed.error().message, now, r->orderId });
                if (q.next()) {
                    const qint64 paymentId = q.value(0).toLongLong();
                    q.finish();
                    PaymentRecord::creditRefund(tx, actor, paymentId);
                    DailyDelta stats;
                    stats.revenue = outcome.amount;
                    stats.refunds = outcome.amount;
                    ReadModel::addDaily(tx, now, stats);
                    tx.recordEvent(EventType::PaymentCancelled, QStringLiteral("payment"), paymentId,
                                   { { QStringLiteral("reservationId"), reservationId },
                                     { QStringLiteral("refund"), outcome.amount },
                                     { QStringLiteral("reason"), QStringLiteral("compensation") } });
                }
                releaseHeld(tx, reservationId, QStringLiteral("compensated"));
            }
            return {};
        });
        if (!undone.approved()) {
            // The provider keeps the money for a booking that does not exist: a state the reconciler retries.
            recorded = m_db.write([&](Transaction& tx) -> Status {
                if (std::optional<PaymentRecord> p
                    = loadPayment(tx, QStringLiteral("order_id = ? AND status = 'pending'"), r->orderId))
                    PaymentAttention::flag(tx, actor, p->id, AttentionReason::PaidWithoutBooking,
                                           confirmed.error().message, outcome.amount);
                return {};
            });
        }
        if (!recorded.ok())
            qCWarning(lcBooking) << "could not record the compensation of" << r->orderId << recorded.error().message;
        if (!undone.approved()) {
            qCCritical(lcBooking) << "payment" << r->orderId << "approved but neither booked nor cancelled";
            return Error(ErrorCode::Payment,
                         tr("The payment went through but the booking could not be saved, and the payment could not "
                            "be cancelled automatically. Please show booking %1 to the front desk for a refund.")
                             .arg(r->code));
        }
        return Error(ErrorCode::Payment,
                     tr("The booking could not be saved (%1), so the payment was cancelled and "
                        "nothing was charged. Please try again.")
                         .arg(confirmed.error().message));
    }
    case S::Unknown: {
        Result<Reservation> r = get(reservationId);
        // Field "pending" kept until BookingFlow::pending() reads the code.
        return Error(ErrorCode::PaymentPending,
                     tr("The payment result is pending: the card company did not answer in time. Do not pay again; "
                        "the site stays held while we check, and booking %1 is confirmed automatically if the "
                        "payment went through.")
                         .arg(r.ok() ? r->code : QString()),
                     QStringLiteral("pending"));
    }
    case S::Unavailable: {
        const QString reason = outcome.message.isEmpty()
            ? tr("Payments are busy right now. Please try again in a little while, or pay at the front desk.")
            : outcome.message;
        if (onFailure == OnFailure::KeepHold) {
            Result<bool> kept = failPaymentKeepHold(reservationId, QStringLiteral("payment unavailable"));
            if (!kept.ok())
                return kept.error();
            return Error(ErrorCode::PaymentsBusy, reason, kept.value() ? QStringLiteral("holdKept") : QString());
        }
        if (Status released = releaseWithPayment(reservationId, QStringLiteral("payment unavailable")); !released.ok())
            return released.error();
        return Error(ErrorCode::PaymentsBusy, reason);
    }
    case S::Declined:
    case S::Failed:
    case S::NotFound:
    case S::Cancelled:
        break;
    }
    const QString why = outcome.message.isEmpty() ? tr("The payment did not go through.") : outcome.message;
    if (outcome.keptByProvider > 0) {
        // Approved for another amount and not cancelled: the provider holds money; say only that, and keep it owed.
        Status released = m_db.write([&](Transaction& tx) -> Status {
            releaseHeld(tx, reservationId, QStringLiteral("payment failed: ") + why);
            if (std::optional<PaymentRecord> p = loadPayment(tx, QStringLiteral("reservation_id = ?"), reservationId)) {
                // The row keeps what the provider took and when (as a compensated payment does: the day's revenue
                // has it, the refund comes off when it is made) and the provider's id for the refund.
                tx.exec(
                    QStringLiteral("UPDATE payments SET provider_tx_id = ?, amount = ?, approved_at = ? WHERE id = ?"),
                    { outcome.providerTxId, outcome.keptByProvider, tx.nowMs(), p->id });
                DailyDelta stats;
                stats.revenue = outcome.keptByProvider;
                ReadModel::addDaily(tx, tx.nowMs(), stats);
                PaymentAttention::flag(tx, actor, p->id, AttentionReason::MismatchNotCancelled, why,
                                       outcome.keptByProvider);
            }
            return {};
        });
        if (!released.ok())
            return released.error();
        return Error(ErrorCode::Payment, why + QLatin1Char(' ') + tr("No booking was made."));
    }
    if (onFailure == OnFailure::KeepHold) {
        Result<bool> kept = failPaymentKeepHold(reservationId, QStringLiteral("payment failed: ") + why);
        if (!kept.ok())
            return kept.error();
        if (kept.value()) // field "holdKept": the caller says until when
            return Error(ErrorCode::Payment, why + QLatin1Char(' ') + tr("Nothing was charged."),
                         QStringLiteral("holdKept"));
    } else if (Status released = releaseWithPayment(reservationId, QStringLiteral("payment failed: ") + why);
               !released.ok()) {
        return released.error();
    }
    return Error(ErrorCode::Payment, why + QLatin1Char(' ') + tr("Nothing was charged and no booking was made."));
}

Result<Reservation> BookingService::book(const Actor& actor, const BookingRequest& request, PaymentGateway& gateway,
                                         const QString& method, const QString& paymentKey)
{
    Result<Reservation> held = hold(actor, request);
    if (!held.ok())
        return held;
    Result<PaymentRequest> payment = beginPaymentForNewHold(actor, held.value(), gateway, method, paymentKey);
    if (!payment.ok()) {
        (void)releaseWithPayment(held->id, QStringLiteral("payment not started"));
        return payment.error();
    }
    return finishPayment(actor, held->id, gateway, charge(gateway, payment.value()));
}

Status BookingService::releaseHold(const Actor& actor, qint64 reservationId)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::Kiosk, Role::System });
        !allowed.ok())
        return allowed;
    return m_db.write([&](Transaction& tx) -> Status {
        // Locked first: a payment another terminal starts at the same moment is either seen here or refused there.
        lockReservation(tx, reservationId);
        if (hasPendingPayment(tx, reservationId)) {
            return Error(ErrorCode::Conflict,
                         tr("This booking's payment is still being checked; it cannot be abandoned now."));
        }
        releaseHeld(tx, reservationId, QStringLiteral("abandoned"));
        return {};
    });
}

Result<int> BookingService::expireHolds()
{
    return m_db.write([&](Transaction& tx) -> Result<int> {
        // A hold whose payment is pending waits for its result (the reconciler), however late.
        SqlRows q = tx.exec(QStringLiteral("SELECT id FROM reservations r WHERE status = 'held' AND "
                                           "hold_expires_at <= ? AND NOT EXISTS (SELECT 1 FROM payments p WHERE "
                                           "p.reservation_id = r.id AND p.status = 'pending') ORDER BY id"),
                            { tx.nowMs() });
        QList<qint64> ids;
        while (q.next())
            ids.append(q.value(0).toLongLong());
        q.finish();
        int released = 0;
        for (qint64 id : ids) {
            // Checked again under the row's lock: a payment begun since the query above keeps its hold.
            lockReservation(tx, id);
            if (hasPendingPayment(tx, id))
                continue;
            released += releaseHeld(tx, id, QStringLiteral("expired")) ? 1 : 0;
        }
        return released;
    });
}

Result<CancelQuote> BookingService::quoteCancel(SqlSession& s, const Actor& actor, const CancelRequest& request) const
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::Kiosk, Role::System });
        !allowed.ok())
        return allowed.error();
    std::optional<Reservation> r;
    if (actor.role == Role::Kiosk || request.reservationId == 0) {
        // A customer proves the booking is theirs with its code and their phone number.
        const std::optional<QString> phone = CustomerService::normalizePhone(request.phone);
        if (actor.role == Role::Kiosk && !phone)
            return invalidInput(tr("Enter the phone number you booked with."), QStringLiteral("phone"));
        SqlRows q
            = s.exec(selectReservation + QStringLiteral(" WHERE r.code = ?"), { request.code.trimmed().toUpper() });
        if (q.next())
            r = Reservation::fromRow(q);
        if (r && (phone ? r->customerPhone != *phone : actor.role == Role::Kiosk))
            r.reset();
    } else {
        r = loadReservation(s, request.reservationId);
    }
    if (!r || !r->isReal())
        return notFound();
    switch (r->status) {
    case ReservationStatus::Cancelled:
        return alreadyCancelled(*r);
    case ReservationStatus::CheckedIn:
    case ReservationStatus::CheckedOut:
        return invalidInput(tr("Booking %1 cannot be cancelled after check-in.").arg(r->code));
    default:
        break;
    }
    // The refund goes back across the booking's payments, newest first (refundParts): its own, a dearer change's
    // charge, a balance taken before arrival. Worked out from the whole amount they paid.
    CancelQuote quote;
    quote.reservation = *r;
    quote.daysBefore = int(m_db.clock().today().daysTo(r->checkIn));
    quote.refundPercent = RuleSettings::load(s).refundPercent(quote.daysBefore);
    quote.pointsShortfall = MileageService::cancelShortfall(s, r->customerId, r->id, r->pointsUsed);
    // Extras the guest used are not refunded; the rest of the booking (stay and extras) by the same percentage.
    const qint64 refundable = std::max<qint64>(0, r->amount - ExtrasService::consumedAmount(s, r->id));
    quote.refund = std::max<qint64>(0, refundable * quote.refundPercent / 100 - quote.pointsShortfall);
    if (request.refundOverride) {
        if (Status staff = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::System }); !staff.ok())
            return staff.error();
        // Not even staff refund the points already spent: that would let them be spent twice.
        const qint64 most = std::max<qint64>(0, r->amount - quote.pointsShortfall);
        if (*request.refundOverride < 0 || *request.refundOverride > most) {
            return invalidInput(tr("The refund must be between 0 and %1 won.").arg(most),
                                QStringLiteral("refundOverride"));
        }
        if (request.reason.trimmed().isEmpty())
            return invalidInput(tr("Give a reason for changing the refund."), QStringLiteral("reason"));
        quote.refund = *request.refundOverride;
    }
    quote.parts = refundParts(s, r->id, quote.refund);
    return quote;
}

Result<CancelQuote> BookingService::cancellationQuote(const Actor& actor, const CancelRequest& request) const
{
    return m_db.read([&](SqlSession& s) { return quoteCancel(s, actor, request); });
}

Result<Reservation> BookingService::cancel(const Actor& actor, const CancelRequest& request)
{
    Result<CancelQuote> quote = cancellationQuote(actor, request);
    if (!quote.ok())
        return quote.error();
    const Reservation& r = quote->reservation;
    const QString reason
        = request.reason.trimmed().isEmpty() ? QStringLiteral("customer_cancelled") : request.reason.trimmed();
    // A code, rendered in the reader's language by StatusText.
    const QString details
        = StatusText::code(QStringLiteral("cancel.refund"),
                           { quote->refund, quote->daysBefore, quote->refundPercent, quote->pointsShortfall,
                             request.refundOverride ? request.reason.trimmed() : QString() });
    if (r.amount == 0) // paid with points only: nothing was charged, so nothing goes back through a provider
        return cancelPaid(actor, r.id, 0, reason, details);
    // The refunds are claimed before they are asked, all in one transaction: a check-in waits for the claims and then
    // refuses, so the gateway never refunds a stay that goes ahead (see decisions.md, "Cancel claims the refund
    // first"). The booking must still be as it was quoted (its version, and what it paid: a balance taken meanwhile
    // makes it a new refund).
    Result<QList<RefundPart>> parts = claimRefundParts(
        r.id, quote->refund, cancelKind(), r.version, r.amount, [](const Reservation& now) -> Status {
            if (now.status == ReservationStatus::Cancelled)
                return alreadyCancelled(now);
            if (now.status != ReservationStatus::Confirmed)
                return invalidInput(tr("Booking %1 cannot be cancelled after check-in.").arg(now.code));
            return {};
        });
    if (!parts.ok())
        return parts.error();
    return refundAcross(actor, r, parts.value(), cancelKind(), reason,
                        [&](Transaction& tx) { return finishCancel(tx, actor, r.id, reason, details); });
}

QList<RefundPart> BookingService::refundParts(SqlSession& s, qint64 reservationId, qint64 refund)
{
    // The payments that took the booking's money (not the rows recording partial refunds), newest first.
    SqlRows q = s.exec(QStringLiteral("SELECT p.id, p.order_id, p.provider, p.provider_tx_id, p.amount - (SELECT "
                                      "COALESCE(sum(x.refund_amount), 0) FROM payments x WHERE x.refund_of = p.id) "
                                      "FROM payments p WHERE p.reservation_id = ? AND p.status = 'approved' AND "
                                      "p.refund_of IS NULL ORDER BY p.id DESC"),
                       { reservationId });
    QList<RefundPart> parts;
    qint64 left = refund;
    while (q.next()) {
        RefundPart part;
        part.paymentId = q.value(0).toLongLong();
        part.orderId = q.value(1).toString();
        part.provider = q.value(2).toString();
        part.providerTxId = q.value(3).toString();
        part.holds = std::max<qint64>(0, q.value(4).toLongLong());
        part.refund = std::min(left, part.holds);
        left -= part.refund;
        parts.append(part);
    }
    if (left > 0)
        return {};
    return parts;
}

Result<QList<RefundPart>> BookingService::claimRefundParts(qint64 reservationId, qint64 refund, const QString& kind,
                                                           int quotedVersion, qint64 quotedAmount,
                                                           const std::function<Status(const Reservation&)>& check)
{
    return m_db.write([&](Transaction& tx) -> Result<QList<RefundPart>> {
        // The reservation is locked first, as check-in locks it (PostgreSQL); a check-in that came first is seen.
        lockReservation(tx, reservationId);
        const std::optional<Reservation> r = loadReservation(tx, reservationId);
        if (!r)
            return notFound();
        if (Status ok = check(*r); !ok.ok())
            return ok.error();
        if ((quotedVersion > 0 && r->version != quotedVersion) || r->amount != quotedAmount)
            return changedSinceQuoted(*r);
        // Another refund claimed (a cancel, a no-show, a change's refund) or a payment on its way (a balance, a
        // change's charge): its terminal finishes first.
        if (tx.scalar(QStringLiteral("SELECT count(*) FROM payments WHERE reservation_id = ? AND status = 'approved' "
                                     "AND refund_requested IS NOT NULL"),
                      { reservationId })
                .toLongLong()
            > 0)
            return refundInProgress(*r);
        if (tx.scalar(QStringLiteral("SELECT count(*) FROM payments WHERE reservation_id = ? AND status = 'pending'"),
                      { reservationId })
                .toLongLong()
            > 0)
            return Error(ErrorCode::AlreadyDone,
                         tr("A payment for booking %1 is in progress on another terminal; please look at the booking "
                            "again in a moment.")
                             .arg(r->code));
        const QList<RefundPart> parts = refundParts(tx, reservationId, refund);
        if (parts.isEmpty())
            return Error(ErrorCode::Conflict, tr("Booking %1 has no approved payment to refund.").arg(r->code));
        for (const RefundPart& part : parts) {
            if (!gateway(part.provider)) {
                return Error(ErrorCode::Unavailable,
                             tr("This booking was paid through %1, which this terminal cannot refund. Cancel it at "
                                "the front desk.")
                                 .arg(part.provider));
            }
            // The guard, one per payment: approved and not claimed, of a booking still confirmed (and, when quoted,
            // still at the quoted version). refund_requested is also what the reconciler compares the provider's
            // refund with, should an answer be lost. Any part refused rolls all of them back.
            SqlRows claimed = tx.exec(
                QStringLiteral("UPDATE payments SET refund_requested = ?, refund_kind = ?, updated_at = ? WHERE id = ? "
                               "AND status = 'approved' AND refund_requested IS NULL AND EXISTS (SELECT 1 FROM "
                               "reservations WHERE id = ? AND status = 'confirmed' AND (? = 0 OR version = ?)) "
                               "RETURNING id"),
                { part.refund, kind, tx.nowMs(), part.paymentId, reservationId, quotedVersion, quotedVersion });
            if (!claimed.next())
                return refundInProgress(*r);
        }
        return parts;
    });
}

Result<Reservation> BookingService::refundAcross(const Actor& actor, const Reservation& r,
                                                 const QList<RefundPart>& parts, const QString& kind,
                                                 const QString& reason, const RefundFinish& finish)
{
    using S = PaymentOutcome::Status;
    // A part that keeps its money is not sent (a provider may close an order refunded 0), unless it is the booking's
    // only payment, as a cancel always did.
    auto sent = [&](const RefundPart& part) { return part.refund > 0 || parts.size() == 1; };
    QList<qint64> refunded; // the payments given back, in order
    std::optional<PaymentOutcome> stopped;
    int stoppedAt = -1;
    for (int i = 0; i < parts.size(); ++i) {
        const RefundPart& part = parts.at(i);
        if (!sent(part))
            continue;
        PaymentGateway* provider = gateway(part.provider);
        PaymentOutcome outcome;
        if (provider) {
            PaymentCancelRequest refund;
            refund.orderId = part.orderId;
            refund.providerTxId = part.providerTxId;
            refund.cancelAmount = part.refund;
            refund.reason = reason;
            outcome = provider->cancel(refund);
        } else {
            outcome.status = S::Unavailable;
        }
        if (!outcome.approved()) {
            stopped = outcome;
            stoppedAt = i;
            break;
        }
        refunded.append(part.paymentId);
    }
    const bool definiteNo = stopped
        && (stopped->status == S::Declined || stopped->status == S::Unavailable || stopped->status == S::NotFound);
    const QString why = stopped ? (stopped->message.isEmpty() ? stopped->providerCode : stopped->message) : QString();
    if (stopped && definiteNo && refunded.isEmpty()) {
        // Nothing was given back: every claim goes, and with it the amounts asked (they must not be compared with a
        // later refund made another way). The booking is as it was.
        for (const RefundPart& part : parts)
            (void)releaseRefundClaim(part.paymentId, part.refund);
        if (Result<Reservation> now = get(r.id); now.ok() && now->status == ReservationStatus::Cancelled)
            return alreadyCancelled(now.value());
        if (stopped->status == S::Unavailable)
            return Error(ErrorCode::PaymentsBusy,
                         stopped->message.isEmpty() ? tr("Payments are busy right now. Please try again shortly.")
                                                    : stopped->message);
        return Error(ErrorCode::Payment,
                     tr("The refund did not go through (%1). The booking is unchanged; please try again.").arg(why));
    }
    qint64 owed = 0; // refused after another part was given back: asked again by the reconciler
    Result<std::optional<Reservation>> recorded
        = m_db.write([&](Transaction& tx) -> Result<std::optional<Reservation>> {
              for (const RefundPart& part : parts) {
                  if (refunded.contains(part.paymentId)
                      && !recordRefundPart(tx, actor, part.paymentId, kind, part.refund))
                      return Error(ErrorCode::AlreadyDone, tr("This refund is already recorded."));
              }
              if (stopped && definiteNo) {
                  // The rest of the refund is owed: flagged, so the reconciler asks again with a growing pause and the
                  // status page lists it until it is made; the claims stay, so no check-in meanwhile.
                  for (int i = stoppedAt; i < parts.size(); ++i) {
                      const RefundPart& part = parts.at(i);
                      if (part.refund <= 0)
                          continue;
                      PaymentAttention::flag(
                          tx, actor, part.paymentId, AttentionReason::RefundFailed,
                          StatusText::code(QStringLiteral("cancel.part_failed"), { part.refund, r.code }), part.refund);
                      owed += part.refund;
                  }
              }
              if (stopped)
                  return std::optional<Reservation>();
              return finishWhenRefunded(tx, actor, r.id, kind, finish);
          });
    if (!recorded.ok()) {
        // Given back at the provider and still claimed: the reconciler finds the parts refunded and records them.
        if (recorded.error().code != ErrorCode::AlreadyDone)
            qCWarning(lcBooking).noquote() << "booking" << r.code << "was refunded at the provider but not yet" << kind
                                           << "here (the reconciler finishes it):" << recorded.error().message;
        return recorded.error();
    }
    if (recorded->has_value())
        return *recorded.value();
    if (stopped && definiteNo)
        return Error(ErrorCode::PaymentPending,
                     tr("Part of the refund was given back, but %1 won did not go through (%2). Booking %3 stays as it "
                        "is until that part is refunded: it is tried again automatically and listed under payments "
                        "that need attention.")
                         .arg(QLocale().toString(owed), why, r.code));
    if (stopped)
        return Error(ErrorCode::PaymentPending,
                     tr("The refund's result is not known (%1). Booking %2 stays as it is while it is checked with the "
                        "payment service; it is cancelled automatically if the refund went through.")
                         .arg(why, r.code));
    // Recorded, and parts still open: another terminal's reconciler is finishing them.
    return Error(ErrorCode::PaymentPending,
                 tr("The refund of booking %1 is being finished with the payment service.").arg(r.code));
}

bool BookingService::recordRefundPart(Transaction& tx, const Actor& actor, qint64 paymentId, const QString& kind,
                                      qint64 refunded)
{
    const qint64 now = tx.nowMs();
    // The guard: the claim this part was asked under, once.
    SqlRows done = tx.exec(QStringLiteral("UPDATE payments SET status = 'cancelled', refund_amount = ?, cancelled_at = "
                                          "?, updated_at = ? WHERE id = ? AND status = 'approved' AND "
                                          "refund_requested IS NOT NULL AND refund_kind = ? RETURNING reservation_id, "
                                          "order_id"),
                           { refunded, now, now, paymentId, kind });
    if (!done.next())
        return false;
    const qint64 reservationId = done.value(0).toLongLong();
    const QString orderId = done.value(1).toString();
    done.finish();
    // Who gave the money back, for the cash-up: the member of staff, or the reconciler.
    if (refunded > 0)
        PaymentRecord::creditRefund(tx, actor, paymentId);
    // Flagged when an earlier try failed: settled now.
    PaymentAttention::clear(tx, actor, paymentId,
                            StatusText::code(QStringLiteral("attention.refunded_on_retry"), { refunded }));
    tx.recordEvent(EventType::PaymentCancelled, QStringLiteral("payment"), paymentId,
                   { { QStringLiteral("reservationId"), reservationId },
                     { QStringLiteral("orderId"), orderId },
                     { QStringLiteral("refund"), refunded } });
    if (refunded > 0) {
        DailyDelta stats;
        stats.refunds = refunded;
        ReadModel::addDaily(tx, now, stats);
    }
    return true;
}

int BookingService::openRefundParts(SqlSession& s, qint64 reservationId, const QString& kind)
{
    return s
        .scalar(QStringLiteral("SELECT count(*) FROM payments WHERE reservation_id = ? AND status = 'approved' AND "
                               "refund_kind = ? AND refund_requested > 0"),
                { reservationId, kind })
        .toInt();
}

qint64 BookingService::recordedRefund(SqlSession& s, qint64 reservationId, const QString& kind)
{
    return s
        .scalar(QStringLiteral("SELECT COALESCE(sum(refund_amount), 0) FROM payments WHERE reservation_id = ? AND "
                               "status = 'cancelled' AND refund_of IS NULL AND refund_kind = ?"),
                { reservationId, kind })
        .toLongLong();
}

Result<std::optional<Reservation>> BookingService::finishWhenRefunded(Transaction& tx, const Actor& actor,
                                                                      qint64 reservationId, const QString& kind,
                                                                      const RefundFinish& finish)
{
    if (openRefundParts(tx, reservationId, kind) > 0)
        return std::optional<Reservation>();
    // What keeps its money is recorded with the rest: cancelled, nothing given back.
    SqlRows kept
        = tx.exec(QStringLiteral("SELECT id FROM payments WHERE reservation_id = ? AND status = 'approved' AND "
                                 "refund_kind = ? AND refund_requested = 0 ORDER BY id"),
                  { reservationId, kind });
    QList<qint64> ids;
    while (kept.next())
        ids.append(kept.value(0).toLongLong());
    kept.finish();
    for (qint64 id : ids)
        recordRefundPart(tx, actor, id, kind, 0);
    Result<Reservation> done = finish(tx);
    if (!done.ok())
        return done.error();
    return std::optional<Reservation>(done.value());
}

Status BookingService::claimRefund(qint64 reservationId, qint64 paymentId, qint64 refund, int quotedVersion)
{
    return m_db.write([&](Transaction& tx) -> Status {
        // The reservation is locked first, as check-in locks it (PostgreSQL); a check-in that came first is seen.
        lockReservation(tx, reservationId);
        const std::optional<Reservation> r = loadReservation(tx, reservationId);
        if (!r)
            return notFound();
        if (r->status == ReservationStatus::Cancelled)
            return alreadyCancelled(*r);
        if (r->status != ReservationStatus::Confirmed)
            return invalidInput(tr("Booking %1 cannot be cancelled after check-in.").arg(r->code));
        if (quotedVersion > 0 && r->version != quotedVersion)
            return changedSinceQuoted(*r);
        // The guard: one claim per payment, of a booking still confirmed and (when the refund was quoted) still as it
        // was quoted, so a change committed since the quote is never refunded by the old price.
        // refund_requested is also what the reconciler compares the provider's refund with, should the answer be
        // lost.
        SqlRows claimed = tx.exec(
            QStringLiteral("UPDATE payments SET refund_requested = ?, updated_at = ? WHERE id = ? AND status = "
                           "'approved' AND refund_requested IS NULL AND EXISTS (SELECT 1 FROM reservations WHERE "
                           "id = ? AND status = 'confirmed' AND (? = 0 OR version = ?)) RETURNING id"),
            { refund, tx.nowMs(), paymentId, reservationId, quotedVersion, quotedVersion });
        if (!claimed.next()) {
            claimed.finish();
            const std::optional<Reservation> now = loadReservation(tx, reservationId);
            if (now && quotedVersion > 0 && now->version != quotedVersion)
                return changedSinceQuoted(*now);
            return refundInProgress(*r);
        }
        return {};
    });
}

Error BookingService::refundNotDone(const Reservation& r, qint64 paymentId, qint64 refund,
                                    const PaymentOutcome& outcome)
{
    using S = PaymentOutcome::Status;
    if (outcome.status != S::Declined && outcome.status != S::Unavailable && outcome.status != S::NotFound) {
        // Perhaps refunded (no answer in time, a dropped connection, an answer that cannot be read): the claim stays,
        // so no check-in and no second refund, until the reconciler asks the provider.
        const QString why = outcome.message.isEmpty() ? outcome.providerCode : outcome.message;
        return Error(ErrorCode::PaymentPending,
                     tr("The refund's result is not known (%1). Booking %2 stays as it is while it is checked with the "
                        "payment service; it is cancelled automatically if the refund went through.")
                         .arg(why, r.code));
    }
    // Nothing was refunded: the claim goes, and with it the amount asked (it must not be compared with a later
    // refund made another way).
    (void)releaseRefundClaim(paymentId, refund);
    // Refused because another terminal cancelled it a moment ago (the gateway's refund was theirs)?
    if (Result<Reservation> now = get(r.id); now.ok() && now->status == ReservationStatus::Cancelled)
        return alreadyCancelled(now.value());
    if (outcome.status == S::Unavailable)
        return Error(ErrorCode::PaymentsBusy,
                     outcome.message.isEmpty() ? tr("Payments are busy right now. Please try again shortly.")
                                               : outcome.message);
    return Error(ErrorCode::Payment,
                 tr("The refund did not go through (%1). The booking is unchanged; please try again.")
                     .arg(outcome.message.isEmpty() ? outcome.providerCode : outcome.message));
}

Status BookingService::releaseRefundClaim(qint64 paymentId, qint64 refund)
{
    Status released = m_db.write([&](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("UPDATE payments SET refund_requested = NULL, refund_kind = NULL, updated_at = ? "
                               "WHERE id = ? AND status = 'approved' AND refund_requested = ?"),
                { tx.nowMs(), paymentId, refund });
        return {};
    });
    if (!released.ok())
        qCWarning(lcBooking) << "could not release the refund claim of payment" << paymentId
                             << released.error().message;
    return released;
}

Result<Reservation> BookingService::cancelPaid(const Actor& actor, qint64 reservationId, qint64 refund,
                                               const QString& reason, QString auditDetails)
{
    Result<Reservation> result = m_db.write([&](Transaction& tx) -> Result<Reservation> {
        Result<Reservation> r = guardCancel(tx, reservationId, refund, reason);
        if (!r.ok())
            return r;
        const qint64 now = tx.nowMs();
        const std::optional<PaymentRecord> payment
            = loadPayment(tx, QStringLiteral("order_id = ? AND status = 'approved'"), r->orderId);
        if (payment) {
            tx.exec(QStringLiteral("UPDATE payments SET status = 'cancelled', refund_amount = ?, cancelled_at = ?, "
                                   "updated_at = ? WHERE id = ? AND status = 'approved'"),
                    { refund, now, now, payment->id });
            // Who gave the money back, for the cash-up: the member of staff, or the reconciler (a payment found
            // cancelled at the provider). Its own statement: the kiosk's role may not write it.
            if (refund > 0)
                PaymentRecord::creditRefund(tx, actor, payment->id);
            tx.recordEvent(EventType::PaymentCancelled, QStringLiteral("payment"), payment->id,
                           { { QStringLiteral("reservationId"), reservationId },
                             { QStringLiteral("orderId"), r->orderId },
                             { QStringLiteral("refund"), refund } });
        }
        return closeCancelled(tx, actor, r.value(), refund, reason, auditDetails, payment ? refund : 0);
    });
    if (result.ok())
        qCInfo(lcBooking).noquote() << "booking" << result->code << "cancelled: refund" << result->refundAmount
                                    << "won, by" << actor.name;
    return result;
}

Result<Reservation> BookingService::finishCancel(Transaction& tx, const Actor& actor, qint64 reservationId,
                                                 const QString& reason, QString auditDetails)
{
    // Every payment of the booking is recorded by now (recordRefundPart): what they gave back is the refund.
    if (tx.scalar(QStringLiteral("SELECT count(*) FROM payments WHERE reservation_id = ? AND status = 'approved'"),
                  { reservationId })
            .toLongLong()
        > 0)
        return Error(ErrorCode::Conflict, tr("A payment of this booking has not been refunded yet."));
    const qint64 refund = recordedRefund(tx, reservationId, cancelKind());
    Result<Reservation> r = guardCancel(tx, reservationId, refund, reason);
    if (!r.ok())
        return r;
    Reservation done = closeCancelled(tx, actor, r.value(), refund, reason, auditDetails, 0);
    qCInfo(lcBooking).noquote() << "booking" << done.code << "cancelled: refund" << refund << "won, by" << actor.name;
    return done;
}

Result<Reservation> BookingService::guardCancel(Transaction& tx, qint64 reservationId, qint64 refund,
                                                const QString& reason)
{
    std::optional<Reservation> r = loadReservation(tx, reservationId);
    if (!r)
        return notFound();
    if (r->status == ReservationStatus::Cancelled)
        return alreadyCancelled(*r);
    if (r->status != ReservationStatus::Confirmed)
        return invalidInput(tr("Booking %1 cannot be cancelled after check-in.").arg(r->code));
    // The guard: only a confirmed row becomes cancelled. The read above may be stale (PostgreSQL); this UPDATE
    // waits for another terminal's cancel or check-in of the same row and then finds it no longer confirmed.
    const qint64 now = tx.nowMs();
    SqlRows claimed
        = tx.exec(QStringLiteral("UPDATE reservations SET status = 'cancelled', refund_amount = ?, cancel_reason = ?, "
                                 "cancelled_at = ?, updated_at = ?, version = version + 1 WHERE id = ? "
                                 "AND status = 'confirmed' RETURNING id"),
                  { refund, reason, now, now, reservationId });
    if (!claimed.next()) {
        claimed.finish();
        r = loadReservation(tx, reservationId);
        if (r && r->status == ReservationStatus::Cancelled)
            return alreadyCancelled(*r);
        return invalidInput(tr("Booking %1 cannot be cancelled after check-in.").arg(r ? r->code : QString()));
    }
    claimed.finish();
    return *r;
}

Reservation BookingService::closeCancelled(Transaction& tx, const Actor& actor, const Reservation& before,
                                           qint64 refund, const QString& reason, QString auditDetails,
                                           qint64 refundsToday)
{
    const qint64 reservationId = before.id;
    const qint64 now = tx.nowMs();
    tx.exec(QStringLiteral("DELETE FROM reservation_nights WHERE reservation_id = ?"), { reservationId });
    ExtrasService::returnStock(tx, reservationId);
    // The booking's points are undone in one row: what it earned comes off, what it used comes back. Points
    // earned and spent since cannot come off (the refund was reduced by them): the balance stops at 0.
    MileageService::lockBalance(tx, before.customerId);
    const QString source = QString::number(reservationId);
    const qint64 earned = MileageService::earnedBy(tx, reservationId); // with what its changes added
    const qint64 shortfall = MileageService::cancelShortfall(tx, before.customerId, reservationId, before.pointsUsed);
    const qint64 delta = before.pointsUsed - earned + shortfall;
    if (shortfall > 0)
        auditDetails = StatusText::withValue(auditDetails, QStringLiteral("spent"), shortfall);
    // Written whenever something was due, even when the balance made it 0: the checker looks for it.
    if (before.pointsUsed - earned != 0)
        MileageService::record(tx, before.customerId, delta, QStringLiteral("cancel"), source);

    const Reservation r = *loadReservation(tx, reservationId);
    QJsonObject payload = describe(r);
    payload.insert(QStringLiteral("refund"), refund);
    payload.insert(QStringLiteral("reason"), reason);
    const qint64 cancelledEvent
        = tx.recordEvent(EventType::ReservationCancelled, QStringLiteral("reservation"), reservationId, payload);
    tx.recordEvent(EventType::MileageDeducted, QStringLiteral("customer"), r.customerId,
                   { { QStringLiteral("reservationId"), reservationId },
                     { QStringLiteral("points"), earned - shortfall },
                     { QStringLiteral("pointsReturned"), r.pointsUsed },
                     { QStringLiteral("balance"), MileageService::balance(tx, r.customerId) } });
    NotificationQueue::enqueueForReservation(tx, cancelledEvent, EventType::ReservationCancelled, reservationId);
    DailyDelta stats;
    stats.cancellations = 1;
    stats.refunds = refundsToday;
    ReadModel::addDaily(tx, now, stats);
    ReadModel::refreshCampsite(tx, r.campsiteId);
    tx.audit(actor, QStringLiteral("reservation.cancel"), r.code, auditDetails);
    return r;
}

Result<Reservation> BookingService::cancelByPayment(const Actor& actor, const QString& orderId, const QString& reason,
                                                    bool alreadyCancelledAtGateway, qint64 refundedAtGateway)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::System }); !allowed.ok())
        return allowed.error();
    Result<std::optional<PaymentRecord>> found = m_db.read([&](SqlSession& s) -> Result<std::optional<PaymentRecord>> {
        return loadPayment(s, QStringLiteral("order_id = ?"), orderId);
    });
    if (!found.ok())
        return found.error();
    if (!found.value())
        return Error(ErrorCode::NotFound, tr("There is no payment with order number %1.").arg(orderId));
    const PaymentRecord payment = *found.value();
    Result<qint64> reservationId = m_db.read([&](SqlSession& s) -> Result<qint64> {
        return s.scalar(QStringLiteral("SELECT id FROM reservations WHERE order_id = ?"), { orderId }).toLongLong();
    });
    if (!reservationId.ok())
        return reservationId.error();
    if (payment.status == QLatin1String("pending")) {
        // The reconciler found an unanswered payment cancelled at the gateway: the hold simply ends.
        if (!alreadyCancelledAtGateway)
            return Error(ErrorCode::Conflict, tr("This payment is still waiting for its result."));
        if (Status released
            = releaseWithPayment(reservationId.value(), QStringLiteral("payment cancelled at the gateway"));
            !released.ok())
            return released.error();
        return get(reservationId.value());
    }
    Result<Reservation> r = get(reservationId.value());
    if (!r.ok())
        return r;
    if (payment.status == QLatin1String("cancelled") || r->status == ReservationStatus::Cancelled)
        return alreadyCancelled(r.value());
    if (r->status != ReservationStatus::Confirmed)
        return invalidInput(tr("Booking %1 cannot be cancelled after check-in.").arg(r->code));
    qint64 refunded = payment.amount; // what the gateway gives back: all of it, less points already spent
    if (!alreadyCancelledAtGateway) {
        Result<qint64> shortfall = m_db.read([&](SqlSession& s) -> Result<qint64> {
            return MileageService::cancelShortfall(s, r->customerId, r->id, r->pointsUsed);
        });
        if (!shortfall.ok())
            return shortfall.error();
        // Less what changes already gave back of this payment (partial refunds, rows of their own).
        Result<qint64> partly = m_db.read([&](SqlSession& s) -> Result<qint64> {
            return s
                .scalar(QStringLiteral("SELECT COALESCE(sum(refund_amount), 0) FROM payments WHERE refund_of = ?"),
                        { payment.id })
                .toLongLong();
        });
        if (!partly.ok())
            return partly.error();
        refunded = std::max<qint64>(0, payment.amount - partly.value() - shortfall.value());
        PaymentGateway* provider = gateway(payment.provider);
        if (!provider && r->amount > 0)
            return Error(ErrorCode::Unavailable,
                         tr("This terminal cannot reach the payment provider %1.").arg(payment.provider));
        if (r->amount > 0) {
            // Claimed first, as cancel() does: no check-in while the money goes back.
            if (Status claimed = claimRefund(r->id, payment.id, refunded); !claimed.ok())
                return claimed.error();
            PaymentCancelRequest refund { payment.orderId, payment.providerTxId, refunded, reason };
            const PaymentOutcome outcome = provider->cancel(refund);
            if (!outcome.approved())
                return refundNotDone(r.value(), payment.id, refunded, outcome);
        }
    }
    if (alreadyCancelledAtGateway && refundedAtGateway >= 0)
        refunded = std::min(refundedAtGateway, payment.amount); // what the provider reports it gave back
    return cancelPaid(actor, r->id, refunded, reason.trimmed().isEmpty() ? QStringLiteral("payment cancelled") : reason,
                      StatusText::code(QStringLiteral("cancel.by_payment"), { orderId, alreadyCancelledAtGateway }));
}

Result<Reservation> BookingService::checkIn(const Actor& actor, qint64 reservationId, const CheckInOptions& options)
{
    return moveStay(actor, reservationId, ReservationStatus::CheckedIn, options);
}

Result<Reservation> BookingService::checkOut(const Actor& actor, qint64 reservationId, const CheckOutOptions& options,
                                             ChangeSettlement* settlement)
{
    QList<DepartureRefundPart> claims;
    DepartureQuote departure;
    Result<Reservation> out
        = moveStay(actor, reservationId, ReservationStatus::CheckedOut, {}, options, &claims, &departure);
    if (!out.ok())
        return out;
    // After the commit, outside any transaction: each claimed card refund asked of its provider and recorded (or
    // left to the payment reconciler), as a cheaper change's refund is.
    ChangeSettlement done;
    done.amount = departure.refund;
    QStringList messages;
    qint64 atDesk = 0;
    for (const DepartureRefundPart& part : std::as_const(departure.parts))
        atDesk += part.atDesk() ? part.amount : 0;
    if (atDesk > 0) {
        done.refund = ChangeSettlement::Refund::None;
        messages << (options.method == QLatin1String("desk_card")
                         ? tr("Give back %1 won on the desk's card machine.").arg(QLocale().toString(atDesk))
                         : tr("Give the guest %1 won back in cash.").arg(QLocale().toString(atDesk)));
    }
    ReservationChangeService changes(*this);
    for (const DepartureRefundPart& part : std::as_const(claims)) {
        ChangeSettlement one;
        changes.refundThroughProvider(
            actor, out.value(), part.paymentId, part.amount, part.orderId, part.providerTxId, part.provider,
            ReservationChangeService::changeRefundKeyFor(part.paymentId, part.orderId, m_db), &one, true);
        // The least settled part says how the whole refund stands.
        if (int(one.refund) > int(done.refund) || done.refund == ChangeSettlement::Refund::None)
            done.refund = one.refund;
        messages << one.message;
    }
    done.message = messages.join(QLatin1Char(' '));
    if (settlement)
        *settlement = done;
    return out;
}

Result<DepartureQuote> BookingService::quoteCheckOut(const Actor& actor, qint64 reservationId,
                                                     const CheckOutOptions& options) const
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::System }); !allowed.ok())
        return allowed.error();
    return m_db.read([&](SqlSession& s) -> Result<DepartureQuote> {
        std::optional<Reservation> r = loadReservation(s, reservationId);
        if (!r || !r->isReal())
            return notFound();
        if (r->status != ReservationStatus::CheckedIn)
            return invalidInput(tr("Only a checked-in guest can check out (booking %1 is %2).")
                                    .arg(r->code, reservationStatusName(r->status)));
        return EarlyDeparture::quote(s, *this, *r, m_db.clock().today(), options);
    });
}

Result<Reservation> BookingService::moveStay(const Actor& actor, qint64 reservationId, ReservationStatus to,
                                             const CheckInOptions& options, const CheckOutOptions& leaving,
                                             QList<DepartureRefundPart>* claims, DepartureQuote* departure)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::System }); !allowed.ok())
        return allowed.error();
    const bool arriving = to == ReservationStatus::CheckedIn;
    return m_db.write([&](Transaction& tx) -> Result<Reservation> {
        // Locked first, as a cancel locks it to claim its refund (PostgreSQL): the claim is seen below. A check-out
        // too: its refund is worked out from the booking's payments as they are under the lock.
        lockReservation(tx, reservationId);
        if (claims)
            claims->clear();
        std::optional<Reservation> r = loadReservation(tx, reservationId);
        if (!r || !r->isReal())
            return notFound();
        if (r->status == to)
            return Error(ErrorCode::AlreadyDone,
                         arriving ? tr("Booking %1 is already checked in.").arg(r->code)
                                  : tr("Booking %1 is already checked out.").arg(r->code));
        if (arriving) {
            if (r->status != ReservationStatus::Confirmed)
                return invalidInput(tr("Only a paid booking can be checked in (booking %1 is %2).")
                                        .arg(r->code, reservationStatusName(r->status)));
            const QDate today = tx.database().clock().today();
            if (today < r->checkIn)
                return invalidInput(tr("Booking %1 can be checked in from %2.")
                                        .arg(r->code, QLocale().toString(r->checkIn, QLocale::ShortFormat)));
            if (today >= r->checkOut)
                return invalidInput(tr("The stay of booking %1 has already ended.").arg(r->code));
            // A refund asked (or being checked) for this booking: the guest must not stay on refunded money.
            if (tx.scalar(QStringLiteral("SELECT count(*) FROM payments WHERE reservation_id = ? AND status = "
                                         "'approved' AND refund_requested IS NOT NULL"),
                          { reservationId })
                    .toLongLong()
                > 0)
                return refundInProgress(*r);
            // A deposit booking's balance: paid now (in this transaction), waived by a manager, or refused.
            if (Status balance = BalanceService::settleAtCheckIn(tx, actor, *r, options); !balance.ok())
                return balance.error();
        } else if (r->status != ReservationStatus::CheckedIn) {
            return invalidInput(tr("Only a checked-in guest can check out (booking %1 is %2).")
                                    .arg(r->code, reservationStatusName(r->status)));
        }
        // The refund of the nights a guest leaving early does not stay: validated before anything changes.
        DepartureQuote leavingQuote;
        if (!arriving && r->status == ReservationStatus::CheckedIn) {
            Result<DepartureQuote> quoted
                = EarlyDeparture::quote(tx, *this, *r, tx.database().clock().today(), leaving);
            if (!quoted.ok())
                return quoted.error();
            leavingQuote = quoted.value();
        }
        if (!arriving && leavingQuote.newBalanceDue > 0) {
            // Leaving owing the balance (the desk was asked to take it first and chose not to): it stays due, to be
            // taken from the booking later, and the check-out says so in the audit log.
            tx.audit(actor, QStringLiteral("reservation.check_out_balance_unpaid"), r->code,
                     QString::number(leavingQuote.newBalanceDue));
        }
        // The guard: only from the status checked above, which may be stale (PostgreSQL). Of two terminals
        // checking the same guest in, one does it.
        const ReservationStatus from = arriving ? ReservationStatus::Confirmed : ReservationStatus::CheckedIn;
        // A check-out records the day the guest left (today's departures count it); a check-in leaves it empty.
        const QVariant checkedOutOn = arriving ? QVariant() : QVariant(sqlDate(tx.database().clock().today()));
        SqlRows moved = tx.exec(
            QStringLiteral("UPDATE reservations SET status = ?, checked_out_on = ?, updated_at = ?, "
                           "version = version + 1 WHERE id = ? AND status = ? RETURNING id"),
            { reservationStatusKey(to), checkedOutOn, tx.nowMs(), reservationId, reservationStatusKey(from) });
        if (!moved.next()) {
            moved.finish();
            r = loadReservation(tx, reservationId);
            if (r && r->status == to)
                return Error(ErrorCode::AlreadyDone,
                             arriving ? tr("Booking %1 is already checked in.").arg(r->code)
                                      : tr("Booking %1 is already checked out.").arg(r->code));
            return Error(ErrorCode::AlreadyDone,
                         tr("Booking %1 was changed on another terminal; please look at it again.")
                             .arg(r ? r->code : QString()));
        }
        moved.finish();
        // Early departure (issue 18): leaving before the last night frees the nights from tonight on, for a walk-in,
        // and the stay ends today. Done under the guard above, so two terminals checking out free them once.
        const QDate today = tx.database().clock().today();
        const QDate booked = r->checkOut;
        qint64 freed = 0;
        // A stay keeps its first night (the site was the guest's that day), so one that ends on the day of arrival
        // frees the nights after it.
        if (!arriving && today < booked && r->checkIn.addDays(1) < booked) {
            const QDate end = std::max(today, r->checkIn.addDays(1));
            freed = tx.scalar(QStringLiteral("SELECT count(*) FROM reservation_nights WHERE reservation_id = ? AND "
                                             "night >= ?"),
                              { reservationId, sqlDate(end) })
                        .toLongLong();
            tx.exec(QStringLiteral("DELETE FROM reservation_nights WHERE reservation_id = ? AND night >= ?"),
                    { reservationId, sqlDate(end) });
            tx.exec(QStringLiteral("UPDATE reservations SET check_out = ? WHERE id = ?"),
                    { sqlDate(end), reservationId });
            // The nights sold the day it was booked are the nights it now holds (as a rebuild counts them).
            DailyDelta stats;
            stats.bookedNights = -freed;
            ReadModel::addDaily(tx, r->confirmedAt, stats);
            // The money of the freed nights: refund, lines, payments, points (EarlyDeparture).
            Result<QList<DepartureRefundPart>> settled = EarlyDeparture::settle(tx, actor, leavingQuote);
            if (!settled.ok())
                return settled.error();
            if (claims)
                *claims = settled.value();
        }
        if (departure)
            *departure = leavingQuote;
        r = loadReservation(tx, reservationId);
        QJsonObject payload = describe(*r);
        QString details;
        if (freed > 0) {
            payload.insert(QStringLiteral("earlyDeparture"), true);
            payload.insert(QStringLiteral("bookedCheckOut"), sqlDate(booked));
            payload.insert(QStringLiteral("nightsFreed"), freed);
            details = QStringLiteral("left early: %1 night(s) from %2 freed (booked until %3)")
                          .arg(freed)
                          .arg(sqlDate(r->checkOut), sqlDate(booked));
            payload.insert(QStringLiteral("freedPrice"), leavingQuote.freedPrice);
            payload.insert(QStringLiteral("refund"), leavingQuote.refund);
            payload.insert(QStringLiteral("refundPercent"), leavingQuote.refundPercent);
            payload.insert(QStringLiteral("moneyMoved"), leavingQuote.movesMoney());
            details += QStringLiteral("; nights worth %1, in money %2, let off %3 (rule %4%: %5), off the balance %6, "
                                      "refund %7")
                           .arg(leavingQuote.freedPrice)
                           .arg(leavingQuote.freedMoney)
                           .arg(leavingQuote.credit)
                           .arg(leavingQuote.refundPercent)
                           .arg(leavingQuote.ruleRefund)
                           .arg(leavingQuote.offBalance)
                           .arg(leavingQuote.refund);
            if (leavingQuote.overridden) {
                payload.insert(QStringLiteral("refundOverride"), true);
                details += QStringLiteral("; override by staff: ") + leaving.reason.trimmed();
            }
            QStringList through;
            for (const DepartureRefundPart& part : std::as_const(leavingQuote.parts))
                through << QStringLiteral("%1 through %2 (%3)")
                               .arg(part.amount)
                               .arg(part.atDesk() ? leaving.method : part.provider, part.orderId);
            if (!through.isEmpty()) {
                payload.insert(QStringLiteral("method"),
                               leavingQuote.parts.first().atDesk() ? leaving.method
                                                                   : leavingQuote.parts.first().method);
                details += QStringLiteral("; given back ") + through.join(QStringLiteral(", "));
            }
        }
        const qint64 eventId
            = tx.recordEvent(arriving ? EventType::ReservationCheckedIn : EventType::ReservationCheckedOut,
                             QStringLiteral("reservation"), reservationId, payload);
        // The guest is told what comes back for the nights not stayed (a message only when something does).
        if (leavingQuote.refund > 0)
            NotificationQueue::enqueueTemplateForReservation(
                tx, eventId, QStringLiteral("departure"), reservationId,
                { { QStringLiteral("nights_freed"), QString::number(leavingQuote.nightsFreed) } },
                { { QStringLiteral("booked_check_out"), booked } },
                { { QStringLiteral("refund"), leavingQuote.refund },
                  { QStringLiteral("freed_price"), leavingQuote.freedPrice } });
        ReadModel::refreshCampsite(tx, r->campsiteId);
        tx.audit(actor, arriving ? QStringLiteral("reservation.check_in") : QStringLiteral("reservation.check_out"),
                 r->code, details);
        return *r;
    });
}

Result<Reservation> BookingService::get(qint64 reservationId) const
{
    return m_db.read([&](SqlSession& s) -> Result<Reservation> {
        std::optional<Reservation> r = loadReservation(s, reservationId);
        if (!r)
            return notFound();
        return *r;
    });
}

Result<Reservation> BookingService::findByCode(const QString& code, const QString& phone) const
{
    const std::optional<QString> normalized = CustomerService::normalizePhone(phone);
    if (!normalized)
        return invalidInput(tr("Enter the phone number you booked with."), QStringLiteral("phone"));
    return m_db.read([&](SqlSession& s) -> Result<Reservation> {
        SqlRows q = s.exec(selectReservation + QStringLiteral(" WHERE r.code = ? AND c.phone = ?"),
                           { code.trimmed().toUpper(), *normalized });
        if (!q.next())
            return notFound();
        Reservation r = Reservation::fromRow(q);
        if (!r.isReal())
            return notFound();
        return r;
    });
}

Result<QList<Reservation>> BookingService::forCustomer(qint64 customerId) const
{
    return m_db.read([&](SqlSession& s) -> Result<QList<Reservation>> {
        SqlRows q = s.exec(selectReservation
                               + QStringLiteral(" WHERE r.customer_id = ? AND r.status NOT IN "
                                                "('held', 'expired') ORDER BY r.check_in DESC, r.id DESC"),
                           { customerId });
        QList<Reservation> out;
        while (q.next())
            out.append(Reservation::fromRow(q));
        return out;
    });
}

} // namespace campdesk
