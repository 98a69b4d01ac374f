#include "ops/demodata.h"

#include "core/logging.h"
#include "ops/appcontext.h"

#include <QElapsedTimer>
#include <QHash>
#include <QRandomGenerator>
#include <algorithm>
#include <iterator>

namespace campdesk {

namespace {

struct DemoSite
{
    const char* code;
    const char* name;
    CampsiteKind kind;
    const char* zone;
    int maxGuests;
    qint64 nightly;
    qint64 weekend;
    const char* amenities;
    const char* description;
    CampsiteStatus status = CampsiteStatus::Active;
};

const DemoSite demoSites[] = {
    { "A-01", "솔숲 텐트 1 Pine Tent 1", CampsiteKind::Tent, "솔숲 Pine Grove", 4, 30000, 40000,
      "전기 Power,수도 Water", "그늘이 좋은 소나무 숲 속 텐트 사이트. Shady pitch under the pines." },
    { "A-02", "솔숲 텐트 2 Pine Tent 2", CampsiteKind::Tent, "솔숲 Pine Grove", 4, 30000, 40000,
      "전기 Power,수도 Water", "화장실과 가까운 평지. Flat pitch near the toilets." },
    { "A-03", "솔숲 텐트 3 Pine Tent 3", CampsiteKind::Tent, "솔숲 Pine Grove", 6, 35000, 45000,
      "전기 Power,수도 Water,반려견 Pets", "넓은 가족용 사이트. Large family pitch, dogs welcome." },
    { "A-04", "솔숲 텐트 4 Pine Tent 4", CampsiteKind::Tent, "솔숲 Pine Grove", 2, 25000, 32000, "전기 Power",
      "2인용 작은 사이트. Small pitch for two." },
    { "A-05", "솔숲 텐트 5 Pine Tent 5", CampsiteKind::Tent, "솔숲 Pine Grove", 4, 30000, 40000,
      "전기 Power,수도 Water", "배수 공사 중. Drainage work in progress.", CampsiteStatus::Maintenance },
    { "B-01", "계곡 오토캠핑 1 Valley Auto 1", CampsiteKind::AutoCamping, "계곡 Valley", 5, 40000, 55000,
      "전기 Power,수도 Water,주차 Parking", "차를 옆에 세우는 계곡 사이트. Park beside your tent by the stream." },
    { "B-02", "계곡 오토캠핑 2 Valley Auto 2", CampsiteKind::AutoCamping, "계곡 Valley", 5, 40000, 55000,
      "전기 Power,수도 Water,주차 Parking", "물소리가 들리는 사이트. You hear the stream all night." },
    { "B-03", "계곡 오토캠핑 3 Valley Auto 3", CampsiteKind::AutoCamping, "계곡 Valley", 6, 45000, 60000,
      "전기 Power,수도 Water,주차 Parking,바비큐 BBQ", "바비큐 그릴 포함. Comes with a BBQ grill." },
    { "B-04", "계곡 오토캠핑 4 Valley Auto 4", CampsiteKind::AutoCamping, "계곡 Valley", 4, 40000, 55000,
      "전기 Power,주차 Parking,반려견 Pets", "반려견 동반 가능. Dogs welcome." },
    { "B-05", "계곡 오토캠핑 5 Valley Auto 5", CampsiteKind::AutoCamping, "계곡 Valley", 8, 50000, 65000,
      "전기 Power,수도 Water,주차 Parking,바비큐 BBQ", "두 가족이 함께 쓰는 큰 사이트. Big enough for two families." },
    { "C-01", "호숫가 카라반 1 Lakeside Caravan 1", CampsiteKind::Caravan, "호숫가 Lakeside", 4, 90000, 120000,
      "에어컨 A/C,난방 Heating,화장실 Toilet,냉장고 Fridge", "호수가 보이는 카라반. Caravan with a lake view." },
    { "C-02", "호숫가 카라반 2 Lakeside Caravan 2", CampsiteKind::Caravan, "호숫가 Lakeside", 4, 90000, 120000,
      "에어컨 A/C,난방 Heating,화장실 Toilet,냉장고 Fridge", "데크와 어닝 포함. Deck and awning included." },
    { "C-03", "호숫가 카라반 3 Lakeside Caravan 3", CampsiteKind::Caravan, "호숫가 Lakeside", 6, 110000, 140000,
      "에어컨 A/C,난방 Heating,화장실 Toilet,샤워실 Shower,Wi-Fi", "6인 가족용 카라반. Family caravan for six." },
    { "G-01", "별빛 글램핑 1 Starlight Glamping 1", CampsiteKind::Glamping, "언덕 Hilltop", 4, 130000, 170000,
      "에어컨 A/C,난방 Heating,침대 Beds,바비큐 BBQ,Wi-Fi", "언덕 위 벨 텐트. Bell tent on the hill, beds made." },
    { "G-02", "별빛 글램핑 2 Starlight Glamping 2", CampsiteKind::Glamping, "언덕 Hilltop", 4, 130000, 170000,
      "에어컨 A/C,난방 Heating,침대 Beds,바비큐 BBQ,Wi-Fi", "별 보기 좋은 자리. Best spot for stargazing." },
    { "G-03", "별빛 글램핑 3 Starlight Glamping 3", CampsiteKind::Glamping, "언덕 Hilltop", 2, 110000, 150000,
      "에어컨 A/C,난방 Heating,침대 Beds,Wi-Fi", "커플용 돔 텐트. Dome tent for two." },
    { "G-04", "별빛 글램핑 4 Starlight Glamping 4", CampsiteKind::Glamping, "언덕 Hilltop", 6, 160000, 200000,
      "에어컨 A/C,난방 Heating,침대 Beds,바비큐 BBQ,샤워실 Shower",
      "개별 샤워실이 있는 큰 텐트. Large tent, own shower." },
    { "K-01", "숲속 통나무집 1 Forest Cabin 1", CampsiteKind::Cabin, "숲속 Forest", 4, 150000, 190000,
      "에어컨 A/C,난방 Heating,화장실 Toilet,샤워실 Shower,주방 Kitchen",
      "벽난로가 있는 통나무집. Log cabin with a fireplace." },
    { "K-02", "숲속 통나무집 2 Forest Cabin 2", CampsiteKind::Cabin, "숲속 Forest", 6, 180000, 230000,
      "에어컨 A/C,난방 Heating,화장실 Toilet,샤워실 Shower,주방 Kitchen,Wi-Fi", "침실 두 개. Two bedrooms." },
    { "K-03", "숲속 통나무집 3 Forest Cabin 3", CampsiteKind::Cabin, "숲속 Forest", 2, 120000, 150000,
      "난방 Heating,화장실 Toilet,샤워실 Shower", "조용한 2인용 오두막. Quiet cabin for two." },
};

struct DemoCustomer
{
    const char* name;
    const char* phone;
    const char* email;
    const char* language;
};

const DemoCustomer demoCustomers[] = {
    { "김민준", "010-2345-6789", "minjun.kim@example.com", "ko" },
    { "이서연", "010-3456-7890", "", "ko" },
    { "박지호", "010-4567-8901", "jiho.park@example.com", "ko" },
    { "Emma Wilson", "010-5678-9012", "emma.wilson@example.com", "en" },
    { "최유진", "010-6789-0123", "yujin.choi@example.com", "ko" },
    { "정하늘", "010-7890-1234", "", "ko" },
    { "Lucas Martin", "010-8901-2345", "lucas.martin@example.com", "en" },
    { "강수아", "010-9012-3456", "sua.kang@example.com", "ko" },
};

// What became of a demo stay by today.
enum class Fate {
    Stayed, // checked in and out
    Staying, // checked in, leaves today or later
    Booked, // paid, not arrived yet (some arrive today)
    Cancelled, // cancelled on cancelDay, refunded by the rule table
};

// One stay of the demo story. Days are relative to today (0), nights are [checkInDay, checkInDay + nights).
struct DemoStay
{
    const char* site;
    int customer; // index into demoCustomers
    int bookedDay;
    int checkInDay;
    int nights;
    int guests;
    Fate fate;
    int rating = 0; // a review on the check-out day (Staying: today), 0 for none
    const char* review = "";
    bool usePoints = false; // spends the customer's points on this booking
    int cancelDay = 0;
};

const DemoStay demoStays[] = {
    // The weeks before today: stays that are over, most of them reviewed.
    { "A-01", 0, -30, -25, 2, 3, Fate::Stayed, 5, "조용하고 깨끗했어요. Quiet and clean." },
    { "B-03", 3, -28, -21, 3, 4, Fate::Stayed, 4, "Lovely stream, and the BBQ grill was a treat." },
    { "C-01", 2, -20, -14, 2, 2, Fate::Stayed, 5, "호수 전망이 최고예요. The lake view is the best." },
    { "G-01", 1, -18, -12, 2, 2, Fate::Stayed, 3, "밤에 조금 추웠어요. A bit cold at night." },
    { "K-01", 4, -15, -9, 3, 4, Fate::Stayed },
    { "B-01", 0, -10, -6, 2, 3, Fate::Stayed, 4,
      "두 번째 방문, 포인트로 할인받았어요. Second visit, paid partly with points.", true },
    { "A-03", 6, -12, -4, 2, 2, Fate::Stayed },
    // Today: guests on site, some leaving, some arriving.
    { "A-02", 1, -6, -3, 3, 2, Fate::Stayed }, // left this morning
    { "B-02", 2, -5, -2, 2, 4, Fate::Staying }, // leaves today, not yet checked out
    { "C-02", 7, -9, -2, 4, 3, Fate::Staying },
    { "K-02", 3, -7, -1, 3, 5, Fate::Staying, 5, "Cosy cabin, the kids loved the fireplace." },
    { "G-03", 6, -3, 0, 2, 2, Fate::Staying }, // arrived today
    { "B-04", 5, -4, 0, 1, 2, Fate::Booked }, // arrives today
    { "K-03", 4, -2, 0, 2, 2, Fate::Booked }, // arrives today
    // Ahead: confirmed bookings, and one that was cancelled.
    { "K-01", 1, -11, 1, 2, 2, Fate::Booked },
    { "C-03", 0, -1, 3, 2, 4, Fate::Booked },
    { "G-02", 5, -14, 5, 2, 2, Fate::Cancelled, 0, "", false, -3 },
    { "G-04", 7, -8, 6, 2, 4, Fate::Booked },
    { "A-03", 2, -2, 10, 3, 4, Fate::Booked },
    { "B-05", 3, 0, 14, 2, 6, Fate::Booked },
};

// The order of things within one day: guests leave in the morning, then bookings, arrivals, reviews, cancellations.
enum class StepKind { CheckOut, Book, CheckIn, Review, Cancel };

struct Step
{
    int day;
    StepKind kind;
    int stay; // index into demoStays
};

QList<Step> storySteps()
{
    QList<Step> steps;
    for (int i = 0; i < int(std::size(demoStays)); ++i) {
        const DemoStay& stay = demoStays[i];
        const int checkOutDay = stay.checkInDay + stay.nights;
        steps.append({ stay.bookedDay, StepKind::Book, i });
        if (stay.fate == Fate::Stayed || stay.fate == Fate::Staying)
            steps.append({ stay.checkInDay, StepKind::CheckIn, i });
        if (stay.fate == Fate::Stayed)
            steps.append({ checkOutDay, StepKind::CheckOut, i });
        if (stay.rating > 0)
            steps.append({ stay.fate == Fate::Stayed ? checkOutDay : 0, StepKind::Review, i });
        if (stay.fate == Fate::Cancelled)
            steps.append({ stay.cancelDay, StepKind::Cancel, i });
    }
    std::stable_sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) {
        return a.day != b.day ? a.day < b.day : int(a.kind) < int(b.kind);
    });
    return steps;
}

// Plays the story on `demo`, whose database runs on `clock`: each step happens through the services on its day,
// ending at `now`. Called inside the fill's transaction.
Status playStory(AppContext& demo, ManualClock& clock, const QDateTime& now, const Actor& desk,
                 const QHash<QString, qint64>& siteIds)
{
    const QList<Step> steps = storySteps();
    QList<Reservation> booked(int(std::size(demoStays)));
    for (int i = 0; i < steps.size(); ++i) {
        const Step& step = steps.at(i);
        const DemoStay& stay = demoStays[step.stay];
        const DemoCustomer& who = demoCustomers[stay.customer];
        // A second apart, in order, the last one at `now`: the audit log and the tables read like real days.
        clock.set(now.addDays(step.day).addSecs(i - steps.size() + 1));
        Reservation& reservation = booked[step.stay];
        switch (step.kind) {
        case StepKind::Book: {
            BookingRequest request;
            request.campsiteId = siteIds.value(QString::fromUtf8(stay.site));
            request.checkIn = clock.today().addDays(stay.checkInDay - stay.bookedDay);
            request.checkOut = request.checkIn.addDays(stay.nights);
            request.guests = stay.guests;
            request.customer.name = QString::fromUtf8(who.name);
            request.customer.phone = QString::fromUtf8(who.phone);
            request.customer.email = QString::fromUtf8(who.email);
            request.customer.language = QString::fromUtf8(who.language);
            // No SMS consent: the demo phone numbers may be somebody's, and a terminal with a real SMS gateway
            // would text them. Their e-mails are at example.com, which never delivers (RFC 2606).
            request.customer.messageConsent = false;
            if (stay.usePoints) {
                Result<Quote> quote = demo.bookings->quote(request);
                if (!quote.ok())
                    return quote.error();
                request.pointsToRedeem = std::min(quote->balance, quote->total);
            }
            const QString method = step.stay % 2 ? QStringLiteral("cash") : QStringLiteral("desk_card");
            Result<Reservation> made = demo.bookings->book(desk, request, *demo.deskPayment, method);
            if (!made.ok())
                return made.error();
            reservation = made.value();
            break;
        }
        case StepKind::CheckIn:
            if (Result<Reservation> in = demo.bookings->checkIn(desk, reservation.id); !in.ok())
                return in.error();
            break;
        case StepKind::CheckOut:
            if (Result<Reservation> out = demo.bookings->checkOut(desk, reservation.id); !out.ok())
                return out.error();
            break;
        case StepKind::Review:
            if (Result<Review> review = demo.reviews->submitByCode(desk, reservation.code, QString::fromUtf8(who.phone),
                                                                   stay.rating, QString::fromUtf8(stay.review));
                !review.ok())
                return review.error();
            break;
        case StepKind::Cancel: {
            CancelRequest cancel;
            cancel.reservationId = reservation.id;
            cancel.reason = DemoData::tr("Change of plans");
            if (Result<Reservation> cancelled = demo.bookings->cancel(desk, cancel); !cancelled.ok())
                return cancelled.error();
            break;
        }
        }
    }
    clock.set(now);
    return {};
}

} // namespace

QString DemoData::generatePassword()
{
    static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
    QString password;
    for (int i = 0; i < 12; ++i) {
        if (i > 0 && i % 4 == 0)
            password += QLatin1Char('-');
        password += QLatin1Char(alphabet[QRandomGenerator::system()->bounded(int(sizeof(alphabet) - 1))]);
    }
    return password;
}

Result<bool> DemoData::isFresh(AppContext& context)
{
    return context.db->read([](SqlSession& s) -> Result<bool> {
        return s.scalar(QStringLiteral("SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM campsites) + "
                                       "(SELECT count(*) FROM customers)"))
                   .toLongLong()
            == 0;
    });
}

Result<QList<DemoData::Login>> DemoData::fillIfFresh(AppContext& context, Extent extent)
{
    const Actor system = Actor::system(QStringLiteral("demo data"));
    const QList<Login> logins = { { QStringLiteral("manager"), generatePassword(), Role::Manager },
                                  { QStringLiteral("desk"), generatePassword(), Role::FrontDesk } };
    // The demo is written on a connection of its own whose clock walks from a month ago to now, so every booking,
    // check-in, review and refund happens through the services on the day it would have, and the read model, the
    // ledger and the audit log agree as they would after real use.
    const QDateTime now = context.db->clock().nowUtc();
    ManualClock clock(now);
    Database::Options options = context.db->options();
    options.clock = &clock;
    options.bus = nullptr; // nobody listens yet; the running terminals see the events through the event feed
    options.migrate = false;
    Result<std::unique_ptr<Database>> opened = Database::open(context.db->spec(), options);
    if (!opened.ok())
        return opened.error();
    std::unique_ptr<AppContext> demo = AppContext::build(std::move(opened).value());

    return demo->db->write([&](Transaction&) -> Result<QList<Login>> {
        // The campground opened five weeks ago, with its regular customers (set again when the write is retried).
        clock.set(now.addDays(-35));
        // Checked inside the transaction: two terminals starting at once must not both fill.
        Result<bool> fresh = isFresh(*demo);
        if (!fresh.ok())
            return fresh.error();
        if (!fresh.value())
            return QList<Login>();
        Actor desk;
        for (const Login& login : logins) {
            const QString display = login.role == Role::Manager ? tr("Demo manager") : tr("Demo front desk");
            Result<User> user = demo->users->createUser(system, login.username, display, login.role, login.password);
            if (!user.ok())
                return user.error();
            if (login.role == Role::FrontDesk)
                desk = Actor { user->id, user->username, user->role };
        }
        QHash<QString, qint64> siteIds;
        for (const DemoSite& site : demoSites) {
            Campsite c;
            c.code = QString::fromUtf8(site.code);
            c.name = QString::fromUtf8(site.name);
            c.kind = site.kind;
            c.zone = QString::fromUtf8(site.zone);
            c.maxGuests = site.maxGuests;
            c.nightlyPrice = site.nightly;
            c.weekendPrice = site.weekend;
            c.amenities = QString::fromUtf8(site.amenities).split(QLatin1Char(','));
            c.description = QString::fromUtf8(site.description);
            c.status = site.status;
            Result<Campsite> registered = demo->campsites->registerCampsite(system, c);
            if (!registered.ok())
                return registered.error();
            siteIds.insert(registered->code, registered->id);
        }
        for (const DemoCustomer& one : demoCustomers) {
            Customer customer;
            customer.name = QString::fromUtf8(one.name);
            customer.phone = QString::fromUtf8(one.phone);
            customer.email = QString::fromUtf8(one.email);
            customer.language = QString::fromUtf8(one.language);
            customer.messageConsent = false; // see playStory()
            Result<Customer> created = demo->customers->findOrCreate(system, customer);
            if (!created.ok())
                return created.error();
        }
        if (extent == Extent::SitesAndAccounts)
            return logins;
        QElapsedTimer storyTime;
        storyTime.start();
        if (Status story = playStory(*demo, clock, now, desk, siteIds); !story.ok())
            return story.error();
        qCInfo(lcOps) << "demo data: the story of" << std::size(demoStays) << "stays took" << storyTime.elapsed()
                      << "ms";
        return logins;
    });
}

} // namespace campdesk
