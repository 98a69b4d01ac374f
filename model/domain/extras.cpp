#include "domain/extras.h"

#include "core/validation.h"
#include "db/transaction.h"
#include "domain/campgroundsettings.h"

#include <QHash>
#include <QSet>
#include <algorithm>

namespace campdesk {

namespace {

constexpr int maxNameLength = 40;
const QString extrasField = QStringLiteral("extras");

Extra extraFromRow(const SqlRows& q)
{
    Extra e;
    e.id = q.value(0).toLongLong();
    e.name = q.value(1).toString();
    e.unit = q.value(2).toString();
    e.unitPrice = q.value(3).toLongLong();
    if (!q.isNull(4))
        e.stock = q.value(4).toInt();
    e.active = q.value(5).toInt() != 0;
    e.kiosk = q.value(6).toInt() != 0;
    e.sortOrder = q.value(7).toInt();
    return e;
}

const QString selectExtras
    = QStringLiteral("SELECT id, name, unit, unit_price, stock, active, kiosk, sort_order FROM extras");

} // namespace

QStringList extraUnitCodes()
{
    return { QStringLiteral("stay"), QStringLiteral("night"), QStringLiteral("unit") };
}

QString extraUnitName(const QString& unit)
{
    if (unit == QLatin1String("stay"))
        return ExtrasService::tr("per stay");
    if (unit == QLatin1String("night"))
        return ExtrasService::tr("per night");
    if (unit == QLatin1String("unit"))
        return ExtrasService::tr("per unit");
    return unit;
}

ExtrasService::ExtrasService(Database& db)
    : m_db(db)
{
}

Status ExtrasService::validate(const Extra& extra, qint64 maxPrice)
{
    const QString name = extra.name.trimmed();
    if (name.isEmpty())
        return invalidInput(tr("Give the extra a name."), QStringLiteral("name"));
    if (name.size() > maxNameLength)
        return invalidInput(tr("A name is at most %1 characters.").arg(maxNameLength), QStringLiteral("name"));
    if (!extraUnitCodes().contains(extra.unit))
        return invalidInput(tr("Choose per stay, per night or per unit."), QStringLiteral("unit"));
    if (Status ok = checkPriceUpTo(extra.unitPrice, maxPrice, PriceKind::Price, QStringLiteral("unitPrice")); !ok.ok())
        return ok;
    if (extra.stock && (*extra.stock < 0 || *extra.stock > maxStock))
        return invalidInput(tr("Stock is between 0 and %1 (empty: unlimited).").arg(maxStock), QStringLiteral("stock"));
    return {};
}

Result<QList<Extra>> ExtrasService::list(bool activeOnly, bool kioskOnly) const
{
    return m_db.read([&](SqlSession& s) -> Result<QList<Extra>> {
        QString sql = selectExtras + QStringLiteral(" WHERE 1 = 1");
        if (activeOnly)
            sql += QStringLiteral(" AND active = 1");
        if (kioskOnly)
            sql += QStringLiteral(" AND kiosk = 1");
        SqlRows q = s.exec(sql + QStringLiteral(" ORDER BY sort_order, id"));
        QList<Extra> out;
        while (q.next())
            out.append(extraFromRow(q));
        return out;
    });
}

Result<Extra> ExtrasService::save(const Actor& actor, const Extra& wanted)
{
    if (Status allowed = requireRole(actor, { Role::Manager }); !allowed.ok())
        return allowed.error();
    Extra extra = wanted;
    extra.name = extra.name.trimmed();
    return m_db.write([&](Transaction& tx) -> Result<Extra> {
        if (Status valid = validate(extra, CampgroundSettings::load(tx).maxNightlyPrice); !valid.ok())
            return valid.error();
        const QVariantList values { extra.name,           extra.unit,
                                    extra.unitPrice,      extra.stock ? QVariant(*extra.stock) : QVariant(),
                                    extra.active ? 1 : 0, extra.kiosk ? 1 : 0,
                                    extra.sortOrder,      tx.nowMs() };
        if (extra.id == 0) {
            extra.id = tx.insert(QStringLiteral("INSERT INTO extras (name, unit, unit_price, stock, active, kiosk, "
                                                "sort_order, updated_at) VALUES (?, ?, ?, CAST(? AS INTEGER), ?, ?, "
                                                "?, ?) RETURNING id"),
                                 values);
        } else {
            QVariantList update = values;
            update << extra.id;
            SqlRows q = tx.exec(QStringLiteral("UPDATE extras SET name = ?, unit = ?, unit_price = ?, "
                                               "stock = CAST(? AS INTEGER), active = ?, kiosk = ?, sort_order = ?, "
                                               "updated_at = ? WHERE id = ?"),
                                update);
            if (q.numRowsAffected() != 1)
                return Error(ErrorCode::NotFound, tr("This extra no longer exists."));
        }
        tx.audit(actor, QStringLiteral("rates.extra"), QStringLiteral("extra:%1").arg(extra.id),
                 QStringLiteral("%1 %2 %3 stock=%4")
                     .arg(extra.name, extra.unit)
                     .arg(extra.unitPrice)
                     .arg(extra.stock ? QString::number(*extra.stock) : QStringLiteral("-")));
        return extra;
    });
}

Status ExtrasService::setConsumed(const Actor& actor, qint64 lineId, bool consumed)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk }); !allowed.ok())
        return allowed;
    return m_db.write([&](Transaction& tx) -> Status {
        // Guarded by the booking's status in the same statement: a cancel that ran first has already given the
        // stock back and refunded the line, so it can no longer be marked.
        SqlRows q = tx.exec(QStringLiteral("UPDATE reservation_lines SET consumed_at = ? WHERE id = ? AND kind = "
                                           "'extra' AND EXISTS (SELECT 1 FROM reservations r WHERE r.id = "
                                           "reservation_lines.reservation_id AND r.status IN ('confirmed', "
                                           "'checked_in', 'checked_out')) RETURNING reservation_id"),
                            { consumed ? QVariant(tx.nowMs()) : QVariant(), lineId });
        if (!q.next()) {
            q.finish();
            if (tx.scalar(QStringLiteral("SELECT count(*) FROM reservation_lines WHERE id = ? AND kind = 'extra'"),
                          { lineId })
                    .toInt()
                == 0)
                return Error(ErrorCode::NotFound, tr("This extra is not on the booking."));
            return Error(ErrorCode::AlreadyDone,
                         tr("The booking is no longer confirmed: its extras cannot be marked consumed."));
        }
        const qint64 reservationId = q.value(0).toLongLong();
        q.finish();
        tx.audit(actor, consumed ? QStringLiteral("extra.consumed") : QStringLiteral("extra.not_consumed"),
                 QStringLiteral("reservation:%1").arg(reservationId), QStringLiteral("line:%1").arg(lineId));
        return {};
    });
}

Result<QList<StayLine>> ExtrasService::linesOf(qint64 reservationId) const
{
    return m_db.read([&](SqlSession& s) -> Result<QList<StayLine>> {
        SqlRows q = s.exec(QStringLiteral("SELECT id, label_code, quantity, unit_price, amount, extra_id, label, "
                                          "stock_taken, consumed_at FROM reservation_lines WHERE reservation_id = ? "
                                          "AND kind = 'extra' ORDER BY id"),
                           { reservationId });
        QList<StayLine> out;
        while (q.next()) {
            StayLine line = StayLine::fromStored(QStringLiteral("extra"), QString(), q.value(1).toString(),
                                                 q.value(2).toInt(), q.value(3).toLongLong(), q.value(4).toLongLong());
            line.id = q.value(0).toLongLong();
            line.extraId = q.value(5).toLongLong();
            line.name = q.value(6).toString();
            line.stockTaken = q.value(7).toInt();
            line.consumed = !q.isNull(8);
            out.append(line);
        }
        return out;
    });
}

Result<RevenueByKind> ExtrasService::revenue(const QDate& from, const QDate& to) const
{
    return m_db.read([&](SqlSession& s) -> Result<RevenueByKind> {
        // reservations_check_in finds the bookings, reservation_lines_reservation their lines.
        SqlRows q = s.exec(QStringLiteral("SELECT l.kind, COALESCE(SUM(l.amount), 0) FROM reservations r JOIN "
                                          "reservation_lines l ON l.reservation_id = r.id WHERE r.check_in >= ? "
                                          "AND r.check_in < ? AND r.status IN ('confirmed', 'checked_in', "
                                          "'checked_out') GROUP BY l.kind"),
                           { from.toString(Qt::ISODate), to.toString(Qt::ISODate) });
        RevenueByKind out;
        while (q.next()) {
            const QString kind = q.value(0).toString();
            const qint64 amount = q.value(1).toLongLong();
            if (kind == QLatin1String("extra"))
                out.extras += amount;
            else if (kind == QLatin1String("points"))
                out.points += amount;
            else
                out.stay += amount;
        }
        return out;
    });
}

Result<QList<StayLine>> ExtrasService::price(SqlSession& s, const QList<ExtraChoice>& choices, int nights,
                                             bool kioskOnly)
{
    QList<StayLine> lines;
    if (choices.isEmpty())
        return lines;
    QSet<qint64> seen;
    QStringList marks;
    QVariantList ids;
    for (const ExtraChoice& choice : choices) {
        if (choice.quantity < 1 || choice.quantity > maxQuantity)
            return invalidInput(tr("Choose between 1 and %1 of an extra.").arg(maxQuantity), extrasField);
        if (seen.contains(choice.extraId))
            return invalidInput(tr("Each extra is chosen once, with its quantity."), extrasField);
        seen.insert(choice.extraId);
        marks << QStringLiteral("?");
        ids << choice.extraId;
    }
    QHash<qint64, Extra> catalogue;
    SqlRows q = s.exec(selectExtras + QStringLiteral(" WHERE id IN (%1)").arg(marks.join(QStringLiteral(", "))), ids);
    while (q.next()) {
        const Extra e = extraFromRow(q);
        catalogue.insert(e.id, e);
    }
    q.finish();
    for (const ExtraChoice& choice : choices) {
        const auto it = catalogue.constFind(choice.extraId);
        if (it == catalogue.cend())
            return invalidInput(tr("This extra does not exist."), extrasField);
        if (!it->active || (kioskOnly && !it->kiosk))
            return invalidInput(tr("%1 is not offered now.").arg(it->name), extrasField);
        StayLine line;
        line.kind = QStringLiteral("extra");
        line.band = it->unit;
        line.extraId = it->id;
        line.name = it->name;
        // Per night: each night (quantity x nights); per stay (a tent for the stay) and per unit (a bundle): once.
        line.quantity = it->unit == QLatin1String("night") ? choice.quantity * nights : choice.quantity;
        line.stockTaken = choice.quantity; // stock is per stay, not per night
        line.unitPrice = it->unitPrice;
        line.amount = line.unitPrice * line.quantity;
        lines.append(line);
    }
    return lines;
}

Status ExtrasService::takeStock(Transaction& tx, QList<StayLine>& lines)
{
    // In item order, so two bookings taking the same items never wait for each other crosswise (PostgreSQL).
    QList<StayLine*> order;
    for (StayLine& line : lines) {
        if (line.kind == QLatin1String("extra"))
            order.append(&line);
    }
    std::sort(order.begin(), order.end(), [](const StayLine* a, const StayLine* b) { return a->extraId < b->extraId; });
    for (StayLine* line : order) {
        const int wanted = line->stockTaken;
        line->stockTaken = 0;
        // The guard: of two terminals taking the last one, the second finds stock < wanted (PostgreSQL re-checks
        // the row after the first commits; SQLite runs one writer at a time). NULL stock (unlimited) never matches.
        SqlRows taken = tx.exec(QStringLiteral("UPDATE extras SET stock = stock - ? WHERE id = ? AND stock >= ? "
                                               "RETURNING id"),
                                { wanted, line->extraId, wanted });
        if (taken.next()) {
            line->stockTaken = wanted;
            continue;
        }
        taken.finish();
        const QVariant stock = tx.scalar(QStringLiteral("SELECT stock FROM extras WHERE id = ?"), { line->extraId });
        if (stock.isNull())
            continue; // unlimited
        const int left = stock.toInt();
        return Error(ErrorCode::Conflict,
                     left == 0 ? tr("Sorry, %1 just sold out.").arg(line->name)
                               : tr("Sorry, only %n of %1 left.", nullptr, left).arg(line->name),
                     extrasField);
    }
    return {};
}

void ExtrasService::returnStock(Transaction& tx, qint64 reservationId)
{
    SqlRows q = tx.exec(QStringLiteral("SELECT extra_id, stock_taken FROM reservation_lines WHERE reservation_id = ? "
                                       "AND kind = 'extra' AND stock_taken > 0 AND consumed_at IS NULL "
                                       "ORDER BY extra_id"),
                        { reservationId });
    QList<std::pair<qint64, int>> back;
    while (q.next())
        back.append({ q.value(0).toLongLong(), q.value(1).toInt() });
    q.finish();
    for (const auto& [extraId, count] : back)
        tx.exec(QStringLiteral("UPDATE extras SET stock = stock + ? WHERE id = ? AND stock IS NOT NULL"),
                { count, extraId });
}

qint64 ExtrasService::consumedAmount(SqlSession& s, qint64 reservationId)
{
    return s
        .scalar(QStringLiteral("SELECT COALESCE(SUM(amount), 0) FROM reservation_lines WHERE reservation_id = ? AND "
                               "kind = 'extra' AND consumed_at IS NOT NULL"),
                { reservationId })
        .toLongLong();
}

} // namespace campdesk
