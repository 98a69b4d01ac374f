#include "db/kioskrole.h"

#include "db/database.h"

#include <QRegularExpression>

namespace campdesk {

namespace {

// What the kiosk flow does, table by table (BookingService hold/pay/confirm/cancel/findByCode, CustomerService's
// find-or-create by phone, GuestDetailsService on its own held booking, MileageService, ReviewService,
// PhoneVerification, KioskLookupThrottle, KioskPinGuard's counters, the event log and its feed, the notification
// outbox, the read model kept in the same transactions, the heartbeat and the settings it reads). Nothing on users;
// audit_log only INSERT.
struct Grant
{
    const char* table;
    const char* privileges;
};

const Grant grants[] = {
    { "schema_migrations", "SELECT" },
    { "campsites", "SELECT" },
    { "customers",
      "SELECT, INSERT (name, phone, email, language, message_consent, created_at, updated_at), "
      "UPDATE (email, language, message_consent, updated_at)" },
    // order_id: a waitlist offer whose card was declined keeps its hold under a fresh order for the next try.
    { "reservations",
      "SELECT, INSERT, UPDATE (status, amount, points_used, hold_expires_at, refund_amount, cancel_reason, version, "
      "updated_at, confirmed_at, cancelled_at, guest_name, plates, equipment, equipment_length_dm, order_id)" },
    { "reservation_nights", "SELECT, INSERT, DELETE" },
    // The plates of the booking being made, replaced whole (the DELETE names the reservation); nobody's plates read.
    { "reservation_plates", "SELECT (reservation_id), INSERT, DELETE" },
    { "payments",
      "SELECT, INSERT, UPDATE (status, provider_tx_id, refund_amount, failure_reason, updated_at, approved_at, "
      "cancelled_at, refund_requested, refund_kind, attention, attention_detail, attention_since, attention_attempts, "
      "attention_next_at)" },
    { "mileage_ledger", "SELECT, INSERT" },
    { "reviews", "SELECT, INSERT" },
    { "domain_events", "SELECT, INSERT" },
    { "notifications", "SELECT, INSERT, UPDATE" },
    { "campsite_status", "SELECT, INSERT, UPDATE" },
    { "daily_stats", "SELECT, INSERT, UPDATE" },
    { "audit_log", "INSERT" },
    { "terminals", "SELECT, INSERT, UPDATE" },
    { "phone_codes", "SELECT, INSERT, UPDATE (attempts, used_at), DELETE" },
    { "kiosk_lookup_throttle", "SELECT, INSERT, UPDATE, DELETE" },
    { "settings", "SELECT, INSERT (key, value, updated_at), UPDATE (value, updated_at)" },
    // The site map and photos: the kiosk shows them, never changes them.
    { "site_map", "SELECT" },
    { "site_markers", "SELECT" },
    { "site_photos", "SELECT" },
    // A site's closed nights: the reason says why a night the customer chose is not free (BookingService::hold).
    { "site_blocks", "SELECT (id, reason)" },
    // Rate plans are read to price a stay; a kiosk booking writes its priced lines when it holds the site.
    { "rate_seasons", "SELECT" },
    { "rate_season_prices", "SELECT" },
    { "holidays", "SELECT" },
    { "closed_dates", "SELECT" },
    { "occupancy_fees", "SELECT" },
    { "reservation_lines", "SELECT, INSERT" },
    // Extras: the catalogue is read; a kiosk booking takes stock with the guarded UPDATE and gives it back when its
    // hold ends or it is cancelled. Only the stock column: never a name or a price.
    { "extras", "SELECT, UPDATE (stock)" },
    // Joining the waitlist when nothing is free; of an entry only what paying an offer by its code needs: the offer's
    // booking and status (never a name, phone or the dates waited for), and the move offered -> booked (row limits).
    { "waitlist_entries", "SELECT (reservation_id, status, version), INSERT, UPDATE (status, updated_at, version)" },
};

// Columns the kiosk never reads, though it reads other columns of their rows: what staff wrote about a customer
// or a stay. SELECT on those tables is granted column by column (the table's columns at the time of the grant).
struct HiddenColumn
{
    const char* table;
    const char* column;
};

const HiddenColumn hiddenColumns[] = {
    { "reservations", "staff_notes" },
    { "customers", "notes" },
};

const char* const sequences[]
    = { "customers_id_seq",   "reservations_id_seq",      "payments_id_seq",        "mileage_ledger_id_seq",
        "reviews_id_seq",     "domain_events_id_seq",     "notifications_id_seq",   "audit_log_id_seq",
        "phone_codes_id_seq", "reservation_lines_id_seq", "waitlist_entries_id_seq" };

// Rows a kiosk role may see beyond its grants. Every other role keeps seeing every row (the permissive policy);
// a restrictive policy applies to the kiosk role only. %1 is the role.
struct RowLimit
{
    const char* table;
    const char* command; // SELECT, INSERT, UPDATE
    const char* expression; // USING, or WITH CHECK for INSERT
    const char* check = nullptr; // WITH CHECK of an UPDATE, when the new row differs from what USING allows
};

// Stays that ended up to 60 days ago (a review can follow), the ones to come, and holds: what the look-up, the
// review, the booking and the read model of a site read. Not the years of stays before.
#define CAMPDESK_RECENT_STAY "check_out >= to_char(current_date - 60, 'YYYY-MM-DD')"
const RowLimit rowLimits[] = {
    { "customers", "SELECT",
      "phone = current_setting('campdesk.phone', true) OR EXISTS (SELECT 1 FROM reservations r WHERE "
      "r.customer_id = customers.id AND r." CAMPDESK_RECENT_STAY ")" },
    { "reservations", "SELECT", CAMPDESK_RECENT_STAY " OR status = 'held'" },
    // The event feed and the outbox look at what is new; not at every customer ever registered.
    { "domain_events", "SELECT", "occurred_at > (extract(epoch FROM now()) * 1000)::bigint - 86400000" },
    { "notifications", "SELECT", "created_at > (extract(epoch FROM now()) * 1000)::bigint - 7 * 86400000" },
    // The booking rules, the receipt header and the PIN; the PIN guard's counters are all it writes.
    { "settings", "SELECT", "key LIKE 'booking.%' OR key LIKE 'campground.%' OR key LIKE 'kiosk.pin.%'" },
    { "settings", "INSERT", "key IN ('kiosk.pin.failures', 'kiosk.pin.lockouts', 'kiosk.pin.locked_until')" },
    { "settings", "UPDATE", "key IN ('kiosk.pin.failures', 'kiosk.pin.lockouts', 'kiosk.pin.locked_until')" },
    // Waitlist offers only (not who waits for what), and the one change the kiosk makes: an offer it paid is booked.
    { "waitlist_entries", "SELECT", "reservation_id IS NOT NULL AND status IN ('offered', 'booked', 'expired')" },
    { "waitlist_entries", "UPDATE", "status = 'offered'", "status = 'booked'" },
};
#undef CAMPDESK_RECENT_STAY

// The table's columns without the hidden ones, or empty when none of its columns is hidden (SELECT on the table).
QStringList visibleColumns(SqlSession& session, const QString& table)
{
    QStringList hidden;
    for (const HiddenColumn& h : hiddenColumns) {
        if (table == QLatin1String(h.table))
            hidden << QLatin1String(h.column);
    }
    if (hidden.isEmpty())
        return {};
    QStringList visible;
    SqlRows q = session.exec(QStringLiteral("SELECT column_name FROM information_schema.columns WHERE table_schema = "
                                            "current_schema() AND table_name = ? ORDER BY ordinal_position"),
                             { table });
    while (q.next()) {
        const QString column = q.value(0).toString();
        if (!hidden.contains(column))
            visible << column;
    }
    return visible;
}

} // namespace

bool KioskRole::isValidName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z_][a-z0-9_]{0,62}$"));
    return pattern.match(name).hasMatch() && !name.startsWith(QLatin1String("pg_"));
}

void KioskRole::scopeToPhone(SqlSession& session, const QString& phone)
{
    if (session.driver() == SqlDriver::Postgres) // local to the transaction
        session.exec(QStringLiteral("SELECT set_config('campdesk.phone', ?, true)"), { phone });
}

QString KioskRole::scopeToPhoneColumn(const SqlSession& session)
{
    return session.driver() == SqlDriver::Postgres ? QStringLiteral(", set_config('campdesk.phone', ?, true)")
                                                   : QString();
}

Status KioskRole::create(Database& admin, const QString& name, const QString& password)
{
    if (admin.driver() != SqlDriver::Postgres)
        return Error(ErrorCode::Invalid,
                     tr("A kiosk role exists on PostgreSQL only; a SQLite file has no roles (see the README)."));
    if (!isValidName(name))
        return Error(ErrorCode::Invalid,
                     tr("\"%1\" is not a role name: use lower-case letters, digits and _ (at most 63).").arg(name));
    if (password.size() < 12)
        return Error(ErrorCode::Invalid, tr("The password must have at least 12 characters."));
    return admin.write([&](Transaction& tx) -> Status {
        const bool exists
            = tx.scalar(QStringLiteral("SELECT count(*) FROM pg_roles WHERE rolname = ?"), { name }).toInt() > 0;
        if (exists) {
            const bool privileged = tx.scalar(QStringLiteral("SELECT rolsuper OR rolcreaterole OR rolcreatedb OR "
                                                             "rolbypassrls FROM pg_roles WHERE rolname = ?"),
                                              { name })
                                        .toBool();
            if (privileged)
                return Error(
                    ErrorCode::Invalid,
                    tr("The role %1 already exists with more than a kiosk may have; choose another name.").arg(name));
        } else {
            tx.exec(QStringLiteral("CREATE ROLE %1 LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOBYPASSRLS")
                        .arg(name));
        }
        // The password as a bound value: it never appears in a statement's text (logged when a statement fails).
        tx.exec(QStringLiteral("CREATE OR REPLACE FUNCTION pg_temp.campdesk_set_password(r text, p text) RETURNS "
                               "void LANGUAGE plpgsql AS $fn$ BEGIN EXECUTE format('ALTER ROLE %I PASSWORD %L', r, "
                               "p); END $fn$"));
        tx.exec(QStringLiteral("SELECT pg_temp.campdesk_set_password(?, ?)"), { name, password });
        tx.exec(QStringLiteral("DROP FUNCTION pg_temp.campdesk_set_password(text, text)"));

        // Start from nothing, then grant the flow.
        tx.exec(QStringLiteral("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %1").arg(name));
        tx.exec(QStringLiteral("REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM %1").arg(name));
        tx.exec(QStringLiteral("REVOKE CREATE ON SCHEMA public FROM %1").arg(name));
        tx.exec(QStringLiteral("GRANT USAGE ON SCHEMA public TO %1").arg(name));
        for (const Grant& grant : grants) {
            QString privileges = QLatin1String(grant.privileges);
            if (privileges.startsWith(QLatin1String("SELECT"))) {
                const QStringList visible = visibleColumns(tx, QLatin1String(grant.table));
                if (!visible.isEmpty())
                    privileges.replace(0, 6, QStringLiteral("SELECT (%1)").arg(visible.join(QLatin1String(", "))));
            }
            tx.exec(QStringLiteral("GRANT %1 ON %2 TO %3").arg(privileges, QLatin1String(grant.table), name));
        }
        for (const char* sequence : sequences)
            tx.exec(QStringLiteral("GRANT USAGE ON SEQUENCE %1 TO %2").arg(QLatin1String(sequence), name));

        QStringList limited;
        for (const RowLimit& limit : rowLimits) {
            const QString table = QLatin1String(limit.table);
            if (!limited.contains(table)) {
                limited << table;
                tx.exec(QStringLiteral("ALTER TABLE %1 ENABLE ROW LEVEL SECURITY").arg(table));
                tx.exec(QStringLiteral("DROP POLICY IF EXISTS campdesk_everyone ON %1").arg(table));
                tx.exec(
                    QStringLiteral("CREATE POLICY campdesk_everyone ON %1 USING (true) WITH CHECK (true)").arg(table));
            }
            const QString command = QLatin1String(limit.command);
            const QString policy = QStringLiteral("kiosk_%1_%2").arg(name, command.toLower());
            tx.exec(QStringLiteral("DROP POLICY IF EXISTS %1 ON %2").arg(policy, table));
            tx.exec(
                QStringLiteral("CREATE POLICY %1 ON %2 AS RESTRICTIVE FOR %3 TO %4 %5 (%6)%7")
                    .arg(policy, table, command, name,
                         command == QLatin1String("INSERT") ? QStringLiteral("WITH CHECK") : QStringLiteral("USING"),
                         QLatin1String(limit.expression),
                         limit.check ? QStringLiteral(" WITH CHECK (%1)").arg(QLatin1String(limit.check)) : QString()));
        }
        tx.audit(Actor::system(), QStringLiteral("kiosk.role"), name);
        return {};
    });
}

} // namespace campdesk
