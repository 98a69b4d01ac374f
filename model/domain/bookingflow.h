#pragma once

#include "domain/bookingservice.h"

#include <QFutureWatcher>
#include <QObject>

namespace campdesk {

// How a booking attempt ended, for the kiosk and desk screens.
struct BookingOutcome
{
    bool ok = false;
    Reservation reservation; // confirmed when ok; the held one when the payment result is pending
    Error error; // why not, when !ok
    QList<Campsite> alternatives; // when the site was taken: free sites for the same dates
    int retryAfterSeconds = 0; // when payments are busy: how long the payment service asked us to wait
    // Until BookingService returns ErrorCode::PaymentPending everywhere, the old field marker counts too.
    bool pending() const
    {
        return !ok && (error.code == ErrorCode::PaymentPending || error.field == QLatin1String("pending"));
    }
    // Until BookingService returns ErrorCode::SiteTaken everywhere, Conflict on "campsiteId" counts too.
    static bool siteTaken(const Error& error)
    {
        return error.code == ErrorCode::SiteTaken
            || (error.code == ErrorCode::Conflict && error.field == QLatin1String("campsiteId"));
    }
};

// Runs one booking without blocking the GUI: the hold and the confirmation run on the thread that owns the
// database (this object's thread); the blocking gateway call runs on a worker thread (QtConcurrent).
// One booking at a time per flow; the gateway must not be used by another flow at the same moment.
class BookingFlow : public QObject
{
    Q_OBJECT
public:
    BookingFlow(BookingService& service, PaymentGateway& gateway, QObject* parent = nullptr);
    ~BookingFlow() override;

    bool isRunning() const { return m_running; }
    // Starts a booking; false (and nothing happens) when one is already running. finished() always
    // follows, never from inside start().
    bool start(const Actor& actor, const BookingRequest& request, const QString& method = QStringLiteral("card"),
               const QString& paymentKey = QString());

signals:
    void held(const campdesk::Reservation& reservation); // the site is held; the payment is being asked for
    void finished(const campdesk::BookingOutcome& outcome);

private:
    void paymentAnswered();
    void finish(BookingOutcome outcome);

    BookingService& m_service;
    PaymentGateway& m_gateway;
    QFutureWatcher<PaymentOutcome> m_watcher;
    Actor m_actor;
    Reservation m_held;
    bool m_running = false;
};

} // namespace campdesk

Q_DECLARE_METATYPE(campdesk::BookingOutcome)
Q_DECLARE_METATYPE(campdesk::Reservation)
