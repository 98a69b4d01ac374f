#pragma once

#include <QDate>
#include <QString>
#include <optional>

namespace campdesk {

class Transaction;

class SqlRows;

enum class ReservationStatus { Held, Confirmed, CheckedIn, CheckedOut, Cancelled, Expired, NoShow };

QString reservationStatusKey(ReservationStatus status); // stored: "held", "confirmed", "checked_in", ...
std::optional<ReservationStatus> reservationStatusFromKey(const QString& key);
QString reservationStatusName(ReservationStatus status); // translated

// One booking of one campsite for a run of nights, as the services hand it out.
// The longest stay a booking or a change may make. The rack finds the stays of a range by their check-in, from this
// many days before it, so a longer one would not be drawn on its first nights.
constexpr int maxStayNights = 60;

struct Reservation
{
    qint64 id = 0;
    QString code; // "CD-7K3P9Q": what the customer quotes
    qint64 campsiteId = 0;
    QString campsiteCode;
    QString campsiteName;
    qint64 customerId = 0;
    QString customerName;
    QString guestName; // the name typed for this stay; a kiosk shows this, never the customer's stored name
    QString customerPhone; // normalized
    QDate checkIn;
    QDate checkOut; // exclusive: the morning they leave
    int guests = 1;
    ReservationStatus status = ReservationStatus::Held;
    qint64 amount = 0; // won paid (the price minus points used, less balanceDue)
    qint64 balanceDue = 0; // won still owed after a deposit, taken at check-in
    qint64 pointsUsed = 0; // points redeemed, 1 point = 1 won
    QString channel; // "kiosk" or "desk"
    QString orderId; // the payment's idempotency key
    qint64 holdExpiresAt = 0;
    qint64 refundAmount = 0;
    QString cancelReason;
    int version = 0;
    qint64 createdAt = 0;
    qint64 confirmedAt = 0;
    qint64 cancelledAt = 0;

    int nights() const { return int(checkIn.daysTo(checkOut)); }
    qint64 price() const { return amount + balanceDue + pointsUsed; }
    // A held or expired row is an attempt, not a reservation: it is never shown or counted.
    bool isReal() const { return status != ReservationStatus::Held && status != ReservationStatus::Expired; }

    // The one reader of a reservations row, by column name. A query selects columns() (the reservation with its
    // campsite's code and name and its customer's name and phone) from tables() and may add its own columns after
    // them. An unknown status reads as Expired: not real, so it is never shown, counted, charged or refunded.
    static QString columns(); // aliases: r = reservations, s = campsites, c = customers
    static QString tables(); // " FROM reservations r JOIN campsites s ... JOIN customers c ..."
    static Reservation fromRow(const SqlRows& row);
};

// Locks the reservation's row until the transaction ends, so that what is read after it (its payments, its nights)
// is the latest committed state and a check-in, a cancel's refund claim, a change and a balance wait for each other:
// PostgreSQL runs at READ COMMITTED. SQLite's BEGIN IMMEDIATE already serialises writers.
void lockReservation(Transaction& tx, qint64 reservationId);

} // namespace campdesk
