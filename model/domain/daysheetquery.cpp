#include "domain/daysheetquery.h"

#include "core/backgroundpool.h"
#include "db/database.h"
#include "db/sqldates.h"
#include "domain/statustext.h"

#include <QDateTime>
#include <QtConcurrent/QtConcurrentRun>

namespace campdesk {

namespace {

// A stay that is (or was) really booked: no holds, no expired attempts, nothing cancelled.
const QString booked = QStringLiteral("('confirmed', 'checked_in', 'checked_out')");

} // namespace

qint64 CashUp::taken() const
{
    qint64 sum = 0;
    for (const CashUpLine& line : lines)
        sum += line.taken;
    return sum;
}

qint64 CashUp::refunded() const
{
    qint64 sum = 0;
    for (const CashUpLine& line : lines)
        sum += line.refunded;
    return sum;
}

DaySheetQuery::DaySheetQuery(Database& db)
    : m_db(db)
{
}

std::pair<qint64, qint64> DaySheetQuery::dayRangeMs(const QDate& day)
{
    return { QDateTime(day, QTime(0, 0)).toMSecsSinceEpoch(),
             QDateTime(day.addDays(1), QTime(0, 0)).toMSecsSinceEpoch() };
}

QFuture<Result<CashUp>> DaySheetQuery::cashUpInBackground(const Actor& actor, const QDate& day) const
{
    const Database* db = &m_db;
    return QtConcurrent::run(backgroundPool(), [db, actor, day]() -> Result<CashUp> {
        Result<std::unique_ptr<Database>> own = db->openAnother(QStringLiteral("-cashup"));
        if (!own.ok())
            return own.error();
        return DaySheetQuery(*own.value()).cashUp(actor, day);
    });
}

QString DaySheetQuery::methodLabel(const QString& provider, const QString& method)
{
    return tr("%1 · %2").arg(StatusText::name(QStringLiteral("provider"), provider),
                             StatusText::name(QStringLiteral("method"), method));
}

QString DaySheetQuery::staffLabel(const CashUpLine& line)
{
    if (!line.staff.isEmpty())
        return line.staff;
    if (line.system == QLatin1String("reconciler"))
        return tr("Payment reconciler");
    if (!line.system.isEmpty())
        return tr("System (%1)").arg(line.system);
    return line.channel == QLatin1String("kiosk") ? tr("Kiosk") : tr("Front desk (no user)");
}

Result<QList<DaySheetRow>> DaySheetQuery::sheet(const Actor& actor, DaySheetKind kind, const QDate& day) const
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::System }); !allowed.ok())
        return allowed.error();
    if (!day.isValid())
        return invalidInput(tr("Choose a date."), QStringLiteral("day"));
    const QString d = sqlDate(day);
    QString which;
    QVariantList binds;
    switch (kind) {
    case DaySheetKind::Arrivals:
        which = QStringLiteral("r.check_in = ? AND r.status IN ") + booked;
        binds = { d };
        break;
    case DaySheetKind::Departures:
        // Each half through its own index; an early leaver is a departure of the day they left, not of the day
        // they were due to.
        which = QStringLiteral("r.id IN (SELECT id FROM reservations WHERE check_out = ? AND status IN %1 "
                               "AND (checked_out_on IS NULL OR checked_out_on = ?) UNION SELECT id FROM "
                               "reservations WHERE checked_out_on = ?)")
                    .arg(booked);
        binds = { d, d, d };
        break;
    case DaySheetKind::OnSite:
        which = QStringLiteral("r.id IN (SELECT reservation_id FROM reservation_nights WHERE night = ?) AND r.status "
                               "IN %1 AND (r.checked_out_on IS NULL OR r.checked_out_on > ?)")
                    .arg(booked);
        binds = { d, d };
        break;
    }
    return m_db.read([&](SqlSession& s) -> Result<QList<DaySheetRow>> {
        SqlRows q
            = s.exec(QStringLiteral(
                         "SELECT r.id, r.code, s.code, s.name, r.guest_name, c.name, c.phone, r.guests, r.check_in, "
                         "r.check_out, r.status, r.plates, r.equipment, r.equipment_length_dm, r.staff_notes, "
                         "r.amount + r.balance_due, (SELECT COALESCE(SUM(CASE WHEN p.refund_of IS NULL THEN p.amount - "
                         "p.refund_amount ELSE -p.refund_amount END), 0) FROM "
                         "payments p WHERE p.reservation_id = r.id AND p.status IN ('approved', 'cancelled')) "
                         "FROM reservations r JOIN campsites s ON s.id = r.campsite_id "
                         "JOIN customers c ON c.id = r.customer_id WHERE ")
                         + which + QStringLiteral(" ORDER BY s.code, r.id"),
                     binds);
        QList<DaySheetRow> rows;
        while (q.next()) {
            DaySheetRow row;
            row.reservationId = q.value(0).toLongLong();
            row.code = q.value(1).toString();
            row.campsiteCode = q.value(2).toString();
            row.campsiteName = q.value(3).toString();
            row.customerName = q.value(5).toString();
            row.guestName = q.value(4).toString().trimmed();
            if (row.guestName.isEmpty())
                row.guestName = row.customerName;
            row.customerPhone = q.value(6).toString();
            row.guests = q.value(7).toInt();
            row.checkIn = dateFromSql(q.value(8));
            row.checkOut = dateFromSql(q.value(9));
            row.status = q.value(10).toString();
            row.plates = q.value(11).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
            row.equipment = q.value(12).toString();
            row.equipmentLengthDm = q.value(13).toInt();
            row.notes = q.value(14).toString();
            row.price = q.value(15).toLongLong();
            row.paid = q.value(16).toLongLong();
            rows.append(row);
        }
        return rows;
    });
}

Result<CashUp> DaySheetQuery::cashUp(const Actor& actor, const QDate& day) const
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::System }); !allowed.ok())
        return allowed.error();
    if (!day.isValid())
        return invalidInput(tr("Choose a date."), QStringLiteral("day"));
    const auto [from, to] = dayRangeMs(day);
    return m_db.read([&](SqlSession& s) -> Result<CashUp> {
        CashUp cash;
        cash.day = day;
        auto lineFor = [&cash](const SqlRows& row) -> CashUpLine& {
            CashUpLine key { row.value(0).toString(), row.value(1).toString(), row.value(2).toString(),
                             row.value(3).toString(), row.value(6).toString() };
            // One line per member of staff (or system) and method, whichever channel booked the stay they took money
            // for.
            if (!key.staff.isEmpty())
                key.system.clear();
            if (!key.staff.isEmpty() || !key.system.isEmpty())
                key.channel.clear();
            for (CashUpLine& line : cash.lines) {
                if (line.provider == key.provider && line.method == key.method && line.staff == key.staff
                    && line.channel == key.channel && line.system == key.system)
                    return line;
            }
            cash.lines.append(key);
            return cash.lines.last();
        };
        // The staff member is the one who took the money (payments.taken_by), or gave it back (refunded_by); the
        // migration that added them credited older rows to the booking's creator. A refund the reconciler made is
        // its own (refunded_by_system, migration 31).
        const QString grouped = QStringLiteral(
            "FROM payments p JOIN reservations r ON r.id = p.reservation_id LEFT JOIN users u ON u.id = p.%3 "
            "WHERE p.%1 >= ? AND p.%1 < ? %2 GROUP BY p.provider, p.method, u.username, r.channel%4");
        SqlRows taken
            = s.exec(QStringLiteral("SELECT p.provider, p.method, u.username, r.channel, count(*), SUM(p.amount), "
                                    "CAST(NULL AS TEXT) ")
                         + grouped.arg(QStringLiteral("approved_at"), QString(), QStringLiteral("taken_by"), QString()),
                     { from, to });
        while (taken.next()) {
            CashUpLine& line = lineFor(taken);
            line.takenCount += taken.value(4).toInt();
            line.taken += taken.value(5).toLongLong();
        }
        taken.finish();
        SqlRows refunded
            = s.exec(QStringLiteral("SELECT p.provider, p.method, u.username, r.channel, count(*), "
                                    "SUM(p.refund_amount), p.refunded_by_system ")
                         + grouped.arg(QStringLiteral("cancelled_at"), QStringLiteral("AND p.refund_amount > 0"),
                                       QStringLiteral("refunded_by"), QStringLiteral(", p.refunded_by_system")),
                     { from, to });
        while (refunded.next()) {
            CashUpLine& line = lineFor(refunded);
            line.refundCount += refunded.value(4).toInt();
            line.refunded += refunded.value(5).toLongLong();
        }
        std::sort(cash.lines.begin(), cash.lines.end(), [](const CashUpLine& a, const CashUpLine& b) {
            return std::tie(a.provider, a.method, a.channel, a.system, a.staff)
                < std::tie(b.provider, b.method, b.channel, b.system, b.staff);
        });
        return cash;
    });
}

} // namespace campdesk
