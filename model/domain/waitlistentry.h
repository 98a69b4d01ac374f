#pragma once

#include "domain/campsite.h"

#include <QDate>
#include <QString>
#include <optional>

namespace campdesk {

class SqlRows;

enum class WaitlistStatus { Waiting, Offered, Booked, Expired, Removed };

QString waitlistStatusKey(WaitlistStatus status); // stored: "waiting", "offered", ...
std::optional<WaitlistStatus> waitlistStatusFromKey(const QString& key);
QString waitlistStatusName(WaitlistStatus status); // translated

// A customer waiting for a site to free up for their dates (issue 20, item 1).
struct WaitlistEntry
{
    qint64 id = 0;
    QString name;
    QString phone; // normalized digits
    QString email; // optional
    QString language = QStringLiteral("ko"); // of the offer's message
    QDate checkIn;
    QDate checkOut; // exclusive
    int guests = 1;
    std::optional<CampsiteKind> kind; // none: any kind of site
    QString channel; // "desk" or "kiosk": where they joined
    WaitlistStatus status = WaitlistStatus::Waiting;
    qint64 position = 0; // the order offers go in: the creation time until staff move it
    qint64 reservationId = 0; // the held booking of an offer
    QString reservationCode;
    QString campsiteCode; // of the offer
    qint64 offerExpiresAt = 0; // ms since the epoch
    qint64 createdAt = 0;

    int nights() const { return int(checkIn.daysTo(checkOut)); }

    // The one reader of a waitlist row: a query selects columns() (of waitlist_entries w, left-joined to the offer's
    // reservation r and its campsite s, see tables()) and hands each row here.
    static QString columns();
    static QString tables(); // " FROM waitlist_entries w LEFT JOIN ..."
    static WaitlistEntry fromRow(const SqlRows& row);
};

} // namespace campdesk
