#include "domain/bookingflow.h"

#include "core/backgroundpool.h"

#include <QtConcurrent/QtConcurrentRun>

namespace campdesk {

BookingFlow::BookingFlow(BookingService& service, PaymentGateway& gateway, QObject* parent)
    : QObject(parent)
    , m_service(service)
    , m_gateway(gateway)
{
    qRegisterMetaType<campdesk::BookingOutcome>();
    qRegisterMetaType<campdesk::Reservation>();
    connect(&m_watcher, &QFutureWatcher<PaymentOutcome>::finished, this, &BookingFlow::paymentAnswered);
}

BookingFlow::~BookingFlow()
{
    // The worker holds references to the gateway: let it finish before anything goes away.
    m_watcher.waitForFinished();
}

bool BookingFlow::start(const Actor& actor, const BookingRequest& request, const QString& method,
                        const QString& paymentKey)
{
    if (m_running)
        return false;
    m_running = true;
    m_actor = actor;
    m_held = Reservation();

    Result<Reservation> holding = m_service.hold(actor, request);
    if (!holding.ok()) {
        BookingOutcome outcome;
        outcome.error = holding.error();
        if (BookingOutcome::siteTaken(holding.error())) {
            Result<QList<Campsite>> others
                = m_service.freeSites(request.checkIn, request.checkOut, request.guests, request.campsiteId);
            if (others.ok())
                outcome.alternatives = others.value();
        }
        finish(outcome);
        return true;
    }
    m_held = holding.value();
    Result<PaymentRequest> payment = m_service.beginPayment(actor, m_held.id, m_gateway, method, paymentKey);
    if (!payment.ok()) {
        (void)m_service.releaseHold(actor, m_held.id);
        BookingOutcome outcome;
        outcome.error = payment.error();
        finish(outcome);
        return true;
    }
    emit held(m_held);
    PaymentGateway* gateway = &m_gateway;
    const PaymentRequest charge = payment.value();
    m_watcher.setFuture(
        QtConcurrent::run(backgroundPool(), [gateway, charge] { return BookingService::charge(*gateway, charge); }));
    return true;
}

void BookingFlow::paymentAnswered()
{
    const PaymentOutcome answer = m_watcher.result();
    Result<Reservation> result = m_service.finishPayment(m_actor, m_held.id, m_gateway, answer);
    BookingOutcome outcome;
    outcome.ok = result.ok();
    if (result.ok()) {
        outcome.reservation = result.value();
    } else {
        outcome.error = result.error();
        if (outcome.pending())
            outcome.reservation = m_held;
        if (outcome.error.code == ErrorCode::Unavailable || outcome.error.code == ErrorCode::PaymentsBusy)
            outcome.retryAfterSeconds = answer.retryAfterSeconds;
    }
    finish(outcome);
}

void BookingFlow::finish(BookingOutcome outcome)
{
    // Queued, so a caller of start() never sees finished() before start() returns.
    QMetaObject::invokeMethod(
        this,
        [this, outcome] {
            m_running = false;
            emit finished(outcome);
        },
        Qt::QueuedConnection);
}

} // namespace campdesk
