#pragma once

#include "core/clock.h"

#include <QMutex>
#include <QObject>
#include <deque>

namespace campdesk {

// Stops calling a sick service for a while: a count-based circuit breaker (closed, open, half-open), thread-safe.
// It only counts; the caller asks for a permit before each call and reports the outcome with that permit.
class CircuitBreaker final : public QObject
{
    Q_OBJECT
public:
    enum class State { Closed, Open, HalfOpen };
    Q_ENUM(State)

    // Defaults suit a kiosk's few payments an hour: a handful of failures in a row is enough to stop.
    struct Config
    {
        int windowSize = 10; // the last N calls are judged (count-based sliding window)
        int minimumCalls = 5; // no verdict before this many calls are in the window
        int failureRatePercent = 50; // open when failures / calls >= this
        qint64 slowCallMs = 5000; // a call taking at least this long is slow, even when it succeeded
        int slowCallRatePercent = 50; // open when slow calls / calls >= this
        qint64 openMs = 30000; // how long to fail fast before probing again
        int halfOpenProbes = 2; // calls let through in half-open; all must succeed to close
    };

    // A ticket to make one call. Results of calls admitted before the last state change are ignored, so a slow
    // answer from the closed state cannot be mistaken for a half-open probe.
    struct Permit
    {
        bool granted = false;
        quint64 generation = 0;
        explicit operator bool() const { return granted; }
    };

    explicit CircuitBreaker(QObject* parent = nullptr); // default Config, system clock
    explicit CircuitBreaker(Config config, const Clock* clock = nullptr, QObject* parent = nullptr);

    Permit tryAcquire();
    // The call behind the permit ended; `failed` for a broken or refused call, durationMs for slow-call counting.
    void record(const Permit& permit, bool failed, qint64 durationMs);

    State state() const;
    // While open: seconds until a probe is allowed (at least 1); 0 when calls are allowed now.
    int retryAfterSeconds() const;
    const Config& config() const { return m_config; }
    const Clock& clock() const { return *m_clock; }
    static QString stateName(State state); // "closed", "open", "half_open": stored in event payloads

signals:
    // reason is plain English for the log and the event payload, e.g. "failure rate 60% of 5 calls".
    void stateChanged(campdesk::CircuitBreaker::State from, campdesk::CircuitBreaker::State to, const QString& reason);

private:
    struct Change
    {
        State from = State::Closed;
        State to = State::Closed;
        QString reason;
    };
    // Caller holds the mutex. Returns the change to announce once the mutex is released.
    Change transition(State to, const QString& reason);
    Change openIfDueToProbe();
    void announce(const Change& change);

    const Config m_config;
    const Clock* m_clock;
    mutable QMutex m_mutex;
    State m_state = State::Closed;
    quint64 m_generation = 1;
    std::deque<std::pair<bool, bool>> m_window; // (failed, slow), newest at the back
    qint64 m_openUntilMs = 0;
    int m_probesGranted = 0;
    int m_probesSucceeded = 0;
};

} // namespace campdesk
