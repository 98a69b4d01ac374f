#pragma once

#include "domain/waitlistservice.h"

#include <QObject>
#include <QTimer>

namespace campdesk {

class EventBus;

// Runs the waitlist sweep on a terminal: soon after an event that frees nights (a cancellation, a released or lapsed
// hold, a no-show, an early departure, a block removed, on this terminal or another one through the event feed),
// and on a timer, so a missed event is caught too. Any number of terminals may run one (WaitlistService::sweep()).
class WaitlistOfferer final : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int sweepIntervalMs = 60 * 1000;
        int reactDelayMs = 500; // gathers a burst of events into one sweep
    };

    WaitlistOfferer(WaitlistService& waitlist, EventBus* bus, QObject* parent = nullptr);
    WaitlistOfferer(WaitlistService& waitlist, EventBus* bus, Options options, QObject* parent = nullptr);

    void start();
    void stop();
    // Whether an event frees nights a waiting entry may want.
    static bool freesNights(const DomainEvent& event);

public slots:
    void sweep();

signals:
    void offered(int count); // after a sweep that made offers

private:
    WaitlistService& m_waitlist;
    Options m_options;
    QTimer m_timer;
    QTimer m_soon;
};

} // namespace campdesk
