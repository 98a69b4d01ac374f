#pragma once

#include <QDateTime>

namespace campdesk {

// The source of "now", so hold expiry, lockouts and the circuit breaker can be tested without waiting.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime nowUtc() const { return QDateTime::currentDateTimeUtc(); }
    qint64 nowMs() const { return nowUtc().toMSecsSinceEpoch(); }
    // The campground's calendar day: local time, where guests check in and out.
    QDate today() const { return nowUtc().toLocalTime().date(); }

    static const Clock& system();
};

// A clock that only moves when told to; for tests.
class ManualClock : public Clock
{
public:
    explicit ManualClock(QDateTime start = QDateTime::currentDateTimeUtc())
        : m_now(start.toUTC())
    {
    }
    QDateTime nowUtc() const override { return m_now; }
    void set(const QDateTime& now) { m_now = now.toUTC(); }
    void advanceMs(qint64 ms) { m_now = m_now.addMSecs(ms); }
    void advanceSecs(qint64 secs) { m_now = m_now.addSecs(secs); }

private:
    QDateTime m_now;
};

} // namespace campdesk
