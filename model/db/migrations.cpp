#include "db/migrations.h"

#include "core/logging.h"

#include <QCoreApplication>
#include <QLoggingCategory>

namespace campdesk {

namespace {

QStringList schemaV1()
{
    return {
        QStringLiteral(R"(CREATE TABLE users (
            id {ID},
            username TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('manager', 'frontdesk')),
            password_hash TEXT NOT NULL,
            salt TEXT NOT NULL,
            iterations INTEGER NOT NULL,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            lockouts INTEGER NOT NULL DEFAULT 0,
            locked_until BIGINT,
            active INTEGER NOT NULL DEFAULT 1,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL))"),

        QStringLiteral(R"(CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated_at BIGINT NOT NULL))"),

        QStringLiteral(R"(CREATE TABLE campsites (
            id {ID},
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('tent', 'auto_camping', 'caravan', 'glamping', 'cabin')),
            description TEXT NOT NULL DEFAULT '',
            zone TEXT NOT NULL DEFAULT '',
            max_guests INTEGER NOT NULL CHECK (max_guests BETWEEN 1 AND 50),
            nightly_price BIGINT NOT NULL CHECK (nightly_price >= 0),
            weekend_price BIGINT CHECK (weekend_price >= 0),
            amenities TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'maintenance', 'retired')),
            version INTEGER NOT NULL DEFAULT 1,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL))"),

        QStringLiteral(R"(CREATE TABLE customers (
            id {ID},
            name TEXT NOT NULL,
            phone TEXT NOT NULL UNIQUE,
            email TEXT NOT NULL DEFAULT '',
            language TEXT NOT NULL DEFAULT 'ko',
            message_consent INTEGER NOT NULL DEFAULT 0,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL))"),
        QStringLiteral("CREATE INDEX customers_name ON customers (name)"),

        QStringLiteral(R"(CREATE TABLE reservations (
            id {ID},
            code TEXT NOT NULL UNIQUE,
            campsite_id BIGINT NOT NULL REFERENCES campsites (id),
            customer_id BIGINT NOT NULL REFERENCES customers (id),
            check_in TEXT NOT NULL,
            check_out TEXT NOT NULL,
            guests INTEGER NOT NULL CHECK (guests >= 1),
            status TEXT NOT NULL CHECK (status IN ('held', 'confirmed', 'checked_in', 'checked_out', 'cancelled',
                                                   'expired')),
            amount BIGINT NOT NULL CHECK (amount >= 0),
            points_used BIGINT NOT NULL DEFAULT 0 CHECK (points_used >= 0),
            channel TEXT NOT NULL CHECK (channel IN ('kiosk', 'desk')),
            order_id TEXT NOT NULL UNIQUE,
            hold_expires_at BIGINT,
            refund_amount BIGINT NOT NULL DEFAULT 0,
            cancel_reason TEXT,
            created_by BIGINT REFERENCES users (id),
            version INTEGER NOT NULL DEFAULT 1,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            confirmed_at BIGINT,
            cancelled_at BIGINT,
            CHECK (check_out > check_in)))"),
        QStringLiteral("CREATE INDEX reservations_campsite ON reservations (campsite_id, check_in)"),
        QStringLiteral("CREATE INDEX reservations_customer ON reservations (customer_id)"),
        QStringLiteral("CREATE INDEX reservations_status ON reservations (status, check_in)"),
        QStringLiteral("CREATE INDEX reservations_hold ON reservations (hold_expires_at)"),

        // The double-booking guard: one row per booked (or held) night of a campsite.
        QStringLiteral(R"(CREATE TABLE reservation_nights (
            campsite_id BIGINT NOT NULL REFERENCES campsites (id),
            night TEXT NOT NULL,
            reservation_id BIGINT NOT NULL REFERENCES reservations (id) ON DELETE CASCADE,
            PRIMARY KEY (campsite_id, night)))"),
        QStringLiteral("CREATE INDEX reservation_nights_reservation ON reservation_nights (reservation_id)"),
        QStringLiteral("CREATE INDEX reservation_nights_night ON reservation_nights (night)"),

        QStringLiteral(R"(CREATE TABLE payments (
            id {ID},
            reservation_id BIGINT NOT NULL REFERENCES reservations (id),
            order_id TEXT NOT NULL UNIQUE,
            provider TEXT NOT NULL,
            method TEXT NOT NULL,
            amount BIGINT NOT NULL CHECK (amount >= 0),
            status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'cancelled', 'failed')),
            provider_tx_id TEXT,
            refund_amount BIGINT NOT NULL DEFAULT 0 CHECK (refund_amount >= 0),
            failure_reason TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            approved_at BIGINT,
            cancelled_at BIGINT))"),
        QStringLiteral("CREATE INDEX payments_reservation ON payments (reservation_id)"),
        QStringLiteral("CREATE INDEX payments_status ON payments (status, created_at)"),

        // Balance = SUM(delta). UNIQUE (reason, source_id): replaying an event never credits twice.
        QStringLiteral(R"(CREATE TABLE mileage_ledger (
            id {ID},
            customer_id BIGINT NOT NULL REFERENCES customers (id),
            delta BIGINT NOT NULL,
            reason TEXT NOT NULL CHECK (reason IN ('payment', 'cancel', 'review', 'review_deleted', 'redeem',
                                                   'adjust')),
            source_id TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created_at BIGINT NOT NULL,
            UNIQUE (reason, source_id)))"),
        QStringLiteral("CREATE INDEX mileage_ledger_customer ON mileage_ledger (customer_id, id)"),

        QStringLiteral(R"(CREATE TABLE reviews (
            id {ID},
            reservation_id BIGINT NOT NULL UNIQUE REFERENCES reservations (id),
            campsite_id BIGINT NOT NULL REFERENCES campsites (id),
            customer_id BIGINT NOT NULL REFERENCES customers (id),
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
            body TEXT NOT NULL DEFAULT '',
            hidden INTEGER NOT NULL DEFAULT 0,
            deleted_at BIGINT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL))"),
        QStringLiteral("CREATE INDEX reviews_campsite ON reviews (campsite_id)"),

        QStringLiteral(R"(CREATE TABLE domain_events (
            id {ID},
            type TEXT NOT NULL,
            aggregate TEXT NOT NULL,
            aggregate_id BIGINT NOT NULL,
            payload TEXT NOT NULL,
            origin TEXT NOT NULL,
            occurred_at BIGINT NOT NULL))"),
        QStringLiteral("CREATE INDEX domain_events_aggregate ON domain_events (aggregate, aggregate_id)"),

        QStringLiteral(R"(CREATE TABLE notifications (
            id {ID},
            event_id BIGINT NOT NULL REFERENCES domain_events (id),
            reservation_id BIGINT REFERENCES reservations (id),
            channel TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
            recipient TEXT NOT NULL,
            language TEXT NOT NULL,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at BIGINT NOT NULL,
            lease_owner TEXT,
            lease_until BIGINT,
            last_error TEXT,
            provider_response TEXT,
            created_at BIGINT NOT NULL,
            sent_at BIGINT,
            UNIQUE (event_id, channel)))"),
        QStringLiteral("CREATE INDEX notifications_due ON notifications (status, next_attempt_at)"),

        // Read model (CQRS): kept up to date in the write transactions, rebuildable from the tables above.
        QStringLiteral(R"(CREATE TABLE campsite_status (
            campsite_id BIGINT PRIMARY KEY REFERENCES campsites (id) ON DELETE CASCADE,
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            zone TEXT NOT NULL,
            site_status TEXT NOT NULL,
            current_reservation_id BIGINT,
            current_guest TEXT,
            current_check_out TEXT,
            next_reservation_id BIGINT,
            next_guest TEXT,
            next_check_in TEXT,
            booked_nights_30 INTEGER NOT NULL DEFAULT 0,
            revenue BIGINT NOT NULL DEFAULT 0,
            review_count INTEGER NOT NULL DEFAULT 0,
            rating_sum INTEGER NOT NULL DEFAULT 0,
            as_of TEXT NOT NULL,
            updated_at BIGINT NOT NULL))"),
        QStringLiteral(R"(CREATE TABLE daily_stats (
            day TEXT PRIMARY KEY,
            bookings INTEGER NOT NULL DEFAULT 0,
            cancellations INTEGER NOT NULL DEFAULT 0,
            revenue BIGINT NOT NULL DEFAULT 0,
            refunds BIGINT NOT NULL DEFAULT 0,
            points_credited BIGINT NOT NULL DEFAULT 0,
            points_deducted BIGINT NOT NULL DEFAULT 0,
            booked_nights INTEGER NOT NULL DEFAULT 0))"),

        QStringLiteral(R"(CREATE TABLE audit_log (
            id {ID},
            at BIGINT NOT NULL,
            user_id BIGINT,
            actor TEXT NOT NULL,
            role TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL DEFAULT '',
            details TEXT NOT NULL DEFAULT '',
            terminal TEXT NOT NULL DEFAULT ''))"),
        QStringLiteral("CREATE INDEX audit_log_at ON audit_log (at)"),

        QStringLiteral(R"(CREATE TABLE terminals (
            name TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            version TEXT NOT NULL,
            host TEXT NOT NULL DEFAULT '',
            last_seen BIGINT NOT NULL))"),
    };
}

// Read model for the dashboard (issue 8): what campsite_status needs so that every dashboard figure comes from the
// read model alone. Rows are marked stale so the next read recomputes them (ReadModel::refreshStale).
QStringList schemaV9()
{
    QStringList statements;
    for (const char* column : { "current_checked_in", "current_guests", "arrivals_today", "departures_today",
                                "confirmed_count", "checked_in_count", "checked_out_count", "cancelled_count",
                                "rating_1", "rating_2", "rating_3", "rating_4", "rating_5" }) {
        statements << QStringLiteral("ALTER TABLE campsite_status ADD COLUMN %1 INTEGER NOT NULL DEFAULT 0")
                          .arg(QLatin1String(column));
    }
    // One character per night from as_of: '1' booked, '0' free; 30 nights (a new site: all free).
    statements << QStringLiteral("ALTER TABLE campsite_status ADD COLUMN nights_30 TEXT NOT NULL DEFAULT '%1'")
                      .arg(QString(30, QLatin1Char('0')));
    statements << QStringLiteral("UPDATE campsite_status SET as_of = ''");
    return statements;
}

// Payments that need attention (issue 15): a state the reconciler retries with backoff and the status page and
// `campdesk --check` show, instead of a note in failure_reason. refund_requested: what was asked back from the
// provider, written before asking, so that a refund finished after a crash can be compared with what the provider did.
QStringList schemaV10()
{
    return {
        QStringLiteral("ALTER TABLE payments ADD COLUMN refund_requested BIGINT"),
        QStringLiteral("ALTER TABLE payments ADD COLUMN attention TEXT"),
        QStringLiteral("ALTER TABLE payments ADD COLUMN attention_detail TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("ALTER TABLE payments ADD COLUMN attention_since BIGINT"),
        QStringLiteral("ALTER TABLE payments ADD COLUMN attention_attempts INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE payments ADD COLUMN attention_next_at BIGINT"),
        QStringLiteral("CREATE INDEX payments_attention ON payments (attention, attention_next_at)"),
    };
}

// A kiosk fit for a public place (issue 16). guest_name: the name typed for this stay, which a kiosk never writes
// over the customer's stored name (a phone someone else knows must not rename its owner). phone_codes: one-time
// codes that prove a phone before its points are shown or spent, stored hashed. kiosk_lookup_throttle: the
// "find my booking" guessing delay per booking code and per kiosk, kept across restarts.
QStringList schemaV11()
{
    return {
        QStringLiteral("ALTER TABLE reservations ADD COLUMN guest_name TEXT NOT NULL DEFAULT ''"),
        QStringLiteral(R"(CREATE TABLE phone_codes (
            id {ID},
            phone TEXT NOT NULL,
            terminal TEXT NOT NULL,
            code_hash TEXT NOT NULL,
            salt TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            used_at BIGINT))"),
        QStringLiteral("CREATE INDEX phone_codes_phone ON phone_codes (phone, created_at)"),
        QStringLiteral("CREATE INDEX phone_codes_terminal ON phone_codes (terminal, created_at)"),
        QStringLiteral(R"(CREATE TABLE kiosk_lookup_throttle (
            scope TEXT PRIMARY KEY,
            misses INTEGER NOT NULL DEFAULT 0,
            blocked_until BIGINT NOT NULL DEFAULT 0,
            updated_at BIGINT NOT NULL))"),
    };
}

// The read model kept by what changed (issue 17): a site's totals (revenue, reservations per status, visible reviews
// per rating) follow every change of a reservation or review through triggers, so no write rescans a site's history
// and every write path (booking, cancel, check-in, a move to another site) keeps them right without remembering to.
// The day-bound columns (current stay, next arrival, the next 30 nights) come from indexed look-ups of a few rows.
QString reservationContribution(const char* row, const char* sign)
{
    // What one reservation row adds to its site's totals; `row` is NEW or OLD.
    return QStringLiteral(
               "revenue = revenue %2 CASE WHEN %1.status IN ('confirmed', 'checked_in', 'checked_out', 'cancelled') "
               "THEN %1.amount - %1.refund_amount ELSE 0 END, "
               "confirmed_count = confirmed_count %2 CASE WHEN %1.status = 'confirmed' THEN 1 ELSE 0 END, "
               "checked_in_count = checked_in_count %2 CASE WHEN %1.status = 'checked_in' THEN 1 ELSE 0 END, "
               "checked_out_count = checked_out_count %2 CASE WHEN %1.status = 'checked_out' THEN 1 ELSE 0 END, "
               "cancelled_count = cancelled_count %2 CASE WHEN %1.status = 'cancelled' THEN 1 ELSE 0 END")
        .arg(QLatin1String(row), QLatin1String(sign));
}

// From migration 18: a no-show keeps what was paid less any refund, and is counted in a column of its own.
QString reservationContributionV18(const char* row, const char* sign)
{
    return QStringLiteral("revenue = revenue %2 CASE WHEN %1.status IN ('confirmed', 'checked_in', 'checked_out', "
                          "'cancelled', 'no_show') THEN %1.amount - %1.refund_amount ELSE 0 END, "
                          "confirmed_count = confirmed_count %2 CASE WHEN %1.status = 'confirmed' THEN 1 ELSE 0 END, "
                          "checked_in_count = checked_in_count %2 CASE WHEN %1.status = 'checked_in' THEN 1 ELSE 0 "
                          "END, checked_out_count = checked_out_count %2 CASE WHEN %1.status = 'checked_out' THEN 1 "
                          "ELSE 0 END, cancelled_count = cancelled_count %2 CASE WHEN %1.status = 'cancelled' THEN 1 "
                          "ELSE 0 END, no_show_count = no_show_count %2 CASE WHEN %1.status = 'no_show' THEN 1 ELSE 0 "
                          "END")
        .arg(QLatin1String(row), QLatin1String(sign));
}

QString campsiteTotalsUpdate(const QString& sets, const char* row)
{
    return QStringLiteral("UPDATE campsite_status SET %1 WHERE campsite_id = %2.campsite_id")
        .arg(sets, QLatin1String(row));
}

QString reviewContribution(const char* row, const char* sign)
{
    QString sets = QStringLiteral("review_count = review_count %2 CASE WHEN %1.deleted_at IS NULL AND %1.hidden = 0 "
                                  "THEN 1 ELSE 0 END, rating_sum = rating_sum %2 CASE WHEN %1.deleted_at IS NULL "
                                  "AND %1.hidden = 0 THEN %1.rating ELSE 0 END")
                       .arg(QLatin1String(row), QLatin1String(sign));
    for (int stars = 1; stars <= 5; ++stars) {
        sets += QStringLiteral(", rating_%3 = rating_%3 %2 CASE WHEN %1.deleted_at IS NULL AND %1.hidden = 0 "
                               "AND %1.rating = %3 THEN 1 ELSE 0 END")
                    .arg(QLatin1String(row), QLatin1String(sign))
                    .arg(stars);
    }
    return sets;
}

QStringList schemaV12()
{
    const QString reservationColumns = QStringLiteral("status, amount, refund_amount, campsite_id");
    const QString reviewColumns = QStringLiteral("rating, hidden, deleted_at, campsite_id");
    auto update = [](const QString& sets, const char* row) {
        return QStringLiteral("UPDATE campsite_status SET %1 WHERE campsite_id = %2.campsite_id")
            .arg(sets, QLatin1String(row));
    };
    QStringList statements = {
        // The day-bound look-ups: a site's stays by status and arrival, and its departures on a day.
        QStringLiteral("CREATE INDEX reservations_site_status ON reservations (campsite_id, status, check_in)"),
        QStringLiteral("CREATE INDEX reservations_site_check_out ON reservations (campsite_id, check_out)"),
        // What the screens sort and search by (tst_queryplans): departures in order, a guest by the start of the
        // name in any case, by the last or the middle four digits of the phone, by the start of the e-mail address.
        QStringLiteral("CREATE INDEX reservations_check_out ON reservations (check_out, id)"),
        QStringLiteral("CREATE INDEX customers_name_lower ON customers (lower(name))"),
        QStringLiteral("CREATE INDEX customers_phone_tail ON customers (substr(phone, length(phone) - 3))"),
        QStringLiteral("CREATE INDEX customers_phone_middle ON customers (substr(phone, 4, 4))"),
        QStringLiteral("CREATE INDEX customers_email_lower ON customers (lower(email))"),
    };
    struct Table
    {
        const char* name;
        QString columns;
        QString (*contribution)(const char*, const char*);
    };
    for (const Table& table : { Table { "reservations", reservationColumns, reservationContribution },
                                Table { "reviews", reviewColumns, reviewContribution } }) {
        const QString name = QLatin1String(table.name);
        // SQLite: one trigger per operation; an update takes the old row out and puts the new one in.
        statements << QStringLiteral("{SQLITE}CREATE TRIGGER %1_totals_insert AFTER INSERT ON %1 BEGIN %2; END")
                          .arg(name, update(table.contribution("NEW", "+"), "NEW"));
        statements << QStringLiteral("{SQLITE}CREATE TRIGGER %1_totals_delete AFTER DELETE ON %1 BEGIN %2; END")
                          .arg(name, update(table.contribution("OLD", "-"), "OLD"));
        statements << QStringLiteral("{SQLITE}CREATE TRIGGER %1_totals_update AFTER UPDATE OF %2 ON %1 "
                                     "BEGIN %3; %4; END")
                          .arg(name, table.columns, update(table.contribution("OLD", "-"), "OLD"),
                               update(table.contribution("NEW", "+"), "NEW"));
        // PostgreSQL: one row-level function for all three.
        statements << QStringLiteral("{POSTGRES}CREATE FUNCTION %1_totals() RETURNS trigger LANGUAGE plpgsql AS $fn$ "
                                     "BEGIN IF TG_OP IN ('UPDATE', 'DELETE') THEN %2; END IF; "
                                     "IF TG_OP IN ('UPDATE', 'INSERT') THEN %3; END IF; RETURN NULL; END $fn$")
                          .arg(name, update(table.contribution("OLD", "-"), "OLD"),
                               update(table.contribution("NEW", "+"), "NEW"));
        statements << QStringLiteral("{POSTGRES}CREATE TRIGGER %1_totals AFTER INSERT OR DELETE OR UPDATE OF %2 "
                                     "ON %1 FOR EACH ROW EXECUTE FUNCTION %1_totals()")
                          .arg(name, table.columns);
    }
    return statements;
}

// No-shows and site blocks (issue 18; migration 18, after 17 whose column the rebuild keeps). reservations.status gets
// 'no_show': PostgreSQL alters the CHECK; SQLite cannot, so the table is rebuilt the documented way (foreign keys off
// around the migration, see migrateTo: new table, copy, drop, rename, then its indexes and the read-model triggers of
// migration 12, which went with it). site_blocks: a site closed for a date range; its nights are rows of
// reservation_nights (rebuilt the same way on SQLite) with block_id instead of reservation_id, so a block and a booking
// racing for the same night meet on its key.
QStringList schemaV18()
{
    const QString statuses
        = QStringLiteral("('held', 'confirmed', 'checked_in', 'checked_out', 'cancelled', 'expired', 'no_show')");
    QStringList statements = {
        QStringLiteral("ALTER TABLE campsite_status ADD COLUMN no_show_count INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("{POSTGRES}ALTER TABLE reservations DROP CONSTRAINT reservations_status_check"),
        QStringLiteral(
            "{POSTGRES}ALTER TABLE reservations ADD CONSTRAINT reservations_status_check CHECK (status IN %1)")
            .arg(statuses),
        QStringLiteral(R"({SQLITE}CREATE TABLE reservations_v18 (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            campsite_id BIGINT NOT NULL REFERENCES campsites (id),
            customer_id BIGINT NOT NULL REFERENCES customers (id),
            check_in TEXT NOT NULL,
            check_out TEXT NOT NULL,
            guests INTEGER NOT NULL CHECK (guests >= 1),
            status TEXT NOT NULL CHECK (status IN %1),
            amount BIGINT NOT NULL CHECK (amount >= 0),
            points_used BIGINT NOT NULL DEFAULT 0 CHECK (points_used >= 0),
            channel TEXT NOT NULL CHECK (channel IN ('kiosk', 'desk')),
            order_id TEXT NOT NULL UNIQUE,
            hold_expires_at BIGINT,
            refund_amount BIGINT NOT NULL DEFAULT 0,
            cancel_reason TEXT,
            created_by BIGINT REFERENCES users (id),
            version INTEGER NOT NULL DEFAULT 1,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            confirmed_at BIGINT,
            cancelled_at BIGINT,
            guest_name TEXT NOT NULL DEFAULT '',
            checked_out_on TEXT,
            CHECK (check_out > check_in)))")
            .arg(statuses),
        QStringLiteral("{SQLITE}INSERT INTO reservations_v18 (id, code, campsite_id, customer_id, check_in, check_out, "
                       "guests, status, amount, points_used, channel, order_id, hold_expires_at, refund_amount, "
                       "cancel_reason, created_by, version, created_at, updated_at, confirmed_at, cancelled_at, "
                       "guest_name, checked_out_on) SELECT id, code, campsite_id, customer_id, check_in, check_out, "
                       "guests, status, "
                       "amount, points_used, channel, order_id, hold_expires_at, refund_amount, cancel_reason, "
                       "created_by, version, created_at, updated_at, confirmed_at, cancelled_at, guest_name, "
                       "checked_out_on FROM reservations"),
        QStringLiteral("{SQLITE}DROP TABLE reservations"),
        QStringLiteral("{SQLITE}ALTER TABLE reservations_v18 RENAME TO reservations"),
        QStringLiteral("{SQLITE}CREATE INDEX reservations_campsite ON reservations (campsite_id, check_in)"),
        QStringLiteral("{SQLITE}CREATE INDEX reservations_customer ON reservations (customer_id)"),
        QStringLiteral("{SQLITE}CREATE INDEX reservations_status ON reservations (status, check_in)"),
        QStringLiteral("{SQLITE}CREATE INDEX reservations_hold ON reservations (hold_expires_at)"),
        QStringLiteral("{SQLITE}CREATE INDEX reservations_check_in ON reservations (check_in, id)"),
        QStringLiteral("{SQLITE}CREATE INDEX reservations_site_status ON reservations (campsite_id, status, check_in)"),
        QStringLiteral("{SQLITE}CREATE INDEX reservations_site_check_out ON reservations (campsite_id, check_out)"),
        QStringLiteral("{SQLITE}CREATE INDEX reservations_check_out ON reservations (check_out, id)"),
        QStringLiteral("{SQLITE}CREATE INDEX reservations_site_checked_out_on ON reservations (campsite_id, "
                       "checked_out_on)"),
        // The read-model triggers again (SQLite dropped them with the table; PostgreSQL replaces the function).
        QStringLiteral("{SQLITE}CREATE TRIGGER reservations_totals_insert AFTER INSERT ON reservations BEGIN %1; END")
            .arg(campsiteTotalsUpdate(reservationContributionV18("NEW", "+"), "NEW")),
        QStringLiteral("{SQLITE}CREATE TRIGGER reservations_totals_delete AFTER DELETE ON reservations BEGIN %1; END")
            .arg(campsiteTotalsUpdate(reservationContributionV18("OLD", "-"), "OLD")),
        QStringLiteral("{SQLITE}CREATE TRIGGER reservations_totals_update AFTER UPDATE OF status, amount, "
                       "refund_amount, campsite_id ON reservations BEGIN %1; %2; END")
            .arg(campsiteTotalsUpdate(reservationContributionV18("OLD", "-"), "OLD"),
                 campsiteTotalsUpdate(reservationContributionV18("NEW", "+"), "NEW")),
        QStringLiteral("{POSTGRES}CREATE OR REPLACE FUNCTION reservations_totals() RETURNS trigger LANGUAGE plpgsql "
                       "AS $fn$ BEGIN IF TG_OP IN ('UPDATE', 'DELETE') THEN %1; END IF; "
                       "IF TG_OP IN ('UPDATE', 'INSERT') THEN %2; END IF; RETURN NULL; END $fn$")
            .arg(campsiteTotalsUpdate(reservationContributionV18("OLD", "-"), "OLD"),
                 campsiteTotalsUpdate(reservationContributionV18("NEW", "+"), "NEW")),
        QStringLiteral(R"(CREATE TABLE site_blocks (
            id {ID},
            campsite_id BIGINT NOT NULL REFERENCES campsites (id),
            date_from TEXT NOT NULL,
            date_to TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('maintenance', 'closure', 'private_event')),
            reason TEXT NOT NULL DEFAULT '',
            created_by BIGINT REFERENCES users (id),
            created_at BIGINT NOT NULL,
            CHECK (date_to > date_from)))"),
        QStringLiteral("CREATE INDEX site_blocks_campsite ON site_blocks (campsite_id, date_from)"),
        // A blocked night is a row of reservation_nights with a block instead of a reservation: a booking and a block
        // racing for the same night meet on its primary key, and every "is this night free" look-up sees blocks.
        QStringLiteral("{POSTGRES}ALTER TABLE reservation_nights ALTER COLUMN reservation_id DROP NOT NULL"),
        QStringLiteral(
            "{POSTGRES}ALTER TABLE reservation_nights ADD COLUMN block_id BIGINT REFERENCES site_blocks (id) "
            "ON DELETE CASCADE"),
        QStringLiteral("{POSTGRES}ALTER TABLE reservation_nights ADD CONSTRAINT reservation_nights_owner CHECK "
                       "((reservation_id IS NULL) <> (block_id IS NULL))"),
        QStringLiteral(R"({SQLITE}CREATE TABLE reservation_nights_v18 (
            campsite_id BIGINT NOT NULL REFERENCES campsites (id),
            night TEXT NOT NULL,
            reservation_id BIGINT REFERENCES reservations (id) ON DELETE CASCADE,
            block_id BIGINT REFERENCES site_blocks (id) ON DELETE CASCADE,
            PRIMARY KEY (campsite_id, night),
            CONSTRAINT reservation_nights_owner CHECK ((reservation_id IS NULL) <> (block_id IS NULL))))"),
        QStringLiteral("{SQLITE}INSERT INTO reservation_nights_v18 (campsite_id, night, reservation_id) "
                       "SELECT campsite_id, night, reservation_id FROM reservation_nights"),
        QStringLiteral("{SQLITE}DROP TABLE reservation_nights"),
        QStringLiteral("{SQLITE}ALTER TABLE reservation_nights_v18 RENAME TO reservation_nights"),
        QStringLiteral("{SQLITE}CREATE INDEX reservation_nights_reservation ON reservation_nights (reservation_id)"),
        QStringLiteral("{SQLITE}CREATE INDEX reservation_nights_night ON reservation_nights (night)"),
        QStringLiteral("CREATE INDEX reservation_nights_block ON reservation_nights (block_id)"),
    };
    return statements;
}

// Rate plans (issue 19): seasons repeating every year (month-days, inclusive) with weekday, weekend and holiday
// prices per site kind or per site, the holiday calendar, minimum stays, closed dates, occupancy fees and a site's
// base guest count; the priced lines of each booking, written when it is held, so a receipt shows what was charged.
QStringList schemaV19()
{
    QStringList statements {
        QStringLiteral(R"(CREATE TABLE rate_seasons (
            id {ID},
            name TEXT NOT NULL,
            band TEXT NOT NULL,
            from_md TEXT NOT NULL,
            to_md TEXT NOT NULL,
            min_nights_weekday INTEGER NOT NULL DEFAULT 1,
            min_nights_weekend INTEGER NOT NULL DEFAULT 1,
            updated_at BIGINT NOT NULL))"),
        QStringLiteral(R"(CREATE TABLE rate_season_prices (
            season_id BIGINT NOT NULL,
            scope TEXT NOT NULL,
            weekday_price BIGINT NOT NULL,
            weekend_price BIGINT NOT NULL DEFAULT 0,
            holiday_price BIGINT NOT NULL DEFAULT 0,
            PRIMARY KEY (season_id, scope)))"),
        QStringLiteral(R"(CREATE TABLE holidays (
            day TEXT PRIMARY KEY,
            name TEXT NOT NULL))"),
        QStringLiteral(R"(CREATE TABLE closed_dates (
            id {ID},
            from_day TEXT NOT NULL,
            to_day TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT ''))"),
        QStringLiteral(R"(CREATE TABLE occupancy_fees (
            scope TEXT PRIMARY KEY,
            adult_fee BIGINT NOT NULL DEFAULT 0,
            child_fee BIGINT NOT NULL DEFAULT 0,
            vehicle_fee BIGINT NOT NULL DEFAULT 0,
            included_vehicles INTEGER NOT NULL DEFAULT 1))"),
        QStringLiteral(R"(CREATE TABLE reservation_lines (
            id {ID},
            reservation_id BIGINT NOT NULL,
            kind TEXT NOT NULL,
            night TEXT,
            label_code TEXT NOT NULL DEFAULT '',
            quantity INTEGER NOT NULL,
            unit_price BIGINT NOT NULL,
            amount BIGINT NOT NULL))"),
        QStringLiteral("CREATE INDEX reservation_lines_reservation ON reservation_lines (reservation_id, id)"),
        QStringLiteral("ALTER TABLE campsites ADD COLUMN base_guests INTEGER NOT NULL DEFAULT 0"),
    };
    // Korean public holidays of 2026 and 2027 (관공서의 공휴일에 관한 규정 and 대체공휴일), lunar ones as their
    // solar dates for those years; see docs/decisions.md for the source. The manager edits the list from here on.
    static const char* const holidays[][2] = {
        { "2026-01-01", "신정" },
        { "2026-02-16", "설날 연휴" },
        { "2026-02-17", "설날" },
        { "2026-02-18", "설날 연휴" },
        { "2026-03-01", "삼일절" },
        { "2026-03-02", "대체공휴일(삼일절)" },
        { "2026-05-05", "어린이날" },
        { "2026-05-24", "부처님오신날" },
        { "2026-05-25", "대체공휴일(부처님오신날)" },
        { "2026-06-03", "전국동시지방선거" },
        { "2026-06-06", "현충일" },
        { "2026-08-15", "광복절" },
        { "2026-08-17", "대체공휴일(광복절)" },
        { "2026-09-24", "추석 연휴" },
        { "2026-09-25", "추석" },
        { "2026-09-26", "추석 연휴" },
        { "2026-10-03", "개천절" },
        { "2026-10-05", "대체공휴일(개천절)" },
        { "2026-10-09", "한글날" },
        { "2026-12-25", "기독탄신일" },
        { "2027-01-01", "신정" },
        { "2027-02-06", "설날 연휴" },
        { "2027-02-07", "설날" },
        { "2027-02-08", "설날 연휴" },
        { "2027-02-09", "대체공휴일(설날)" },
        { "2027-03-01", "삼일절" },
        { "2027-05-05", "어린이날" },
        { "2027-05-13", "부처님오신날" },
        { "2027-06-06", "현충일" },
        { "2027-08-15", "광복절" },
        { "2027-08-16", "대체공휴일(광복절)" },
        { "2027-09-14", "추석 연휴" },
        { "2027-09-15", "추석" },
        { "2027-09-16", "추석 연휴" },
        { "2027-10-03", "개천절" },
        { "2027-10-04", "대체공휴일(개천절)" },
        { "2027-10-09", "한글날" },
        { "2027-10-11", "대체공휴일(한글날)" },
        { "2027-12-25", "기독탄신일" },
        { "2027-12-27", "대체공휴일(기독탄신일)" },
    };
    QStringList values;
    for (const auto& holiday : holidays)
        values << QStringLiteral("('%1', '%2')").arg(QLatin1String(holiday[0]), QString::fromUtf8(holiday[1]));
    statements << QStringLiteral("INSERT INTO holidays (day, name) VALUES ") + values.join(QStringLiteral(", "));
    return statements;
}

// Revenue by kind (issue 19 item 6; migration 28): what the bookings that stand sold, stay lines and extras lines
// apart, added to daily_stats on their check-in day. Triggers keep it, as migration 12's keep a site's totals: a
// booking counts from its confirmation (held lines do not), leaves at a cancel or a no-show, moves with its check-in,
// and follows its lines when a change rewrites them, whatever service does it. Triggers, not addDaily() calls, so a
// write path added later cannot forget them; InvariantsChecker compares them with ReadModel::computeDaily().
// (A later migration that rebuilds reservations or reservation_lines on SQLite must create these again.)
QStringList schemaV28()
{
    const QString standing = QStringLiteral("('confirmed', 'checked_in', 'checked_out')");
    // What a row adds to one day; %1 the day, %2 stay, %3 extras, then the source and its condition.
    auto upsert = [](const QString& select) {
        return QStringLiteral("INSERT INTO daily_stats (day, stay_revenue, extras_revenue) %1 "
                              "ON CONFLICT (day) DO UPDATE SET stay_revenue = daily_stats.stay_revenue + "
                              "excluded.stay_revenue, extras_revenue = daily_stats.extras_revenue + "
                              "excluded.extras_revenue")
            .arg(select);
    };
    // A reservation's lines, by kind (reservation_lines_reservation).
    auto sums = [](const char* row, const char* sign) {
        return QStringLiteral("%2(SELECT COALESCE(SUM(amount), 0) FROM reservation_lines WHERE reservation_id = %1.id "
                              "AND kind NOT IN ('extra', 'points')), %2(SELECT COALESCE(SUM(amount), 0) FROM "
                              "reservation_lines WHERE reservation_id = %1.id AND kind = 'extra')")
            .arg(QLatin1String(row), QLatin1String(sign));
    };
    const QString reservationOut
        = upsert(QStringLiteral("SELECT OLD.check_in, %1 WHERE OLD.status IN %2").arg(sums("OLD", "-"), standing));
    const QString reservationIn
        = upsert(QStringLiteral("SELECT NEW.check_in, %1 WHERE NEW.status IN %2").arg(sums("NEW", ""), standing));
    // One line of a booking that stands.
    auto line = [&](const char* row, const char* sign) {
        return upsert(QStringLiteral("SELECT r.check_in, %2(CASE WHEN %1.kind IN ('extra', 'points') THEN 0 ELSE "
                                     "%1.amount END), %2(CASE WHEN %1.kind = 'extra' THEN %1.amount ELSE 0 END) "
                                     "FROM reservations r WHERE r.id = %1.reservation_id AND r.status IN %3")
                          .arg(QLatin1String(row), QLatin1String(sign), standing));
    };
    const QString changed = QStringLiteral("(OLD.status IN %1 OR NEW.status IN %1) AND (OLD.status <> NEW.status "
                                           "OR OLD.check_in <> NEW.check_in)")
                                .arg(standing);
    return {
        QStringLiteral("ALTER TABLE daily_stats ADD COLUMN stay_revenue BIGINT NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE daily_stats ADD COLUMN extras_revenue BIGINT NOT NULL DEFAULT 0"),
        // What the bookings made so far sold.
        upsert(QStringLiteral("SELECT r.check_in, SUM(CASE WHEN l.kind IN ('extra', 'points') THEN 0 ELSE l.amount "
                              "END), SUM(CASE WHEN l.kind = 'extra' THEN l.amount ELSE 0 END) FROM reservations r "
                              "JOIN reservation_lines l ON l.reservation_id = r.id WHERE r.status IN %1 "
                              "GROUP BY r.check_in")
                   .arg(standing)),
        QStringLiteral("{SQLITE}CREATE TRIGGER reservations_revenue_by_kind AFTER UPDATE OF status, check_in ON "
                       "reservations WHEN %1 BEGIN %2; %3; END")
            .arg(changed, reservationOut, reservationIn),
        QStringLiteral("{SQLITE}CREATE TRIGGER reservation_lines_revenue_insert AFTER INSERT ON reservation_lines "
                       "BEGIN %1; END")
            .arg(line("NEW", "")),
        QStringLiteral("{SQLITE}CREATE TRIGGER reservation_lines_revenue_delete AFTER DELETE ON reservation_lines "
                       "BEGIN %1; END")
            .arg(line("OLD", "-")),
        QStringLiteral("{SQLITE}CREATE TRIGGER reservation_lines_revenue_update AFTER UPDATE OF kind, amount, "
                       "reservation_id ON reservation_lines BEGIN %1; %2; END")
            .arg(line("OLD", "-"), line("NEW", "")),
        QStringLiteral("{POSTGRES}CREATE FUNCTION reservations_revenue_by_kind() RETURNS trigger LANGUAGE plpgsql "
                       "AS $fn$ BEGIN %1; %2; RETURN NULL; END $fn$")
            .arg(reservationOut, reservationIn),
        QStringLiteral("{POSTGRES}CREATE TRIGGER reservations_revenue_by_kind AFTER UPDATE OF status, check_in ON "
                       "reservations FOR EACH ROW WHEN (%1) EXECUTE FUNCTION reservations_revenue_by_kind()")
            .arg(changed),
        QStringLiteral("{POSTGRES}CREATE FUNCTION reservation_lines_revenue() RETURNS trigger LANGUAGE plpgsql "
                       "AS $fn$ BEGIN IF TG_OP IN ('UPDATE', 'DELETE') THEN %1; END IF; "
                       "IF TG_OP IN ('UPDATE', 'INSERT') THEN %2; END IF; RETURN NULL; END $fn$")
            .arg(line("OLD", "-"), line("NEW", "")),
        QStringLiteral("{POSTGRES}CREATE TRIGGER reservation_lines_revenue AFTER INSERT OR DELETE OR UPDATE OF kind, "
                       "amount, reservation_id ON reservation_lines FOR EACH ROW "
                       "EXECUTE FUNCTION reservation_lines_revenue()"),
    };
}

} // namespace

QString dialectSql(SqlDriver driver, QString sql)
{
    const bool sqlite = driver == SqlDriver::Sqlite;
    sql.replace(QLatin1String("{ID}"),
                sqlite ? QLatin1String("INTEGER PRIMARY KEY") : QLatin1String("BIGSERIAL PRIMARY KEY"));
    sql.replace(QLatin1String("{BLOB}"), sqlite ? QLatin1String("BLOB") : QLatin1String("BYTEA"));
    const QLatin1String sqliteOnly("{SQLITE}");
    const QLatin1String postgresOnly("{POSTGRES}");
    if (sql.startsWith(sqliteOnly))
        return sqlite ? sql.mid(sqliteOnly.size()) : QString();
    if (sql.startsWith(postgresOnly))
        return sqlite ? QString() : sql.mid(postgresOnly.size());
    return sql;
}

const std::vector<Migration>& migrations()
{
    static const std::vector<Migration> all = {
        { 1, "initial schema", schemaV1() },
        // The reservations table sorted by check-in (today's arrivals) is read a page at a time: with this
        // index the first page of a million rows is a short index walk instead of a full sort.
        { 7,
          "reservations by check-in",
          { QStringLiteral("CREATE INDEX reservations_check_in ON reservations (check_in, id)") } },
        { 9, "dashboard read model", schemaV9() },
        { 10, "payments that need attention", schemaV10() },
        { 11, "kiosk in a public place", schemaV11() },
        { 12, "read model kept by what changed", schemaV12() },
        // The day a guest actually left: one who leaves on the day of arrival keeps the first night (check_out is
        // the next day), yet is one of that day's departures.
        { 17,
          "the day a guest checked out; notes on a customer",
          { QStringLiteral("ALTER TABLE reservations ADD COLUMN checked_out_on TEXT"),
            QStringLiteral("UPDATE reservations SET checked_out_on = check_out WHERE status = 'checked_out'"),
            QStringLiteral("CREATE INDEX reservations_site_checked_out_on ON reservations (campsite_id, "
                           "checked_out_on)"),
            // Staff notes on a customer ("prefers a quiet site"): never read by the kiosk.
            QStringLiteral("ALTER TABLE customers ADD COLUMN notes TEXT NOT NULL DEFAULT ''") } },
        { 18, "no-shows and site blocks", schemaV18(), true },
        { 19, "rate plans, holidays, occupancy fees and the priced lines of a booking", schemaV19() },
        // Guest details (issue 18 item 5): the stay's own vehicles, equipment and staff notes; one row per plate so a
        // plate is found by an index (whole, or by its last four digits, which is what people remember); a site's
        // longest RV, caravan or trailer (NULL: any). The day sheets' look-ups: departures by the day a guest left,
        // and the cash-up's payments taken or refunded in a day.
        { 20,
          "guest details, plates, the day sheets",
          { QStringLiteral("ALTER TABLE reservations ADD COLUMN plates TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE reservations ADD COLUMN equipment TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE reservations ADD COLUMN equipment_length_dm INTEGER"),
            QStringLiteral("ALTER TABLE reservations ADD COLUMN staff_notes TEXT NOT NULL DEFAULT ''"),
            QStringLiteral(R"(CREATE TABLE reservation_plates (
                reservation_id BIGINT NOT NULL REFERENCES reservations (id) ON DELETE CASCADE,
                plate TEXT NOT NULL,
                plate_tail TEXT NOT NULL,
                PRIMARY KEY (reservation_id, plate)))"),
            QStringLiteral("CREATE INDEX reservation_plates_plate ON reservation_plates (plate)"),
            QStringLiteral("CREATE INDEX reservation_plates_tail ON reservation_plates (plate_tail)"),
            QStringLiteral("ALTER TABLE campsites ADD COLUMN max_equipment_length_dm INTEGER"),
            QStringLiteral("CREATE INDEX reservations_checked_out_on ON reservations (checked_out_on)"),
            QStringLiteral("CREATE INDEX payments_approved_at ON payments (approved_at)"),
            QStringLiteral("CREATE INDEX payments_cancelled_at ON payments (cancelled_at)") } },
        // The site map and site photos (issue 20): pictures in the database on both drivers, so every terminal and
        // the kiosk see them with no shared folder; one map, a marker per site, a few photos per site.
        { 21,
          "site map and site photos",
          { QStringLiteral("CREATE TABLE site_map (id INTEGER PRIMARY KEY CHECK (id = 1), image {BLOB} NOT NULL, "
                           "mime_type TEXT NOT NULL, width INTEGER NOT NULL, height INTEGER NOT NULL, "
                           "updated_at BIGINT NOT NULL)"),
            QStringLiteral("CREATE TABLE site_markers (campsite_id BIGINT PRIMARY KEY REFERENCES campsites (id) "
                           "ON DELETE CASCADE, x DOUBLE PRECISION NOT NULL CHECK (x >= 0 AND x <= 1), "
                           "y DOUBLE PRECISION NOT NULL CHECK (y >= 0 AND y <= 1), updated_at BIGINT NOT NULL)"),
            QStringLiteral("CREATE TABLE site_photos (id {ID}, campsite_id BIGINT NOT NULL REFERENCES campsites (id) "
                           "ON DELETE CASCADE, position INTEGER NOT NULL, caption TEXT NOT NULL DEFAULT '', "
                           "image {BLOB} NOT NULL, mime_type TEXT NOT NULL, width INTEGER NOT NULL, "
                           "height INTEGER NOT NULL, created_at BIGINT NOT NULL)"),
            QStringLiteral("CREATE INDEX site_photos_site ON site_photos (campsite_id, position)") } },
        // Extras (issue 19 item 3): a catalogue priced per stay, per night or per unit, with an optional per-stay
        // stock (NULL = unlimited, never below 0). A booking's extra lines keep the item, its name when booked, what
        // they took from stock (given back once, when the hold ends or the booking is cancelled) and when staff
        // marked them consumed (then neither restocked nor refunded). Revenue by kind joins lines by reservation.
        { 23,
          "extras with stock as lines of a booking",
          { QStringLiteral("CREATE TABLE extras (id {ID}, name TEXT NOT NULL, unit TEXT NOT NULL, "
                           "unit_price BIGINT NOT NULL, stock INTEGER CHECK (stock IS NULL OR stock >= 0), "
                           "active INTEGER NOT NULL DEFAULT 1, kiosk INTEGER NOT NULL DEFAULT 1, "
                           "sort_order INTEGER NOT NULL DEFAULT 0, updated_at BIGINT NOT NULL)"),
            QStringLiteral("ALTER TABLE reservation_lines ADD COLUMN extra_id BIGINT"),
            QStringLiteral("ALTER TABLE reservation_lines ADD COLUMN label TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE reservation_lines ADD COLUMN stock_taken INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE reservation_lines ADD COLUMN consumed_at BIGINT"),
            QStringLiteral("CREATE INDEX reservation_lines_extra ON reservation_lines (extra_id)") } },
        // Deposits (issue 19 item 4): `amount` stays the money paid (the deposit until the balance is taken), and
        // `balance_due` what is still owed (price - points - amount); taken at check-in. The partial index keeps the
        // dashboard's "balances due" an index walk over the few bookings that owe something.
        { 24,
          "deposits and the balance due at check-in",
          { QStringLiteral("ALTER TABLE reservations ADD COLUMN balance_due BIGINT NOT NULL DEFAULT 0"),
            QStringLiteral(
                "CREATE INDEX reservations_balance_due ON reservations (check_in) WHERE balance_due > 0") } },
        // The waitlist (issue 20, item 1): one row per customer and dates; an offer points at the held booking that
        // guards its nights. One live entry per phone and dates (the kiosk has no SELECT to check it first).
        { 25,
          "waitlist",
          { QStringLiteral(R"(CREATE TABLE waitlist_entries (
                id {ID},
                name TEXT NOT NULL,
                phone TEXT NOT NULL,
                email TEXT NOT NULL DEFAULT '',
                language TEXT NOT NULL DEFAULT 'ko',
                check_in TEXT NOT NULL,
                check_out TEXT NOT NULL,
                guests INTEGER NOT NULL CHECK (guests >= 1),
                site_kind TEXT,
                channel TEXT NOT NULL CHECK (channel IN ('desk', 'kiosk')),
                status TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'offered', 'booked', 'expired',
                                                                         'removed')),
                position BIGINT NOT NULL,
                reservation_id BIGINT REFERENCES reservations (id),
                offer_expires_at BIGINT,
                created_by BIGINT REFERENCES users (id),
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                CHECK (check_out > check_in)))"),
            QStringLiteral("CREATE UNIQUE INDEX waitlist_entries_live ON waitlist_entries (phone, check_in, check_out) "
                           "WHERE status IN ('waiting', 'offered')"),
            QStringLiteral("CREATE INDEX waitlist_entries_queue ON waitlist_entries (status, position, id)"),
            QStringLiteral("CREATE INDEX waitlist_entries_reservation ON waitlist_entries (reservation_id)") } },
        // Group bookings (issue 20, item 2): one payer and one payment for several sites. Each part is an ordinary
        // reservation (its own nights, lines, amount and payment row); the group's order id is what the gateway charged
        // and refunds each part from. The code is as unguessable as a reservation's.
        { 26,
          "group bookings",
          { QStringLiteral(R"(CREATE TABLE booking_groups (
                id {ID},
                code TEXT NOT NULL UNIQUE,
                order_id TEXT NOT NULL UNIQUE,
                payer_id BIGINT NOT NULL REFERENCES customers (id),
                created_by BIGINT REFERENCES users (id),
                created_at BIGINT NOT NULL))"),
            QStringLiteral("ALTER TABLE reservations ADD COLUMN group_id BIGINT REFERENCES booking_groups (id)"),
            QStringLiteral("CREATE INDEX reservations_group ON reservations (group_id)") } },
        // Who took the money (issue 18's cash-up): the member of staff who ran the payment, and the one who gave a
        // refund back; NULL for the kiosk and the system. Rows from before this migration did not record it: they are
        // credited to the booking's creator, which is what the cash-up showed for them until now.
        { 27,
          "who took and who refunded a payment",
          { QStringLiteral("ALTER TABLE payments ADD COLUMN taken_by BIGINT REFERENCES users (id)"),
            QStringLiteral("ALTER TABLE payments ADD COLUMN refunded_by BIGINT REFERENCES users (id)"),
            QStringLiteral("UPDATE payments SET taken_by = (SELECT r.created_by FROM reservations r WHERE r.id = "
                           "payments.reservation_id)"),
            QStringLiteral("UPDATE payments SET refunded_by = taken_by WHERE refund_amount > 0") } },
        { 28, "revenue by kind in the read model", schemaV28() },
        // Issue 17: the Reservations page filtered by one status, newest first, and the expired holds' sweep walk
        // this index in order instead of sorting every booking of that status (694,000 "checked out" at 1M).
        { 30,
          "bookings of one status in creation order",
          { QStringLiteral("CREATE INDEX reservations_status_id ON reservations (status, id)") } },
        // Issue 18's leftovers. A change that makes a card-paid booking cheaper gives part of the payment back through
        // the same provider (a partial cancel): that refund is a payments row of its own (status 'cancelled', the
        // refund in amount and refund_amount, never approved) pointing at the payment it came from (refund_of), so
        // the day's refunds, the cash-up and the ledger show it on the day it was made. A refund the system made
        // (the payment reconciler) is credited to it by name (refunded_by_system), as no member of staff made it.
        { 31,
          "partial refunds of a payment, and refunds made by the system",
          { QStringLiteral("ALTER TABLE payments ADD COLUMN refund_of BIGINT REFERENCES payments (id)"),
            QStringLiteral("ALTER TABLE payments ADD COLUMN refunded_by_system TEXT"),
            QStringLiteral("CREATE INDEX payments_refund_of ON payments (refund_of)") } },
        // Issue 17: the Reviews page sorted by guest walks the customers' names and each one's reviews, and sorted
        // by rating walks the ratings; both sorted all 208,000 reviews of the million-booking set (2-7 s).
        { 32,
          "reviews by guest and by rating",
          { QStringLiteral("CREATE INDEX reviews_customer ON reviews (customer_id, id)"),
            QStringLiteral("CREATE INDEX reviews_rating ON reviews (rating, id)") } },
        // Issues 18 and 19: a cancel or a no-show refunds across the booking's payments (the booking's own, a dearer
        // change's charge, a balance taken before arrival), newest first, with a claim on each. What a claim is for
        // is said, not guessed from the amounts: 'cancel', 'no_show' or 'change' (a cheaper change's partial refund).
        // It stays on a payment once its part is refunded, so the parts of one cancel can be told from a payment
        // refunded for another reason (a balance given back). Older claims have none and are read as before.
        { 34,
          "what a refund claim is for",
          { QStringLiteral("ALTER TABLE payments ADD COLUMN refund_kind TEXT CHECK (refund_kind IN ('cancel', "
                           "'no_show', 'change'))") } },
        // Issue 17: the rack finds the stays of its range by check-in in one index holding everything it draws, and
        // each guest's name in a narrow one (SQLite), instead of looking up 42,000 stays and customers across the file
        // (2,000 sites x 6 weeks of the million-booking set: 0.46 s of CPU before, 0.14 s after).
        { 35,
          "the rack's stays by check-in",
          { QStringLiteral("CREATE INDEX reservations_rack ON reservations (check_in, check_out, campsite_id, status, "
                           "customer_id, code)"),
            // Only SQLite's statement names it (INDEXED BY); PostgreSQL looks the names up by the primary key.
            QStringLiteral("{SQLITE}CREATE INDEX customers_name_by_id ON customers (id, name)") } },
        // PostgreSQL's indexes hold no row id as SQLite's do: the rack's index lacked reservations.id, so each of the
        // 42,000 stays was fetched from the table (0.37 s); with it, and the guests' names beside their ids, the rack
        // reads only the two indexes (0.09-0.14 s).
        { 36,
          "the rack's indexes cover its columns on PostgreSQL",
          { QStringLiteral("{POSTGRES}DROP INDEX reservations_rack"),
            QStringLiteral(
                "{POSTGRES}CREATE INDEX reservations_rack ON reservations (check_in, check_out, campsite_id, "
                "status, customer_id, code) INCLUDE (id)"),
            QStringLiteral("{POSTGRES}CREATE INDEX customers_name_by_id ON customers (id) INCLUDE (name)") } },
        // The payments page sorts by time through this index on PostgreSQL: sorted by id, payments of a week oldest
        // first walked the primary key from the first payment ever (0.7-0.87 s at a million). SQLite sorts by id and
        // walks to a week in 0.12 s; without statistics it would take such an index for any range, a year's too.
        { 37,
          "payments by time on PostgreSQL",
          { QStringLiteral("{POSTGRES}CREATE INDEX payments_created_at ON payments (created_at)") } },
    };
    return all;
}

Error Database::newerSchemaError(int version)
{
    return Error(ErrorCode::Database,
                 tr("This database was written by a newer Campdesk (schema %1; this program "
                    "knows up to %2). Install the newer Campdesk on this computer.")
                     .arg(version)
                     .arg(latestSchemaVersion()));
}

int Database::latestSchemaVersion()
{
    int latest = 0;
    for (const Migration& migration : migrations())
        latest = std::max(latest, migration.version);
    return latest;
}

Result<int> Database::schemaVersion()
{
    return read([](SqlSession& s) -> Result<int> {
        const bool exists = s.driver() == SqlDriver::Sqlite
            ? s.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = "
                                      "'schema_migrations'"))
                    .toInt()
                > 0
            : s.scalar(QStringLiteral("SELECT to_regclass('schema_migrations') IS NOT NULL")).toBool();
        if (!exists)
            return 0;
        return s.scalar(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")).toInt();
    });
}

Status Database::migrateTo(int version)
{
    Result<int> current = schemaVersion();
    if (!current.ok())
        return current.error();
    if (current.value() > latestSchemaVersion())
        return newerSchemaError(current.value());
    for (const Migration& migration : migrations()) {
        if (migration.version > version)
            continue;
        // A migration that rebuilds a table on SQLite runs with foreign keys off (they cannot change inside a
        // transaction): dropping the old table must not cascade to its children. foreign_key_check before commit.
        const bool keysOff = migration.rebuildsTables && driver() == SqlDriver::Sqlite;
        if (keysOff)
            QSqlQuery(connection()).exec(QStringLiteral("PRAGMA foreign_keys=OFF"));
        Status status = write([&](Transaction& tx) -> Status {
            if (tx.driver() == SqlDriver::Postgres) // serialize terminals starting at the same moment
                tx.exec(QStringLiteral("SELECT pg_advisory_xact_lock(727001)"));
            tx.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                                   "description TEXT NOT NULL, applied_at BIGINT NOT NULL)"));
            if (tx.scalar(QStringLiteral("SELECT count(*) FROM schema_migrations WHERE version = ?"),
                          { migration.version })
                    .toInt()
                > 0)
                return {};
            for (const QString& statement : migration.statements) {
                if (const QString sql = dialectSql(tx.driver(), statement); !sql.isEmpty())
                    tx.exec(sql);
            }
            if (keysOff && tx.exec(QStringLiteral("PRAGMA foreign_key_check")).next())
                return Error(ErrorCode::Database,
                             QStringLiteral("migration %1 broke a foreign key").arg(migration.version));
            tx.exec(QStringLiteral("INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)"),
                    { migration.version, QString::fromLatin1(migration.description), tx.nowMs() });
            qCDebug(lcDatabase) << "applied migration" << migration.version << migration.description;
            return {};
        });
        if (keysOff)
            QSqlQuery(connection()).exec(QStringLiteral("PRAGMA foreign_keys=ON"));
        if (!status.ok())
            return status;
    }
    dropStatements(); // a statement prepared before the schema changed may no longer fit it
    return {};
}

} // namespace campdesk
