#include "domain/reviewservice.h"

#include "core/validation.h"
#include "domain/customerservice.h"
#include "domain/mileageservice.h"
#include "domain/readmodel.h"
#include "domain/rulesettings.h"

#include <algorithm>

namespace campdesk {

namespace {

Error notFound()
{
    return Error(ErrorCode::NotFound, ReviewService::tr("This booking could not be found."));
}

Review fromRow(const QSqlQuery& q)
{
    Review r;
    r.id = q.value(0).toLongLong();
    r.reservationId = q.value(1).toLongLong();
    r.campsiteId = q.value(2).toLongLong();
    r.customerId = q.value(3).toLongLong();
    r.rating = q.value(4).toInt();
    r.body = q.value(5).toString();
    r.hidden = q.value(6).toInt() != 0;
    r.createdAt = q.value(7).toLongLong();
    return r;
}

const QString reviewColumns
    = QStringLiteral("id, reservation_id, campsite_id, customer_id, rating, body, hidden, created_at");

} // namespace

ReviewService::ReviewService(Database& db)
    : m_db(db)
{
}

Status ReviewService::validate(int rating, const QString& body)
{
    if (rating < 1 || rating > 5)
        return invalidInput(tr("Choose from one to five stars."), QStringLiteral("rating"));
    return checkText(body, tr("Review"), QStringLiteral("body"), 0, maxBodyLength, true);
}

Result<Review> ReviewService::submitByCode(const Actor& actor, const QString& code, const QString& phone, int rating,
                                           const QString& body)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::Kiosk, Role::System });
        !allowed.ok())
        return allowed.error();
    if (Status valid = validate(rating, body); !valid.ok())
        return valid.error();
    const std::optional<QString> normalized = CustomerService::normalizePhone(phone);
    if (!normalized)
        return notFound();
    const QString text = body.trimmed();
    return m_db.write([&](Transaction& tx) -> Result<Review> {
        SqlRows q = tx.exec(QStringLiteral("SELECT r.id, r.campsite_id, r.customer_id, r.status, r.check_in "
                                           "FROM reservations r JOIN customers c ON c.id = r.customer_id "
                                           "WHERE r.code = ? AND c.phone = ?"),
                            { code.trimmed().toUpper(), *normalized });
        if (!q.next())
            return notFound();
        const qint64 reservationId = q.value(0).toLongLong();
        const qint64 campsiteId = q.value(1).toLongLong();
        const qint64 customerId = q.value(2).toLongLong();
        const QString status = q.value(3).toString();
        const QDate checkIn = dateFromSql(q.value(4));
        q.finish();
        if (status == QLatin1String("held") || status == QLatin1String("expired"))
            return notFound();
        if (status == QLatin1String("cancelled"))
            return invalidInput(tr("A cancelled booking cannot be reviewed."));
        if (tx.database().clock().today() < checkIn)
            return invalidInput(tr("You can review your stay from the check-in day on."));
        // Only a stay that happened earns review points: a confirmed booking never checked in would let points
        // be farmed (book, review, cancel).
        if (status != QLatin1String("checked_in") && status != QLatin1String("checked_out"))
            return invalidInput(tr("You can review your stay once you have checked in."));
        // Checked first: on PostgreSQL a unique violation would abort the whole transaction.
        if (tx.scalar(QStringLiteral("SELECT id FROM reviews WHERE reservation_id = ?"), { reservationId }).isValid())
            return Error(ErrorCode::Conflict, tr("This stay has already been reviewed. Thank you!"));
        const qint64 now = tx.nowMs();
        Review review;
        review.id = tx.insert(QStringLiteral("INSERT INTO reviews (reservation_id, campsite_id, customer_id, rating, "
                                             "body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"),
                              { reservationId, campsiteId, customerId, rating, text, now, now });
        review.reservationId = reservationId;
        review.campsiteId = campsiteId;
        review.customerId = customerId;
        review.rating = rating;
        review.body = text;
        review.createdAt = now;
        tx.recordEvent(EventType::ReviewRegistered, QStringLiteral("review"), review.id,
                       { { QStringLiteral("reservationId"), reservationId },
                         { QStringLiteral("campsiteId"), campsiteId },
                         { QStringLiteral("rating"), rating } });
        const qint64 points = RuleSettings::load(tx).reviewPoints;
        if (points > 0
            && MileageService::record(tx, customerId, points, QStringLiteral("review"), QString::number(reservationId),
                                      QStringLiteral("review %1").arg(review.id))) {
            tx.recordEvent(EventType::MileageSaved, QStringLiteral("customer"), customerId,
                           { { QStringLiteral("reservationId"), reservationId },
                             { QStringLiteral("reviewId"), review.id },
                             { QStringLiteral("points"), points },
                             { QStringLiteral("balance"), MileageService::balance(tx, customerId) } });
        }
        ReadModel::refreshCampsite(tx, campsiteId);
        if (actor.isStaff())
            tx.audit(actor, QStringLiteral("review.create"), QStringLiteral("reservation %1").arg(reservationId));
        return review;
    });
}

Status ReviewService::hide(const Actor& actor, qint64 reviewId, bool hidden)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk }); !allowed.ok())
        return allowed;
    return m_db.write([&](Transaction& tx) -> Status {
        SqlRows q
            = tx.exec(QStringLiteral("SELECT campsite_id, hidden FROM reviews WHERE id = ? AND deleted_at IS NULL"),
                      { reviewId });
        if (!q.next())
            return Error(ErrorCode::NotFound, tr("This review could not be found."));
        const qint64 campsiteId = q.value(0).toLongLong();
        const bool wasHidden = q.value(1).toInt() != 0;
        q.finish();
        if (wasHidden == hidden)
            return Status(); // already so: nothing to record
        tx.exec(QStringLiteral("UPDATE reviews SET hidden = ?, updated_at = ? WHERE id = ?"),
                { hidden ? 1 : 0, tx.nowMs(), reviewId });
        tx.recordEvent(EventType::ReviewHidden, QStringLiteral("review"), reviewId,
                       { { QStringLiteral("campsiteId"), campsiteId }, { QStringLiteral("hidden"), hidden } });
        ReadModel::refreshCampsite(tx, campsiteId);
        tx.audit(actor, hidden ? QStringLiteral("review.hide") : QStringLiteral("review.show"),
                 QStringLiteral("review %1").arg(reviewId));
        return Status();
    });
}

Status ReviewService::remove(const Actor& actor, qint64 reviewId)
{
    if (Status allowed = requireRole(actor, { Role::Manager }); !allowed.ok())
        return allowed;
    return m_db.write([&](Transaction& tx) -> Status {
        SqlRows q = tx.exec(QStringLiteral("SELECT campsite_id, customer_id, reservation_id FROM reviews "
                                           "WHERE id = ? AND deleted_at IS NULL"),
                            { reviewId });
        if (!q.next())
            return Error(ErrorCode::NotFound, tr("This review could not be found."));
        const qint64 campsiteId = q.value(0).toLongLong();
        const qint64 customerId = q.value(1).toLongLong();
        const qint64 reservationId = q.value(2).toLongLong();
        q.finish();
        const qint64 now = tx.nowMs();
        tx.exec(QStringLiteral("UPDATE reviews SET deleted_at = ?, updated_at = ? WHERE id = ?"),
                { now, now, reviewId });
        tx.recordEvent(
            EventType::ReviewDeleted, QStringLiteral("review"), reviewId,
            { { QStringLiteral("reservationId"), reservationId }, { QStringLiteral("campsiteId"), campsiteId } });
        // Takes back exactly what the review earned (the rule may have changed since).
        // Never below 0: what was already spent of it stays spent.
        const QString source = QString::number(reservationId);
        MileageService::lockBalance(tx, customerId);
        const qint64 earned = MileageService::entryDelta(tx, QStringLiteral("review"), source);
        const qint64 credited = std::min(earned, std::max<qint64>(0, MileageService::balance(tx, customerId)));
        if (earned > 0 // the row is written even when the balance makes it 0: the checker looks for it
            && MileageService::record(tx, customerId, -credited, QStringLiteral("review_deleted"), source,
                                      QStringLiteral("review %1").arg(reviewId))) {
            tx.recordEvent(EventType::MileageDeducted, QStringLiteral("customer"), customerId,
                           { { QStringLiteral("reservationId"), reservationId },
                             { QStringLiteral("reviewId"), reviewId },
                             { QStringLiteral("points"), credited },
                             { QStringLiteral("balance"), MileageService::balance(tx, customerId) } });
        }
        ReadModel::refreshCampsite(tx, campsiteId);
        tx.audit(actor, QStringLiteral("review.delete"), QStringLiteral("review %1").arg(reviewId));
        return Status();
    });
}

Result<bool> ReviewService::hasReview(qint64 reservationId) const
{
    return m_db.read([&](SqlSession& s) -> Result<bool> {
        return s.scalar(QStringLiteral("SELECT id FROM reviews WHERE reservation_id = ?"), { reservationId }).isValid();
    });
}

Result<QList<Review>> ReviewService::forCampsite(qint64 campsiteId, bool includeHidden) const
{
    return m_db.read([&](SqlSession& s) -> Result<QList<Review>> {
        SqlRows q = s.exec(QStringLiteral("SELECT %1 FROM reviews WHERE campsite_id = ? AND deleted_at IS NULL "
                                          "AND (hidden = 0 OR ? = 1) ORDER BY created_at DESC, id DESC")
                               .arg(reviewColumns),
                           { campsiteId, includeHidden ? 1 : 0 });
        QList<Review> reviews;
        while (q.next())
            reviews.append(fromRow(q));
        return reviews;
    });
}

} // namespace campdesk
