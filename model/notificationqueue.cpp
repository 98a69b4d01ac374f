#include "notificationqueue.h"

#include <QLocale>

namespace campdesk {

namespace {

struct Message
{
    QString subject;
    QString body;
};

QString won(qint64 amount, bool korean)
{
    const QLocale locale(korean ? QLocale::Korean : QLocale::English, QLocale::SouthKorea);
    return korean ? locale.toString(amount) + QStringLiteral("원") : QStringLiteral("KRW ") + locale.toString(amount);
}

// The customer's language, not the terminal's: a Korean guest booking at an English kiosk gets Korean text.
Message render(EventType type, bool korean, const QSqlQuery& r)
{
    const QString code = r.value(QStringLiteral("code")).toString();
    const QString site = r.value(QStringLiteral("site_name")).toString();
    const QString checkIn = r.value(QStringLiteral("check_in")).toString();
    const QString checkOut = r.value(QStringLiteral("check_out")).toString();
    const qint64 amount = r.value(QStringLiteral("amount")).toLongLong();
    const qint64 refund = r.value(QStringLiteral("refund_amount")).toLongLong();
    const QString name = r.value(QStringLiteral("customer_name")).toString();
    if (type == EventType::ReservationConfirmed) {
        if (korean) {
            return {QStringLiteral("[Campdesk] 예약이 확정되었습니다 (%1)").arg(code),
                    QStringLiteral("%1님, 예약이 확정되었습니다.\n예약번호: %2\n캠핑사이트: %3\n체크인: %4\n체크아웃: %5\n"
                                   "결제금액: %6\n")
                        .arg(name, code, site, checkIn, checkOut, won(amount, true))};
        }
        return {QStringLiteral("[Campdesk] Your booking is confirmed (%1)").arg(code),
                QStringLiteral("Dear %1, your booking is confirmed.\nBooking code: %2\nCampsite: %3\nCheck-in: %4\n"
                               "Check-out: %5\nPaid: %6\n")
                    .arg(name, code, site, checkIn, checkOut, won(amount, false))};
    }
    if (korean) {
        return {QStringLiteral("[Campdesk] 예약이 취소되었습니다 (%1)").arg(code),
                QStringLiteral("%1님, 예약이 취소되었습니다.\n예약번호: %2\n캠핑사이트: %3\n체크인: %4\n환불금액: %5\n")
                    .arg(name, code, site, checkIn, won(refund, true))};
    }
    return {QStringLiteral("[Campdesk] Your booking is cancelled (%1)").arg(code),
            QStringLiteral("Dear %1, your booking is cancelled.\nBooking code: %2\nCampsite: %3\nCheck-in: %4\n"
                           "Refund: %5\n")
                .arg(name, code, site, checkIn, won(refund, false))};
}

} // namespace

int NotificationQueue::enqueueForReservation(Transaction& tx, qint64 eventId, EventType type, qint64 reservationId)
{
    QSqlQuery r = tx.exec(
        QStringLiteral("SELECT r.code, r.check_in, r.check_out, r.amount, r.refund_amount, s.name AS site_name, "
                       "c.name AS customer_name, c.phone, c.email, c.language, c.message_consent "
                       "FROM reservations r JOIN campsites s ON s.id = r.campsite_id "
                       "JOIN customers c ON c.id = r.customer_id WHERE r.id = ?"),
        {reservationId});
    if (!r.next())
        return 0;
    const bool korean = r.value(QStringLiteral("language")).toString() != QLatin1String("en");
    const Message message = render(type, korean, r);
    QList<QPair<QString, QString>> targets; // channel, recipient
    const QString email = r.value(QStringLiteral("email")).toString();
    if (!email.isEmpty())
        targets.append({QStringLiteral("email"), email});
    if (r.value(QStringLiteral("message_consent")).toInt() != 0)
        targets.append({QStringLiteral("webhook"), r.value(QStringLiteral("phone")).toString()});
    const QString language = korean ? QStringLiteral("ko") : QStringLiteral("en");
    for (const auto& [channel, recipient] : targets) {
        tx.exec(QStringLiteral("INSERT INTO notifications (event_id, reservation_id, channel, recipient, language, "
                               "subject, body, status, attempts, next_attempt_at, created_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)"),
                {eventId, reservationId, channel, recipient, language, message.subject, message.body, tx.nowMs(),
                 tx.nowMs()});
    }
    return int(targets.size());
}

} // namespace campdesk
