#pragma once

#include "core/actor.h"
#include "db/database.h"

#include <QCoreApplication>

namespace campdesk {

// A guest's review of their stay: 1 to 5 stars and a few words.
struct Review
{
    qint64 id = 0;
    qint64 reservationId = 0;
    qint64 campsiteId = 0;
    qint64 customerId = 0;
    int rating = 0;
    QString body;
    bool hidden = false;
    qint64 createdAt = 0; // UTC ms
};

// Takes reviews: one per stay, from the check-in day on, by the guest who booked it (kiosk: booking code and
// phone) or by staff for them. A review earns the rule's review points once (ledger reason "review").
class ReviewService
{
    Q_DECLARE_TR_FUNCTIONS(ReviewService)

public:
    static constexpr int maxBodyLength = 1000;

    explicit ReviewService(Database& db);

    static Status validate(int rating, const QString& body);
    // The kiosk's way: the booking code and the phone it was booked with must both match (else one generic
    // NotFound, as for finding a booking).
    Result<Review> submitByCode(const Actor& actor, const QString& code, const QString& phone, int rating,
                                const QString& body);
    // Moderation. Hiding (manager or front desk) keeps the review and its points but takes it out of the
    // rating and the kiosk; ReviewHidden event, audited.
    Status hide(const Actor& actor, qint64 reviewId, bool hidden);
    // Removing (manager only) soft-deletes the review and takes back the points it earned (ledger reason
    // "review_deleted", same source as the credit); ReviewDeleted event, audited. A removed review is NotFound.
    Status remove(const Actor& actor, qint64 reviewId);
    Result<bool> hasReview(qint64 reservationId) const;
    Result<QList<Review>> forCampsite(qint64 campsiteId, bool includeHidden = false) const;

private:
    Database& m_db;
};

} // namespace campdesk
