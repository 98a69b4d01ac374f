#pragma once

#include "core/actor.h"
#include "core/result.h"
#include "db/database.h"
#include "domain/rateplan.h"

#include <QCoreApplication>
#include <QDate>
#include <QList>
#include <QString>
#include <optional>

namespace campdesk {

class SqlSession;
class Transaction;

// Pricing units are stored as codes and translated only for display.
QStringList extraUnitCodes(); // stay, night, unit
QString extraUnitName(const QString& unit); // "night" -> 1박당 / per night

// An item of the extras catalogue: firewood, electricity, an extra car, rental gear.
struct Extra
{
    qint64 id = 0;
    QString name; // 1..40 characters
    QString unit = QStringLiteral("stay"); // stay: once; night: each night; unit: each one chosen
    qint64 unitPrice = 0; // 0..the highest nightly price
    std::optional<int> stock; // per stay, not per night; none = unlimited
    bool active = true;
    bool kiosk = true; // sold at the walk-in kiosk too
    int sortOrder = 0;
};

// What a booking asks for: an item and how many (per-night items: how many each night).
struct ExtraChoice
{
    qint64 extraId = 0;
    int quantity = 1;
};

// Stay and extras revenue of the bookings that stand (confirmed, in house, left), by the check-in day.
struct RevenueByKind
{
    qint64 stay = 0; // nights, extra persons, vehicles
    qint64 extras = 0;
    qint64 points = 0; // negative: paid with points
};

// The extras catalogue (manager), the consumed mark on a booking's extra lines (staff), and the pieces the booking
// engine calls inside its own transactions: pricing the choices, taking and giving back stock, what is consumed.
class ExtrasService
{
    Q_DECLARE_TR_FUNCTIONS(ExtrasService)

public:
    static constexpr int maxQuantity = 99;
    static constexpr int maxStock = 100000;

    explicit ExtrasService(Database& db);

    // Without the database: name, unit, price, stock. Error::field: "name", "unit", "unitPrice", "stock".
    static Status validate(const Extra& extra, qint64 maxPrice);

    // In sort order; activeOnly / kioskOnly for the desk and the kiosk.
    Result<QList<Extra>> list(bool activeOnly = false, bool kioskOnly = false) const;
    // Inserts (id 0) or replaces an item; manager only.
    Result<Extra> save(const Actor& actor, const Extra& extra);
    // The guest used the item: it is neither restocked nor refunded when the booking is cancelled. Staff only, on a
    // booking that stands; AlreadyDone when it is no longer (cancelled meanwhile).
    Status setConsumed(const Actor& actor, qint64 lineId, bool consumed);
    // A booking's extra lines as stored.
    Result<QList<StayLine>> linesOf(qint64 reservationId) const;
    Result<RevenueByKind> revenue(const QDate& from, const QDate& to) const; // check-in in [from, to)

    // The booking engine's hooks, inside its transaction.
    // One "extra" line per choice, quantity x nights for per-night items; Invalid on "extras" for an unknown,
    // inactive (or, at the kiosk, not sold there) item or a quantity outside 1..99.
    static Result<QList<StayLine>> price(SqlSession& s, const QList<ExtraChoice>& choices, int nights, bool kioskOnly);
    // Takes the stock of the lines (guarded UPDATE, in item order) and notes it in each line's stockTaken.
    // Conflict on "extras" naming the item when one is sold out: the caller rolls back, nothing is held.
    static Status takeStock(Transaction& tx, QList<StayLine>& lines);
    // Gives back what the booking's lines took, except consumed ones. Call once, after the guarded status change.
    static void returnStock(Transaction& tx, qint64 reservationId);
    // The amount of the booking's consumed extras: not refunded.
    static qint64 consumedAmount(SqlSession& s, qint64 reservationId);

private:
    Database& m_db;
};

} // namespace campdesk
