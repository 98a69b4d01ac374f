#include "sampledata.h"

#include <QSqlRecord>

namespace campdesk::test {

const QList<SampleTable>& sampleTables()
{
    static const QList<SampleTable> tables = {
        { QStringLiteral("users"),
          QString::fromLatin1("id username display_name role password_hash salt iterations failed_attempts lockouts "
                              "locked_until active created_at updated_at")
              .split(QLatin1Char(' ')),
          QStringLiteral("id") },
        { QStringLiteral("settings"),
          { QStringLiteral("key"), QStringLiteral("value"), QStringLiteral("updated_at") },
          QStringLiteral("key") },
        { QStringLiteral("campsites"),
          QString::fromLatin1("id code name kind description zone max_guests nightly_price weekend_price amenities "
                              "status version created_at updated_at")
              .split(QLatin1Char(' ')),
          QStringLiteral("id") },
        { QStringLiteral("customers"),
          QString::fromLatin1("id name phone email language message_consent created_at updated_at")
              .split(QLatin1Char(' ')),
          QStringLiteral("id") },
        { QStringLiteral("reservations"),
          QString::fromLatin1(
              "id code campsite_id customer_id check_in check_out guests status amount points_used channel "
              "order_id hold_expires_at refund_amount cancel_reason created_by version created_at "
              "updated_at confirmed_at cancelled_at")
              .split(QLatin1Char(' ')),
          QStringLiteral("id") },
        { QStringLiteral("reservation_nights"),
          { QStringLiteral("campsite_id"), QStringLiteral("night"), QStringLiteral("reservation_id") },
          QStringLiteral("campsite_id, night") },
        { QStringLiteral("payments"),
          QString::fromLatin1("id reservation_id order_id provider method amount status provider_tx_id refund_amount "
                              "failure_reason created_at updated_at approved_at cancelled_at")
              .split(QLatin1Char(' ')),
          QStringLiteral("id") },
        { QStringLiteral("mileage_ledger"),
          QString::fromLatin1("id customer_id delta reason source_id note created_at").split(QLatin1Char(' ')),
          QStringLiteral("id") },
        { QStringLiteral("reviews"),
          QString::fromLatin1(
              "id reservation_id campsite_id customer_id rating body hidden deleted_at created_at updated_at")
              .split(QLatin1Char(' ')),
          QStringLiteral("id") },
        { QStringLiteral("domain_events"),
          QString::fromLatin1("id type aggregate aggregate_id payload origin occurred_at").split(QLatin1Char(' ')),
          QStringLiteral("id") },
        { QStringLiteral("notifications"),
          QString::fromLatin1("id event_id reservation_id channel recipient language subject body status attempts "
                              "next_attempt_at lease_owner lease_until last_error provider_response created_at sent_at")
              .split(QLatin1Char(' ')),
          QStringLiteral("id") },
        { QStringLiteral("campsite_status"),
          QString::fromLatin1("campsite_id code name kind zone site_status current_reservation_id current_guest "
                              "current_check_out next_reservation_id next_guest next_check_in booked_nights_30 revenue "
                              "review_count rating_sum as_of updated_at")
              .split(QLatin1Char(' ')),
          QStringLiteral("campsite_id"), true },
        { QStringLiteral("daily_stats"),
          QString::fromLatin1(
              "day bookings cancellations revenue refunds points_credited points_deducted booked_nights")
              .split(QLatin1Char(' ')),
          QStringLiteral("day"), true },
        { QStringLiteral("audit_log"),
          QString::fromLatin1("id at user_id actor role action target details terminal").split(QLatin1Char(' ')),
          QStringLiteral("id") },
        { QStringLiteral("terminals"), QString::fromLatin1("name kind version host last_seen").split(QLatin1Char(' ')),
          QStringLiteral("name") },
    };
    return tables;
}

void insertSampleRows(Transaction& tx, int first, int count)
{
    const qint64 t0 = 1790000000000LL;
    for (int i = first; i < first + count; ++i) {
        const QString n = QString::number(i);
        const qint64 at = t0 + i * 1000;
        const QString checkIn = sqlDate(QDate(2027, 1, 1).addDays(i * 3));
        const QString checkOut = sqlDate(QDate(2027, 1, 1).addDays(i * 3 + 2));
        tx.exec(QStringLiteral("INSERT INTO users (id, username, display_name, role, password_hash, salt, iterations, "
                               "failed_attempts, lockouts, locked_until, active, created_at, updated_at) "
                               "VALUES (?, ?, ?, 'manager', 'hash', 'salt', 600000, 1, 0, NULL, 1, ?, ?)"),
                { i, QStringLiteral("user") + n, QStringLiteral("관리자 ") + n, at, at });
        tx.exec(QStringLiteral("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)"),
                { QStringLiteral("sample.key") + n, QStringLiteral("값 ") + n, at });
        tx.exec(
            QStringLiteral("INSERT INTO campsites (id, code, name, kind, description, zone, max_guests, "
                           "nightly_price, weekend_price, amenities, status, version, created_at, updated_at) "
                           "VALUES (?, ?, ?, 'tent', '소나무 숲', 'A', 4, 50000, 70000, 'power,water', 'active', 1, "
                           "?, ?)"),
            { i, QStringLiteral("A-%1").arg(i, 3, 10, QLatin1Char('0')), QStringLiteral("솔숲 ") + n, at, at });
        tx.exec(QStringLiteral("INSERT INTO customers (id, name, phone, email, language, message_consent, created_at, "
                               "updated_at) VALUES (?, ?, ?, ?, 'ko', 1, ?, ?)"),
                { i, QStringLiteral("김캠핑 ") + n, QStringLiteral("0101234%1").arg(i, 4, 10, QLatin1Char('0')),
                  QStringLiteral("guest%1@example.com").arg(i), at, at });
        tx.exec(
            QStringLiteral("INSERT INTO reservations (id, code, campsite_id, customer_id, check_in, check_out, "
                           "guests, status, amount, points_used, channel, order_id, hold_expires_at, refund_amount, "
                           "cancel_reason, created_by, version, created_at, updated_at, confirmed_at, cancelled_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, 2, 'confirmed', 100000, 0, 'kiosk', ?, NULL, 0, NULL, ?, 1, "
                           "?, ?, ?, NULL)"),
            { i, QStringLiteral("CD-S%1").arg(i, 5, 10, QLatin1Char('0')), i, i, checkIn, checkOut,
              QStringLiteral("order-") + n, i, at, at, at });
        for (int night = 0; night < 2; ++night) {
            tx.exec(
                QStringLiteral("INSERT INTO reservation_nights (campsite_id, night, reservation_id) VALUES (?, ?, ?)"),
                { i, sqlDate(QDate(2027, 1, 1).addDays(i * 3 + night)), i });
        }
        tx.exec(QStringLiteral("INSERT INTO payments (id, reservation_id, order_id, provider, method, amount, status, "
                               "provider_tx_id, refund_amount, failure_reason, created_at, updated_at, approved_at, "
                               "cancelled_at) VALUES (?, ?, ?, 'simulated', 'card', 100000, 'approved', ?, 0, NULL, ?, "
                               "?, ?, NULL)"),
                { i, i, QStringLiteral("order-") + n, QStringLiteral("tx-") + n, at, at, at });
        tx.exec(QStringLiteral("INSERT INTO mileage_ledger (id, customer_id, delta, reason, source_id, note, "
                               "created_at) VALUES (?, ?, 5000, 'payment', ?, 'sample', ?)"),
                { i, i, QStringLiteral("order-") + n, at });
        tx.exec(
            QStringLiteral("INSERT INTO reviews (id, reservation_id, campsite_id, customer_id, rating, body, hidden, "
                           "deleted_at, created_at, updated_at) VALUES (?, ?, ?, ?, 5, '좋아요 👍', 0, NULL, ?, ?)"),
            { i, i, i, i, at, at });
        tx.exec(QStringLiteral("INSERT INTO domain_events (id, type, aggregate, aggregate_id, payload, origin, "
                               "occurred_at) VALUES (?, 'ReservationConfirmed', 'reservation', ?, '{}', 'sample', ?)"),
                { i, i, at });
        tx.exec(
            QStringLiteral("INSERT INTO notifications (id, event_id, reservation_id, channel, recipient, language, "
                           "subject, body, status, attempts, next_attempt_at, lease_owner, lease_until, last_error, "
                           "provider_response, created_at, sent_at) VALUES (?, ?, ?, 'email', ?, 'ko', '예약 확인', "
                           "'본문', 'pending', 0, ?, NULL, NULL, NULL, NULL, ?, NULL)"),
            { i, i, i, QStringLiteral("guest%1@example.com").arg(i), at, at });
        tx.exec(QStringLiteral("INSERT INTO campsite_status (campsite_id, code, name, kind, zone, site_status, "
                               "current_reservation_id, current_guest, current_check_out, next_reservation_id, "
                               "next_guest, next_check_in, booked_nights_30, revenue, review_count, rating_sum, as_of, "
                               "updated_at) VALUES (?, ?, ?, 'tent', 'A', 'active', NULL, NULL, NULL, ?, ?, ?, 2, "
                               "100000, 1, 5, '2027-01-01', ?)"),
                { i, QStringLiteral("A-%1").arg(i, 3, 10, QLatin1Char('0')), QStringLiteral("솔숲 ") + n, i,
                  QStringLiteral("김캠핑 ") + n, checkIn, at });
        tx.exec(
            QStringLiteral("INSERT INTO daily_stats (day, bookings, cancellations, revenue, refunds, "
                           "points_credited, points_deducted, booked_nights) VALUES (?, 1, 0, 100000, 0, 5000, 0, 2)"),
            { sqlDate(QDate(2026, 1, 1).addDays(i)) });
        tx.exec(
            QStringLiteral("INSERT INTO audit_log (id, at, user_id, actor, role, action, target, details, terminal) "
                           "VALUES (?, ?, ?, ?, 'manager', 'sample.action', ?, 'details', 'sample')"),
            { i, at, i, QStringLiteral("user") + n, QStringLiteral("reservation:") + n });
        tx.exec(QStringLiteral("INSERT INTO terminals (name, kind, version, host, last_seen) VALUES (?, 'kiosk', "
                               "'0.1.0', 'host', ?)"),
                { QStringLiteral("terminal-") + n, at });
    }
    if (tx.driver() == SqlDriver::Postgres) {
        // Explicit ids do not move PostgreSQL's sequences: move them so later inserts without ids still work.
        for (const SampleTable& table : sampleTables()) {
            if (table.columns.first() != QLatin1String("id"))
                continue;
            tx.exec(QStringLiteral("SELECT setval(pg_get_serial_sequence('%1', 'id'), (SELECT MAX(id) FROM %1))")
                        .arg(table.name));
        }
    }
}

QStringList snapshotSampleTables(SqlSession& session)
{
    QStringList rows;
    for (const SampleTable& table : sampleTables()) {
        if (table.derived)
            continue;
        SqlRows query = session.exec(QStringLiteral("SELECT %1 FROM %2 ORDER BY %3")
                                         .arg(table.columns.join(QStringLiteral(", ")), table.name, table.orderBy));
        while (query.next()) {
            QStringList values;
            for (int c = 0; c < table.columns.size(); ++c) {
                const QVariant value = query.value(c);
                values << (value.isNull() ? QStringLiteral("NULL") : value.toString());
            }
            rows << table.name + QLatin1Char(':') + values.join(QLatin1Char('|'));
        }
    }
    return rows;
}

Status markSchemaFromTheFuture(Database& db)
{
    return db.write([](Transaction& tx) -> Status {
        tx.exec(
            QStringLiteral("INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, 'future', 0)"),
            { Database::latestSchemaVersion() + 1 });
        return {};
    });
}

} // namespace campdesk::test
