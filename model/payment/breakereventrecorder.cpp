#include "payment/breakereventrecorder.h"

#include "core/logging.h"
#include "db/database.h"

#include <QJsonObject>
#include <QLoggingCategory>

namespace campdesk {

BreakerEventRecorder::BreakerEventRecorder(Database& db, CircuitBreaker& breaker, QObject* parent)
    : QObject(parent)
    , m_db(db)
    , m_breaker(breaker)
{
    connect(&breaker, &CircuitBreaker::stateChanged, this, &BreakerEventRecorder::record, Qt::QueuedConnection);
}

void BreakerEventRecorder::record(CircuitBreaker::State from, CircuitBreaker::State to, const QString& reason)
{
    const QJsonObject payload {
        { QStringLiteral("from"), CircuitBreaker::stateName(from) },
        { QStringLiteral("to"), CircuitBreaker::stateName(to) },
        { QStringLiteral("state"), CircuitBreaker::stateName(to) }, // what the health check and status page read
        { QStringLiteral("reason"), reason },
        // The state may have moved on by the time this queued call runs: record the configured wait, not "now".
        { QStringLiteral("openSeconds"), to == CircuitBreaker::State::Open ? m_breaker.config().openMs / 1000 : 0 },
    };
    Status written = m_db.write([&](Transaction& tx) -> Status {
        tx.recordEvent(EventType::CircuitBreakerStateChanged, aggregate(), 0, payload);
        return {};
    });
    if (!written.ok())
        qCWarning(lcPayment).noquote() << "could not record the circuit breaker's state change:"
                                       << written.error().message;
}

} // namespace campdesk
