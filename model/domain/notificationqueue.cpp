#include "domain/notificationqueue.h"

#include "domain/mileageservice.h"

#include <QFile>
#include <QLocale>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcQueue, "campdesk.notify.queue")

namespace campdesk {

namespace {

QString won(qint64 amount, bool korean)
{
    const QLocale locale(korean ? QLocale::Korean : QLocale::English, QLocale::SouthKorea);
    return korean ? locale.toString(amount) + QStringLiteral("원") : QStringLiteral("KRW ") + locale.toString(amount);
}

QString longDate(const QDate& date, bool korean)
{
    if (korean)
        return QLocale(QLocale::Korean).toString(date, QStringLiteral("yyyy년 M월 d일 (ddd)"));
    return QLocale(QLocale::English, QLocale::UnitedKingdom).toString(date, QStringLiteral("ddd d MMM yyyy"));
}

QString templateText(const QString& event, const QString& language)
{
    QFile file(QStringLiteral(":/templates/%1.%2.txt").arg(event, language));
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcQueue) << "missing notification template" << file.fileName();
        return QString();
    }
    return QString::fromUtf8(file.readAll());
}

} // namespace

NotificationQueue::Rendered NotificationQueue::render(EventType type, const QString& language,
                                                      const QHash<QString, QString>& values)
{
    const QString event = type == EventType::ReservationCancelled ? QStringLiteral("cancelled")
        : type == EventType::ReservationModified                  ? QStringLiteral("modified")
        : type == EventType::ReservationNoShow                    ? QStringLiteral("noshow")
                                                                  : QStringLiteral("confirmed");
    return renderTemplate(event, language, values);
}

NotificationQueue::Rendered NotificationQueue::renderTemplate(const QString& event, const QString& language,
                                                              const QHash<QString, QString>& values)
{
    const QString lang = language == QLatin1String("en") ? language : QStringLiteral("ko");
    QString text = templateText(event, lang);
    // A placeholder alone on its line whose value is empty takes its line with it (the balance of a booking paid
    // in full).
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        if (it.value().isEmpty())
            text.replace(QStringLiteral("{{%1}}\n").arg(it.key()), QString());
    }
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        text.replace(QStringLiteral("{{%1}}").arg(it.key()), it.value());

    // First line "Subject: ...", a blank line, then the body.
    Rendered out;
    const qsizetype lineEnd = text.indexOf(QLatin1Char('\n'));
    const QString first = text.left(lineEnd);
    if (first.startsWith(QLatin1String("Subject:"))) {
        out.subject = first.mid(8).trimmed();
        out.body = text.mid(lineEnd + 1);
        while (out.body.startsWith(QLatin1Char('\n')))
            out.body.remove(0, 1);
    } else {
        out.body = text;
    }
    return out;
}

namespace {

// The booking's extras as one line of the message: "장작 × 2 (20,000원), 전기 × 4 (20,000원)", or none.
QString extrasText(SqlSession& s, qint64 reservationId, bool mayHaveExtras, bool korean)
{
    QStringList items;
    if (!mayHaveExtras)
        return korean ? QStringLiteral("없음") : QStringLiteral("none");
    SqlRows q = s.exec(QStringLiteral("SELECT label, quantity, amount FROM reservation_lines WHERE reservation_id = ? "
                                      "AND kind = 'extra' ORDER BY id"),
                       { reservationId });
    while (q.next()) {
        items << QStringLiteral("%1 × %2 (%3)")
                     .arg(q.value(0).toString())
                     .arg(q.value(1).toInt())
                     .arg(won(q.value(2).toLongLong(), korean));
    }
    if (items.isEmpty())
        return korean ? QStringLiteral("없음") : QStringLiteral("none");
    return items.join(QStringLiteral(", "));
}

// A deposit booking's two lines: the deposit paid and the balance due at check-in; nothing when paid in full.
QString balanceLines(const Reservation& r, bool korean)
{
    if (r.balanceDue <= 0)
        return QString();
    const QString total = won(r.amount + r.balanceDue, korean);
    if (korean) {
        return QStringLiteral("예약금 결제: %1 (총 %2 중)\n체크인 때 결제할 잔금: %3")
            .arg(won(r.amount, true), total, won(r.balanceDue, true));
    }
    return QStringLiteral("Deposit paid: %1 (of %2)\nBalance due at check-in: %3")
        .arg(won(r.amount, false), total, won(r.balanceDue, false));
}

} // namespace

namespace {

std::optional<NotificationQueue::Facts> factsOf(Transaction& tx, qint64 reservationId)
{
    SqlRows r = tx.exec(QStringLiteral("SELECT ") + Reservation::columns()
                            + QStringLiteral(", c.email, c.language, c.message_consent") + Reservation::tables()
                            + QStringLiteral(" WHERE r.id = ?"),
                        { reservationId });
    if (!r.next())
        return std::nullopt;
    NotificationQueue::Facts facts;
    facts.reservation = Reservation::fromRow(r);
    facts.email = r.value(QStringLiteral("email")).toString();
    facts.language = r.value(QStringLiteral("language")).toString();
    facts.messageConsent = r.value(QStringLiteral("message_consent")).toInt() != 0;
    r.finish();
    // With what the booking's changes added or took back (MileageService::earnedBy).
    facts.pointsEarned = MileageService::earnedBy(tx, reservationId);
    return facts;
}

} // namespace

int NotificationQueue::enqueueTemplateForReservation(Transaction& tx, qint64 eventId, const QString& event,
                                                     qint64 reservationId, const QHash<QString, QString>& text,
                                                     const QHash<QString, QDate>& dates,
                                                     const QHash<QString, qint64>& money)
{
    const std::optional<Facts> facts = factsOf(tx, reservationId);
    if (!facts)
        return 0;
    const bool korean = facts->language != QLatin1String("en");
    QHash<QString, QString> extra = text;
    for (auto it = dates.cbegin(); it != dates.cend(); ++it)
        extra.insert(it.key(), longDate(it.value(), korean));
    for (auto it = money.cbegin(); it != money.cend(); ++it)
        extra.insert(it.key(), won(it.value(), korean));
    return enqueueTemplate(tx, eventId, event, reservationId, *facts, extra);
}

int NotificationQueue::enqueueForReservation(Transaction& tx, qint64 eventId, EventType type, qint64 reservationId)
{
    const std::optional<Facts> facts = factsOf(tx, reservationId);
    return facts ? enqueue(tx, eventId, type, reservationId, *facts) : 0;
}

int NotificationQueue::enqueue(Transaction& tx, qint64 eventId, EventType type, qint64 reservationId,
                               const Facts& facts)
{
    return enqueueTemplate(tx, eventId, QString(), reservationId, facts, {}, type);
}

int NotificationQueue::enqueueTemplate(Transaction& tx, qint64 eventId, const QString& event, qint64 reservationId,
                                       const Facts& facts, const QHash<QString, QString>& extra, EventType type)
{
    const Reservation& r = facts.reservation;
    QList<QPair<QString, QString>> targets; // channel, recipient
    if (!facts.email.isEmpty())
        targets.append({ QStringLiteral("email"), facts.email });
    if (facts.messageConsent)
        targets.append({ QStringLiteral("webhook"), r.customerPhone });
    if (targets.isEmpty())
        return 0; // nobody to tell: nothing to write (nor the extras to read for the text)
    // The customer's language, not the terminal's: a Korean guest booking at an English kiosk gets Korean text.
    const bool korean = facts.language != QLatin1String("en");
    const QString language = korean ? QStringLiteral("ko") : QStringLiteral("en");
    const QLocale numbers(korean ? QLocale::Korean : QLocale::English);
    QHash<QString, QString> values {
        { QStringLiteral("name"), r.customerName },
        { QStringLiteral("code"), r.code },
        { QStringLiteral("site"), r.campsiteName },
        { QStringLiteral("check_in"), longDate(r.checkIn, korean) },
        { QStringLiteral("check_out"), longDate(r.checkOut, korean) },
        { QStringLiteral("nights"), QString::number(r.nights()) },
        { QStringLiteral("guests"), QString::number(r.guests) },
        { QStringLiteral("amount"), won(r.amount, korean) },
        { QStringLiteral("refund"), won(r.refundAmount, korean) },
        { QStringLiteral("points_used"), numbers.toString(r.pointsUsed) },
        { QStringLiteral("points_earned"), numbers.toString(facts.pointsEarned) },
        { QStringLiteral("extras"), extrasText(tx, reservationId, facts.mayHaveExtras, korean) },
        { QStringLiteral("balance_lines"), balanceLines(r, korean) },
    };
    values.insert(extra);
    const Rendered message = event.isEmpty() ? render(type, language, values) : renderTemplate(event, language, values);

    for (const auto& [channel, recipient] : targets) {
        tx.exec(QStringLiteral("INSERT INTO notifications (event_id, reservation_id, channel, recipient, language, "
                               "subject, body, status, attempts, next_attempt_at, created_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)"),
                { eventId, reservationId, channel, recipient, language, message.subject, message.body, tx.nowMs(),
                  tx.nowMs() });
    }
    return int(targets.size());
}

} // namespace campdesk
