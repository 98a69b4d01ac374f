#pragma once

#include "core/actor.h"

#include <QCoreApplication>
#include <QDate>
#include <QFuture>
#include <QStringList>

namespace campdesk {

class Database;

// One stay on a day sheet: who comes or goes, with what, and what is still to pay.
struct DaySheetRow
{
    qint64 reservationId = 0;
    QString code;
    QString campsiteCode;
    QString campsiteName;
    QString guestName; // the stay's guest name, or the customer's name when none was given
    QString customerName;
    QString customerPhone; // normalized
    int guests = 0;
    QDate checkIn;
    QDate checkOut;
    QString status; // reservation status key
    QStringList plates;
    QString equipment; // code
    int equipmentLengthDm = 0;
    QString notes; // the staff's notes on the stay
    qint64 price = 0; // won to pay for the stay (after points)
    qint64 paid = 0; // won the payments kept
    qint64 balance() const { return std::max<qint64>(0, price - paid); }
};

enum class DaySheetKind {
    Arrivals, // stays that begin on the day
    Departures, // stays that end on the day, and guests who left early that day
    OnSite, // stays that include the night of the day, whose guests had not left by then
};

// One line of a cash-up: what one payment method took and gave back through one member of staff in a day.
struct CashUpLine
{
    QString provider; // payments.provider: "http", "simulated", "desk"
    QString method; // payments.method: "card", "cash", "desk_card", "points"
    QString staff; // the user who took (or gave back) the money; empty when none (the kiosk, or the system)
    QString channel; // with no staff, the booking's channel: "kiosk" or "desk"; empty when staff is set
    // With no staff, the system that gave money back (payments.refunded_by_system: "reconciler"); then no channel.
    QString system;
    int takenCount = 0;
    qint64 taken = 0;
    int refundCount = 0;
    qint64 refunded = 0;
    qint64 net() const { return taken - refunded; }
};

struct CashUp
{
    QDate day;
    QList<CashUpLine> lines; // by provider, method, staff
    qint64 taken() const;
    qint64 refunded() const;
    qint64 net() const { return taken() - refunded(); }
};

// The front desk's sheets for a chosen day (arrivals, departures, on site) and its end-of-day cash-up. Staff only.
class DaySheetQuery
{
    Q_DECLARE_TR_FUNCTIONS(DaySheetQuery)

public:
    explicit DaySheetQuery(Database& db);

    Result<QList<DaySheetRow>> sheet(const Actor& actor, DaySheetKind kind, const QDate& day) const;
    // Payments approved that local day (their amount) and refunds made that day (their refund), grouped.
    Result<CashUp> cashUp(const Actor& actor, const QDate& day) const;
    // The same, read on a worker of the background pool through a connection of its own.
    QFuture<Result<CashUp>> cashUpInBackground(const Actor& actor, const QDate& day) const;

    // "Payment gateway · Card", "Front desk · Cash", ...
    static QString methodLabel(const QString& provider, const QString& method);
    // Who a cash-up line is credited to, translated: the user name, "Payment reconciler", "Kiosk" or
    // "Front desk (no user)".
    static QString staffLabel(const CashUpLine& line);
    // The local day as UTC milliseconds [from, to).
    static std::pair<qint64, qint64> dayRangeMs(const QDate& day);

private:
    Database& m_db;
};

} // namespace campdesk
