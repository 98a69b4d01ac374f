// Every list, sort, filter and search query the screens issue, collected from the real item models as they run,
// is put through the database's planner (EXPLAIN) on both databases. A query that reads a large table from end to
// end (reservations, customers, payments, nights, the mileage ledger, the events) fails: at a million reservations such
// a query stalls the window for seconds. Plans are checked instead of timing queries, which a busy machine distorts.
#include "bookingfixture.h"
#include "domain/dashboardqueries.h"
#include "domain/daysheetquery.h"
#include "domain/extras.h"
#include "domain/guestdetailsservice.h"
#include "domain/reviewservice.h"
#include "domain/sitemapservice.h"
#include "domain/sitephotoservice.h"
#include "domain/waitlistservice.h"
#include "itemmodels/availabilityrackmodel.h"
#include "itemmodels/customertablemodel.h"
#include "itemmodels/mileageledgermodel.h"
#include "itemmodels/paymenttablemodel.h"
#include "itemmodels/reservationtablemodel.h"
#include "itemmodels/reviewtablemodel.h"
#include "ops/healthcheck.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace campdesk;
using namespace campdesk::test;

namespace {

// The tables that grow with history: a plan may look rows up in them, never read them through.
const QStringList largeTables { QStringLiteral("reservations"),   QStringLiteral("customers"),
                                QStringLiteral("payments"),       QStringLiteral("reservation_nights"),
                                QStringLiteral("mileage_ledger"), QStringLiteral("reservation_plates"),
                                QStringLiteral("domain_events") };

struct Statement
{
    QString sql;
    QVariantList binds;
};

// SQLite: EXPLAIN QUERY PLAN lines. "SCAN t" reads the whole table; "SCAN t USING INDEX i" walks an index in
// order and stops at the LIMIT, unless the whole result is sorted afterwards ("USE TEMP B-TREE FOR ORDER BY").
QStringList sqlitePlan(SqlSession& s, const Statement& statement)
{
    SqlRows plan = s.exec(QStringLiteral("EXPLAIN QUERY PLAN ") + statement.sql, statement.binds);
    QStringList details;
    while (plan.next())
        details << plan.value(3).toString();
    return details;
}

QStringList sqliteProblems(SqlSession& s, const Statement& statement, QString* planText)
{
    const QStringList details = sqlitePlan(s, statement);
    *planText = details.join(QLatin1Char('\n'));
    const bool sortsEverything = details.contains(QStringLiteral("USE TEMP B-TREE FOR ORDER BY"));
    // SQLite names a table by its alias when it has one ("SCAN r"): the statement says which table each alias is.
    QHash<QString, QString> tableOf;
    static const QRegularExpression aliased(QStringLiteral("\\b(\\w+)(?=\\s+(?:AS\\s+)?(\\w+)\\b)"),
                                            QRegularExpression::CaseInsensitiveOption);
    for (auto it = aliased.globalMatch(statement.sql); it.hasNext();) {
        const QRegularExpressionMatch a = it.next();
        if (largeTables.contains(a.captured(1)))
            tableOf.insert(a.captured(2), a.captured(1));
    }
    QString outer = statement.sql;
    static const QRegularExpression innermost(QStringLiteral("\\([^()]*\\)"));
    while (outer.contains(innermost))
        outer.replace(innermost, QStringLiteral("_"));
    // A walk of a table's key in order stops at the LIMIT, but without one a filter reads the whole table, and a
    // page after the first (keyset: "id < ?") must start at its key rather than walk there from the first row.
    const bool filters = outer.contains(QLatin1String(" WHERE "), Qt::CaseInsensitive)
        && !outer.contains(QLatin1String(" LIMIT "), Qt::CaseInsensitive);
    static const QRegularExpression keyset(QStringLiteral("\\b\\w+\\.id [<>] \\?"));
    const bool pagesOn = outer.contains(keyset);
    const auto large = [&tableOf](const QString& name) {
        return largeTables.contains(name) || largeTables.contains(tableOf.value(name));
    };
    QStringList problems;
    static const QRegularExpression scan(QStringLiteral("^SCAN (\\w+)(?: AS \\w+)?( USING .*)?$"));
    // An open range ("status>?", what NOT IN becomes) may hand over most of a table, which a sort of everything then
    // reads whole. A range with both ends (a name's prefix, six weeks of nights) is a search: its rows are few.
    static const QRegularExpression rangeOnly(QStringLiteral("^SEARCH (\\w+)(?: AS \\w+)? USING (?!INTEGER PRIMARY KEY)"
                                                             "(?:COVERING )?INDEX \\w+ \\(([^=]*)\\)$"));
    for (const QString& detail : details) {
        const QRegularExpressionMatch m = scan.match(detail);
        if (m.hasMatch() && large(m.captured(1))
            && ((m.captured(2).isEmpty() && (filters || pagesOn)) || sortsEverything))
            problems << detail;
        const QRegularExpressionMatch r = rangeOnly.match(detail);
        if (r.hasMatch() && large(r.captured(1)) && sortsEverything && !r.captured(2).contains(QLatin1String(" AND ")))
            problems << detail + QStringLiteral(" (a range, then sorted)");
    }
    if (!problems.isEmpty())
        problems << QStringLiteral("plan: ") + details.join(QStringLiteral(" | "));
    return problems;
}

// PostgreSQL, with sequential scans switched off so that one shows only where no index can serve: a Seq Scan of a
// large table, or an index walked without a condition under a Sort of everything it gives.
// mainTable: the query's first table, the one it lists; a sort over all of it is what stalls a screen. (A joined table
// read whole into a hash under the sort is the planner's choice on small test data; at scale it looks rows up.)
void postgresNodeProblems(const QJsonObject& node, bool underSort, const QString& mainTable, QStringList& problems)
{
    const QString type = node.value(QStringLiteral("Node Type")).toString();
    const QString relation = node.value(QStringLiteral("Relation Name")).toString();
    if (largeTables.contains(relation)) {
        const bool indexScan = type.contains(QStringLiteral("Index"));
        if (type == QLatin1String("Seq Scan"))
            problems << QStringLiteral("Seq Scan on %1").arg(relation);
        // A bitmap of a whole index (no condition to recheck) is every row of the table too; with sequential scans
        // off, it is how PostgreSQL reads a table whole through any index that covers the columns it needs.
        else if (type == QLatin1String("Bitmap Heap Scan") && !node.contains(QStringLiteral("Recheck Cond")))
            problems << QStringLiteral("Bitmap Heap Scan on %1 without a condition").arg(relation);
        else if (indexScan && underSort && relation == mainTable && !node.contains(QStringLiteral("Index Cond")))
            problems << QStringLiteral("%1 on %2 without a condition, then sorted").arg(type, relation);
    }
    const bool sort = type == QLatin1String("Sort") || type == QLatin1String("Incremental Sort");
    const bool incremental = type == QLatin1String("Incremental Sort");
    for (const QJsonValue& child : node.value(QStringLiteral("Plans")).toArray())
        postgresNodeProblems(child.toObject(), (underSort || sort) && !incremental, mainTable, problems);
}

QStringList postgresProblems(SqlSession& s, const Statement& statement, QString* planText)
{
    SqlRows plan = s.exec(QStringLiteral("EXPLAIN (FORMAT JSON) ") + statement.sql, statement.binds);
    QString json;
    while (plan.next())
        json += plan.value(0).toString();
    *planText = json;
    const QJsonArray plans = QJsonDocument::fromJson(json.toUtf8()).array();
    static const QRegularExpression from(QStringLiteral(" FROM (\\w+)"));
    const QString mainTable = from.match(statement.sql).captured(1);
    QStringList problems;
    for (const QJsonValue& p : plans)
        postgresNodeProblems(p.toObject().value(QStringLiteral("Plan")).toObject(), false, mainTable, problems);
    if (!problems.isEmpty())
        problems << QStringLiteral("plan: ") + json.simplified();
    return problems;
}

// The event log is the largest table, and one kind of event can be rare in it: walking its key (newest first, up to a
// LIMIT) until one turns up reads millions of rows, which the rules above let pass. A look-up by type goes through an
// index of the table's own.
QStringList eventLookUpProblems(const Statement& statement, const QString& plan)
{
    if (!statement.sql.contains(QLatin1String("FROM domain_events"))
        || !statement.sql.contains(QLatin1String("type = ?")))
        return {};
    if (plan.contains(QLatin1String("domain_events_")) && !plan.contains(QLatin1String("domain_events_pkey")))
        return {};
    return { QStringLiteral("walks the event log by its key: ") + plan.simplified() };
}

QStringList planProblems(Database& db, const Statement& statement)
{
    QStringList problems;
    QString plan;
    Status read = db.read([&](SqlSession& s) -> Status {
        if (s.driver() == SqlDriver::Postgres) {
            s.exec(QStringLiteral("SET enable_seqscan = off"));
            problems = postgresProblems(s, statement, &plan);
            s.exec(QStringLiteral("RESET enable_seqscan"));
        } else {
            problems = sqliteProblems(s, statement, &plan);
        }
        problems += eventLookUpProblems(statement, plan);
        return {};
    });
    if (!read.ok())
        problems << read.error().message;
    return problems;
}

// Enough rows, with statistics, that each planner chooses as it would at a million reservations: 200 sites, 20,000
// customers, 40,000 reservations with their nights, payments and ledger rows. (On a nearly empty table a planner
// rightly reads everything; the plans that matter are those for tables too big to read.)
Status fillLikeARealCampground(Database& db)
{
    return db.write([](Transaction& tx) -> Status {
        const bool sqlite = tx.driver() == SqlDriver::Sqlite;
        const QString numbers = sqlite ? QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM "
                                                        "n WHERE i < %1) ")
                                       : QStringLiteral("WITH n(i) AS (SELECT generate_series(1, %1)) ");
        const QString day = sqlite ? QStringLiteral("date('2027-01-01', '+' || (%1) || ' days')")
                                   : QStringLiteral("to_char(DATE '2027-01-01' + (%1), 'YYYY-MM-DD')");
        tx.exec(numbers.arg(200)
                + QStringLiteral("INSERT INTO campsites (code, name, kind, max_guests, nightly_price, created_at, "
                                 "updated_at) SELECT 'P-' || i, 'Plan ' || i, 'tent', 4, 40000, 0, 0 FROM n"));
        tx.exec(numbers.arg(20000)
                + QStringLiteral("INSERT INTO customers (name, phone, email, language, created_at, updated_at) "
                                 "SELECT 'Guest ' || i, '0109' || (1000000 + i), 'g' || i || '@example.com', 'ko', i, "
                                 "i FROM n"));
        const QString site = QStringLiteral("(SELECT min(id) FROM campsites WHERE code LIKE 'P-%') + i % 200");
        const QString customer
            = QStringLiteral("(SELECT min(id) FROM customers WHERE name LIKE 'Guest %') + i % 20000");
        tx.exec(
            numbers.arg(40000)
            + QStringLiteral("INSERT INTO reservations (code, campsite_id, customer_id, check_in, check_out, guests, "
                             "status, amount, channel, order_id, created_at, updated_at, confirmed_at) "
                             "SELECT 'PL-' || i, %1, %2, %3, %4, 2, CASE WHEN i %% 10 = 0 THEN 'cancelled' "
                             "ELSE 'checked_out' END, 40000, 'desk', 'plan-' || i, i, i, i FROM n")
                  .arg(site, customer, day.arg(QStringLiteral("i / 200")), day.arg(QStringLiteral("i / 200 + 1")))
                  .replace(QStringLiteral("%%"), QStringLiteral("%")));
        tx.exec(QStringLiteral("INSERT INTO reservation_nights (campsite_id, night, reservation_id) "
                               "SELECT campsite_id, check_in, id FROM reservations WHERE code LIKE 'PL-%' "
                               "AND status <> 'cancelled'"));
        tx.exec(QStringLiteral("INSERT INTO payments (reservation_id, order_id, provider, method, amount, status, "
                               "created_at, updated_at, approved_at) SELECT id, order_id, 'simulated', 'card', amount, "
                               "'approved', created_at, created_at, created_at FROM reservations "
                               "WHERE code LIKE 'PL-%'"));
        tx.exec(QStringLiteral(
            "INSERT INTO reservation_plates (reservation_id, plate, plate_tail) SELECT id, "
            "CAST(id % 90 + 10 AS TEXT) || '가' || CAST(id % 9000 + 1000 AS TEXT), CAST(id % 9000 + 1000 AS TEXT) "
            "FROM reservations "
            "WHERE code LIKE 'PL-%'"));
        tx.exec(QStringLiteral("INSERT INTO mileage_ledger (customer_id, delta, reason, source_id, created_at) "
                               "SELECT customer_id, 2000, 'payment', 'plan-' || id, created_at FROM reservations "
                               "WHERE code LIKE 'PL-%'"));
        return {};
    });
}

Status analyze(Database& db)
{
    return db.read([](SqlSession& s) -> Status {
        s.exec(QStringLiteral("ANALYZE"));
        return {};
    });
}

// Sorts a paged model by each column both ways, fetches a second page each time and refreshes.
void tourSorts(PagedQueryModel& model)
{
    for (int column = 0; column < model.columnCount(); ++column) {
        for (Qt::SortOrder order : { Qt::AscendingOrder, Qt::DescendingOrder }) {
            model.sort(column, order);
            if (model.canFetchMore(QModelIndex()))
                model.fetchMore(QModelIndex());
            model.refresh();
        }
    }
}

} // namespace

class TestQueryPlans : public QObject
{
    Q_OBJECT
private slots:
    void theCheckerFindsAFullScan();
    void everyQueryTheScreensIssueUsesAnIndex();
    void commonPaymentStatusesAreNeverSortedWhole();
};

// The checker itself can fail: a search by a column without an index, and an unindexed sort, are found.
void TestQueryPlans::theCheckerFindsAFullScan()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    QVERIFY(!planProblems(f.db(), { QStringLiteral("SELECT id FROM reservations WHERE guests = ?"), { 2 } }).isEmpty());
    QVERIFY(
        !planProblems(f.db(), { QStringLiteral("SELECT id FROM customers ORDER BY email LIMIT 200"), {} }).isEmpty());
    // SQLite names an aliased table by its alias in the plan.
    QVERIFY(!planProblems(f.db(), { QStringLiteral("SELECT r.id FROM reservations r WHERE r.guests = ?"), { 2 } })
                 .isEmpty());
    QVERIFY(
        !planProblems(f.db(),
                      { QStringLiteral("SELECT c.id FROM reservations AS r JOIN customers c ON c.id = r.customer_id "
                                       "ORDER BY c.email LIMIT 200"),
                        {} })
             .isEmpty());
    QVERIFY2(planProblems(f.db(),
                          { QStringLiteral("SELECT id FROM reservations WHERE code = ?"), { QStringLiteral("CD-X") } })
                 .isEmpty(),
             "a look-up by a unique column is fine");
    // One kind of event, newest first: through the event log's key it may read all of it before one turns up.
    const QVariantList breaker { QStringLiteral("payment_gateway"), QStringLiteral("CircuitBreakerStateChanged") };
    QVERIFY(!planProblems(f.db(),
                          { QStringLiteral("SELECT payload FROM domain_events WHERE type = ? ORDER BY id DESC LIMIT 1"),
                            { breaker.at(1) } })
                 .isEmpty());
    QVERIFY(planProblems(f.db(),
                         { QStringLiteral("SELECT payload FROM domain_events WHERE aggregate = ? AND aggregate_id = 0 "
                                          "AND type = ? ORDER BY id DESC LIMIT 1"),
                           breaker })
                .isEmpty());
}

void TestQueryPlans::everyQueryTheScreensIssueUsesAnIndex()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    const Campsite a = f.addSite(QStringLiteral("A-01"));
    const Campsite b = f.addSite(QStringLiteral("B-01"));
    const Reservation first = f.book(f.request(a, 0, 2));
    f.book(f.request(b, 3, 1, QStringLiteral("010-9876-5432"), QStringLiteral("Jane Doe")));
    ReviewService reviews(f.db());
    CAMPDESK_VERIFY_OK(f.booking->checkIn(BookingFixture::desk(), first.id));
    CAMPDESK_VERIFY_OK(GuestDetailsService(f.db()).set(
        BookingFixture::desk(), first.id,
        GuestDetails::fromInput(QString(), { QStringLiteral("12가3456") }, QString(), 0, QString()).value()));
    CAMPDESK_VERIFY_OK(fillLikeARealCampground(f.db()));
    CAMPDESK_VERIFY_OK(analyze(f.db()));

    QList<Statement> issued;
    f.db().setStatementObserver([&issued](const QString& sql, const QVariantList& binds) {
        if (sql.trimmed().startsWith(QLatin1String("SELECT"), Qt::CaseInsensitive))
            issued.append({ sql, binds });
    });
    const QStringList searches { QStringLiteral("김"),        QStringLiteral("jane"),   QStringLiteral("5432"),
                                 QStringLiteral("010-9876"),  QStringLiteral("CD-"),    QStringLiteral("12가3456"),
                                 QStringLiteral("12가 3456"), QStringLiteral("12가"),   QStringLiteral("서울 12"),
                                 QStringLiteral("CD-AB"),     QStringLiteral("cd-0f1e") };
    {
        ReservationTableModel m(f.db(), &f.bus);
        tourSorts(m);
        for (const QString& text : searches) {
            m.setText(text);
            tourSorts(m);
        }
        m.setText(QString());
        m.setStatus(QStringLiteral("confirmed"));
        m.setDateRange(f.today(), f.today().addDays(7));
        tourSorts(m);
        m.setStatus(QString());
        m.setDateRange(QDate(), QDate());
        m.setCampsite(a.id);
        tourSorts(m);
        m.setCampsite(0);
        m.setCustomer(first.customerId);
        tourSorts(m);
    }
    {
        CustomerTableModel m(f.db(), &f.bus);
        tourSorts(m);
        for (const QString& text : searches) {
            m.setText(text);
            tourSorts(m);
        }
    }
    {
        PaymentTableModel m(f.db(), &f.bus);
        tourSorts(m);
        for (const QString& text : searches) {
            m.setText(text);
            tourSorts(m);
        }
        m.setText(QString());
        m.setStatus(QStringLiteral("approved"));
        m.setDateRange(f.today().addDays(-7), f.today());
        tourSorts(m);
    }
    {
        ReviewTableModel m(f.db(), &f.bus);
        tourSorts(m);
        for (const QString& text : searches + QStringList { QStringLiteral("good") }) {
            m.setText(text);
            tourSorts(m);
        }
    }
    {
        MileageLedgerModel m(f.db(), &f.bus);
        m.setCustomer(first.customerId);
        tourSorts(m);
    }
    {
        // The day sheets and the cash-up of a day.
        DaySheetQuery q(f.db());
        for (DaySheetKind kind : { DaySheetKind::Arrivals, DaySheetKind::Departures, DaySheetKind::OnSite })
            CAMPDESK_VERIFY_OK(q.sheet(BookingFixture::desk(), kind, f.today()));
        CAMPDESK_VERIFY_OK(q.cashUp(BookingFixture::desk(), f.today()));
    }
    {
        AvailabilityRackModel m(f.db(), &f.bus);
        m.setRange(f.today(), 42);
        m.setRange(f.today().addDays(-30), 14);
    }
    {
        // The site map's state per site (correlated look-ups into reservations) and the kiosk cards' photos.
        CAMPDESK_VERIFY_OK(SiteMapService(f.db()).sites());
        CAMPDESK_VERIFY_OK(SitePhotoService(f.db()).photos(a.id));
    }
    {
        // The dashboard's balances due (deposit bookings): the partial index of the bookings that owe something.
        CAMPDESK_VERIFY_OK(f.db().read([&](SqlSession& s) -> Status {
            DashboardSnapshot snap;
            snap.today = f.today();
            DashboardQueries::addBalancesDue(s, snap);
            return {};
        }));
    }
    {
        // The waitlist: joining, the staff's list, and the sweep every terminal runs when nights free up (it looks
        // for free nights of each waiting entry and settles lapsed offers).
        WaitlistService waitlist(*f.booking);
        WaitlistRequest wish;
        wish.checkIn = f.today().addDays(1);
        wish.checkOut = wish.checkIn.addDays(2);
        wish.guests = 2;
        wish.customer.name = QStringLiteral("이서연");
        wish.customer.phone = QStringLiteral("010-5555-0001");
        CAMPDESK_VERIFY_OK(waitlist.join(BookingFixture::desk(), wish));
        CAMPDESK_VERIFY_OK(waitlist.list(BookingFixture::desk()));
        CAMPDESK_VERIFY_OK(waitlist.sweep());
    }
    {
        // Revenue by kind (stay, extras) over a month of check-ins, and a booking's extras lines.
        ExtrasService extras(f.db());
        CAMPDESK_VERIFY_OK(extras.revenue(f.today().addDays(-30), f.today()));
        CAMPDESK_VERIFY_OK(extras.linesOf(first.id));
    }
    {
        // The status page's breaker: the newest of its state changes among six million events.
        HealthCheck::checkBreaker(f.db());
    }
    f.db().setStatementObserver(nullptr);
    QVERIFY(issued.size() > 100);

    QStringList failures;
    QSet<QString> seen;
    for (const Statement& statement : issued) {
        if (seen.contains(statement.sql))
            continue;
        seen.insert(statement.sql);
        const QStringList problems = planProblems(f.db(), statement);
        if (!problems.isEmpty()) {
            failures << statement.sql;
            qWarning().noquote() << "reads a large table through:" << statement.sql << "\n   "
                                 << problems.join(QStringLiteral("\n    "));
        }
    }
    QVERIFY2(failures.isEmpty(),
             qPrintable(QStringLiteral("%1 of %2 queries read a large table through (above)")
                            .arg(failures.size())
                            .arg(seen.size())));
}

// Payments filtered to "approved" (nearly all of them) took SQLite 2.7-3.9 s at a million: it found them by the status
// index and sorted them all. The page's order is walked instead; for a rare status the index still finds them.
void TestQueryPlans::commonPaymentStatusesAreNeverSortedWhole()
{
    BookingFixture f;
    QVERIFY2(f.ok(), qPrintable(f.t->errorMessage()));
    if (f.db().driver() != SqlDriver::Sqlite)
        QSKIP("PostgreSQL chooses by its statistics of how common a status is");
    CAMPDESK_VERIFY_OK(fillLikeARealCampground(f.db()));
    QList<Statement> issued;
    f.db().setStatementObserver([&issued](const QString& sql, const QVariantList& binds) {
        if (sql.contains(QLatin1String("FROM payments p")))
            issued.append({ sql, binds });
    });
    for (const char* status : { "approved", "cancelled", "failed" }) {
        PaymentTableModel m(f.db(), &f.bus);
        m.setStatus(QLatin1String(status));
        tourSorts(m);
    }
    f.db().setStatementObserver(nullptr);
    QVERIFY(!issued.isEmpty());
    for (const Statement& statement : issued) {
        Result<QStringList> plan
            = f.db().read([&](SqlSession& s) -> Result<QStringList> { return sqlitePlan(s, statement); });
        CAMPDESK_VERIFY_OK(plan);
        const bool byStatusIndex = plan.value().join(QLatin1Char('|')).contains(QLatin1String("payments_status"));
        const bool rare = statement.binds.contains(QStringLiteral("failed"));
        QVERIFY2(byStatusIndex == rare,
                 qPrintable(statement.sql + QStringLiteral("\n") + plan.value().join(QLatin1Char('|'))));
    }
}

CAMPDESK_DB_TEST_MAIN(TestQueryPlans)
#include "tst_queryplans.moc"
