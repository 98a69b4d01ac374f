#pragma once

#include "payment/circuitbreaker.h"

#include <QObject>

namespace campdesk {

class Database;

// Writes every circuit-breaker state change to domain_events (CircuitBreakerStateChanged, aggregate
// "payment_gateway"). Lives on the database's thread: the breaker changes state on whatever thread made the call,
// and the change reaches this object through a queued connection.
class BreakerEventRecorder final : public QObject
{
    Q_OBJECT
public:
    BreakerEventRecorder(Database& db, CircuitBreaker& breaker, QObject* parent = nullptr);

    static QString aggregate() { return QStringLiteral("payment_gateway"); }

private:
    void record(campdesk::CircuitBreaker::State from, campdesk::CircuitBreaker::State to, const QString& reason);

    Database& m_db;
    CircuitBreaker& m_breaker;
};

} // namespace campdesk
