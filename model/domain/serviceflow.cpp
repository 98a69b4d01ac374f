#include "domain/serviceflow.h"

#include "core/backgroundpool.h"
#include "core/eventbus.h"
#include "core/logging.h"
#include "db/database.h"
#include "domain/bookingservice.h"

#include <QLoggingCategory>
#include <QtConcurrent/QtConcurrentRun>

namespace campdesk {

ServiceFlow::ServiceFlow(BookingService& service, QObject* parent)
    : QObject(parent)
    , m_service(service)
{
    qRegisterMetaType<campdesk::ServiceOutcome>();
    connect(&m_watcher, &QFutureWatcher<Answer>::finished, this, &ServiceFlow::answered);
}

ServiceFlow::~ServiceFlow()
{
    // The worker uses the gateways and the database file: let it finish before anything goes away.
    m_watcher.waitForFinished();
}

void ServiceFlow::waitForFinished()
{
    m_watcher.waitForFinished();
}

bool ServiceFlow::start(Call call)
{
    if (m_running)
        return false;
    m_running = true;
    emit started();
    const Database& main = m_service.database();
    const QList<PaymentGateway*> gateways = m_service.gateways();
    m_watcher.setFuture(QtConcurrent::run(backgroundPool(), [&main, gateways, call = std::move(call)]() -> Answer {
        Answer answer;
        // Same terminal name, so the event feed knows these events as ours and does not publish them twice.
        Result<std::unique_ptr<Database>> opened = main.openAnother();
        if (!opened.ok()) {
            answer.outcome.error = opened.error();
            return answer;
        }
        Database& db = *opened.value();
        // Events committed here are collected and published on the owner's thread (receivers are GUI objects).
        EventBus collector;
        QObject::connect(
            &collector, &EventBus::published, &collector,
            [&answer](const DomainEvent& event) { answer.events.push_back(event); }, Qt::DirectConnection);
        db.setBus(&collector);
        BookingService service(db);
        for (PaymentGateway* gateway : gateways)
            service.addGateway(gateway);
        Result<Reservation> result = call(service);
        answer.outcome.ok = result.ok();
        if (result.ok())
            answer.outcome.reservation = result.value();
        else
            answer.outcome.error = result.error();
        return answer;
    }));
    return true;
}

void ServiceFlow::answered()
{
    Answer answer = m_watcher.result();
    if (EventBus* bus = m_service.database().bus()) {
        for (const DomainEvent& event : answer.events)
            bus->publish(event);
    }
    m_running = false;
    emit finished(answer.outcome);
}

} // namespace campdesk
