#pragma once

#include "core/domainevent.h"
#include "core/result.h"
#include "domain/reservation.h"

#include <QFutureWatcher>
#include <QObject>
#include <functional>
#include <vector>

namespace campdesk {

class BookingService;

// How a service call run by ServiceFlow ended.
struct ServiceOutcome
{
    bool ok = false;
    Reservation reservation; // when ok
    Error error; // when !ok
};

// Runs a service call that talks to a payment gateway (a refund, a cancellation at the gateway, any later payment
// action) on a worker thread, so no gateway wait (the HTTP gateway's QEventLoop) ever runs on the GUI thread.
// The call gets a BookingService on the worker's own connection to the same database (Database::openAnother,
// same terminal) with the gateways of the service this flow was made with. Events it commits are published on
// the owner's event bus, on the owner's thread, just before finished(). One call at a time per flow.
class ServiceFlow : public QObject
{
    Q_OBJECT
public:
    using Call = std::function<Result<Reservation>(BookingService& service)>;

    explicit ServiceFlow(BookingService& service, QObject* parent = nullptr);
    ~ServiceFlow() override;

    bool isRunning() const { return m_running; }
    // Starts `call` on a worker; false (and nothing happens) when a call is already running. finished() always
    // follows, never from inside start().
    bool start(Call call);
    // Blocks until the running call (if any) is done; for shutdown and tests.
    void waitForFinished();

signals:
    void started();
    void finished(const campdesk::ServiceOutcome& outcome);

private:
    struct Answer
    {
        ServiceOutcome outcome;
        std::vector<DomainEvent> events;
    };
    void answered();

    BookingService& m_service;
    QFutureWatcher<Answer> m_watcher;
    bool m_running = false;
};

} // namespace campdesk

Q_DECLARE_METATYPE(campdesk::ServiceOutcome)
