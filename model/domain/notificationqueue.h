#pragma once

#include "db/database.h"
#include "domain/reservation.h"

#include <QHash>

namespace campdesk {

// Queues the customer's notifications for a reservation event inside the caller's write transaction
// (the outbox): one row per channel the customer can be reached on, written from the templates in the
// customer's language. Sending happens later, on the NotificationDispatcher's thread.
class NotificationQueue
{
public:
    struct Rendered
    {
        QString subject;
        QString body;
    };

    // What a notification about a reservation says, and where it can go.
    struct Facts
    {
        Reservation reservation; // code, site, guest, dates, amounts and the phone number
        QString email;
        QString language; // the customer's
        bool messageConsent = false; // to text messages
        qint64 pointsEarned = 0;
        bool mayHaveExtras = true; // false when the caller knows the booking has no extras: nothing to read for them
    };

    // type: ReservationConfirmed, ReservationCancelled or ReservationModified. Returns how many notifications were
    // queued.
    static int enqueueForReservation(Transaction& tx, qint64 eventId, EventType type, qint64 reservationId);
    // The same from facts the caller has read already in this transaction.
    static int enqueue(Transaction& tx, qint64 eventId, EventType type, qint64 reservationId, const Facts& facts);
    // The same with a template of its own (e.g. "waitlist_offer") and values of its own besides the usual ones.
    static int enqueueTemplate(Transaction& tx, qint64 eventId, const QString& event, qint64 reservationId,
                               const Facts& facts, const QHash<QString, QString>& extra,
                               EventType type = EventType::ReservationConfirmed);
    // A template of its own for a reservation, its facts read here; `money` and `dates` are written in the
    // customer's language (won, long dates) beside the usual values.
    static int enqueueTemplateForReservation(Transaction& tx, qint64 eventId, const QString& event,
                                             qint64 reservationId, const QHash<QString, QString>& text,
                                             const QHash<QString, QDate>& dates, const QHash<QString, qint64>& money);

    // Fills the template for an event ("confirmed"/"cancelled") and language ("ko"/"en"; others fall back to
    // Korean) with {{name}} placeholders. Templates live in resources/templates, embedded as :/templates.
    static Rendered render(EventType type, const QString& language, const QHash<QString, QString>& values);
    static Rendered renderTemplate(const QString& event, const QString& language,
                                   const QHash<QString, QString>& values);
};

} // namespace campdesk
