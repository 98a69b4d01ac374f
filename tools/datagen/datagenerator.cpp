#include "datagenerator.h"

#include "bulkinserter.h"
#include "domain/readmodel.h"
#include "domain/rulesettings.h"
#include "progressbar.h"

#include <QElapsedTimer>
#include <QTimeZone>
#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace campdesk {

namespace {

// SplitMix64: tiny, fast and fully specified, so a seed gives the same data on every compiler and library.
class Rng
{
public:
    explicit Rng(quint64 seed)
        : m_state(seed)
    {
    }
    quint64 next()
    {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    // 0 .. n-1 (the modulo bias is far below anything a data set could show).
    qint64 below(qint64 n) { return n <= 1 ? 0 : qint64(next() % quint64(n)); }
    bool chance(int percent) { return below(100) < percent; }

private:
    quint64 m_state;
};

quint64 mix(quint64 a, quint64 b)
{
    return Rng(a * 0x100000001B3ULL ^ b).next();
}

enum class StayStatus : quint8 { CheckedOut, CheckedIn, Confirmed, Cancelled };

struct Stay
{
    qint64 bookedAt = 0;
    qint64 cancelledAt = 0;
    qint64 checkedInAt = 0;
    qint64 checkedOutAt = 0;
    qint64 reviewAt = 0;
    qint64 amount = 0;
    qint64 refund = 0;
    qint32 campsite = 0; // index
    qint32 customer = 0; // index
    qint32 checkIn = 0; // day offset from the first day of the range
    quint8 nights = 1;
    quint8 guests = 1;
    StayStatus status = StayStatus::Confirmed;
    quint8 rating = 0; // 0: no review
    bool reviewHidden = false;
};

struct Site
{
    QString code;
    QString name;
    QString kind;
    QString zone;
    int maxGuests = 2;
    qint64 price = 0;
    qint64 weekendPrice = 0; // 0: none
    QString amenities;
};

struct EventRec
{
    qint64 at;
    qint32 stay;
    quint8 type;
};

const char* const familyNames[]
    = { "김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권" };
const char* const givenSyllables[] = { "민", "서", "지", "현", "우", "준", "예", "도", "하", "수",
                                       "윤", "아", "은", "재", "영", "진", "호", "연", "유", "성" };
const char* const englishFirst[]
    = { "Emma", "Liam", "Olivia", "Noah", "Ava", "James", "Mia", "Lucas", "Sofia", "Ethan" };
const char* const englishLast[] = { "Smith", "Brown", "Taylor", "Wilson", "Clark", "Hall", "Young", "King" };
const char* const zoneNames[]
    = { "솔숲", "계곡",  "호숫가", "별빛",   "들꽃",  "바람언덕", "은하수", "단풍",  "자작나무", "해돋이",
        "Pine", "River", "Lake",   "Meadow", "Ridge", "Cedar",    "Maple",  "Birch", "Sunrise",  "Hill" };
const char* const kinds[] = { "tent", "auto_camping", "caravan", "glamping", "cabin" };
const char* const amenityChoices[] = { "electricity", "water", "wifi", "shower", "bbq", "pets" };

QString zoneLabel(int zone)
{
    QString label;
    do {
        label.prepend(QLatin1Char(char('A' + zone % 26)));
        zone = zone / 26 - 1;
    } while (zone >= 0);
    return label;
}

Site makeSite(int index, quint64 seed)
{
    Rng rng(mix(seed, 0x5170000 + quint64(index)));
    Site s;
    const int zone = index / 100;
    s.zone = zoneLabel(zone);
    s.code = QStringLiteral("%1-%2").arg(s.zone).arg(index % 100 + 1, 3, 10, QLatin1Char('0'));
    s.name = QStringLiteral("%1 %2").arg(QString::fromUtf8(zoneNames[zone % 20])).arg(index % 100 + 1);
    const int kind = int(rng.below(100));
    const int k = kind < 30 ? 0 : kind < 65 ? 1 : kind < 75 ? 2 : kind < 90 ? 3 : 4;
    s.kind = QString::fromLatin1(kinds[k]);
    static const int guests[] = { 4, 6, 4, 4, 6 };
    static const qint64 base[] = { 30000, 42000, 85000, 130000, 110000 };
    static const qint64 spread[] = { 12000, 15000, 30000, 60000, 40000 };
    s.maxGuests = guests[k] + int(rng.below(3)) - 1;
    s.price = (base[k] + rng.below(spread[k])) / 1000 * 1000;
    s.weekendPrice = rng.chance(70) ? (s.price * (120 + rng.below(11)) / 100) / 1000 * 1000 : 0;
    QStringList amenities;
    for (const char* amenity : amenityChoices) {
        if (rng.chance(50))
            amenities << QString::fromLatin1(amenity);
    }
    s.amenities = amenities.join(QLatin1Char(','));
    return s;
}

// Customers are generated from their index alone, so they need no memory.
struct Person
{
    QString name;
    QString phone;
    QString email;
    QString language;
    bool consent;
};

Person makePerson(qint64 index, quint64 seed)
{
    Rng rng(mix(seed, 0xC057000000ULL + quint64(index)));
    Person p;
    // A bijection of the index onto 8 digits keeps every phone number unique without looking any up.
    const qint64 number = (index * 7919 + qint64(seed % 100000000ULL)) % 100000000;
    p.phone = QStringLiteral("010%1").arg(number, 8, 10, QLatin1Char('0'));
    if (rng.chance(15)) {
        p.name = QStringLiteral("%1 %2").arg(QLatin1String(englishFirst[rng.below(10)]),
                                             QLatin1String(englishLast[rng.below(8)]));
        p.language = QStringLiteral("en");
    } else {
        p.name = QString::fromUtf8(familyNames[rng.below(15)]) + QString::fromUtf8(givenSyllables[rng.below(20)])
            + QString::fromUtf8(givenSyllables[rng.below(20)]);
        p.language = QStringLiteral("ko");
    }
    p.email = rng.chance(70) ? QStringLiteral("guest%1@example.com").arg(index + 1) : QString();
    p.consent = rng.chance(60);
    return p;
}

QString reservationCode(qint64 index, quint64 seed)
{
    // An odd multiplier is a bijection modulo 2^30 = 32^6: unique six-character codes with no collision check.
    static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    quint64 n = (quint64(index) * 0x2545F491ULL + (seed & 0x3FFFFFFFULL)) & 0x3FFFFFFFULL;
    QString code = QStringLiteral("CD-");
    char digits[6];
    for (int i = 5; i >= 0; --i) {
        digits[i] = alphabet[n % 32];
        n /= 32;
    }
    code += QLatin1String(digits, 6);
    return code;
}

QString orderId(qint64 index, quint64 seed)
{
    return QStringLiteral("cd-%1%2")
        .arg(mix(seed, quint64(index)), 16, 16, QLatin1Char('0'))
        .arg(index, 16, 16, QLatin1Char('0'));
}

enum EventKind : quint8 {
    Held,
    PaymentApproved,
    Confirmed,
    MileageSaved,
    PaymentCancelled,
    Cancelled,
    MileageDeducted,
    CheckedIn,
    CheckedOut,
    ReviewRegistered,
    ReviewMileage
};

} // namespace

DataGenConfig DataGenConfig::scaled(double scale)
{
    DataGenConfig c;
    c.campsites = std::max(1, int(std::lround(c.campsites * scale)));
    c.customers = std::max<qint64>(1, std::llround(double(c.customers) * scale));
    c.reservations = std::max<qint64>(1, std::llround(double(c.reservations) * scale));
    return c;
}

DataGenerator::DataGenerator(Database& db, DataGenConfig config)
    : m_db(db)
    , m_config(std::move(config))
{
}

Result<DataGenSummary> DataGenerator::run(ProgressBar* progress)
{
    QElapsedTimer total;
    total.start();
    ProgressBar silent(true);
    ProgressBar& bar = progress ? *progress : silent;
    const DataGenConfig& c = m_config;
    if (c.campsites < 1 || c.customers < 1 || c.reservations < 0)
        return invalidInput(tr("Give at least one campsite and one customer."));

    Result<qint64> existing = m_db.read([](SqlSession& s) -> Result<qint64> {
        return s
            .scalar(QStringLiteral("SELECT (SELECT count(*) FROM campsites) + (SELECT count(*) FROM customers) + "
                                   "(SELECT count(*) FROM reservations)"))
            .toLongLong();
    });
    if (!existing.ok())
        return existing.error();
    if (existing.value() > 0)
        return Error(ErrorCode::Conflict,
                     tr("The database already holds campsites, customers or reservations; "
                        "generate into an empty database."));

    const QDate today = c.today.isValid() ? c.today : m_db.clock().today();
    // The rules as the booking engine would apply them (the defaults on a new database).
    Result<BookingRules> loadedRules = RuleSettings(m_db).get();
    if (!loadedRules.ok())
        return loadedRules.error();
    const BookingRules rules = loadedRules.value();
    const QDate first = today.addDays(-730);
    const int days = int(first.daysTo(today.addDays(365)));
    const int todayOffset = int(first.daysTo(today));
    // Local midnight of each day once: converting through the time zone database per row would dominate.
    std::vector<qint64> midnight(size_t(days) + 500);
    std::vector<quint8> weekend(size_t(days) + 500);
    for (int d = 0; d < int(midnight.size()); ++d) {
        const QDate date = first.addDays(d - 100);
        midnight[size_t(d)] = QDateTime(date, QTime(0, 0)).toMSecsSinceEpoch();
        weekend[size_t(d)] = date.dayOfWeek() == 5 || date.dayOfWeek() == 6;
    }
    auto at = [&](int dayOffset, qint64 msIntoDay) { return midnight[size_t(dayOffset + 100)] + msIntoDay; };
    constexpr qint64 hour = 3600 * 1000;
    const qint64 now = at(todayOffset, 12 * hour);

    // Campsites.
    std::vector<Site> sites;
    sites.reserve(size_t(c.campsites));
    for (int i = 0; i < c.campsites; ++i)
        sites.push_back(makeSite(i, c.seed));

    // Stays: per campsite a row of non-overlapping stays across the three years, gaps spread at random.
    bar.start(tr("planning stays"), c.campsites);
    std::vector<Stay> stays;
    stays.reserve(size_t(c.reservations));
    for (int s = 0; s < c.campsites; ++s) {
        Rng rng(mix(c.seed, 0x57A7000000ULL + quint64(s)));
        const qint64 count = c.reservations / c.campsites + (s < c.reservations % c.campsites ? 1 : 0);
        std::vector<int> lengths(static_cast<size_t>(count));
        qint64 booked = 0;
        for (int& n : lengths) {
            const int r = int(rng.below(100));
            n = r < 45 ? 1 : r < 80 ? 2 : r < 93 ? 3 : r < 97 ? 4 : 5 + int(rng.below(3));
            booked += n;
        }
        // More stays than nights: shorten them (a tiny site count with many reservations).
        for (size_t i = 0; booked > days && i < lengths.size(); ++i) {
            booked -= lengths[i] - 1;
            lengths[i] = 1;
        }
        const qint64 fit = std::min<qint64>(count, days);
        std::vector<qint64> weights(size_t(fit) + 1);
        qint64 weightSum = 0;
        for (qint64& w : weights) {
            w = rng.below(1000);
            weightSum += w;
        }
        const qint64 free = std::max<qint64>(0, days - booked);
        int day = 0;
        for (qint64 i = 0; i < fit; ++i) {
            day += int(weightSum ? free * weights[size_t(i)] / weightSum : 0);
            Stay st;
            st.campsite = s;
            st.checkIn = day;
            st.nights = quint8(lengths[size_t(i)]);
            day += st.nights;
            if (day > days)
                break;
            st.customer = qint32(rng.below(c.customers));
            st.guests = quint8(1 + rng.below(sites[size_t(s)].maxGuests));
            for (int n = 0; n < st.nights; ++n) {
                const int night = st.checkIn + n;
                const Site& site = sites[size_t(s)];
                st.amount += weekend[size_t(night + 100)] && site.weekendPrice ? site.weekendPrice : site.price;
            }
            // Booked 0..90 days ahead (most within two weeks), never after "now".
            const int lead = int(rng.chance(60) ? rng.below(15) : rng.below(91));
            // Stays further ahead than the lead time were booked in the last four months.
            const int bookedDay
                = st.checkIn - lead <= todayOffset ? st.checkIn - lead : todayOffset - int(rng.below(120));
            const qint64 latest = bookedDay == todayOffset ? now - 60000 : at(bookedDay, 22 * hour);
            const qint64 earliest = at(bookedDay, 8 * hour);
            st.bookedAt = earliest + rng.below(std::max<qint64>(1, latest - earliest));
            const int checkOut = st.checkIn + st.nights;
            const bool past = checkOut <= todayOffset;
            const bool current = st.checkIn <= todayOffset && checkOut > todayOffset;
            const int lastCancelDay = std::min(st.checkIn, todayOffset);
            if (!current && rng.chance(past ? 11 : 9) && bookedDay < lastCancelDay) {
                // Cancelled on a later day than booked, before check-in and before "now".
                st.status = StayStatus::Cancelled;
                const int cancelDay = bookedDay + 1 + int(rng.below(lastCancelDay - bookedDay));
                const qint64 from = at(cancelDay, 8 * hour);
                const qint64 to = std::min(at(cancelDay, 14 * hour), now);
                st.cancelledAt = from + rng.below(to - from);
                st.refund = st.amount * rules.refundPercent(st.checkIn - cancelDay) / 100;
            } else if (past) {
                st.status = StayStatus::CheckedOut;
            } else if (current) {
                // Arriving today: check-in opens at 15:00, after "now" (noon). Leaving today: some already left.
                st.status = st.checkIn == todayOffset ? StayStatus::Confirmed : StayStatus::CheckedIn;
            } else {
                st.status = StayStatus::Confirmed;
            }
            if (st.status == StayStatus::CheckedIn || st.status == StayStatus::CheckedOut)
                st.checkedInAt = at(st.checkIn, 15 * hour + rng.below(5 * hour));
            if (st.status == StayStatus::CheckedOut)
                st.checkedOutAt = at(checkOut, 9 * hour + rng.below(2 * hour));
            if (st.status == StayStatus::CheckedIn && checkOut == todayOffset && rng.chance(70)) {
                st.status = StayStatus::CheckedOut;
                st.checkedOutAt = at(checkOut, 9 * hour + rng.below(2 * hour));
            }
            if (st.status == StayStatus::CheckedOut && rng.chance(30)) {
                const qint64 when = st.checkedOutAt + hour + rng.below(72 * hour);
                if (when < now) {
                    const int r = int(rng.below(100));
                    st.rating = quint8(r < 45 ? 5 : r < 75 ? 4 : r < 88 ? 3 : r < 95 ? 2 : 1);
                    st.reviewAt = when;
                    st.reviewHidden = rng.chance(2);
                }
            }
            stays.push_back(st);
        }
        bar.advance(s + 1);
    }
    bar.finish();
    // Reservation ids follow booking time, as they would in a real system.
    std::stable_sort(stays.begin(), stays.end(), [](const Stay& a, const Stay& b) { return a.bookedAt < b.bookedAt; });

    DataGenSummary summary;
    summary.campsites = c.campsites;
    summary.customers = c.customers;
    const qint64 createdAt = at(-95, 9 * hour);

    QSqlDatabase conn = m_db.connection();
    if (m_db.driver() == SqlDriver::Sqlite) {
        // Only for this connection and this run: a large page cache keeps the indexes in memory instead of spilling
        // them to the WAL again and again, and a generated data set can be made again if the machine crashes.
        QSqlQuery pragma(conn);
        pragma.exec(QStringLiteral("PRAGMA cache_size = -262144"));
        pragma.exec(QStringLiteral("PRAGMA synchronous = OFF"));
    }
    Status status = m_db.write([&](Transaction&) -> Status {
        BulkInserter campsites(conn, QStringLiteral("campsites"),
                               { QStringLiteral("id"), QStringLiteral("code"), QStringLiteral("name"),
                                 QStringLiteral("kind"), QStringLiteral("description"), QStringLiteral("zone"),
                                 QStringLiteral("max_guests"), QStringLiteral("nightly_price"),
                                 QStringLiteral("weekend_price"), QStringLiteral("amenities"), QStringLiteral("status"),
                                 QStringLiteral("version"), QStringLiteral("created_at"),
                                 QStringLiteral("updated_at") });
        for (int i = 0; i < c.campsites; ++i) {
            const Site& s = sites[size_t(i)];
            campsites.add({ i + 1, s.code, s.name, s.kind, QString(), s.zone, s.maxGuests, s.price,
                            s.weekendPrice ? QVariant(s.weekendPrice) : QVariant(), s.amenities,
                            QStringLiteral("active"), 1, createdAt, createdAt });
        }
        campsites.flush();
        return {};
    });
    if (!status.ok())
        return status.error();

    bar.start(tr("customers"), c.customers);
    for (qint64 from = 0; from < c.customers; from += 50000) {
        const qint64 to = std::min(c.customers, from + 50000);
        status = m_db.write([&](Transaction&) -> Status {
            BulkInserter customers(conn, QStringLiteral("customers"),
                                   { QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("phone"),
                                     QStringLiteral("email"), QStringLiteral("language"),
                                     QStringLiteral("message_consent"), QStringLiteral("created_at"),
                                     QStringLiteral("updated_at") });
            for (qint64 i = from; i < to; ++i) {
                const Person p = makePerson(i, c.seed);
                customers.add({ i + 1, p.name, p.phone, p.email, p.language, p.consent ? 1 : 0, createdAt, createdAt });
            }
            customers.flush();
            return {};
        });
        if (!status.ok())
            return status.error();
        bar.advance(to);
    }
    bar.finish();

    // Reservations with their nights, payments, mileage and reviews, in large transactions.
    std::vector<EventRec> events;
    events.reserve(stays.size() * 6);
    std::vector<qint32> reviewIds(stays.size(), 0);
    qint32 nextReviewId = 1;
    bar.start(tr("reservations"), qint64(stays.size()));
    const auto column = [](const char* name) { return QString::fromLatin1(name); };
    for (size_t from = 0; from < stays.size(); from += size_t(c.reservationsPerTransaction)) {
        const size_t to = std::min(stays.size(), from + size_t(c.reservationsPerTransaction));
        status = m_db.write([&](Transaction&) -> Status {
            BulkInserter reservations(conn, QStringLiteral("reservations"), { column("id"),
                                                                              column("code"),
                                                                              column("campsite_id"),
                                                                              column("customer_id"),
                                                                              column("check_in"),
                                                                              column("check_out"),
                                                                              column("guests"),
                                                                              column("status"),
                                                                              column("amount"),
                                                                              column("points_used"),
                                                                              column("channel"),
                                                                              column("order_id"),
                                                                              column("refund_amount"),
                                                                              column("cancel_reason"),
                                                                              column("version"),
                                                                              column("created_at"),
                                                                              column("updated_at"),
                                                                              column("confirmed_at"),
                                                                              column("cancelled_at"),
                                                                              column("checked_out_on") },
                                      100);
            BulkInserter nights(conn, QStringLiteral("reservation_nights"),
                                { column("campsite_id"), column("night"), column("reservation_id") }, 500);
            BulkInserter payments(conn, QStringLiteral("payments"),
                                  { column("id"), column("reservation_id"), column("order_id"), column("provider"),
                                    column("method"), column("amount"), column("status"), column("provider_tx_id"),
                                    column("refund_amount"), column("created_at"), column("updated_at"),
                                    column("approved_at"), column("cancelled_at") },
                                  100);
            BulkInserter ledger(
                conn, QStringLiteral("mileage_ledger"),
                { column("customer_id"), column("delta"), column("reason"), column("source_id"), column("created_at") },
                300);
            BulkInserter reviews(conn, QStringLiteral("reviews"),
                                 { column("id"), column("reservation_id"), column("campsite_id"), column("customer_id"),
                                   column("rating"), column("body"), column("hidden"), column("created_at"),
                                   column("updated_at") },
                                 100);
            nights.dependsOn(reservations);
            payments.dependsOn(reservations);
            reviews.dependsOn(reservations);
            static const char* const statusNames[] = { "checked_out", "checked_in", "confirmed", "cancelled" };
            static const char* const reviewTexts[] = { "",
                                                       "다시 오고 싶어요.",
                                                       "Clean showers, quiet nights.",
                                                       "사이트가 넓고 조용했습니다.",
                                                       "Great view of the lake.",
                                                       "화장실이 조금 멀었어요.",
                                                       "Kids loved it." };
            for (size_t i = from; i < to; ++i) {
                const Stay& st = stays[i];
                const qint64 id = qint64(i) + 1;
                const QString source = QString::number(id);
                const QString checkIn = sqlDate(first.addDays(st.checkIn));
                const bool cancelled = st.status == StayStatus::Cancelled;
                const qint64 confirmedAt = st.bookedAt + 20000; // hold, pay, confirm: seconds apart
                qint64 updatedAt = std::max({ confirmedAt, st.cancelledAt, st.checkedInAt, st.checkedOutAt });
                const int version = 2 + (cancelled ? 1 : 0) + (st.checkedInAt ? 1 : 0) + (st.checkedOutAt ? 1 : 0);
                const QString checkOut = sqlDate(first.addDays(st.checkIn + st.nights));
                reservations.add({ id,
                                   reservationCode(qint64(i), c.seed),
                                   st.campsite + 1,
                                   st.customer + 1,
                                   checkIn,
                                   checkOut,
                                   st.guests,
                                   QString::fromLatin1(statusNames[int(st.status)]),
                                   st.amount,
                                   0,
                                   st.customer % 5 == 0 ? QStringLiteral("kiosk") : QStringLiteral("desk"),
                                   orderId(qint64(i), c.seed),
                                   cancelled ? st.refund : 0,
                                   cancelled ? QVariant(QStringLiteral("customer cancelled")) : QVariant(),
                                   version,
                                   st.bookedAt,
                                   updatedAt,
                                   confirmedAt,
                                   cancelled ? QVariant(st.cancelledAt) : QVariant(),
                                   st.status == StayStatus::CheckedOut ? QVariant(checkOut) : QVariant() });
                if (!cancelled) {
                    for (int n = 0; n < st.nights; ++n)
                        nights.add({ st.campsite + 1, sqlDate(first.addDays(st.checkIn + n)), id });
                }
                payments.add({ id, id, orderId(qint64(i), c.seed), QStringLiteral("simulated"), QStringLiteral("card"),
                               st.amount, cancelled ? QStringLiteral("cancelled") : QStringLiteral("approved"),
                               QStringLiteral("sim-%1").arg(id), cancelled ? st.refund : 0, st.bookedAt,
                               cancelled ? st.cancelledAt : confirmedAt, confirmedAt,
                               cancelled ? QVariant(st.cancelledAt) : QVariant() });
                const qint64 earned = rules.pointsFor(st.amount);
                if (earned > 0) {
                    ledger.add({ st.customer + 1, earned, QStringLiteral("payment"), source, confirmedAt });
                    if (cancelled)
                        ledger.add({ st.customer + 1, -earned, QStringLiteral("cancel"), source, st.cancelledAt });
                }
                const qint32 stay = qint32(i);
                events.push_back({ st.bookedAt, stay, Held });
                events.push_back({ confirmedAt, stay, PaymentApproved });
                events.push_back({ confirmedAt, stay, Confirmed });
                events.push_back({ confirmedAt, stay, MileageSaved });
                if (cancelled) {
                    events.push_back({ st.cancelledAt, stay, PaymentCancelled });
                    events.push_back({ st.cancelledAt, stay, Cancelled });
                    events.push_back({ st.cancelledAt, stay, MileageDeducted });
                }
                if (st.checkedInAt)
                    events.push_back({ st.checkedInAt, stay, CheckedIn });
                if (st.checkedOutAt)
                    events.push_back({ st.checkedOutAt, stay, CheckedOut });
                if (st.rating) {
                    const qint32 reviewId = nextReviewId++;
                    reviewIds[i] = reviewId;
                    reviews.add({ reviewId, id, st.campsite + 1, st.customer + 1, st.rating,
                                  QString::fromUtf8(reviewTexts[(i / 7) % 7]), st.reviewHidden ? 1 : 0, st.reviewAt,
                                  st.reviewAt });
                    ledger.add({ st.customer + 1, rules.reviewPoints, QStringLiteral("review"), source, st.reviewAt });
                    events.push_back({ st.reviewAt, stay, ReviewRegistered });
                    events.push_back({ st.reviewAt, stay, ReviewMileage });
                }
            }
            reservations.flush();
            nights.flush();
            payments.flush();
            ledger.flush();
            reviews.flush();
            summary.reservations += reservations.rowsWritten();
            summary.nights += nights.rowsWritten();
            summary.payments += payments.rowsWritten();
            summary.ledgerEntries += ledger.rowsWritten();
            summary.reviews += reviews.rowsWritten();
            return {};
        });
        if (!status.ok())
            return status.error();
        bar.advance(qint64(to));
    }
    bar.finish();

    // The event log in the order things happened, so event ids grow with time as they do in a live system.
    std::stable_sort(events.begin(), events.end(), [](const EventRec& a, const EventRec& b) { return a.at < b.at; });
    bar.start(tr("events"), qint64(events.size()));
    const QString origin = QStringLiteral("datagen");
    for (size_t from = 0; from < events.size(); from += 200000) {
        const size_t to = std::min(events.size(), from + 200000);
        status = m_db.write([&](Transaction&) -> Status {
            BulkInserter inserter(conn, QStringLiteral("domain_events"),
                                  { column("type"), column("aggregate"), column("aggregate_id"), column("payload"),
                                    column("origin"), column("occurred_at") },
                                  300);
            for (size_t i = from; i < to; ++i) {
                const EventRec& e = events[i];
                const Stay& st = stays[size_t(e.stay)];
                const qint64 id = qint64(e.stay) + 1;
                const QString rid = QString::number(id);
                const qint64 earned = rules.pointsFor(st.amount);
                EventType type = EventType::ReservationHeld;
                QString aggregate = QStringLiteral("reservation");
                qint64 aggregateId = id;
                QString payload;
                switch (EventKind(e.type)) {
                case Held:
                    payload = QStringLiteral("{\"code\":\"%1\",\"amount\":%2}")
                                  .arg(reservationCode(e.stay, c.seed))
                                  .arg(st.amount);
                    break;
                case PaymentApproved:
                    type = EventType::PaymentApproved;
                    aggregate = QStringLiteral("payment");
                    payload = QStringLiteral("{\"reservationId\":%1,\"amount\":%2}").arg(rid).arg(st.amount);
                    break;
                case Confirmed:
                    type = EventType::ReservationConfirmed;
                    payload = QStringLiteral("{\"code\":\"%1\",\"amount\":%2}")
                                  .arg(reservationCode(e.stay, c.seed))
                                  .arg(st.amount);
                    break;
                case MileageSaved:
                    type = EventType::MileageSaved;
                    aggregate = QStringLiteral("customer");
                    aggregateId = st.customer + 1;
                    payload = QStringLiteral("{\"reservationId\":%1,\"points\":%2}").arg(rid).arg(earned);
                    break;
                case PaymentCancelled:
                    type = EventType::PaymentCancelled;
                    aggregate = QStringLiteral("payment");
                    payload = QStringLiteral("{\"reservationId\":%1,\"refund\":%2}").arg(rid).arg(st.refund);
                    break;
                case Cancelled:
                    type = EventType::ReservationCancelled;
                    payload = QStringLiteral("{\"code\":\"%1\",\"refund\":%2}")
                                  .arg(reservationCode(e.stay, c.seed))
                                  .arg(st.refund);
                    break;
                case MileageDeducted:
                    type = EventType::MileageDeducted;
                    aggregate = QStringLiteral("customer");
                    aggregateId = st.customer + 1;
                    payload = QStringLiteral("{\"reservationId\":%1,\"points\":%2}").arg(rid).arg(earned);
                    break;
                case CheckedIn:
                    type = EventType::ReservationCheckedIn;
                    payload = QStringLiteral("{\"reservationId\":%1}").arg(rid);
                    break;
                case CheckedOut:
                    type = EventType::ReservationCheckedOut;
                    payload = QStringLiteral("{\"reservationId\":%1}").arg(rid);
                    break;
                case ReviewRegistered:
                    type = EventType::ReviewRegistered;
                    aggregate = QStringLiteral("review");
                    aggregateId = reviewIds[size_t(e.stay)];
                    payload = QStringLiteral("{\"reservationId\":%1,\"rating\":%2}").arg(rid).arg(st.rating);
                    break;
                case ReviewMileage:
                    type = EventType::MileageSaved;
                    aggregate = QStringLiteral("customer");
                    aggregateId = st.customer + 1;
                    payload = QStringLiteral("{\"reviewId\":%1,\"points\":%2}")
                                  .arg(reviewIds[size_t(e.stay)])
                                  .arg(rules.reviewPoints);
                    break;
                }
                inserter.add({ eventTypeName(type), aggregate, aggregateId, payload, origin, e.at });
            }
            inserter.flush();
            summary.events += inserter.rowsWritten();
            return {};
        });
        if (!status.ok())
            return status.error();
        bar.advance(qint64(to));
    }
    bar.finish();

    // Rows were given their ids above; PostgreSQL's sequences must continue after them.
    if (m_db.driver() == SqlDriver::Postgres) {
        status = m_db.write([&](Transaction& tx) -> Status {
            for (const char* table : { "campsites", "customers", "reservations", "payments", "reviews" }) {
                tx.exec(QStringLiteral("SELECT setval(pg_get_serial_sequence('%1', 'id'), "
                                       "GREATEST((SELECT MAX(id) FROM %1), 1))")
                            .arg(QLatin1String(table)));
            }
            return {};
        });
        if (!status.ok())
            return status.error();
    }

    // The read model, from scratch, as `campdesk --rebuild-read-model` would.
    QElapsedTimer rebuild;
    rebuild.start();
    bar.start(tr("read model"), 1);
    if (Status rebuilt = ReadModel(m_db).rebuild(); !rebuilt.ok())
        return rebuilt.error();
    bar.finish();
    summary.readModelSeconds = double(rebuild.elapsed()) / 1000.0;
    summary.seconds = double(total.elapsed()) / 1000.0;
    return summary;
}

} // namespace campdesk
