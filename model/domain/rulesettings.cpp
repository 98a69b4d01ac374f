#include "domain/rulesettings.h"

#include "domain/settingstable.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>

namespace campdesk {

namespace {

const QString keyMileageRate = QStringLiteral("booking.mileage_rate_percent");
const QString keyReviewPoints = QStringLiteral("booking.review_points");
const QString keyHoldMinutes = QStringLiteral("booking.hold_minutes");
const QString keyCancellation = QStringLiteral("booking.cancellation_rules");
const QString keyPointsOnExtras = QStringLiteral("booking.points_on_extras");

QString cancellationJson(const QList<CancellationBand>& bands)
{
    QJsonArray array;
    for (const CancellationBand& band : bands)
        array.append(QJsonObject { { QStringLiteral("minDaysBefore"), band.minDaysBefore },
                                   { QStringLiteral("refundPercent"), band.refundPercent } });
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

std::optional<QList<CancellationBand>> cancellationFromJson(const QString& text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (!doc.isArray())
        return std::nullopt;
    QList<CancellationBand> bands;
    for (const QJsonValue& value : doc.array()) {
        const QJsonObject o = value.toObject();
        if (!o.contains(QStringLiteral("minDaysBefore")) || !o.contains(QStringLiteral("refundPercent")))
            return std::nullopt;
        bands.append(
            { o.value(QStringLiteral("minDaysBefore")).toInt(), o.value(QStringLiteral("refundPercent")).toInt() });
    }
    return bands;
}

} // namespace

qint64 BookingRules::pointsFor(qint64 amountPaid) const
{
    // Basis points keep the arithmetic in integers: 5% = 500 bp.
    const qint64 bp = std::llround(mileageRatePercent * 100.0);
    return std::max<qint64>(0, amountPaid * bp / 10000);
}

qint64 BookingRules::pointsFor(qint64 amountPaid, qint64 price, qint64 extras) const
{
    if (pointsOnExtras || extras <= 0 || price <= 0 || amountPaid <= 0)
        return pointsFor(amountPaid);
    const qint64 stay = std::max<qint64>(0, price - extras);
    // Prices in won stay below 10^9, so the product fits in 64 bits.
    return pointsFor(amountPaid * stay / price);
}

int BookingRules::refundPercent(int daysBefore) const
{
    int best = -1;
    int percent = 0;
    for (const CancellationBand& band : cancellation) {
        if (daysBefore >= band.minDaysBefore && band.minDaysBefore > best) {
            best = band.minDaysBefore;
            percent = band.refundPercent;
        }
    }
    return percent;
}

RuleSettings::RuleSettings(Database& db)
    : m_db(db)
{
}

Status RuleSettings::validate(const BookingRules& rules)
{
    if (!(rules.mileageRatePercent >= 0.0 && rules.mileageRatePercent <= 50.0))
        return invalidInput(tr("The mileage rate must be between 0% and 50%."), QStringLiteral("mileageRatePercent"));
    if (rules.reviewPoints < 0 || rules.reviewPoints > 1000000)
        return invalidInput(tr("Review points must be between 0 and 1,000,000."), QStringLiteral("reviewPoints"));
    if (rules.holdMinutes < 1 || rules.holdMinutes > 120)
        return invalidInput(tr("A hold must last between 1 and 120 minutes."), QStringLiteral("holdMinutes"));
    if (rules.cancellation.isEmpty())
        return invalidInput(tr("The cancellation table needs at least one row."), QStringLiteral("cancellation"));
    QList<int> seen;
    for (const CancellationBand& band : rules.cancellation) {
        if (band.minDaysBefore < 0 || band.minDaysBefore > 365)
            return invalidInput(tr("Days before check-in must be between 0 and 365."), QStringLiteral("cancellation"));
        if (band.refundPercent < 0 || band.refundPercent > 100)
            return invalidInput(tr("A refund must be between 0% and 100%."), QStringLiteral("cancellation"));
        if (seen.contains(band.minDaysBefore))
            return invalidInput(tr("Each number of days may appear only once in the cancellation table."),
                                QStringLiteral("cancellation"));
        seen.append(band.minDaysBefore);
    }
    return {};
}

QString RuleSettings::ruleColumns()
{
    // The keys are constants of this file, written into the statement as they are.
    static const QString columns = [] {
        QStringList subqueries;
        for (const QString& key :
             { keyMileageRate, keyReviewPoints, keyHoldMinutes, keyCancellation, keyPointsOnExtras })
            subqueries << QStringLiteral("(SELECT value FROM settings WHERE key = '%1')").arg(key);
        return subqueries.join(QStringLiteral(", "));
    }();
    return columns;
}

BookingRules RuleSettings::fromColumns(const QSqlQuery& row, int first)
{
    BookingRules rules;
    bool ok = false;
    if (const double rate = row.value(first).toString().toDouble(&ok); ok)
        rules.mileageRatePercent = rate;
    if (const qint64 points = row.value(first + 1).toString().toLongLong(&ok); ok)
        rules.reviewPoints = points;
    if (const int minutes = row.value(first + 2).toString().toInt(&ok); ok)
        rules.holdMinutes = minutes;
    if (auto bands = cancellationFromJson(row.value(first + 3).toString()); bands && !bands->isEmpty())
        rules.cancellation = *bands;
    const QString onExtras = row.value(first + 4).toString();
    if (onExtras == QLatin1String("0") || onExtras == QLatin1String("1"))
        rules.pointsOnExtras = onExtras == QLatin1String("1");
    return rules;
}

qint64 RuleSettings::pointsForBooking(SqlSession& s, const BookingRules& rules, qint64 reservationId, qint64 amountPaid)
{
    if (rules.pointsOnExtras)
        return rules.pointsFor(amountPaid);
    // The price before points (the points line is a discount on the whole) and the extras' part of it.
    SqlRows q = s.exec(QStringLiteral("SELECT COALESCE(SUM(CASE WHEN kind <> 'points' THEN amount ELSE 0 END), 0), "
                                      "COALESCE(SUM(CASE WHEN kind = 'extra' THEN amount ELSE 0 END), 0) FROM "
                                      "reservation_lines WHERE reservation_id = ?"),
                       { reservationId });
    if (!q.next())
        return rules.pointsFor(amountPaid);
    return rules.pointsFor(amountPaid, q.value(0).toLongLong(), q.value(1).toLongLong());
}

BookingRules RuleSettings::load(SqlSession& s)
{
    SqlRows q = s.exec(QStringLiteral("SELECT ") + ruleColumns());
    return q.next() ? fromColumns(q, 0) : BookingRules();
}

Result<BookingRules> RuleSettings::get() const
{
    return m_db.read([](SqlSession& s) -> Result<BookingRules> { return load(s); });
}

Status RuleSettings::set(const Actor& actor, const BookingRules& wanted)
{
    if (Status allowed = requireRole(actor, { Role::Manager }); !allowed.ok())
        return allowed;
    if (Status valid = validate(wanted); !valid.ok())
        return valid;
    BookingRules rules = wanted;
    std::sort(rules.cancellation.begin(), rules.cancellation.end(),
              [](const CancellationBand& a, const CancellationBand& b) { return a.minDaysBefore > b.minDaysBefore; });

    return m_db.write([&](Transaction& tx) -> Status {
        const SettingValues values = {
            { keyMileageRate, QString::number(rules.mileageRatePercent) },
            { keyReviewPoints, QString::number(rules.reviewPoints) },
            { keyHoldMinutes, QString::number(rules.holdMinutes) },
            { keyCancellation, cancellationJson(rules.cancellation) },
            { keyPointsOnExtras, rules.pointsOnExtras ? QStringLiteral("1") : QStringLiteral("0") },
        };
        storeSettings(tx, actor, QStringLiteral("settings.booking_rules"), QStringLiteral("booking"), values);
        return {};
    });
}

} // namespace campdesk
