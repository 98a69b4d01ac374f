#include "ops/demodata.h"

#include "ops/appcontext.h"

#include <QRandomGenerator>

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
};

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

Result<QList<DemoData::Login>> DemoData::fillIfFresh(AppContext& context)
{
    const Actor system = Actor::system(QStringLiteral("demo data"));
    const QList<Login> logins = { { QStringLiteral("manager"), generatePassword(), Role::Manager },
                                  { QStringLiteral("desk"), generatePassword(), Role::FrontDesk } };
    return context.db->write([&](Transaction&) -> Result<QList<Login>> {
        // Checked again inside the transaction: two terminals starting at once must not both fill.
        Result<bool> fresh = isFresh(context);
        if (!fresh.ok())
            return fresh.error();
        if (!fresh.value())
            return QList<Login>();
        for (const Login& login : logins) {
            const QString display = login.role == Role::Manager ? tr("Demo manager") : tr("Demo front desk");
            Result<User> user = context.users->createUser(system, login.username, display, login.role, login.password);
            if (!user.ok())
                return user.error();
        }
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
            Result<Campsite> registered = context.campsites->registerCampsite(system, c);
            if (!registered.ok())
                return registered.error();
        }
        for (const DemoCustomer& demo : demoCustomers) {
            Customer customer;
            customer.name = QString::fromUtf8(demo.name);
            customer.phone = QString::fromUtf8(demo.phone);
            customer.email = QString::fromUtf8(demo.email);
            customer.language = QString::fromUtf8(demo.language);
            customer.messageConsent = true;
            Result<Customer> created = context.customers->findOrCreate(system, customer);
            if (!created.ok())
                return created.error();
        }
        return logins;
    });
}

} // namespace campdesk
