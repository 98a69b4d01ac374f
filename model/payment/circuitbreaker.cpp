#include "payment/circuitbreaker.h"

#include "core/logging.h"

#include <QLoggingCategory>
#include <algorithm>

namespace campdesk {

namespace {

int ceilSeconds(qint64 ms)
{
    return static_cast<int>(std::max<qint64>(1, (ms + 999) / 1000));
}

} // namespace

CircuitBreaker::CircuitBreaker(QObject* parent)
    : CircuitBreaker(Config(), nullptr, parent)
{
}

CircuitBreaker::CircuitBreaker(Config config, const Clock* clock, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_clock(clock ? clock : &Clock::system())
{
}

QString CircuitBreaker::stateName(State state)
{
    switch (state) {
    case State::Closed:
        return QStringLiteral("closed");
    case State::Open:
        return QStringLiteral("open");
    case State::HalfOpen:
        return QStringLiteral("half_open");
    }
    return QString();
}

CircuitBreaker::Change CircuitBreaker::transition(State to, const QString& reason)
{
    Change change { m_state, to, reason };
    m_state = to;
    ++m_generation;
    m_window.clear();
    m_probesGranted = 0;
    m_probesSucceeded = 0;
    if (to == State::Open)
        m_openUntilMs = m_clock->nowMs() + m_config.openMs;
    return change;
}

CircuitBreaker::Change CircuitBreaker::openIfDueToProbe()
{
    if (m_state == State::Open && m_clock->nowMs() >= m_openUntilMs)
        return transition(State::HalfOpen, QStringLiteral("open for %1 ms: probing").arg(m_config.openMs));
    return Change { m_state, m_state, QString() };
}

void CircuitBreaker::announce(const Change& change)
{
    if (change.from == change.to)
        return;
    if (change.to == State::Open)
        qCWarning(lcPayment).noquote() << "payment circuit breaker opened:" << change.reason;
    else
        qCInfo(lcPayment).noquote() << "payment circuit breaker now" << stateName(change.to) + QLatin1Char(':')
                                    << change.reason;
    emit stateChanged(change.from, change.to, change.reason);
}

CircuitBreaker::Permit CircuitBreaker::tryAcquire()
{
    Permit permit;
    Change change;
    {
        QMutexLocker lock(&m_mutex);
        change = openIfDueToProbe();
        switch (m_state) {
        case State::Closed:
            permit.granted = true;
            break;
        case State::Open:
            break;
        case State::HalfOpen:
            if (m_probesGranted < m_config.halfOpenProbes) {
                ++m_probesGranted;
                permit.granted = true;
            }
            break;
        }
        permit.generation = m_generation;
    }
    announce(change);
    return permit;
}

void CircuitBreaker::record(const Permit& permit, bool failed, qint64 durationMs)
{
    if (!permit.granted)
        return;
    const bool slow = durationMs >= m_config.slowCallMs;
    Change change;
    {
        QMutexLocker lock(&m_mutex);
        if (permit.generation != m_generation)
            return; // admitted before the last state change: says nothing about the service now
        if (m_state == State::HalfOpen) {
            // A kiosk makes few calls: one bad probe is evidence enough that the service is still sick.
            if (failed || slow) {
                change = transition(State::Open,
                                    failed ? QStringLiteral("a probe failed")
                                           : QStringLiteral("a probe took %1 ms").arg(durationMs));
            } else if (++m_probesSucceeded >= m_config.halfOpenProbes) {
                change = transition(State::Closed, QStringLiteral("%1 probes succeeded").arg(m_config.halfOpenProbes));
            }
        } else if (m_state == State::Closed) {
            m_window.emplace_back(failed, slow);
            while (static_cast<int>(m_window.size()) > std::max(1, m_config.windowSize))
                m_window.pop_front();
            const int calls = static_cast<int>(m_window.size());
            if (calls >= m_config.minimumCalls) {
                const auto failures
                    = std::count_if(m_window.begin(), m_window.end(), [](const auto& call) { return call.first; });
                const auto slowCalls
                    = std::count_if(m_window.begin(), m_window.end(), [](const auto& call) { return call.second; });
                const qint64 failureRate = failures * 100 / calls;
                const qint64 slowRate = slowCalls * 100 / calls;
                if (failureRate >= m_config.failureRatePercent) {
                    change = transition(State::Open,
                                        QStringLiteral("failure rate %1% of %2 calls").arg(failureRate).arg(calls));
                } else if (slowRate >= m_config.slowCallRatePercent) {
                    change = transition(State::Open,
                                        QStringLiteral("slow-call rate %1% of %2 calls").arg(slowRate).arg(calls));
                }
            }
        }
    }
    announce(change);
}

CircuitBreaker::State CircuitBreaker::state() const
{
    QMutexLocker lock(&m_mutex);
    return m_state;
}

int CircuitBreaker::retryAfterSeconds() const
{
    QMutexLocker lock(&m_mutex);
    switch (m_state) {
    case State::Closed:
        return 0;
    case State::Open: {
        const qint64 remaining = m_openUntilMs - m_clock->nowMs();
        return remaining <= 0 ? 0 : ceilSeconds(remaining);
    }
    case State::HalfOpen:
        // The probes' answers are due within about a slow call's time.
        return m_probesGranted < m_config.halfOpenProbes ? 0 : ceilSeconds(m_config.slowCallMs);
    }
    return 0;
}

} // namespace campdesk
