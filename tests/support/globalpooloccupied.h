#pragma once

#include <QSemaphore>
#include <QThreadPool>

namespace campdesk::test {

// Holds every thread of QThreadPool::globalInstance() until destroyed, as Qt's raster painter does while it fills
// (it splits fills over the global pool and waits for them). Campdesk's work off the window's thread must run on its
// own pool: on the global one a read would wait behind painting, and painting behind a read.
class GlobalPoolOccupied
{
public:
    GlobalPoolOccupied()
        : m_threads(QThreadPool::globalInstance()->maxThreadCount())
    {
        for (int i = 0; i < m_threads; ++i)
            QThreadPool::globalInstance()->start([this] {
                m_started.release();
                m_release.acquire();
            });
        m_started.acquire(m_threads);
    }
    ~GlobalPoolOccupied()
    {
        m_release.release(m_threads);
        QThreadPool::globalInstance()->waitForDone();
    }
    GlobalPoolOccupied(const GlobalPoolOccupied&) = delete;
    GlobalPoolOccupied& operator=(const GlobalPoolOccupied&) = delete;

private:
    const int m_threads;
    QSemaphore m_started;
    QSemaphore m_release;
};

} // namespace campdesk::test
