#pragma once

#include "core/actor.h"
#include "db/database.h"

#include <QCoreApplication>
#include <QDate>
#include <QList>

namespace campdesk {

// A campsite closed for a date range (issue 18, item 4): maintenance, closure or a private event, with a reason.
struct SiteBlock
{
    qint64 id = 0;
    qint64 campsiteId = 0;
    QString campsiteCode;
    QDate from;
    QDate to; // exclusive: the first night it is open again
    QString kind; // "maintenance", "closure", "private_event"
    QString reason;
    qint64 createdAt = 0;

    int nights() const { return int(from.daysTo(to)); }
};

struct SiteBlockRequest
{
    qint64 campsiteId = 0;
    QDate from;
    QDate to; // exclusive
    QString kind = QStringLiteral("maintenance");
    QString reason;
};

// Adds and removes site blocks. A block's nights are rows of reservation_nights with its block id (migration 18),
// so a booking and a block racing for the same night meet on the table's primary key: one of them gets the night.
// A block is refused over a booked night (naming the bookings) or another block.
class SiteBlockService
{
    Q_DECLARE_TR_FUNCTIONS(SiteBlockService)

public:
    explicit SiteBlockService(Database& db);

    static QStringList kinds();
    static QString kindName(const QString& kind); // translated
    Status validate(const SiteBlockRequest& request) const;
    Result<SiteBlock> add(const Actor& actor, const SiteBlockRequest& request);
    Status remove(const Actor& actor, qint64 blockId);
    // A site's blocks ending after `from` (all of them with an invalid date), in date order.
    Result<QList<SiteBlock>> forCampsite(qint64 campsiteId, const QDate& from = QDate()) const;
    // Every block with a night in [from, to) (the rack).
    Result<QList<SiteBlock>> between(const QDate& from, const QDate& to) const;

private:
    Database& m_db;
};

} // namespace campdesk
